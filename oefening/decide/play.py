"""The one play loop: an exercise played to its horizon by a decider at every turn boundary.

The session (journalled: ``Session.play``), ``run`` (a plan), Monte Carlo and the tests all
play through :func:`play`, so a plan and a team taking the same decisions at the same turns
get the same result.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from functools import lru_cache
from typing import Any, Protocol

from simpy.core import StopSimulation
from simpy.events import URGENT, EventPriority
from simpy.events import Event as SimEvent

from oefening.decide.deciders import Decider, PlanDecider
from oefening.engine.decisions import Decision, Refusal
from oefening.engine.exercise import Exercise, TurnReport
from oefening.engine.world import PRIORITY_TURN
from oefening.scenario import plan as p
from oefening.scenario.collector import collector_paused

__all__ = ["Table", "collector_paused", "play", "play_plan", "run"]


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


@lru_cache(maxsize=16)
def boundaries(start: float, turn: float, horizon: float) -> tuple[tuple[float, ...], tuple[bool, ...]]:
    """The moments of the turn boundaries after ``start`` and whether each ends the run,
    float for float as :meth:`Exercise.advance` reaches them: each turn is scheduled from
    the boundary before (simpy adds the delay to its clock), the last one runs to the
    horizon (``env.run(until=horizon)``)."""
    times: list[float] = []
    ends: list[bool] = []
    t = start
    while t < horizon:
        end = min(t + turn, horizon)
        last = end >= horizon
        t = t + (float(horizon) - t) if last else t + max(0.0, end - t)
        times.append(t)
        ends.append(last)
    return tuple(times), tuple(ends)


def _stop_at(exercise: Exercise, t: float, priority: int) -> SimEvent:
    """An event that stops the simulation at exactly ``t`` (not the clock plus ``t − now``,
    which may round elsewhere), among the events of that moment as ``priority`` puts it."""
    env = exercise.world.env
    event = SimEvent(env)
    event._ok = True
    event._value = None
    event.callbacks.append(StopSimulation.callback)   # type: ignore[union-attr]
    heapq.heappush(env._queue, (t, EventPriority(priority), next(env._eid), event))
    return event


def play_plan(exercise: Exercise, decider: PlanDecider) -> Exercise:
    """Play a bare exercise to its horizon with a plan, stopping only at the turn boundaries
    where the plan has something to read: the first after a change of something a live rule
    reads (the world tells, ``World.on_mark``) or after a moment its truth may change by
    itself (:meth:`PlanDecider.wake`). At every other boundary no rule can fire and reading
    the plan changes nothing, so the decisions, and with them every number of the result,
    are those of :func:`play` stopping at every boundary (a property test holds it to that).

    What a run without people does not need is left out: the turns are not marked in the
    record (``record.turns``) and the phase does not remember an acute turn; Monte Carlo
    reads the outcome only. A turn of the national plan costs ≈ 5 µs of stopping and
    starting the simulation, and most of its 360 turns have nothing to read.
    """
    world = exercise.world
    times, ends = boundaries(world.now, exercise.scenario.turn, world.horizon)
    if not times:
        return exercise
    final = len(times) - 1
    # where the run reaches the horizon (once, unless a sum rounded just below it: then as
    # advance() does, again) and the last boundary: stops that are always set
    ends_at = [j for j in range(len(times)) if ends[j] or j == final]
    stops = {j: _stop_at(exercise, times[j], URGENT if ends[j] else PRIORITY_TURN) for j in ends_at}
    base = exercise.turn + 1     # boundary j is turn base + j
    first = 0                    # the first boundary still ahead
    target = ends_at[0]          # the boundary the run stops at next

    def stop_by(j: int) -> None:
        """Stop at boundary ``j`` when it comes before the stop set (those at the horizon stay)."""
        nonlocal target
        if j < target:
            if target not in ends_at:
                stops.pop(target).callbacks.clear()   # type: ignore[union-attr]  # it passes unnoticed
            target = j
            stops[j] = _stop_at(exercise, times[j], PRIORITY_TURN)

    def marked(key: tuple[str, str]) -> None:
        if decider.reads(key):
            stop_by(bisect_left(times, world.now, first))

    with collector_paused():
        world.on_mark = marked
        try:
            while True:
                for decision in decider.decide(exercise):
                    exercise.decide(decision)
                stop_by(bisect_left(times, decider.wake(), first))
                world.run_all()   # env.run(), stepped by the (compiled) world
                j = target
                exercise.turn = base + j
                if ends[j]:
                    world.close_flows()
                if j == final:
                    break
                del stops[j]
                first = j + 1
                target = next(k for k in ends_at if k >= first)
        finally:
            world.on_mark = None
    return exercise


def run(scenario: Any, plan: p.Plan | None = None, seed: int = 0, replication: int = 0) -> dict[str, Any]:
    """Play one exercise without people and return the result of SPEC §4."""
    with collector_paused():
        exercise = Exercise(scenario, seed, replication)
    play(exercise, PlanDecider(plan) if plan is not None else None)
    return exercise.result(plan.id if plan is not None else None)
