"""Invariants of the engine, over many generated worlds (hypothesis)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from oefening.decide import Scripted, play
from oefening.engine.decisions import Activate
from oefening.engine.exercise import Exercise
from oefening.scenario.model import Scenario

T = TypeVar("T")

rates = st.floats(min_value=1, max_value=500, allow_nan=False)
hours = st.floats(min_value=0, max_value=400, allow_nan=False)


@st.composite
def worlds(draw):
    """Two processes on two suppliers, random outages (fixed or random lengths), a facility."""
    return Scenario.model_validate(_world_document(draw))


def _world_document(draw):
    def process(pid):
        demand = draw(rates)
        return {
            "id": pid, "name": pid, "criticality": draw(st.sampled_from(["vital", "critical", "important", "normal"])),
            "demand": demand, "capacity": demand * draw(st.floats(0.5, 3)),
            "needs": draw(st.sampled_from([["a"], ["b"], ["a", "b"], []])),
            "mbco": draw(st.floats(0, 1)), "mtpd": draw(hours), "norm": draw(hours),
            "fallbacks": [{
                "id": "fb", "name": "fb", "capacity": draw(st.floats(0.05, 1)), "lead_time": draw(hours),
                "facility": "f" if draw(st.booleans()) else None, "needs": draw(st.sampled_from([[], ["b"]])),
            }],
        }
    events = []
    for i in range(draw(st.integers(0, 4))):
        supplier = draw(st.sampled_from(["sa", "sb"]))
        events.append({"id": f"down{i}", "at": draw(hours), "effects": [{"supplier": {"id": supplier, "status": "failed"}}]})
        events.append({
            "id": f"up{i}",
            "after": {"event": f"down{i}", "delay": {"dist": "triangular", "low": 0, "mode": 50, "high": draw(st.floats(50, 500))}},
            "effects": [{"supplier": {"id": supplier, "status": "healthy"}}],
        })
    if draw(st.booleans()):
        events.append({"id": "surge", "at": draw(hours), "effects": [{"demand": {"process": "o/p1", "factor": draw(st.floats(0, 4)), "duration": draw(hours)}}]})
    doc = {
        "format": 1, "id": "gen", "title": "gen", "start": "2025-01-01T00:00:00+01:00",
        "turn": draw(st.sampled_from(["1h", "4h", "1d"])), "horizon": draw(st.floats(24, 900)),
        "suppliers": [{"id": "sa", "name": "A"}, {"id": "sb", "name": "B"}],
        "services": [{"id": "a", "name": "a", "supplier": "sa"}, {"id": "b", "name": "b", "supplier": "sb"}],
        "facilities": [{"id": "f", "name": "f", "slots": 1}],
        "organisations": [{"id": "o", "name": "o", "processes": [process("p1"), process("p2")]}],
        "events": events,
    }
    return doc


def _run(scenario, decisions=None, seed=3):
    exercise = Exercise(scenario, seed)
    play(exercise, Scripted(decisions) if decisions is not None else None)
    return exercise.result()


@settings(max_examples=120, deadline=None)
@given(worlds())
def test_conservation_and_bounds(scenario):
    """Demand = served + backlog at the end; late ≤ demand; continuity in [0, 100]."""
    result = _run(scenario, {0: [Activate("o/p1/fb")]})
    assert 0.0 <= result["continuity"] <= 100.0
    for proc in result["processes"].values():
        assert abs(proc["demand"] - proc["served"] - proc["backlog_end"]) <= 1e-7 * max(1.0, proc["demand"])
        assert -1e-9 <= proc["late"] <= proc["demand"] * (1 + 1e-9) + 1e-9
        assert proc["backlog_end"] <= proc["peak_backlog"] + 1e-9
        assert proc["disrupted_hours"] <= result["horizon_hours"] + 1e-9


@settings(max_examples=80, deadline=None)
@given(worlds())
def test_an_extra_fallback_never_lowers_continuity(scenario):
    """With the world fixed, activating a fallback at the start never makes things worse."""
    base = _run(scenario, {})
    one = _run(scenario, {0: [Activate("o/p1/fb")]})
    both = _run(scenario, {0: [Activate("o/p1/fb"), Activate("o/p2/fb")]})
    assert one["continuity"] >= base["continuity"] - 1e-9
    assert both["continuity"] >= one["continuity"] - 1e-9


@settings(max_examples=40, deadline=None)
@given(worlds(), st.integers(0, 2**31))
def test_same_seed_same_json(scenario, seed):
    """The same scenario, seed and decisions give identical JSON; turns do not change the world."""
    decisions = {1: [Activate("o/p2/fb")]}
    first = json.dumps(_run(scenario, decisions, seed))
    assert json.dumps(_run(scenario, decisions, seed)) == first
    assert json.dumps(_run(scenario, None, seed)) == json.dumps(_run(scenario, {}, seed))


@settings(max_examples=40, deadline=None)
@given(worlds())
def test_reading_never_changes_a_run(scenario):
    """A screen that reads the snapshot and the options every turn, and a plan that reads
    conditions, leave the result identical to the last bit."""
    decisions = {0: [Activate("o/p1/fb")]}
    quiet = _run(scenario, decisions)
    exercise = Exercise(scenario, 3)
    while not exercise.finished:
        exercise.snapshot()
        exercise.options()
        for decision in decisions.get(exercise.turn, ()):
            exercise.decide(decision)
        exercise.advance()
        exercise.snapshot()
    assert json.dumps(exercise.result()) == json.dumps(quiet)


class _NaiveRules:
    """The plan semantics of SPEC §2 written plainly: every rule, every boundary."""

    def __init__(self, plan):
        self.plan = plan
        self.fired = [False] * len(plan.rules)
        self.held = [False] * len(plan.rules)

    def decide(self, exercise):
        from oefening.decide import step_decision
        from oefening.engine.conditions import holds

        out = []
        for i, rule in enumerate(self.plan.rules):
            now = holds(rule.when, exercise.world) if rule.when is not None else exercise.now >= rule.at - 1e-9
            if now and (not self.fired[i] or (rule.repeat and not self.held[i])):
                self.fired[i] = True
                out.extend(step_decision(step) for step in rule.do)
            self.held[i] = now
        return out


conditions = st.sampled_from([
    {"supplier": {"id": "sa", "status": "failed"}},
    {"service_down": {"id": "b", "for": "6h"}},
    {"event": "down0"},
    {"backlog_above": {"process": "o/p1", "cases": 100}},
    {"late_cases_above": {"process": "o/p2", "cases": 50}},
    {"capacity_below": {"process": "o/p2", "fraction": 0.5}},
    {"time_after": "30h"},
    {"not": {"supplier": {"id": "sb", "status": "healthy"}}},
    {"any": [{"service_down": {"id": "a"}}, {"time_after": "3d"}]},
    {"fallback": {"id": "o/p1/fb", "state": "active"}},
    {"all": [{"fallback": {"id": "o/p2/fb", "state": "working"}}, {"backlog_above": {"process": "o/p2", "cases": 20}}]},
])


@settings(max_examples=60, deadline=None)
@given(worlds(), st.lists(st.tuples(conditions, st.sampled_from(["o/p1/fb", "o/p2/fb"]), st.booleans(), st.booleans()),
                          min_size=1, max_size=6))
def test_plan_decider_takes_the_decisions_of_the_plain_rules(scenario, rules):
    """The plan decider's shortcuts (cached conditions, quiet turns) change no decision."""
    from oefening.decide import PlanDecider
    from oefening.scenario.plan import Plan

    plan = Plan.model_validate({"format": 1, "id": "p", "scenario": "gen", "rules": [
        {"when": cond, "do": [{"deactivate" if off else "activate": fb}], "repeat": repeat}
        for cond, fb, off, repeat in rules
    ]})
    fast = Exercise(scenario, 5)
    play(fast, PlanDecider(plan))
    slow = Exercise(scenario, 5)
    play(slow, _NaiveRules(plan))
    assert json.dumps(fast.result()) == json.dumps(slow.result())


def _with_shortcuts_and_without(run: Callable[[], T]) -> tuple[T, T]:
    """``run()`` as the engine runs, then with Flow.advance's shortcuts off (flow.SHORTCUTS,
    which the compiled engine reads too: a class attribute of a compiled class would not be)."""
    from oefening.engine import flow

    fast = run()
    flow.SHORTCUTS[0] = False
    try:
        slow = run()
    finally:
        flow.SHORTCUTS[0] = True
    return fast, slow


@settings(max_examples=60, deadline=None)
@given(worlds(), st.sampled_from([{}, {0: [Activate("o/p1/fb")]}, {2: [Activate("o/p1/fb"), Activate("o/p2/fb")]}]))
def test_the_integration_shortcut_changes_no_bit(scenario, decisions):
    """Flow.advance writes out the piece where nothing waits (and none will); with that
    shortcut off, every number of the result is the same to the last bit (SHORTCUTS is read
    by the compiled engine too: a class attribute of a compiled class would not be)."""
    fast, slow = _with_shortcuts_and_without(lambda: json.dumps(_run(scenario, decisions)))
    assert fast == slow


factors = st.sampled_from([0.0, 0.2, 0.5, 1.0, 1.5, 3.0])


@st.composite
def richer_worlds(draw):
    """:func:`worlds` with what makes backlogs long and the demand history many-segmented:
    office hours (on a process, on a fallback), demand profiles, recovery points and after-work
    (work entered at once), triage, and a switch of discipline."""
    doc = _world_document(draw)
    doc["calendars"] = [{"id": "k", "hours": draw(st.sampled_from(["08:00-17:00", "07:30-19:15", "00:00-24:00"])),
                         "days": draw(st.sampled_from([["mon", "tue", "wed", "thu", "fri"], ["mon", "wed"],
                                                       ["sat", "sun"]]))}]
    day = [draw(factors) for _ in range(24)] if draw(st.booleans()) else [1.0] * 24   # or changes at weekends only
    doc["demand_profiles"] = [{"id": "d", "hours": day, "weekdays": {"sat": draw(factors), "sun": draw(factors)}}]
    doc["events"].append({"id": "more", "at": draw(hours), "effects": [
        {"demand": {"process": draw(st.sampled_from(["o/p1", "o/p2"])), "factor": draw(st.floats(0.5, 3)),
         "duration": draw(hours)}}]})
    for service in doc["services"]:
        if draw(st.booleans()):
            service["rpo"] = draw(st.floats(0, 72))
    for proc in doc["organisations"][0]["processes"]:
        proc["norm"] = draw(st.floats(0, 48))   # short: late cases in most worlds
        proc.update(draw(st.sampled_from([{}, {"calendar": "k"}, {"calendar": "k"}, {"demand_profile": "d"},
                                          {"calendar": "k", "demand_profile": "d"}, {"discipline": "triage"},
                                          {"calendar": "k", "discipline": "triage"}])))
        fallback = proc["fallbacks"][0]
        fallback["after_work"] = draw(st.sampled_from([0.0, 0.3, 1.0]))
        if draw(st.booleans()):
            fallback["calendar"] = "k"
    if draw(st.booleans()):
        doc["events"].append({"id": "order", "at": draw(hours),
                              "effects": [{"discipline": {"process": "o/p1", "order": "triage"}}]})
    return Scenario.model_validate(doc)


@settings(max_examples=60, deadline=None)
@given(richer_worlds(), st.sampled_from([{}, {0: [Activate("o/p1/fb")]}, {2: [Activate("o/p1/fb"), Activate("o/p2/fb")]}]))
def test_the_backlog_shortcut_changes_no_bit(scenario, decisions):
    """Flow.advance takes a written-out path for a piece with a backlog on the last segment of
    the demand history (Flow._late_last); with it and the other shortcuts off, every number
    of the result is the same to the last bit, with office hours, demand profiles, work
    entered again and triage. (SHORTCUTS is read by the compiled engine too.)"""
    fast, slow = _with_shortcuts_and_without(lambda: json.dumps(_run(scenario, decisions)))
    assert fast == slow


steps = st.lists(st.tuples(st.sampled_from(["demand", "capacity", "work", "advance"]), st.floats(0, 12),
                           st.sampled_from([0.0, 0.5, 3.0, 10.0, 40.0])), max_size=40)


@settings(max_examples=400, deadline=None)
@given(st.floats(0, 24), st.floats(0.5, 40), st.floats(0, 40), steps)
def test_a_flow_gives_the_same_bits_without_the_backlog_shortcut(norm, lam, mu, steps):
    """One flow through random changes of demand and capacity, work entered at once and
    plain advances: with the shortcuts off, every figure after every step is the same to the
    last bit (where the worlds above seldom reach: the last demand segment starting after 0)."""
    from oefening.engine import flow

    def run():
        f = flow.Flow(norm + 0.1415926535897932, lam, mu)   # off round numbers: sums that round
        t, seen = 0.0, []
        for kind, dt, x in steps:
            t += dt + 0.3183098861837907
            if kind == "demand":
                f.set_demand(t, x)
            elif kind == "capacity":
                f.set_capacity(t, x)
            elif kind == "work":
                f.add_work(t, x)
            else:
                f.advance(t)
            seen.append([v.hex() for v in (f.late, f.late_wait, f.late_wait_max, f.backlog, f.backlog_hours,
                                           f.served, f.arrived, f.peak, f.late_projected(), f.next_kink())])
        return seen

    fast, slow = _with_shortcuts_and_without(run)
    assert fast == slow
