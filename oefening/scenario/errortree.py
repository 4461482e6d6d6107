"""Where pydantic's validation errors belong in the document, and which model a mapping is.

pydantic reports each error with a ``loc`` that mixes the document's keys with the names of
union members it tried (``'constrained-str'``, ``'tagged-union[…]'``, a tag). Walking the
data along the ``loc`` separates the two (:func:`split`). For every union, only the errors
of the member that fits the value written are kept (:func:`select`); when none fits, the
value gets one :class:`Mismatch`. :func:`model_at` finds the model a mapping is validated
as, so a message can say "in process" and list the keys a process allows.
"""

from __future__ import annotations

import types
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

Step = str | int
DataPath = tuple[Step, ...]

MISSING: Any = object()
"""What :func:`value_at` gives for a path that is not in the data."""

TYPE_MISMATCHES = frozenset(
    {
        "string_type", "float_type", "float_parsing", "finite_number", "int_type", "int_parsing",
        "int_from_float", "bool_type", "bool_parsing", "list_type", "dict_type", "model_type",
        "model_attributes_type",
    }
)
"""Error types that say a value is of the wrong kind altogether."""


@dataclass


class LocError:
    """One pydantic error, its ``loc`` split into data keys and union member labels."""

    steps: list[tuple[bool, Step]]  # (is a union label, key or label)
    raw: dict[str, Any]

    @property
    def path(self) -> DataPath:
        return tuple(step for label, step in self.steps if not label)


@dataclass


class Mismatch:
    """A value that fits none of a union's members."""

    path: DataPath
    labels: list[str]


def split(data: Any, raw: dict[str, Any]) -> LocError:
    """Walk the data along ``loc``: a key or index that is there is a step, the rest labels."""
    steps: list[tuple[bool, Step]] = []
    current = data
    loc = raw["loc"]
    pair = False  # a condition or effect: its tag, then the key of the same name
    for i, item in enumerate(loc):
        child = child_of(current, item)
        if child is not MISSING and not pair and i + 1 < len(loc) and loc[i + 1] == item:
            steps.append((True, item))
            pair = True
            continue
        pair = False
        if child is not MISSING:
            steps.append((False, item))
            current = child
        elif i == len(loc) - 1 and raw["type"] == "missing":
            steps.append((False, item))
        else:
            steps.append((True, item))
    return LocError(steps, raw)


def select(errors: list[LocError], data: Any) -> list[LocError | Mismatch]:
    """Keep, at every union, only the errors of the member that fits the value."""
    out: list[LocError | Mismatch] = []
    unions: dict[DataPath, dict[str, list[LocError]]] = {}
    for error in errors:
        first = next((i for i, (label, _) in enumerate(error.steps) if label), None)
        if first is None:
            out.append(error)
            continue
        point = tuple(step for _, step in error.steps[:first])
        member = str(error.steps[first][1])
        rest = LocError(error.steps[:first] + error.steps[first + 1 :], error.raw)
        unions.setdefault(point, {}).setdefault(member, []).append(rest)
    for point, members in unions.items():
        value = value_at(data, point)
        fitting = {m: errs for m, errs in members.items() if not _mismatch(m, errs, point, value)}
        if not fitting:
            out.append(Mismatch(point, list(members)))
            continue
        best = min(fitting, key=lambda m: len(fitting[m]))
        out.extend(select(fitting[best], data))
    return out


def _mismatch(member: str, errors: list[LocError], point: DataPath, value: Any) -> bool:
    """Whether a union member does not fit the kind of value at all."""
    if member.startswith("function-before[parse_duration") and isinstance(value, dict | list):
        return True
    for error in errors:
        if error.path == point and error.raw["type"] in TYPE_MISMATCHES:
            return True
    kinds = {e.raw["type"] for e in errors}
    if isinstance(value, dict) and kinds <= {"missing", "extra_forbidden"}:
        extra = {e.path[-1] for e in errors if e.raw["type"] == "extra_forbidden"}
        return extra == set(value)
    return False


def value_at(data: Any, path: Sequence[Step]) -> Any:
    """The value at ``path`` in the data, or ``MISSING``."""
    current = data
    for step in path:
        current = child_of(current, step)
        if current is MISSING:
            break
    return current


def child_of(value: Any, step: Any) -> Any:
    """The value under a key or index, or ``MISSING``."""
    if isinstance(value, dict) and isinstance(step, str) and step in value:
        return value[step]
    if isinstance(value, list) and type(step) is int and 0 <= step < len(value):
        return value[step]
    return MISSING


def flatten(annotation: Any) -> list[Any]:
    """The types an annotation may be: Annotated and unions unwrapped, None dropped."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return flatten(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return [t for arg in get_args(annotation) for t in flatten(arg)]
    if annotation is type(None):
        return []
    return [annotation]


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def fields_of(cls: type[BaseModel]) -> dict[str, Any]:
    """A model's fields by the key written in YAML (the alias, when it has one)."""
    return {(info.alias or name): info for name, info in cls.model_fields.items()}


def keys_of(cls: type[BaseModel] | None) -> list[str]:
    """The keys a model allows, in the order of its fields."""
    return list(fields_of(cls)) if cls is not None else []


def model_at(root: type[BaseModel], data: Any, path: Sequence[Step]) -> type[BaseModel] | None:
    """The model class that the mapping at ``path`` is validated as."""
    candidates: list[Any] = [root]
    for step in path:
        following: list[Any] = []
        for tp in candidates:
            for t in flatten(tp):
                origin = get_origin(t)
                if isinstance(step, int) and origin is list:
                    following.append(get_args(t)[0])
                elif isinstance(step, str) and _is_model(t) and step in fields_of(t):
                    following.append(fields_of(t)[step].annotation)
                elif isinstance(step, str) and origin is dict:
                    following.append(get_args(t)[1])
        candidates = following
    models = [t for tp in candidates for t in flatten(tp) if _is_model(t)]
    if not models:
        return None
    value = value_at(data, path)
    return max(models, key=lambda m: _fit(m, value))


def _fit(cls: type[BaseModel], value: Any) -> int:
    """How well a mapping fits a model: keys it knows, minus a literal key with another value."""
    if not isinstance(value, dict):
        return 0
    fields = fields_of(cls)
    score = sum(1 for key in value if key in fields)
    for key, info in fields.items():
        if get_origin(info.annotation) is Literal and key in value:
            score += 2 if value[key] in get_args(info.annotation) else -2
    return score
