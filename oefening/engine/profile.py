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
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oefening.engine.state import ProcessState
    from oefening.scenario.model import DemandProfile

INF = math.inf
HOUR = timedelta(hours=1)


class ProfileState:
    """One demand profile in a run: its factor now, and the processes that follow it."""

    __slots__ = ("_day", "_days", "_start", "factor", "id", "members", "spec")

    def __init__(self, spec: DemandProfile, start: datetime) -> None:
        self.spec = spec
        self.id = spec.id
        self._start = start.replace(tzinfo=None)   # local wall-clock time of the start
        self._day: date | None = None              # the last local day asked, and its factors
        self._days = (1.0, 1.0, 1.0)
        self.members: list[ProcessState] = []
        self.factor = self.factor_at(0.0)

    def _local_factor(self, moment: datetime) -> float:
        day = moment.date()
        if day != self._day:
            self._day = day
            self._days = self.spec.day_factors(day)
        return self.spec.factor(moment.hour, self._days)

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
