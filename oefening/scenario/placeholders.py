"""Placeholders in inject texts: live figures of the simulated world, quoted safely.

An inject's title or text may contain ``{backlog:uitvoering/uitkeringen}``: when the event
fires, the engine reads the figure at that moment and the front end writes it in the
player's language (``1.234`` in Dutch, ``1,234`` in English). The syntax is tiny and
whitelisted: ``{NAME:ARGUMENT}`` with NAME one of :data:`KINDS`, the argument an id of the
kind that NAME reads. ``{{`` and ``}}`` are literal braces. Nothing else is interpreted:
no attribute access, no format specification, no expression, so a scenario can never make
the program do something else than quote a number or a list of names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS: dict[str, str] = {
    "backlog": "process",     # cases waiting now
    "late": "process",        # cases that have become late so far
    "capacity": "process",    # capacity fraction now, as a percentage
    "demand": "process",      # cases per hour arriving now
    "holders": "facility",    # who holds a place, in the order they got it
    "waiting": "facility",    # who waits for a place, first in line first
    "free": "facility",       # places free now
    "people": "pool",         # people in a staff pool now
    "budget": "",             # budget left (no argument)
}
"""Every placeholder name, with the kind of id its argument names ('' for none)."""

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_ARGUMENT = re.compile(r"^[a-z0-9][a-z0-9_/-]*$")


@dataclass(frozen=True, slots=True)
class Placeholder:
    """One placeholder: its name, its argument and where it starts in the text."""

    name: str
    argument: str
    offset: int

    @property
    def key(self) -> str:
        """The key its value is recorded under: ``backlog:org/proc`` or ``budget``."""
        return f"{self.name}:{self.argument}" if self.argument else self.name


class PlaceholderError(ValueError):
    """A placeholder that is not allowed, with its offset in the text."""

    def __init__(self, offset: int, message: str) -> None:
        self.offset = offset
        super().__init__(message)


def _allowed() -> str:
    return ", ".join(f"{{{n}:{k}}}" if k else f"{{{n}}}" for n, k in KINDS.items())


def parse(text: str) -> list[str | Placeholder]:
    """The text as literal pieces and placeholders; PlaceholderError on the first bad one."""
    pieces: list[str | Placeholder] = []
    literal: list[str] = []
    last = 0
    for match in _TOKEN.finditer(text):
        literal.append(text[last:match.start()])
        last = match.end()
        token = match.group(0)
        if token in ("{{", "}}"):
            literal.append(token[0])
            continue
        if token in ("{", "}"):
            raise PlaceholderError(match.start(), f"a lone {token!r}; write {token * 2!r} for a brace, or a "
                                   f"placeholder such as {{backlog:organisation/process}}")
        inner = match.group(1).strip()
        name, _, argument = inner.partition(":")
        name, argument = name.strip(), argument.strip()
        if name not in KINDS:
            raise PlaceholderError(match.start(), f"unknown placeholder {token!r}; allowed: {_allowed()}")
        needs = KINDS[name]
        if needs and not argument:
            raise PlaceholderError(match.start(), f"placeholder {token!r} needs a {needs}: {{{name}:{needs} id}}")
        if not needs and argument:
            raise PlaceholderError(match.start(), f"placeholder {{{name}}} takes no argument; found {token!r}")
        if argument and not _ARGUMENT.match(argument):
            raise PlaceholderError(match.start(), f"placeholder {token!r}: {argument!r} is not an id")
        if literal:
            pieces.append("".join(literal))
            literal = []
        pieces.append(Placeholder(name, argument, match.start()))
    literal.append(text[last:])
    tail = "".join(literal)
    if tail:
        pieces.append(tail)
    return pieces


def placeholders(text: str) -> list[Placeholder]:
    """The placeholders of a text (none when it does not parse)."""
    try:
        return [p for p in parse(text) if isinstance(p, Placeholder)]
    except PlaceholderError:
        return []
