"""Evaluating conditions on the running world, and predicting when their truth can change.

``holds`` takes the value just after the current moment (the right limit), so a condition
whose threshold is crossed at time t holds at t itself: a ``when`` event fires at the exact
moment a backlog passes its threshold. ``next_change`` tells the earliest time the truth
value may change with no other state change in between (a threshold crossed by a linear
backlog, a ``for`` duration running out, a ``time_after`` passing); the world sets a timer
there, so conditions are exact without being polled.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Final

from oefening.scenario import conditions as c

if TYPE_CHECKING:
    from oefening.engine.world import World

INF: Final = math.inf
EPS: Final = 1e-9


def _above(value: float, threshold: float, slope: float) -> bool:
    tol = EPS * max(1.0, abs(threshold))
    return value > threshold + tol or (value > threshold - tol and slope > 0.0)


def holds(cond: object, world: World) -> bool:
    """Whether the condition holds now (just after the current moment)."""
    now = world.env.now
    match cond:
        case c.SupplierCondition(supplier=s):
            return world.suppliers[s.id].status == s.status
        case c.ServiceDownCondition(service_down=s):
            since = world.services[s.id].down_since
            return since is not None and now - since >= s.for_ - EPS
        case c.EventCondition(event=ev):
            return ev in world.fired
        case c.BacklogAbove(backlog_above=p):
            flow = world.processes[p.process].flow.at(now)
            return _above(flow.backlog, p.cases, flow.backlog_slope())
        case c.LateCasesAbove(late_cases_above=p):
            flow = world.processes[p.process].flow.at(now)
            return _above(flow.late, p.cases, flow.late_rate())
        case c.CapacityBelow(capacity_below=p):
            return world.processes[p.process].fraction < p.fraction
        case c.TimeAfter(time_after=t):
            return now >= t - EPS
        case c.FallbackCondition(fallback=f):
            fallback = world.fallbacks[f.id]
            if f.state == "active":
                return fallback.active
            if f.state == "holds_place":
                return fallback.holds_slot
            if f.state == "waiting":
                return fallback.facility is not None and fallback in fallback.facility.queue
            return fallback.active and fallback.effective() > 0.0
        case c.PoolCondition(pool=pl):
            return world.pools[pl.id].share < pl.below - EPS
        case c.AllOf(all=subs):
            return all(holds(sub, world) for sub in subs)
        case c.AnyOf(any=subs):
            return any(holds(sub, world) for sub in subs)
        case c.Not(not_=sub):
            return not holds(sub, world)
    raise TypeError(f"not a condition: {cond!r}")


def next_change(cond: object, world: World) -> float:
    """The earliest later time at which the condition may change by itself (INF: never)."""
    now = world.env.now
    match cond:
        case c.ServiceDownCondition(service_down=s):
            since = world.services[s.id].down_since
            if since is not None and now < since + s.for_ - EPS:
                return since + s.for_
            return INF
        case c.BacklogAbove(backlog_above=p):
            flow = world.processes[p.process].flow.at(now)
            slope, backlog = flow.backlog_slope(), flow.backlog
            if slope > 0.0 and backlog <= p.cases:
                return now + (p.cases - backlog) / slope
            if slope < 0.0 and backlog > p.cases:
                return now + (backlog - p.cases) / -slope
            return INF
        case c.LateCasesAbove(late_cases_above=p):
            flow = world.processes[p.process].flow.at(now)
            rate = flow.late_rate()
            cross = now + (p.cases - flow.late) / rate if rate > 0.0 and flow.late <= p.cases else INF
            return min(cross, flow.next_kink())
        case c.TimeAfter(time_after=t):
            return t if now < t - EPS else INF
        case c.AllOf(all=subs) | c.AnyOf(any=subs):
            return min((next_change(sub, world) for sub in subs), default=INF)
        case c.Not(not_=sub):
            return next_change(sub, world)
    return INF


def watched(cond: object) -> set[tuple[str, str]]:
    """What a condition reads, as keys the world marks when they change: ``("process", ref)``
    (its flow or capacity), ``("fallback", ref)`` (activated, deactivated, given a place),
    ``("supplier", id)``, ``("service", id)``, ``("event", id)``, ``("pool", id)`` (its share). A
    ``time_after`` reads the clock only (its timer wakes it)."""
    match cond:
        case c.SupplierCondition(supplier=s):
            return {("supplier", s.id)}
        case c.ServiceDownCondition(service_down=s):
            return {("service", s.id)}
        case c.EventCondition(event=ev):
            return {("event", ev)}
        case c.BacklogAbove(backlog_above=p) | c.LateCasesAbove(late_cases_above=p):
            return {("process", p.process)}
        case c.CapacityBelow(capacity_below=p):
            return {("process", p.process)}
        case c.FallbackCondition(fallback=f):   # its own changes, and its process's (lead time, needs)
            return {("fallback", f.id), ("process", f.id.rsplit("/", 1)[0])}
        case c.PoolCondition(pool=pl):
            return {("pool", pl.id)}
        case c.AllOf(all=subs) | c.AnyOf(any=subs):
            return set().union(*(watched(sub) for sub in subs))
        case c.Not(not_=sub):
            return watched(sub)
        case c.TimeAfter():
            return set()
    raise TypeError(f"not a condition: {cond!r}")
