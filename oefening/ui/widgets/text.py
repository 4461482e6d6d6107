"""A static text panel that redraws only when its text changed, and asks for a new layout of
the screen only when the number of lines it needs changed (a layout of the whole screen costs
far more than repainting one panel)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from rich.console import Console
from rich.text import Text
from textual.widgets import Static

_CONSOLE = Console(width=200)  # only to measure and wrap text


def hanging(prefix: Text, body: Text, width: int) -> Text:
    """``prefix`` then ``body``, wrapped to ``width`` with later lines indented under the body."""
    indent = prefix.cell_len
    if width <= 0 or indent + body.cell_len <= width:
        return Text.assemble(prefix, body)
    out = Text.assemble(prefix)
    lines = body.wrap(_CONSOLE, max(8, width - indent))
    for i, line in enumerate(lines):
        if i:
            out.append("\n" + " " * indent)
        line.rstrip()
        out.append_text(line)
    return out


def longest_word(texts: Iterable[str]) -> int:
    """The width of the longest word in ``texts``: a column that wraps names at word
    boundaries is at least this wide, so no word is ever cut (``Detentieadministratie``)."""
    return max((len(word) for text in texts for word in text.split()), default=0)


def wrapped(text: str, width: int, indent: str = "") -> str:
    """``text`` in lines of at most ``width`` cells, broken at spaces (and after a hyphen),
    later lines indented; a word longer than ``width`` stays whole on its own line (the
    caller makes the column at least :func:`longest_word` wide)."""
    lines = textwrap.wrap(text, max(4, width - len(indent)), break_long_words=False) or [""]
    return ("\n" + indent).join(lines)


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
