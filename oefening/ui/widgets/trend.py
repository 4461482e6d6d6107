"""Two small charts of the exercise so far: the continuity score and the total backlog at the
start and after each turn, each with its current value in words above it.

The charts are drawn on a fixed, meaningful scale (continuity from 90 or lower up to 100,
backlog from 0), so a flat line at 100 reads as "all is well" and a flat zero backlog as
empty, which a chart scaled to its own minimum and maximum cannot show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widget import Widget

from oefening.ui.frame import Frame
from oefening.ui.widgets.text import TextPanel
from oefening.words import formats, tr

BLOCKS = " ▁▂▃▄▅▆▇█"


def buckets(values: Sequence[float], width: int, pick: Callable[[Sequence[float]], float]) -> list[float]:
    """``values`` in at most ``width`` buckets, each summarised by ``pick``."""
    if len(values) <= width:
        return list(values)
    size = len(values) / width
    return [pick(values[int(i * size):max(int((i + 1) * size), int(i * size) + 1)]) for i in range(width)]


class Chart(Widget):
    """One line of bars on a fixed scale, coloured from good to bad."""

    values: reactive[tuple[float, ...]] = reactive((), layout=False)

    def __init__(self, low: float, high: float, good_high: bool, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.low, self.high, self.good_high = low, high, good_high

    def render(self) -> Text:
        values = self.values
        if not values:
            return Text("")
        width = max(1, self.size.width)
        pick = min if self.good_high else max                  # show the worst in each bucket
        low = min(self.low, *values) if self.good_high else self.low
        high = self.high if self.good_high else max(self.high, *values)
        span = (high - low) or 1.0
        text = Text()
        for value in buckets(values, width, pick):
            share = max(0.0, min(1.0, (value - low) / span))
            level = max(1, round(share * (len(BLOCKS) - 1)))
            goodness = share if self.good_high else 1.0 - share
            style = "green" if goodness > 0.85 else ("yellow" if goodness > 0.5 else "red")
            text.append(BLOCKS[level], style=style)
        return text


class TrendPanel(Vertical):
    """Continuity and total backlog over the turns so far."""

    def compose(self) -> ComposeResult:
        yield TextPanel(id="continuity-label", classes="trend-label")
        yield Chart(90.0, 100.0, good_high=True, id="continuity-chart", classes="chart")
        yield TextPanel(id="backlog-label", classes="trend-label")
        yield Chart(0.0, 1.0, good_high=False, id="backlog-chart", classes="chart")

    def show(self, frame: Frame) -> None:
        lang = frame.lang
        continuity = [c for _, c, _ in frame.trend] or [100.0]
        backlog = [b for _, _, b in frame.trend] or [0.0]
        self.query_one("#continuity-label", TextPanel).show_text(Text(
            f"{tr('trend.continuity', lang)}: {formats.number(continuity[-1], lang, 1)}"
            f"  (min {formats.number(min(continuity), lang, 1)})"))
        self.query_one("#backlog-label", TextPanel).show_text(Text(
            f"{tr('trend.backlog', lang)}: {formats.number(backlog[-1], lang)}"
            f"  (max {formats.number(max(backlog), lang)})"))
        self.query_one("#continuity-chart", Chart).values = tuple(continuity)
        self.query_one("#backlog-chart", Chart).values = tuple(backlog)
