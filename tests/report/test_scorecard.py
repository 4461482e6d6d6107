"""The scorecard leads with what a crisis team answers for: a vital process past its MTPD
heads it whatever its volume, even while the continuity score (weighted by cases) stays
near 100."""

from __future__ import annotations

import copy

import pytest

from oefening.decide import play
from oefening.engine.exercise import Exercise
from oefening.report.scorecard import figures, headline
from oefening.scenario.model import Scenario
from oefening.words.formats import euros
from tests.builders import one_process


def _tiny_breached_beside_a_huge_one(tiny_demand: float) -> Scenario:
    """A vital process of ``tiny_demand`` cases/h down 60 h (MTPD 24 h), beside a vital one
    of 10,000 cases/h that never stops."""
    doc = copy.deepcopy(one_process(demand=tiny_demand, capacity=2 * tiny_demand, outage_at=0, outage_for=60,
                                    horizon=200, norm=24, mtpd="24h").model_dump(by_alias=True, exclude_none=True))
    doc["organisations"][0]["processes"][0]["name"] = {"en": "Custody hearings", "nl": "Voorgeleidingen"}
    big = copy.deepcopy(doc["organisations"][0]["processes"][0])
    big.update(id="toeslagen", name="Allowances", needs=["spare"], demand=10_000, capacity=20_000, mtpd="72h")
    doc["organisations"][0]["processes"].append(big)
    return Scenario.model_validate(doc)


@pytest.mark.parametrize("tiny", [0.01, 1.0, 100.0])
def test_a_process_past_its_mtpd_leads_whatever_its_volume(tiny):
    """A process past its mtpd leads whatever its volume."""
    scenario = _tiny_breached_beside_a_huge_one(tiny)
    exercise = Exercise(scenario)
    play(exercise, None)
    result = exercise.result()
    if tiny <= 1.0:
        assert result["continuity"] > 99.0   # the case-weighted score hardly notices
    card = figures(result, scenario, "en")
    assert card[0].key == "vital" and card[0].tone == "bad"
    assert card[0].value == "1 of 2"
    assert headline(result, scenario, "en") == (
        "Vital processes within MTPD: 1 of 2 — Custody hearings 36 h past its MTPD (from Tue 4 Mar 08:00)")
    assert headline(result, scenario, "nl").startswith("Vitale processen binnen MTPD: 1 van 2 — Voorgeleidingen 36 u")


def test_all_held_reads_good_and_continuity_comes_last():
    """All held reads good and continuity comes last."""
    scenario = one_process(outage_at=1000, horizon=100)
    exercise = Exercise(scenario)
    play(exercise, None)
    card = figures(exercise.result(), scenario, "en")
    assert [f.key for f in card] == ["vital", "people", "mbco", "money", "continuity"]
    assert card[0].value == "1 of 1" and card[0].tone == "good"
    assert card[0].details == ("none went past its MTPD",)
    assert card[-1].value == "100.0 / 100"


@pytest.mark.parametrize("value, en, nl", [
    (8_612_345, "€ 8.6 M", "€ 8,6 mln"), (86_432, "€ 86,400", "€ 86.400"), (999_990, "€ 1.0 M", "€ 1,0 mln"),
    (412.4, "€ 412", "€ 412"), (-2_500_000, "−€ 2.5 M", "−€ 2,5 mln"), (1234, "€ 1,230", "€ 1.230"),
])
def test_money_is_rounded_as_a_manager_reads_it(value, en, nl):
    """Money is rounded as a manager reads it."""
    assert euros(value, "en") == en
    assert euros(value, "nl") == nl


@pytest.mark.parametrize("suffix", [".html", ".md"])
def test_the_report_opens_with_the_scorecard(tmp_path, suffix):
    """The report's first section is the scorecard, vital processes first, before the scores."""
    from tests.report.test_report import _journal
    from tests.run_cli import run_cli

    out = tmp_path / f"report{suffix}"
    assert run_cli("report", str(_journal(tmp_path, "en")), "-o", str(out)).code == 0
    text = out.read_text(encoding="utf-8")
    assert text.index("Scorecard") < text.index("Vital processes within MTPD") < text.index("Continuity score")
    assert text.index("Vital processes within MTPD") < text.index("Scores")
