"""The one play loop: an exercise played to its horizon by a decider at every turn boundary.

The session (journalled: ``Session.play``), ``run`` (a plan), Monte Carlo and the tests all
play through :func:`play`, so a plan and a team taking the same decisions at the same turns
get the same result.
"""

from __future__ import annotations

from typing import Any, Protocol

from oefening.decide.deciders import Decider, PlanDecider
from oefening.engine.decisions import Decision, Refusal
from oefening.engine.exercise import Exercise, TurnReport
from oefening.scenario import plan as p
from oefening.scenario.collector import collector_paused

__all__ = ["Table", "collector_paused", "play", "run"]


class Table(Protocol):
    """What takes the decisions and moves the turns for an exercise: the exercise itself, or
    a journalled session that writes each input down before passing it on."""

    @property
    def exercise(self) -> Exercise: ...

    def decide(self, decision: Decision) -> Refusal | None: ...

    def advance(self) -> TurnReport: ...


def play(table: Exercise | Table, decider: Decider | None) -> Exercise:
    """Play to the horizon with ``decider`` at every turn boundary; ``table`` is the exercise,
    or a session through which every decision and turn is journalled. Nobody deciding on a
    bare exercise runs straight to the horizon (no turn stops: the same result, faster)."""
    exercise = table if isinstance(table, Exercise) else table.exercise
    with collector_paused():
        if decider is None and table is exercise:
            exercise.run_to_end()
            return exercise
        while not exercise.finished:
            if decider is not None:
                for decision in decider.decide(exercise):
                    table.decide(decision)
            table.advance()
    return exercise


def run(scenario: Any, plan: p.Plan | None = None, seed: int = 0, replication: int = 0) -> dict[str, Any]:
    """Play one exercise without people and return the result of SPEC §4."""
    with collector_paused():
        exercise = Exercise(scenario, seed, replication)
    play(exercise, PlanDecider(plan) if plan is not None else None)
    return exercise.result(plan.id if plan is not None else None)
