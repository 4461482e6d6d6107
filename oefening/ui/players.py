"""The players' view (``oefening show JOURNAL``): what the crisis team sees on the projector.

Read-only. It follows the journal the facilitator's console writes, in another process or on
another machine's browser (``oefening serve``), and rebuilds the exercise through the session
reader within a second of each new line. It shows only what the players may know: the
storyline injects the facilitator released (in the facilitator's wording), the facilitator's
own injects, the questions put to the team, the discussion timer, what became of the team's
decisions, and the state of processes, suppliers and facilities. Never the storyline ahead,
an inject that is held back or dropped, nor observers' notes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header

from oefening.errors import OefeningError
from oefening.journal.session import Session
from oefening.ui.frame import Frame
from oefening.ui.widgets.feed import Feed
from oefening.ui.widgets.pending import PendingPanel
from oefening.ui.widgets.processes import ProcessTable
from oefening.ui.widgets.status import StatusBar
from oefening.ui.widgets.text import TextPanel
from oefening.ui.widgets.world import WorldPanel
from oefening.words import other, tr
from oefening.words.describe import Names
from oefening.words.plain import plain, text_in

POLL_SECONDS = 0.25   # how often the journal is looked at (a stat call; it is read only when it changed)
PANELS = {
    "#processes": "panel.processes",
    "#world-box": "panel.world",
    "#pending-box": "panel.pending",
    "#feed": "panel.feed",
    "#asked": "panel.questions",
}


def asked_text(session: Session) -> Text:
    """The questions put to the team at this meeting, newest first."""
    turn = session.exercise.turn
    asked = [a for a in session.staging.asked if a.turn == turn]
    text = Text()
    for item in reversed(asked):
        if text:
            text.append("\n")
        text.append("? ", style="bold yellow")
        text.append(plain(item.text), style="bold")
    return text


class PlayersScreen(Screen[None]):
    """The exercise as the players see it."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012
    AUTO_FOCUS = None   # read-only: nothing takes focus, so the narrow column never scrolls away from the top
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "language", show=False),
        Binding("q,ctrl+q", "app.quit", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield StatusBar(id="status")
        yield TextPanel(id="players-wait")
        with Container(id="columns"):
            with Container(id="players-top"):
                with Vertical(id="players-left"):
                    yield TextPanel(id="asked", classes="panel")
                    yield Feed(id="feed", classes="panel")
                with Vertical(id="players-right"):
                    with VerticalScroll(id="world-box", classes="panel"):
                        yield WorldPanel(id="world")
                    with VerticalScroll(id="pending-box", classes="panel"):
                        yield PendingPanel(id="pending")
            yield ProcessTable(id="processes", classes="panel")

    ready = False   # composed and mounted: the app's poll may draw on it (it starts before)

    def on_mount(self) -> None:
        self.ready = True
        for panel in self.query(".panel"):
            panel.can_focus = False   # read-only: a focused panel would scroll the narrow column away from the top
        self.query_one("#asked").display = False
        app: PlayersApp = self.app  # type: ignore[assignment]
        if not app.follow():   # the journal at once, not after the first poll interval
            app.redraw()

    def action_language(self) -> None:
        app: PlayersApp = self.app  # type: ignore[assignment]
        app.lang = other(app.lang)
        app.redraw()


class PlayersApp(App[None]):
    """Follows a journal and shows the players' share of it."""

    CSS_PATH = "oefening.tcss"
    TITLE = "oefening"
    ENABLE_COMMAND_PALETTE = False
    AUTO_FOCUS = None

    def __init__(self, follow: Callable[[], Session | None], *, lang: str | None = None,
                 clock: Callable[[], float] = time.time, poll: float = POLL_SECONDS) -> None:
        super().__init__()
        self._follow = follow
        self.lang = lang or "en"
        self._lang_given = lang is not None
        self.clock = clock
        self._poll = poll
        self.session: Session | None = None
        self.problem: str | None = None
        self._names: Names | None = None

    def on_mount(self) -> None:
        self.push_screen(PlayersScreen())
        self.set_interval(self._poll, self.follow)
        self.set_interval(1.0, self.tick)

    def follow(self) -> bool:
        """Read the journal again if it changed; redraw when it did. True when it did."""
        try:
            session = self._follow()
        except OefeningError as error:
            self.problem = "\n".join(str(p) for p in error.problems)
            self._show_wait()
            return False
        self.problem = None
        if session is None:
            return False
        if self.session is None and not self._lang_given:
            self.lang = session.lang
        self.session = session
        self.redraw()
        return True

    def _drawable(self) -> PlayersScreen | None:
        """The players' screen once it is mounted (the poll can fire before it is)."""
        screen = self.screen
        return screen if isinstance(screen, PlayersScreen) and screen.ready else None

    def _show_wait(self) -> None:
        screen = self._drawable()
        if screen is not None:
            words = self.problem or tr("players.waiting", self.lang)
            screen.query_one("#players-wait", TextPanel).show_text(Text(words, style="bold yellow"))

    def redraw(self) -> None:
        screen = self._drawable()
        session = self.session
        if screen is None:
            return
        if session is None:
            self._show_wait()
            return
        lang = self.lang
        if self._names is None or self._names.lang != lang:
            self._names = Names(session.scenario, lang)
            for selector, title in PANELS.items():
                screen.query_one(selector).border_title = tr(title, lang)
        self.title = text_in(session.scenario.title, lang)
        self.sub_title = tr("players.sub_title", lang)
        wait = screen.query_one("#players-wait", TextPanel)
        wait.display = False
        frame = Frame.read(session, lang, self._names, players=True)
        if session.scenario.teams:   # the projector is everyone's: no inject meant for some teams only
            frame = replace(frame, record=[e for e in frame.record if session.entry_public(e)])
        screen.query_one(StatusBar).show(frame)
        screen.query_one(ProcessTable).show(frame)
        screen.query_one(WorldPanel).show(frame)
        screen.query_one(PendingPanel).show(frame)
        screen.query_one(Feed).show(frame)
        asked = asked_text(session)
        panel = screen.query_one("#asked", TextPanel)
        panel.display = bool(asked)
        panel.show_text(asked)
        self.tick()

    def tick(self) -> None:
        screen = self._drawable()
        if self.session is not None and screen is not None:
            # the timer fires once a second, also while the app is closing and the screen's
            # widgets are being removed (seen under load): then there is nothing to draw on
            for bar in screen.query(StatusBar):
                bar.show_timer(self.session.staging.timer, self.clock())


def players_app(follow: Callable[[], Session | None], *, lang: str | None = None,
                clock: Callable[[], float] = time.time, poll: float = POLL_SECONDS) -> PlayersApp:
    """The players' view around ``follow``: a call that gives the exercise anew when the journal
    changed and None when it did not (:class:`oefening.journal.follow.Follower.poll`)."""
    return PlayersApp(follow, lang=lang, clock=clock, poll=poll)
