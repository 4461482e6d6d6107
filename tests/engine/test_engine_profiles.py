"""Demand profiles (issue 16): arrivals by hour, weekday, season, month end and public
holiday, against an independent hour-by-hour integration.

One process, demand 40 × the profile's factor, capacity 60, down from 48 h to 72 h (the
scenario starts on Monday 3 March 2025 at 08:00 local time). Each hour has constant rates,
so the backlog follows PERFORMANCE.md's one-interval formula (B′ = max(0, B + rΔ), the area
Δ(B + B′)/2 or B²/(2|r|) when it empties); the late cases are counted from the cumulative
arrivals A and departures S: the case arriving at s is late when A(s) > S(s + norm).
"""

from __future__ import annotations

import bisect
import calendar
import itertools
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oefening.decide import play
from oefening.engine.exercise import Exercise
from tests.builders import events_scheduled, one_process, with_changes

REF = "uitvoering/uitkeringen"
LAM, MU, NORM = 40.0, 60.0, 12.0
START = datetime(2025, 3, 3, 8, 0)
HOURS = [0.5] * 8 + [2.0] * 9 + [1.0] * 7
WEEKDAYS = {"sat": 0.3, "sun": 0.2}
PROFILE = {"id": "betalingen", "hours": HOURS, "weekdays": WEEKDAYS, "months": {"apr": 1.5},
           "month_end": {"days": 3, "factor": 2.0}, "holidays": ["2025-03-05"], "holiday": 0.1}


def approx(value: float):
    return pytest.approx(value, rel=1e-6, abs=1e-6)


def _scenario(horizon: float = 35 * 24, processes: int = 1):
    base = one_process(demand=LAM, capacity=MU, outage_at="2d", outage_for="1d", horizon=horizon,
                       mtpd="10w", norm=NORM, turn="1d")
    doc = base.model_dump(exclude_none=True)
    process = doc["organisations"][0]["processes"][0]
    process["demand_profile"] = "betalingen"
    doc["organisations"][0]["processes"] = [{**process, "id": "uitkeringen" if i == 0 else f"p{i}"}
                                            for i in range(processes)]
    return with_changes(base, organisations=doc["organisations"], demand_profiles=[PROFILE])


def _factor(k: int) -> float:
    """The profile's factor in hour k since the start, written out plainly."""
    moment = START + timedelta(hours=k)
    day = moment.date()
    factor = HOURS[moment.hour]
    weekday = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][day.weekday()]
    factor *= 0.1 if day == date(2025, 3, 5) else WEEKDAYS.get(weekday, 1.0)
    factor *= 1.5 if day.month == 4 else 1.0
    if day.day > calendar.monthrange(day.year, day.month)[1] - 3:
        factor *= 2.0
    return factor


def _reference(horizon: int) -> dict[str, float]:
    b = area = peak = 0.0
    arrivals = [(0.0, 0.0)]       # (t, A(t)) at every kink
    departures = [(0.0, 0.0)]     # (t, S(t)) at every kink
    for k in range(horizon):
        lam = LAM * _factor(k)
        c = 0.0 if 48 <= k < 72 else MU
        r = lam - c
        end = b + r
        if end >= 0.0:
            area += (b + end) / 2
        else:
            t_zero = b / -r
            area += b * b / (2 * -r)
            departures.append((k + t_zero, departures[-1][1] + c * t_zero))
            end = 0.0
        arrivals.append((k + 1.0, arrivals[-1][1] + lam))
        departures.append((k + 1.0, arrivals[-1][1] - end))
        b = end
        peak = max(peak, b)

    def value(points, t):
        times = [p[0] for p in points]
        i = bisect.bisect_right(times, t) - 1
        if i >= len(points) - 1:
            return points[-1][1]
        (t0, v0), (t1, v1) = points[i], points[i + 1]
        return v0 + (v1 - v0) * (t - t0) / (t1 - t0)

    # the case arriving at s is late when A(s) > S(s + norm), for s + norm ≤ horizon: between
    # the kinks of A and of S shifted by the norm the difference is linear
    cuts = sorted({t for t, _ in arrivals} | {t - NORM for t, _ in departures if t - NORM >= 0.0})
    cuts = [t for t in cuts if t <= horizon - NORM]
    late = 0.0
    for a, z in itertools.pairwise(cuts):
        da = value(arrivals, a) - value(departures, a + NORM)
        dz = value(arrivals, z) - value(departures, z + NORM)
        rate = (value(arrivals, z) - value(arrivals, a)) / (z - a)
        if da > 0.0 and dz > 0.0:
            late += rate * (z - a)
        elif da > 0.0 or dz > 0.0:
            late += rate * (z - a) * max(da, dz) / abs(dz - da)
    return {"demand": arrivals[-1][1], "served": departures[-1][1], "backlog_end": b, "peak_backlog": peak,
            "backlog_hours": area, "late": late}


def _numbers(scenario):
    exercise = Exercise(scenario, 0)
    play(exercise, None)
    return exercise.result()["processes"][REF]


def test_a_demand_profile_matches_an_hour_by_hour_integration():
    """Hours, weekdays, a holiday, a month-end peak and a season (April), through an outage."""
    numbers = _numbers(_scenario())
    expected = _reference(35 * 24)
    for key, value in expected.items():
        assert numbers[key] == approx(value), key
    assert expected["late"] > 100.0   # the outage and the month-end peak make cases late


def test_the_month_end_peak_is_on_the_last_days_of_the_month():
    """On 28 March (a Friday) demand is 40 × 2.0 at 10:00; on 29 March (Saturday, month end) 40 × 2.0 × 0.3 × 2 = 48."""
    exercise = Exercise(_scenario(), 0)
    world = exercise.world
    friday_10 = (datetime(2025, 3, 28, 10) - START) / timedelta(hours=1)
    saturday_10 = (datetime(2025, 3, 29, 10) - START) / timedelta(hours=1)
    world.env.run(until=friday_10 + 0.5)   # the flow as it is now (it switches its demand as it is read)
    assert world.processes[REF].flow.at(world.now).lam == approx(80.0)
    world.env.run(until=saturday_10 + 0.5)
    assert world.processes[REF].flow.at(world.now).lam == approx(48.0)


def test_many_processes_on_one_profile_share_its_events():
    """A profile's changes are one event each, however many processes follow it."""
    def scheduled(n):
        return events_scheduled(Exercise(_scenario(horizon=7 * 24, processes=n), 0))
    assert scheduled(20) == scheduled(1)


def test_an_unknown_profile_is_named_at_its_key():
    from pydantic import ValidationError

    base = _scenario()
    with pytest.raises(ValidationError, match="unknown demand profile 'loon'"):
        doc = base.model_dump(exclude_none=True)
        doc["organisations"][0]["processes"][0]["demand_profile"] = "loon"
        with_changes(base, organisations=doc["organisations"])


@settings(max_examples=30, deadline=None)
@given(outage_at=st.integers(1, 400), outage_for=st.integers(1, 120), norm=st.integers(1, 60),
       hours=st.lists(st.sampled_from([0.25, 0.5, 1.0, 1.5, 2.0, 3.0]), min_size=24, max_size=24))
def test_a_process_whose_flow_switches_by_itself_equals_one_updated_at_every_change(
        outage_at: int, outage_for: int, norm: int, hours: list[float]) -> None:
    """Two identical processes on one profile through an outage: the first switches its demand
    by itself (ProfileFlow), the second (named by a demand action never taken) is updated by the
    world at every change. Their numbers agree to the last bit, and a when-event on each one's
    backlog fires at the same moment."""
    from oefening.engine.profile import ProfileFlow

    base = one_process(demand=LAM, capacity=MU, outage_at=float(outage_at), outage_for=float(outage_for),
                       horizon=21 * 24, mtpd="10w", norm=float(norm), turn="1d")
    doc = base.model_dump(exclude_none=True)
    process = {**doc["organisations"][0]["processes"][0], "demand_profile": "betalingen"}
    doc["organisations"][0]["processes"] = [process, {**process, "id": "tweeling"}]
    events = [{"id": f"drempel-{p}", "when": {"backlog_above": {"process": f"uitvoering/{p}", "cases": 300}},
               "inject": {"title": "drempel"}} for p in ("uitkeringen", "tweeling")]
    action = {"id": "meer", "title": "meer", "effects": [{"demand": {"process": "uitvoering/tweeling", "factor": 2}}]}
    scenario = with_changes(base, organisations=doc["organisations"], events=[*doc["events"], *events],
                            actions=[action], demand_profiles=[{**PROFILE, "hours": hours}])
    exercise = Exercise(scenario, 0)
    assert type(exercise.world.processes[REF].flow) is ProfileFlow
    assert type(exercise.world.processes["uitvoering/tweeling"].flow) is not ProfileFlow
    play(exercise, None)
    rows = exercise.result()["processes"]
    one, other = rows[REF], rows["uitvoering/tweeling"]
    for key in ("demand", "served", "late", "backlog_end", "peak_backlog", "backlog_hours", "late_projected",
                "late_wait_mean", "late_wait_max"):
        assert one[key] == other[key], key
    fired = exercise.world.fired
    assert fired.get("drempel-uitkeringen") == fired.get("drempel-tweeling")
