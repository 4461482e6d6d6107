"""A data table whose first column takes the width the others leave, rebuilt on resize, and
whose rows are updated cell by cell: only the cells whose text changed are touched, so a
redraw of hundreds of rows costs little. The process and decision tables build on it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.widgets import DataTable

MIN_FLEX = 14
SCROLLBAR = 2


class FlexTable(DataTable[Text]):
    """Columns ``COLUMNS``; the first one flexes, the others have ``WIDTHS``."""

    COLUMNS: Sequence[str] = ()
    FLEX = ""                    # the column that takes the width left (default: the first)
    WIDTHS: dict[str, int] = {}  # noqa: RUF012 - read only

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", **kwargs)  # type: ignore[arg-type]
        self._shown: dict[tuple[str, str], str] = {}
        self._flex = 0

    @property
    def flex(self) -> str:
        return self.FLEX or self.COLUMNS[0]

    def flex_width(self, labels: Sequence[str]) -> int:
        """What is left for the first column in the current width."""
        fixed = sum(max(self.WIDTHS[c], len(label))
                    for c, label in zip(self.COLUMNS, labels, strict=True) if c != self.flex)
        padding = 2 * self.cell_padding * len(self.COLUMNS)
        return max(MIN_FLEX, self.size.width - fixed - padding - SCROLLBAR)

    def set_columns(self, labels: Sequence[str]) -> None:
        """Clear the table and add the columns with their labels."""
        self._shown.clear()
        self.clear(columns=True)
        self._flex = self.flex_width(labels)
        for key, label in zip(self.COLUMNS, labels, strict=True):
            width = self._flex if key == self.flex else max(self.WIDTHS[key], len(label))
            self.add_column(label, key=key, width=width)

    def add_cells(self, key: str, cells: Sequence[Text], height: int | None = 1) -> None:
        """Add row ``key`` (``height`` None: as high as its wrapped cells need)."""
        for column, cell in zip(self.COLUMNS, cells, strict=True):
            self._shown[(key, column)] = cell.markup
        self.add_row(*cells, key=key, height=height)

    def update_cells(self, key: str, cells: Sequence[Text]) -> None:
        """Update the cells of row ``key`` whose text changed."""
        for column, cell in zip(self.COLUMNS, cells, strict=True):
            if self._shown.get((key, column)) != cell.markup:
                self._shown[(key, column)] = cell.markup
                self.update_cell(key, column, cell)

    def on_resize(self, event: events.Resize) -> None:
        if self.columns and self.flex_width([str(c.label) for c in self.columns.values()]) != self._flex:
            self.rebuild()

    def rebuild(self) -> None:
        """Build columns and rows again (after a resize or a change of language)."""
