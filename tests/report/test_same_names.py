"""Eight municipalities each have "Social assistance payments" (ransomware-leverancier): wherever
a process name alone would be ambiguous, its organisation is named too: the scorecard (run, the
end screen, the report), the report's process table and chart captions, the end screen's
table, and the staff loans of the course ("2.5 people from … (Grootveen) to … (Westerbroek)")."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from oefening.engine.decisions import TakeAction
from oefening.journal.session import Session
from oefening.report.aar import build_aar
from oefening.report.scorecard import figures
from oefening.scenario.load import load_scenario
from oefening.ui import make_app
from oefening.ui.screens.end import EndScreen
from tests.paths import SCENARIOS
from tests.ui.test_console import Clock
from tests.ui.test_ui import SIZE, pilot_test

RANSOMWARE = SCENARIOS / "ransomware-leverancier.yaml"


def _finished(tmp_path: Path, lang: str, *, lend: bool = False) -> Session:
    session = Session.start(RANSOMWARE, load_scenario(RANSOMWARE), seed=1, lang=lang,
                            journal_path=tmp_path / f"{lang}.jsonl")
    session.advance()
    if lend:
        assert session.decide(TakeAction("medewerkers-uitlenen")) is None
    while not session.exercise.finished:
        session.advance()
    return session


def test_the_scorecard_names_the_municipality(tmp_path: Path) -> None:
    session = _finished(tmp_path, "en")
    card = figures(session.result(), session.scenario, "en")
    vital = card[0]
    assert vital.value == "0 of 8"
    municipalities = sorted(detail.split(":")[0] for detail in vital.details)
    assert municipalities == sorted(f"Municipality of {m}" for m in (
        "Grootveen", "Dijkmond", "Heerlo", "Westerbroek", "Oostwolde", "Kerkdrecht", "Zandhoven", "Lindeburg"))
    assert all(": Social assistance payments " in detail for detail in vital.details)
    # no two lines of any figure read the same
    for figure in card:
        assert len(set(figure.details)) == len(figure.details), figure


def test_the_report_tables_and_loans_name_the_municipality_in_dutch(tmp_path: Path) -> None:
    session = _finished(tmp_path, "nl", lend=True)
    aar = build_aar(session, "nl", worlds=0, with_charts=True)
    names = [row[0] for row in aar.log.rows]
    assert "Gemeente Lindeburg: Bijstand en levensonderhoud (lindeburg/levensonderhoud)" in names
    assert len(set(row.split(" (")[0] for row in names)) == len(names)
    captions = [chart.caption for chart in aar.charts]
    assert any(caption.startswith("Gemeente Grootveen: Bijstand en levensonderhoud") for caption in captions)
    lines = [item.text for turn in aar.log.turns for item in turn.items]
    assert ("Medewerkers uitgeleend: 2,5 mensen van Bijstand en levensonderhoud (Gemeente Grootveen) "
            "aan Bijstand en levensonderhoud (Gemeente Westerbroek)") in lines
    assert ("Medewerkers uitgeleend: 1 mensen van Bijstand en levensonderhoud (Gemeente Grootveen) "
            "aan Bijstand en levensonderhoud (Gemeente Lindeburg)") in lines


@pilot_test
async def test_the_end_screen_names_the_municipality(tmp_path: Path) -> None:
    session = _finished(tmp_path, "en")
    app = make_app(session, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(EndScreen(session))
        await pilot.pause()
        table = app.screen.query_one("#results", DataTable)
        first = [" ".join(str(table.get_row_at(i)[0]).split()) for i in range(table.row_count)]
        assert "Municipality of Heerlo: Social assistance payments" in first
        assert len(set(first)) == len(first) == 18
    session.close()
