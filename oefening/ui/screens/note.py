"""The observer's note dialog: a free text and, optionally, the observer's name. The result is
``(text, author)`` or None when cancelled; the screen that asked journals it via the session."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from oefening.words import tr


class NoteDialog(ModalScreen[tuple[str, str | None] | None]):
    """Write an observer's note (kept in the journal, no effect on the exercise)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, lang: str, author: str = "") -> None:
        super().__init__(classes="dialog")
        self.lang = lang
        self.author = author

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog-box"):
            yield Static(tr("note.heading", lang), classes="heading")
            yield Label(tr("note.text", lang))
            yield Input(id="note-text")
            yield Label(tr("note.author", lang))
            yield Input(self.author, id="note-author")
            with Horizontal(classes="buttons"):
                yield Button(tr("note.save", lang), variant="primary", id="save")
                yield Button(tr("cancel", lang), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#note-text", Input).focus()

    def _save(self) -> None:
        text = self.query_one("#note-text", Input).value.strip()
        if not text:
            self.query_one("#note-text", Input).focus()
            return
        author = self.query_one("#note-author", Input).value.strip() or None
        self.dismiss((text, author))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
