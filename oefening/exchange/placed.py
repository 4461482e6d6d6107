"""Validating data built from a sheet, with every problem placed at the cell it came from.

The scenario's own checks (:func:`oefening.scenario.load.validate`) give the friendly message
and the path of the key; a :class:`PlacedDocument` maps that path to the nearest cell that
produced it, so a wrong criticality in a BIA is reported as ``bia.xlsx:BIA!C4: column
'criticality': found 'vitl' (did you mean 'vital'?); allowed: …`` instead of a YAML line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel

from oefening.errors import OefeningError, Problem
from oefening.exchange.sheets import CellProblem, Sheet
from oefening.scenario.load import validate
from oefening.scenario.messages import format_path
from oefening.scenario.yamlsource import Document
from oefening.scenario.yamlsource import Path as DataPath

M = TypeVar("M", bound=BaseModel)
Key = tuple[str | int, ...]


@dataclass(frozen=True)
class Place:
    """A cell, the column's name, and the path of the row's element (left out of messages)."""

    sheet: Sheet
    row: int
    col: int
    header: str
    base: Key = ()


@dataclass(frozen=True)
class PlacedDocument(Document):
    """Data from sheets: problems are placed at cells, not lines."""

    places: dict[Key, Place] = field(default_factory=dict)

    def problem(self, message: str, path: DataPath = (), *, key: bool = False) -> Problem:
        steps = tuple(path)
        for n in range(len(steps), 0, -1):
            place = self.places.get(steps[:n])
            if place is not None:
                return place.sheet.problem(place.row, place.col, _message(place, steps[:n], message))
        return Problem(message, self.name)


def _message(place: Place, matched: Key, message: str) -> str:
    """``column 'X': message`` without the path the column already names."""
    own = format_path(matched)
    if len(matched) > len(place.base) and message.startswith(own + ": "):
        return f"column {place.header!r}: {message[len(own) + 2:]}"
    prefix = format_path(place.base)
    if place.base and message.startswith(prefix):
        message = message[len(prefix):].lstrip(".")
        message = message[2:] if message.startswith(": ") else message
    return f"column {place.header!r}: {message}"


def validate_placed(model: type[M], data: dict[str, Any], places: dict[Key, Place], name: str) -> M:
    """``data`` as ``model``; OefeningError with every problem at its cell, in cell order."""
    try:
        return validate(model, PlacedDocument(name, data, None, places=places))
    except OefeningError as error:
        raise OefeningError(in_cell_order(error.problems)) from None


def in_cell_order(problems: Sequence[Problem]) -> list[Problem]:
    """Sheet problems by sheet, row and column; others after them, in their order."""
    def key(p: Problem) -> tuple[int, str, int, int]:
        if isinstance(p, CellProblem):
            return (0, p.sheet, p.row, p.col)
        return (1, "", 0, 0)

    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=key)
