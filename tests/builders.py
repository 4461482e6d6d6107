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


def bomb_document(processes: int = 1, horizon: str = "30d", turn: str = "4h") -> dict[str, Any]:
    """A scenario document with ``processes`` vital processes on one service and no events:
    the base of the size and cost tests (thresholds, toggles, budgets)."""
    procs = [{"id": f"p{i}", "name": f"P{i}", "criticality": "vital", "demand": 50, "capacity": 60,
              "needs": ["hosting"], "mbco": 0.5, "mtpd": "72h", "norm": "48h"} for i in range(processes)]
    return {"format": 1, "id": "bomb", "title": "Bomb", "start": "2025-03-03T08:00:00+01:00",
            "turn": turn, "horizon": horizon,
            "suppliers": [{"id": "g", "name": "G"}], "services": [{"id": "hosting", "name": "H", "supplier": "g"}],
            "organisations": [{"id": "o", "name": "O", "processes": procs}], "events": []}


def thresholds(n: int) -> dict[str, Any]:
    """The service fails at 24h (backlog grows 50 an hour from then); ``n`` ``when`` events
    watch the one backlog, at 10, 11, … cases: event k fires at 24 + (10 + k) / 50 hours."""
    doc = bomb_document()
    doc["events"].append({"id": "fail", "at": "1d", "effects": [{"service": {"id": "hosting", "availability": 0}}]})
    doc["events"] += [{"id": f"t{k}", "when": {"backlog_above": {"process": "o/p0", "cases": 10 + k}},
                       "inject": {"title": f"backlog {k}"}} for k in range(n)]
    return doc


def toggles(processes: int, flips: int, horizon: str = "200h") -> dict[str, Any]:
    """Every process's one service down for 30 minutes each hour, ``flips`` times (from 0.5h)."""
    doc = bomb_document(processes, horizon=horizon, turn=horizon)
    doc["events"] += [{"id": f"e{k}", "at": f"{k + 0.5}h",
                       "effects": [{"service": {"id": "hosting", "availability": 0, "duration": "30m"}}]}
                      for k in range(flips)]
    return doc


def chain_toggles(heads: int, tail: int, flips: int, horizon: str = "300h") -> dict[str, Any]:
    """``heads`` processes on one service, all feeding (a thousandth of what each serves) the
    first of a chain of ``tail`` processes, each fed by the one before; the service down for
    30 minutes each hour, ``flips`` times: every toggle of one head runs down the whole chain."""
    doc = toggles(heads, flips, horizon)
    procs = doc["organisations"][0]["processes"]
    for i in range(tail):
        feeders = ([{"process": f"o/p{k}", "share": 0.001} for k in range(heads)] if i == 0
                   else [{"process": f"o/t{i - 1}", "share": 1.0}])
        procs.append({"id": f"t{i}", "name": f"T{i}", "criticality": "normal", "demand": 0, "capacity": 100,
                      "mbco": 0.5, "mtpd": "72h", "norm": "48h", "fed_by": feeders})
    return doc



def events_scheduled(exercise: Any) -> int:
    """How many simpy events ``exercise`` schedules when played to its end with nobody acting."""
    from oefening.decide import play

    counter = [0]
    original = exercise.world.env.schedule

    def schedule(event: Any, priority: int = 1, delay: float = 0) -> Any:
        counter[0] += 1
        return original(event, priority, delay)

    exercise.world.env.schedule = schedule
    play(exercise, None)
    return counter[0]
