"""Staff pools, loans and fatigue (issue 16), against hand calculations.

One process, λ = 50 per hour, μ = 60, its service down from 48 h for 72 h (D), unless said
otherwise. With a fallback at fraction f from the start of the outage and no backlog before,
the backlog at the end of the outage is B_D = (λ − fμ)·D (PERFORMANCE.md's closed form with
L = 0, while fμ ≤ λ).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from oefening.decide import Scripted, play
from oefening.engine.decisions import Activate, TakeAction
from oefening.engine.exercise import Exercise
from oefening.scenario.model import Scenario
from tests.builders import one_process

REF = "uitvoering/uitkeringen"
LAM, MU, D = 50.0, 60.0, 72.0


def approx(value: float):
    return pytest.approx(value, rel=1e-6, abs=1e-6)


def _doc(fallback: dict | None = None, **changes):
    base = one_process(demand=LAM, capacity=MU, outage_at="48h", outage_for=D, horizon="10d", mtpd="10w",
                       norm="10w", turn="1h", fallbacks=[{"id": "hand", "name": "Hand", "capacity": 0.5}])
    doc = base.model_dump(by_alias=True, exclude_none=True)
    doc["organisations"][0]["processes"][0]["fallbacks"][0].update(fallback or {})
    doc.update(changes)
    return doc


def _run(doc, decisions):
    exercise = Exercise(Scenario.model_validate(doc), 0)
    play(exercise, Scripted(decisions))
    return exercise


def _peak(exercise):
    return exercise.result()["processes"][REF]["peak_backlog"]


def _two_on_one_pool(people: float, extra: list | None = None):
    """Two organisations share one pool; each process's fallback needs 10 people."""
    doc = _doc({"staff": 10})
    org = doc["organisations"][0]
    other = {**org, "id": "tweede", "name": "Tweede"}
    for o in (org, other):
        o["pool"] = "regio"
    doc["organisations"] = [org, other]
    doc["pools"] = [{"id": "regio", "people": people}]
    doc["actions"] = [{"id": "extra", "title": "Extra", "effects": extra or []}]
    return doc


def test_a_fallback_without_all_its_staff_runs_at_what_it_gets():
    """10 people for two fallbacks needing 10 each: each gets half, so gives 0.5 × 0.5."""
    exercise = _run(_two_on_one_pool(10), {12: [Activate(f"{REF}/hand"), Activate("tweede/uitkeringen/hand")]})
    f = 0.25
    assert _peak(exercise) == approx((LAM - f * MU) * D)
    assert exercise.result()["processes"]["tweede/uitkeringen"]["peak_backlog"] == approx((LAM - f * MU) * D)


def test_one_fallback_alone_gets_all_it_needs():
    exercise = _run(_two_on_one_pool(10), {12: [Activate(f"{REF}/hand")]})
    assert _peak(exercise) == approx((LAM - 0.5 * MU) * D)


def test_people_added_to_a_pool_give_the_fallbacks_their_share_from_then():
    """10 people more at 72 h (24 h into the outage): both fallbacks at full strength from then."""
    doc = _two_on_one_pool(10, [{"staff": {"pool": "regio", "people": 10}}])
    exercise = _run(doc, {12: [Activate(f"{REF}/hand"), Activate("tweede/uitkeringen/hand")], 72: [TakeAction("extra")]})
    expected = (LAM - 0.25 * MU) * 24 + (LAM - 0.5 * MU) * 48
    assert _peak(exercise) == approx(expected)


def test_a_temporary_sickness_takes_the_people_away_for_a_while():
    """5 of 10 people off sick from 60 h for 24 h: the one fallback needing 10 runs at half then."""
    doc = _two_on_one_pool(10, [{"staff": {"pool": "regio", "people": -5, "duration": "24h"}}])
    exercise = _run(doc, {12: [Activate(f"{REF}/hand")], 60: [TakeAction("extra")]})
    expected = (LAM - 0.5 * MU) * 12 + (LAM - 0.25 * MU) * 24 + (LAM - 0.5 * MU) * 36
    assert _peak(exercise) == approx(expected)


def _lending(people: float, duration: str = "3d"):
    """A (capacity 100, 50 staff: 2 cases an hour each) lends to B (capacity 30, 20 staff)."""
    doc = _doc()
    proc = doc["organisations"][0]["processes"][0]
    a = {**proc, "id": "a", "capacity": 100.0, "demand": 80.0, "staff": 50, "needs": [], "fallbacks": []}
    b = {**proc, "id": "b", "capacity": 30.0, "demand": 40.0, "staff": 20, "needs": [], "fallbacks": []}
    doc["organisations"][0]["processes"] = [a, b]
    doc["actions"] = [{"id": "lenen", "title": "Lenen", "effects": [
        {"loan": {"from": "uitvoering/a", "to": "uitvoering/b", "people": people, "duration": duration}}]}]
    doc["events"] = []
    return doc


def test_a_loan_takes_from_the_lender_what_it_gives():
    """10 people of A (20 cases an hour) go to B for 3 days: A handles 80 instead of 100, B 50
    instead of 30; the total capacity stays 130 and A's people keep A's rate."""
    exercise = Exercise(Scenario.model_validate(_lending(10)), 0)
    world = exercise.world
    a, b = world.processes["uitvoering/a"], world.processes["uitvoering/b"]
    exercise.decide(exercise.options()[0].decision)   # taken at 0
    world.env.run(until=1.0)
    assert (a.flow.mu, b.flow.mu) == (approx(80.0), approx(50.0))
    assert a.flow.mu + b.flow.mu == approx(130.0)
    world.env.run(until=73.0)
    assert (a.flow.mu, b.flow.mu) == (approx(100.0), approx(30.0))
    play(exercise, None)
    numbers = exercise.result()["processes"]
    # B: demand 40 > 30 without the loan; with it the backlog stays 0 for 72 h, then grows 10 an hour
    assert numbers["uitvoering/b"]["backlog_end"] == approx(10.0 * (10 * 24 - 72))
    assert numbers["uitvoering/a"]["backlog_end"] == approx(0.0)   # 80 arrive, 80 handled
    entries = [e for e in exercise.world.record.entries if e.kind == "loan"]
    assert [(e.id, e.detail["to"], e.detail["people"]) for e in entries] == [("uitvoering/a", "uitvoering/b", 10.0)]


def test_a_loan_never_gives_more_than_the_lender_has():
    """60 people asked, A has 50: all of A's 100 cases an hour go to B, and come back."""
    exercise = Exercise(Scenario.model_validate(_lending(60)), 0)
    world = exercise.world
    exercise.decide(exercise.options()[0].decision)
    world.env.run(until=1.0)
    a, b = world.processes["uitvoering/a"], world.processes["uitvoering/b"]
    assert (a.flow.mu, b.flow.mu) == (approx(0.0), approx(130.0))
    world.env.run(until=73.0)
    assert (a.flow.mu, b.flow.mu) == (approx(100.0), approx(30.0))


def test_fatigue_weakens_a_fallback_after_a_sustained_period():
    """A fallback at 0.5 from the outage's start tires after 24 h to 0.5 × 0.6 = 0.3."""
    doc = _doc({"fatigue": {"after": "24h", "factor": 0.6}})
    exercise = _run(doc, {48: [Activate(f"{REF}/hand")]})
    expected = (LAM - 0.5 * MU) * 24 + (LAM - 0.3 * MU) * 48
    assert _peak(exercise) == approx(expected)
    assert [e.t for e in exercise.world.record.entries if e.kind == "fatigue"] == [72.0]


def test_a_fallback_rested_by_deactivation_starts_fresh():
    """Deactivated at 60 h and activated again at 61 h, the fatigue counts again from 61 h."""
    doc = _doc({"fatigue": {"after": "24h", "factor": 0.6}})
    from oefening.engine.decisions import Deactivate

    exercise = _run(doc, {48: [Activate(f"{REF}/hand")], 60: [Deactivate(f"{REF}/hand")],
                          61: [Activate(f"{REF}/hand")]})
    # 12 h at 0.5, 1 h without, 24 h at 0.5, then 35 h at 0.3
    expected = (LAM - 0.5 * MU) * 12 + LAM * 1 + (LAM - 0.5 * MU) * 24 + (LAM - 0.3 * MU) * 35
    assert _peak(exercise) == approx(expected)


def test_staff_without_a_pool_is_refused_at_its_key():
    with pytest.raises(ValidationError, match="needs 10 people, but organisation 'uitvoering' has no pool"):
        Scenario.model_validate(_doc({"staff": 10}))


def test_a_loan_of_a_process_without_staff_is_refused():
    doc = _lending(10)
    del doc["organisations"][0]["processes"][0]["staff"]
    with pytest.raises(ValidationError, match=r"process .uitvoering/a. has no staff \(the people"):
        Scenario.model_validate(doc)


def test_without_staff_keys_nothing_changes():
    """A scenario with pools that nobody draws on gives the same result as one without."""
    plain = _doc()
    pooled = {**_doc(), "pools": [{"id": "regio", "people": 3}]}
    pooled["organisations"][0]["pool"] = "regio"
    a = _run(plain, {48: [Activate(f"{REF}/hand")]}).result()
    b = _run(pooled, {48: [Activate(f"{REF}/hand")]}).result()
    assert a == b


@st.composite
def lending_worlds(draw):
    """Three processes with different rates per person, and overlapping loans among them."""
    doc = _doc()
    proc = doc["organisations"][0]["processes"][0]
    doc["organisations"][0]["processes"] = [
        {**proc, "id": f"p{i}", "capacity": draw(st.floats(1, 500)), "staff": draw(st.floats(1, 100)),
         "needs": [], "fallbacks": []} for i in range(3)]
    doc["events"] = [
        {"id": f"loan{k}", "at": draw(st.floats(0, 200)), "effects": [{"loan": {
            "from": f"uitvoering/p{pair[0]}", "to": f"uitvoering/p{pair[1]}", "people": draw(st.floats(0.1, 150)),
            **({"duration": draw(st.floats(0, 200))} if draw(st.booleans()) else {})}}]}
        for k, pair in enumerate(draw(st.lists(st.permutations([0, 1, 2]).map(lambda p: p[:2]), max_size=6)))]
    return Scenario.model_validate(doc), draw(st.lists(st.floats(0.5, 239), min_size=1, max_size=5, unique=True))


@settings(max_examples=60, deadline=None)
@given(lending_worlds())
def test_loans_between_processes_conserve_their_total_capacity(world):
    """However loans overlap, clip and end, the processes' capacities at full strength add up
    to what they were, and none is below 0."""
    scenario, moments = world
    exercise = Exercise(scenario, 0)
    processes = list(exercise.world.processes.values())
    total = sum(p.spec.capacity for p in processes)
    for t in sorted(moments):
        if t > exercise.world.now:
            exercise.world.env.run(until=t)
        assert sum(p.capacity for p in processes) == pytest.approx(total, rel=1e-9)
        assert all(p.capacity >= 0.0 for p in processes)


def test_the_world_keys_example_runs_and_keeps_its_books():
    """tests/data/world-keys.yaml (every key of issue 16 together): it checks, the loan moves
    3 of Grootveen's people (6 cases an hour) to Lindeburg, the lost cloud data comes back
    through the SaaS, and work in = served + backlog for both municipalities."""
    from oefening.scenario.load import load_scenario
    from tests.paths import DATA

    scenario = load_scenario(DATA / "world-keys.yaml")
    exercise = Exercise(scenario, 0)
    world = exercise.world
    play(exercise, Scripted({13: [Activate("grootveen/levensonderhoud/papier"),
                                  Activate("lindeburg/levensonderhoud/papier"), TakeAction("uitlenen")]}))
    result = exercise.result()
    kinds = [e["kind"] for e in result["timeline"]]
    assert {"loan", "rework", "fatigue"} <= set(kinds)
    for numbers in result["processes"].values():
        assert numbers["served"] + numbers["backlog_end"] == approx(numbers["demand"] + numbers["reentered"])
        assert numbers["reentered"] > 0.0
    assert world.processes["grootveen/levensonderhoud"].capacity == approx(60.0)   # the loan has ended


def test_fatigue_in_steps_weakens_again_after_each_period():
    """Three steps of ×0.8 every 24 h from 48 h: 0.5 for a day, then 0.4, then 0.32, and the
    outage is over before the third step at 120 h: peak = Σ (λ − f·μ)·24 over the two days and
    the third at 0.32."""
    doc = _doc({"fatigue": {"after": "24h", "factor": 0.8, "steps": 3}})
    exercise = _run(doc, {48: [Activate(f"{REF}/hand")]})
    expected = sum((LAM - f * MU) * 24 for f in (0.5, 0.4, 0.32))
    assert _peak(exercise) == approx(expected)
    steps = [(e.t, e.detail["step"], e.detail["factor"]) for e in exercise.world.record.entries if e.kind == "fatigue"]
    assert steps == [(72.0, 1, approx(0.8)), (96.0, 2, approx(0.64)), (120.0, 3, approx(0.512))]


def test_a_short_pause_does_not_rest_and_a_long_one_does():
    """rest 12 h: stopped at 60 h after 12 h of work, started again at 66 h (a 6 h pause),
    the time worked counts on and it tires at 66 + 12 = 78 h; started again at 73 h (13 h of
    rest), it is fresh and tires at 97 h."""
    from oefening.engine.decisions import Deactivate

    doc = _doc({"fatigue": {"after": "24h", "factor": 0.6, "rest": "12h"}})
    short = _run(doc, {48: [Activate(f"{REF}/hand")], 60: [Deactivate(f"{REF}/hand")], 66: [Activate(f"{REF}/hand")]})
    # 12 h at 0.5, 6 h without, 12 h at 0.5, then 42 h at 0.3 (to the end of the outage at 120 h)
    assert _peak(short) == approx((LAM - 0.5 * MU) * 12 + LAM * 6 + (LAM - 0.5 * MU) * 12 + (LAM - 0.3 * MU) * 42)
    assert [e.t for e in short.world.record.entries if e.kind == "fatigue"] == [78.0]
    rested = _run(doc, {48: [Activate(f"{REF}/hand")], 60: [Deactivate(f"{REF}/hand")],
                        73: [Activate(f"{REF}/hand")]})
    assert [e.t for e in rested.world.record.entries if e.kind == "fatigue"] == [97.0]
    assert _peak(rested) == approx((LAM - 0.5 * MU) * 12 + LAM * 13 + (LAM - 0.5 * MU) * 24 + (LAM - 0.3 * MU) * 23)


def test_a_tired_fallback_resumes_tired_after_a_short_pause():
    """Tired once (at 72 h) and paused 2 h (rest 12 h): it comes back at 0.3, not 0.5."""
    from oefening.engine.decisions import Deactivate

    doc = _doc({"fatigue": {"after": "24h", "factor": 0.6, "rest": "12h"}})
    exercise = _run(doc, {48: [Activate(f"{REF}/hand")], 80: [Deactivate(f"{REF}/hand")],
                          82: [Activate(f"{REF}/hand")]})
    expected = (LAM - 0.5 * MU) * 24 + (LAM - 0.3 * MU) * 8 + LAM * 2 + (LAM - 0.3 * MU) * 38
    assert _peak(exercise) == approx(expected)


def _watching_the_pool(below: float):
    """Two fallbacks needing 10 each on a pool of 10 (share 0.5 once both work, from 12 h),
    an event that fires when the pool's share drops below ``below``, and a plan-like action."""
    doc = _two_on_one_pool(10)
    doc["events"].append({"id": "krap", "when": {"pool": {"id": "regio", "below": below}},
                          "inject": {"title": "Te weinig mensen",
                                     "expects": {"pool": {"id": "regio", "below": 1}}}})
    return doc


def test_a_pool_condition_holds_while_the_pool_cannot_give_what_is_asked():
    """Share 1 with one fallback on it, 0.5 once the second claims its 10 people at 13 h: the
    event waiting for below 0.6 fires then, one waiting for below 0.5 never does."""
    decisions = {12: [Activate(f"{REF}/hand")], 13: [Activate("tweede/uitkeringen/hand")]}
    fired = _run(_watching_the_pool(0.6), decisions).world
    assert fired.fired["krap"] == 13.0
    assert fired.untrue == []
    never = _run(_watching_the_pool(0.5), decisions).world
    assert "krap" not in never.fired


def test_a_pool_condition_on_an_unknown_pool_is_refused_at_its_key():
    doc = _doc()
    doc["events"].append({"id": "krap", "when": {"pool": {"id": "nergens", "below": 0.5}}})
    with pytest.raises(ValidationError, match="unknown pool 'nergens'"):
        Scenario.model_validate(doc)


def test_the_snapshot_and_the_record_say_how_many_people_a_fallback_has():
    """Two fallbacks needing 10 on a pool of 10: the second to start has 5 of its 10, and the
    record says so (the first started with all 10); with the pool emptied by sickness both stop
    working for want of staff, not because of their needs."""
    doc = _two_on_one_pool(10, [{"staff": {"pool": "regio", "people": -10}}])
    exercise = _run(doc, {12: [Activate(f"{REF}/hand"), Activate("tweede/uitkeringen/hand")], 60: [TakeAction("extra")]})
    ready = {e.id: e.detail for e in exercise.world.record.entries if e.kind == "fallback_ready"}
    assert ready == {f"{REF}/hand": {}, "tweede/uitkeringen/hand": {"staff": [approx(5.0), 10.0]}}
    # the first, working with all 10, is told when the second takes half the pool
    staffed = [(e.t, e.id, e.detail["staff"]) for e in exercise.world.record.entries if e.kind == "fallback_staffed"]
    assert staffed == [(12.0, f"{REF}/hand", [approx(5.0), 10.0])]
    blocked = [e for e in exercise.world.record.entries if e.kind == "fallback_blocked" and e.id == f"{REF}/hand"]
    assert [(e.t, e.detail["needs"], e.detail["staff"]) for e in blocked] == [(60.0, [], [0.0, 10.0])]
    half = Exercise(Scenario.model_validate(_two_on_one_pool(10)), 0)
    half.decide(Activate(f"{REF}/hand"))
    half.decide(Activate("tweede/uitkeringen/hand"))
    half.advance()
    snapshot = half.snapshot()
    view = next(fb for p in snapshot.processes for fb in p.fallbacks if fb.ref == f"{REF}/hand")
    assert (view.pool, view.staff, view.people, view.claims) == ("regio", 10.0, approx(5.0), True)
    assert [(p.id, p.people, p.claimed, p.share) for p in snapshot.pools] == [("regio", 10.0, 20.0, 0.5)]


def test_an_inject_quotes_the_people_in_a_pool_and_check_refuses_an_unknown_one():
    """{people:POOL} quotes the pool's people when the event fires (10, before the sickness the
    same event brings: 5 fewer); an unknown pool is refused at its text."""
    doc = _two_on_one_pool(10)
    doc["events"].append({"id": "ziek", "at": "30h", "inject": {"title": "Ziek", "text": "Nog {people:regio} mensen."},
                          "effects": [{"staff": {"pool": "regio", "people": -5}}]})
    exercise = _run(doc, {})
    entry = next(e for e in exercise.world.record.entries if e.kind == "event" and e.id == "ziek")
    assert entry.detail["values"] == {"people:regio": 10.0}
    doc["events"][-1]["inject"]["text"] = "Nog {people:regoi} mensen."
    with pytest.raises(ValidationError, match=r"placeholder \{people:regoi\}: unknown pool 'regoi'"):
        Scenario.model_validate(doc)


def exact(value: float):
    return pytest.approx(value, rel=1e-9, abs=1e-9)


def _office_fatigue(rest: str, on_process: bool = False):
    """The service is down from the start (Monday 3 March 08:00) for the whole two weeks; a
    paper fallback at half capacity (30 an hour), switched on at once, works Mon–Fri 08–17 (its
    own calendar, or its process's with ``on_process``) and tires ×0.8 after each 40 hours of
    work, twice at most."""
    base = one_process(demand=LAM, capacity=MU, outage_at="0h", outage_for="10w", horizon="2w", mtpd="10w",
                       norm="10w", turn="1h", fallbacks=[{"id": "hand", "name": "Hand", "capacity": 0.5}])
    doc = base.model_dump(by_alias=True, exclude_none=True)
    doc["calendars"] = [{"id": "kantoor", "name": "Kantoor"}]
    process = doc["organisations"][0]["processes"][0]
    process["fallbacks"][0]["fatigue"] = {"after": "40h", "factor": 0.8, "steps": 2, "rest": rest}
    (process if on_process else process["fallbacks"][0])["calendar"] = "kantoor"
    return doc


def _fatigue_entries(exercise):
    return [(e.t, e.detail["step"], e.detail["factor"]) for e in exercise.world.record.entries if e.kind == "fatigue"]


def test_fatigue_on_office_hours_counts_working_hours_and_a_weekend_rests():
    """Mon–Fri 08–17 is 9 working hours a day: 40 hours are worked on Friday at 12:00
    (4 × 9 + 4; t = 100 h), when it steps to 80 %. The weekend, Fri 17:00 to Mon 08:00, is
    63 h ≥ rest 2 d: on Monday at 08:00 (168 h) it is fresh again, and it steps on Friday of
    week two at 12:00 (268 h); the nights (15 h) rest nothing. Served each week: 40 h × 30 +
    5 h × 24 = 1,320, so 2,640 in two weeks. The calendar on the process instead of the
    fallback counts the same."""
    for on_process in (False, True):
        exercise = _run(_office_fatigue("2d", on_process), {0: [Activate(f"{REF}/hand")]})
        assert _fatigue_entries(exercise) == [(100.0, 1, exact(0.8)), (168.0, 0, 1.0), (268.0, 1, exact(0.8))]
        numbers = exercise.result()["processes"][REF]
        assert numbers["served"] == exact(2 * (40 * 30 + 5 * 24))
        assert numbers["backlog_end"] == exact(LAM * 336 - 2 * (40 * 30 + 5 * 24))


def test_fatigue_on_office_hours_goes_on_when_no_closure_is_long_enough():
    """rest 3 d: the 63 h weekend is not enough, the work counts on. The second 40 h end on
    Thursday of week two at 16:00 (45 h in week one, then 9 + 9 + 9 + 8; t = 248 h), down to
    64 %. Served: 1,320 in week one; in week two 35 h × 24 + 1 h × 19.2 + 9 h × 19.2 = 1,032."""
    exercise = _run(_office_fatigue("3d"), {0: [Activate(f"{REF}/hand")]})
    assert _fatigue_entries(exercise) == [(100.0, 1, exact(0.8)), (248.0, 2, exact(0.64))]
    assert exercise.result()["processes"][REF]["served"] == exact(1320 + 35 * 24 + 10 * 19.2)


def test_a_short_stop_on_office_hours_counts_the_working_hours_before_it():
    """Stopped on Wednesday at 12:00 (t = 52 h, 9 + 9 + 4 = 22 h worked) and started again at
    14:00 (a 2 h pause, rest 2 d): 18 more working hours, Wed 14–17, Thursday and Friday to
    14:00 (t = 102 h). Stopped on Friday at 22:00 and started again on Saturday at 08:00, the
    pause counts from its last work (Friday 17:00) to its next (Monday 08:00): 63 h, rested on
    Monday as if it had never stopped, and its people told so."""
    from oefening.engine.decisions import Deactivate
    from oefening.words import describe, entries

    doc = _office_fatigue("2d")
    exercise = _run(doc, {0: [Activate(f"{REF}/hand")], 52: [Deactivate(f"{REF}/hand")],
                          54: [Activate(f"{REF}/hand")]})
    assert _fatigue_entries(exercise)[0] == (102.0, 1, exact(0.8))
    stopped = _run(doc, {0: [Activate(f"{REF}/hand")], 110: [Deactivate(f"{REF}/hand")],
                         120: [Activate(f"{REF}/hand")]})
    assert _fatigue_entries(stopped) == [(100.0, 1, exact(0.8)), (168.0, 0, 1.0), (268.0, 1, exact(0.8))]
    assert stopped.result()["processes"][REF]["served"] == exact(2 * (40 * 30 + 5 * 24))
    rested = [e for e in _run(doc, {0: [Activate(f"{REF}/hand")]}).world.record.entries
              if e.kind == "fatigue" and e.detail["step"] == 0]
    names = describe.Names(Scenario.model_validate(doc), "en")
    assert entries.feed_line(entries.tell(rested[0], names), "en") == (
        "People have rested, the manual work is back at full strength: Hand")
    assert entries.feed_line(entries.tell(rested[0], describe.Names(Scenario.model_validate(doc), "nl")), "nl") == (
        "De mensen zijn uitgerust, het handwerk gaat weer op volle kracht: Hand")


def _vital_first(people: float, order: str | None, third: bool = False, extra: list | None = None):
    """One organisation on a pool of ``people``: its vital benefit payments, its important
    counter (and, with ``third``, a critical care process), each with a paper fallback at half
    capacity (30 an hour) needing 20 people; the service is down from 48 h for 72 h."""
    doc = _doc({"staff": 20})
    proc = doc["organisations"][0]["processes"][0]
    counter = {**proc, "id": "balie", "criticality": "important"}
    care = {**proc, "id": "zorg", "criticality": "critical"}
    doc["organisations"][0]["processes"] = [proc, counter, *([care] if third else [])]
    doc["organisations"][0]["pool"] = "regio"
    doc["pools"] = [{"id": "regio", "people": people, **({"order": order} if order else {})}]
    doc["actions"] = [{"id": "extra", "title": "Extra", "effects": extra or []}]
    return doc


def _all_on(third: bool = False):
    refs = [f"{REF}/hand", "uitvoering/balie/hand", *(["uitvoering/zorg/hand"] if third else [])]
    return {48: [Activate(ref) for ref in refs]}


def test_a_short_pool_in_criticality_order_staffs_the_vital_process_first():
    """30 people for two fallbacks needing 20 each. In criticality order the vital payments
    get all 20 (30 an hour: backlog (50 − 30) × 72 = 1,440) and the important counter the 10
    left, half its need (15 an hour: (50 − 15) × 72 = 2,520); shared equally each gets 30/40
    (22.5 an hour: 1,980 each), as without `order`."""
    ordered = _run(_vital_first(30, "criticality"), _all_on()).result()["processes"]
    assert ordered[REF]["peak_backlog"] == exact((LAM - 30) * D)
    assert ordered["uitvoering/balie"]["peak_backlog"] == exact((LAM - 15) * D)
    for order in ("equal", None):
        equal = _run(_vital_first(30, order), _all_on()).result()["processes"]
        assert equal[REF]["peak_backlog"] == equal["uitvoering/balie"]["peak_backlog"] == exact((LAM - 22.5) * D)


def test_each_level_of_criticality_is_staffed_before_the_next():
    """30 people, three fallbacks of 20: vital 20 of 20, critical 10 of 20, important none,
    and the counter's fallback says it does not work for want of staff (0 of 20)."""
    exercise = _run(_vital_first(30, "criticality", third=True), _all_on(third=True))
    numbers = exercise.result()["processes"]
    assert numbers[REF]["peak_backlog"] == exact((LAM - 30) * D)
    assert numbers["uitvoering/zorg"]["peak_backlog"] == exact((LAM - 15) * D)
    assert numbers["uitvoering/balie"]["peak_backlog"] == exact(LAM * D)
    blocked = [e.detail.get("staff") for e in exercise.world.record.entries
               if e.kind == "fallback_blocked" and e.id == "uitvoering/balie/hand"]
    assert blocked == [[0.0, 20.0]]
    shares = {fb.ref: fb.people for p in exercise.snapshot().processes for fb in p.fallbacks}
    assert shares == {f"{REF}/hand": 20.0, "uitvoering/zorg/hand": 10.0, "uitvoering/balie/hand": 0.0}


def test_people_leaving_an_ordered_pool_leave_the_least_critical_first():
    """10 of the 30 people off sick from 72 h for good: the vital payments keep their 20, the
    counter loses its 10 (15 an hour for 24 h, then nothing: 35 × 24 + 50 × 48 = 3,240), and is
    told it now has 0 of its 20; equally shared both would drop to 20/40."""
    doc = _vital_first(30, "criticality", extra=[{"staff": {"pool": "regio", "people": -10}}])
    exercise = _run(doc, {**_all_on(), 72: [TakeAction("extra")]})
    numbers = exercise.result()["processes"]
    assert numbers[REF]["peak_backlog"] == exact((LAM - 30) * D)
    assert numbers["uitvoering/balie"]["peak_backlog"] == exact((LAM - 15) * 24 + LAM * 48)
    equal = _run(_vital_first(30, None, extra=[{"staff": {"pool": "regio", "people": -10}}]),
                 {**_all_on(), 72: [TakeAction("extra")]}).result()["processes"]
    assert equal[REF]["peak_backlog"] == exact((LAM - 22.5) * 24 + (LAM - 15) * 48)


def test_a_decision_can_put_the_vital_processes_first():
    """The same 30 people shared equally (22.5 an hour each) until the action at 72 h puts the
    pool in criticality order: the vital payments then get 20 of 20 (30 an hour), the counter
    10 of 20 (15 an hour). Peaks (50 − 22.5)·24 + (50 − 30)·48 = 1,620 and
    (50 − 22.5)·24 + (50 − 15)·48 = 2,340; both are told their new staffing; the action's
    effect reads as what it does, and an unknown pool is refused."""
    from oefening.words import describe

    doc = _vital_first(30, None, extra=[{"staff_order": {"pool": "regio", "order": "criticality"}}])
    exercise = _run(doc, {**_all_on(), 72: [TakeAction("extra")]})
    numbers = exercise.result()["processes"]
    assert numbers[REF]["peak_backlog"] == exact((LAM - 22.5) * 24 + (LAM - 30) * 48)
    assert numbers["uitvoering/balie"]["peak_backlog"] == exact((LAM - 22.5) * 24 + (LAM - 15) * 48)
    staffed = [(e.t, e.id, e.detail["staff"]) for e in exercise.world.record.entries if e.kind == "fallback_staffed"]
    assert staffed == [(48.0, f"{REF}/hand", [15.0, 20.0]),   # the counter claims its share too
                       (72.0, f"{REF}/hand", [20.0, 20.0]), (72.0, "uitvoering/balie/hand", [10.0, 20.0])]
    assert [p.order for p in exercise.snapshot().pools] == ["criticality"]
    scenario = Scenario.model_validate(doc)
    effect = scenario.actions[0].effects[0]
    assert describe.effect(effect, describe.Names(scenario, "en")) == (
        "regio gives its people to the vital processes first")
    doc["actions"][0]["effects"][0]["staff_order"]["pool"] = "regoi"
    with pytest.raises(ValidationError, match="unknown pool 'regoi'"):
        Scenario.model_validate(doc)
