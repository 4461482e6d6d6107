"""Chains (SPEC §2): processes fed by processes, processes needing processes, services
running on services, against hand calculations.

The tandem: A (λ = 50, μ = 75) loses its only service for D = 48 h from 48 h on; B (μ = 60,
no demand of its own, norm 12 h) gets every case A handles. A's backlog λD = 2,400 clears at
75 − 50 = 25 per hour, in 96 h, so B receives 50 until 48 h, nothing during the outage,
75 per hour for 96 h and 50 again after. B's backlog grows at 15 per hour to 1,440 and
falls at 10 per hour for 144 h. FIFO in B: a case arriving s hours after A's recovery waits
s/4 while A still catches up (s ≤ 96), then 40 − s/6: it waits longer than 12 h for
s in (48, 168), which is 48 h × 75 + 72 h × 50 = 7,200 late cases.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from oefening.decide import play
from oefening.engine.exercise import Exercise
from oefening.scenario.model import Scenario
from tests.builders import one_process

T0, D = 48.0, 48.0


def approx(value: float):
    return pytest.approx(value, rel=1e-6, abs=1e-6)


def _process(pid: str, **keys: Any) -> dict[str, Any]:
    return {"id": pid, "name": pid, "criticality": "vital", "demand": 0, "capacity": 60,
            "mbco": 0.5, "mtpd": "10w", "norm": "12h", **keys}


def _tandem(*more: dict[str, Any], b: dict[str, Any] | None = None, services: list | None = None) -> Scenario:
    doc = copy.deepcopy(one_process(capacity=75.0, outage_for=D, mtpd="10w").model_dump(exclude_none=True))
    doc["organisations"].append({"id": "betaling", "name": "Betaling", "processes": [
        _process("uitbetalen", fed_by=[{"process": "uitvoering/uitkeringen"}], **(b or {})), *more,
    ]})
    doc["services"] += services or []
    return Scenario.model_validate(doc)


def _result(scenario: Scenario) -> dict[str, Any]:
    exercise = Exercise(scenario, 0)
    play(exercise, None)
    return exercise.result()


def test_a_tandem_of_two_fluid_queues_matches_the_hand_calculation():
    """B's peak, backlog-hours, late cases, demand and the moment its backlog clears."""
    result = _result(_tandem())
    a = result["processes"]["uitvoering/uitkeringen"]
    b = result["processes"]["betaling/uitbetalen"]
    horizon = result["horizon_hours"]
    assert a["peak_backlog"] == approx(50 * D)
    assert b["peak_backlog"] == approx(1440.0)
    assert b["backlog_hours"] == approx(0.5 * (96 + 144) * 1440.0)
    assert b["late"] == approx(7200.0)
    assert b["demand"] == approx(a["served"])
    assert b["demand"] == approx(50 * horizon)
    assert b["served"] == approx(b["demand"])
    assert b["backlog_end"] == approx(0.0)
    assert b["disrupted_hours"] == 0.0


def test_the_downstream_backlog_clears_when_the_hand_calculation_says():
    """B's backlog reaches zero 96 + 144 h after A's recovery, and is 10 per hour short of it before."""
    exercise = Exercise(_tandem(), 0)
    clear_at = T0 + D + 96 + 144
    while exercise.now < clear_at - 4:
        exercise.advance()
    b = next(p for p in exercise.snapshot().processes if p.ref == "betaling/uitbetalen")
    assert b.backlog == approx(10 * (clear_at - exercise.now))
    assert b.demand_rate == approx(50.0)
    exercise.advance()
    b = next(p for p in exercise.snapshot().processes if p.ref == "betaling/uitbetalen")
    assert b.backlog == 0.0


def test_a_chain_of_three_passes_the_service_rate_on_with_its_share():
    """C gets half of what B handles: 30 per hour while B catches up at 60 (C keeps up at 40)."""
    c = _process("controle", capacity=40, fed_by=[{"process": "betaling/uitbetalen", "share": 0.5}])
    result = _result(_tandem(c))
    b = result["processes"]["betaling/uitbetalen"]
    c_numbers = result["processes"]["betaling/controle"]
    assert c_numbers["demand"] == approx(0.5 * b["served"])
    assert c_numbers["peak_backlog"] == 0.0


def test_own_demand_and_feeds_add_up():
    """B with demand 5 of its own: its arrivals are 5 per hour more over the whole horizon."""
    result = _result(_tandem(b={"demand": 5, "capacity": 100}))
    b = result["processes"]["betaling/uitbetalen"]
    assert b["demand"] == approx(55 * result["horizon_hours"])
    assert b["late"] == 0.0


def test_a_process_needing_a_process_is_bounded_by_its_capacity_fraction():
    """C needs A: while A is down C's normal fraction is 0, so C (λ = 50, μ = 60) has the
    one-process closed form of a 48 h outage: peak 2,400, disrupted 48 h."""
    c = _process("registreren", demand=50, needs=["uitvoering/uitkeringen"])
    result = _result(_tandem(c))
    c_numbers = result["processes"]["betaling/registreren"]
    assert c_numbers["peak_backlog"] == approx(50 * D)
    assert c_numbers["backlog_hours"] == approx(0.5 * 50 * D**2 * 60 / 10)
    assert c_numbers["disrupted_hours"] == approx(D)


def test_a_service_on_a_service_is_down_with_it():
    """A SaaS running on the failing hosting: the process needing only the SaaS is down too."""
    saas = {"id": "saas", "name": "SaaS", "supplier": "backup", "needs": ["hosting"]}
    c = _process("registreren", demand=50, needs=["saas"])
    exercise = Exercise(_tandem(c, services=[saas]), 0)
    play(exercise, None)
    numbers = exercise.result()["processes"]["betaling/registreren"]
    assert numbers["disrupted_hours"] == approx(D)
    assert numbers["peak_backlog"] == approx(50 * D)
    assert exercise.world.services["saas"].availability == 1.0


def test_scenarios_without_chains_are_unchanged_by_the_chain_machinery():
    """The same process with and without an unrelated chain elsewhere gives the same numbers."""
    alone = _result(one_process(capacity=75.0, outage_for=D, mtpd="10w"))
    chained = _result(_tandem())
    assert chained["processes"]["uitvoering/uitkeringen"] == alone["processes"]["uitvoering/uitkeringen"]
