"""The scorecard's figures in the result (SPEC §4 extensions and further keys), against hand
calculations.

One process, demand λ = 10, capacity μ = 20, its only service down from the start for 60 h,
norm 24 h. During the outage the backlog grows to 600; after it, it drains at μ − λ = 10/h,
so the case that arrived at s is served at 60 + s/2 and waits 60 − s/2: every case that
arrived before s = 72 is late, those after are on time. At a horizon H the late count holds
the cases whose wait already passed the norm (arrived before H − 24); ``late_projected``
adds the waiting ones that will pass it (arrived before 72), served first in, first out at
the capacity of the horizon.
"""

from __future__ import annotations

import copy

import pytest

from oefening.decide import Scripted, play
from oefening.engine.decisions import Activate
from oefening.engine.exercise import Exercise
from oefening.scenario.model import Scenario
from tests.builders import one_process

REF = "uitvoering/uitkeringen"


def approx(value: float):
    return pytest.approx(value, rel=1e-9, abs=1e-6)


def _run(scenario: Scenario, decisions=None):
    exercise = Exercise(scenario, 0)
    play(exercise, Scripted(decisions) if decisions is not None else None)
    return exercise.result()


def _outage(horizon: float, **kw):
    return one_process(demand=10, capacity=20, outage_at=0, outage_for=60, horizon=horizon, norm=24, **kw)


@pytest.mark.parametrize("horizon, late, projected", [
    (80.0, 560.0, 720.0),   # served up to s=40; late s<56; waiting s in [40,80], late when s<72
    (70.0, 460.0, 700.0),   # every waiting case (s in [20,70]) will be late
])
def test_late_projected_is_fifo_at_the_horizon_capacity(horizon, late, projected):
    """A backlog at the horizon: the cases that will wait past the norm count in late_projected."""
    proc = _run(_outage(horizon, mtpd="10w"))["processes"][REF]
    assert proc["late"] == approx(late)
    assert proc["late_projected"] == approx(projected)
    assert proc["backlog_end"] == approx(20 * 60 - 10 * horizon)


def test_all_waiting_cases_are_late_when_the_capacity_is_zero():
    """Still down at the horizon (50 h): every waiting case will be late, none is served."""
    result = _run(_outage(50.0, mtpd="10w"))
    proc = result["processes"][REF]
    assert proc["late"] == approx(260.0)            # arrived before 50 − 24
    assert proc["late_projected"] == approx(500.0)  # everything that arrived
    assert result["continuity_projected"] == approx(0.0)


def test_late_projected_when_capacity_is_short_without_any_outage():
    """μ = 5 < λ = 10 all along: the case of s is served at 2s and waits s, so every case
    after s = 48 is late; at H = 100 that is 40 counted and 520 projected."""
    scenario = one_process(demand=10, capacity=5, outage_at=1000, horizon=100, norm=48, mtpd="10w")
    result = _run(scenario)
    proc = result["processes"][REF]
    assert proc["late"] == approx(40.0)
    assert proc["late_projected"] == approx(520.0)
    assert result["continuity"] == approx(100 * (1 - 40 / 1000))
    assert result["continuity_projected"] == approx(100 * (1 - 520 / 1000))


def test_no_backlog_projects_nothing_more():
    """A queue that has cleared by the horizon: late_projected equals late."""
    proc = _run(_outage(400.0, mtpd="10w"))["processes"][REF]
    assert proc["backlog_end"] == approx(0.0)
    assert proc["late_projected"] == proc["late"] == approx(720.0)


def _two_vital(second_demand: float, second_mtpd: str) -> Scenario:
    """The outage process, plus a second vital process on a healthy supplier's service."""
    doc = copy.deepcopy(_outage(80.0, mtpd="24h").model_dump(by_alias=True, exclude_none=True))
    second = copy.deepcopy(doc["organisations"][0]["processes"][0])
    second.update(id="toeslagen", name="Toeslagen", needs=["spare"], demand=second_demand,
                  capacity=2 * second_demand, mtpd=second_mtpd, people_per_case=3.0)
    doc["organisations"][0]["processes"].append(second)
    return Scenario.model_validate(doc)


def test_vital_within_mtpd_and_how_far_past():
    """Down 60 h with an MTPD of 24 h: breached, 36 h past it; the other vital process held."""
    result = _run(_two_vital(100.0, "72h"))
    assert result["vital_within_mtpd"] == {"held": 1, "of": 2}
    assert result["critical_within_mtpd"] == {"held": 0, "of": 0}
    proc = result["processes"][REF]
    assert proc["mtpd_breached"] and proc["mtpd_breach_at"] == approx(24.0)
    assert proc["mtpd_overrun_hours"] == approx(36.0)
    assert proc["disrupted_hours"] == approx(60.0)
    assert result["processes"]["uitvoering/toeslagen"]["mtpd_overrun_hours"] == 0.0


def test_overrun_of_a_disruption_still_going_at_the_horizon():
    """Down from 0 to the horizon at 50 h, MTPD 24 h: 26 h past it so far."""
    proc = _run(_outage(50.0, mtpd="24h"))["processes"][REF]
    assert proc["mtpd_overrun_hours"] == approx(26.0)


def test_people_affected_counts_people_per_case():
    """people_affected = late_projected × people_per_case, summed over the processes."""
    scenario = _two_vital(10.0, "72h")
    result = _run(scenario)
    first = result["processes"][REF]
    assert first["people_affected"] == approx(720.0)             # one person per case (default)
    assert result["processes"]["uitvoering/toeslagen"]["people_affected"] == 0.0
    assert result["people_affected"] == approx(720.0)
    # the same lateness, three people per case
    doc = scenario.model_dump(by_alias=True, exclude_none=True)
    doc["organisations"][0]["processes"][0]["people_per_case"] = 3
    assert _run(Scenario.model_validate(doc))["people_affected"] == approx(2160.0)


def test_spent_against_budget():
    """Spent: activation cost plus cost per day while active; budget as the scenario gives it."""
    fallback = {"id": "hand", "name": "Hand", "capacity": 0.6, "lead_time": 0, "cost": 1000,
                "cost_per_day": 240}
    scenario = one_process(outage_at=0, outage_for=48, horizon=48, budget=50_000, fallbacks=[fallback],
                           cost_per_late_case=2.0)
    result = _run(scenario, {0: [Activate(f"{REF}/hand")]})
    assert result["spent"] == approx(1000 + 240 * 2)
    assert result["budget"] == 50_000
    assert result["cost"] == approx(result["spent"] + 2.0 * result["processes"][REF]["late"])
    assert _run(_outage(80.0))["budget"] is None
