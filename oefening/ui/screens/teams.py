"""The facilitator's turn screen in an exercise played by several teams, and the overview of
the teams.

:class:`TeamsTurnScreen` is the turn screen (:mod:`oefening.ui.screens.turn`) with one line
more under the status line: how many teams are ready, each team's mark (✔ ready, ✎ decided,
· nothing yet, "□ no console" when its console is not open), whether the turn advances by
itself and, when it does, whom it waits for. It follows what the teams append to the journal
(``session.refresh()`` every quarter second) and the consoles that open and close (the presence
files, :mod:`oefening.journal.presence`), and redraws. ``g`` opens :class:`TeamsDialog`: every
team's state, whether its console is open, who decided and who said ready this turn, every
message between teams, and the switch "advance when every team is ready" (``a``, also on the
turn screen). Advancing stays the facilitator's key (``n``); with the switch on, the team that
says ready last of those with a console open makes the turn advance (``Session.ready``), and
a team nobody plays holds nothing up.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from oefening.errors import OefeningError
from oefening.journal.presence import Consoles
from oefening.journal.session import Session
from oefening.ui import keys
from oefening.ui.frame import Frame
from oefening.ui.screens.message import MessageDialog
from oefening.ui.screens.turn import TurnScreen
from oefening.ui.teamview import (
    EVERYONE,
    decided_now,
    decisions_now,
    has_taken_part,
    join_command,
    join_lines,
    messages,
    ready_now,
    seat_names,
    seats,
)
from oefening.ui.widgets.teams import MessagesPanel, teams_line, teams_text
from oefening.ui.widgets.text import TextPanel
from oefening.words import tr
from oefening.words.describe import Names

POLL_SECONDS = 0.25
FACILITATOR = (
    keys.Key("g", "teams", "key.teams", "g"),
    keys.Key("a", "auto_advance", "key.auto_advance", "a", show=False),
)


def advanced_words(session: Session, lang: str) -> str:
    """What the facilitator is told when the teams' ready advanced the turn: that every team
    was ready, or every team with its console open, naming those not waited for."""
    segments = session.course.segments
    ready = {line.data["team"] for line in segments[-2] if line.type == "ready"} if len(segments) > 1 else set()
    names = seat_names(session.scenario, lang)
    skipped = [names[p] for p in session.players if p not in ready]
    turn = session.exercise.turn + 1
    if not skipped:
        return tr("teams.advanced", lang, turn=turn)
    return tr("teams.advanced_without", lang, turn=turn, teams=", ".join(skipped))


def toggle_auto(session: Session) -> bool:
    """Switch "advance when every team is ready" on or off (journalled); the new setting."""
    session.set_auto(not session.auto)
    return bool(session.auto)


class TeamsTurnScreen(TurnScreen):
    """The facilitator's turn screen, with the teams."""

    def __init__(self, session: Session, *, poll: float = POLL_SECONDS) -> None:
        super().__init__(session)
        self._poll = poll
        self._keys_lang: str | None = None
        self._problem: str | None = None
        self._turn = session.exercise.turn
        self._consoles: Consoles | None = None   # the team consoles last drawn

    def compose(self) -> ComposeResult:
        for widget in super().compose():   # the turn screen, with the teams' line under the status line
            yield widget
            if widget.id == "status":
                yield TextPanel(id="teams-line")

    def on_mount(self) -> None:
        super().on_mount()
        self.set_interval(self._poll, self.follow)
        session = self.session
        if not any(has_taken_part(session, seat.id) for seat in seats(session.scenario)):   # nobody joined yet
            first = seats(session.scenario)[0].id
            self.notify(tr("teams.join_toast", self.oefening.lang, command=join_command(session, first)),
                        timeout=15)

    def redraw(self) -> None:
        super().redraw()
        lang = self.oefening.lang
        if self._keys_lang != lang:
            self._keys_lang = lang
            keys.install(self, keys.TURN + FACILITATOR, lang)
        if self.frame is not None:
            session = self.session
            consoles = self._consoles = session.consoles()
            self.query_one("#teams-line", TextPanel).show_text(
                teams_line(self.frame, seats(session.scenario), decided_now(session), ready_now(session),
                           bool(session.auto), consoles, session.waiting_for(consoles) if session.auto else None))

    def follow(self) -> None:
        """Take in what the teams appended; redraw (or show the end) when something came."""
        try:
            changed = self.session.refresh()
        except OefeningError as error:
            problem = "\n".join(str(p) for p in error.problems)
            if problem != self._problem:
                self._problem = problem
                self.notify(problem, severity="error", timeout=10)
            return
        self._problem = None
        if not self.is_attached:
            return
        if not changed:   # a console opened or closed changes no journal line: look at the presence files
            if self.session.consoles() != self._consoles:
                self.redraw()
            return
        turn = self.session.exercise.turn
        if turn > self._turn and self.session.auto:   # the last team's ready advanced the turn
            self.notify(advanced_words(self.session, self.oefening.lang), timeout=5)
        self._turn = turn
        if self.session.exercise.finished:
            if self.app.screen is self:
                self.oefening.show_end()
            return
        self.redraw()

    def advance(self) -> None:
        """The facilitator's own next turn (``n``): not one the teams' ready made."""
        super().advance()
        self._turn = self.session.exercise.turn

    def action_teams(self) -> None:
        self.app.push_screen(TeamsDialog(self.session, self.oefening.lang))

    def action_auto_advance(self) -> None:
        on = toggle_auto(self.session)
        self.notify(tr("teams.auto_on" if on else "teams.auto_off", self.oefening.lang), timeout=5)
        self.redraw()


class TeamsDialog(ModalScreen[None]):
    """Every team's state this turn, the messages between teams, and the auto-advance switch."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,g", "close", show=False),
        Binding("a", "auto", show=False),
        Binding("m", "message", show=False),
    ]

    def __init__(self, session: Session, lang: str) -> None:
        super().__init__(classes="dialog")
        self.session = session
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box wide", id="teams-box"):
            yield Static(tr("teams.heading", self.lang), classes="heading")
            yield TextPanel(id="teams-auto")
            yield TextPanel(id="teams-state")
            yield Static(Text(tr("panel.team_messages", self.lang), style="bold underline"), classes="subheading")
            yield MessagesPanel(id="teams-messages")
            yield Static(Text(tr("teams.join_heading", self.lang), style="bold underline"), classes="subheading")
            yield Static(Text("\n".join(join_lines(self.session, self.lang))), id="teams-join")
            yield Static(Text(tr("teams.hint", self.lang), style="dim"), classes="hint")

    def on_mount(self) -> None:
        self.redraw()
        self.set_interval(0.5, self.redraw)
        self.query_one("#teams-box").focus()

    def redraw(self) -> None:
        session = self.session
        frame = Frame.read(session, self.lang, Names(session.scenario, self.lang))
        auto = bool(session.auto)
        consoles = session.consoles()
        switch = Text(tr("teams.auto_on" if auto else "teams.auto_off", self.lang),
                      style="bold black on green" if auto else "dim")
        waiting = session.waiting_for(consoles) if auto else []
        if waiting:
            names = seat_names(session.scenario, self.lang)
            switch.append("\n" + tr("teams.waiting", self.lang, teams=", ".join(names[w] for w in waiting)),
                          style="bold")
        self.query_one("#teams-auto", TextPanel).show_text(switch)
        self.query_one("#teams-state", TextPanel).show_text(
            teams_text(frame, seats(session.scenario), decided_now(session), ready_now(session),
                       decisions_now(session), consoles))
        self.query_one(MessagesPanel).show(messages(session, None), frame)

    def action_auto(self) -> None:
        toggle_auto(self.session)
        self.redraw()

    def action_message(self) -> None:
        names = seat_names(self.session.scenario, self.lang)
        addressees = [(s.id, names[s.id]) for s in seats(self.session.scenario)]
        addressees.append((EVERYONE, names[EVERYONE]))

        def send(answer: tuple[str, str] | None) -> None:
            if answer is not None:
                self.session.message(*answer)
                self.notify(tr("message.sent", self.lang, to=names.get(answer[0], answer[0])), timeout=4)
                self.redraw()

        self.app.push_screen(MessageDialog(addressees, self.lang), send)

    def action_close(self) -> None:
        self.dismiss(None)
