"""The one play loop: an exercise played to its horizon by a decider at every turn boundary.

The session (people at the TUI), ``run`` (a plan), Monte Carlo and the tests all play through
:func:`play`, so a plan and a team taking the same decisions at the same turns get the same
result.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from oefening.decide.deciders import Decider, PlanDecider
from oefening.engine.exercise import Exercise
from oefening.scenario import plan as p


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector during a run: a large world is thousands of
    long-lived objects, and rescanning them made 10× the processes cost 30× the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def play(exercise: Exercise, decider: Decider | None) -> Exercise:
    """Play the exercise to its horizon with ``decider`` at every turn boundary."""
    with collector_paused():
        if decider is None:
            exercise.run_to_end()
            return exercise
        while not exercise.finished:
            for decision in decider.decide(exercise):
                exercise.decide(decision)
            exercise.advance()
    return exercise


def run(scenario: Any, plan: p.Plan | None = None, seed: int = 0, replication: int = 0) -> dict[str, Any]:
    """Play one exercise without people and return the result of SPEC §4."""
    with collector_paused():
        exercise = Exercise(scenario, seed, replication)
    play(exercise, PlanDecider(plan) if plan is not None else None)
    return exercise.result(plan.id if plan is not None else None)
