"""Demand profiles (a scenario's ``demand_profiles``): how arrivals vary by hour, weekday and season.

A profile's factor at a moment is the factor of its local hour × that of its weekday (on a
public holiday the ``holiday`` factor, by default Sunday's) × that of its month × the
``month_end`` factor in the last days of a month, in the local time of the scenario's start
(its UTC offset, held fixed, as for calendars); the arithmetic is the model's
(:meth:`~oefening.scenario.model.DemandProfile.factor`), so ``check``'s work budget counts
the same changes. It is constant within each local hour, so the demand of a process on it is
piecewise constant and integrated exactly. The world keeps one timer per profile, at the
next hour where its factor changes, and updates every process on it then: a change of a
profile is one event, however many processes share it.

Most processes on a profile need nothing done when it changes but their demand switched:
their flow is a :class:`ProfileFlow`, which knows the profile's changes in advance and
switches its own demand as it integrates past each one, exactly as the update at the change
did (the same pieces, the same numbers); so a change costs the processes that need more (a
chain downstream, demand effects, after-work, office hours, triage), not all of them.
"""

from __future__ import annotations

import bisect
import math
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Final

from oefening.engine.flow import Flow
from oefening.engine.state import MAX_DEMAND

if TYPE_CHECKING:
    from oefening.engine.state import ProcessState
    from oefening.scenario.model import DemandProfile

INF: Final = math.inf
HOUR: Final = timedelta(hours=1)

# A profile's changes up to a horizon, by (the profile, the start, the horizon): the same for
# every world of a scenario, so worked out once for a Monte Carlo run (as calendar._TURNS),
# with what factor_at answered at each moment of the timer's chain (the world asks it at every
# one of them).
_TURNS: dict[tuple[int, datetime, float],
             tuple[DemandProfile, tuple[float, list[float], tuple[list[float], list[float]]], dict[float, float]]] = {}
_TURNS_KEPT: Final = 64


class ProfileState:
    """One demand profile in a run: its factor now, and the processes that follow it."""

    __slots__ = ("_answers", "_asked", "_day", "_days", "_start", "_turns", "_wake", "factor", "id", "members", "own",
                 "passed", "spec")

    def __init__(self, spec: DemandProfile, start: datetime) -> None:
        self.spec = spec
        self.id = spec.id
        self._start = start.replace(tzinfo=None)   # local wall-clock time of the start
        self._day: date | None = None              # the last local day asked, and its factors
        self._days = (1.0, 1.0, 1.0)
        self.members: list[ProcessState] = []   # updated at every change
        self.own: list[ProcessState] = []       # on a ProfileFlow: told only when something watches them
        self._turns: tuple[float, list[float], tuple[list[float], list[float]]] | None = None
        self._wake = 0   # the world's timers so far, when they follow the chain of turns()
        self.passed = 0  # the changes the world has made so far (of those turns() lists)
        self._asked: tuple[float, float] = (math.nan, 1.0)   # the last factor_at asked, and its answer
        self._answers: dict[float, float] = {}   # factor_at's answers at the turns' chain
        self.factor = self.factor_at(0.0)

    def _local_factor(self, moment: datetime) -> float:
        day = moment.date()
        if day != self._day:
            self._day = day
            self._days = self.spec.day_factors(day)
        return self.spec.factor(moment.hour, self._days)

    def factor_at(self, t: float) -> float:
        """The demand factor just after ``t`` hours since the start."""
        if self._asked[0] == t:   # every process on the profile asks it at the start
            return self._asked[1]
        known = self._answers.get(t)
        if known is not None:
            return known
        factor = self._local_factor(self._start + timedelta(hours=t))
        self._asked = (t, factor)
        return factor

    def hours(self, a: float, b: float) -> float:
        """The integral of the factor over [a, b] (hours since the start, ``a`` ≤ ``b``; the
        factor is constant within each local hour): what a demand of 1 brings in then."""
        moment = self._start + timedelta(hours=a)
        hour = moment.replace(minute=0, second=0, microsecond=0)
        total = 0.0
        t = a
        while t < b:
            hour += HOUR
            end = min(b, (hour - self._start) / HOUR)
            if end > t:
                total += self._local_factor(hour - HOUR) * (end - t)
                t = end
        return total

    def next_change(self, t: float, until: float) -> float:
        """The first local hour after ``t`` where the factor differs from the one at ``t``
        (INF when it stays the same up to ``until``)."""
        moment = self._start + timedelta(hours=t)
        now = self._local_factor(moment)
        hour = moment.replace(minute=0, second=0, microsecond=0)
        while True:
            hour += HOUR
            at = (hour - self._start) / HOUR
            if at > until:
                return INF
            if self._local_factor(hour) != now:
                return at

    def turns(self, horizon: float) -> tuple[list[float], list[float]]:
        """The moments the world's timer finds the factor changed before the horizon, and the
        factor from then on: the chain of timers the world sets, each at the one before, with
        its arithmetic (simpy's clock is the moment a timer was set plus its delay), so a
        :class:`ProfileFlow` switches at exactly the moments the world does."""
        if self._turns is not None and self._turns[0] == horizon:
            return self._turns[2]
        key = (id(self.spec), self._start, horizon)
        known = _TURNS.get(key)
        if known is not None and known[0] is self.spec and self.factor == self.factor_at(0.0):
            self._turns = known[1]
            self._answers = known[2]
            return known[1][2]
        initial = self.factor
        wakes: list[float] = []   # where each timer of the chain is set (next_change's answers)
        times: list[float] = []
        factors: list[float] = []
        answers: dict[float, float] = {}
        t, factor = 0.0, self.factor
        while True:
            at = self.next_change(t, horizon)
            if at > horizon:
                break
            wakes.append(at)
            t = t + max(0.0, at - t)
            if t >= horizon:   # the run stops at the horizon before anything due then
                break
            now = self.factor_at(t)
            answers[t] = now
            if now != factor:
                factor = now
                times.append(t)
                factors.append(now)
        self._turns = (horizon, wakes, (times, factors))   # shared, read only, by every flow on it
        self._answers = answers
        if initial == self.factor_at(0.0):   # walked from the start: the same in every world
            if len(_TURNS) >= _TURNS_KEPT:
                _TURNS.clear()
            _TURNS[key] = (self.spec, self._turns, answers)
        return times, factors

    def next_wake(self, t: float, until: float) -> float:
        """Where the world sets its next timer after the one at ``t``: next_change(t, until),
        taken from the chain :meth:`turns` walked already when it did (the same numbers,
        without walking the hours again)."""
        if self._turns is None or self._turns[0] != until:
            return self.next_change(t, until)
        wakes = self._turns[1]
        k = self._wake
        self._wake = k + 1
        return wakes[k] if k < len(wakes) else math.inf


class ProfileFlow(Flow):
    """The flow of a process on a demand profile that needs nothing else done when the profile
    changes: its demand is ``demand`` × the profile's factor (at most ``MAX_DEMAND``),
    switched at the profile's changes as :meth:`advance` integrates past them."""

    __slots__ = ("_factors", "_profile", "_times", "_turn", "demand", "factor")
    _times: list[float]     # the profile's changes (shared with every flow on it, read only)
    _factors: list[float]   # its factor from each change on
    _turn: int              # the next change to pass
    _profile: ProfileState  # whose changes the world has made so far: only those are passed
    demand: float           # the process's own demand, before the profile's factor
    factor: float           # the profile's factor now

    @classmethod
    def following(cls, flow: Flow, profile: ProfileState, demand: float, horizon: float) -> ProfileFlow:
        """``flow``, as it is, following ``profile`` from now on."""
        own = cls(flow.norm, flow.lam, flow.mu, flow.t)
        Flow._take(own, flow)
        own._times, own._factors = profile.turns(horizon)
        own._profile = profile
        own._turn = 0
        while own._turn < len(own._times) and own._times[own._turn] <= flow.t:
            own._turn += 1
        own.factor = profile.factor_at(flow.t) if own._turn == 0 else own._factors[own._turn - 1]
        own.demand = demand
        return own

    def at(self, t: float) -> Flow:
        """As :meth:`Flow.at`; a change the world has made at ``t`` or before is passed even
        when the flow was last integrated to ``t`` itself (updated there before the change)."""
        if t <= self.t and not (self._turn < self._profile.passed and self._times[self._turn] <= t):
            return self
        view = self._copy()
        view._view = True
        view.advance(t)
        return view

    def _empty(self) -> Flow:
        return ProfileFlow(self.norm, self.lam, self.mu, self.t)

    def _take(self, other: Flow) -> None:
        super()._take(other)
        assert isinstance(other, ProfileFlow)
        self._factors = other._factors
        self._profile = other._profile
        self._times = other._times
        self._turn = other._turn
        self.demand = other.demand
        self.factor = other.factor

    def _copy(self) -> Flow:
        """A copy with its own demand history: passing a change, a view adds to it."""
        view = super()._copy()
        view._ht, view._hA, view._hl = list(self._ht), list(self._hA), list(self._hl)
        return view

    def advance(self, t1: float) -> None:
        # what the world's update at each change did: advance to it, then the demand
        # ProcessState.compute_demand gives without demand effects or feeding processes
        # A change is passed once the world has made it, as an update at it would have been:
        # at the moment itself, what happens before the profile's event there sees the
        # demand before it, as it did for a process the world updates.
        times = self._times
        while self._turn < self._profile.passed and times[self._turn] <= t1:
            at = times[self._turn]
            Flow.advance(self, at)
            self.factor = self._factors[self._turn]
            self._turn += 1
            demand = min(self.demand * self.factor, MAX_DEMAND)
            if demand != self.lam:   # set_demand without its advance: integrated to ``at``, and
                self._demand_from(at, demand)   # the next change lies an hour or more later
        Flow.advance(self, t1)

    def as_updated(self, now: float) -> Flow:
        """The flow as the world's update at each change of the profile up to ``now`` would
        have left it (integrated to the later of its last update and that change)."""
        k = min(self._profile.passed, bisect.bisect_right(self._times, now)) - 1
        return self.at(self._times[k]) if k >= 0 else self
