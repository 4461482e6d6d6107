"""The screens of the terminal UI, one per module: start, briefing, turn, end, help and the
dialogs (confirm, inject, note)."""
