"""Facilities (SPEC §2): shared places with a number of slots, first come, first served.

An activated fallback that needs a facility takes a free slot or joins its queue; a slot
freed by a deactivation goes to the fallbacks waiting longest. With teams (issue 13) a
coordination may instead :func:`allocate` a place to a chosen fallback and :func:`prioritise`
organisations on the waiting list. These functions only move fallbacks between holders and
queue; the world records and recomputes what that changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oefening.engine.state import FacilityState, FallbackState


def claim(facility: FacilityState, fallback: FallbackState) -> bool:
    """Take a free slot for ``fallback`` (True), or put it in the queue (False)."""
    if len(facility.holders) < facility.slots:
        facility.holders.append(fallback)
        fallback.holds_slot = True
        return True
    _wait(facility, fallback)
    return False


def _rank(facility: FacilityState, fallback: FallbackState) -> int:
    org = fallback.ref.split("/")[0]
    order = facility.priority
    return order.index(org) if org in order else len(order)


def _wait(facility: FacilityState, fallback: FallbackState, *, front: bool = False) -> None:
    """Join the waiting list: at the back of its priority class (``front``: at its front)."""
    queue = facility.queue
    if not facility.priority:
        if front:
            queue.appendleft(fallback)
        else:
            queue.append(fallback)
        return
    rank = _rank(facility, fallback)
    at = len(queue)
    for i, other in enumerate(queue):
        if _rank(facility, other) > rank or (front and _rank(facility, other) == rank):
            at = i
            break
    queue.insert(at, fallback)


def allocate(facility: FacilityState, fallback: FallbackState) -> FallbackState | None:
    """Give ``fallback`` a place now: a free one, else the place of the holder that got its
    place last and was not allocated one; returns that holder, now at the front of the
    waiting list (None when nobody gave way). The caller checks that someone can give way."""
    facility.allocated.add(fallback.ref)
    if fallback.holds_slot:
        return None
    if fallback in facility.queue:
        facility.queue.remove(fallback)
    displaced = None
    if len(facility.holders) >= facility.slots:
        displaced = next(h for h in reversed(facility.holders) if h.ref not in facility.allocated)
        facility.holders.remove(displaced)
        displaced.holds_slot = False
        _wait(facility, displaced, front=True)
    facility.holders.append(fallback)
    fallback.holds_slot = True
    return displaced


def can_give_way(facility: FacilityState) -> bool:
    """Whether a place can be allocated: a free one, or a holder not allocated its place."""
    return len(facility.holders) < facility.slots or any(h.ref not in facility.allocated for h in facility.holders)


def prioritise(facility: FacilityState, organisations: tuple[str, ...]) -> None:
    """Order the waiting list: these organisations' fallbacks first, in this order (stable)."""
    facility.priority = organisations
    waiting = sorted(facility.queue, key=lambda fb: _rank(facility, fb))
    facility.queue.clear()
    facility.queue.extend(waiting)


def release(facility: FacilityState, fallback: FallbackState) -> Iterator[FallbackState]:
    """``fallback`` gives up its slot or its place in the queue; yields, one at a time, each
    waiting fallback as it is given the freed slot (so the caller updates its process before
    the next one is granted, as it happens in order)."""
    facility.allocated.discard(fallback.ref)
    if fallback.holds_slot:
        fallback.holds_slot = False
        facility.holders.remove(fallback)
        while facility.queue and len(facility.holders) < facility.slots:
            waiting = facility.queue.popleft()
            waiting.holds_slot = True
            facility.holders.append(waiting)
            yield waiting
    elif fallback in facility.queue:
        facility.queue.remove(fallback)
