"""Office hours (a scenario's ``calendars``): when the work that follows a calendar is done.

A calendar is open from ``hours``' start to its end on its ``days``, except on its
``holidays``, in the local time of the scenario's start (its UTC offset, held fixed). The
world keeps one timer per calendar, at its next opening or closing, and updates every
process on it then: a change of a calendar is one event, however many processes share it.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oefening.engine.state import ProcessState
    from oefening.scenario.model import Calendar

INF = math.inf
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LOOK_AHEAD_DAYS = 400


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


class CalendarState:
    """One calendar in a run: open or not now, and the processes that follow it."""

    __slots__ = ("_close", "_days", "_holidays", "_open", "_start", "id", "members", "open", "spec")

    def __init__(self, spec: Calendar, start: datetime) -> None:
        self.spec = spec
        self.id = spec.id
        opens, closes = spec.hours.split("-")
        self._open = _minutes(opens)
        self._close = _minutes(closes)
        self._days = {DAYS.index(d) for d in spec.days}
        self._holidays = {date.fromisoformat(h) for h in spec.holidays}
        self._start = start.replace(tzinfo=None)   # local wall-clock time of the start
        self.members: list[ProcessState] = []
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
        day = self._local_day(t)
        if not self._works(day):
            return False
        base = self._day_start(day)
        return base + self._open / 60 <= t < base + self._close / 60

    def next_change(self, t: float) -> float:
        """The first opening or closing after ``t`` (INF when there is none within a year)."""
        day = self._local_day(t) - timedelta(days=1)
        for _ in range(LOOK_AHEAD_DAYS):
            if self._works(day):
                base = self._day_start(day)
                for boundary in (base + self._open / 60, base + self._close / 60):
                    if boundary > t:
                        return boundary
            day += timedelta(days=1)
        return INF
