"""The main turn screen: one meeting of the crisis team.

It shows the state (status line, processes, suppliers and services, trend), the messages of
this turn, the decisions open now and what is under way. The team chooses decisions (space
or Enter), takes them (``d``) and goes to the next turn (``n``); undo (``u``), facilitator
injects (``i``) and observer notes (``o``) open dialogs. Everything that changes the exercise
goes through the session, which journals it first; after each change the screen reads one
:class:`~oefening.ui.frame.Frame` and hands it to every panel, which update in place.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Container, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header

from oefening.scenario import collector
from oefening.ui import keys
from oefening.ui.frame import Frame
from oefening.ui.messages import ChoiceRefused
from oefening.ui.screens.briefing import BriefingScreen
from oefening.ui.screens.confirm import ConfirmDialog
from oefening.ui.screens.direct import DirectionDialog
from oefening.ui.screens.inject import InjectDialog
from oefening.ui.widgets.decisions import DecisionPanel, DecisionTable, take_chosen
from oefening.ui.widgets.feed import Feed, news_line
from oefening.ui.widgets.pending import PendingPanel
from oefening.ui.widgets.processes import ProcessTable
from oefening.ui.widgets.status import StatusBar
from oefening.ui.widgets.text import TextPanel
from oefening.ui.widgets.trend import TrendPanel
from oefening.ui.widgets.world import WorldPanel
from oefening.words import formats, tr
from oefening.words.describe import Names

if TYPE_CHECKING:
    from oefening.journal.session import Session
    from oefening.ui.app import OefeningApp

PANELS = {
    "#processes": "panel.processes",
    "#world-box": "panel.world",
    "#trend": "panel.trend",
    "#decisions": "panel.decisions",
    "#pending-box": "panel.pending",
    "#feed": "panel.feed",
}


class TurnScreen(Screen[None]):
    """One meeting of the crisis team."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide"), (170, "-very-wide")]  # noqa: RUF012

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.frame: Frame | None = None
        self._names: Names | None = None
        self._ask_when_nothing_decided = True
        self._collecting = True   # whether the garbage collector ran before the last turn paused it

    @property
    def oefening(self) -> OefeningApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        yield StatusBar(id="status")
        yield TextPanel(id="news")
        with Container(id="columns"):
            with Vertical(id="main"):
                yield ProcessTable(id="processes", classes="panel")
                yield DecisionPanel(id="decisions", classes="panel")
            with Vertical(id="side"):
                yield Feed(id="feed", classes="panel")
                with VerticalScroll(id="world-box", classes="panel"):
                    yield WorldPanel(id="world")
                with VerticalScroll(id="pending-box", classes="panel"):
                    yield PendingPanel(id="pending")
                yield TrendPanel(id="trend", classes="panel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.redraw()
        self.query_one(DecisionTable).focus()
        self.set_interval(1.0, self.tick)

    def on_screen_resume(self) -> None:
        """Back from a dialog (inject, note, a question): the team works in the decisions."""
        if self.frame is not None:
            self.redraw()   # the direction dialog may have released, reworded or asked
        if not isinstance(self.focused, DecisionTable | ProcessTable):
            self.call_after_refresh(self.query_one(DecisionTable).focus)

    def tick(self) -> None:
        """The discussion timer, by the app's clock (a test's clock in tests)."""
        for bar in self.query(StatusBar):   # none while the app closes and removes its widgets
            bar.show_timer(self.session.staging.timer, self.oefening.clock())

    # -- drawing ------------------------------------------------------------------------

    def redraw(self) -> None:
        """Read the session once and show it on every panel."""
        lang = self.oefening.lang
        if self._names is None or self._names.lang != lang:
            self._names = Names(self.session.scenario, lang)
            keys.install(self, keys.TURN, lang)
            for selector, title in PANELS.items():
                self.query_one(selector).border_title = tr(title, lang)
        frame = Frame.read(self.session, lang, self._names)
        self.frame = frame
        self.query_one(StatusBar).show(frame)
        self.query_one(ProcessTable).show(frame)
        self.query_one(WorldPanel).show(frame)
        self.query_one(TrendPanel).show(frame)
        self.query_one(DecisionPanel).show(frame)
        self.query_one(PendingPanel).show(frame)
        self.query_one(Feed).show(frame)
        self.query_one("#news", TextPanel).show_text(news_line(frame))
        self.tick()

    # -- messages from the panels -------------------------------------------------------

    def on_choice_refused(self, message: ChoiceRefused) -> None:
        lang = self.oefening.lang
        self.notify(tr("decision.cannot_choose", lang, reason=message.reason), title=message.title,
                    severity="warning")

    # -- actions ------------------------------------------------------------------------

    def _take_chosen(self) -> int:
        """Take the chosen decisions through the session; returns how many were taken."""
        table = self.query_one(DecisionTable)
        frame = self.frame
        if frame is None:
            return 0
        return take_chosen(table, frame, self.session.decide, self.notify)

    def action_decide(self) -> None:
        """Take the chosen decisions now (journalled) and show their effect on the budget."""
        if not self.query_one(DecisionTable).chosen:
            self.notify(tr("decision.nothing", self.oefening.lang), severity="warning")
            return
        self._take_chosen()
        self.redraw()

    def action_next_turn(self) -> None:
        """Go to the next turn; ask first when chosen decisions are open or nothing was decided."""
        frame = self.frame
        if frame is None or self.session.exercise.finished:
            return
        lang = self.oefening.lang
        chosen = self.query_one(DecisionTable).chosen
        end = min(frame.now + frame.scenario.turn, frame.horizon)
        when = formats.moment(frame.start, end, lang)
        if chosen:
            question = tr("confirm.advance_chosen", lang, n=len(chosen), time=when)
            dialog = ConfirmDialog(question, tr("confirm.decide_and_advance", lang), lang, key="n")
            self.app.push_screen(dialog, self._after_confirm(take=True))
        elif self._ask_when_nothing_decided and not frame.decided_now() and self._could_decide(frame):
            question = tr("confirm.advance_empty", lang, time=when)
            dialog = ConfirmDialog(question, tr("confirm.advance", lang), lang, always=tr("confirm.always", lang),
                                   key="n")
            self.app.push_screen(dialog, self._after_confirm(take=False))
        else:
            self.advance()

    @staticmethod
    def _could_decide(frame: Frame) -> bool:
        """Whether "nothing decided" is worth a question: only once the crisis has begun (in
        the normal phase waiting is a fair choice) and while some decision is open."""
        return frame.snapshot.phase != "normal" and any(o.available for o in frame.options.values())

    def _after_confirm(self, take: bool) -> Callable[[bool | str | None], None]:
        def done(answer: bool | str | None) -> None:
            if answer == "always":
                self._ask_when_nothing_decided = False
            if answer:
                if take:
                    self._take_chosen()
                self.advance()
        return done

    def advance(self) -> None:
        """Run one turn through the session, then show the end screen or the next turn.

        The garbage collector waits until the new turn is on screen: a full collection in a
        big world takes up to 100 ms, better spent while the team reads than while it waits.
        """
        self._collecting = collector.pause()
        try:
            self.session.advance()
            if self.session.exercise.finished:
                self.oefening.show_end()
            else:
                self.redraw()
        finally:
            self.app.call_after_refresh(self._collect_later)  # the app: this screen may be gone

    def _collect_later(self) -> None:
        collector.resume(self._collecting)
        self.app.set_timer(0.5, gc.collect)

    def action_undo(self) -> None:
        lang = self.oefening.lang
        exercise = self.session.exercise
        if exercise.turn == 0:
            self.notify(tr("undo.nothing", lang), severity="warning")
            return
        self.oefening.ask_undo()

    def action_inject(self) -> None:
        world = self.session.exercise.world
        dialog = InjectDialog(list(self.session.scenario.events), set(world.fired), self.oefening.lang)
        self.app.push_screen(dialog, self._injected)

    def _injected(self, choice: tuple[str, str, str, str, str] | None) -> None:
        """Send the facilitator's inject or fire the event through the session."""
        if choice is None:
            return
        lang = self.oefening.lang
        kind, first, second, source, severity = choice
        if kind == "text":
            self.session.inject(first, second, source or "facilitator", severity or "info")
            self.notify(tr("inject.sent", lang, title=first), timeout=4)
        else:
            names = self._names.events if self._names else {}
            title = names.get(first, first)
            firing = self.session.fire_in_order(first)
            if firing.fired:
                earlier = [names.get(e, e) for e in firing.events if e != first]
                key = "inject.fired_after" if earlier else "inject.fired"
                self.notify(tr(key, lang, title=title, earlier=", ".join(earlier)), timeout=6)
            elif firing.reason == "suppressed":
                blocker = names.get(firing.blocker, firing.blocker)
                self.notify(tr("inject.suppressed", lang, title=title, blocker=blocker), severity="warning", timeout=8)
            else:
                self.notify(tr("inject.not_fired", lang, title=title), severity="error")
        self.redraw()

    def action_note(self) -> None:
        self.oefening.ask_note()

    def action_direct(self) -> None:
        """The facilitator's direction: release, hold, reword, drop; questions; the storyline ahead."""
        names = self._names or Names(self.session.scenario, self.oefening.lang)
        self.app.push_screen(DirectionDialog(self.session, names, self.action_timer, self.oefening.timer_words))

    def action_timer(self) -> None:
        """Start the discussion timer of this turn, pause it, or go on (restart once it is up)."""
        self.oefening.toggle_timer()
        self.tick()

    def action_players(self) -> None:
        self.oefening.open_players()

    def action_briefing(self) -> None:
        self.app.push_screen(BriefingScreen(self.session, first=False))

    def action_language(self) -> None:
        self.oefening.toggle_language()

