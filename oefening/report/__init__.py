"""The after-action report: built from a journalled session, written as HTML or Markdown."""
