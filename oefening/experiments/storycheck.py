"""Playing the story: does every inject tell the truth about the world it is shown in?

``oefening check --play N`` runs N worlds of a scenario with nobody acting, with each plan
given, and with random decision sequences (a team that takes a random open decision now
and then, and a facilitator who fires a random event by hand), and collects every inject
shown while its ``expects`` did not hold (the world notes them as it fires events:
:attr:`oefening.engine.world.World.untrue`). Plain data; the CLI prints it.

The random team draws from its own stream, keyed by (seed, replication), so the worlds it
plays in are the same worlds the nobody-acts run and the plans face.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

from oefening.decide import PlanDecider, play
from oefening.engine.exercise import Exercise
from oefening.scenario.model import Scenario
from oefening.scenario.plan import Plan

DECIDE_CHANCE = 0.35   # at each turn, the chance that the random team takes a decision
FIRE_CHANCE = 0.04     # at each turn, the chance that the random facilitator fires an event


@dataclass(frozen=True, slots=True)
class Lie:
    """An inject shown while what its text presupposes did not hold."""

    event: str
    variant: int | None   # the variant shown (None: the inject itself)
    who: str              # nobody, a plan's id, or random
    seed: int
    replication: int
    t: float              # hours since the start
    turn: int             # the turn it was shown in (1-based)


@dataclass(frozen=True, slots=True)
class StoryCheck:
    """What playing the story found: the worlds played and every lie told."""

    worlds: int
    runs: int
    lies: list[Lie]


def _turn_of(t: float, turn: float) -> int:
    return int(t // turn) + 1


def random_team(exercise: Exercise, rng: random.Random) -> Exercise:
    """Play to the horizon taking random open decisions and firing random events by hand."""
    while not exercise.finished:
        if rng.random() < DECIDE_CHANCE:
            open_now = [o for o in exercise.options() if o.available]
            if open_now:
                exercise.decide(rng.choice(open_now).decision)
        if rng.random() < FIRE_CHANCE:
            waiting = [e.id for e in exercise.scenario.events if e.id not in exercise.world.fired]
            if waiting:
                exercise.fire_in_order(rng.choice(waiting))
        exercise.advance()
    return exercise


def lies_of(exercise: Exercise, who: str) -> Iterable[Lie]:
    turn = exercise.scenario.turn
    for t, event, variant in exercise.world.untrue:
        yield Lie(event, variant, who, exercise.seed, exercise.replication, t, _turn_of(t, turn))


def play_story(scenario: Scenario, plans: list[Plan], n: int, seed: int = 0, *, random_runs: int = 1) -> StoryCheck:
    """Play N worlds with nobody acting, each plan, and ``random_runs`` random teams each."""
    lies: list[Lie] = []
    runs = 0
    for replication in range(n):
        exercise = play(Exercise(scenario, seed, replication), None)
        lies.extend(lies_of(exercise, "nobody"))
        runs += 1
        for plan in plans:
            exercise = play(Exercise(scenario, seed, replication), PlanDecider(plan))
            lies.extend(lies_of(exercise, plan.id))
            runs += 1
        for k in range(random_runs):
            rng = random.Random(f"story:{seed}:{replication}:{k}")
            exercise = random_team(Exercise(scenario, seed, replication), rng)
            lies.extend(lies_of(exercise, "random"))
            runs += 1
    return StoryCheck(n, runs, lies)
