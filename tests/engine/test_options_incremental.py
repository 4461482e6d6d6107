"""``Exercise.options`` is made incrementally (each budget read once per call, a fallback's
option kept until what it says changes), and still says exactly what :meth:`Exercise.refusal`
says of every decision: checked turn by turn on bundled scenarios with a budget, one with
teams that pay from their own budgets, while random decisions spend the money."""

from __future__ import annotations

import random

import pytest

from oefening.engine.decisions import Activate, Deactivate
from oefening.engine.exercise import Exercise
from oefening.scenario.load import load_scenario
from tests.paths import SCENARIOS


def reference(exercise: Exercise) -> list[tuple[object, ...]]:
    """The options as the rule says: every fallback, each with ``refusal`` of its decision."""
    out = []
    for ref, fallback in exercise.world.fallbacks.items():
        spec = fallback.spec
        if fallback.active:
            decision = Deactivate(ref)
            out.append((decision, spec.name, 0.0, 0.0, exercise.refusal(decision), fallback.lead_factor))
        else:
            decision = Activate(ref)   # type: ignore[assignment]
            out.append((decision, spec.name, spec.cost, spec.lead_time, exercise.refusal(decision),
                        fallback.lead_factor))
    return out


@pytest.mark.parametrize("name", ["leverancier-faillissement", "digitale-monocultuur"])
def test_options_say_what_refusal_says(name: str) -> None:
    exercise = Exercise(load_scenario(SCENARIOS / f"{name}.yaml"), seed=2)
    rng = random.Random(7)
    actions = len(exercise.scenario.actions)
    refused = 0
    while not exercise.finished:
        options = exercise.options()
        got = [(o.decision, o.title, o.cost, o.lead_time, o.refusal, o.lead_factor) for o in options[actions:]]
        assert got == reference(exercise)
        refused += sum(o.refusal is not None and o.refusal.code == "budget" for o in options)
        for option in rng.sample(options, 3):
            exercise.decide(option.decision)
        exercise.advance()
    assert [o.refusal for o in exercise.options()] == [exercise.refusal(o.decision) for o in exercise.options()]
    assert refused > 0   # the money ran out somewhere: the budget refusals were compared too
