"""The teams side by side add up to the whole (found playing ransomware-leverancier): the regional
crisis team's own action (€ 30,000) is no team's, so it has its own row, and the teams' and its
spending sum to what 'Together' says. A scenario without shared facilities has no 'who held
which place' table (it was a heading over an empty table)."""

from __future__ import annotations

from pathlib import Path

from oefening.engine.decisions import TakeAction
from oefening.journal.session import Session
from oefening.report import render
from oefening.report.aar import build_aar
from oefening.scenario.load import load_scenario
from tests.paths import SCENARIOS

RANSOMWARE = SCENARIOS / "ransomware-leverancier.yaml"


def test_the_coordination_spends_in_its_own_row(tmp_path: Path) -> None:
    session = Session.start(RANSOMWARE, load_scenario(RANSOMWARE), seed=1, lang="en", journal_path=tmp_path / "j.jsonl")
    session.advance()
    assert session.decide(TakeAction("regionaal-crisisteam")) is None                  # € 30,000, the region's
    assert session.decide(TakeAction("medewerkers-uitlenen")) is None                  # € 30,000, Grootveen's
    for _ in range(3):
        session.advance()
    aar = build_aar(session, "en", worlds=0, with_charts=False)
    assert aar.teams is not None
    rows = {row[0]: row for row in aar.teams.scores.rows}
    assert rows["Regional crisis team"][5] == "€ 30,000"
    assert rows["Grootveen team"][5] == "€ 30,000"
    assert rows["Together"][5] == "€ 60,000"
    spent = [int(row[5].removeprefix("€ ").replace(",", "")) for name, row in rows.items() if name != "Together"]
    assert sum(spent) == 60_000
    markdown = render.markdown(aar, session.scenario.start)
    assert "| Regional crisis team | — | — | — | — | € 30,000 | — |" in markdown
    assert "Who held which place when" not in markdown
    assert "Who held which place when" not in render.html(aar, session.scenario.start)
