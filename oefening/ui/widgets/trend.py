"""Two small charts of the exercise so far: the continuity score and the total backlog at the
start and after each turn, each with its current value in words next to it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Sparkline

from oefening.ui import present
from oefening.ui.frame import Frame
from oefening.ui.i18n import tr


class TrendPanel(Vertical):
    """Continuity and total backlog over the turns so far."""

    def compose(self) -> ComposeResult:
        yield Label(id="continuity-label")
        yield Sparkline([], id="continuity-chart")
        yield Label(id="backlog-label")
        yield Sparkline([], id="backlog-chart")

    def show(self, frame: Frame) -> None:
        lang = frame.lang
        continuity = [c for _, c, _ in frame.trend] or [100.0]
        backlog = [b for _, _, b in frame.trend] or [0.0]
        low = min(continuity)
        self.query_one("#continuity-label", Label).update(
            f"{tr('trend.continuity', lang)}: {present.number(continuity[-1], lang, 1)}"
            f"  (min {present.number(low, lang, 1)})"
        )
        self.query_one("#backlog-label", Label).update(
            f"{tr('trend.backlog', lang)}: {present.number(backlog[-1], lang)}"
            f"  (max {present.number(max(backlog), lang)})"
        )
        # A flat line reads as "nothing happened": give the chart a zero to scale against.
        chart = self.query_one("#continuity-chart", Sparkline)
        chart.set_class(max(continuity) - low < 0.05, "-flat")
        chart.data = [*continuity]
        self.query_one("#backlog-chart", Sparkline).data = [0.0, *backlog] if len(backlog) == 1 else backlog
