"""The Textual app: a thin shell that is handed a ready, journalled session (or a launcher
that opens one from the start screen), shows the right screen and asks before quitting.

:func:`make_app` is the factory the command line and the tests use; the app itself never
reads a file. Screens do the work (``ui/screens/``), panels show it (``ui/widgets/``), and
every change to the exercise goes through the session, which journals it first.
"""

from __future__ import annotations

import shlex
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen

from oefening.ui import keys
from oefening.ui.screens.briefing import BriefingScreen
from oefening.ui.screens.confirm import ConfirmDialog
from oefening.ui.screens.end import EndScreen
from oefening.ui.screens.form import FormDialog
from oefening.ui.screens.help import HelpScreen
from oefening.ui.screens.start import StartScreen
from oefening.ui.screens.turn import TurnScreen
from oefening.words import entries, formats, other, tr
from oefening.words.console import minutes_seconds
from oefening.words.describe import Names
from oefening.words.plain import one_line, plain, text_in

DEFAULT_TIMER_MINUTES = 10.0

if TYPE_CHECKING:
    from oefening.journal.session import Session


def undone_text(session: Session, back_to: float, lang: str) -> str:
    """What an undo back to ``back_to`` takes back: the decisions taken at that boundary and
    at this one (by name, with their count) and the facilitator's injects."""
    names = Names(session.scenario, lang)
    decisions: list[str] = []
    injects = 0
    for entry in session.exercise.world.record.entries:
        if entry.t < back_to - 1e-9:
            continue
        if entry.kind in entries.DECISIONS:
            decisions.append(entries.decided(entries.tell(entry, names), lang))
        elif entry.kind == "inject":
            injects += 1
    lines = [tr("undo.decisions", lang, n=len(decisions)) if decisions else tr("undo.no_decisions", lang)]
    lines += [f"  • {d}" for d in decisions[:8]]
    if len(decisions) > 8:
        lines.append(f"  … {tr('undo.more', lang, n=len(decisions) - 8)}")
    if injects:
        lines.append(tr("undo.injects", lang, n=injects))
    if session.scenario.teams:
        lines.append(tr("undo.teams", lang))
    return "\n".join(lines)


@dataclass(frozen=True)
class Launcher:
    """What the start screen offers, and how a choice becomes a session (the CLI loads files)."""

    choices: Sequence[tuple[str | dict[str, str], str]]  # (title, path) of the bundled scenarios
    open: Callable[[str, str, int], Session]           # (path, lang, seed) → session; OefeningError
    default: str | None = None                         # the path highlighted at first
    seed: int = 0


class OefeningApp(App[None]):
    """The exercise in the terminal."""

    CSS_PATH = "oefening.tcss"
    TITLE = "oefening"
    ENABLE_COMMAND_PALETTE = False

    lang: reactive[str] = reactive("en", init=False)

    def __init__(self, session: Session | None = None, *, launcher: Launcher | None = None,
                 lang: str | None = None, clock: Callable[[], float] = time.time,
                 timer_minutes: float = DEFAULT_TIMER_MINUTES,
                 players: Callable[[Path], bool] | None = None) -> None:
        if session is None and launcher is None:
            raise ValueError("make_app needs a session or a launcher")
        super().__init__()
        self.session: Session | None = session
        self.launcher = launcher
        self.clock = clock                          # wall-clock seconds, for the discussion timer
        self.timer_length = timer_minutes * 60.0
        self._players = players                     # opens the players' view in a window; False: could not
        self.set_reactive(OefeningApp.lang, lang or (session.lang if session is not None else "en"))
        self._author = ""
        self.report_worlds = 200   # worlds for the report's "good or lucky" (tests use fewer)

    def on_mount(self) -> None:
        keys.install(self, keys.GLOBAL, self.lang)
        if self.session is not None:
            self.begin(self.session)
        else:
            assert self.launcher is not None
            self.push_screen(StartScreen(self.launcher))

    # -- screens ------------------------------------------------------------------------

    def _show(self, screen: Screen[Any]) -> None:
        """Put ``screen`` in place of the current one (the first time: on top of the default)."""
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def begin(self, session: Session) -> None:
        """Show ``session``: the briefing before the first turn, else where it stands."""
        self.session = session
        self._titles()
        for notice in session.notices:
            self.notify(notice, severity="warning", timeout=10)
        exercise = session.exercise
        if exercise.finished:
            self.show_end()
        elif exercise.turn == 0 and not exercise.world.record.entries:
            self._show(BriefingScreen(session, first=True))
        else:
            self.show_turns()

    def show_turns(self) -> None:
        assert self.session is not None
        if self.session.scenario.teams:   # several teams: the turn screen with the teams (ui/screens/teams.py)
            from oefening.ui.screens.teams import TeamsTurnScreen

            self._show(TeamsTurnScreen(self.session))
            return
        self._show(TurnScreen(self.session))

    def show_end(self) -> None:
        assert self.session is not None
        self._show(EndScreen(self.session))

    def show_hotwash(self) -> None:
        """The hot wash: findings per learning goal, the improvement plan, the report."""
        from oefening.ui.screens.hotwash import HotWashScreen

        assert self.session is not None
        self._show(HotWashScreen(self.session))

    def _titles(self) -> None:
        if self.session is None:
            return
        self.title = one_line(text_in(self.session.scenario.title, self.lang))
        # the file name only: the full path is in the quit question and on the end screen
        self.sub_title = one_line(f"{tr('journal', self.lang)}: {Path(self.session.journal_path).name}")

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every toast, from any screen, as plain text: its words carry titles, names and
        paths from outside, which are shown, never read as markup (``markup`` is ignored)."""
        super().notify(plain(message), title=one_line(title), severity=severity, timeout=timeout,
                       markup=False)

    # -- shared actions -----------------------------------------------------------------

    def toggle_language(self) -> None:
        self.lang = other(self.lang)

    def watch_lang(self, lang: str) -> None:
        keys.install(self, keys.GLOBAL, lang)
        self._titles()
        for screen in self.screen_stack:
            redraw = getattr(screen, "redraw", None)
            if redraw is not None and screen.is_mounted:
                redraw()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        listed = None
        if self.session is not None and self.session.scenario.teams:   # the facilitator's keys for the teams too
            from oefening.ui.screens.teams import FACILITATOR
            listed = (*keys.TURN, *FACILITATOR, keys.TOGGLE, *keys.GLOBAL)
        self.push_screen(HelpScreen(self.lang, listed))

    def action_ask_quit(self) -> None:
        if isinstance(self.screen, ConfirmDialog):
            return
        if self.session is None:
            self.exit()
            return
        question = tr("confirm.quit", self.lang, path=self.session.journal_path)
        self.push_screen(ConfirmDialog(question, tr("confirm.quit_button", self.lang), self.lang, key="q"),
                         lambda yes: self.exit() if yes else None)

    def ask_undo(self) -> None:
        """Ask, then take back the last turn through the session."""
        session = self.session
        if session is None:
            return
        exercise = session.exercise
        if exercise.turn == 0:
            self.notify(tr("undo.nothing", self.lang), severity="warning")
            return
        back_to = (exercise.turn - 1) * session.scenario.turn
        question = tr("confirm.undo", self.lang, turn=exercise.turn,
                      time=formats.moment(session.scenario.start, back_to, self.lang))
        question += "\n" + undone_text(session, back_to, self.lang)
        self.push_screen(ConfirmDialog(question, tr("confirm.undo_button", self.lang), self.lang, key="u"),
                         self._undo)  # type: ignore[arg-type]

    def _undo(self, yes: bool | str | None) -> None:
        if not yes or self.session is None:
            return
        if not self.session.undo():
            self.notify(tr("undo.nothing", self.lang), severity="warning")
            return
        done = "undo.done_teams" if self.session.scenario.teams else "undo.done"
        self.notify(tr(done, self.lang, turn=self.session.exercise.turn + 1), timeout=6)
        if isinstance(self.screen, TurnScreen):
            self.screen.redraw()
        else:
            self.show_turns()

    def toggle_timer(self) -> None:
        """Start this turn's discussion timer, pause it, resume it, or (once up) start it afresh;
        journalled with the clock's time so the players' view and a replay show the same."""
        session = self.session
        if session is None or session.exercise.finished:
            return
        now = self.clock()
        timer = session.staging.timer
        if timer is None or timer.remaining(now) <= 0:
            session.set_timer(True, self.timer_length, now)
        elif timer.running:
            session.set_timer(False, timer.remaining(now), now)
        else:
            session.set_timer(True, timer.left, now)

    def timer_words(self) -> str:
        """The timer in one line for the direction dialog."""
        lang = self.lang
        timer = self.session.staging.timer if self.session is not None else None
        length = minutes_seconds(self.timer_length)
        if timer is None:
            return tr("direct.timer", lang, left=length, length=length, state=tr("direct.timer_idle", lang))
        state = "direct.timer_running" if timer.running else "direct.timer_paused"
        return tr("direct.timer", lang, left=minutes_seconds(timer.remaining(self.clock())), length=length,
                  state=tr(state, lang))

    def players_command(self) -> str:
        assert self.session is not None
        return f"oefening show {shlex.quote(str(self.session.journal_path))}"

    def open_players(self) -> None:
        """Open the players' view of this exercise in another window, or say how to."""
        if self.session is None:
            return
        if self._players is not None and self._players(Path(self.session.journal_path)):
            self.notify(tr("players.opened", self.lang), timeout=4)
        else:
            self.notify(tr("players.command", self.lang, command=self.players_command()), timeout=20)

    def ask_note(self) -> None:
        """Ask for an observer's note (the name may be empty, the last one is offered) and
        journal it through the session."""
        lang = self.lang

        def save(values: dict[str, str] | None) -> None:
            if values is None or self.session is None:
                return
            author = values["author"].strip()
            self._author = author
            self.session.note(values["text"].strip(), author or None)
            self.notify(tr("note.saved", lang), timeout=4)

        fields = [("text", tr("note.text", lang), ""), ("author", tr("note.author", lang), self._author)]
        required = {"text": tr("note.need_text", lang)}
        self.push_screen(FormDialog(tr("note.heading", lang), fields, lang, required=required, enter_saves=True),
                         save)


def make_app(session: Session | None = None, *, launcher: Launcher | None = None,
             lang: str | None = None, clock: Callable[[], float] = time.time,
             timer_minutes: float = DEFAULT_TIMER_MINUTES,
             players: Callable[[Path], bool] | None = None) -> OefeningApp:
    """The app for a ready session (or a start screen that opens one through ``launcher``).

    ``clock`` gives wall-clock seconds for the discussion timer (a test passes its own),
    ``timer_minutes`` the timer's length per turn, ``players`` opens the players' view of a
    journal in another window (True when it did; without it, the console prints the command).
    """
    return OefeningApp(session, launcher=launcher, lang=lang, clock=clock, timer_minutes=timer_minutes,
                       players=players)
