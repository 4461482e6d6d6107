"""A static text panel that redraws only when its text changed, and asks for a new layout of
the screen only when the number of lines it needs changed (a layout of the whole screen costs
far more than repainting one panel)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class TextPanel(Static):
    """Static text, updated cheaply."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._markup: str | None = None
        self._lines = -1

    def show_text(self, text: Text) -> bool:
        """Show ``text``; False (and nothing done) when it is what is shown already."""
        markup = text.markup
        if markup == self._markup:
            return False
        self._markup = markup
        width = self.content_region.width or self.size.width
        lines = len(text.wrap(self.app.console, width)) if width > 0 else -1
        self.update(text, layout=lines != self._lines or lines < 0)
        self._lines = lines
        return True
