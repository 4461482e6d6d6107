"""Office hours (a scenario's ``calendars``): when the work that follows a calendar is done.

A calendar is open from ``hours``' start to its end on its ``days``, except on its
``holidays``, in the local time of the scenario's start (its UTC offset, held fixed). The
world keeps one timer per calendar, at its next opening or closing, and updates every
process on it then: a change of a calendar is one event, however many processes share it.

Most processes on a calendar need nothing done when it turns but their capacity switched:
their flow is an :class:`OfficeFlow`, which knows the calendar's turns in advance and
switches its own capacity as it integrates past each one, exactly as the update at the turn
did (the same pieces, the same numbers); so a turn costs the processes that need more (a
chain downstream, after-work, fallbacks on a calendar, triage), not all of them.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Final

from oefening.engine.flow import Flow

if TYPE_CHECKING:
    from oefening.engine.state import ProcessState
    from oefening.scenario.model import Calendar

INF: Final = math.inf
DAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LOOK_AHEAD_DAYS: Final = 400

# A calendar's turns up to a horizon, by (the calendar, the start, the horizon): the same for
# every world of a scenario, so worked out once for a Monte Carlo run, not for each world
# (walking 60 days of dates was a sixth of a national world on calendars). Each entry holds
# its calendar, so the id in its key stays that calendar's; a few scenarios at a time. With
# the turns, what is_open and next_change answered at each moment of the timer's chain: the
# world asks both at every one of them (walking dates: ≈ 6 µs a turn, compiled).
_TURNS: dict[tuple[int, datetime, float],
             tuple[Calendar, tuple[list[float], list[bool]], dict[float, bool], dict[float, float]]] = {}
_TURNS_KEPT: Final = 64


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


class CalendarState:
    """One calendar in a run: open or not now, and the processes that follow it."""

    __slots__ = ("_answers", "_asked", "_close", "_days", "_holidays", "_nexts", "_open", "_start", "_turns", "id",
                 "members", "open", "own", "spec")

    def __init__(self, spec: Calendar, start: datetime) -> None:
        self.spec = spec
        self.id = spec.id
        opens, closes = spec.hours.split("-")
        self._open = _minutes(opens)
        self._close = _minutes(closes)
        self._days = {DAYS.index(d) for d in spec.days}
        self._holidays = {date.fromisoformat(h) for h in spec.holidays}
        self._start = start.replace(tzinfo=None)   # local wall-clock time of the start
        self.members: list[ProcessState] = []   # updated at every turn
        self.own: list[ProcessState] = []       # on an OfficeFlow: told only when something watches them
        self._turns: tuple[float, tuple[list[float], list[bool]]] | None = None
        self._asked: tuple[float, bool] = (math.nan, False)   # the last is_open asked, and its answer
        self._answers: dict[float, bool] = {}   # is_open's and next_change's answers at the turns' chain
        self._nexts: dict[float, float] = {}
        self.open = self.is_open(0.0)

    def _day_start(self, day: date) -> float:
        """Hours since the start at local midnight of ``day``."""
        return (datetime(day.year, day.month, day.day) - self._start) / timedelta(hours=1)

    def _works(self, day: date) -> bool:
        return day.weekday() in self._days and day not in self._holidays

    def _local_day(self, t: float) -> date:
        return (self._start + timedelta(hours=t)).date()

    def is_open(self, t: float) -> bool:
        """Whether work is done just after ``t`` hours since the start."""
        if self._asked[0] == t:   # every process on the calendar asks it at the start
            return self._asked[1]
        known = self._answers.get(t)
        if known is not None:
            return known
        day = self._local_day(t)
        if not self._works(day):
            answer = False
        else:
            base = self._day_start(day)
            answer = base + self._open / 60 <= t < base + self._close / 60
        self._asked = (t, answer)
        return answer

    def next_change(self, t: float) -> float:
        """The first opening or closing after ``t`` (INF when there is none within a year)."""
        known = self._nexts.get(t)
        if known is not None:
            return known
        day = self._local_day(t) - timedelta(days=1)
        for _ in range(LOOK_AHEAD_DAYS):
            if self._works(day):
                base = self._day_start(day)
                for boundary in (base + self._open / 60, base + self._close / 60):
                    if boundary > t:
                        return boundary
            day += timedelta(days=1)
        return INF

    def turns(self, horizon: float) -> tuple[list[float], list[bool]]:
        """The moments the world's timer finds the calendar changed before the horizon, and
        whether it is open from then on: the chain of timers the world sets, each at the one
        before, with its arithmetic (simpy's clock is the moment a timer was set plus its
        delay), so an :class:`OfficeFlow` turns at exactly the moments the world does."""
        if self._turns is not None and self._turns[0] == horizon:
            return self._turns[1]
        key = (id(self.spec), self._start, horizon)
        known = _TURNS.get(key)
        if known is not None and known[0] is self.spec and self.open == self.is_open(0.0):
            self._turns = (horizon, known[1])
            self._answers, self._nexts = known[2], known[3]
            return known[1]
        times: list[float] = []
        opens: list[bool] = []
        answers: dict[float, bool] = {}
        nexts: dict[float, float] = {}
        t, state = 0.0, self.open
        initial = state
        while True:
            at = self.next_change(t)
            nexts[t] = at
            if at > horizon:
                break
            t = t + max(0.0, at - t)
            if t >= horizon:   # the run stops at the horizon before anything due then
                break
            now = self.is_open(t)
            answers[t] = now
            if now != state:
                state = not state
                times.append(t)
                opens.append(state)
        self._turns = (horizon, (times, opens))   # shared, read only, by every flow on it
        self._answers, self._nexts = answers, nexts
        if initial == self.is_open(0.0):   # walked from the start: the same in every world
            if len(_TURNS) >= _TURNS_KEPT:
                _TURNS.clear()
            _TURNS[key] = (self.spec, (times, opens), answers, nexts)
        return times, opens


def open_spans(calendars: list[CalendarState], horizon: float) -> list[tuple[float, float]]:
    """The stretches of [0, horizon] in which every one of ``calendars`` is open, at the world's
    turns (:meth:`CalendarState.turns`; asked before the run, while ``open`` is still the start's);
    stretches that touch are one."""
    spans: list[tuple[float, float]] | None = None
    for calendar in calendars:
        times, opens = calendar.turns(horizon)
        own: list[tuple[float, float]] = []
        since = 0.0 if calendar.is_open(0.0) else -1.0
        for at, opened in zip(times, opens, strict=True):
            if opened:
                since = at
            elif since >= 0.0:
                own.append((since, at))
                since = -1.0
        if since >= 0.0:
            own.append((since, horizon))
        spans = own if spans is None else _both(spans, own)
    merged: list[tuple[float, float]] = []
    for begin, end in spans or []:
        if end <= begin:
            continue
        if merged and merged[-1][1] >= begin:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((begin, end))
    return merged


def _both(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Where two sorted lists of stretches overlap."""
    out: list[tuple[float, float]] = []
    i = j = 0
    while i < len(a) and j < len(b):
        begin, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if begin < end:
            out.append((begin, end))
        if a[i][1] <= b[j][1]:
            i += 1
        else:
            j += 1
    return out


class OfficeFlow(Flow):
    """The flow of a process on a calendar that needs nothing else done when it turns: its
    capacity is ``mu_open`` while the calendar is open and 0 while it is closed, switched at
    the calendar's turns as :meth:`advance` integrates past them."""

    __slots__ = ("_opens", "_times", "_turn", "is_open", "mu_open")
    _times: list[float]   # the calendar's turns (shared with every flow on it, read only)
    _opens: list[bool]    # open from each turn on
    _turn: int            # the next turn to pass
    is_open: bool
    mu_open: float        # the capacity while open

    @classmethod
    def following(cls, flow: Flow, calendar: CalendarState, horizon: float) -> OfficeFlow:
        """``flow``, as it is, following ``calendar`` from now on."""
        office = cls(flow.norm, flow.lam, flow.mu, flow.t)
        Flow._take(office, flow)
        office._times, office._opens = calendar.turns(horizon)
        office._turn = 0
        while office._turn < len(office._times) and office._times[office._turn] <= flow.t:
            office._turn += 1
        office.is_open = calendar.is_open(flow.t) if office._turn == 0 else office._opens[office._turn - 1]
        office.mu_open = flow.mu
        office._switch = office._times[office._turn] if office._turn < len(office._times) else INF
        return office

    def _empty(self) -> Flow:
        return OfficeFlow(self.norm, self.lam, self.mu, self.t)

    def _take(self, other: Flow) -> None:
        super()._take(other)
        assert isinstance(other, OfficeFlow)
        self._opens = other._opens
        self._times = other._times
        self._turn = other._turn
        self.is_open = other.is_open
        self.mu_open = other.mu_open

    def set_open_capacity(self, t: float, mu: float) -> None:
        """From time ``t`` on, cases are handled at up to ``mu`` per hour while it is open."""
        self.advance(t)
        self.mu_open = mu
        self.mu = mu if self.is_open else 0.0

    def _turned(self) -> float:
        """The calendar turns (at ``_switch``, passed by :meth:`Flow.advance`): open or closed
        from now on, as the update at the turn did."""
        turn = self._turn
        is_open = self._opens[turn]
        mu = self.mu_open if is_open else 0.0
        self.is_open, self.mu = is_open, mu
        turn += 1
        self._turn = turn
        times = self._times
        self._switch = times[turn] if turn < len(times) else INF
        return mu
