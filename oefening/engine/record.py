"""The append-only record of what happened in one run: the single source of truth that the
result, the UI's timeline, the report and the journal read (none of them recomputes the world).

Besides the entries, the record keeps where each turn began (:class:`TurnMark`: the moment and
the first entry of the turn) and, when the exercise samples it, the trend at every turn
boundary (:class:`TrendPoint`), so the turns and the trend are read from the record, not kept
beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal, get_args

Kind = Literal[
    "event",             # a storyline event fired (by its trigger or by the facilitator)
    "inject",            # a free-text message from the facilitator
    "action",            # the team took an action
    "action_effective",  # an action's effects applied, after its lead time
    "refused",           # a decision that could not be taken, with the reason
    "activate",          # a fallback was activated
    "facility_wait",     # an activated fallback waits for a slot at a facility
    "fallback_ready",    # a fallback counts: lead time passed, its slot held, its needs available
                         # (``staff: [has, needs]`` when its pool cannot give it all its people)
    "fallback_blocked",  # a fallback's lead time passed (or it counted) but its needs are down
                         # (``needs``) or its pool has nobody for it (``staff: [0, needs]``)
    "suppressed",        # a storyline event did not fire: its ``unless`` held when it was due
    "deactivate",        # a fallback was deactivated
    "mtpd_breach",       # a process has been disrupted longer than its MTPD
    "rework",            # work entered again by a process: data lost (cause: the service) or after-work
    "loan",              # staff moved from a pool or process (the id) to another (``to``), ``people`` of them
    "fallback_staffed",  # a working fallback's people changed: its pool now gives it ``staff: [has, needs]``
    "fatigue",           # a fallback's sustained manual work weakens: its capacity × ``factor`` from now on
    "allocate",          # the coordination gave a fallback a facility place (instead_of: who gave way)
    "priority",          # the coordination ordered a facility's waiting list by organisation
    "release",           # the coordination released money from its reserve to a team (amount)
]
KINDS: Final[tuple[Kind, ...]] = get_args(Kind)


# The hot frozen values below are made by an ``__init__`` of their own: the one ``dataclass``
# writes stays interpreted Python in the compiled engine (0.8 µs an entry), this one compiles
# to direct stores (0.08 µs); run pure, it does what the generated one does.


@dataclass(frozen=True, slots=True, init=False)
class Entry:
    """One thing that happened, at ``t`` hours since the start."""

    t: float
    kind: Kind
    id: str
    detail: dict[str, Any]

    def __init__(self, t: float, kind: Kind, id: str, detail: dict[str, Any] | None = None) -> None:
        object.__setattr__(self, "t", t)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "detail", {} if detail is None else detail)

    def as_json(self) -> dict[str, Any]:
        """The timeline form of SPEC §4: ``{"t", "kind", "id"}`` plus any detail."""
        return {"t": self.t, "kind": self.kind, "id": self.id, **self.detail}


@dataclass(frozen=True, slots=True, init=False)
class TurnMark:
    """Turn ``turn`` began at ``t``; its entries start at position ``first`` of the record."""

    turn: int
    t: float
    first: int

    def __init__(self, turn: int, t: float, first: int) -> None:
        object.__setattr__(self, "turn", turn)
        object.__setattr__(self, "t", t)
        object.__setattr__(self, "first", first)


@dataclass(frozen=True, slots=True, init=False)
class TrendPoint:
    """The continuity score and the total backlog at a turn boundary ``t``."""

    t: float
    continuity: float
    backlog: float

    def __init__(self, t: float, continuity: float, backlog: float) -> None:
        object.__setattr__(self, "t", t)
        object.__setattr__(self, "continuity", continuity)
        object.__setattr__(self, "backlog", backlog)


class Record:
    """Entries in the order they happened, the turn boundaries and the trend; only ever
    appended to."""

    __slots__ = ("entries", "trend", "turns")

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.turns: list[TurnMark] = []
        self.trend: list[TrendPoint] = []

    def turn_entries(self, k: int) -> list[Entry]:
        """The entries of the ``k``-th turn mark: from its start to the next one (or now)."""
        stop = self.turns[k + 1].first if k + 1 < len(self.turns) else len(self.entries)
        return self.entries[self.turns[k].first:stop]

    def add(self, t: float, kind: Kind, ident: str, **detail: Any) -> Entry:
        """Append what happened at ``t``; a kind outside :data:`Kind` is a programming error
        (mypy finds it; at run time it raises, even under ``python -O``)."""
        if kind not in KINDS:
            raise ValueError(f"unknown record kind {kind!r}; known: {', '.join(KINDS)}")
        entry = Entry(t, kind, ident, detail)
        self.entries.append(entry)
        return entry

    def since(self, index: int) -> list[Entry]:
        """Entries from position ``index`` on (what happened since a moment)."""
        return self.entries[index:]

    def __len__(self) -> int:
        return len(self.entries)
