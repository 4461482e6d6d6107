"""The world's mechanics: facilities, lukewarm-phase actions, rehosting, `when` events,
budgets, and an independent cohort-by-cohort FIFO check of the late cases."""

from __future__ import annotations

from collections import deque

import pytest

from oefening.decide import Scripted, play
from oefening.engine.decisions import Activate, Deactivate, TakeAction
from oefening.engine.exercise import Exercise
from oefening.scenario.model import Scenario
from tests.builders import one_process

approx = lambda v: pytest.approx(v, rel=1e-6, abs=1e-6)


def _play(scenario, decisions=None, seed=0):
    exercise = Exercise(scenario, seed)
    play(exercise, Scripted(decisions) if decisions is not None else None)
    return exercise


def _two_organisations(slots: int = 1) -> Scenario:
    proc = {
        "id": "p", "name": "P", "criticality": "vital", "demand": 10, "capacity": 20,
        "needs": ["hosting"], "mbco": 0.5, "mtpd": "1w", "norm": "1d",
        "fallbacks": [{"id": "nood", "name": "Nood", "capacity": 0.8, "lead_time": "4h", "facility": "rijksnood"}],
    }
    return Scenario.model_validate({
        "format": 1, "id": "contention", "title": "Contention", "start": "2025-03-03T08:00:00+01:00",
        "turn": "4h", "horizon": "4d",
        "suppliers": [{"id": "g", "name": "G"}],
        "services": [{"id": "hosting", "name": "H", "supplier": "g"}],
        "facilities": [{"id": "rijksnood", "name": "Rijksnood", "slots": slots}],
        "organisations": [
            {"id": "a", "name": "A", "processes": [proc]},
            {"id": "b", "name": "B", "processes": [proc]},
        ],
        "events": [{"id": "down", "at": 0, "effects": [{"supplier": {"id": "g", "status": "failed"}}]}],
    })


def test_two_organisations_contend_for_one_slot():
    """First come, first served: B waits until A frees the slot at 24 h, then counts at once
    (its lead time passed long ago)."""
    exercise = _play(_two_organisations(), {
        0: [Activate("a/p/nood"), Activate("b/p/nood")],
        6: [Deactivate("a/p/nood")],
    })
    timeline = [(e.t, e.kind, e.id) for e in exercise.world.record.entries if e.kind != "event"]
    assert timeline == [
        (0.0, "activate", "a/p/nood"),
        (0.0, "activate", "b/p/nood"),
        (0.0, "facility_wait", "b/p/nood"),
        (4.0, "fallback_ready", "a/p/nood"),
        (24.0, "deactivate", "a/p/nood"),
        (24.0, "fallback_ready", "b/p/nood"),
    ]
    result = exercise.result()
    # A: no capacity 0–4 h, 0.8 from 4–24 h (16 > 10: clears), nothing after 24 h.
    # B: nothing until 24 h, then 16 per hour against 10 arriving.
    assert result["processes"]["a/p"]["disrupted_hours"] == approx(4 + (96 - 24))
    assert result["processes"]["b/p"]["disrupted_hours"] == approx(24)
    assert result["processes"]["b/p"]["peak_backlog"] == approx(240)


def test_a_second_slot_removes_the_wait():
    """A second slot removes the wait."""
    exercise = _play(_two_organisations(slots=2), {0: [Activate("a/p/nood"), Activate("b/p/nood")]})
    ready = [(e.t, e.id) for e in exercise.world.record.entries if e.kind == "fallback_ready"]
    assert ready == [(4.0, "a/p/nood"), (4.0, "b/p/nood")]


def _lukewarm() -> Scenario:
    return one_process(
        outage_at="5d", outage_for="10d", turn="1d",
        fallbacks=[{"id": "handmatig", "name": "Handmatig", "capacity": 0.5, "lead_time": "48h", "cost": 1000}],
        events=[{"id": "warning", "at": "1d", "effects": [{"supplier": {"id": "globaltech", "status": "distressed"}}]}],
        actions=[{
            "id": "exit-plan", "title": "Exit plan", "cost": 5000, "lead_time": "1d",
            "available": {"supplier": {"id": "globaltech", "status": "distressed"}},
            "effects": [{"fallback_lead_time": {"fallback": "uitvoering/uitkeringen/handmatig", "factor": 0.25}}],
        }],
    )


def test_lukewarm_action_shortens_the_lead_time():
    """Taken at day 2 (distressed), effective at day 3: the fallback activated at the
    bankruptcy (day 5) counts after 48 h × 0.25 = 12 h instead of 48 h."""
    with_plan = _play(_lukewarm(), {2: [TakeAction("exit-plan")], 5: [Activate("uitvoering/uitkeringen/handmatig")]})
    without = _play(_lukewarm(), {5: [Activate("uitvoering/uitkeringen/handmatig")]})
    ready = lambda ex: [e.t for e in ex.world.record.entries if e.kind == "fallback_ready"]
    assert ready(with_plan) == [120.0 + 12.0]
    assert ready(without) == [120.0 + 48.0]
    assert with_plan.result()["cost"] == approx(6000)
    assert with_plan.result()["continuity"] > without.result()["continuity"]


def test_action_is_unavailable_outside_its_condition():
    """Action is unavailable outside its condition."""
    exercise = Exercise(_lukewarm(), 0)
    refusal = exercise.decide(TakeAction("exit-plan"))
    assert refusal is not None and refusal.code == "unavailable"
    assert exercise.world.record.entries[-1].kind == "refused"


def test_budget_refuses_what_does_not_fit():
    """Budget refuses what does not fit."""
    exercise = Exercise(one_process(budget=500, fallbacks=[{"id": "f", "name": "F", "capacity": 0.5, "cost": 1000}]), 0)
    refusal = exercise.decide(Activate("uitvoering/uitkeringen/f"))
    assert refusal is not None and refusal.code == "budget"
    assert "1,000" in refusal.message and "500" in refusal.message


def test_rehost_restores_the_service():
    """Rehosting to a healthy supplier (lead time 1 d, taken at the outage) ends the outage after 24 h."""
    scenario = one_process(
        outage_for="20d", turn="1d", mtpd="1w",
        actions=[{"id": "migrate", "title": "Migrate", "lead_time": "1d",
                  "effects": [{"rehost": {"service": "hosting", "supplier": "backup"}}]}],
    )
    result = _play(scenario, {2: [TakeAction("migrate")]}).result()
    proc = result["processes"]["uitvoering/uitkeringen"]
    assert proc["disrupted_hours"] == approx(24.0)
    assert proc["peak_backlog"] == approx(50 * 24)


def test_when_event_fires_when_the_backlog_passes_its_threshold():
    """Backlog grows at 50/h from 48 h: it passes 1000 cases at 68 h exactly."""
    scenario = one_process(events=[{
        "id": "media-storm", "when": {"backlog_above": {"process": "uitvoering/uitkeringen", "cases": 1000}},
        "inject": {"title": "Media", "source": "media"},
    }])
    fired = _play(scenario).world.fired
    assert fired["media-storm"] == approx(48.0 + 1000 / 50)


def test_when_event_on_late_cases_fires_at_the_right_moment():
    """Norm 48 h: cases become late from 96 h at 50/h; more than 500 late at 106 h."""
    scenario = one_process(events=[{
        "id": "ombudsman", "when": {"late_cases_above": {"process": "uitvoering/uitkeringen", "cases": 500}},
    }])
    assert _play(scenario).world.fired["ombudsman"] == approx(106.0)


def test_service_down_for_and_temporary_availability():
    """service_down for 10 h fires 10 h after the outage; a half-availability effect lasting
    6 h halves capacity for those 6 h only."""
    scenario = one_process(events=[
        {"id": "escalate", "when": {"service_down": {"id": "hosting", "for": "10h"}}},
        {"id": "degraded", "at": "20d", "effects": [{"service": {"id": "hosting", "availability": 0.5, "duration": "6h"}}]},
    ], mbco=0.6)
    exercise = _play(scenario)
    assert exercise.world.fired["escalate"] == approx(58.0)
    proc = exercise.result()["processes"]["uitvoering/uitkeringen"]
    assert proc["disrupted_hours"] == approx(120.0 + 6.0)


def _cohort_fifo(segments, norm, horizon, dt=0.01):
    """Late cases by brute force: cohorts of cases in a FIFO queue, served in small steps."""
    queue: deque[list[float]] = deque()
    late = 0.0
    t = 0.0
    steps = round(horizon / dt)
    for i in range(steps):
        t = i * dt
        lam, mu = next((lam, mu) for (a, b, lam, mu) in segments if a <= t < b)
        queue.append([t + dt / 2, lam * dt])
        budget = mu * dt
        while queue and budget > 0:
            arrival, amount = queue[0]
            take = min(amount, budget)
            if t + dt / 2 - arrival > norm:
                late += take
            budget -= take
            queue[0][1] -= take
            if queue[0][1] <= 1e-12:
                queue.popleft()
    for arrival, amount in queue:
        if horizon - arrival > norm:
            late += amount
    return late


def test_late_cases_match_a_cohort_simulation_with_changing_demand():
    """Two outages, a demand surge and a horizon mid-backlog: the exact count agrees with a
    brute-force FIFO of 0.01 h cohorts to within its discretisation (0.5 %)."""
    scenario = one_process(
        outage_at="10h", outage_for="30h", norm="16h", horizon="150h", turn="1h",
        events=[
            {"id": "surge", "at": "50h", "effects": [{"demand": {"process": "uitvoering/uitkeringen", "factor": 1.5, "duration": "20h"}}]},
            {"id": "second", "at": "90h", "effects": [{"service": {"id": "hosting", "availability": 0.25, "duration": "40h"}}]},
        ],
    )
    result = _play(scenario).result()["processes"]["uitvoering/uitkeringen"]
    segments = [
        (0, 10, 50, 60), (10, 40, 50, 0), (40, 50, 50, 60), (50, 70, 75, 60),
        (70, 90, 50, 60), (90, 130, 50, 15), (130, 151, 50, 60),
    ]
    expected = _cohort_fifo(segments, 16.0, 150.0)
    assert expected > 1000
    assert result["late"] == pytest.approx(expected, rel=5e-3)


def test_pending_shows_what_was_decided_until_it_takes_effect():
    """An action with a lead time and a fallback still starting are listed with the moment
    they take effect, and drop off the list once they have."""
    exercise = Exercise(_lukewarm(), 0)
    exercise.advance()
    exercise.advance()                                   # day 2: distressed
    assert exercise.decide(TakeAction("exit-plan")) is None
    assert exercise.decide(Activate("uitvoering/uitkeringen/handmatig")) is None
    pending = [(p.t, p.kind, p.id) for p in exercise.snapshot().pending]
    assert pending == [(72.0, "action", "exit-plan"), (96.0, "fallback", "uitvoering/uitkeringen/handmatig")]
    exercise.advance()
    assert [p.id for p in exercise.snapshot().pending] == ["uitvoering/uitkeringen/handmatig"]
    exercise.advance()
    assert exercise.snapshot().pending == []
