"""A national-scale scenario, generated: many organisations on a few suppliers.

Used by ``make bench`` and by tests and benchmarks that need a big world. Deterministic:
the same arguments always give the same scenario.
"""

from __future__ import annotations

import random
from typing import Any

from oefening.scenario.model import Scenario

CRITICALITIES = ("vital", "critical", "important", "normal")


def national_document(
    organisations: int = 50, processes_per_org: int = 10, suppliers: int = 10, days: float = 60,
    events: int = 40, services_per_supplier: int = 3, slots: int = 5,
) -> dict[str, Any]:
    rng = random.Random(20241128)
    supplier_ids = [f"leverancier-{i}" for i in range(suppliers)]
    service_ids = [f"dienst-{i}-{j}" for i in range(suppliers) for j in range(services_per_supplier)]
    doc: dict[str, Any] = {
        "format": 1, "id": "nationaal", "title": {"nl": "Nationale schaal", "en": "National scale"},
        "start": "2025-03-03T08:00:00+01:00", "turn": "4h", "horizon": f"{days}d",
        "suppliers": [{"id": s, "name": s} for s in supplier_ids],
        "services": [
            {"id": f"dienst-{i}-{j}", "name": f"dienst {i}.{j}", "supplier": supplier_ids[i]}
            for i in range(suppliers) for j in range(services_per_supplier)
        ],
        "facilities": [{"id": "rijksnood", "name": "Rijksnoodvoorziening", "slots": slots}],
        "organisations": [],
        "events": [],
        "actions": [],
    }
    for o in range(organisations):
        processes = []
        for p in range(processes_per_org):
            demand = rng.uniform(5, 200)
            processes.append({
                "id": f"p{p}", "name": f"proces {p}", "criticality": rng.choice(CRITICALITIES),
                "demand": round(demand, 1), "capacity": round(demand * rng.uniform(1.1, 1.6), 1),
                "needs": rng.sample(service_ids, rng.randint(1, 3)),
                "mbco": round(rng.uniform(0.3, 0.7), 2), "mtpd": f"{rng.choice([24, 48, 72, 120, 168])}h",
                "norm": f"{rng.choice([1, 2, 3, 5])}d",
                "fallbacks": [{
                    "id": "nood", "name": "noodprocedure", "capacity": round(rng.uniform(0.2, 0.6), 2),
                    "lead_time": {"dist": "triangular", "low": "4h", "mode": "1d", "high": "3d"},
                    **({"facility": "rijksnood"} if rng.random() < 0.2 else {}),
                }],
            })
        doc["organisations"].append({"id": f"org-{o}", "name": f"organisatie {o}", "processes": processes})
    horizon_h = days * 24
    for e in range(events // 2):
        supplier = supplier_ids[e % suppliers]
        doc["events"].append({
            "id": f"uitval-{e}", "at": {"dist": "uniform", "low": 0, "high": horizon_h * 0.7},
            "effects": [{"supplier": {"id": supplier, "status": "failed"}}],
        })
        doc["events"].append({
            "id": f"herstel-{e}", "after": {"event": f"uitval-{e}", "delay": {"dist": "lognormal", "median": "2d", "p90": "8d"}},
            "effects": [{"supplier": {"id": supplier, "status": "healthy"}}],
        })
    doc["actions"].append({"id": "noodfonds", "title": "Noodfonds", "effects": [{"budget": {"amount": 1e6}}]})
    return doc


def national_scenario(**kwargs: Any) -> Scenario:
    """The generated scenario as a validated model (see :func:`national_document`)."""
    return Scenario.model_validate(national_document(**kwargs))


def national_plan_document(scenario: Scenario) -> dict[str, Any]:
    """A plan that activates every fallback when its first needed service has been down 8 h."""
    rules = []
    for ref, proc in scenario.processes():
        for fb in proc.fallbacks:
            rules.append({"when": {"service_down": {"id": proc.needs[0], "for": "8h"}},
                          "do": [{"activate": f"{ref}/{fb.id}"}]})
    return {"format": 1, "id": "alles-nood", "scenario": scenario.id, "rules": rules}


PAYMENTS_PROFILE: dict[str, Any] = {   # issue 16: a working-day peak, quiet weekends, a month-end peak
    "id": "betalingen", "hours": [0.5] * 8 + [2.0] * 9 + [1.0] * 7, "weekdays": {"sat": 0.3, "sun": 0.2},
    "month_end": {"days": 3, "factor": 2.0},
}


def everywhere(doc: dict[str, Any], *, calendar: bool = False, profile: bool = False) -> dict[str, Any]:
    """The national document with office hours (08:00-17:00, Monday to Friday) and/or the
    payments demand profile on every process."""
    if calendar:
        doc["calendars"] = [{"id": "kantoor", "hours": "08:00-17:00"}]
    if profile:
        doc["demand_profiles"] = [PAYMENTS_PROFILE]
    for org in doc["organisations"]:
        for proc in org["processes"]:
            if calendar:
                proc["calendar"] = "kantoor"
            if profile:
                proc["demand_profile"] = "betalingen"
    return doc
