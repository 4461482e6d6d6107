"""Deciders: who takes the decisions at each turn boundary.

A person at the TUI, a plan and a test are all deciders behind one small protocol; the
exercise never knows which. :class:`PlanDecider` plays a plan's rules exactly as a crisis
team would decide: at turn boundaries, each rule once, at the first boundary where it holds
(``repeat: true``: again each time it holds anew).
"""

from __future__ import annotations

import heapq
import math
import threading
from collections.abc import Sequence
from typing import Protocol

from oefening.engine.conditions import EPS, holds, next_change, watched
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
    """Plays a plan's rules at every turn boundary.

    A national plan has hundreds of rules, and a turn changes a few things: each rule is
    indexed by what it reads (the keys of :func:`watched`, which the world logs as they
    change, see ``World.mark_log``) and by when its truth may change by itself (its
    :func:`next_change`, or its ``at``), and a pass reads only the rules one of those
    touched. A rule not read keeps its value, so it cannot fire: the decisions are those of
    reading every rule at every boundary (a property test holds it to that).
    """

    def __init__(self, plan: p.Plan) -> None:
        self.plan = plan
        n = len(plan.rules)
        self._fired = [False] * n
        self._held = [False] * n
        self._spent: set[int] = set()   # rules that fired and do not repeat
        self._by_key, self._same, self._steps, self._keys, live = _index_of(plan)
        self._live = dict(live)          # by key: how many rules reading it have not fired for good
        self._world: World | None = None
        self._log_at = 0                 # how much of the world's mark log this decider has read
        self._timers: list[tuple[float, int, int]] = []   # (read again at, rule, stamp)
        self._stamp = [0] * n            # a rule's newest timer; older ones are stale

    def _start(self, world: World) -> set[int]:
        """Before the first pass on a world, which reads every rule: register the keys."""
        self._world = world
        for key in self._by_key:
            world.mark_counts.setdefault(key, 0)
        self._log_at = len(world.mark_log)
        self._timers = []
        return set(range(len(self.plan.rules)))

    def _due(self, world: World) -> set[int]:
        """The rules whose value may have changed since the last pass."""
        due: set[int] = set()
        log = world.mark_log
        if len(log) > self._log_at:
            by_key = self._by_key
            for key in set(log[self._log_at:]):
                due.update(by_key.get(key, ()))
            self._log_at = len(log)
        timers, now = self._timers, world.now
        while timers and now >= timers[0][0]:
            _, i, stamp = heapq.heappop(timers)
            if stamp == self._stamp[i]:
                due.add(i)
        return due

    def decide(self, exercise: Exercise) -> list[Decision]:
        world = exercise.world
        due = self._start(world) if self._world is not world else self._due(world)
        due -= self._spent
        if not due:
            return []
        decisions: list[Decision] = []
        rules = self.plan.rules
        now = world.now
        read: dict[int, tuple[bool, float]] = {}   # this pass: a condition's value, by its first rule
        same = self._same
        for i in sorted(due):
            rule = rules[i]
            if rule.when is not None:
                reading = read.get(same[i])
                if reading is None:   # holds() counts EPS early, so the timer does too
                    reading = read[same[i]] = (holds(rule.when, world), next_change(rule.when, world) - EPS)
                now_holds, wake = reading
            else:
                assert rule.at is not None
                now_holds = now >= rule.at - 1e-9
                wake = rule.at - 1e-9 if not now_holds else math.inf
            if wake < math.inf:
                self._stamp[i] += 1
                heapq.heappush(self._timers, (wake, i, self._stamp[i]))
            fire = now_holds and (not self._fired[i] or not self._held[i])
            self._held[i] = now_holds
            if fire:
                self._fired[i] = True
                if not rule.repeat:
                    self._spent.add(i)
                    for key in self._keys[i]:
                        self._live[key] -= 1
                decisions.extend(self._steps[i])
        return decisions

    def reads(self, key: tuple[str, str]) -> bool:
        """Whether a change of ``key`` may make a rule fire: some rule that reads it has not
        fired for good (one that fired and does not repeat is never read again)."""
        return self._live.get(key, 0) > 0

    def wake(self) -> float:
        """The earliest moment at which a rule's truth may change by itself (a ``for``
        running out, a threshold crossed, an ``at``): the first boundary at or after it is
        one where the plan must be read. Stale timers and those of rules that fired for
        good are dropped on the way (a pass would drop them alike)."""
        timers, stamp, spent = self._timers, self._stamp, self._spent
        while timers:
            _, i, made = timers[0]
            if made == stamp[i] and i not in spent:
                return timers[0][0]
            heapq.heappop(timers)
        return math.inf


def _keys_of(by_key: dict[tuple[str, str], list[int]], n: int) -> list[tuple[tuple[str, str], ...]]:
    """For every rule, the keys it reads."""
    keys: list[list[tuple[str, str]]] = [[] for _ in range(n)]
    for key, rules in by_key.items():
        for i in rules:
            keys[i].append(key)
    return [tuple(k) for k in keys]


_Key = tuple[str, str]
_Index = tuple[dict[_Key, list[int]], list[int], list[tuple[Decision, ...]], list[tuple[_Key, ...]], dict[_Key, int]]
_lock = threading.Lock()
_last: tuple[p.Plan, _Index] | None = None


def _index_of(plan: p.Plan) -> _Index:
    """What a plan's rules read, worked out once per plan (a Monte Carlo run makes a decider
    per world): the rules by key they read (see :func:`watched`), for every rule the first
    rule with an equal condition, which a pass reads once for all of them (a national plan
    has hundreds of rules on a few dozen conditions), every rule's decisions, every rule's
    keys and how many rules read each key."""
    global _last
    last = _last
    if last is not None and last[0] is plan:
        return last[1]
    by_key: dict[tuple[str, str], list[int]] = {}
    first: dict[str, int] = {}
    same = []
    for i, rule in enumerate(plan.rules):
        if rule.when is None:
            same.append(i)
            continue
        for key in sorted(watched(rule.when)):
            by_key.setdefault(key, []).append(i)
        same.append(first.setdefault(f"{type(rule.when).__name__}:{rule.when.model_dump_json()}", i))
    index = (by_key, same, [tuple(step_decision(step) for step in rule.do) for rule in plan.rules],
             _keys_of(by_key, len(plan.rules)), {key: len(rules) for key, rules in by_key.items()})
    with _lock:
        _last = (plan, index)
    return index


class Scripted:
    """Decisions fixed in advance per turn number (a test, or a team's journal as a plan)."""

    def __init__(self, by_turn: dict[int, Sequence[Decision]]) -> None:
        self.by_turn = by_turn

    def decide(self, exercise: Exercise) -> Sequence[Decision]:
        return self.by_turn.get(exercise.turn, ())
