"""Small scenarios built in code, for tests that compute their expectations by hand."""

from __future__ import annotations

import copy
from typing import Any

from oefening.scenario.model import Scenario


def one_process(
    *,
    demand: float = 50.0,
    capacity: float = 60.0,
    mbco: float = 0.5,
    mtpd: str | float = "72h",
    norm: str | float = "48h",
    outage_at: str | float = "2d",
    outage_for: Any = "5d",
    fallbacks: list[dict[str, Any]] | None = None,
    horizon: str | float = "60d",
    turn: str | float = "4h",
    events: list[dict[str, Any]] | None = None,
    actions: list[dict[str, Any]] | None = None,
    budget: float | None = None,
    cost_per_late_case: float = 0.0,
) -> Scenario:
    """One organisation with one vital process on one service of one supplier that fails
    at ``outage_at`` and is healthy again ``outage_for`` later."""
    doc: dict[str, Any] = {
        "format": 1,
        "id": "hand",
        "title": {"nl": "Handberekening", "en": "Hand calculation"},
        "start": "2025-03-03T08:00:00+01:00",
        "turn": turn,
        "horizon": horizon,
        "suppliers": [{"id": "globaltech", "name": "GlobalTech"}, {"id": "backup", "name": "Backup BV"}],
        "services": [
            {"id": "hosting", "name": "Hosting", "supplier": "globaltech"},
            {"id": "spare", "name": "Spare", "supplier": "backup"},
        ],
        "facilities": [{"id": "rijksnood", "name": "Rijksnood", "slots": 1}],
        "organisations": [
            {
                "id": "uitvoering",
                "name": "Uitvoering",
                "processes": [
                    {
                        "id": "uitkeringen",
                        "name": "Uitkeringen",
                        "criticality": "vital",
                        "demand": demand,
                        "capacity": capacity,
                        "needs": ["hosting"],
                        "mbco": mbco,
                        "mtpd": mtpd,
                        "norm": norm,
                        "cost_per_late_case": cost_per_late_case,
                        "fallbacks": fallbacks or [],
                    }
                ],
            }
        ],
        "events": [
            {"id": "bankruptcy", "at": outage_at, "effects": [{"supplier": {"id": "globaltech", "status": "failed"}}]},
            {
                "id": "restart",
                "after": {"event": "bankruptcy", "delay": outage_for},
                "effects": [{"supplier": {"id": "globaltech", "status": "healthy"}}],
            },
            *(events or []),
        ],
        "actions": actions or [],
    }
    if budget is not None:
        doc["budget"] = budget
    return Scenario.model_validate(doc)


def with_changes(scenario: Scenario, **changes: Any) -> Scenario:
    """A copy of the scenario document with top-level keys replaced."""
    doc = copy.deepcopy(scenario.model_dump(by_alias=True, exclude_none=True))
    doc.update(changes)
    return Scenario.model_validate(doc)
