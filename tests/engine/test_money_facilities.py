"""Money and facilities, the world's two small ledgers (engine/money.py, engine/facilities.py),
against hand calculations; and the one place that marks the world as changed."""

from __future__ import annotations

import re

import pytest

from oefening.engine import facilities
from oefening.engine.money import Money
from oefening.engine.state import FacilityState, FallbackState, ProcessState
from oefening.engine.structure import ProcessShape
from oefening.scenario.model import Facility, Process
from tests.paths import ROOT


def _fallback(ref: str, per_day: float = 0.0, at: float = 0.0) -> FallbackState:
    """A real fallback (the compiled engine checks the types it is given), activated at ``at``."""
    org, proc_id, fb_id = ref.split("/")
    process = Process.model_validate({"id": proc_id, "name": proc_id, "demand": 10, "capacity": 12, "mbco": 0.5,
                                      "mtpd": "48h", "norm": "1d", "criticality": "important",
                                      "fallbacks": [{"id": fb_id, "name": fb_id, "capacity": 0.5,
                                                     "cost_per_day": per_day}]})
    shape = ProcessShape(process, f"{org}/{proc_id}", 1.0)
    fallback = FallbackState(shape.fallbacks[0], ProcessState(shape))
    fallback.activated_at = at
    return fallback


def test_money_pays_one_offs_and_days_and_reads_the_budget_left() -> None:
    """1,000 now, then 240 a day from t=10 h: 1,240 at t=34 h; stopped at t=46 h the 1.5 days
    are paid (360) and nothing runs on; a budget of 2,000 plus 500 added leaves 1,140."""
    money = Money(2000.0)
    money.pay(1000.0)
    fallback = _fallback("o/p/fb", per_day=240.0, at=10.0)
    money.start_paying(fallback)
    assert money.spent_until(34.0) == pytest.approx(1240.0)
    assert money.spent == 1000.0                      # the running days are not booked yet
    money.stop_paying(fallback, 46.0)
    assert money.spent == pytest.approx(1360.0) and money.spent_until(100.0) == pytest.approx(1360.0)
    money.added += 500.0
    assert money.left(100.0) == pytest.approx(1140.0)
    assert Money(None).left(100.0) == float("inf")


def test_a_fallback_without_a_cost_per_day_runs_up_nothing() -> None:
    """A fallback without a cost per day runs up nothing."""
    money = Money(None)
    money.start_paying(_fallback("o/p/free"))
    assert money.paying == {} and money.spent_until(1e6) == 0.0


def test_facility_slots_go_first_come_first_served() -> None:
    """Two slots, four claimants: two hold, two wait in order; freeing a slot grants it to the
    one waiting longest, one at a time; leaving the queue grants nothing."""
    facility = FacilityState(Facility.model_validate({"id": "nood", "name": "Nood", "slots": 2}))
    a, b, c, d = (_fallback(f"o/p/{x}") for x in "abcd")
    assert [facilities.claim(facility, f) for f in (a, b, c, d)] == [True, True, False, False]
    assert facility.holders == [a, b] and list(facility.queue) == [c, d]
    assert list(facilities.release(facility, a)) == [c]
    assert facility.holders == [b, c] and c.holds_slot and not a.holds_slot
    assert list(facilities.release(facility, d)) == [] and not facility.queue
    assert list(facilities.release(facility, b)) == [] and facility.holders == [c]


def test_one_place_marks_the_world_as_changed() -> None:
    """The counters plans cache by are moved only in World.changed(); nowhere else."""
    source = (ROOT / "oefening" / "engine" / "world.py").read_text()
    bumps = [m.start() for m in re.finditer(r"self\.(status_)?version \+= 1", source)]
    changed = source.index("    def changed(")
    end = source.index("\n    def ", changed + 1)
    assert bumps and all(changed < at < end for at in bumps)
    for path in (ROOT / "oefening").rglob("*.py"):
        if path.name != "world.py":
            assert not re.search(r"world\.(status_)?version \+?= ", path.read_text()), path
