"""The team console's one screen: what one team (or the coordination role) sees and does.

It shows the team's own organisations in full (processes, fallbacks, what became of its
decisions), the shared picture (suppliers, services, facilities with who holds each place and
who waits, public injects), the messages sent to it, and the decisions open to it alone.
The team chooses decisions (space or Enter) and takes them (``d``), says it is ready (``r``)
writes to another team or to coordination (``m``) and shares its organisations with others
(``s``); the facilitator advances the turn.
Every change goes through the team's session, which journals it (with the team's id) first.
The app (:mod:`oefening.ui.teams`) follows what others append and asks the screen to redraw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Container, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header

from oefening.ui import keys
from oefening.ui.frame import Frame
from oefening.ui.messages import ChoiceRefused
from oefening.ui.screens.message import MessageDialog, ShareDialog
from oefening.ui.teamview import (
    EVERYONE,
    Seat,
    allocation_note,
    messages,
    ready_now,
    release_of,
    release_teams,
    reserve_left,
    seat_names,
    seats,
    shared_with,
    sharing_with,
    taken_back,
    team_frame,
)
from oefening.ui.widgets.decisions import DecisionPanel, DecisionTable, take_chosen
from oefening.ui.widgets.feed import Feed
from oefening.ui.widgets.pending import PendingPanel
from oefening.ui.widgets.processes import ProcessTable
from oefening.ui.widgets.status import StatusBar
from oefening.ui.widgets.teams import MessagesPanel
from oefening.ui.widgets.text import TextPanel
from oefening.ui.widgets.world import WorldPanel
from oefening.words import formats, tr
from oefening.words.describe import Names

if TYPE_CHECKING:
    from oefening.journal.session import Session
    from oefening.ui.teams import TeamApp

TEAM = (
    keys.Key("d", "decide", "key.decide", "d"),
    keys.Key("r", "ready", "key.ready", "r"),
    keys.Key("m", "message", "key.message", "m"),
    keys.Key("s", "share", "key.share", "s"),
    keys.Key("l", "language", "key.language", "l"),
    keys.Key("question_mark", "help", "key.help", "?"),
    keys.Key("q,ctrl+q", "app.quit", "key.quit", "q"),
)
RELEASE = keys.Key("b", "release_budget", "key.release_budget", "b")   # the coordination with the power budget
PANELS = {
    "#processes": "team.own",
    "#world-box": "panel.world",
    "#decisions": "panel.decisions",
    "#pending-box": "panel.pending",
    "#feed": "panel.feed",
    "#team-messages-box": "panel.team_messages",
}


class TeamScreen(Screen[None]):
    """One team's share of the exercise, and its decisions."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012

    def __init__(self, session: Session, seat: Seat) -> None:
        super().__init__()
        self.session = session
        self.seat = seat
        self.frame: Frame | None = None
        self._names: Names | None = None
        self._refs: tuple[str, ...] = ()

    @property
    def console_keys(self) -> tuple[keys.Key, ...]:
        """The console's keys; the coordination with the power ``budget`` also releases budget."""
        coordination = self.session.scenario.coordination
        if self.seat.coordination and coordination is not None and "budget" in coordination.powers:
            return (*TEAM[:4], RELEASE, *TEAM[4:])
        return TEAM

    @property
    def team_app(self) -> TeamApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        yield StatusBar(id="status")
        yield TextPanel(id="team-line")
        with Container(id="columns"):
            with Vertical(id="team-left"):
                yield ProcessTable(id="processes", classes="panel")
                yield DecisionPanel(id="decisions", classes="panel")
            with Vertical(id="team-right"):
                with VerticalScroll(id="team-messages-box", classes="panel"):
                    yield MessagesPanel(id="team-messages")
                yield Feed(id="feed", classes="panel")
                with VerticalScroll(id="world-box", classes="panel"):
                    yield WorldPanel(id="world")
                with VerticalScroll(id="pending-box", classes="panel"):
                    yield PendingPanel(id="pending")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.redraw()
        self.query_one(DecisionTable).focus()
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        """The facilitator's discussion timer, as the players see it."""
        for bar in self.query(StatusBar):   # none while the app closes and removes its widgets
            bar.show_timer(self.session.staging.timer, self.team_app.clock())

    def on_screen_resume(self) -> None:
        """Back from the message dialog: what others did meanwhile, and the decisions in focus."""
        if self.frame is not None:
            self.redraw()
        if not isinstance(self.focused, DecisionTable | ProcessTable):
            self.call_after_refresh(self.query_one(DecisionTable).focus)

    # -- drawing ------------------------------------------------------------------------

    def redraw(self) -> None:
        """Read the session once, cut it down to the team's share and show it on every panel."""
        session = self.session
        lang = self.team_app.lang
        if self._names is None or self._names.lang != lang:
            self._names = Names(session.scenario, lang)
            keys.install(self, self.console_keys, lang)
            for selector, title in PANELS.items():
                self.query_one(selector).border_title = tr(title, lang)
        full = Frame.read(session, lang, self._names, players=True)
        frame = team_frame(full, self.seat, session)
        self.frame = frame
        # the coordination decides for no organisation of its own: no empty table for it
        self.query_one(ProcessTable).display = bool(frame.snapshot.processes) or not self.seat.coordination
        self.query_one(StatusBar).show(frame)
        table = self.query_one(ProcessTable)
        refs = tuple(p.ref for p in frame.snapshot.processes)
        if refs != self._refs and table.frame is not None:   # a team began or stopped sharing
            table.frame = frame
            table.rebuild()
        else:
            table.show(frame)
        self._refs = refs
        self.query_one(WorldPanel).show(frame)
        self.query_one(DecisionPanel).show(frame)
        self.query_one(PendingPanel).show(frame)
        self.query_one(Feed).show(frame)
        self.query_one(MessagesPanel).show(messages(session, self.seat.id), frame, self.seat.id)
        self.query_one("#team-line", TextPanel).show_text(self.team_line(frame))
        self.tick()

    def team_line(self, frame: Frame) -> Text:
        """Whether this team said ready, and which teams did."""
        lang = frame.lang
        if frame.finished:
            return Text(tr("team.finished", lang), style="bold")
        ready = ready_now(self.session)
        text = Text()
        if self.seat.id not in ready and taken_back(self.session):
            text.append(tr("team.taken_back", lang, turn=self.session.exercise.turn + 1), style="bold black on yellow")
            text.append("  ")
        waiting = self.session.waiting_for() if self.session.auto else []
        if self.seat.id in ready and waiting:   # auto-advance: the turn goes on once these are ready
            names = seat_names(frame.scenario, lang)
            text.append(tr("team.ready_waiting", lang, teams=", ".join(names[w] for w in waiting)), style="bold green")
        elif self.seat.id in ready:
            text.append(tr("team.ready_now" if not self.session.auto else "team.ready_auto", lang), style="bold green")
        else:
            text.append(tr("team.not_ready", lang), style="bold yellow")
        others = [s.title(lang) for s in seats(frame.scenario) if s.id in ready and s.id != self.seat.id]
        text.append("  │  ", style="dim")
        text.append(tr("team.others_ready", lang, teams=", ".join(others)) if others
                    else tr("team.nobody_ready", lang), style="dim")
        if self.seat.organisations:   # its own score; the status line's is of all teams together
            text.append("  │  ", style="dim")
            score = formats.number(self.session.continuity_of(self.seat.id), lang, 1)
            text.append(tr("team.continuity", lang, value=score), style="bold")
        reserve = reserve_left(self.session, self.seat)
        if reserve is not None:
            text.append("  │  ", style="dim")
            text.append(tr("team.reserve", lang, amount=formats.money(reserve, lang)), style="bold")
        names = seat_names(frame.scenario, lang)
        sharers = [names[t] for t in sharing_with(self.session, self.seat)]
        if sharers:
            text.append("  │  ", style="dim")
            text.append(tr("team.shared_by", lang, teams=", ".join(sharers)), style="cyan")
        note = allocation_note(self.session, self.seat, lang)
        if note is not None:   # why "Give the place" is not offered for some (or any) fallbacks
            text.append("\n")
            text.append(note, style="dim")
        return text

    # -- messages from the panels -------------------------------------------------------

    def on_choice_refused(self, message: ChoiceRefused) -> None:
        self.notify(tr("decision.cannot_choose", self.team_app.lang, reason=message.reason), title=message.title,
                    severity="warning")

    # -- actions ------------------------------------------------------------------------

    def action_decide(self) -> None:
        """Take the chosen decisions for the team (journalled with its id)."""
        table = self.query_one(DecisionTable)
        frame = self.frame
        lang = self.team_app.lang
        if not table.chosen or frame is None:
            self.notify(tr("decision.nothing", lang), severity="warning")
            return
        self.session.refresh()   # what others did since the last look, before deciding on it
        take_chosen(table, frame, self.session.decide, self.notify)
        self.redraw()

    def action_ready(self) -> None:
        """Say the team is ready for the next turn (once per turn)."""
        lang = self.team_app.lang
        self.session.refresh()
        if self.session.exercise.finished:
            self.notify(tr("team.finished", lang), severity="warning")
            return
        if self.seat.id in ready_now(self.session):
            self.notify(tr("team.already_ready", lang), severity="warning")
            return
        if not self.session.ready():   # True: every team was ready and the turn advanced
            self.notify(tr("team.said_ready", lang), timeout=4)
        self.team_app.took_in()

    def action_message(self) -> None:
        lang = self.team_app.lang
        addressees = [(s.id, s.title(lang)) for s in seats(self.session.scenario) if s.id != self.seat.id]
        addressees.append((EVERYONE, tr("message.all", lang)))
        self.app.push_screen(MessageDialog(addressees, lang), self._send)

    def _send(self, answer: tuple[str, str] | None) -> None:
        if answer is None:
            return
        to, text = answer
        self.session.refresh()
        self.session.message(to, text)
        names = seat_names(self.session.scenario, self.team_app.lang)
        self.notify(tr("message.sent", self.team_app.lang, to=names.get(to, to)), timeout=4)
        self.redraw()

    def action_share(self) -> None:
        lang = self.team_app.lang
        if not self.seat.organisations:
            self.notify(tr("share.nothing", lang), severity="warning")
            return
        addressees = [(s.id, s.title(lang)) for s in seats(self.session.scenario) if s.id != self.seat.id]
        addressees.append((EVERYONE, tr("message.all", lang)))
        self.app.push_screen(ShareDialog(addressees, shared_with(self.session, self.seat), lang), self._share)

    def _share(self, to: str | None) -> None:
        if to is None:
            return
        lang = self.team_app.lang
        on = to not in shared_with(self.session, self.seat)
        self.session.share(to, on)
        names = seat_names(self.session.scenario, lang)
        self.notify(tr("share.on" if on else "share.off", lang, to=names.get(to, to)), timeout=4)
        self.redraw()

    def action_release_budget(self) -> None:
        """The coordination releases an amount of its reserve to a team with its own budget (a form)."""
        from oefening.ui.screens.form import FormDialog

        lang = self.team_app.lang
        session = self.session
        teams = release_teams(session)
        reserve = reserve_left(session, self.seat)
        if reserve is None:
            return
        if not teams:
            self.notify(tr("release.none", lang), severity="warning")
            return
        if reserve <= 0:
            self.notify(tr("release.empty", lang), severity="warning")
            return
        heading = tr("release.heading", lang, reserve=formats.money(reserve, lang))
        fields = [("team", tr("release.team", lang, teams=", ".join(teams)), teams[0]),
                  ("amount", tr("release.amount", lang), "")]

        def check(values: dict[str, str]) -> None:
            session.refresh()   # the reserve as it is now
            release_of(session, values["team"], values["amount"], lang)

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            decision = release_of(session, values["team"], values["amount"], lang)
            refusal = session.decide(decision)
            if refusal is not None:
                self.notify(tr("decision.cannot_choose", lang, reason=refusal.message), severity="error")
            else:
                names = seat_names(session.scenario, lang)
                self.notify(tr("release.done", lang, amount=formats.money(decision.amount, lang),
                               team=names[decision.team]), timeout=5)
            self.redraw()

        self.app.push_screen(FormDialog(heading, fields, lang, check, required={"amount": tr(
            "release.not_positive", lang)}), done)

    def action_help(self) -> None:
        """The team console's keys, how a team's turn goes, and the legend."""
        from oefening.ui.screens.help import HelpScreen

        if not isinstance(self.app.screen, HelpScreen):
            self.app.push_screen(HelpScreen(self.team_app.lang, (*self.console_keys, keys.TOGGLE), "help.team_flow"))

    def action_language(self) -> None:
        app = self.team_app
        app.lang = "nl" if app.lang == "en" else "en"
        app.retitle()
        self.redraw()
