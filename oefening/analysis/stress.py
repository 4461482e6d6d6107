"""``oefening stress``: each supplier fails alone, at the start, for each outage duration,
with the storyline left out, with nobody acting and with each plan.

The "severe but plausible" table of operational-resilience testing: per supplier, duration
and plan, the processes that stay within their MTPD, continuity and cost. Each cell is one
world (replication 0 of the seed) of a stressed copy of the scenario: every storyline event
becomes manual (it never fires by itself, but plans and actions that name it stay valid),
and two events are added: the supplier fails at 0 and returns to its starting status at the
outage's end (an outage at least as long as the horizon lasts to the end). Random lead
times of fallbacks and actions are still drawn from the seed.

The cells run on the Monte Carlo backends (this process, a process pool, or dask) with one
cell per task index, so the table is the same whatever ``--workers`` or ``--scheduler``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from oefening.analysis.frames import PlainResult
from oefening.errors import OefeningError
from oefening.experiments.backends import Arm, Row, replicate, run_batches
from oefening.experiments.montecarlo import MAX_WORKERS, PlanLike, arms
from oefening.scenario.model import Event, Scenario

MAX_CELLS = 1_000_000
Cell = tuple[str, float]                         # supplier id, outage hours
StressWork = tuple[Scenario, list[Cell], Sequence[Arm], int]


class StressResult(PlainResult):
    """The result of :func:`stress`; ``rows()``: one row per supplier, outage and plan."""


def _fresh_id(scenario: Scenario, wanted: str) -> str:
    taken = {ev.id for ev in scenario.events}
    ident, n = wanted, 1
    while ident in taken:
        n += 1
        ident = f"{wanted}-{n}"
    return ident


def stressed(scenario: Scenario, supplier: str, hours: float) -> Scenario:
    """``scenario`` without its storyline, ``supplier`` failing at 0 for ``hours``."""
    spec = next(s for s in scenario.suppliers if s.id == supplier)
    back = spec.status if spec.status != "failed" else "healthy"
    quiet = [ev.model_copy(update={"at": None, "after": None, "when": None, "manual": True})
             for ev in scenario.events]
    failure = Event.model_validate({"id": _fresh_id(scenario, "stress-failure"), "at": 0.0,
                                    "effects": [{"supplier": {"id": supplier, "status": "failed"}}]})
    events = [*quiet, failure]
    if hours < scenario.horizon:
        events.append(Event.model_validate({
            "id": _fresh_id(scenario, "stress-restore"), "at": hours,
            "effects": [{"supplier": {"id": supplier, "status": back}}]}))
    return scenario.model_copy(update={"events": events})


def stress_kernel(work: StressWork, start: int, stop: int) -> list[Row]:
    """Cells ``start`` … ``stop − 1``: every arm on replication 0 of each stressed scenario."""
    scenario, cells, work_arms, seed = work
    rows = []
    for supplier, hours in cells[start:stop]:
        rows += replicate((stressed(scenario, supplier, hours), work_arms, seed), 0, 1)
    return rows


def stress(scenario: Scenario, outages: Sequence[float], plans: Sequence[PlanLike] = (), seed: int = 0,
           workers: int | None = 1, scheduler: str | None = None,
           suppliers: Sequence[str] | None = None) -> StressResult:
    """The stress table: every supplier (or those named), every outage (hours), every arm."""
    if not outages:
        raise OefeningError("--outage needs at least one duration")
    if any(h <= 0 for h in outages):
        raise OefeningError("--outage: every duration must be longer than 0")
    if workers is not None and not 1 <= workers <= MAX_WORKERS:
        raise OefeningError(f"--workers must be between 1 and {MAX_WORKERS}, not {workers}")
    known = [s.id for s in scenario.suppliers]
    chosen = list(suppliers) if suppliers is not None else known
    unknown = [s for s in chosen if s not in known]
    if unknown:
        raise OefeningError(f"unknown supplier {unknown[0]!r}; the scenario has {', '.join(known) or 'none'}")
    work_arms = arms(scenario, plans)
    cells: list[Cell] = [(s, float(h)) for s in chosen for h in outages]
    if len(cells) > MAX_CELLS:
        raise OefeningError(f"{len(cells):,} stress cells is more than {MAX_CELLS:,}")
    rows: list[Row | None] = [None] * len(cells)
    if cells:
        batches = run_batches((scenario, cells, work_arms, seed), len(cells), workers, scheduler,
                              kernel=stress_kernel)
        try:
            for start, batch in batches:
                rows[start:start + len(batch)] = batch
        finally:
            batches.close()
    return _summary(scenario, cells, [ident for ident, _ in work_arms], rows, list(outages), seed)


def _summary(scenario: Scenario, cells: list[Cell], plans: list[str], rows: list[Row | None],
             outages: list[float], seed: int) -> StressResult:
    refs = [ref for ref, _ in scenario.processes()]
    vital = [i for i, (_, p) in enumerate(scenario.processes()) if p.criticality == "vital"]
    results: list[dict[str, Any]] = []
    for (supplier, hours), row in zip(cells, rows, strict=True):
        assert row is not None
        for plan, (continuity, cost, breached) in zip(plans, row, strict=True):
            broken = set(breached)
            results.append({
                "supplier": supplier, "outage_hours": hours, "plan": plan,
                "continuity": continuity, "cost": cost,
                "within_mtpd": {"held": len(refs) - len(broken), "of": len(refs)},
                "vital_within_mtpd": {"held": sum(1 for i in vital if i not in broken), "of": len(vital)},
                "breached": [refs[i] for i in sorted(broken)],
            })
    flat = [{k: v for k, v in r.items() if k not in ("within_mtpd", "vital_within_mtpd", "breached")}
            | {"within_mtpd": r["within_mtpd"]["held"], "processes": r["within_mtpd"]["of"],
               "vital_within_mtpd": r["vital_within_mtpd"]["held"], "vital": r["vital_within_mtpd"]["of"],
               "breached": ", ".join(r["breached"])}
            for r in results]
    return StressResult({
        "scenario": scenario.id, "seed": seed, "horizon_hours": scenario.horizon,
        "outages_hours": outages, "plans": plans, "results": results,
    }, flat)
