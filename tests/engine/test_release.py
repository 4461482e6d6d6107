"""A released exercise leaves nothing for the cyclic collector (Monte Carlo releases each world
once it has the outcome: on a batch of national worlds the collector cost more than a fifth of
the run), on every bundled scenario and plan and on worlds using every element."""

from __future__ import annotations

import gc

import pytest

from benchmarks.national import everywhere, national_document
from oefening.decide import PlanDecider, play
from oefening.engine.exercise import Exercise
from oefening.experiments.backends import outcome
from oefening.scenario.load import load_plan, load_scenario
from oefening.scenario.model import Scenario
from oefening.scenario.plan import Plan
from tests.paths import PLANS, SCENARIOS


def _garbage(scenario: Scenario, plan: Plan | None) -> tuple[int, int]:
    """The objects the collector finds of a world played (with a plan), kept as it is, and
    released."""
    found = []
    for release in (False, True):
        gc.collect()
        exercise = Exercise(scenario, 1, 0)
        play(exercise, PlanDecider(plan) if plan is not None else None)
        outcome(exercise)
        if release:
            exercise.release()
        del exercise
        found.append(gc.collect())
    return found[0], found[1]


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_a_released_world_of_every_bundled_scenario_and_plan_leaves_no_garbage(path):
    scenario = load_scenario(path)
    plans = [load_plan(p) for p in sorted(PLANS.glob(f"{path.stem}-*.yaml"))]
    for plan in [None, *plans]:
        kept, released = _garbage(scenario, plan)
        assert kept > 0     # the collector would have had to find these
        assert released == 0


def test_a_released_world_with_calendars_and_profiles_everywhere_leaves_no_garbage():
    small = national_document(organisations=2, processes_per_org=5, days=10)
    for changed in (everywhere(small, calendar=True), everywhere(small, profile=True)):
        kept, released = _garbage(Scenario.model_validate(changed), None)
        assert kept > 0
        assert released == 0
