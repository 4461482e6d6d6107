"""The team console (``oefening join JOURNAL --team ID``): one team's screen in an exercise
played by several teams, in its own process, terminal or browser tab.

The app is handed a session that decides for one team (``Session.join``). Several such
processes and the facilitator's console write the same journal; every
``POLL_SECONDS`` the app takes in what the others appended (``session.refresh()``, a stat call
when nothing changed) and redraws, so a team sees another's decision, a message or the next
turn within a second of its journal line. A team that left and joins again gets a session
rebuilt from the journal and sees where it was: its decisions, its ready, its messages.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import App
from textual.notifications import SeverityLevel

from oefening.errors import OefeningError
from oefening.ui.screens.team import TeamScreen
from oefening.ui.teamview import Seat, has_taken_part, messages, seat_names, seat_of, sender_name
from oefening.words import tr
from oefening.words.plain import one_line, plain, text_in

if TYPE_CHECKING:
    from oefening.journal.session import Session

POLL_SECONDS = 0.25


class TeamApp(App[None]):
    """One team's console over a journal that others write too."""

    CSS_PATH = "oefening.tcss"
    TITLE = "oefening"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, session: Session, *, lang: str | None = None,
                 clock: Callable[[], float] = time.time, poll: float = POLL_SECONDS) -> None:
        super().__init__()
        team = session.team
        seat = seat_of(session.scenario, team) if team is not None else None
        if seat is None:
            raise OefeningError(f"the scenario has no team {team!r}")
        self.session = session
        self.seat: Seat = seat
        self.lang = lang or session.lang
        self.clock = clock
        self._poll = poll
        self._turn = session.exercise.turn
        self._undos = len(session.course.undos)
        self._seen = {m.number for m in messages(session, seat.id)}
        self._rejoined = has_taken_part(session, seat.id)
        self._problem: str | None = None
        self._waiting: list[str] = []   # whom auto-advance waits for, as last drawn

    def on_mount(self) -> None:
        self.retitle()
        self.push_screen(TeamScreen(self.session, self.seat))
        if self._rejoined:
            self.notify(tr("team.rejoined", self.lang, turn=self._turn + 1), timeout=6)
        self.set_interval(self._poll, self.follow)

    def retitle(self) -> None:
        self.title = one_line(text_in(self.session.scenario.title, self.lang))
        self.sub_title = one_line(tr("team.sub_title", self.lang, team=self.seat.title(self.lang)))

    def follow(self) -> bool:
        """Take in what the others appended; redraw when something came. True when it did."""
        try:
            changed = self.session.refresh()
        except OefeningError as error:
            problem = "\n".join(str(p) for p in error.problems)
            if problem != self._problem:   # once, not every quarter second
                self._problem = problem
                self.notify(problem, severity="error", timeout=10)
            return False
        self._problem = None
        if changed:
            self.took_in()
        elif self.session.auto and self.seat.id in self.session.ready_players():
            waiting = self.session.waiting_for()   # a console opened or closed: whom the turn waits for
            if waiting != self._waiting:
                self._waiting = waiting
                self.redraw()
        return changed

    def took_in(self) -> None:
        """Tell the team what changed (the next turn, a message for it) and redraw."""
        exercise = self.session.exercise
        undos = len(self.session.course.undos)
        if undos > self._undos:   # the facilitator took a turn back: the team's ready went with it
            self._undos = undos
            self._turn = exercise.turn
            self.notify(tr("team.undone", self.lang, turn=exercise.turn + 1), severity="warning", timeout=12)
        elif exercise.turn != self._turn:
            self._turn = exercise.turn
            key = "team.finished" if exercise.finished else "team.turned"
            self.notify(tr(key, self.lang, turn=exercise.turn + 1), timeout=5)
        names = seat_names(self.session.scenario, self.lang)
        for message in messages(self.session, self.seat.id):
            if message.number not in self._seen:
                self._seen.add(message.number)
                if message.sender != self.seat.id:
                    self.notify(plain(message.text), title=tr("message.new", self.lang,
                                                              sender=sender_name(message.sender, names, self.lang)),
                                timeout=8)
        self.redraw()

    def redraw(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, TeamScreen) and screen.frame is not None:   # drawn once (mounted)
                screen.redraw()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every toast as plain text (names and messages come from outside; never markup)."""
        super().notify(plain(message), title=one_line(title), severity=severity, timeout=timeout, markup=False)


def make_team_app(session: Session, lang: str | None = None, *, clock: Callable[[], float] = time.time,
                  poll: float = POLL_SECONDS) -> TeamApp:
    """The team console for ``session``, a session joined for one team (``Session.join``)."""
    return TeamApp(session, lang=lang, clock=clock, poll=poll)
