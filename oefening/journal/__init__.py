"""The journal (SPEC §5): its line format, reader and writer, and the journalled session."""
