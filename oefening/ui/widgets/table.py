"""A data table whose flexible column takes the width the others leave (rebuilt on resize),
and whose rows are updated in place: each row has a signature of the plain values it shows,
and only rows whose signature changed are rendered and updated, so a redraw of hundreds of
rows costs little. The process and decision tables build on it."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from rich.text import Text
from textual import events
from textual.widgets import DataTable

from oefening.ui import internals

MIN_FLEX = 14
SCROLLBAR = 2


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

    @property
    def flex(self) -> str:
        return self.FLEX or self.COLUMNS[0]

    def flex_width(self, labels: Sequence[str]) -> int:
        """What is left for the first column in the current width."""
        fixed = sum(max(self.WIDTHS[c], label_width(label))
                    for c, label in zip(self.COLUMNS, labels, strict=True) if c != self.flex)
        padding = 2 * self.cell_padding * len(self.COLUMNS)
        return max(self.min_flex, self.size.width - fixed - padding - SCROLLBAR)

    def set_columns(self, labels: Sequence[str]) -> None:
        """Clear the table and add the columns with their labels."""
        self._signatures.clear()
        self.clear(columns=True)
        self._flex = self.flex_width(labels)
        for key, label in zip(self.COLUMNS, labels, strict=True):
            width = self._flex if key == self.flex else max(self.WIDTHS[key], label_width(label))
            self.add_column(label, key=key, width=width)

    def add_cells(self, key: str, signature: Hashable, cells: Sequence[Text], height: int | None = 1) -> None:
        """Add row ``key`` (``height`` None: as high as its wrapped cells need)."""
        self._signatures[key] = signature
        self.add_row(*cells, key=key, height=height)

    def update_cells(self, key: str, signature: Hashable, cells: Callable[[], Sequence[Text]]) -> None:
        """Update row ``key`` when what it shows (its ``signature``) changed; call
        :meth:`flush` after a batch of updates."""
        if self._signatures.get(key) == signature:
            return
        self._signatures[key] = signature
        # DataTable.update_cell refreshes the whole table for each cell: in a 500-process
        # world that is 40,000 refreshes a turn. Set the cells, then refresh once (flush).
        values = list(zip(self.COLUMNS, cells(), strict=True))
        if internals.set_row(self, key, values):
            self._stale = True
            return
        for column, cell in values:
            self.update_cell(key, column, cell)

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
