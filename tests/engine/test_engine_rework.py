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


def _payment_after(needs: bool = True) -> Scenario:
    """Hosting (rpo 24 h, rework 0.5) down 48 h from 48 h; a second process, payment (λ = 20,
    μ = 30), needs the benefits process (``needs``) or is fed by it (``fed_by``, capacity 75)."""
    base = _with_rpo()
    doc = base.model_dump(by_alias=True, exclude_none=True)
    payment = {"id": "betalen", "name": "Betalen", "criticality": "vital", "mbco": 0.5, "mtpd": "10w",
               "norm": "48h", **({"demand": 20, "capacity": 30, "needs": [REF]} if needs
                                 else {"demand": 0, "capacity": 75, "fed_by": [{"process": REF}]})}
    doc["organisations"][0]["processes"].append(payment)
    return with_changes(base, organisations=doc["organisations"])


def test_a_process_that_needs_one_that_lost_data_enters_its_own_work_of_the_window_again():
    """Payment needs the benefits process, whose work is in the hosting: the 24 × 20 = 480
    payments made in the day before on records that are lost are lost too, and come back at
    half effort, 240, when the hosting returns. Payment stood still with benefits, so its
    backlog is then 20 × 48 + 240 = 1,200, cleared at 10 an hour in 120 h; none of it late
    (a case from 48 + u waits 48 − u/3 h, the re-entered ones 32–40 h)."""
    result = _run(_payment_after(needs=True))
    benefits, payment = result["processes"][REF], result["processes"]["uitvoering/betalen"]
    assert benefits["reentered"] == approx(600.0)
    assert payment["reentered"] == approx(240.0)
    assert payment["peak_backlog"] == approx(20 * D + 240)
    assert payment["backlog_hours"] == approx(0.5 * 20 * D**2 + 0.5 * 1200 * 120)
    assert payment["late"] == approx(0.0)
    assert payment["served"] == approx(payment["demand"] + 240)
    rework = [(e["t"], e["id"], e["cases"], e["cause"]) for e in result["timeline"] if e["kind"] == "rework"]
    assert rework == [(96.0, REF, approx(600.0), "hosting"), (96.0, "uitvoering/betalen", approx(240.0), "hosting")]


def test_a_process_fed_by_one_that_lost_data_receives_its_cases_again():
    """Payment is fed by benefits: it loses nothing of its own, but every case benefits
    handles again reaches it again, so over 60 days it receives benefits' 72,000 cases and
    the 600 handled again."""
    result = _run(_payment_after(needs=False))
    payment = result["processes"]["uitvoering/betalen"]
    assert payment["reentered"] == 0.0
    assert payment["demand"] == approx(50 * result["horizon_hours"] + 600)
    assert payment["peak_backlog"] == approx(0.0)


def _fallback_files(down_at: float, rpo: str = "12h") -> Scenario:
    """The hosting (no recovery point) down 48 h from 48 h; a paper fallback at half capacity,
    switched on at 48 h, keeps its files on a file share (rpo 12 h, full rework) that is
    down 12 h from ``down_at``."""
    base = one_process(outage_for=D, mtpd="10w", turn="2d", fallbacks=[
        {"id": "papier", "name": "Op papier", "capacity": 0.5, "needs": ["spare"]}],
        events=[{"id": "share-down", "at": down_at,
                 "effects": [{"service": {"id": "spare", "availability": 0, "duration": "12h"}}]}])
    doc = base.model_dump(by_alias=True, exclude_none=True)
    doc["services"][1].update(rpo=rpo, rework=1)   # the file share
    return with_changes(base, services=doc["services"])


def test_a_fallback_loses_the_work_it_kept_in_a_service_of_its_own():
    """The file share goes down at 72 h: the fallback's 30 × 12 = 360 cases of [60, 72] are
    lost (the normal process keeps nothing there) and come back at 84 h. The backlog grows
    20 an hour to 480 at 72 h, 50 an hour (nothing handled) to 1,080 at 84 h, jumps to 1,440,
    grows to 1,680 at 96 h and is cleared at 10 an hour."""
    result = _run(_fallback_files(72.0), {1: [Activate(f"{REF}/papier")]})
    numbers = result["processes"][REF]
    assert numbers["reentered"] == approx(360.0)
    assert numbers["peak_backlog"] == approx(1680.0)
    assert numbers["backlog_hours"] == approx(
        0.5 * 480 * 24 + (480 + 1080) / 2 * 12 + (1440 + 1680) / 2 * 12 + 0.5 * 1680 * 168)
    rework = [(e["t"], e["cases"], e["cause"]) for e in result["timeline"] if e["kind"] == "rework"]
    assert rework == [(84.0, approx(360.0), "spare")]


def test_only_the_part_of_the_window_the_fallback_handled_is_lost():
    """Down at 54 h, the window [42, 54] holds 6 h of the normal process (whose work is kept
    elsewhere) and 6 h of the fallback: 180 cases lost. Down at 30 h, before the fallback
    worked: nothing lost."""
    decisions = {1: [Activate(f"{REF}/papier")]}
    assert _run(_fallback_files(54.0), decisions)["processes"][REF]["reentered"] == approx(180.0)
    early = _run(_fallback_files(30.0), decisions)
    assert early["processes"][REF]["reentered"] == 0.0
    assert not [e for e in early["timeline"] if e["kind"] == "rework"]


def _early_attack(profile: dict | None = None) -> Scenario:
    """The hosting (rpo 48 h, full rework) goes down 6 h after the start (Mon 3 March 08:00)
    for 48 h: most of its window lies before the start."""
    base = one_process(outage_at="6h", outage_for=D, mtpd="10w")
    doc = base.model_dump(by_alias=True, exclude_none=True)
    doc["services"][0].update(rpo="48h", rework=1)
    if profile is None:
        return with_changes(base, services=doc["services"])
    doc["organisations"][0]["processes"][0]["demand_profile"] = "p"
    return with_changes(base, services=doc["services"], organisations=doc["organisations"],
                        demand_profiles=[{"id": "p", **profile}])


def test_a_window_reaching_before_the_start_finds_a_quiet_world_there():
    """Down at 6 h with a 48 h recovery point: the 6 h of the run and the 42 h before the
    start, when every case was handled as it arrived, are lost: 48 × 50 = 2,400 cases, back
    at 54 h. On a profile (Sunday × 0.5, 00–06 h × 0.5) the window from Sat 14:00 to Mon 14:00
    holds 10 h + (6 × 0.5 + 18) × 0.5 h + (6 × 0.5 + 2) h before the start and 6 h after:
    31.5 h of demand, 1,575 cases."""
    result = _run(_early_attack())
    assert result["processes"][REF]["reentered"] == approx(2400.0)
    rework = [(e["t"], e["cases"], e["cause"]) for e in result["timeline"] if e["kind"] == "rework"]
    assert rework == [(54.0, approx(2400.0), "hosting")]
    profiled = _run(_early_attack({"weekdays": {"sun": 0.5}, "hours": [0.5] * 6 + [1.0] * 18}))
    assert profiled["processes"][REF]["reentered"] == approx(50 * (10 + 10.5 + 5 + 6))


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
    """Three processes in chains (one fed by the first, one needing it), either order of
    service, outages, lost data (on a service the process needs, through a chain of services,
    through the process it needs, or on a service its fallback needs), after-work, demand profiles, a staff pool
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
                           "needs": draw(st.sampled_from([[], ["a"], ["s"]])),
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
            process("p3", needs=[*draw(st.sampled_from([[], ["a"]])), "o/p1"]),
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
    """Conservation: demand + work entered again = served + backlog at the end, per process,
    and no more work is entered again than data loss and after-work can explain."""
    scenario, turn = world
    decisions = {turn: [Activate("o/p1/fb"), Activate("o/p2/fb"), Activate("o/p3/fb")]}
    result = _run(scenario, decisions)
    for ref, numbers in result["processes"].items():
        total = numbers["demand"] + numbers["reentered"]
        assert numbers["served"] + numbers["backlog_end"] == pytest.approx(total, rel=1e-9, abs=1e-6)
        assert numbers["reentered"] >= 0.0
        entered = [e for e in result["timeline"] if e["kind"] == "rework" and e["id"] == ref]
        assert sum(e["cases"] for e in entered) == pytest.approx(numbers["reentered"], rel=1e-9, abs=1e-6)
        assert 0.0 <= numbers["late"] <= total * (1 + 1e-9) + 1e-6


@settings(max_examples=40, deadline=None)
@given(worlds())
def test_reading_never_changes_the_work_lost(world):
    """A screen that reads the snapshot every turn (views of the flows integrated to now)
    leaves the result identical to the last bit, the work lost with the data included: a
    view keeps no log of its own pieces in the flow's log of cases served."""
    import json

    scenario, turn = world
    decisions = {turn: [Activate("o/p1/fb")]}
    quiet = json.dumps(_run(scenario, decisions))
    exercise = Exercise(scenario, 0)
    while not exercise.finished:
        exercise.snapshot()
        for decision in decisions.get(exercise.turn, ()):
            exercise.decide(decision)
        exercise.advance()
    assert json.dumps(exercise.result()) == quiet
