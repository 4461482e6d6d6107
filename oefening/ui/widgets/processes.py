"""The process table: per process its time below MBCO against its MTPD as a bar, its
capacity, backlog and late cases, grouped under its organisation.

The bar turns amber at half the MTPD and red at the MTPD, and always carries the hours and a
symbol (● ok, ▲ half the MTPD gone, ✖ MTPD breached; ✖ in red after a breach that is over),
never colour alone. Rows are added once; each redraw updates only the cells whose text
changed, so a 500-process world stays fast.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType

from oefening.engine.snapshot import ProcessView
from oefening.ui.frame import Frame
from oefening.ui.widgets.table import MIN_FLEX, SCROLLBAR, FlexTable, label_width
from oefening.ui.widgets.text import longest_word, wrapped
from oefening.words import formats, tr
from oefening.words.plain import text_in

BAR_WIDTH = 6
COMPACT_BAR_WIDTH = 3
AMBER = "bold dark_orange"
RED = "bold red"
CRIT_MARK = {"vital": "‼", "critical": "!", "important": "·", "normal": " "}


def mtpd_bar(proc: ProcessView, lang: str, width: int = BAR_WIDTH) -> Text:
    """"████░░  31u/72u ▲": time below MBCO against the MTPD, with the hours and a symbol."""
    share = proc.disrupted_for / proc.mtpd if proc.mtpd > 0 else (1.0 if proc.disrupted_for else 0.0)
    filled = min(width, round(share * width))
    if proc.disrupted_for > 0 and filled == 0:
        filled = 1
    if share >= 1.0:
        style, mark = RED, "✖"
    elif share >= 0.5:
        style, mark = AMBER, "▲"
    elif proc.breach_at is not None:
        style, mark = "red", "✖"
    else:
        style, mark = "green", "●"
    numbers = f"{formats.hours(proc.disrupted_for, lang)}/{formats.hours(proc.mtpd, lang)}"
    bar_style = style if share >= 0.5 else ("yellow" if proc.disrupted_for > 0 else "green")
    return Text.assemble(
        ("█" * filled, bar_style), ("░" * (width - filled), "dim"),
        f" {numbers:>9} ", (mark, style), no_wrap=True,
    )


def short_of_staff(proc: ProcessView) -> bool:
    """Whether a fallback of the process holds its people but its pool cannot give it all."""
    return any(fb.claims and fb.staff > 0.0 and fb.people < fb.staff * (1 - 1e-9) for fb in proc.fallbacks)


def capacity_cell(proc: ProcessView, lang: str) -> Text:
    """The capacity at which cases are handled now: "30% ▼" when below the MBCO, "0% ☾" while
    office hours are closed (at night the paper procedure handles nothing, although its MBCO
    and MTPD count it as open: no ▼ then; "Under way" says until when), else "100%"; a ♙
    before the mark when a fallback of the process is short of staff ("30%♙▼", "60% ♙")."""
    handled = proc.handled
    text = formats.percent(handled, lang)
    staff = "♙" if short_of_staff(proc) else ""
    if proc.fraction < proc.mbco - 1e-9:
        return Text(f"{text}{staff or ' '}▼", style="bold red", justify="right")
    if proc.closed_until is not None:
        return Text(f"{text}{staff or ' '}☾", style="cyan", justify="right")
    if handled < 1.0 - 1e-9:
        return Text(f"{text} {staff or ' '}", style="yellow", justify="right")
    return Text(f"{text} {staff or ' '}", justify="right")


def signature(proc: ProcessView) -> tuple[object, ...]:
    """What a row shows, as plain rounded values: the row is redrawn only when this changes."""
    return (round(proc.fraction, 2), round(proc.handled, 2), proc.closed_until, round(proc.backlog),
            round(proc.late), round(proc.disrupted_for), proc.breach_at is None, short_of_staff(proc))


def name_cell(proc: ProcessView, lang: str, width: int, compact: bool = False) -> Text:
    """The name, after a mark of its criticality (‼ vital, ! critical, · important); a long
    name wraps onto more lines (indented) rather than lose its end, except in ``compact``
    tables (narrow screens), where each process keeps to one line."""
    if compact:
        return Text.assemble((CRIT_MARK.get(proc.criticality, " "), "bold"), " ", text_in(proc.name, lang),
                             no_wrap=True, overflow="ellipsis")
    name = wrapped(text_in(proc.name, lang), width - 2, indent="  ")
    return Text.assemble((CRIT_MARK.get(proc.criticality, " "), "bold"), " ", name)


class ProcessTable(FlexTable):
    """Processes by organisation, updated cell by cell."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "", show=False),
        Binding("end", "scroll_bottom", "", show=False),
    ]
    COLUMNS = ("name", "mtpd", "capacity", "backlog", "late")
    # two-line labels: the backlog is what waits now, the late cases are counted since the start
    LABELS = ("col.process", "col.mtpd", "col.capacity", "col.backlog_now", "col.late_total")
    WIDTHS = {"mtpd": 18, "capacity": 5, "backlog": 7, "late": 7}  # noqa: RUF012

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.header_height = 2
        self.frame: Frame | None = None
        self._lang: str | None = None
        self.compact = False

    def is_compact(self) -> bool:
        """One line per process and a shorter bar where the screen is narrow, where the table
        is long (virtual rows: every process on one line), or where the full columns would not
        fit its width (a team console's left column at 120: the late cases would be cut off)."""
        return (self.is_attached and self.screen.has_class("-narrow")) or self._is_long() or not self._fits()

    def _fits(self) -> bool:
        """Whether every column fits in the table's width with names wrapped at their longest word."""
        frame = self.frame
        width = self.size.width
        if frame is None or not width:
            return True
        lang = frame.lang
        fixed = sum(max(type(self).WIDTHS[c], label_width(tr(label, lang)))
                    for c, label in zip(self.COLUMNS[1:], self.LABELS[1:], strict=True))
        padding = 2 * self.cell_padding * len(self.COLUMNS)
        return self._full_flex(frame, lang) + fixed + padding + SCROLLBAR <= width

    @staticmethod
    def _full_flex(frame: Frame, lang: str) -> int:
        """The name column's least width with whole words: the longest word of a name (after
        the mark and its indent) or of an organisation."""
        processes = frame.snapshot.processes
        return max(MIN_FLEX, longest_word(text_in(p.name, lang) for p in processes) + 2,
                   longest_word(text_in(p.organisation, lang) for p in processes))

    def _is_long(self) -> bool:
        frame = self.frame
        return frame is not None and self.too_long(len(frame.snapshot.processes) + len(frame.scenario.organisations))

    def on_resize(self, event: events.Resize) -> None:
        if self.is_compact() != self.compact:
            self.rebuild()
        super().on_resize(event)

    def show(self, frame: Frame) -> None:
        """Show ``frame``'s processes: build the rows once per language, then update cells."""
        self.frame = frame
        if frame.lang != self._lang:
            self.rebuild()
            return
        lang = frame.lang
        long = self.long
        for proc in frame.snapshot.processes:
            if long and not self.in_window(proc.ref):   # made when the window reaches it
                self.defer(proc.ref, partial(self._cells, proc, lang))
            else:
                self.update_cells(proc.ref, signature(proc), partial(self._cells, proc, lang))
        self.flush()

    def _cells(self, proc: ProcessView, lang: str) -> tuple[Text, ...]:
        return (
            name_cell(proc, lang, self._flex, self.compact),
            mtpd_bar(proc, lang, COMPACT_BAR_WIDTH if self.compact else BAR_WIDTH),
            capacity_cell(proc, lang),
            Text(formats.number(proc.backlog, lang), style="yellow" if proc.backlog > 0.5 else "",
                 justify="right"),
            Text(formats.number(proc.late, lang), style="bold red" if proc.late > 0.5 else "", justify="right"),
        )

    def rebuild(self) -> None:
        frame = self.frame
        if frame is None:
            return
        lang = frame.lang
        self._lang = lang
        self.compact = self.is_compact()
        self.WIDTHS = {**type(self).WIDTHS, "mtpd": 18 - (BAR_WIDTH - COMPACT_BAR_WIDTH) * self.compact}
        self.lang = lang
        cursor = self.key_at(self.cursor_row) if self.row_count else None
        labels = [tr(label, lang) for label in self.LABELS]
        if self.compact:
            labels[1] = tr("col.mtpd_short", lang)
        processes = frame.snapshot.processes
        # the name column is at least as wide as the longest word of a name (after the mark
        # and its indent): names wrap at spaces, a word is never cut in two (compact: one
        # line each, cut with an ellipsis)
        self.min_flex = MIN_FLEX if self.compact else self._full_flex(frame, lang)
        self.set_columns(labels, rows=len(processes) + len(frame.scenario.organisations))
        organisation = None
        for proc in processes:
            org_id = proc.ref.split("/")[0]
            if org_id != organisation:
                organisation = org_id
                # the organisation's name wraps rather than lose its end
                heading = wrapped(text_in(proc.organisation, lang), self._flex)
                self.add_cells(f"org:{org_id}", None,
                               (Text(heading, style="bold underline"), *(Text("") for _ in self.COLUMNS[1:])),
                               height=len(heading.splitlines()))
            if self.long:   # one line each (compact), made when the window reaches it
                self.add_cells(proc.ref, signature(proc), partial(self._cells, proc, lang))
                continue
            cells = self._cells(proc, lang)
            self.add_cells(proc.ref, signature(proc), cells, height=len(cells[0].plain.splitlines()))
        self.show_rows()
        if cursor is not None and (self.long or self._index.get(cursor, 0) > 0):
            self.move_to_key(cursor)
