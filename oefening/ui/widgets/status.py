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

from oefening.ui.frame import Frame
from oefening.words import formats, tr

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
