"""The result of a run (SPEC §3 and §4) as frozen, typed records: :class:`Result` (continuity
score, cost, the timeline, the scorecard's extensions) and a :class:`ProcessResult` per
process (projected lateness, time past the MTPD, people affected, capacity at the end).
:meth:`Result.as_json` gives exactly the JSON object of ``run --json``.

Built by :meth:`Result.of` from the world's state and its record, at the horizon or at any
earlier moment of an unfinished exercise; reading never changes the world (flows are read
with :meth:`~oefening.engine.flow.Flow.at`). A new figure is one field on a record and one
line where the record is built: :meth:`as_json` writes every field, in the order declared.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from oefening.engine.record import Entry

if TYPE_CHECKING:
    from oefening.engine.flow import Flow
    from oefening.engine.state import ProcessState
    from oefening.engine.world import World
    from oefening.scenario.model import Team


def continuity(processes: list[ProcessState], t: float | None = None, *, projected: bool = False) -> float:
    """100 × (1 − Σ w·late / Σ w·demand) over the processes, up to time ``t`` (default: as far
    as each has been integrated). Reading at ``t`` leaves the flows as they are. ``projected``:
    with ``late_projected`` (SPEC §4), the cases waiting at ``t`` that will be late when served
    first in, first out at the capacity of that moment counting as late too."""
    return continuity_of([(p.weight, p.flow if t is None else p.flow.at(t)) for p in processes], projected=projected)


def continuity_of(flows: list[tuple[float, Flow]], *, projected: bool = False) -> float:
    """:func:`continuity` of flows already read at one moment, each with its process's weight
    (so a reader that needs the flows anyway copies each one once)."""
    demand = sum(w * (flow.arrived - flow.reentered) for w, flow in flows)
    if demand <= 0.0:
        return 100.0
    late = sum(w * (flow.late_projected() if projected else flow.late) for w, flow in flows)
    return max(0.0, min(100.0, 100.0 * (1.0 - late / demand)))


def totals(world: World, t: float) -> tuple[float, float]:
    """Continuity and cost (SPEC §3) up to time ``t``: the two numbers every comparison needs.
    At the horizon the flows are already there (``World.close_flows``): nothing is copied."""
    processes = list(world.processes.values())
    late_cost = sum(p.flow.at(t).late * p.shape.cost_per_late_case for p in processes)
    return continuity(processes, t), world.spent_until(t) + late_cost


def overrun_hours(proc: ProcessState, t: float) -> float:
    """How long, up to ``t``, the process has been disrupted beyond its MTPD (over every
    disruption: each one's length minus the MTPD, when longer)."""
    hours = proc.overrun_hours
    if proc.disrupted_since is not None:
        hours += max(0.0, t - proc.disrupted_since - proc.mtpd)
    return hours


@dataclass(frozen=True, slots=True)
class WithinMtpd:
    """``{"held": K, "of": N}``: of the N processes of one criticality, K never breached their MTPD."""

    held: int
    of: int

    @classmethod
    def among(cls, processes: Mapping[str, ProcessResult], criticality: str) -> WithinMtpd:
        chosen = [p for p in processes.values() if p.criticality == criticality]
        return cls(sum(not p.mtpd_breached for p in chosen), len(chosen))

    def as_json(self) -> dict[str, Any]:
        return _as_json(self)


@dataclass(frozen=True, slots=True)
class ProcessResult:
    """One process's entry in ``processes`` of SPEC §4, with the extensions
    ``late_projected`` (SPEC §4), ``mtpd_overrun_hours``, ``people_affected``
    (``late_projected`` × the process's ``people_per_case``), ``capacity_end`` (its
    capacity fraction at the moment read), and ``late_wait_mean`` and ``late_wait_max``: how
    long the late cases waited, on average and at most, in hours (for cases still waiting,
    up to the moment read; 0 without late cases), and ``reentered``: work entered again (lost
    data of a service with a recovery point, after-work of a fallback), not in ``demand``."""

    criticality: str
    demand: float
    served: float
    late: float
    backlog_end: float
    peak_backlog: float
    backlog_hours: float
    disrupted_hours: float
    mtpd_breached: bool
    mtpd_breach_at: float | None
    late_projected: float
    mtpd_overrun_hours: float
    people_affected: float
    capacity_end: float
    late_wait_mean: float
    late_wait_max: float
    reentered: float

    @classmethod
    def of(cls, proc: ProcessState, t: float) -> ProcessResult:
        """The process's numbers up to time ``t``."""
        flow = proc.flow.at(t)
        disrupted = proc.disrupted_hours
        if proc.disrupted_since is not None:
            disrupted += t - proc.disrupted_since
        late_projected = flow.late_projected()
        return cls(
            criticality=proc.spec.criticality,
            demand=flow.arrived - flow.reentered,
            served=flow.served,
            late=flow.late,
            backlog_end=flow.backlog,
            peak_backlog=flow.peak,
            backlog_hours=flow.backlog_hours,
            disrupted_hours=disrupted,
            mtpd_breached=proc.breach_at is not None,
            mtpd_breach_at=proc.breach_at,
            late_projected=late_projected,
            mtpd_overrun_hours=overrun_hours(proc, t),
            people_affected=late_projected * proc.spec.people_per_case,
            capacity_end=proc.fraction,
            late_wait_mean=flow.late_wait_mean(),
            late_wait_max=flow.late_wait_max,
            reentered=flow.reentered,
        )

    def as_json(self) -> dict[str, Any]:
        return _as_json(self)


@dataclass(frozen=True, slots=True)
class TeamResult:
    """One team's numbers in ``teams`` of the result (only with teams): the continuity score,
    its projection and the MTPD breaches over the team's own processes; ``spent``, what its
    decisions cost (fallbacks of its organisations, its actions); ``cost``, that plus the
    late cases of its processes × their cost per late case; ``budget``, its own budget with
    what the coordination released to it (None: it pays from the shared budget)."""

    organisations: tuple[str, ...]
    continuity: float
    continuity_projected: float
    cost: float
    spent: float
    mtpd_breaches: int
    budget: float | None

    @classmethod
    def of(cls, world: World, team: Team, processes: Mapping[str, ProcessResult], t: float) -> TeamResult:
        orgs = set(team.organisations)
        states = [p for p in world.processes.values() if p.ref.split("/")[0] in orgs]
        spent = world.money.spent_by(team.id, t)
        late_cost = sum(p.flow.at(t).late * p.shape.cost_per_late_case for p in states)
        return cls(
            organisations=tuple(team.organisations),
            continuity=continuity(states, t),
            continuity_projected=continuity(states, t, projected=True),
            cost=spent + late_cost,
            spent=spent,
            mtpd_breaches=sum(processes[p.ref].mtpd_breached for p in states),
            budget=world.money.own.get(team.id),
        )

    def as_json(self) -> dict[str, Any]:
        return _as_json(self)


@dataclass(frozen=True, slots=True)
class Holding:
    """From ``t`` on, these fallbacks held the facility's places (one entry per change)."""

    t: float
    holders: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return _as_json(self)


@dataclass(frozen=True, slots=True)
class Result:
    """The result of one run: the JSON object of ``run --json`` (SPEC §4), as a record."""

    scenario: str
    seed: int
    plan: str | None
    horizon_hours: float
    continuity: float
    cost: float
    mtpd_breaches: int
    processes: Mapping[str, ProcessResult]
    timeline: tuple[Entry, ...]
    continuity_projected: float
    vital_within_mtpd: WithinMtpd
    critical_within_mtpd: WithinMtpd
    people_affected: float
    spent: float
    budget: float | None
    teams: Mapping[str, TeamResult] | None = None           # only with teams (left out of the JSON without)
    allocation: Mapping[str, tuple[Holding, ...]] | None = None   # who held each facility when (with teams)

    @classmethod
    def of(cls, world: World, plan: str | None, t: float | None = None) -> Result:
        """The result at the horizon, or (``t``) the numbers so far."""
        until = world.horizon if t is None else t
        score, cost = totals(world, until)
        states = list(world.processes.values())
        processes = {proc.ref: ProcessResult.of(proc, until) for proc in states}
        budget = world.scenario.budget
        return cls(
            scenario=world.scenario.id,
            seed=world.streams.seed,
            plan=plan,
            horizon_hours=world.horizon,
            continuity=score,
            cost=cost,
            mtpd_breaches=sum(p.mtpd_breached for p in processes.values()),
            processes=processes,
            timeline=tuple(world.record.entries),
            continuity_projected=continuity(states, until, projected=True),
            vital_within_mtpd=WithinMtpd.among(processes, "vital"),
            critical_within_mtpd=WithinMtpd.among(processes, "critical"),
            people_affected=sum(p.people_affected for p in processes.values()),
            spent=world.spent_until(until),
            budget=None if budget is None else budget + world.budget_added,
            **_teams(world, processes, until),
        )

    def as_json(self) -> dict[str, Any]:
        """The JSON object of ``run --json`` and ``replay --json``: every field, in order
        (``teams`` and ``allocation`` only when the scenario has teams)."""
        data = _as_json(self)
        if self.teams is None:
            del data["teams"], data["allocation"]
        return data


def _teams(world: World, processes: Mapping[str, ProcessResult], t: float) -> dict[str, Any]:
    """``teams`` and ``allocation`` of a scenario with teams (nothing without)."""
    scenario = world.scenario
    if not scenario.teams:
        return {}
    teams = {team.id: TeamResult.of(world, team, processes, t) for team in scenario.teams}
    allocation = {
        ident: tuple(Holding(at, holders) for at, holders in facility.log if at <= t)
        for ident, facility in world.facilities.items() if facility.log is not None
    }
    return {"teams": teams, "allocation": allocation}


def _as_json(record: Any) -> dict[str, Any]:
    return {f.name: _json(getattr(record, f.name)) for f in fields(record)}


def _json(value: Any) -> Any:
    if hasattr(value, "as_json"):
        return value.as_json()
    if isinstance(value, Mapping):
        return {key: _json(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [_json(item) for item in value]
    return value
