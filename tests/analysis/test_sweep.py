"""``oefening sweep``: one number varied over the same N worlds. A facility with one place
against two, contended by two processes, with differences known by hand; common random
numbers; the same numbers on one worker or two; bad PATHs and values as one line."""

from __future__ import annotations

import json
from typing import Any

import pytest

from oefening.analysis.sweep import sweep
from oefening.scenario.model import Scenario
from oefening.scenario.plan import Plan
from tests.run_cli import run_cli

LAM, MU, NORM, D, H = 50.0, 100.0, 48.0, 240.0, 1440.0
COST_LATE = 10.0


def contended(restart: Any = D) -> Scenario:
    """Two vital processes x/a and x/b on one service of g, which fails at 0 and is back at
    ``restart``; each has a full-capacity fallback without lead time at the facility ``site``."""
    def proc(ident: str) -> dict[str, Any]:
        return {"id": ident, "name": ident, "criticality": "vital", "demand": LAM, "capacity": MU,
                "needs": ["hosting"], "mbco": 0.5, "mtpd": "3d", "norm": NORM, "cost_per_late_case": COST_LATE,
                "fallbacks": [{"id": "site", "name": "Site", "capacity": 1.0, "facility": "site", "cost": 1000}]}
    return Scenario.model_validate({
        "format": 1, "id": "contended", "title": "Contended", "start": "2025-03-03T08:00:00+01:00",
        "turn": "4h", "horizon": H,
        "suppliers": [{"id": "g", "name": "G"}],
        "services": [{"id": "hosting", "name": "Hosting", "supplier": "g"}],
        "facilities": [{"id": "site", "name": "Site", "slots": 1}],
        "organisations": [{"id": "x", "name": "X", "processes": [proc("a"), proc("b")]}],
        "events": [
            {"id": "down", "at": 0, "effects": [{"supplier": {"id": "g", "status": "failed"}}]},
            {"id": "up", "after": {"event": "down", "delay": restart},
             "effects": [{"supplier": {"id": "g", "status": "healthy"}}]},
        ],
    })


BOTH = Plan.model_validate({"format": 1, "id": "both", "scenario": "contended", "rules": [
    {"at": 0, "do": [{"activate": "x/a/site"}, {"activate": "x/b/site"}]}]})


def test_one_place_against_two_by_hand():
    """One place: x/a (asked first) holds it and loses nothing; x/b waits for good: capacity 0
    for D = 10d, so λμ(D − n)/(μ − λ) = 19,200 late cases and an MTPD breach. Two places:
    nothing late. Continuity 100(1 − 8·19,200 / 8·2·λH) = 86.67 against 100; cost 2 activations
    + late cases; the paired differences are exact (the same world, no randomness)."""
    result = sweep(contended(), "facility.site.slots", ["1", "2"], [BOTH], n=3, seed=5, workers=1)
    assert result["vary"] == "facility.site.slots" and result["replications"] == 3 and result["seed"] == 5
    one, two = (entry["plans"] for entry in result["values"])
    assert [entry["value"] for entry in result["values"]] == [1, 2]
    late_b = LAM * MU * (D - NORM) / (MU - LAM)
    assert late_b == 19_200
    demand = 2 * LAM * H
    assert one["both"]["continuity"]["mean"] == pytest.approx(100 * (1 - late_b / demand))
    assert two["both"]["continuity"]["mean"] == pytest.approx(100.0)
    assert one["both"]["cost"]["mean"] == pytest.approx(2000 + late_b * COST_LATE)
    assert two["both"]["cost"]["mean"] == pytest.approx(2000)
    assert one["both"]["mtpd_breach_probability"] == {"x/a": 0.0, "x/b": 1.0}
    assert two["both"]["mtpd_breach_probability"] == {"x/a": 0.0, "x/b": 0.0}
    diff = two["both"]["difference_previous"]
    assert diff["continuity"] == pytest.approx({"mean": 100 * late_b / demand, "low": 100 * late_b / demand,
                                                "high": 100 * late_b / demand})
    assert diff["cost"]["mean"] == pytest.approx(-late_b * COST_LATE)
    assert diff["mtpd_breach_probability"] == {"x/a": 0.0, "x/b": -1.0}
    # nobody acting: both wait, whatever the places; the difference is exactly 0
    assert one["baseline"]["continuity"]["mean"] == pytest.approx(100 * (1 - 2 * late_b / demand))
    assert two["baseline"]["difference_previous"]["continuity"] == {"mean": 0.0, "low": 0.0, "high": 0.0}
    assert "difference_previous" not in one["both"]
    # each value's plans are what montecarlo prints: the difference between plans is there too
    assert two["both"]["difference"]["baseline"]["continuity"]["mean"] == pytest.approx(200 * late_b / demand)


RANDOM = {"dist": "triangular", "low": "3d", "mode": "8d", "high": "20d"}


def test_common_random_numbers_across_values():
    """Every value faces the same worlds: nobody acting does not care about places, so its
    continuity is the same world by world and the paired difference is exactly 0, while the
    plan's difference has a real interval."""
    result = sweep(contended(RANDOM), "facility.site.slots", ["1", "2"], [BOTH], n=30, seed=2, workers=1)
    one, two = (entry["plans"] for entry in result["values"])
    same = ("continuity", "cost", "mtpd_breach_probability")
    assert {k: one["baseline"][k] for k in same} == {k: two["baseline"][k] for k in same}
    assert two["baseline"]["difference_previous"]["continuity"] == {"mean": 0.0, "low": 0.0, "high": 0.0}
    plan = two["both"]["difference_previous"]["continuity"]
    assert plan["low"] < plan["mean"] < plan["high"] and plan["low"] > 0


@pytest.mark.slow
def test_one_worker_or_two_give_the_same_numbers():
    """The same seed gives the same sweep in this process and on a pool of two workers."""
    args = (contended(RANDOM), "fallback.x/a/site.lead_time", ["0", "12h", "2d"], [BOTH])
    here = sweep(*args, n=40, seed=9, workers=1)
    pool = sweep(*args, n=40, seed=9, workers=2)
    assert json.dumps(here, sort_keys=True) == json.dumps(pool, sort_keys=True)
    assert [entry["value"] for entry in here["values"]] == [0.0, 12.0, 48.0]


def test_paths_reach_their_numbers():
    """Every PATH of SPEC §6 changes the number it names, checked against a hand calculation."""
    s = contended()
    late_a = LAM * MU * (D - NORM) / (MU - LAM)                     # 19,200 with nobody acting
    result = sweep(s, "process.x/b.demand", ["0"], [BOTH], n=1, workers=1)
    assert result["values"][0]["plans"]["baseline"]["continuity"]["mean"] == pytest.approx(
        100 * (1 - late_a / (LAM * H)))
    result = sweep(s, "process.x/b.capacity", ["150"], [BOTH], n=1, workers=1)
    late_b = LAM * 150 * (D - NORM) / (150 - LAM)                   # 14,400
    assert result["values"][0]["plans"]["baseline"]["cost"]["mean"] == pytest.approx(
        (late_a + late_b) * COST_LATE)
    result = sweep(s, "budget", ["500", "1500"], [BOTH], n=1, workers=1)
    poor, one = (entry["plans"]["both"] for entry in result["values"])
    assert poor["continuity"]["mean"] == pytest.approx(100 * (1 - 2 * late_a / (2 * LAM * H)))  # nothing affordable
    assert one["mtpd_breach_probability"] == {"x/a": 0.0, "x/b": 1.0}                        # one activation
    result = sweep(s, "fallback.x/a/site.lead_time", ["0", "3d"], [BOTH], n=1, workers=1)
    assert [e["plans"]["both"]["mtpd_breach_probability"]["x/a"] for e in result["values"]] == [0.0, 0.0]
    assert result["values"][1]["plans"]["both"]["continuity"]["mean"] < result["values"][0]["plans"]["both"][
        "continuity"]["mean"]
    # a fallback at half capacity for x/b with two places: x/b's backlog grows at λ − μ/2 = 0
    two_half = sweep(s.model_copy(update={"facilities": [s.facilities[0].model_copy(update={"slots": 2})]}),
                     "fallback.x/b/site.capacity", ["0.5"], [BOTH], n=1, workers=1)
    assert two_half["values"][0]["plans"]["both"]["continuity"]["mean"] == pytest.approx(100.0)


def write(tmp_path, scenario: Scenario):
    path = tmp_path / "contended.yaml"
    path.write_text(json.dumps(scenario.model_dump(mode="json", by_alias=True, exclude_none=True)))
    return str(path)


def test_cli_json_and_page(tmp_path):
    """The command's JSON and its page agree."""
    path = write(tmp_path, contended())
    plan = tmp_path / "both.yaml"
    plan.write_text(json.dumps(BOTH.model_dump(mode="json", by_alias=True, exclude_none=True)))
    done = run_cli("sweep", path, "--vary", "facility.site.slots=1,2", "--plan", str(plan), "-n", "2",
                   "--workers", "1", "--json")
    assert done.code == 0, done.err
    result = json.loads(done.out)
    assert set(result) >= {"replications", "seed", "vary", "values"}
    assert result["values"][1]["plans"]["both"]["continuity"]["mean"] == pytest.approx(100.0)
    page = tmp_path / "sweep.html"
    text = run_cli("sweep", path, "--vary", "facility.site.slots=1,2", "--plan", str(plan), "-n", "2",
                   "--workers", "1", "--lang", "en", "-o", str(page))
    assert text.code == 0, text.err
    assert "Difference with the previous value" in text.out
    assert "+13.33 [13.33, 13.33]" in text.out
    html = page.read_text()
    assert "<svg" in html and "facility.site.slots" in html


@pytest.mark.parametrize("vary, message", [
    ("facility.site.places=1,2", "--vary facility.site.places: a facility's number is slots"),
    ("facility.nope.slots=1,2", "--vary facility.nope.slots: the scenario has no facility 'nope'"),
    ("weights.vital=1,2", "--vary weights.vital: unknown PATH; use one of facility.ID.slots"),
    ("process.x/zz.demand=1", "--vary process.x/zz.demand: the scenario has no process 'x/zz'"),
    ("facility.site.slots=1,two", "--vary facility.site.slots: 'two' is not a whole number"),
    ("facility.site.slots=1.5", "--vary facility.site.slots: '1.5' is not a whole number"),
    ("budget=lots", "--vary budget: 'lots' is not a number"),
    ("budget=nan", "--vary budget: 'nan' is not a finite number"),
    ("fallback.x/a/site.lead_time=soon", "--vary fallback.x/a/site.lead_time: 'soon' is not a duration"),
    ("facility.site.slots", "--vary facility.site.slots: write PATH=V1,V2,…"),
    ("facility.site.slots=1,,2", "an empty value between commas"),
    ("fallback.x/a/site.capacity=1.5", "--vary fallback.x/a/site.capacity=1.5: organisations[0].processes[0].fallbacks[0].capacity: found 1.5; must be ≤ 1"),
])
def test_bad_vary_is_one_line_and_exit_2(tmp_path, vary, message):
    """Bad vary is one line and exit 2."""
    done = run_cli("sweep", write(tmp_path, contended()), "--vary", vary, "-n", "2", "--workers", "1")
    assert done.code == 2, done.out
    assert message in done.err
    assert len(done.err.strip().splitlines()) == 1


def test_two_varies_are_refused_not_one_quietly_dropped(tmp_path):
    """SPEC §6's sweep varies one PATH: `--vary A --vary B` once ran B alone (argparse keeps
    the last); now it is one line, exit 2, naming both."""
    done = run_cli("sweep", write(tmp_path, contended()), "--vary", "budget=1,2", "--vary",
                   "facility.site.slots=1,2", "-n", "2", "--workers", "1", "--json")
    assert done.code == 2 and done.out == ""
    assert done.err == ("--vary is given 2 times; a sweep varies one number (run one sweep per number): "
                        "budget=1,2, facility.site.slots=1,2\n")
