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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from oefening.engine.conditions import EPS, holds, next_change, watched
from oefening.engine.decisions import Activate, Deactivate, Decision, TakeAction
from oefening.engine.exercise import Exercise
from oefening.engine.world import World
from oefening.scenario import plan as p
from oefening.scenario.conditions import Condition


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

    A national plan has hundreds of rules on a few dozen conditions, and a turn changes a
    few things. Rules with equal conditions form one group, read once per pass (they always
    hold together, and a rule fires at the first boundary where its condition holds anew,
    so the live rules of a group fire together). Each group is indexed by what it reads
    (the keys of :func:`watched`, which the world logs as they change, see
    ``World.mark_log``) and by when its truth may change by itself (its
    :func:`next_change`, or its ``at``), and a pass reads only the groups one of those
    touched. A group not read keeps its value, so none of its rules can fire: the
    decisions are those of reading every rule at every boundary, in the plan's order (a
    property test holds it to that).
    """

    def __init__(self, plan: p.Plan) -> None:
        self.plan = plan
        index = _index_of(plan)
        self._index = index
        self._live_rules = [list(rules) for rules in index.rules]   # by group: the rules that may still fire
        self._held = [False] * len(index.rules)   # by group: whether it held at its last reading
        self._live = dict(index.readers)          # by key: how many rules reading it may still fire
        self._world: World | None = None
        self._log_at = 0                 # how much of the world's mark log this decider has read
        self._timers: list[tuple[float, int, int]] = []   # (read again at, group, stamp)
        self._stamp = [0] * len(index.rules)      # a group's newest timer; older ones are stale

    def _start(self, world: World) -> Iterable[int]:
        """Before the first pass on a world, which reads every group: register the keys."""
        self._world = world
        for key in self._index.by_key:
            world.mark_counts.setdefault(key, 0)
        self._log_at = len(world.mark_log)
        self._timers = []
        return range(len(self._index.rules))

    def _due(self, world: World) -> set[int]:
        """The groups whose value may have changed since the last pass."""
        due: set[int] = set()
        log = world.mark_log
        if len(log) > self._log_at:
            by_key = self._index.by_key
            for key in set(log[self._log_at:]):
                due.update(by_key.get(key, ()))
            self._log_at = len(log)
        timers, now = self._timers, world.now
        while timers and now >= timers[0][0]:
            _, g, stamp = heapq.heappop(timers)
            if stamp == self._stamp[g]:
                due.add(g)
        return due

    def decide(self, exercise: Exercise) -> list[Decision]:
        world = exercise.world
        due = self._start(world) if self._world is not world else self._due(world)
        if not due:
            return []
        index = self._index
        conditions, ats, live_rules, held = index.conditions, index.ats, self._live_rules, self._held
        now = world.now
        fired: list[int] = []
        for g in due:
            live = live_rules[g]
            if not live:   # every rule of it fired for good
                continue
            cond = conditions[g]
            if cond is not None:   # holds() counts EPS early, so the timer does too
                now_holds, wake = holds(cond, world), next_change(cond, world) - EPS
            else:
                at = ats[g]
                now_holds = now >= at - 1e-9
                wake = at - 1e-9 if not now_holds else math.inf
            if wake < math.inf:
                self._stamp[g] += 1
                heapq.heappush(self._timers, (wake, g, self._stamp[g]))
            if now_holds and not held[g]:
                fired.extend(live)
                again = [i for i in live if index.repeat[i]]
                if len(again) < len(live):
                    for key in index.keys[g]:
                        self._live[key] -= len(live) - len(again)
                    live_rules[g] = again
            held[g] = now_holds
        if not fired:
            return []
        fired.sort()   # the plan's order, whatever the groups'
        steps = index.steps
        return [decision for i in fired for decision in steps[i]]

    def reads(self, key: tuple[str, str]) -> bool:
        """Whether a change of ``key`` may make a rule fire: some rule that reads it has not
        fired for good (one that fired and does not repeat is never read again)."""
        return self._live.get(key, 0) > 0

    def wake(self) -> float:
        """The earliest moment at which a rule's truth may change by itself (a ``for``
        running out, a threshold crossed, an ``at``): the first boundary at or after it is
        one where the plan must be read. Stale timers and those of groups whose rules all
        fired for good are dropped on the way (a pass would drop them alike)."""
        timers, stamp, live_rules = self._timers, self._stamp, self._live_rules
        while timers:
            _, g, made = timers[0]
            if made == stamp[g] and live_rules[g]:
                return timers[0][0]
            heapq.heappop(timers)
        return math.inf


_Key = tuple[str, str]


@dataclass(frozen=True)
class _Index:
    """What a plan's rules read, worked out once per plan, by group of rules with equal
    conditions (or an equal ``at``)."""

    conditions: list[Condition | None]     # by group: its condition (None: an ``at``)
    ats: list[float]                       # by group: its ``at`` (0 for a condition)
    rules: list[tuple[int, ...]]           # by group: its rules, in the plan's order
    keys: list[tuple[_Key, ...]]           # by group: the keys it reads
    by_key: dict[_Key, list[int]]          # the groups that read a key
    readers: dict[_Key, int]               # how many rules read a key
    steps: list[tuple[Decision, ...]]      # by rule: its decisions
    repeat: list[bool]                     # by rule: whether it may fire again


_lock = threading.Lock()
_last: tuple[p.Plan, _Index] | None = None


def _index_of(plan: p.Plan) -> _Index:
    """A plan's :class:`_Index`, kept for the last plan (a Monte Carlo run makes a decider
    per world)."""
    global _last
    last = _last
    if last is not None and last[0] is plan:
        return last[1]
    groups: dict[str, int] = {}
    conditions: list[Condition | None] = []
    ats: list[float] = []
    members: list[list[int]] = []
    for i, rule in enumerate(plan.rules):
        if rule.when is not None:
            name = f"{type(rule.when).__name__}:{rule.when.model_dump_json()}"
        else:
            assert rule.at is not None
            name = f"at:{rule.at!r}"
        g = groups.get(name)
        if g is None:
            g = groups[name] = len(members)
            conditions.append(rule.when)
            ats.append(float(rule.at) if rule.when is None and rule.at is not None else 0.0)
            members.append([])
        members[g].append(i)
    keys = [tuple(sorted(watched(cond))) if cond is not None else () for cond in conditions]
    by_key: dict[_Key, list[int]] = {}
    readers: dict[_Key, int] = {}
    for g, group_keys in enumerate(keys):
        for key in group_keys:
            by_key.setdefault(key, []).append(g)
            readers[key] = readers.get(key, 0) + len(members[g])
    index = _Index(conditions, ats, [tuple(m) for m in members], keys, by_key, readers,
                   [tuple(step_decision(step) for step in rule.do) for rule in plan.rules],
                   [rule.repeat for rule in plan.rules])
    with _lock:
        _last = (plan, index)
    return index


class Scripted:
    """Decisions fixed in advance per turn number (a test, or a team's journal as a plan)."""

    def __init__(self, by_turn: dict[int, Sequence[Decision]]) -> None:
        self.by_turn = by_turn

    def decide(self, exercise: Exercise) -> Sequence[Decision]:
        return self.by_turn.get(exercise.turn, ())
