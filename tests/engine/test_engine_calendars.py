"""Office hours (issue 16): capacity only while a calendar is open, against an independent
interval-by-interval integration.

One process, λ = 10 per hour around the clock, μ = 60 per hour on Monday to Friday 08:00–17:00
(the scenario starts on Monday 3 March 2025 at 08:00), no outage. Each interval has constant
rates, so the backlog and its area follow PERFORMANCE.md's one-interval formula: with
r = λ − c, B′ = max(0, B + rΔ) and the area Δ(B + B′)/2, or B²/(2|r|) when it empties.
"""

from __future__ import annotations

import itertools

import pytest

from oefening.decide import Scripted, play
from oefening.engine.decisions import Activate
from oefening.engine.exercise import Exercise
from tests.builders import events_scheduled, one_process, with_changes

REF = "uitvoering/uitkeringen"
LAM, MU = 10.0, 60.0


def approx(value: float):
    return pytest.approx(value, rel=1e-6, abs=1e-6)


def _office(holidays=(), **process_keys):
    base = one_process(demand=LAM, capacity=MU, outage_at="100d", horizon="14d", mtpd="10w", norm="1w")
    doc = base.model_dump(exclude_none=True)
    doc["organisations"][0]["processes"][0].update(calendar="kantoor", **process_keys)
    calendars = [{"id": "kantoor", "hours": "08:00-17:00", "days": ["mon", "tue", "wed", "thu", "fri"],
                  "holidays": list(holidays)}]
    return with_changes(base, organisations=doc["organisations"], calendars=calendars)


def _reference(horizon: float, closed_days=()) -> dict[str, float]:
    """Interval by interval: day k (0 = Monday) is open from 24k to 24k + 9 h since the start."""
    times = sorted({0.0, horizon, *(t for k in range(30) if k % 7 < 5 and k not in closed_days
                                     for t in (24.0 * k, 24.0 * k + 9))})
    times = [t for t in times if t <= horizon]
    b = area = peak = served = 0.0
    for a, z in itertools.pairwise(times):
        k = int(a // 24)
        is_open = k % 7 < 5 and k not in closed_days and a - 24 * k < 9
        c = MU if is_open else 0.0
        r, dt = LAM - c, z - a
        end = b + r * dt
        if end >= 0.0:
            area += dt * (b + end) / 2
        else:
            area += b * b / (2 * -r)
            end = 0.0
        served += LAM * dt - (end - b)
        b = end
        peak = max(peak, b)
    return {"backlog_hours": area, "peak_backlog": peak, "served": served, "backlog_end": b}


def _numbers(scenario, decisions=None):
    exercise = Exercise(scenario, 0)
    play(exercise, Scripted(decisions) if decisions is not None else None)
    return exercise.result()["processes"][REF]


def test_office_hours_match_an_interval_by_interval_integration():
    numbers = _numbers(_office())
    expected = _reference(14 * 24)
    for key, value in expected.items():
        assert numbers[key] == approx(value), key
    assert expected["peak_backlog"] == approx(63 * LAM)   # Friday 17:00 to Monday 08:00
    assert numbers["disrupted_hours"] == 0.0             # closed is not disrupted


def test_a_public_holiday_closes_the_whole_day():
    """Wednesday 5 March closed: the backlog of Tuesday night grows for 39 h instead of 15 h."""
    numbers = _numbers(_office(holidays=["2025-03-05"]))
    expected = _reference(14 * 24, closed_days=(2,))
    for key, value in expected.items():
        assert numbers[key] == approx(value), key


def test_a_manual_fallback_on_office_hours_works_only_then():
    """The normal process runs around the clock; its service is down from 2 d for 5 d and a
    paper fallback at full capacity works only in office hours: the same numbers as a process
    on the calendar during the outage, and none of it after."""
    base = one_process(demand=LAM, capacity=MU, outage_at="0h", outage_for="20d", horizon="14d",
                       mtpd="10w", norm="1w", turn="1d",
                       fallbacks=[{"id": "papier", "name": "Papier", "capacity": 1.0}])
    doc = base.model_dump(exclude_none=True)
    doc["organisations"][0]["processes"][0]["fallbacks"][0]["calendar"] = "kantoor"
    scenario = with_changes(base, organisations=doc["organisations"], calendars=[{"id": "kantoor"}])
    numbers = _numbers(scenario, {0: [Activate(f"{REF}/papier")]})
    expected = _reference(14 * 24)
    for key, value in expected.items():
        assert numbers[key] == approx(value), key


def test_many_processes_on_one_calendar_share_its_events():
    """A calendar's openings and closings are one event each, however many processes follow it."""
    def scheduled(n):
        scenario = _office()
        doc = scenario.model_dump(exclude_none=True)
        process = doc["organisations"][0]["processes"][0]
        doc["organisations"][0]["processes"] = [{**process, "id": f"p{i}"} for i in range(n)]
        return events_scheduled(Exercise(with_changes(scenario, organisations=doc["organisations"]), 0))
    assert scheduled(20) == scheduled(1)


def test_a_process_whose_flow_turns_by_itself_equals_one_updated_at_every_turn():
    """Two identical processes on office hours through an outage: the first turns with its
    calendar by itself (OfficeFlow), the second (a fallback on the calendar, never activated)
    is updated by the world at every opening and closing. Their numbers agree to the last
    bit, late cases included, and a when-event on each one's backlog fires at the same moment."""
    from oefening.engine.calendar import OfficeFlow

    scenario = _office(norm="20h")
    doc = scenario.model_dump(exclude_none=True)
    process = doc["organisations"][0]["processes"][0]
    twin = {**process, "id": "tweeling",
            "fallbacks": [{"id": "nood", "name": "Nood", "capacity": 0.5, "lead_time": "1h", "calendar": "kantoor"}]}
    doc["organisations"][0]["processes"] = [process, twin]
    events = [{"id": "uitval", "at": "30h",
               "effects": [{"service": {"id": "hosting", "availability": 0, "duration": "50h"}}]}]
    events += [{"id": f"drempel-{p}", "when": {"backlog_above": {"process": f"uitvoering/{p}", "cases": 500}},
                "inject": {"title": "drempel"}} for p in ("uitkeringen", "tweeling")]
    scenario = with_changes(scenario, organisations=doc["organisations"], events=[*doc["events"], *events])
    exercise = Exercise(scenario, 0)
    assert type(exercise.world.processes[REF].flow) is OfficeFlow
    assert type(exercise.world.processes["uitvoering/tweeling"].flow) is not OfficeFlow
    play(exercise, None)
    rows = exercise.result()["processes"]
    one, other = rows[REF], rows["uitvoering/tweeling"]
    for key in ("served", "late", "backlog_end", "peak_backlog", "backlog_hours", "late_projected",
                "late_wait_mean", "late_wait_max"):
        assert one[key] == other[key], key
    assert one["late"] > 0 and one["peak_backlog"] > 500
    fired = exercise.world.fired
    assert fired["drempel-uitkeringen"] == fired["drempel-tweeling"]
