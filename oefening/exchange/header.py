"""Finding a table's header row and which column holds what.

Column names are compared without case, spaces and punctuation (``Lead time``, ``leadtime``
and ``Lead-time`` are one name), in Dutch or English. The header is the row among the first
ten that names the most known columns; title rows above it are skipped. A group header merged
over several columns (``Fallback`` over ``capacity``, ``lead time``, ``cost``) is read
together with the names under it (``fallback capacity``). A name close to a known one is a
problem (a typo would otherwise drop a column silently); other unknown columns are ignored
and reported as a note.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from difflib import get_close_matches

from oefening.exchange.sheets import CellProblem, Sheet, normalise

SCAN_ROWS = 10


@dataclass
class Header:
    """Where the header row is and which column holds each known key."""

    row: int
    columns: dict[str, int]
    problems: list[CellProblem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def data_rows(self, sheet: Sheet) -> list[int]:
        """The rows under the header that hold something in a known column."""
        rows = []
        for r in range(self.row + 1, len(sheet.rows) + 1):
            if any(sheet.cell(r, c) is not None for c in self.columns.values()):
                rows.append(r)
        return rows


def find_header(sheet: Sheet, names: Mapping[str, Sequence[str]], required: Sequence[str],
                shown: Mapping[str, str]) -> Header:
    """The header of ``sheet``: ``names`` maps each key to every name it may have, ``shown`` to
    the name used in messages; problems for missing ``required`` columns and likely typos."""
    lookup = {normalise(n): key for key, all_names in names.items() for n in all_names}
    best: tuple[int, int, dict[str, int]] | None = None
    for r in range(1, min(len(sheet.rows), SCAN_ROWS) + 1):
        found = _columns(sheet, r, lookup)
        if found and (best is None or len(found) > len(best[2])):
            best = (len(found), r, found)
    if best is None:
        listed = ", ".join(repr(shown[k]) for k in (required or list(shown)[:4]))
        message = f"no header row found in the first {SCAN_ROWS} rows; expected columns such as {listed}"
        return Header(0, {}, [sheet.problem(1, 1, message)])
    _, row, columns = best
    header = Header(row, columns)
    for key in required:
        if key not in columns:
            other = [n for n in names[key][:2] if n != shown[key]]
            also = f" (in Dutch {other[0]!r})" if other else ""
            header.problems.append(sheet.problem(row, 0, f"missing column {shown[key]!r}{also}"))
    used = set(columns.values())
    everything = sorted({n for all_names in names.values() for n in all_names})
    for c, value in enumerate(sheet.rows[row - 1], start=1):
        if value is None or c in used:
            continue
        text = str(value)
        if normalise(text) in lookup:  # a second column of the same kind
            key = lookup[normalise(text)]
            header.problems.append(sheet.problem(
                row, c, f"column {text!r} appears twice (also column {_letter(columns[key])})"))
            continue
        close = get_close_matches(text.lower(), [n.lower() for n in everything], n=1, cutoff=0.8)
        if close:
            match = next(n for n in everything if n.lower() == close[0])
            key = lookup[normalise(match)]
            if key not in columns:
                header.problems.append(sheet.problem(
                    row, c, f"unknown column {text!r} (did you mean {shown[key]!r}?)"))
                continue
        header.ignored.append(text)
    return header


def _columns(sheet: Sheet, row: int, lookup: Mapping[str, str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for c, value in enumerate(sheet.rows[row - 1], start=1):
        candidates = []
        if value is not None:
            candidates.append(normalise(value))
            above = sheet.cell(row - 1, c)
            if (row - 1, c) in sheet.merged_across and above is not None and above != value:
                candidates.insert(0, normalise(above) + normalise(value))
        for candidate in candidates:
            key = lookup.get(candidate)
            if key is not None and key not in found:
                found[key] = c
                break
    return found


def _letter(col: int) -> str:
    from oefening.exchange.sheets import cell_name

    return cell_name(1, col)[:-1]
