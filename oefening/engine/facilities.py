"""Facilities (SPEC §2): shared places with a number of slots, first come, first served.

An activated fallback that needs a facility takes a free slot or joins its queue; a slot
freed by a deactivation goes to the fallbacks waiting longest. These functions only move
fallbacks between holders and queue; the world records and recomputes what that changes.
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
    facility.queue.append(fallback)
    return False


def release(facility: FacilityState, fallback: FallbackState) -> Iterator[FallbackState]:
    """``fallback`` gives up its slot or its place in the queue; yields, one at a time, each
    waiting fallback as it is given the freed slot (so the caller updates its process before
    the next one is granted, as it happens in order)."""
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
