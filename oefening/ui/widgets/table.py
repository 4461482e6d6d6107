"""A data table whose flexible column takes the width the others leave (rebuilt on resize),
and whose rows are updated in place: each row has a signature of the plain values it shows,
and only rows whose signature changed are rendered and updated, so a redraw of hundreds of
rows costs little. The process and decision tables build on it.

A long table (more than :data:`LONG` rows: a world of 50,000 processes) has virtual rows: it
keeps every row's key, signature and a way to make its cells, but only a window of
:data:`WINDOW` rows is in the Textual table, between a row "↑ N more" and a row "↓ N more";
moving the cursor onto one of those (arrows, page keys, the mouse) moves the window, Home and
End go to the first and the last row. Building and redrawing it costs the window, not the
whole table."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from rich.text import Text
from textual import events
from textual.widgets import DataTable

from oefening.ui import internals
from oefening.words import formats, tr

MIN_FLEX = 14
SCROLLBAR = 2
LONG = 1_000     # a table with more rows than this has virtual rows
WINDOW = 300     # the rows of a long table in the Textual table at one time
ABOVE, BELOW = "more:above", "more:below"   # the keys of the rows that move the window
Cells = Sequence[Text] | Callable[[], Sequence[Text]]


def label_width(label: str) -> int:
    """The width of a column label (a label may have two lines)."""
    return max((len(line) for line in label.splitlines()), default=0)


class FlexTable(DataTable[Text]):
    """Columns ``COLUMNS``; the first one flexes, the others have ``WIDTHS``."""

    COLUMNS: Sequence[str] = ()
    FLEX = ""                    # the column that takes the width left (default: the first)
    WIDTHS: dict[str, int] = {}  # noqa: RUF012 - read only

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", **kwargs)  # type: ignore[arg-type]
        self._signatures: dict[str, Hashable] = {}
        self._flex = 0
        self._stale = False
        self.min_flex = MIN_FLEX     # the flexible column is never narrower (its longest word)
        self.lang = "en"                         # of the "more" rows (the subclasses set it)
        self._keys: list[str] = []               # every row, in order
        self._index: dict[str, int] = {}
        self._makers: dict[str, Cells] = {}         # a long table's rows: their cells, or how to make them
        self._heights: dict[str, int | None] = {}
        self._virtual = False
        self._start = 0                          # a long table's first row in the window

    @staticmethod
    def too_long(rows: int) -> bool:
        """Whether a table of ``rows`` rows has virtual rows."""
        return rows > LONG

    @property
    def long(self) -> bool:
        """Whether the table has virtual rows (more than :data:`LONG`)."""
        return self._virtual

    @property
    def flex(self) -> str:
        return self.FLEX or self.COLUMNS[0]

    def flex_width(self, labels: Sequence[str]) -> int:
        """What is left for the first column in the current width."""
        fixed = sum(max(self.WIDTHS[c], label_width(label))
                    for c, label in zip(self.COLUMNS, labels, strict=True) if c != self.flex)
        padding = 2 * self.cell_padding * len(self.COLUMNS)
        return max(self.min_flex, self.size.width - fixed - padding - SCROLLBAR)

    def set_columns(self, labels: Sequence[str], rows: int = 0) -> None:
        """Clear the table and add the columns with their labels; ``rows``: how many rows
        will follow, when known (more than :data:`LONG`: virtual rows from the first)."""
        self._signatures.clear()
        self._keys, self._index, self._makers, self._heights = [], {}, {}, {}
        self._virtual = self.too_long(rows)
        self.clear(columns=True)
        self._flex = self.flex_width(labels)
        for key, label in zip(self.COLUMNS, labels, strict=True):
            width = self._flex if key == self.flex else max(self.WIDTHS[key], label_width(label))
            self.add_column(label, key=key, width=width)

    def add_cells(self, key: str, signature: Hashable, cells: Cells, height: int | None = 1) -> None:
        """Add row ``key`` (``height`` None: as high as its wrapped cells need); ``cells`` may
        be a function that makes them, called only when the row is shown. Call
        :meth:`show_rows` after the last row."""
        self._signatures[key] = signature
        self._index[key] = len(self._keys)
        self._keys.append(key)
        self._makers[key], self._heights[key] = cells, height
        if self.too_long(len(self._keys)):   # (also when longer than announced) a window, filled by show_rows
            self._virtual = True
        if self._virtual:
            return
        self.add_row(*(cells() if callable(cells) else cells), key=key, height=height)

    def show_rows(self) -> None:
        """After the last :meth:`add_cells`: a long table shows its window (where it stood)."""
        if self._virtual:
            self._fill(self._start)
        else:
            self._makers.clear()   # a short table has all its rows in the Textual table
            self._heights.clear()

    def _fill(self, start: int) -> None:
        """Put the window from row ``start`` into the Textual table, between the "more" rows."""
        self._start = start = max(0, min(start, len(self._keys) - WINDOW))
        stop = min(len(self._keys), start + WINDOW)
        self.clear()
        blank = [Text("") for _ in self.COLUMNS]
        flex = list(self.COLUMNS).index(self.flex)

        def more(key: str, n: int) -> None:
            cells = list(blank)
            cells[flex] = Text(tr(f"table.{key.split(':')[1]}", self.lang, n=formats.number(n, self.lang)),
                               style="dim italic", no_wrap=True, overflow="ellipsis")
            self.add_row(*cells, key=key)

        if start > 0:
            more(ABOVE, start)
        for key in self._keys[start:stop]:
            cells = self._makers[key]
            self.add_row(*(cells() if callable(cells) else cells), key=key, height=self._heights[key])
        if stop < len(self._keys):
            more(BELOW, len(self._keys) - stop)

    def key_at(self, row: int) -> str | None:
        """The key of the row shown at position ``row`` (None on a "more" row or past the end)."""
        index = row - (1 if self._virtual and self._start > 0 else 0) + (self._start if self._virtual else 0)
        if row < 0 or not 0 <= index < len(self._keys):
            return None
        if self._virtual and not self._start <= index < self._start + WINDOW:
            return None
        return self._keys[index]

    def move_to(self, index: int) -> None:
        """Put the cursor on row ``index`` of all the rows (moving a long table's window there)."""
        if not self._keys:
            return
        index = max(0, min(index, len(self._keys) - 1))
        if self._virtual:
            if not self._start <= index < self._start + WINDOW:
                self._fill(index - WINDOW // 2)
            self.move_cursor(row=index - self._start + (1 if self._start > 0 else 0), animate=False)
        else:
            self.move_cursor(row=index, animate=False)

    def move_to_key(self, key: str) -> None:
        """Put the cursor on row ``key`` (nothing when there is no such row)."""
        if key in self._index:
            self.move_to(self._index[key])

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The cursor on a "more" row moves the window to the row beyond it (the window then
        stands around that row)."""
        key = event.row_key.value
        if key not in (ABOVE, BELOW) or event.cursor_row != self.cursor_row:
            return   # a row, or a "more" row the cursor has already left
        event.stop()
        self.move_to(self._start - 1 if key == ABOVE else self._start + WINDOW)   # the row beyond the window

    def action_scroll_top(self) -> None:
        if self._virtual:
            self.move_to(0)
        else:
            super().action_scroll_top()

    def action_scroll_bottom(self) -> None:
        if self._virtual:
            self.move_to(len(self._keys) - 1)
        else:
            super().action_scroll_bottom()

    def update_cells(self, key: str, signature: Hashable, cells: Callable[[], Sequence[Text]]) -> None:
        """Update row ``key`` when what it shows (its ``signature``) changed; call
        :meth:`flush` after a batch of updates."""
        if self._signatures.get(key) == signature:
            return
        self._signatures[key] = signature
        if self._virtual:
            self._makers[key] = cells
            index = self._index.get(key)
            if index is None or not self._start <= index < self._start + WINDOW:
                return   # shown, with these cells, when the window reaches it
        # DataTable.update_cell refreshes the whole table for each cell: in a 500-process
        # world that is 40,000 refreshes a turn. Set the cells, then refresh once (flush).
        values = list(zip(self.COLUMNS, cells(), strict=True))
        if internals.set_row(self, key, values):
            self._stale = True
            return
        for column, cell in values:
            self.update_cell(key, column, cell)

    def in_window(self, key: str) -> bool:
        """Whether row ``key`` is in the Textual table now (every row of a short table; of a
        long one, the rows of its window)."""
        if not self._virtual:
            return True
        index = self._index.get(key)
        return index is not None and self._start <= index < self._start + WINDOW

    def defer(self, key: str, cells: Callable[[], Sequence[Text]]) -> None:
        """A long table's row outside its window: made with ``cells`` when the window reaches
        it, its signature worked out only then (so a redraw costs the window, not every row)."""
        self._makers[key] = cells
        self._signatures[key] = None

    def flush(self) -> None:
        """Show the cells set by :meth:`update_cells` (one refresh for the whole batch)."""
        if self._stale:
            self._stale = False
            internals.refresh_rows(self)

    def on_resize(self, event: events.Resize) -> None:
        if self.columns and self.flex_width([str(c.label) for c in self.columns.values()]) != self._flex:
            self.rebuild()
        # A table that shrank (its panel gave room to a longer detail text, the terminal got
        # smaller) keeps the row under the cursor in view.
        self.call_after_refresh(self._scroll_cursor_into_view, animate=False)

    def rebuild(self) -> None:
        """Build columns and rows again (after a resize or a change of language)."""
