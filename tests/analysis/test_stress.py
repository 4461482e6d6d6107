"""``oefening stress``: each supplier fails alone from the start; a one-process scenario
against the closed forms of the fluid queue (backlog grows at λ − fμ, clears at μ − λ,
cases served first in, first out)."""

from __future__ import annotations

import json

import pytest

from oefening.analysis.stress import stress, stressed
from oefening.scenario.plan import Plan
from tests.builders import one_process
from tests.run_cli import run_cli

LAM, MU, NORM, HORIZON = 50.0, 100.0, 48.0, 150 * 24.0
F = 0.4                      # the fallback: fμ = 40 < λ
COST_LATE = 10.0
DAYS = (3, 14, 60)


def scenario():
    """λ = 50, μ = 100, norm 48h, MTPD 4d, MBCO 0.4; a fallback at 0.4 without lead time.
    The storyline (a bankruptcy at 2d) is left out by the stress test."""
    return one_process(demand=LAM, capacity=MU, norm=NORM, mtpd="4d", mbco=0.4, horizon=HORIZON,
                       cost_per_late_case=COST_LATE,
                       fallbacks=[{"id": "handmatig", "name": "Handmatig", "capacity": F, "cost": 1000}])


PLAN = Plan.model_validate({"format": 1, "id": "meteen", "scenario": "hand",
                            "rules": [{"at": 0, "do": [{"activate": "uitvoering/uitkeringen/handmatig"}]}]})


def late_nobody(d: float) -> float:
    """Capacity 0 for D, then μ: a case arriving at t waits D − t(1 − λ/μ), so the late ones
    (wait > n) arrive during (D − n)/(1 − λ/μ) hours: λμ(D − n)/(μ − λ) cases."""
    return LAM * MU * max(0.0, d - NORM) / (MU - LAM)


def late_fallback(d: float) -> float:
    """Capacity fμ for D, then μ. A case arriving at t ≤ fμD/λ is served at λt/(fμ) (wait
    t(λ/fμ − 1) = 0.25t); later, at D + (λt − fμD)/μ (wait 0.6D − 0.5t, zero at 1.2D when the
    backlog (λ − fμ)D has cleared at μ − λ). Late: t in (4n, 1.2D − 2n), when D > 5n."""
    length = max(0.0, 1.2 * d - 6 * NORM)
    return LAM * length


@pytest.fixture(scope="module")
def table():
    return stress(scenario(), [24.0 * d for d in DAYS], [PLAN], seed=0, workers=1, suppliers=["globaltech"])


@pytest.mark.parametrize("days", DAYS)
def test_nobody_acting_against_the_closed_form(table, days):
    """Continuity 100(1 − late/λH), cost = late × cost per late case, MTPD held only for 3d ≤ 4d."""
    row = next(r for r in table["results"] if r["outage_hours"] == 24.0 * days and r["plan"] == "baseline")
    late = late_nobody(24.0 * days)
    assert row["continuity"] == pytest.approx(100 * (1 - late / (LAM * HORIZON)), rel=1e-9)
    assert row["cost"] == pytest.approx(late * COST_LATE, rel=1e-9)
    held = days <= 4
    assert row["within_mtpd"] == {"held": int(held), "of": 1}
    assert row["vital_within_mtpd"] == {"held": int(held), "of": 1}
    assert row["breached"] == ([] if held else ["uitvoering/uitkeringen"])


@pytest.mark.parametrize("days", DAYS)
def test_a_plan_with_the_fallback_against_the_closed_form(table, days):
    """With the fallback from the start: 0 late for 3d (0.2D < n), 5,760 for 14d, 72,000 for 60d;
    capacity 0.4 ≥ MBCO, so the MTPD always holds; cost = activation + late cases."""
    row = next(r for r in table["results"] if r["outage_hours"] == 24.0 * days and r["plan"] == "meteen")
    late = late_fallback(24.0 * days)
    assert late == pytest.approx({3: 0.0, 14: 5760.0, 60: 72000.0}[days])
    assert row["continuity"] == pytest.approx(100 * (1 - late / (LAM * HORIZON)), rel=1e-9)
    assert row["cost"] == pytest.approx(1000 + late * COST_LATE, rel=1e-9)
    assert row["within_mtpd"] == {"held": 1, "of": 1}


def test_every_supplier_alone_and_nothing_for_an_unused_one():
    """Without --supplier every supplier is tried; one nobody needs changes nothing."""
    result = stress(scenario(), [72.0], seed=0, workers=1)
    assert [(r["supplier"], r["plan"]) for r in result["results"]] == [("globaltech", "baseline"),
                                                                        ("backup", "baseline")]
    backup = result["results"][1]
    assert backup["continuity"] == 100.0 and backup["cost"] == 0.0


def test_the_storyline_is_left_out():
    """Every storyline event becomes manual; the stress events are the only triggers."""
    s = stressed(scenario(), "globaltech", 72.0)
    timed = [ev for ev in s.events if not ev.manual]
    assert [(ev.id, ev.at) for ev in timed] == [("stress-failure", 0.0), ("stress-restore", 72.0)]
    assert all(ev.manual for ev in s.events if ev.id in ("bankruptcy", "restart"))
    longer = stressed(scenario(), "globaltech", 2 * HORIZON)
    assert [ev.id for ev in longer.events if not ev.manual] == ["stress-failure"]


def test_one_worker_or_two_give_the_same_table():
    """One worker or two give the same table."""
    result_1 = stress(scenario(), [72.0, 336.0], [PLAN], workers=1)
    result_2 = stress(scenario(), [72.0, 336.0], [PLAN], workers=2)
    assert result_1 == result_2


def test_cli_table_json_and_page(tmp_path):
    """The command prints a table, its JSON and its page, agreeing with each other."""
    path = tmp_path / "hand.yaml"
    path.write_text(json.dumps(scenario().model_dump(mode="json", by_alias=True, exclude_none=True)))
    done = run_cli("stress", str(path), "--outage", "3d,14d", "--json", "--supplier", "globaltech")
    assert done.code == 0, done.err
    result = json.loads(done.out)
    assert result["outages_hours"] == [72.0, 336.0]
    assert [r["continuity"] for r in result["results"]] == pytest.approx(
        [100 * (1 - late_nobody(h) / (LAM * HORIZON)) for h in (72.0, 336.0)])
    page = tmp_path / "stress.html"
    text = run_cli("stress", str(path), "--outage", "3d", "--lang", "en", "-o", str(page))
    assert text.code == 0, text.err
    assert "globaltech  3d      baseline" in text.out
    assert "within MTPD" in page.read_text()


@pytest.mark.parametrize("outage, message", [
    ("3x", "--outage 3x: expected a duration"),
    ("3d,,4d", "--outage 3d,,4d: write durations separated by commas"),
    ("0h", "--outage 0h: an outage must last longer than 0"),
])
def test_bad_outage_is_one_line(tmp_path, outage, message):
    """Bad outage is one line."""
    path = tmp_path / "hand.yaml"
    path.write_text(json.dumps(scenario().model_dump(mode="json", by_alias=True, exclude_none=True)))
    done = run_cli("stress", str(path), "--outage", outage)
    assert done.code == 2
    assert message in done.err
    assert len(done.err.strip().splitlines()) == 1


def test_unknown_supplier_is_one_line(tmp_path):
    """Unknown supplier is one line."""
    path = tmp_path / "hand.yaml"
    path.write_text(json.dumps(scenario().model_dump(mode="json", by_alias=True, exclude_none=True)))
    done = run_cli("stress", str(path), "--outage", "3d", "--supplier", "nope")
    assert done.code == 2
    assert "unknown supplier 'nope'" in done.err


def test_outage_given_twice_adds_its_durations(tmp_path):
    """`--outage 3d --outage 14d` is `--outage 3d,14d` (it once kept only the last, 14d)."""
    path = tmp_path / "hand.yaml"
    path.write_text(json.dumps(scenario().model_dump(mode="json", by_alias=True, exclude_none=True)))
    once = run_cli("stress", str(path), "--outage", "3d,14d", "--json")
    twice = run_cli("stress", str(path), "--outage", "3d", "--outage", "14d", "--json")
    assert once.code == twice.code == 0, twice.err
    assert json.loads(twice.out)["outages_hours"] == [72.0, 336.0] and twice.out == once.out
