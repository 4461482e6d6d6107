"""Talking to the other teams: the message dialog of the team console (and the
facilitator's): choose to whom (another team, coordination, or everyone) with ↑/↓, type the
message, Enter sends, giving ``(to, text)``; and the share dialog: with whom the team shares its
organisations in full. None when cancelled; the screen that asked journals it via the session."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from oefening.words import tr
from oefening.words.plain import text


class MessageDialog(ModalScreen[tuple[str, str] | None]):
    """Write a message to another team (recorded in the journal)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, addressees: list[tuple[str, str]], lang: str) -> None:
        super().__init__(classes="dialog")
        self.addressees = addressees      # (id, name) in the order offered
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog-box"):
            yield Static(tr("message.heading", lang), classes="heading")
            yield Label(tr("message.to", lang))
            yield OptionList(*(Option(text(name, lines=False), id=ident) for ident, name in self.addressees),
                             id="message-to")
            yield Label(tr("message.text", lang))
            yield Input(id="message-text")
            with Horizontal(classes="buttons"):
                yield Button(tr("message.send", lang), variant="primary", id="send")
                yield Button(tr("cancel", lang), id="cancel")

    def on_mount(self) -> None:
        to = self.query_one("#message-to", OptionList)
        to.highlighted = 0
        self.query_one("#message-text", Input).focus()

    def on_key(self, event: object) -> None:
        """↑/↓ in the text field choose the addressee, so typing never has to leave it."""
        key = getattr(event, "key", "")
        if key in ("up", "down") and self.focused is self.query_one("#message-text", Input):
            to = self.query_one("#message-to", OptionList)
            to.action_cursor_up() if key == "up" else to.action_cursor_down()
            getattr(event, "stop", lambda: None)()

    def _send(self) -> None:
        message = self.query_one("#message-text", Input).value.strip()
        to = self.query_one("#message-to", OptionList)
        if not message or to.highlighted is None:
            self.query_one("#message-text", Input).focus()
            return
        self.dismiss((self.addressees[to.highlighted][0], message))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#message-text", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._send()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "send":
            self._send()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ShareDialog(ModalScreen[str | None]):
    """Choose with whom the team shares its organisations in full (✔: shared now); Enter
    switches the highlighted one on or off. The result is the id chosen, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, addressees: list[tuple[str, str]], shared: set[str], lang: str) -> None:
        super().__init__(classes="dialog")
        self.addressees = addressees
        self.shared = shared
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog-box"):
            yield Static(tr("share.heading", lang), classes="heading")
            yield Static(tr("share.explain", lang), classes="question")
            yield OptionList(*(Option(text(f"{'✔' if ident in self.shared else '·'} {name}", lines=False), id=ident)
                               for ident, name in self.addressees), id="share-with")
            yield Static(tr("share.hint", lang), classes="hint")

    def on_mount(self) -> None:
        choices = self.query_one("#share-with", OptionList)
        choices.highlighted = 0
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.addressees[event.option_index][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
