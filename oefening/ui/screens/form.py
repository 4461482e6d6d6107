"""The one input dialog of the console: a heading and labelled one-line fields. Enter in the
last field (or Save) returns ``{field id: text}``, Esc returns None. Used for observer notes,
rewording a storyline inject, and the hot wash's participants, findings and corrective
actions.

A field may be required: left empty, the dialog stays open and says so under the fields.
The screen that asked may check the values further through the session, which says in one
line what is wrong (``check`` raises :class:`~oefening.errors.OefeningError`): the dialog
then stays open with the message, so nothing typed is lost."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from oefening.errors import OefeningError
from oefening.ui.screens.dialog import Dialog
from oefening.words import said, tr
from oefening.words.plain import plain, text

Field = tuple[str, str, str]   # (id, label, value)


class FormDialog(Dialog[dict[str, str] | None]):
    """Fill in a few fields; ``check(values)`` may raise OefeningError to keep the dialog open.

    ``required`` maps a field id to the line shown when it is left empty; with
    ``enter_saves`` Enter in any field saves (a note whose name field is optional), else
    Enter goes to the next field and saves in the last one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, heading: str, fields: Sequence[Field], lang: str,
                 check: Callable[[dict[str, str]], object] | None = None, *,
                 required: Mapping[str, str] | None = None, enter_saves: bool = False) -> None:
        super().__init__()
        self.heading = heading
        self.fields = list(fields)
        self.lang = lang
        self.check = check
        self.required = dict(required or {})
        self.enter_saves = enter_saves

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box wide form-box"):
            yield Static(text(self.heading, lines=False), classes="heading")
            for ident, label, value in self.fields:
                yield Label(text(label, lines=False))
                yield Input(value, id=f"form-{ident}")
            yield Static(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button(tr("note.save", self.lang), variant="primary", id="save")
                yield Button(tr("cancel", self.lang), id="cancel")

    def on_mount(self) -> None:
        self.query_one(f"#form-{self.fields[0][0]}", Input).focus()

    def values(self) -> dict[str, str]:
        return {ident: self.query_one(f"#form-{ident}", Input).value for ident, _, _ in self.fields}

    def _refuse(self, message: str, field: str | None = None) -> None:
        self.query_one("#form-error", Static).update(text(plain(message), "bold red"))
        if field is not None:
            self.query_one(f"#form-{field}", Input).focus()

    def _save(self) -> None:
        values = self.values()
        for ident, message in self.required.items():
            if not values[ident].strip():
                self._refuse(message, ident)
                return
        if self.check is not None:
            try:
                self.check(values)
            except OefeningError as error:
                self._refuse(said(error, self.lang))
                return
        self.dismiss(values)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        last = f"form-{self.fields[-1][0]}"
        if self.enter_saves or event.input.id == last:
            self._save()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
