"""Deciders: who takes the decisions at each turn boundary.

A person at the TUI, a plan and a test are all deciders behind one small protocol; the
exercise never knows which. :class:`PlanDecider` plays a plan's rules exactly as a crisis
team would decide: at turn boundaries, each rule once, at the first boundary where it holds
(``repeat: true``: again each time it holds anew).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol

from oefening.engine.conditions import EPS, holds, next_change, reads_flows, watched
from oefening.engine.decisions import Activate, Deactivate, Decision, TakeAction
from oefening.engine.exercise import Exercise
from oefening.engine.world import World
from oefening.scenario import plan as p


class Decider(Protocol):
    """Takes the decisions at one turn boundary."""

    def decide(self, exercise: Exercise) -> Sequence[Decision]: ...


def step_decision(step: object) -> Decision:
    """The decision of one ``do`` step of a plan rule."""
    if isinstance(step, p.Activate):
        return Activate(step.fallback)
    if isinstance(step, p.Deactivate):
        return Deactivate(step.fallback)
    return TakeAction(str(step))


class PlanDecider:
    """Plays a plan's rules at every turn boundary."""

    def __init__(self, plan: p.Plan) -> None:
        self.plan = plan
        self._fired = [False] * len(plan.rules)
        self._held = [False] * len(plan.rules)
        # per rule: (world version, valid until) of the last evaluation of its condition
        self._cache: list[tuple[int, float]] = [(-1, 0.0)] * len(plan.rules)
        self._reads_flows = [rule.when is not None and reads_flows(rule.when) for rule in plan.rules]
        # per rule that reads no process: the keys it reads (see watched()), whose changes the
        # world counts once registered; such a rule is read again only when one of them moved
        self._keys = [
            () if rule.when is None or flows else tuple(sorted(watched(rule.when)))
            for rule, flows in zip(plan.rules, self._reads_flows, strict=True)
        ]
        self._registered: World | None = None
        self._live = list(range(len(plan.rules)))  # rules that may still fire, in order
        # no live rule can change before this time, unless a status changes (see decide)
        self._quiet_until = -math.inf
        self._quiet_version = -1

    def _holds(self, i: int, when: object, world: World) -> bool:
        """The rule's condition, re-evaluated only when what it reads changed or time may have
        changed it (its ``next_change``): a national plan has hundreds of rules."""
        if self._reads_flows[i]:
            current = world.version
        else:
            counts = world.mark_counts
            current = 0
            for key in self._keys[i]:  # counts only grow: the sum moves when one of them does
                current += counts[key]
        version, until = self._cache[i]
        if version == current and world.now < until - EPS:  # holds() counts EPS early as there
            return self._held[i]
        value = holds(when, world)
        self._cache[i] = (current, next_change(when, world))
        return value

    def decide(self, exercise: Exercise) -> list[Decision]:
        world = exercise.world
        if self._registered is not world:  # before the first pass, which reads every rule
            self._registered = world
            self._cache = [(-1, 0.0)] * len(self.plan.rules)
            for keys in self._keys:
                for key in keys:
                    world.mark_counts.setdefault(key, 0)
        if world.now < self._quiet_until - EPS and world.status_version == self._quiet_version:
            return []
        decisions = self._evaluate(exercise)
        self._plan_quiet(world)
        return decisions

    def _plan_quiet(self, world: World) -> None:
        """After a pass: when no live rule reads a process, none can change before the
        earliest moment its own timing says, or before a status changes."""
        rules = self.plan.rules
        if any(self._reads_flows[i] for i in self._live):
            self._quiet_until = -math.inf
            return
        due = math.inf
        for i in self._live:
            at = rules[i].at
            if rules[i].when is not None:
                due = min(due, self._cache[i][1])
            elif at is not None and world.now < at - 1e-9:
                due = min(due, at - 1e-9)
        self._quiet_until = due
        self._quiet_version = world.status_version

    def _evaluate(self, exercise: Exercise) -> list[Decision]:
        decisions: list[Decision] = []
        rules = self.plan.rules
        spent: set[int] = set()
        for i in self._live:
            rule = rules[i]
            if rule.when is not None:
                now_holds = self._holds(i, rule.when, exercise.world)
            else:
                assert rule.at is not None
                now_holds = exercise.now >= rule.at - 1e-9
            fire = now_holds and (not self._fired[i] or not self._held[i])
            self._held[i] = now_holds
            if fire:
                self._fired[i] = True
                if not rule.repeat:
                    spent.add(i)
                decisions.extend(step_decision(step) for step in rule.do)
        if spent:
            self._live = [i for i in self._live if i not in spent]
        return decisions


class Scripted:
    """Decisions fixed in advance per turn number (a test, or a team's journal as a plan)."""

    def __init__(self, by_turn: dict[int, Sequence[Decision]]) -> None:
        self.by_turn = by_turn

    def decide(self, exercise: Exercise) -> Sequence[Decision]:
        return self.by_turn.get(exercise.turn, ())
