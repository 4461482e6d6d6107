"""The report of an exercise with teams (issue 13): the teams side by side with their own
scores, turn by turn what each decided and where it stood (as CITE scores teams per move),
and who held the shared facility's place when; in HTML, Markdown and Word, and not at all
for a scenario without teams."""

from __future__ import annotations

import io
import json

import pytest

from oefening.engine.decisions import Activate, Allocate, Release
from oefening.journal.session import Session
from oefening.report.aar import build_aar
from oefening.report.render import html, markdown
from oefening.report.worddoc import docx_bytes
from oefening.scenario.load import load_scenario
from tests.paths import DATA, MINIMAL

SCENARIO = DATA / "teams.yaml"


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    """Alfa and Beta both want the one place; the coordination gives it to Beta at turn 2 and
    releases 10,000 to Alfa (the numbers of tests/engine/test_coordination.py)."""
    journal = tmp_path_factory.mktemp("teams") / "j.jsonl"
    facilitator = Session.start(SCENARIO, load_scenario(SCENARIO), seed=1, journal_path=journal)
    alfa, beta, nks = (Session.join(journal, p) for p in ("alfa", "beta", "nks"))
    alfa.decide(Activate("aa/loket/nood"))
    beta.decide(Activate("bb/loket/nood"))
    facilitator.advance()
    nks.decide(Allocate("bb/loket/nood"))
    nks.decide(Release("alfa", 10_000))
    assert alfa.refresh() and alfa.budget_left("alfa") == pytest.approx(60_000 - 10_000 - 400)   # 4 h: 400
    assert alfa.budget_left("nks") == pytest.approx(90_000) and alfa.budget_left("beta") is None
    while not facilitator.exercise.finished:
        facilitator.advance()
    facilitator.close()
    assert facilitator.continuity_of("alfa") == pytest.approx(15.0)
    return Session.read(journal)


def test_the_teams_side_by_side_turn_by_turn_and_who_held_the_place(played):
    aar = build_aar(played, "en", worlds=3, with_charts=False)
    assert aar.teams is not None
    scores = {row[0]: row for row in aar.teams.scores.rows}
    assert scores["Team Alfa"][2:] == ["15.0", "5.0", "1", "€ 18,000", "€ 60,000"]
    assert scores["Team Beta"][2] == "100.0" and scores["Team Beta"][6] == "shared budget"
    assert scores["Together"][2] == "52.2"
    assert aar.teams.turns.head == ["Turn", "Team Alfa", "Team Beta", "Team Gamma", "National crisis staff"]
    assert len(aar.teams.turns.rows) == 20
    first, second = aar.teams.turns.rows[0], aar.teams.turns.rows[1]
    assert first[1] == "Fallback activated: Emergency site A (Agency A, aa/loket); continuity 100.0"
    assert second[4] == ("Place allocated by the coordination: Emergency site B (Agency B, Emergency site); "
                         "Budget released to Team Alfa: € 10,000")
    assert aar.teams.turns.rows[-1][1:4] == ["continuity 15.0", "continuity 100.0", "continuity 10.0"]
    assert aar.teams.allocation.rows == [
        ["Emergency site", "Mon 3 Mar 08:00", "Mon 3 Mar 12:00", "Emergency site A (Team Alfa)"],
        ["Emergency site", "Mon 3 Mar 12:00", "Thu 6 Mar 16:00", "Emergency site B (Team Beta)"]]


def test_every_format_has_the_teams_and_dutch_too(played):
    from docx import Document

    en = build_aar(played, "en", worlds=3, with_charts=False)
    start = played.scenario.start
    assert "The teams side by side" in html(en, start) and "Who held which place when" in markdown(en, start)
    words = "\n".join(p.text for p in Document(io.BytesIO(docx_bytes(en, start))).paragraphs)
    assert "Turn by turn: what each team decided and where it stood" in words
    nl = markdown(build_aar(played, "nl", worlds=3, with_charts=False), start)
    assert "De teams naast elkaar" in nl and "Wie had welke plek wanneer" in nl


def test_no_teams_no_team_tables(tmp_path):
    session = Session.start(MINIMAL, load_scenario(MINIMAL), journal_path=tmp_path / "j.jsonl")
    session.play(None)
    session.close()
    aar = build_aar(Session.read(tmp_path / "j.jsonl"), "en", worlds=3, with_charts=False)
    assert aar.teams is None and "side by side" not in markdown(aar, session.scenario.start)
    assert "teams" not in json.loads(json.dumps(session.result()))
