"""A yes/no question over the current screen: the answer is the dialog's result (True for the
confirming button, Enter, ``y`` or the key that asked, pressed again; False for cancel or
Escape), and, when the dialog offers it, "always" for "yes, and do not ask again" (``a``).
Pressing the same key twice (``n n``, ``q q``) is how people confirm without reading twice."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from oefening.ui import internals
from oefening.ui.screens.dialog import Dialog
from oefening.words import tr
from oefening.words.plain import text


class ConfirmDialog(Dialog[bool | str]):
    """Ask before something that matters (next turn without decisions, undo, quit)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(False)", show=False),
        Binding("y,j", "answer(True)", show=False),
        Binding("a", "always", show=False),
    ]

    def __init__(self, question: str, yes: str, lang: str, always: str | None = None, key: str = "") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.lang = lang
        self.always = always
        self.key = key
        if key:
            internals.bind(self, key, "answer(True)")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(text(self.question), classes="question")
            again = f"{self.key} / " if self.key else ""
            hint = tr("confirm.keys", self.lang, again=again)
            if self.always is not None:
                hint += " · " + tr("confirm.keys_always", self.lang)
            yield Static(hint, classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(self.yes, variant="primary", id="yes")
                if self.always is not None:
                    yield Button(self.always, id="always")
                yield Button(tr("cancel", self.lang), id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss("always" if event.button.id == "always" else event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_always(self) -> None:
        if self.always is not None:
            self.dismiss("always")
