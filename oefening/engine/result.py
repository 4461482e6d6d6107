"""The result of a run (SPEC §3 and §4): continuity score, cost and per-process numbers,
with the scorecard's extensions (projected lateness, vital and critical processes within
their MTPD and how far past it, people affected, money spent against the budget).

Pure functions of the world's state and its record, at the horizon or at any earlier
moment of an unfinished exercise; reading never changes the world (flows are read with
:meth:`~oefening.engine.flow.Flow.at`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from oefening.engine.state import ProcessState
    from oefening.engine.world import World


def continuity(processes: list[ProcessState], t: float | None = None, *, projected: bool = False) -> float:
    """100 × (1 − Σ w·late / Σ w·demand) over the processes, up to time ``t`` (default: as far
    as each has been integrated). Reading at ``t`` leaves the flows as they are. ``projected``:
    with ``late_projected`` (SPEC §4), the cases waiting at ``t`` that will be late when served
    first in, first out at the capacity of that moment counting as late too."""
    flows = [(p.weight, p.flow if t is None else p.flow.at(t)) for p in processes]
    demand = sum(w * flow.arrived for w, flow in flows)
    if demand <= 0.0:
        return 100.0
    late = sum(w * (flow.late_projected() if projected else flow.late) for w, flow in flows)
    return max(0.0, min(100.0, 100.0 * (1.0 - late / demand)))


def totals(world: World, t: float) -> tuple[float, float]:
    """Continuity and cost (SPEC §3) up to time ``t``: the two numbers every comparison needs.
    At the horizon the flows are already there (``World.close_flows``): nothing is copied."""
    processes = list(world.processes.values())
    late_cost = sum(p.flow.at(t).late * p.spec.cost_per_late_case for p in processes)
    return continuity(processes, t), world.spent_until(t) + late_cost


def overrun_hours(proc: ProcessState, t: float) -> float:
    """How long, up to ``t``, the process has been disrupted beyond its MTPD (over every
    disruption: each one's length minus the MTPD, when longer)."""
    hours = proc.overrun_hours
    if proc.disrupted_since is not None:
        hours += max(0.0, t - proc.disrupted_since - proc.mtpd)
    return hours


def within_mtpd(processes: dict[str, dict[str, Any]], criticality: str) -> dict[str, int]:
    """``{"held": K, "of": N}``: the processes of one criticality whose MTPD was never breached."""
    chosen = [p for p in processes.values() if p["criticality"] == criticality]
    return {"held": sum(not p["mtpd_breached"] for p in chosen), "of": len(chosen)}


def process_numbers(proc: ProcessState, t: float) -> dict[str, Any]:
    """One process's entry in ``processes`` of SPEC §4, up to time ``t``, with the
    extensions ``late_projected`` (SPEC §4), ``mtpd_overrun_hours``, ``people_affected``
    (``late_projected`` × the process's ``people_per_case``) and ``capacity_end`` (its
    capacity fraction at ``t``)."""
    flow = proc.flow.at(t)
    disrupted = proc.disrupted_hours
    if proc.disrupted_since is not None:
        disrupted += t - proc.disrupted_since
    late_projected = flow.late_projected()
    return {
        "criticality": proc.spec.criticality,
        "demand": flow.arrived,
        "served": flow.served,
        "late": flow.late,
        "backlog_end": flow.backlog,
        "peak_backlog": flow.peak,
        "backlog_hours": flow.backlog_hours,
        "disrupted_hours": disrupted,
        "mtpd_breached": proc.breach_at is not None,
        "mtpd_breach_at": proc.breach_at,
        "late_projected": late_projected,
        "mtpd_overrun_hours": overrun_hours(proc, t),
        "people_affected": late_projected * proc.spec.people_per_case,
        "capacity_end": proc.fraction,
    }


def result(world: World, plan: str | None, t: float | None = None) -> dict[str, Any]:
    """The JSON object of ``run --json``: at the horizon, or (``t``) the numbers so far."""
    until = world.horizon if t is None else t
    score, cost = totals(world, until)
    states = list(world.processes.values())
    processes = {proc.ref: process_numbers(proc, until) for proc in states}
    budget = world.scenario.budget
    return {
        "scenario": world.scenario.id,
        "seed": world.streams.seed,
        "plan": plan,
        "horizon_hours": world.horizon,
        "continuity": score,
        "cost": cost,
        "mtpd_breaches": sum(p["mtpd_breached"] for p in processes.values()),
        "processes": processes,
        "timeline": [entry.as_json() for entry in world.record.entries],
        "continuity_projected": continuity(states, until, projected=True),
        "vital_within_mtpd": within_mtpd(processes, "vital"),
        "critical_within_mtpd": within_mtpd(processes, "critical"),
        "people_affected": sum(p["people_affected"] for p in processes.values()),
        "spent": world.spent_until(until),
        "budget": None if budget is None else budget + world.budget_added,
    }
