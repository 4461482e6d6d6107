"""Lost data (a service's ``rpo``): which work a process keeps in which service, and when.

A process's work is kept where the means that handled it keep their records. At each moment
one means handles a process's cases: its normal process, unless an active fallback gives more
(the same rule as after-work). The normal process keeps its work in the services it needs,
in the services those run on (a SaaS on a hyperscaler), and wherever the processes it needs
keep theirs at that moment (a payment process works on the assessments in the case system:
when those are lost, so is the work done on them). A fallback keeps its work in the services
it needs itself and those they run on; a fallback that needs nothing (paper) keeps its work
safe. When a service with a recovery point goes down, each process loses the cases it
handled in the window before by means that kept their work there (see :func:`lost_work`).
A window reaching back before the start finds a quiet world there: every case handled as it
arrived, by the means handling the process at the start (see :func:`arrived_before`).

The world notes, at every update of a process that can lose work, the services its work is
kept in now (:func:`note`), so the window can be read back exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from oefening.engine.state import FallbackState, ProcessState, ServiceState

NOTHING: Final[frozenset[str]] = frozenset()


def kept_in(services: Iterable[ServiceState]) -> frozenset[str]:
    """The services with a recovery point among these and, through chains, those they run on."""
    seen: set[int] = set()
    found: set[str] = set()
    stack = list(services)
    while stack:
        service = stack.pop()
        if id(service) in seen:
            continue
        seen.add(id(service))
        if service.spec.rpo is not None:
            found.add(service.id)
        stack.extend(service.needs)
    return frozenset(found)


def link(processes: list[ProcessState], services: dict[str, ServiceState]) -> None:
    """Set up every process that can lose work (``processes`` in an order where needed
    processes come first): what its normal process and each fallback keep their work in,
    a log of where it keeps its work, and its place among the services' ``rpo_dependents``."""
    if not any(service.spec.rpo is not None for service in services.values()):
        return
    possible: dict[int, frozenset[str]] = {}
    for proc in processes:
        proc.keeps_normal = kept_in(proc.needs)
        reach = set(proc.keeps_normal)
        for needed in proc.needs_processes:
            reach |= possible[id(needed)]
        for fallback in proc.fallbacks.values():
            fallback.keeps = kept_in(fallback.needs)
            reach |= fallback.keeps
        possible[id(proc)] = frozenset(reach)
        if not reach:
            continue
        proc.keeps_log = []
        proc.flow.keep_log()
        for service_id in sorted(reach):
            services[service_id].rpo_dependents.append(proc)


def handling(proc: ProcessState) -> FallbackState | None:
    """The fallback handling the process's cases now, or None for its normal process: the
    active fallback giving the most, when it gives more than the normal process (only those in
    office hours, when fallbacks follow a calendar)."""
    best = proc.normal_fraction()
    source = None
    if best < 1.0:
        for fallback in proc.fallbacks.values():
            if fallback.active and (fallback.calendar is None or fallback.calendar.open):
                counts = fallback.effective()
                if counts > best:
                    source, best = fallback, counts
    return source


def keeps_now(proc: ProcessState) -> frozenset[str]:
    """The services the process keeps the work it handles now in."""
    fallback = handling(proc)
    if fallback is not None:
        return fallback.keeps
    keeps = proc.keeps_normal
    for needed in proc.needs_processes:
        if needed.keeps_log:
            theirs = needed.keeps_log[-1][1]
            if not theirs <= keeps:
                keeps = keeps | theirs
    return keeps


def note(proc: ProcessState, now: float) -> None:
    """Log where the process keeps its work from ``now`` on, when that changed."""
    log = proc.keeps_log
    assert log is not None
    keeps = keeps_now(proc)
    if log and log[-1][1] == keeps:
        return
    if log and log[-1][0] == now:
        log.pop()
        if log and log[-1][1] == keeps:
            return
    log.append((now, keeps))


def arrived_before(proc: ProcessState, since: float) -> float:
    """The cases that arrived at the process in [since, 0), before the start (``since`` < 0),
    all handled as they arrived: the world before the start was quiet. Its ``demand`` × its
    demand profile's factor of those hours, plus share × what arrived at each process feeding it."""
    profile = proc.profile
    hours = -since if profile is None else profile.hours(since, 0.0)
    cases = proc.shape.demand * hours
    for feeder, share in proc.fed_by:
        cases += share * arrived_before(feeder, since)
    return cases


def lost_work(proc: ProcessState, service: str, start: float, now: float) -> float:
    """The cases the process handled in [start, now] by means that kept their work in the
    service (its flow advanced to ``now``); a ``start`` before the run's start (0) counts the
    cases that arrived before it (:func:`arrived_before`), kept where it kept its work at the start."""
    log = proc.keeps_log
    assert log is not None
    flow = proc.flow
    lost = 0.0
    end = now
    for since, keeps in reversed(log):
        if end <= start:
            break
        begin = max(since, start)
        if service in keeps and end > begin:
            lost += flow.served_at(end) - flow.served_at(begin)
        end = min(end, since)
    first, keeps = log[0]
    if start < first and service in keeps:
        lost += arrived_before(proc, start - first)
    return lost
