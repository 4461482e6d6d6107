"""Lost data and after-work (issue 16): work entered again, against hand calculations, and
the conservation of work over random worlds.

One process, λ = 50, μ = 60, norm 48 h, its service down D = 48 h from 48 h on.
- Recovery point 24 h, rework 0.5: going down loses the 24 × 50 = 1,200 cases handled in the
  day before, and they come back at half effort, 600 cases of work, when the service returns.
  The backlog is then λD + 600 = 3,000, cleared at 10 per hour in 300 h. The 600 queue behind
  the 2,400 of the outage: served from 136 h to 146 h, the last 120 of them after 48 h. The
  cases arriving in the 12 h after 96 h wait 50 − u/6 > 48: 600 more late cases.
- A manual fallback at half capacity from 48 h, after-work 0.4: it handles 30 per hour for
  48 h, 1,440 cases, and 576 of them are entered again when the normal process is back.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oefening.decide import Scripted, play
from oefening.engine.decisions import Activate
from oefening.engine.exercise import Exercise
from oefening.scenario.model import Scenario
from tests.builders import one_process, with_changes

REF = "uitvoering/uitkeringen"
D = 48.0


def approx(value: float):
    return pytest.approx(value, rel=1e-6, abs=1e-6)


def _run(scenario: Scenario, decisions=None) -> dict:
    exercise = Exercise(scenario, 0)
    play(exercise, Scripted(decisions) if decisions is not None else None)
    return exercise.result()


def _with_rpo(rpo="24h", rework=0.5) -> Scenario:
    base = one_process(outage_for=D, mtpd="10w")
    services = base.model_dump(exclude_none=True)["services"]
    services[0].update(rpo=rpo, rework=rework)
    return with_changes(base, services=services)


def test_a_recovery_point_returns_the_lost_work_as_new_work():
    """A recovery point returns the lost work as new work."""
    result = _run(_with_rpo())
    numbers = result["processes"][REF]
    assert numbers["reentered"] == approx(600.0)
    assert numbers["peak_backlog"] == approx(50 * D + 600)
    assert numbers["backlog_hours"] == approx(0.5 * 50 * D**2 + 0.5 * 3000 * 300)
    assert numbers["late"] == approx(120.0 + 600.0)
    assert numbers["demand"] == approx(50 * result["horizon_hours"])
    assert numbers["served"] == approx(numbers["demand"] + 600)
    rework = [e for e in result["timeline"] if e["kind"] == "rework"]
    assert rework == [{"t": 96.0, "kind": "rework", "id": REF, "cases": approx(600.0), "cause": "hosting"}]


def _through_a_chain(hosting_rpo="24h", saas: dict | None = None) -> Scenario:
    """The process needs a SaaS (on the supplier that does not fail) that runs on the hosting."""
    base = one_process(outage_for=D, mtpd="10w")
    doc = base.model_dump(exclude_none=True)
    doc["services"][0].update(rpo=hosting_rpo, rework=0.5)
    doc["services"].append({"id": "saas", "name": "SaaS", "supplier": "backup", "needs": ["hosting"], **(saas or {})})
    doc["organisations"][0]["processes"][0]["needs"] = ["saas"]
    return with_changes(base, services=doc["services"], organisations=doc["organisations"])


def test_lost_data_comes_back_through_a_chain_of_services():
    """A recovery point below a service the process needs (its SaaS runs on the hosting) returns
    the lost work as if the process needed the hosting itself: the same numbers as above."""
    result = _run(_through_a_chain())
    numbers = result["processes"][REF]
    assert numbers["reentered"] == approx(600.0)
    assert numbers["peak_backlog"] == approx(50 * D + 600)
    assert numbers["late"] == approx(120.0 + 600.0)
    rework = [e for e in result["timeline"] if e["kind"] == "rework"]
    assert rework == [{"t": 96.0, "kind": "rework", "id": REF, "cases": approx(600.0), "cause": "hosting"}]


def test_services_going_down_together_lose_the_work_once():
    """The SaaS has its own recovery point (4 h, full rework: 200 cases); going down with the
    hosting beneath it, the process loses the larger loss once, 600, not 800."""
    result = _run(_through_a_chain(saas={"rpo": "4h", "rework": 1.0}))
    numbers = result["processes"][REF]
    assert numbers["reentered"] == approx(600.0)
    smaller = _run(_through_a_chain(hosting_rpo="1h", saas={"rpo": "4h", "rework": 1.0}))
    assert smaller["processes"][REF]["reentered"] == approx(200.0)   # the SaaS's 4 h × 50 beat 1 h × 50 × 0.5
    rework = [e for e in smaller["timeline"] if e["kind"] == "rework"]
    assert [(e["t"], e["cause"]) for e in rework] == [(96.0, "saas")]


def test_without_a_recovery_point_nothing_is_lost():
    """Without a recovery point nothing is lost."""
    plain = _run(one_process(outage_for=D, mtpd="10w"))["processes"][REF]
    assert plain["reentered"] == 0.0
    assert plain["peak_backlog"] == approx(50 * D)


def test_after_work_of_a_manual_fallback_is_entered_again_once_the_normal_process_is_back():
    """After work of a manual fallback is entered again once the normal process is back."""
    scenario = one_process(outage_for=D, mtpd="10w", turn="2d", fallbacks=[
        {"id": "papier", "name": "Op papier", "capacity": 0.5, "after_work": 0.4}])
    result = _run(scenario, {1: [Activate(f"{REF}/papier")]})
    numbers = result["processes"][REF]
    assert numbers["reentered"] == approx(0.4 * 30 * D)
    assert numbers["peak_backlog"] == approx(20 * D + 0.4 * 30 * D)
    assert [e["t"] for e in result["timeline"] if e["kind"] == "rework"] == [96.0]


hours = st.floats(min_value=0, max_value=300, allow_nan=False)


@st.composite
def worlds(draw):
    """Two processes in a chain, either order of service, outages, lost data (on a service the
    process needs, or through a chain of services), after-work, demand profiles, a staff pool
    with fallbacks drawing on it, fatigue, loans and sickness."""
    def process(pid, **more):
        demand = draw(st.floats(1, 200))
        return {
            "id": pid, "name": pid, "criticality": "vital", "demand": demand,
            "capacity": demand * draw(st.floats(0.5, 3)), "mbco": 0.5, "mtpd": "10w", "norm": draw(hours),
            "discipline": draw(st.sampled_from(["fifo", "triage"])),
            "staff": draw(st.floats(1, 50)),
            "fallbacks": [{"id": "fb", "name": "fb", "capacity": draw(st.floats(0.05, 1)),
                           "lead_time": draw(hours), "after_work": draw(st.floats(0, 1)),
                           "staff": draw(st.floats(0, 15)),
                           **({"fatigue": {"after": draw(hours), "factor": draw(st.floats(0, 1))}}
                              if draw(st.booleans()) else {})}],
            **more,
        }
    events = []
    for i in range(draw(st.integers(0, 3))):
        events.append({"id": f"down{i}", "at": draw(hours), "effects": [{"supplier": {"id": "sa", "status": "failed"}}]})
        events.append({"id": f"up{i}", "after": {"event": f"down{i}", "delay": draw(hours)},
                       "effects": [{"supplier": {"id": "sa", "status": "healthy"}}]})
    if draw(st.booleans()):
        lender, borrower = draw(st.permutations(["o/p1", "o/p2", "r"]))[:2]
        events.append({"id": "loan", "at": draw(hours), "effects": [{"loan": {
            "from": lender, "to": borrower, "people": draw(st.floats(0.1, 80)), "duration": draw(hours)}}]})
    if draw(st.booleans()):
        events.append({"id": "sick", "at": draw(hours), "effects": [{"staff": {
            "pool": "r", "people": draw(st.floats(-20, 20)), "duration": draw(hours)}}]})
    doc = {
        "format": 1, "id": "gen", "title": "gen", "start": "2025-01-01T00:00:00+01:00",
        "turn": draw(st.sampled_from(["4h", "1d"])), "horizon": draw(st.floats(24, 900)),
        "pools": [{"id": "r", "people": draw(st.floats(0, 20))}],
        "suppliers": [{"id": "sa", "name": "A"}],
        "services": [{"id": "a", "name": "a", "supplier": "sa", "rpo": draw(hours), "rework": draw(st.floats(0, 2))},
                     {"id": "s", "name": "s", "supplier": "sa", "needs": ["a"],
                      **({"rpo": draw(hours)} if draw(st.booleans()) else {})}],
        "organisations": [{"id": "o", "name": "o", "pool": "r", "processes": [
            process("p1", needs=["a"]),
            process("p2", needs=[draw(st.sampled_from(["a", "s"]))], fed_by=[{"process": "o/p1", "share": draw(st.floats(0, 2))}]),
        ]}],
        "events": events,
        "demand_profiles": [{
            "id": "d", "hours": draw(st.lists(st.floats(0, 3), min_size=24, max_size=24)),
            "weekdays": {"sat": draw(st.floats(0, 2))}, "month_end": {"days": 2, "factor": draw(st.floats(0, 3))},
            "holidays": ["2025-01-02"], "holiday": draw(st.floats(0, 2)),
        }],
    }
    for proc in doc["organisations"][0]["processes"]:
        if draw(st.booleans()):
            proc["demand_profile"] = "d"
    return Scenario.model_validate(doc), draw(st.integers(0, 5))


@settings(max_examples=40, deadline=None)
@given(worlds())
def test_work_in_is_work_served_plus_backlog(world):
    """Conservation: demand + work entered again = served + backlog at the end, per process."""
    scenario, turn = world
    decisions = {turn: [Activate("o/p1/fb"), Activate("o/p2/fb")]}
    for numbers in _run(scenario, decisions)["processes"].values():
        total = numbers["demand"] + numbers["reentered"]
        assert numbers["served"] + numbers["backlog_end"] == pytest.approx(total, rel=1e-9, abs=1e-6)
        assert numbers["reentered"] >= 0.0
        assert 0.0 <= numbers["late"] <= total * (1 + 1e-9) + 1e-6
