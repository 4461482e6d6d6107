"""The result of a run (SPEC §3 and §4): continuity score, cost and per-process numbers.

Pure functions of the world's state at the horizon and its record; nothing here changes
the world.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from oefening.engine.state import ProcessState
    from oefening.engine.world import World


def continuity(processes: list[ProcessState], t: float | None = None) -> float:
    """100 × (1 − Σ w·late / Σ w·demand) over the processes, up to time ``t`` (default: as far
    as each has been integrated). Reading at ``t`` leaves the flows as they are."""
    flows = [(p.weight, p.flow if t is None else p.flow.at(t)) for p in processes]
    demand = sum(w * flow.arrived for w, flow in flows)
    if demand <= 0.0:
        return 100.0
    late = sum(w * flow.late for w, flow in flows)
    return max(0.0, min(100.0, 100.0 * (1.0 - late / demand)))


def result(world: World, plan: str | None) -> dict[str, Any]:
    """The JSON object of ``run --json`` for a world that has reached its horizon."""
    horizon = world.horizon
    processes: dict[str, Any] = {}
    late_cost = 0.0
    breaches = 0
    for proc in world.processes.values():
        flow = proc.flow
        flow.advance(horizon)
        disrupted = proc.disrupted_hours
        if proc.disrupted_since is not None:
            disrupted += horizon - proc.disrupted_since
        late_cost += flow.late * proc.spec.cost_per_late_case
        breaches += proc.breach_at is not None
        processes[proc.ref] = {
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
        }
    return {
        "scenario": world.scenario.id,
        "seed": world.streams.seed,
        "plan": plan,
        "horizon_hours": horizon,
        "continuity": continuity(list(world.processes.values())),
        "cost": world.spent_until(horizon) + late_cost,
        "mtpd_breaches": breaches,
        "processes": processes,
        "timeline": [entry.as_json() for entry in world.record.entries],
    }
