"""``oefening analyse``: concentration, single points of failure, slow and common-mode
fallbacks and over-claimed facilities, read from the scenario alone (SPEC §6).

No simulation: every number follows from the dependency map
(:mod:`oefening.analysis.dependencies`) and the scenario's MBCO, MTPD, capacities and lead
times, so each can be checked by hand. :func:`analyse` returns the JSON object of
``analyse --json`` as an :class:`Analysis` (a dict with ``to_frame()``).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from oefening.analysis.dependencies import DependencyMap, dependency_map, upper_lead_time
from oefening.analysis.frames import PlainResult
from oefening.scenario.model import Fallback, Process, Scenario

GUARDED = ("vital", "critical")   # the criticalities a single point of failure is reported for


class Analysis(PlainResult):
    """The result of :func:`analyse`; ``rows()``: one row per (process, supplier) dependency,
    with whether that supplier is a single point of failure and the fallbacks that cover it."""


def concentration(weighted: list[tuple[float, frozenset[str]]]) -> dict[str, Any]:
    """HHI and shares of a set of processes, each given as (weight, suppliers it depends on).

    Each dependency of a process on a supplier weighs the process's criticality weight; a
    supplier's share is its weight over all weights; HHI = 10,000 × Σ share². Suppliers
    without a dependency are left out; with no weighted dependency at all: HHI 0, no shares.
    """
    per_supplier: dict[str, float] = defaultdict(float)
    for weight, suppliers in weighted:
        for supplier in suppliers:
            per_supplier[supplier] += weight
    total = sum(per_supplier.values())
    if total <= 0.0:
        return {"hhi": 0.0, "shares": {}}
    shares = {s: per_supplier[s] / total for s in sorted(per_supplier) if per_supplier[s] > 0.0}
    return {"hhi": 10_000.0 * sum(share * share for share in shares.values()), "shares": shares}


def covers(fallback: Fallback, fallback_suppliers: frozenset[str], proc: Process, supplier: str) -> bool:
    """Whether ``fallback`` keeps ``proc`` going when ``supplier`` fails (SPEC §6): it avoids the
    supplier, reaches the MBCO and its lead time (upper end) is no longer than the MTPD."""
    return (supplier not in fallback_suppliers and fallback.capacity >= proc.mbco
            and upper_lead_time(fallback.lead_time) <= proc.mtpd)


def analyse(scenario: Scenario, dmap: DependencyMap | None = None) -> Analysis:
    """The JSON object of ``oefening analyse --json`` (SPEC §6)."""
    dmap = dmap or dependency_map(scenario)
    weights = scenario.weights.model_dump()

    government: list[tuple[float, frozenset[str]]] = []
    organisations: dict[str, Any] = {}
    single: dict[str, list[str]] = defaultdict(list)
    slow: list[dict[str, Any]] = []
    common: list[dict[str, Any]] = []
    dependencies: list[dict[str, Any]] = []
    for org in scenario.organisations:
        weighted = []
        for proc in org.processes:
            ref = f"{org.id}/{proc.id}"
            suppliers = dmap.of_process(ref)
            weighted.append((weights[proc.criticality], suppliers))
            fallbacks = [(fb, dmap.of_fallback(f"{ref}/{fb.id}")) for fb in proc.fallbacks]
            for fb, fb_suppliers in fallbacks:
                upper = upper_lead_time(fb.lead_time)
                if upper > proc.mtpd:
                    slow.append({"fallback": f"{ref}/{fb.id}", "lead_time_hours": upper,
                                 "mtpd_hours": proc.mtpd})
                for supplier in sorted(fb_suppliers & suppliers):
                    common.append({"fallback": f"{ref}/{fb.id}", "supplier": supplier})
            for supplier in sorted(suppliers):
                covered = [f"{ref}/{fb.id}" for fb, fb_s in fallbacks if covers(fb, fb_s, proc, supplier)]
                spof = proc.criticality in GUARDED and not covered
                if spof:
                    single[supplier].append(ref)
                dependencies.append({
                    "organisation": org.id, "process": ref, "criticality": proc.criticality,
                    "weight": weights[proc.criticality], "supplier": supplier,
                    "single_point_of_failure": spof, "covered_by": covered,
                })
        government += weighted
        organisations[org.id] = concentration(weighted)

    claimants: dict[str, int] = defaultdict(int)
    for _ref, fb in scenario.fallbacks():
        if fb.facility is not None:
            claimants[fb.facility] += 1
    return Analysis(dict(
        scenario=scenario.id,
        concentration={"government": concentration(government), "organisations": organisations},
        single_points_of_failure=[{"supplier": s, "processes": sorted(single[s])} for s in sorted(single)],
        lead_time_over_mtpd=slow,
        common_mode=common,
        facilities={f.id: {"slots": f.slots, "claimants": claimants[f.id]} for f in scenario.facilities},
    ), dependencies)
