"""``montecarlo --sensitivity``: the keyed draws ranked by Spearman rank correlation; on a
world where one draw obviously dominates, it comes first."""

from __future__ import annotations

import json

import numpy as np
import pytest

from oefening.analysis.sensitivity import ranks, sensitivity, simulate_with_draws, spearman
from oefening.engine.rng import Streams, recording
from tests.builders import one_process
from tests.run_cli import run_cli


def dominated():
    """The outage lasts 1d to 20d (the restart delay: it decides everything); the bankruptcy's
    moment moves within one hour; a storyline event with no effect is drawn too."""
    return one_process(outage_at={"dist": "uniform", "low": "2d", "high": 49},
                       outage_for={"dist": "uniform", "low": "1d", "high": "20d"}, mtpd="5d", horizon="40d",
                       events=[{"id": "ruis", "at": {"dist": "uniform", "low": "1d", "high": "30d"}}])


def test_spearman_by_hand():
    """Ranks share ties; ρ = 1 for any increasing relation, −1 for a decreasing one."""
    assert list(ranks(np.array([3.0, 1.0, 3.0, 2.0]))) == [2.5, 0.0, 2.5, 1.0]
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    assert spearman(x, x ** 3) == pytest.approx(1.0)
    assert spearman(x, -np.exp(x)) == pytest.approx(-1.0)
    assert spearman(x, np.array([2.0, 1.0, 4.0, 3.0, 5.0])) == pytest.approx(0.8)  # 1 − 6·4/(5·24)
    assert spearman(x, np.ones(5)) is None


def test_the_dominating_draw_comes_first():
    """The restart delay drives continuity down (ρ well below −0.7) and the MTPD breach up; the hour of
    the bankruptcy and the empty event are far behind."""
    scenario = dominated()
    rows, draws = simulate_with_draws(scenario, [], 80, seed=3, workers=1)
    result = sensitivity(scenario, rows, draws)
    assert result["method"] == "spearman"
    assert set(result["draws"]) == {"event:bankruptcy:at", "event:restart:delay", "event:ruis:at"}
    continuity = result["plans"]["baseline"]["continuity"]
    assert continuity[0]["draw"] == "event:restart:delay"
    assert continuity[0]["rho"] < -0.7   # ties: outages shorter than the norm leave continuity at 100
    assert all(abs(d["rho"]) < 0.35 for d in continuity[1:])
    breach = result["plans"]["baseline"]["mtpd_breach"]["uitvoering/uitkeringen"]
    assert breach[0]["draw"] == "event:restart:delay" and breach[0]["rho"] > 0.6
    assert result["noise"] == pytest.approx(1.96 / np.sqrt(79))


def test_recorded_draws_are_the_keyed_values():
    """What is recorded for a key is exactly what the keyed stream gives for it."""
    scenario = dominated()
    _, draws = simulate_with_draws(scenario, [], 3, seed=3, workers=1)
    restart = next(e for e in scenario.events if e.id == "restart").after
    for replication, world in enumerate(draws):
        assert world["event:restart:delay"] == Streams(3, replication).draw(restart.delay, "event:restart:delay")
    with recording() as outside:
        pass
    assert outside == {}


@pytest.mark.slow
def test_the_same_ranking_on_two_workers():
    scenario = dominated()
    here = sensitivity(scenario, *simulate_with_draws(scenario, [], 30, seed=1, workers=1))
    pool = sensitivity(scenario, *simulate_with_draws(scenario, [], 30, seed=1, workers=2))
    assert json.dumps(here) == json.dumps(pool)


def test_cli_sensitivity(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(json.dumps(dominated().model_dump(mode="json", by_alias=True, exclude_none=True)))
    done = run_cli("montecarlo", str(path), "-n", "40", "--workers", "1", "--sensitivity", "--json")
    assert done.code == 0, done.err
    result = json.loads(done.out)
    assert result["sensitivity"]["plans"]["baseline"]["continuity"][0]["draw"] == "event:restart:delay"
    assert "continuity" in result["plans"]["baseline"]  # the Monte Carlo result is all still there
    text = run_cli("montecarlo", str(path), "-n", "40", "--workers", "1", "--sensitivity", "--lang", "en")
    assert text.code == 0, text.err
    assert "Sensitivity: which uncertainty drives the outcome" in text.out
    assert "event:restart:delay" in text.out.split("baseline · continuity")[1].splitlines()[1]
