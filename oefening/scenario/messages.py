"""Friendly messages for pydantic's validation errors, each placed at its line and column.

Each error that :mod:`oefening.scenario.errortree` keeps becomes one sentence that names the
key, what was found and what is allowed, in the words of the scenario format
(``missing key 'mtpd' in process``, ``found 'vitaal'; allowed: vital, …``), with a guess
when a word is close to an allowed one. Problems that cross the document
(:class:`ReferenceProblems`) keep their own paths.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from oefening.durations import digits, format_duration, parse_duration
from oefening.errors import Problem
from oefening.scenario import conditions, distributions, effects, model, plan
from oefening.scenario.base import ID_PATTERN
from oefening.scenario.errortree import (
    MISSING,
    DataPath,
    LocError,
    Mismatch,
    Step,
    fields_of,
    flatten,
    keys_of,
    model_at,
    select,
    split,
    value_at,
)
from oefening.scenario.model import ReferenceProblems
from oefening.scenario.yamlsource import Document, kind_of

_EXPECTED = {
    "string_type": "a text",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
}
_BOUNDS = {  # error type: (ctx key, sign)
    "greater_than": ("gt", ">"),
    "greater_than_equal": ("ge", "≥"),
    "less_than": ("lt", "<"),
    "less_than_equal": ("le", "≤"),
}
_DISTRIBUTION_KINDS: tuple[str, ...] = tuple(
    str(get_args(cls.model_fields["dist"].annotation)[0]) for cls in flatten(distributions.Distribution)
)
_DATETIME = "a date and time with time zone, such as 2025-03-03T08:00:00+01:00"
_DURATION = "a duration such as 30m, 4h, 2d, 1w or a number of hours"
_CONDITION_WRAPPERS = frozenset(conditions.CONDITION_KINDS.values())
_EFFECT_WRAPPERS = frozenset(effects.EFFECT_KINDS.values())
_NAMES: dict[type[BaseModel], str] = {
    model.Scenario: "scenario",
    model.Weights: "weights",
    model.Supplier: "supplier",
    model.Service: "service",
    model.Facility: "facility",
    model.Organisation: "organisation",
    model.Process: "process",
    model.Fallback: "fallback",
    model.Inject: "inject",
    model.After: "after",
    model.Event: "event",
    model.Action: "action",
    plan.Plan: "plan",
    plan.Rule: "rule",
    plan.Activate: "step",
    plan.Deactivate: "step",
}
MAX_PROBLEMS = 200


def problems_from(error: ValidationError, doc: Document, root: type[BaseModel]) -> list[Problem]:
    """One friendly, located problem per real mistake in ``error``."""
    found: list[Problem] = []
    errors = [split(doc.data, dict(raw)) for raw in error.errors(include_url=False)]
    selected = select(errors, doc.data)
    typos = _typos(selected)
    for item in selected:
        if isinstance(item, LocError) and item.raw["type"] == "missing" and item.path in typos:
            continue  # the unknown key that is its typo says it all
        if isinstance(item, Mismatch):
            message = _mismatch_message(item, doc.data, root)
            found.append(doc.problem(_at(item.path, message), item.path))
            continue
        ctx = item.raw.get("ctx") or {}
        if isinstance(ctx.get("error"), ReferenceProblems):
            found.extend(reference_problems(ctx["error"].problems, doc, base=item.path))
            continue
        message, key = _message(item, doc.data, root)
        where = item.path[:-1] if item.raw["type"] in ("missing", "extra_forbidden") else item.path
        found.append(doc.problem(_at(where, message), item.path, key=key))
    return found


def _typos(items: list[LocError | Mismatch]) -> set[DataPath]:
    """Paths of missing keys that an unknown key in the same mapping is a misspelling of."""
    missing: dict[DataPath, list[str]] = {}
    extra: list[DataPath] = []
    for item in items:
        if isinstance(item, LocError) and item.path:
            if item.raw["type"] == "missing":
                missing.setdefault(item.path[:-1], []).append(str(item.path[-1]))
            elif item.raw["type"] == "extra_forbidden":
                extra.append(item.path)
    typos: set[DataPath] = set()
    for path in extra:
        close = get_close_matches(str(path[-1]), missing.get(path[:-1], []), n=1, cutoff=0.6)
        if close:
            typos.add((*path[:-1], close[0]))
    return typos


def reference_problems(
    problems: Iterable[tuple[Sequence[Step], str]], doc: Document, base: DataPath = ()
) -> list[Problem]:
    """Located problems from ``(path, message)`` pairs, as the cross-reference checks give."""
    return [doc.problem(_at((*base, *path), message), (*base, *path)) for path, message in problems]


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """By line and column; past ``MAX_PROBLEMS`` a last line says how many more there are."""
    ordered = sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
    if len(ordered) <= MAX_PROBLEMS:
        return ordered
    rest = len(ordered) - MAX_PROBLEMS
    last = ordered[MAX_PROBLEMS - 1]
    return [*ordered[:MAX_PROBLEMS], Problem(f"… and {rest} more problems", last.file)]


def format_path(path: Sequence[Step]) -> str:
    """``organisations[0].processes[1].mtpd``."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _at(path: Sequence[Step], message: str) -> str:
    return f"{format_path(path)}: {message}" if path else message


def _mismatch_message(item: Mismatch, data: Any, root: type[BaseModel]) -> str:
    value = value_at(data, item.path)
    owner = model_at(root, data, item.path)
    if owner in _CONDITION_WRAPPERS:
        return _kind_message("condition", value)
    if owner in _EFFECT_WRAPPERS:
        return _kind_message("effect", value)
    return f"found {_show(value)}; expected {_describe(item.labels)}"


def _describe(labels: list[str]) -> str:
    """What a union accepts, from the labels of its members."""
    steps = any(label in ("Activate", "Deactivate") for label in labels)
    parts: list[str] = []
    for label in labels:
        if label in ("str", "constrained-str"):
            parts.append("an action id" if steps else "a text")
        elif label.startswith("dict["):
            parts.append("a map of languages {nl: …, en: …}")
        elif label.startswith("function-before[parse_duration"):
            parts.append(_DURATION)
        elif label.startswith("tagged-union[") and "Triangular" in label:
            parts.append("a distribution such as {dist: triangular, low: 1d, mode: 2d, high: 4d}")
        elif label in ("Activate", "Deactivate"):
            parts.append(f"{{{label.lower()}: FALLBACK}}")
        else:
            parts.append(label)
    return _either(parts)


def _either(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} or {parts[-1]}"


@dataclass(frozen=True)
class _Found:
    """One error with what was written where it points."""

    kind: str
    ctx: dict[str, Any]
    msg: str
    path: DataPath
    original: Any
    shown: str
    data: Any
    root: type[BaseModel]

    def owner(self, path: DataPath) -> type[BaseModel] | None:
        return model_at(self.root, self.data, path)


def _message(error: LocError, data: Any, root: type[BaseModel]) -> tuple[str, bool]:
    """The sentence for one error, and whether it is placed on a key rather than its value."""
    raw = error.raw
    original = value_at(data, error.path)
    shown = _show(original if original is not MISSING else raw.get("input"))
    found = _Found(raw["type"], raw.get("ctx") or {}, str(raw["msg"]), error.path, original,
                   shown, data, root)
    kind = found.kind
    if kind == "missing":
        return _missing(found), False
    if kind == "extra_forbidden":
        return _unknown_key(found), True
    if kind in _BOUNDS:
        key, sign = _BOUNDS[kind]
        return f"found {shown}; must be {sign} {_bound(found.ctx[key], original)}", False
    if kind in _EXPECTED:
        if kind == "int_type" and isinstance(original, float):
            shown = repr(original)  # 2.0, not 2: the decimals are what is refused
        return f"found {shown}; expected {_expected(found)}", False
    if kind.startswith(("datetime", "date", "timezone")):
        return f"found {shown}; expected {_DATETIME}", False
    if kind in ("condition", "effect"):
        return _kind_message(kind, original), False
    if kind in _SENTENCES:
        return _SENTENCES[kind](found), False
    return f"found {shown}; {found.msg[:1].lower()}{found.msg[1:]}", False


def _missing(found: _Found) -> str:
    owner = found.owner(found.path[:-1])
    key = str(found.path[-1])
    where = _name(owner, found.root, found.data, found.path[:-1])
    return f"missing key {key!r} in {where}{_field_description(owner, key)}"


def _unknown_key(found: _Found) -> str:
    owner = found.owner(found.path[:-1])
    allowed = keys_of(owner)
    key = str(found.path[-1])
    where = _name(owner, found.root, found.data, found.path[:-1])
    return f"unknown key {key!r} in {where}{_guess(key, allowed)}; allowed: {', '.join(allowed)}"


def _expected(found: _Found) -> str:
    owner = found.owner(found.path) if found.kind.startswith("model") else None
    if owner in _CONDITION_WRAPPERS:
        return "a condition: a mapping with one key, such as {event: ID}"
    if owner is not None:
        keys = keys_of(owner)
        return "a mapping with keys " + ", ".join(keys[:5]) + (", …" if len(keys) > 5 else "")
    return _EXPECTED[found.kind]


def _literal(found: _Found) -> str:
    expected = str(found.ctx.get("expected", ""))
    allowed = re.findall(r"'([^']*)'", expected) or [expected]
    guess = _guess(str(found.original), allowed)
    return f"found {found.shown}{guess}; allowed: {', '.join(allowed)}"


def _too_long(found: _Found) -> str:
    length = len(str(found.original))
    return f"found a text of {length} characters; at most {found.ctx['max_length']}"


def _too_short(found: _Found) -> str:
    n = found.ctx.get("min_length", 1)
    return f"found {found.shown}; needs at least {n} item{'s' if n != 1 else ''}"


def _unknown_distribution(found: _Found) -> str:
    original = found.original
    written = original.get("dist") if isinstance(original, dict) else None
    allowed = ", ".join(_DISTRIBUTION_KINDS)
    if not isinstance(written, str):
        return f"found {_show(written)} for 'dist'; allowed: {allowed}"
    return f"unknown distribution {written!r}{_guess(written, _DISTRIBUTION_KINDS)}; allowed: {allowed}"


def _value_error(found: _Found) -> str:
    """A check in a validator: its own words, with what was found."""
    msg = found.msg.removeprefix("Value error, ")
    original = found.original
    if isinstance(original, dict) and original.get("dist") in _DISTRIBUTION_KINDS:
        values = ", ".join(f"{_plain(k)} {_show_plain(v)}" for k, v in original.items() if k != "dist")
        return f"{msg}; found {values}"
    match = re.fullmatch(r"(.*), found (.*)", msg, flags=re.DOTALL)
    if match:
        return f"found {found.shown}; {match.group(1)}"
    return msg


def _no_distribution(found: _Found) -> str:
    return f"a distribution needs the key 'dist': {_either(list(_DISTRIBUTION_KINDS))}"


def _mismatched_text(found: _Found) -> str:
    return f"found {found.shown}; {_pattern(found.ctx.get('pattern', ''), found.original)}"


_SENTENCES: dict[str, Callable[[_Found], str]] = {
    "literal_error": _literal,
    "string_pattern_mismatch": _mismatched_text,
    "string_too_long": _too_long,
    "too_short": _too_short,
    "union_tag_invalid": _unknown_distribution,
    "union_tag_not_found": _no_distribution,
    "value_error": _value_error,
}


def _kind_message(kind: str, value: Any) -> str:
    """The one line for a condition or effect whose kind is unknown."""
    kinds = list(conditions.CONDITION_KINDS if kind == "condition" else effects.EFFECT_KINDS)
    allowed = f"allowed: {', '.join(kinds)}"
    article = "a" if kind == "condition" else "an"
    if isinstance(value, dict) and len(value) == 1:
        name = str(next(iter(value)))
        return f"unknown {kind} {name!r}{_guess(name, kinds)}; {allowed}"
    if isinstance(value, dict) and value:
        keys = ", ".join(map(_plain, value))
        hint = ""
        if all(key in kinds for key in value):
            hint = (
                " (to combine conditions, use all: [...] or any: [...])"
                if kind == "condition"
                else " (write each effect as its own list item)"
            )
        return f"{article} {kind} has exactly one key; found {keys}{hint}; {allowed}"
    if isinstance(value, str) and value in kinds:
        return f"found {_show(value)}; write {kind}s as a mapping, such as {{{value}: …}}"
    return f"found {_show(value)}; expected {article} {kind}, a mapping with one key; {allowed}"


def _pattern(pattern: str, value: Any) -> str:
    if pattern == ID_PATTERN:
        slug = re.sub(r"[^a-z0-9_-]+", "-", str(value).strip().lower()).strip("-_")
        example = f", such as {slug!r}" if slug and re.match(ID_PATTERN, slug) else ""
        return f"an id has only a-z, 0-9, - and _, and starts with a letter or digit{example}"
    parts = pattern.count("/")
    if parts == 1:
        return "expected a process as organisation/process (ids in lower case)"
    if parts == 2:
        return "expected a fallback as organisation/process/fallback (ids in lower case)"
    return f"expected text matching {pattern}"


def _bound(limit: Any, original: Any) -> str:
    text = _number(limit)
    if isinstance(original, str):
        try:
            parse_duration(original)
        except ValueError:
            return text
        return f"{format_duration(float(limit))} ({text} hours)"
    return text


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, int) and abs(value) >= 10**18:  # as what it is, not 300 digits
        return f"an integer of {digits(value)} digits"
    return str(value)


def _show(value: Any) -> str:
    """A value as the user wrote it, short."""
    if value is MISSING:
        return "nothing"
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, bool) or value is None:
        return kind_of(value)
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, dict):
        keys = ", ".join(map(_plain, list(value)[:4])) + (", …" if len(value) > 4 else "")
        return f"a mapping with keys {keys}" if value else "an empty mapping"
    if isinstance(value, list):
        return "an empty list" if not value else f"a list of {len(value)}"
    return kind_of(value)


def _show_plain(value: Any) -> str:
    return _plain(value) if isinstance(value, str) else _show(value)


def _plain(text: object) -> str:
    """A key or value as written, quoted only when it has characters that would not show."""
    text = str(text)
    return text if text.isprintable() and text.strip() == text and text else repr(text)


def _guess(word: str, allowed: Sequence[str]) -> str:
    close = get_close_matches(word, allowed, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


# -- which model a mapping in the document is, for "in process" and the allowed keys --


def _name(
    cls: type[BaseModel] | None, root: type[BaseModel], data: Any, path: Sequence[Step]
) -> str:
    """What the user calls the mapping at ``path``: process, fallback, 'supplier' effect, …"""
    if cls is None:
        return format_path(path) or "the document"
    if cls in _NAMES:
        return _NAMES[cls]
    if cls in _CONDITION_WRAPPERS:
        return "condition"
    if cls in _EFFECT_WRAPPERS:
        return "effect"
    dist = fields_of(cls).get("dist")
    if dist is not None:
        return f"{get_args(dist.annotation)[0]} distribution"
    if path and isinstance(path[-1], str):
        parent = model_at(root, data, path[:-1])
        if parent in _CONDITION_WRAPPERS:
            return f"{path[-1]!r} condition"
        if parent in _EFFECT_WRAPPERS:
            return f"{path[-1]!r} effect"
        return repr(path[-1])
    return cls.__name__.lower()


def _field_description(cls: type[BaseModel] | None, key: str) -> str:
    if cls is None or key not in fields_of(cls):
        return ""
    description = fields_of(cls)[key].description
    return f" ({description})" if description else ""

