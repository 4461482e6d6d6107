"""The facilitator's inject dialog: a free-text message to the players, or one of the
scenario's storyline events that has not fired yet (events marked ``manual`` first).

The result is ``("text", title, text, source, severity)`` (the source and severity the players
see: the facilitator's ``info`` unless chosen), ``("event", event_id, "", "", "")`` or None
when cancelled; the turn screen sends it through the session, which journals it first.
"""

from __future__ import annotations

from typing import ClassVar, get_args

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from oefening.scenario.model import Event, Severity, Source
from oefening.ui.screens.confirm import ConfirmDialog
from oefening.ui.screens.dialog import Dialog
from oefening.words import tr
from oefening.words.plain import text_in

InjectChoice = tuple[str, str, str, str, str]
SOURCES = get_args(Source)
SEVERITIES = get_args(Severity)


def open_events(events: list[Event], fired: set[str]) -> list[Event]:
    """Events that have not fired, those only the facilitator fires first."""
    waiting = [e for e in events if e.id not in fired]
    return sorted(waiting, key=lambda e: not e.manual)


class InjectDialog(Dialog[InjectChoice | None]):
    """Send a free-text inject or fire a storyline event by hand."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, events: list[Event], fired: set[str], lang: str) -> None:
        super().__init__()
        self.events = open_events(events, fired)
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        with VerticalScroll(classes="dialog-box wide"):
            yield Static(tr("inject.heading", lang), classes="heading")
            yield Label(tr("inject.title", lang))
            yield Input(id="inject-title")
            yield Label(tr("inject.text", lang))
            yield Input(id="inject-text")
            with Horizontal(id="inject-kind"):
                with Vertical():
                    yield Label(tr("inject.source", lang))
                    yield Select([(tr(f"source.{s}", lang), s) for s in SOURCES], value="facilitator",
                                 allow_blank=False, id="inject-source")
                with Vertical():
                    yield Label(tr("inject.severity", lang))
                    yield Select([(tr(f"severity.{s}", lang), s) for s in SEVERITIES], value="info",
                                 allow_blank=False, id="inject-severity")
            with Horizontal(classes="buttons"):
                yield Button(tr("inject.send", lang), variant="primary", id="send")
                yield Button(tr("cancel", lang), id="cancel")
            yield Label(tr("inject.events", lang) if self.events else tr("inject.no_events", lang))
            options = []
            for event in self.events:
                title = text_in(event.inject.title, lang) if event.inject is not None else ""
                manual = f"★ {tr('inject.manual', lang)} · " if event.manual else ""
                options.append(Option(Text(f"{manual}{title or event.id}  ({event.id})"), id=event.id))
            yield OptionList(*options, id="inject-events")

    def on_mount(self) -> None:
        self.query_one("#inject-title", Input).focus()

    def _send(self) -> None:
        title = self.query_one("#inject-title", Input).value.strip()
        if not title:
            self.notify(tr("inject.need_title", self.lang), severity="warning")
            self.query_one("#inject-title", Input).focus()
            return
        source = self.query_one("#inject-source", Select).value
        severity = self.query_one("#inject-severity", Select).value
        self.dismiss(("text", title, self.query_one("#inject-text", Input).value.strip(), str(source), str(severity)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "inject-title":
            self.query_one("#inject-text", Input).focus()
        else:
            self._send()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "send":
            self._send()
        else:
            self.dismiss(None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Firing an event changes the world (a failure, a bankruptcy): ask first, by name."""
        event.stop()
        chosen = next((e for e in self.events if e.id == event.option.id), None)
        if chosen is None:
            return
        lang = self.lang
        title = text_in(chosen.inject.title, lang) if chosen.inject is not None else chosen.id
        severity = chosen.inject.severity if chosen.inject is not None else "info"
        question = tr("inject.confirm_fire", lang, title=title, id=chosen.id,
                      severity=tr(f"severity.{severity}", lang))

        def fire(yes: bool | str | None) -> None:
            if yes:
                self.dismiss(("event", chosen.id, "", "", ""))

        self.app.push_screen(ConfirmDialog(question, tr("inject.fire", lang), lang), fire)

    def action_cancel(self) -> None:
        self.dismiss(None)
