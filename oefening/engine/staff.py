"""Staff pools (a scenario's ``pools``): the people that fallbacks need and that loans move.

A fallback with ``staff`` claims that many people from its organisation's pool while it is
active, its lead time has passed and (with a facility) it holds a slot. When the claims on a
pool exceed its people, every claiming fallback gets the same share, people / claimed, and
gives its capacity × that share: a fallback that cannot get all its staff runs at what it
gets. A pool with ``order: criticality`` staffs the fallbacks of vital processes first, then
critical, important and normal ones, each level the same share of what is left. A loan
moves people; the lender loses exactly what the borrower gains, so no loan creates capacity
(see :func:`lend`). These functions only change numbers; the world updates the processes
whose capacity they changed.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from oefening.engine.state import FallbackState, ProcessState
    from oefening.scenario.model import Fatigue, Pool


class PoolState:
    """One staff pool in a run: its people now, the fallbacks drawing on it and their share."""

    __slots__ = ("fallbacks", "id", "ordered", "people", "share", "spec")

    def __init__(self, spec: Pool) -> None:
        self.spec = spec
        self.id = spec.id
        self.people = spec.people
        self.fallbacks: list[FallbackState] = []
        self.share = 1.0   # of all the claims together: min(1, people / claimed)
        self.ordered = spec.order == "criticality"


RANKS: Final = {"vital": 0, "critical": 1, "important": 2, "normal": 3}


def claims(fallback: FallbackState) -> bool:
    """Whether a fallback holds its people now: active, lead time passed, slot held."""
    return fallback.active and fallback.ready and (fallback.facility is None or fallback.holds_slot)


def reshare(pool: PoolState) -> list[FallbackState]:
    """Share the pool's people among the fallbacks claiming them; the fallbacks whose capacity
    changed (their processes need an update)."""
    claimed = 0.0
    for fallback in pool.fallbacks:
        if claims(fallback):
            claimed += fallback.shape.staff
    people = max(0.0, pool.people)
    pool.share = 1.0 if claimed <= people else people / claimed
    if pool.ordered:
        _in_order(pool, people)
    else:
        for fallback in pool.fallbacks:
            fallback.staff_share = pool.share
    changed = []
    for fallback in pool.fallbacks:
        if rescale(fallback):
            changed.append(fallback)
    return changed


def _in_order(pool: PoolState, people: float) -> None:
    """``order: criticality``: the claims of each level of criticality in turn, vital first,
    get what they need while people are left; the level where they run out shares the rest
    equally, the levels after it get nobody. A fallback not claiming gets its level's share."""
    need = [0.0, 0.0, 0.0, 0.0]
    for fallback in pool.fallbacks:
        if claims(fallback):
            need[RANKS[fallback.process.spec.criticality]] += fallback.shape.staff
    shares = [1.0, 1.0, 1.0, 1.0]
    left = people
    for rank in range(4):
        if need[rank] > left:
            shares[rank] = left / need[rank]
        left = max(0.0, left - need[rank])
    for fallback in pool.fallbacks:
        fallback.staff_share = shares[RANKS[fallback.process.spec.criticality]]


def rescale(fallback: FallbackState) -> bool:
    """Recompute a fallback's capacity from its staff share and fatigue; True when it changed."""
    capacity = fallback.shape.capacity
    if fallback.pool is not None:
        capacity *= fallback.staff_share
    capacity *= fallback.fatigue
    if capacity == fallback.capacity:
        return False
    fallback.capacity = capacity
    return True


def _rate(proc: ProcessState) -> float:
    """Cases per hour one person of the process handles at full strength."""
    return proc.shape.capacity / proc.spec.staff  # type: ignore[operator]


def _holds(party: PoolState | ProcessState) -> float:
    """What a party has to give: a pool's people, a process's capacity (cases per hour)."""
    return max(0.0, party.people if isinstance(party, PoolState) else party.capacity)


def _add(party: PoolState | ProcessState, amount: float) -> None:
    if isinstance(party, PoolState):
        party.people += amount
    else:
        party.capacity = max(0.0, party.capacity + amount)


def lend(lender: PoolState | ProcessState, borrower: PoolState | ProcessState,
         people: float) -> tuple[float, float, float]:
    """Move up to ``people`` (at most what the lender has) from the lender to the borrower:
    the people moved, and what the lender lost and the borrower gained, each in its own unit.

    A pool counts people; a process its capacity, ``staff`` people standing for ``capacity``
    cases per hour. A person lent by a process takes its rate (capacity / staff cases per hour)
    with them, so between processes the capacity the lender loses is exactly the capacity the
    borrower gains; a person from a pool works at the borrowing process's own rate.
    """
    if isinstance(lender, PoolState):
        moved = min(people, _holds(lender))
        taken = moved
        cases = None
    else:
        rate = _rate(lender)
        moved = min(people, _holds(lender) / rate)
        taken = cases = moved * rate
    if moved <= 0.0:
        return 0.0, 0.0, 0.0
    given = moved if isinstance(borrower, PoolState) else cases if cases is not None else moved * _rate(borrower)
    _add(lender, -taken)
    _add(borrower, given)
    return moved, taken, given


def give_back(lender: PoolState | ProcessState, borrower: PoolState | ProcessState, taken: float,
              given: float) -> None:
    """The loan ends: the borrower returns what it gained (or what is left of it, and the
    lender gets back as much in proportion), so the exchange stays exact both ways."""
    if given <= 0.0:
        return
    part = min(1.0, _holds(borrower) / given)
    _add(borrower, -given * part)
    _add(lender, taken * part)


def work_walk(spans: list[tuple[float, float]], begin: float, until: float, worked: float, tired: int,
              fatigue: Fatigue, last: float | None) -> tuple[list[tuple[float, int]], float, int, float | None]:
    """Fatigue on office hours: walk a fallback's working spans from ``begin`` (it works from
    then, ``worked`` hours and ``tired`` steps counted, its last work before ending at ``last``)
    to ``until``. A step comes after each ``after`` hours of work (at most ``steps``); a pause,
    closed hours or switched off, of at least ``rest`` (and longer than 0) rests it fully.
    Returns the moments its steps change with the steps from then on, and at ``until`` the
    hours worked, the steps and the end of its last work."""
    changes: list[tuple[float, int]] = []
    after, steps, rest = fatigue.after, fatigue.steps, fatigue.rest
    i = bisect.bisect_right(spans, (begin, float("inf")))
    if i > 0 and spans[i - 1][1] > begin:
        i -= 1
    for span_begin, span_end in spans[i:]:
        start = max(span_begin, begin)
        if start >= until:
            break
        if last is not None and start > last and start - last >= rest - 1e-9:
            if tired > 0:
                changes.append((start, 0))
            worked, tired = 0.0, 0
        end = min(span_end, until)
        while tired < steps:
            at = start + ((tired + 1) * after - worked)
            if at > end:
                break
            tired += 1
            changes.append((at, tired))
        worked += end - start
        last = end
    return changes, worked, tired, last
