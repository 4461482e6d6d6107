"""The base of every dialog over the console: centred, and compact on a short terminal.

Below ``SHORT`` lines (an 80×24 terminal) a dialog's inputs, selects, lists and buttons drop
their borders and the box its margins (the screen gets the class ``-short``), so every
dialog's content fits: the inject dialog's storyline list, the note's two fields, the
direction dialog's lists."""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Select

SHORT = 30
Result = TypeVar("Result")


class Dialog(ModalScreen[Result]):
    """A modal dialog with the ``dialog`` class, compact below ``SHORT`` lines."""

    def __init__(self) -> None:
        super().__init__(classes="dialog")

    def on_mount(self) -> None:
        self.fit(self.app.size.height)   # before the first layout, so heights come out right

    def on_resize(self, event: events.Resize) -> None:
        self.fit(event.size.height)

    def fit(self, height: int) -> None:
        """Compact widgets (no borders) on a short terminal, the usual ones otherwise."""
        short = height < SHORT
        self.set_class(short, "-short")
        for widget in self.query("Input, Button, Select, OptionList"):
            if isinstance(widget, Input | Button | Select | OptionList):
                widget.compact = short
