"""play_plan (decide/play.py): a plan played without stopping at quiet turn boundaries takes
the decisions, at the same moments, of the plan played at every boundary, so every number
of the result is the same to the last bit: on generated worlds and plans, on the bundled
scenarios with random plans and with their own plans, with turns that do not divide the
horizon."""

from __future__ import annotations

import json
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oefening.decide import PlanDecider, play, play_plan
from oefening.decide.play import boundaries
from oefening.engine.exercise import Exercise
from oefening.experiments.backends import outcome
from oefening.scenario.load import load_plan, load_scenario
from oefening.scenario.model import Scenario
from oefening.scenario.plan import Plan
from tests.engine.test_engine_properties import conditions, worlds
from tests.paths import PLANS, SCENARIOS


def _both(scenario: Scenario, plan: Plan, seed: int, replication: int = 0) -> tuple[Exercise, Exercise]:
    every = Exercise(scenario, seed, replication)
    play(every, PlanDecider(plan))
    skipping = Exercise(scenario, seed, replication)
    play_plan(skipping, PlanDecider(plan))
    return every, skipping


def _assert_same(every: Exercise, skipping: Exercise, plan: Plan) -> None:
    assert skipping.finished and skipping.turn == every.turn and skipping.now == every.now
    assert json.dumps(skipping.result(plan.id)) == json.dumps(every.result(plan.id))
    assert outcome(skipping) == outcome(every)
    # what the world did, entry by entry (the turn marks alone are left out by design)
    assert [e.as_json() for e in skipping.world.record.entries] == \
        [e.as_json() for e in every.world.record.entries]


@settings(max_examples=60, deadline=None)
@given(worlds(), st.lists(st.tuples(conditions, st.sampled_from(["o/p1/fb", "o/p2/fb"]), st.booleans(), st.booleans()),
                          min_size=1, max_size=6),
       st.sampled_from(["1h", "4h", "1d", "20m", "7h"]), st.integers(0, 3))
def test_skipping_quiet_turns_changes_no_bit_on_generated_worlds(scenario, rules, turn, seed) -> None:  # type: ignore[no-untyped-def]
    """Random rules on every kind of condition (timers: ``for``, thresholds, ``time_after``;
    changes: suppliers, events, fallbacks), activating and deactivating, repeating or not;
    turns of 20 minutes and 7 hours whose boundaries are sums that round."""
    scenario = scenario.model_copy(update={"turn": Scenario.model_validate(
        {**scenario.model_dump(mode="json", by_alias=True, exclude_none=True), "turn": turn}).turn})
    plan = Plan.model_validate({"format": 1, "id": "p", "scenario": "gen", "rules": [
        {"when": cond, "do": [{"deactivate" if off else "activate": fb}], "repeat": repeat}
        for cond, fb, off, repeat in rules
    ]})
    _assert_same(*_both(scenario, plan, seed), plan)


@cache
def _bundled() -> list[tuple[str, Scenario]]:
    return [(path.stem, load_scenario(path)) for path in sorted(SCENARIOS.glob("*.yaml"))]


@st.composite
def bundled_plans(draw: st.DrawFn) -> tuple[Scenario, Plan]:
    """A bundled scenario and a random plan on its own ids."""
    name, scenario = draw(st.sampled_from(_bundled()))
    services = [s.id for s in scenario.services]
    suppliers = [s.id for s in scenario.suppliers]
    processes = [ref for ref, _ in scenario.processes()]
    fallbacks = [f"{ref}/{fb.id}" for ref, proc in scenario.processes() for fb in proc.fallbacks]
    events = [e.id for e in scenario.events]
    atoms = [
        st.builds(lambda s, h: {"service_down": {"id": s, "for": f"{h}h"}}, st.sampled_from(services), st.integers(0, 30)),
        st.builds(lambda s, v: {"supplier": {"id": s, "status": v}}, st.sampled_from(suppliers),
                  st.sampled_from(["healthy", "distressed", "failed"])),
        st.builds(lambda p, n: {"backlog_above": {"process": p, "cases": n}}, st.sampled_from(processes),
                  st.sampled_from([1, 50, 500, 5000])),
        st.builds(lambda p, n: {"late_cases_above": {"process": p, "cases": n}}, st.sampled_from(processes),
                  st.sampled_from([1, 100, 1000])),
        st.builds(lambda p, f: {"capacity_below": {"process": p, "fraction": f}}, st.sampled_from(processes),
                  st.sampled_from([0.3, 0.8, 1.0])),
        st.builds(lambda h: {"time_after": f"{h}h"}, st.integers(0, 200)),
    ]
    if events:
        atoms.append(st.builds(lambda e: {"event": e}, st.sampled_from(events)))
    if fallbacks:
        atoms.append(st.builds(lambda f, s: {"fallback": {"id": f, "state": s}}, st.sampled_from(fallbacks),
                               st.sampled_from(["active", "working", "holds_place", "waiting"])))
    atom = st.one_of(atoms)
    condition = st.one_of(atom, st.builds(lambda a: {"not": a}, atom),
                          st.builds(lambda xs: {"any": xs}, st.lists(atom, min_size=1, max_size=3)))
    steps = [st.builds(lambda f: {"activate": f}, st.sampled_from(fallbacks)),
             st.builds(lambda f: {"deactivate": f}, st.sampled_from(fallbacks))] if fallbacks else []
    if scenario.actions:
        steps.append(st.sampled_from([a.id for a in scenario.actions]))
    rule = st.one_of(
        st.builds(lambda c, do, r: {"when": c, "do": do, "repeat": r}, condition,
                  st.lists(st.one_of(steps), min_size=1, max_size=2), st.booleans()),
        st.builds(lambda h, do: {"at": f"{h}h", "do": do}, st.integers(0, 300),
                  st.lists(st.one_of(steps), min_size=1, max_size=2)),
    )
    plan = Plan.model_validate({"format": 1, "id": "random", "scenario": name,
                                "rules": draw(st.lists(rule, min_size=1, max_size=8))})
    return scenario, plan


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bundled_plans(), st.integers(0, 5))
def test_skipping_quiet_turns_changes_no_bit_on_the_bundled_scenarios(drawn, replication) -> None:  # type: ignore[no-untyped-def]
    """Random plans on the bundled scenarios' own services, suppliers, processes, fallbacks,
    events and actions (refused decisions included: a budget spent, a fallback inactive)."""
    scenario, plan = drawn
    _assert_same(*_both(scenario, plan, 7, replication), plan)


@pytest.mark.parametrize("path", sorted(PLANS.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_bundled_plans_give_the_same_result_skipping(path) -> None:  # type: ignore[no-untyped-def]
    plan = load_plan(path)
    scenario = load_scenario(SCENARIOS / f"{plan.scenario}.yaml")
    for replication in range(3):
        _assert_same(*_both(scenario, plan, 1, replication), plan)


def test_the_skipping_loop_stops_only_where_the_plan_has_something_to_read() -> None:
    """A plan with one rule on a service down for 8 hours reads the plan at the start, at the
    boundaries after the outage begins and at the one where the 8 hours are up, not at the
    other turns (so the exercise does not pay for them)."""
    from tests.builders import one_process

    scenario = one_process(outage_at="10h", outage_for="5d", turn="4h",
                           fallbacks=[{"id": "nood", "name": "Nood", "capacity": 0.5, "lead_time": "1d"}])
    service = scenario.services[0].id
    plan = Plan.model_validate({"format": 1, "id": "p", "scenario": "hand", "rules": [
        {"when": {"service_down": {"id": service, "for": "8h"}}, "do": [{"activate": "uitvoering/uitkeringen/nood"}]},
    ]})
    seen: list[float] = []

    class Watching(PlanDecider):
        def decide(self, exercise):  # type: ignore[no-untyped-def]
            seen.append(exercise.now)
            return super().decide(exercise)

    every, skipping = Exercise(scenario, 1), Exercise(scenario, 1)
    play(every, PlanDecider(plan))
    play_plan(skipping, Watching(plan))
    _assert_same(every, skipping, plan)
    activated = [e.t for e in skipping.world.record.entries if e.kind == "activate"]
    assert activated == [20.0]   # down at 10 h, 8 h later is 18 h: the boundary at 20 h
    assert seen == [0.0, 12.0, 20.0]   # the start, the boundary after the outage, the timer's


def test_boundaries_are_the_sums_advance_makes() -> None:
    """Turns of 20 minutes: each boundary is the one before plus the turn, as simpy adds them
    (not k × turn), and the last one is the horizon."""
    times, ends = boundaries(0.0, 1 / 3, 2.0)
    t, expected = 0.0, []
    for _ in range(5):
        end = t + 1 / 3
        t = t + max(0.0, end - t)
        expected.append(t)
    assert list(times[:5]) == expected
    assert times[-1] == 2.0 and ends[-1] and not any(ends[:-1])
    assert boundaries(0.0, 4.0, 10.0) == ((4.0, 8.0, 10.0), (False, False, True))
