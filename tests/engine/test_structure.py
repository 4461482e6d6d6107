"""The static structure of a scenario's worlds (engine/structure.py): worked out once and shared,
it never carries one world's run into the next."""

from __future__ import annotations

import json

import pytest

from oefening.decide import PlanDecider, play
from oefening.engine.exercise import Exercise
from oefening.engine.structure import Structure, structure_of
from oefening.scenario.load import load_plan, load_scenario
from tests.paths import PLANS, SCENARIOS

BUNDLED = sorted(SCENARIOS.glob("*.yaml"))


def _result(scenario, plan, seed: int, structure: Structure) -> str:
    exercise = play(Exercise(scenario, seed, 0, structure=structure), PlanDecider(plan) if plan else None)
    return json.dumps(exercise.result(plan.id if plan else None), sort_keys=True)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_worlds_on_one_structure_run_as_if_each_had_its_own(path):
    """A world built on a structure other worlds already ran on gives what a world with a
    structure of its own gives: every bundled scenario, nobody acting and each of its plans,
    two seeds, one after the other on the shared structure."""
    scenario = load_scenario(path)
    plans = [None, *(load_plan(p) for p in sorted(PLANS.glob(f"{path.stem}-*.yaml")))]
    shared = Structure(scenario)
    for seed in (1, 2):
        for plan in plans:
            assert _result(scenario, plan, seed, shared) == _result(scenario, plan, seed, Structure(scenario))


def test_the_structure_is_worked_out_once_per_scenario():
    """Worlds of one scenario share one structure; another scenario object, even an equal
    one, gets its own, which gives the same worlds."""
    scenario = load_scenario(BUNDLED[0])
    assert structure_of(scenario) is structure_of(scenario)
    again = load_scenario(BUNDLED[0])
    assert structure_of(again) is not structure_of(scenario)
    assert _result(again, None, 3, structure_of(again)) == _result(scenario, None, 3, structure_of(scenario))
