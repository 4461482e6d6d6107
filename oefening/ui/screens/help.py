"""The help screen (``?``): every key with what it does, how a turn goes, and what the
symbols, bars and colours on the turn screen mean. Escape, ``?`` or ``q`` closes it."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from oefening.ui import keys
from oefening.ui.screens.dialog import Dialog
from oefening.words import tr


def key_table(lang: str, listed: tuple[keys.Key, ...] | None = None) -> Table:
    """The keys ``listed`` (by default the facilitator's turn screen) with what they do."""
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    seen: set[str] = set()
    for key in listed if listed is not None else (*keys.TURN, keys.TOGGLE, *keys.GLOBAL):
        if key.display in seen:
            continue
        seen.add(key.display)
        display = key.display.replace("space", tr("key.space", lang))
        text = {"language": "help.language", "ask_quit": "help.quit"}.get(key.action, key.text)
        table.add_row(display, tr(text, lang))
    table.add_row("Ctrl+Q", tr("help.ctrl_q", lang))
    table.add_row("Tab / Shift+Tab", tr("help.tab", lang))
    return table


class HelpScreen(Dialog[None]):
    """Keys, the course of a turn and the legend."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "close", show=False)]

    def __init__(self, lang: str, listed: tuple[keys.Key, ...] | None = None, flow: str = "help.flow") -> None:
        super().__init__()
        self.lang = lang
        self.listed = listed
        self.flow = flow

    def compose(self) -> ComposeResult:
        lang = self.lang
        with VerticalScroll(classes="dialog-box wide", id="help-box"):
            yield Static(tr("help.heading", lang), classes="heading")
            yield Static(Text(tr("help.scroll", lang), style="dim"))
            yield Static(tr(self.flow, lang))
            yield Static(Text(tr("help.keys", lang), style="bold underline"))
            yield Static(key_table(lang, self.listed))
            yield Static(Text(tr("help.legend", lang), style="bold underline"))
            yield Static(Text(tr("help.legend_text", lang)))
            yield Static(Text(tr("help.scroll", lang), style="dim"))

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def action_close(self) -> None:
        self.dismiss(None)
