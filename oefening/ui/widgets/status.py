"""The status line at the top of the turn screen: simulated date and time, turn of total,
phase, the vital processes still within their MTPD, budget left and the continuity score so
far (with, after the arrow, the projected score that counts the waiting cases certain to be late).

Each shown value is a reactive attribute, so the line redraws only when one of them changes.
The phase is a word in the exercise's language with a colour, never a colour alone.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from oefening.journal.staging import Timer
from oefening.ui.frame import Frame
from oefening.words import formats, tr
from oefening.words.console import minutes_seconds

PHASE_STYLE = {
    "normal": "bold green",
    "lukewarm": "bold black on yellow",
    "acute": "bold white on red",
    "recovery": "bold black on cyan",
}


class StatusBar(Static):
    """Date and time · turn n of N · phase · budget left · continuity."""

    moment: reactive[str] = reactive("")
    turn: reactive[str] = reactive("")
    phase: reactive[str] = reactive("normal")
    show_phase: reactive[bool] = reactive(False)   # the scenario's players.phase
    budget: reactive[str] = reactive("")
    continuity: reactive[str] = reactive("")
    vital: reactive[str] = reactive("")
    vital_bad: reactive[bool] = reactive(False)
    lang: reactive[str] = reactive("en")
    timer: reactive[str] = reactive("")      # the discussion timer, "" before it starts
    timer_state: reactive[str] = reactive("idle")   # idle | running | paused | up
    waiting: reactive[int] = reactive(0)     # storyline injects waiting for release (console only)

    def show(self, frame: Frame) -> None:
        """Take the values of ``frame``; only changed ones trigger a redraw."""
        snap = frame.snapshot
        lang = frame.lang
        self.lang = lang
        self.moment = formats.moment(frame.start, snap.t, lang)
        if frame.finished:
            self.turn = tr("status.finished", lang)
        else:
            self.turn = tr("status.turn", lang, turn=snap.turn + 1, turns=frame.turns)
        self.phase = snap.phase
        self.show_phase = frame.scenario.players.phase   # an analyst's word: shown only if the scenario says so
        self.budget = formats.budget(snap.budget_left, lang)
        self.continuity = (f"{formats.number(snap.continuity, lang, 1)} "
                           f"(→ {formats.number(snap.continuity_projected, lang, 1)})")
        vital = [p for p in snap.processes if p.criticality == "vital"]
        held = sum(p.breach_at is None for p in vital)
        self.vital = tr("status.vital_of", lang, held=held, of=len(vital)) if vital else ""
        self.vital_bad = held < len(vital)
        self.waiting = 0 if frame.players else len([s for s in frame.staging.waiting() if s.state == "due"])

    def show_timer(self, timer: Timer | None, now: float) -> None:
        """The discussion timer at wall-clock ``now`` (the app's clock)."""
        if timer is None:
            self.timer, self.timer_state = "", "idle"
            return
        left = timer.remaining(now)
        self.timer = minutes_seconds(left)
        self.timer_state = "up" if left <= 0 else ("running" if timer.running else "paused")

    def render(self) -> Text:
        """The parts in one line, broken between parts (never inside one) when it is narrow."""
        lang = self.lang
        phase = tr("phase." + self.phase, lang).upper()
        parts = [
            Text(f" {self.moment} ", style="bold reverse"),
            Text(self.turn, style="bold"),
            *([Text.assemble(f"{tr('status.phase', lang)}: ", (f" {phase} ", PHASE_STYLE.get(self.phase, "bold")))]
              if self.show_phase else []),
            *([Text.assemble(f"{tr('status.vital', lang)}: ",
                             (self.vital, "bold white on red" if self.vital_bad else "bold green"))]
              if self.vital else []),
            Text.assemble(f"{tr('status.budget', lang)}: ", (self.budget, "bold")),
            Text.assemble(f"{tr('status.continuity', lang)}: ", (self.continuity, "bold")),
        ]
        if self.timer:
            style = {"running": "bold reverse", "paused": "bold yellow", "up": "bold white on red"}
            label = f" ⏱ {tr('status.timer', lang)} {self.timer} "
            if self.timer_state == "paused":
                label += f"({tr('status.paused', lang)}) "
            parts.insert(2, Text(label, style=style.get(self.timer_state, "bold")))
        if self.waiting:
            parts.append(Text(f" {tr('status.waiting', lang, n=self.waiting)} ", style="bold black on yellow"))
        width = self.size.width or 200
        out = Text()
        used = 0
        for part in parts:
            if used and used + 3 + part.cell_len > width:
                out.append("\n")
                used = 0
            elif used:
                out.append(" │ ", style="dim")
                used += 3
            out.append_text(part)
            used += part.cell_len
        return out
