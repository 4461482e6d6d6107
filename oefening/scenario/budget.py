"""A work budget on the whole scenario: an estimate of the process updates its storyline and
actions can cause, so every file ``check`` accepts runs in bounded time.

Each process update costs about 2–5 µs (measured: 5,000 processes on one service that fails
for 30 minutes 200 times, 2,000,000 updates, ran in 4–10 s on the 2-core development
machine). A supplier effect touches every process that needs one of its services, or a
service running on one of them (services' ``needs``); a service effect every process that
needs that service or a service running on it (twice when it is temporary: it ends); a
process's demand or capacity effect that process (twice); a staff effect every process whose
fallbacks draw on its pool, a loan the processes it moves people between or that draw on its
pools (each twice when temporary); any other effect two updates. An action counts once per
turn when it is repeatable. Each change of a demand profile (an hour whose factor differs
from the hour before, counted over the horizon) updates every process that follows it. Every opening and
closing of a calendar (twice each open day) updates every process that follows it or has a
fallback that does.

Chains follow (SPEC §2): the engine updates a touched process and then, once each, every
process downstream of it (that needs it, or is fed by it, directly or further on), and each
of those whose backlog empties later updates its own downstream again. So a touched process
``p`` costs ``1 + |downstream(p)|`` and the chain below the touched ones ``Σ (1 + |downstream(q)|)``
over its processes ``q``. Measured on the same machine: 1,000 processes on one service all
feeding a chain of 200, the service down for 30 minutes 10 times: 4,222,200 updates in 7.6 s
(the direct estimate said 20,000; this one says 4,422,000).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from oefening.scenario import effects as fx

if TYPE_CHECKING:
    from oefening.scenario.model import Calendar, Scenario

MAX_WORK = 2_000_000
"""The most process updates a scenario may ask for (about 10 s of engine time)."""


@dataclass(frozen=True, slots=True)
class Estimate:
    """The estimated process updates of one run; ``complete`` is False when counting stopped
    as soon as it passed :data:`MAX_WORK` (``updates`` is then a lower bound)."""

    updates: int
    chains: int      # of which through chains (the processes downstream of the touched ones)
    complete: bool = True


class _Stop(Exception):
    """Counting passed the budget: no need to count on."""


class _Chains:
    """Who is downstream of whom, and the processes an effect touches, counted once per target."""

    def __init__(self, scenario: Scenario) -> None:
        self.downstream: dict[str, list[str]] = {}
        self.users: dict[str, set[str]] = {}
        for ref, proc in scenario.processes():
            needed = {n for n in proc.needs if isinstance(n, str) and "/" not in n}
            for fb in proc.fallbacks:
                needed.update(n for n in fb.needs if isinstance(n, str))
            for ident in needed:
                self.users.setdefault(ident, set()).add(ref)
            upstream = {n for n in proc.needs if isinstance(n, str) and "/" in n}
            upstream.update(f.process for f in proc.fed_by)
            for up in upstream:
                self.downstream.setdefault(up, []).append(ref)
        self.above: dict[str, list[str]] = {}   # service → the services that run on it
        for service in scenario.services:
            for need in service.needs:
                self.above.setdefault(need, []).append(service.id)
        self.by_supplier: dict[str, list[str]] = {}
        for service in scenario.services:
            self.by_supplier.setdefault(service.supplier, []).append(service.id)
        self.spent = 0              # steps taken counting, bounded by the budget
        self._size: dict[str, int] = {}
        self._cost: dict[tuple[str, str], tuple[int, int]] = {}

    def _step(self, n: int = 1) -> None:
        self.spent += n
        if self.spent > MAX_WORK:
            raise _Stop

    def below(self, refs: list[str]) -> set[str]:
        """Every process downstream of these (each once, them excluded unless downstream too)."""
        seen: set[str] = set()
        stack = [down for ref in refs for down in self.downstream.get(ref, ())]
        while stack:
            down = stack.pop()
            if down not in seen:
                self._step()
                seen.add(down)
                stack.extend(self.downstream.get(down, ()))
        return seen

    def size(self, ref: str) -> int:
        """How many processes are downstream of ``ref`` (each once)."""
        if ref not in self._size:
            self._size[ref] = len(self.below([ref]))
        return self._size[ref]

    def services_on(self, services: list[str]) -> set[str]:
        """These services and every service running on them, further on too."""
        seen: set[str] = set()
        stack = list(services)
        while stack:
            ident = stack.pop()
            if ident not in seen:
                seen.add(ident)
                stack.extend(self.above.get(ident, ()))
        return seen

    def touching(self, kind: str, ident: str) -> tuple[int, int]:
        """(updates, of which through chains) when the target ``ident`` of ``kind`` changes once."""
        key = (kind, ident)
        if key not in self._cost:
            if kind == "process":
                touched = [ident]
            else:
                services = self.by_supplier.get(ident, []) if kind == "supplier" else [ident]
                touched = [ref for s in self.services_on(services) for ref in self.users.get(s, ())]
            direct = len(touched)
            chained = sum(self.size(ref) for ref in touched)
            # the chain under the touched processes: each empties its backlog once, later
            chained += sum(1 + self.size(ref) for ref in self.below(touched))
            self._cost[key] = (direct + chained, chained)
        return self._cost[key]


def estimate(scenario: Scenario) -> Estimate:
    """The estimated number of process updates of one run, chains followed."""
    chains = _Chains(scenario)
    total = through = 0

    def add(kind: str, ident: str, times: int) -> None:
        nonlocal total, through
        updates, chained = chains.touching(kind, ident)
        total += updates * times
        through += chained * times

    def count(effects: object, times: int) -> None:
        nonlocal total
        for effect in effects:  # type: ignore[attr-defined]
            match effect:
                case fx.SupplierEffect(supplier=s):
                    add("supplier", s.id, times)
                case fx.ServiceEffect(service=s):
                    add("service", s.id, times * (2 if s.duration is not None else 1))
                case fx.RehostEffect(rehost=r):
                    add("service", r.service, times)
                case fx.DemandEffect(demand=p) | fx.CapacityEffect(capacity=p):
                    add("process", p.process, times * 2)
                case fx.StaffEffect(staff=st):
                    for ref in drawing.get(st.pool, ()):
                        add("process", ref, times * (2 if st.duration is not None else 1))
                case fx.StaffOrderEffect(staff_order=so):
                    for ref in drawing.get(so.pool, ()):
                        add("process", ref, times)
                case fx.LoanEffect(loan=loan):
                    for end in (loan.from_, loan.to):
                        for ref in ([end] if "/" in end else drawing.get(end, ())):
                            add("process", ref, times * (2 if loan.duration is not None else 1))
                case _:
                    total += 2 * times

    # staff pools: the processes whose fallbacks draw on each (a change of its people updates them)
    drawing: dict[str, list[str]] = {}
    for org in scenario.organisations:
        if org.pool is not None:
            drawing.setdefault(org.pool, []).extend(
                f"{org.id}/{proc.id}" for proc in org.processes if any(fb.staff > 0 for fb in proc.fallbacks))
    turns = max(1, int(scenario.horizon / scenario.turn)) if scenario.turn > 0 else 1
    days = math.ceil(scenario.horizon / 24)
    calendars = {calendar.id: calendar_changes(calendar, days) for calendar in scenario.calendars}
    try:
        # demand profiles: every change of a profile updates every process on it
        followers: dict[str, list[str]] = {}
        for ref, proc in scenario.processes():
            if proc.demand_profile is not None:
                followers.setdefault(proc.demand_profile, []).append(ref)
        for profile in scenario.demand_profiles:
            if profile.id in followers:
                changes = profile.changes(scenario.start.replace(tzinfo=None), scenario.horizon)
                for ref in followers[profile.id]:
                    add("process", ref, changes)
        for event in scenario.events:
            count(event.effects, 1)
        for action in scenario.actions:
            count(action.effects, turns if action.repeatable else 1)
        for ref, proc in scenario.processes():   # every opening and closing of a calendar updates its processes
            followed = {proc.calendar, *(fb.calendar for fb in proc.fallbacks)}
            times = sum(calendars.get(ident, 0) for ident in followed if ident is not None)
            if times:
                add("process", ref, times)
    except _Stop:
        # every step counted was a chain's
        return Estimate(max(total, MAX_WORK + 1), max(through, chains.spent), complete=False)
    return Estimate(total, through)


def calendar_changes(calendar: Calendar, days: int) -> int:
    """How often a calendar opens or closes in ``days`` days (twice on each open day)."""
    return math.ceil(2 * days * len(set(calendar.days)) / 7)


def work(scenario: Scenario) -> int:
    """The estimated number of process updates of one run (a lower bound past :data:`MAX_WORK`)."""
    return estimate(scenario).updates
