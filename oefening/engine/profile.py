"""Demand profiles (a scenario's ``demand_profiles``): how arrivals vary by hour, weekday and season.

A profile's factor at a moment is the factor of its local hour × that of its weekday (on a
public holiday the ``holiday`` factor, by default Sunday's) × that of its month × the
``month_end`` factor in the last days of a month, in the local time of the scenario's start
(its UTC offset, held fixed, as for calendars). It is constant within each local hour, so the
demand of a process on it is piecewise constant and integrated exactly. The world keeps one
timer per profile, at the next hour where its factor changes, and updates every process on it
then: a change of a profile is one event, however many processes share it.
"""

from __future__ import annotations

import calendar as months_of
import math
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from oefening.engine.calendar import DAYS

if TYPE_CHECKING:
    from oefening.engine.state import ProcessState
    from oefening.scenario.model import DemandProfile

INF = math.inf
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
HOUR = timedelta(hours=1)


class ProfileState:
    """One demand profile in a run: its factor now, and the processes that follow it."""

    __slots__ = ("_days", "_end_days", "_end_factor", "_holiday", "_holidays", "_hours", "_months", "_start",
                 "factor", "id", "members", "spec")

    def __init__(self, spec: DemandProfile, start: datetime) -> None:
        self.spec = spec
        self.id = spec.id
        self._hours = list(spec.hours)
        self._days = [spec.weekdays.get(d, 1.0) for d in DAYS]  # type: ignore[call-overload]
        self._months = [spec.months.get(m, 1.0) for m in MONTHS]  # type: ignore[call-overload]
        self._holidays = {date.fromisoformat(h) for h in spec.holidays}
        self._holiday = spec.holiday if spec.holiday is not None else self._days[6]
        self._end_days = spec.month_end.days if spec.month_end is not None else 0
        self._end_factor = spec.month_end.factor if spec.month_end is not None else 1.0
        self._start = start.replace(tzinfo=None)   # local wall-clock time of the start
        self.members: list[ProcessState] = []
        self.factor = self.factor_at(0.0)

    def _local_factor(self, moment: datetime) -> float:
        day = moment.date()
        factor = self._hours[moment.hour]
        factor *= self._holiday if day in self._holidays else self._days[day.weekday()]
        factor *= self._months[day.month - 1]
        if self._end_days and day.day > months_of.monthrange(day.year, day.month)[1] - self._end_days:
            factor *= self._end_factor
        return factor

    def factor_at(self, t: float) -> float:
        """The demand factor just after ``t`` hours since the start."""
        return self._local_factor(self._start + timedelta(hours=t))

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
