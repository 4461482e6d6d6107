"""Sheets read and written: the cells of an xlsx worksheet or a csv file, and problems by cell.

A :class:`Sheet` is a table of plain values (text, numbers, yes/no, dates) with 1-based rows
and columns. Reading fills every merged range with its top-left value (a header merged over
two columns, an organisation merged over its processes' rows) and drops empty trailing rows
and columns. A csv file is one sheet named after the file (as Excel and LibreOffice name it);
its delimiter (comma, semicolon or tab) is recognised from the header line. A
:class:`CellProblem` prints as ``FILE:SHEET!CELL: message``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oefening.errors import OefeningError, Problem

MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024  # an xlsx is a zip: a small file may unpack to gigabytes
MAX_ROWS = 100_000
MAX_COLUMNS = 200
XLSX = (".xlsx", ".xlsm")
CSV = (".csv",)


@dataclass(frozen=True)
class CellProblem(Problem):
    """A problem in one cell (column 0: the whole row; row 0: the whole sheet)."""

    sheet: str = ""
    row: int = 0
    col: int = 0

    def __str__(self) -> str:
        place = self.sheet
        if self.row:
            place = f"{self.sheet}!{cell_name(self.row, self.col or 1)}"
        return f"{self.file}:{place}: {self.message}"


def cell_name(row: int, col: int) -> str:
    """``A1``-style address of a 1-based row and column."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}"


@dataclass
class Sheet:
    """One table of values; ``cell(row, col)`` is 1-based and None when empty."""

    file: str
    name: str
    rows: list[list[Any]]
    merged_across: set[tuple[int, int]] = field(default_factory=set)
    """cells that lie in a merged range spanning more than one column (group headers)"""

    def cell(self, row: int, col: int) -> Any:
        if 1 <= row <= len(self.rows) and 1 <= col <= len(self.rows[row - 1]):
            return self.rows[row - 1][col - 1]
        return None

    def problem(self, row: int, col: int, message: str) -> CellProblem:
        return CellProblem(message, self.file, sheet=self.name, row=row, col=col)


def read_sheets(path: str | Path) -> list[Sheet]:
    """Every sheet of an xlsx workbook, or the one sheet of a csv file."""
    name = str(path)
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in XLSX + CSV:
        raise OefeningError([Problem("expected a spreadsheet ending in .xlsx or .csv", name)])
    try:
        if file.is_dir():
            raise OefeningError([Problem("is a directory, not a spreadsheet", name)])
        size = file.stat().st_size
        if size > MAX_BYTES:
            message = f"the file is too large ({size / 2**20:.0f} MB; at most {MAX_BYTES // 2**20} MB)"
            raise OefeningError([Problem(message, name)])
        raw = file.read_bytes()
    except FileNotFoundError:
        raise OefeningError([Problem("no such file", name)]) from None
    except OSError as error:
        raise OefeningError([Problem(f"cannot read the file: {error.strerror or error}", name)]) from None
    if suffix in CSV:
        return [_read_csv(raw, name, file.stem)]
    return _read_xlsx(raw, name)


def _read_csv(raw: bytes, name: str, sheet: str) -> Sheet:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise OefeningError([Problem("the file is UTF-16 text; save it as CSV UTF-8", name)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")  # what Excel on Windows writes as "CSV"
        except UnicodeDecodeError:
            raise OefeningError([Problem("not UTF-8 text; save the file as CSV UTF-8", name)]) from None
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = [
        [_plain(value) for value in row[:MAX_COLUMNS]]
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    ]
    return Sheet(name, sheet, _trimmed(rows, name))


def _read_xlsx(raw: bytes, name: str) -> list[Sheet]:
    import zipfile

    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        unpacked = 0  # openpyxl below says what is wrong with it
    if unpacked > MAX_UNPACKED:
        message = (f"the workbook unpacks to {unpacked / 2**20:.0f} MB; at most {MAX_UNPACKED // 2**20} MB "
                   "(save it without unused rows, or as csv)")
        raise OefeningError([Problem(message, name)])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
            book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        why = str(error).strip().split("\n")[0][:120] or type(error).__name__
        message = f"cannot read it as an Excel workbook (.xlsx): {why}"
        raise OefeningError([Problem(message, name)]) from None
    sheets = []
    for ws in book.worksheets:
        if ws.max_row > MAX_ROWS:
            raise OefeningError([Problem(f"sheet {ws.title!r} has more than {MAX_ROWS} rows", name)])
        width = min(ws.max_column, MAX_COLUMNS)
        rows = [
            [_plain(value) for value in row]
            for row in ws.iter_rows(max_col=width, values_only=True)
        ]
        across: set[tuple[int, int]] = set()
        for merged in ws.merged_cells.ranges:
            top = _value(rows, merged.min_row, merged.min_col)
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, min(merged.max_col, width) + 1):
                    if r <= len(rows) and c <= len(rows[r - 1]):
                        rows[r - 1][c - 1] = top
                    if merged.max_col > merged.min_col:
                        across.add((r, c))
        sheets.append(Sheet(name, ws.title, _trimmed(rows, name), across))
    return sheets


def _value(rows: list[list[Any]], row: int, col: int) -> Any:
    if row <= len(rows) and col <= len(rows[row - 1]):
        return rows[row - 1][col - 1]
    return None


def _plain(value: Any) -> Any:
    """A cell's value as plain data: stripped text or None, numbers, yes/no, dates, durations."""
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").strip()
        return value or None
    if isinstance(value, int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta):
        return value
    return None if value is None else str(value)


def _trimmed(rows: list[list[Any]], name: str) -> list[list[Any]]:
    """Without empty trailing rows and empty trailing cells."""
    if len(rows) > MAX_ROWS:
        raise OefeningError([Problem(f"more than {MAX_ROWS} rows", name)])
    out = []
    for row in rows:
        while row and row[-1] is None:
            row.pop()
        out.append(row)
    while out and not out[-1]:
        out.pop()
    return out


def sheet_named(sheets: Sequence[Sheet], names: Sequence[str]) -> Sheet | None:
    """The sheet whose name is one of ``names`` (case and spaces aside), else None."""
    wanted = {normalise(n) for n in names}
    return next((s for s in sheets if normalise(s.name) in wanted), None)


def normalise(name: object) -> str:
    """A header or sheet name compared without case, spaces and punctuation."""
    return "".join(ch for ch in str(name).lower() if ch.isalnum())


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A csv file in UTF-8 with a byte-order mark (so Excel reads its accents right)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else _csv_text(v) for v in row])
    path.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")


def _csv_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


@dataclass(frozen=True)
class ColumnFormat:
    """How one column of a written xlsx sheet looks."""

    header: str
    width: float
    choices: Sequence[str] = ()
    comment: str = ""


def add_table(book: Any, title: str, columns: Sequence[ColumnFormat], rows: Sequence[Sequence[Any]],
              *, freeze: str = "A2", first: bool = False) -> Any:
    """A worksheet: bold frozen header, column widths, wrapped text, lists for ``choices``."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = book.active if first else book.create_sheet()
    ws.title = title
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE6F0")
    top = Alignment(wrap_text=True, vertical="top")
    for c, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=c, value=column.header)
        cell.font, cell.fill, cell.alignment = bold, fill, top
        if column.comment:
            cell.comment = Comment(column.comment, "oefening", width=320, height=140)
        ws.column_dimensions[get_column_letter(c)].width = column.width
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # a text, never a formula
            cell.alignment = top
    last = max(len(rows) + 1, 500)
    for c, column in enumerate(columns, start=1):
        if column.choices:
            letter = get_column_letter(c)
            rule = DataValidation(type="list", formula1='"' + ",".join(column.choices) + '"',
                                  allow_blank=True, showErrorMessage=True,
                                  errorTitle=column.header,
                                  error=", ".join(column.choices))
            rule.add(f"{letter}2:{letter}{last}")
            ws.add_data_validation(rule)
    ws.freeze_panes = freeze
    return ws
