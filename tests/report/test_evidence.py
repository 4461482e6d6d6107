"""The report's evidence, against a hand-built case where one decision is known to matter.

One vital process (λ = 10, μ = 20, MBCO 50 %, MTPD 24 h, norm 24 h) whose service is down
from 0 to 60 h; horizon 80 h, turns of 4 h. A manual fallback at 60 % with no lead time,
€ 1,000 plus € 240 a day, keeps it at 12 cases/h > λ: never disrupted, never late. Without
it the process is down 60 h (MTPD breached) and 720 of the 800 cases are late or certain to
be (test_scorecard), so projected continuity is 10. A memo action does nothing but cost € 100.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oefening.engine.decisions import Activate, TakeAction
from oefening.journal.session import Session
from oefening.report import evidence
from oefening.scenario.load import load_scenario
from tests.builders import one_process

FALLBACK = "uitvoering/uitkeringen/hand"


def approx(value: float):
    return pytest.approx(value, rel=1e-9, abs=1e-6)


def _session(tmp_path: Path, decide) -> Session:
    scenario = one_process(
        demand=10, capacity=20, outage_at=0, outage_for=60, horizon=80, norm=24, mtpd="24h",
        fallbacks=[{"id": "hand", "name": "Hand", "capacity": 0.6, "lead_time": 0, "cost": 1000, "cost_per_day": 240}],
        actions=[{"id": "memo", "title": "Memo", "cost": 100, "effects": []}])
    path = tmp_path / "hand.yaml"
    path.write_text(json.dumps(scenario.model_dump(mode="json", by_alias=True, exclude_none=True)), encoding="utf-8")
    session = Session.start(path, load_scenario(path), seed=0, lang="en", journal_path=tmp_path / "j.jsonl")
    decide(session)
    session.play(None)
    session.close()
    return Session.read(session.journal_path)


def test_leaving_out_the_fallback_costs_the_mtpd_and_moving_it_costs_little(tmp_path):
    """Leaving out the fallback costs the mtpd and moving it costs little."""
    def decide(session):
        session.decide(TakeAction("memo"))
        session.decide(Activate(FALLBACK))

    session = _session(tmp_path, decide)
    result = session.result()
    assert result["vital_within_mtpd"] == {"held": 1, "of": 1}
    assert result["spent"] == approx(100 + 1000 + 10 * 80)
    memo, fallback = evidence.impacts(session)
    assert (memo.number, memo.turn, memo.phase) == (1, 0, "acute")
    # the memo changes nothing but the money: the team paid € 100 more
    assert memo.out == {"continuity": 0.0, "continuity_projected": 0.0, "cost": approx(100.0),
                        "people_affected": 0.0, "vital_held": 0, "critical_held": 0}
    # without the fallback: MTPD breached, projected continuity 10 instead of 100, € 1,800 saved
    assert fallback.out["vital_held"] == 1
    assert fallback.out["continuity_projected"] == approx(90.0)
    assert fallback.out["people_affected"] == approx(-720.0)
    assert fallback.out["cost"] == approx(1800.0)
    # one turn (4 h) later: down 4 h < MTPD, nobody late; € 40 of daily cost saved
    assert fallback.later is not None
    assert fallback.later["vital_held"] == 0 and fallback.later["continuity_projected"] == approx(0.0)
    assert fallback.later["cost"] == approx(40.0)
    assert evidence.mattered_most([memo, fallback])[0] is fallback


def test_the_replayed_course_is_the_live_result_and_nobody_acting_is_compared(tmp_path):
    """The replayed course is the live result and nobody acting is compared."""
    session = _session(tmp_path, lambda s: s.decide(Activate(FALLBACK)))
    course = evidence.course_of(session)
    replayed = evidence.replay(session.scenario, session.seed, course).result(session.plan)
    assert json.dumps(replayed) == json.dumps(session.result())
    (team, _), (nobody, nobody_result) = evidence.alternatives(session, session.result())
    assert (team, nobody) == ("team", None)
    assert nobody_result["continuity_projected"] == approx(10.0)


def test_good_or_lucky_ranks_the_teams_own_world(tmp_path):
    """Every world of this scenario is the same (no random draws): the team's course scores
    100 in each, so its own world is exactly in the middle (percentile 50) and beats nobody
    acting in all of them."""
    session = _session(tmp_path, lambda s: s.decide(Activate(FALLBACK)))
    luck = evidence.good_or_lucky(session, 5)
    assert list(luck.team) == [100.0] * 5 and luck.nobody == pytest.approx([10.0] * 5)
    assert luck.percentile == 50.0 and luck.better_than_nobody == 1.0


def test_series_follow_the_turns(tmp_path):
    """The chart series have one point per turn, at the turns' moments."""
    session = _session(tmp_path, lambda s: None)
    data = evidence.series(session)
    assert data.t == [4.0 * k for k in range(21)]
    ref = "uitvoering/uitkeringen"
    assert data.fraction[ref][0] == 0.0 and data.fraction[ref][-1] == 1.0
    assert data.backlog[ref][15] == approx(600.0)          # t = 60: the end of the outage
    assert data.backlog[ref][-1] == approx(600 - 10 * 20)  # draining at 10/h for 20 h
    assert data.holders["rijksnood"] == [[]] * 21
