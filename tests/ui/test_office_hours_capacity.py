"""The process table's Cap. column and "Under way" say what is handled now: a fallback on
office hours gives nothing on a Friday evening or a weekend ("0% ☾", "closed until Mon
08:00"), while its MBCO and MTPD count it as open, as the engine does (no ▼, the MTPD bar
stands still).

By hand: hosting is down from the start (Fri 7 Mar 2025 08:00); paper, at full capacity from
the start, runs on working days 8–17. Demand 10 an hour, capacity 20: nothing waits while
open; from Fri 17:00 to Fri 20:00 three hours of cases wait (30), by Mon 08:00 sixty-three
hours (630).
"""

from __future__ import annotations

from pathlib import Path

from oefening.engine.decisions import Activate
from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from oefening.ui import make_app
from oefening.ui.widgets.processes import ProcessTable
from tests.ui.test_ui import pilot_test

SCENARIO = """\
format: 1
id: paper
title: {nl: Papier in kantooruren, en: Paper in office hours}
start: 2025-03-07T08:00:00+01:00
turn: 12h
horizon: 5d
suppliers: [{id: globaltech, name: GlobalTech}]
services: [{id: hosting, name: Hosting, supplier: globaltech}]
calendars:
  - {id: kantoor, name: {nl: Kantooruren, en: Office hours}, hours: "08:00-17:00"}
organisations:
  - id: gemeente
    name: {nl: Gemeente, en: Municipality}
    processes:
      - id: aanvragen
        name: {nl: Aanvragen, en: Claims}
        criticality: vital
        demand: 10
        capacity: 20
        needs: [hosting]
        mbco: 0.5
        mtpd: 72h
        norm: 48h
        fallbacks:
          - {id: papier, name: {nl: Papieren aanvragen, en: Paper claims}, capacity: 1, calendar: kantoor}
events:
  - id: outage
    at: 0h
    effects: [{supplier: {id: globaltech, status: failed}}]
"""


def paper(tmp_path: Path, lang: str, text: str = SCENARIO) -> Session:
    path = tmp_path / "paper.yaml"
    path.write_text(text, encoding="utf-8")
    session = Session.start(path, load_scenario(path), seed=1, lang=lang, journal_path=tmp_path / "j.jsonl")
    assert session.decide(Activate("gemeente/aanvragen/papier")) is None
    return session


def row(app) -> str:  # type: ignore[no-untyped-def]
    """The claims process's row in the table, as rendered (its cells, one line each)."""
    table = app.screen.query_one(ProcessTable)
    return " | ".join(str(cell) for cell in table.get_row("gemeente/aanvragen"))


def under_way(app) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(app.screen.query_one("#pending").render()).split())


@pilot_test
async def test_closed_on_friday_evening_and_open_on_monday(tmp_path: Path) -> None:
    session = paper(tmp_path, "en")
    session.advance()                                          # Fri 20:00
    snap = session.exercise.snapshot()
    claims = snap.processes[0]
    assert (claims.fraction, claims.handled, claims.closed_until) == (1.0, 0.0, 72.0)   # Mon 08:00
    assert round(claims.backlog, 6) == 30.0 and claims.disrupted_for == 0.0
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        cells = row(app)
        assert "0% ☾" in cells and "▼" not in cells
        assert "0h/72h ●" in cells and "30" in cells
        assert "Paper claims 0% (closed until Mon 08:00)" in under_way(app)
        for _ in range(5):                                     # Mon 08:00: open again
            session.advance()
        app.screen.redraw()   # type: ignore[attr-defined]
        await pilot.pause()
        cells = row(app)
        assert "100%" in cells and "☾" not in cells and "630" in cells
        assert "Paper claims 100%" in under_way(app) and "closed" not in under_way(app)
    session.close()


@pilot_test
async def test_closed_in_dutch_at_80_by_24(tmp_path: Path) -> None:
    session = paper(tmp_path, "nl")
    session.advance()
    session.advance()                                          # Sat 08:00
    app = make_app(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert "0% ☾" in row(app)                               # one line per process here
        assert "Papieren aanvragen 0% (gesloten tot ma 08:00)" in under_way(app)
    session.close()


@pilot_test
async def test_a_process_on_office_hours_of_its_own(tmp_path: Path) -> None:
    """The process itself keeps office hours (a counter): at Fri 20:00 it handles nothing, its
    row says 0% ☾ and "Under way" until when; the paper fallback is not active here."""
    own = SCENARIO.replace("        needs: [hosting]\n", "        needs: [hosting]\n        calendar: kantoor\n")
    own = own.replace("    effects: [{supplier: {id: globaltech, status: failed}}]", "    effects: []")
    path = tmp_path / "own.yaml"
    path.write_text(own, encoding="utf-8")
    session = Session.start(path, load_scenario(path), seed=1, lang="en", journal_path=tmp_path / "j.jsonl")
    session.advance()                                          # Fri 20:00
    claims = session.exercise.snapshot().processes[0]
    assert (claims.fraction, claims.handled, claims.closed_until) == (1.0, 0.0, 72.0)
    assert round(claims.backlog, 6) == 30.0                    # 17:00-20:00 at 10 an hour
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert "0% ☾" in row(app) and "▼" not in row(app)
        assert "☾ Claims: closed until Mon 08:00" in under_way(app)
    session.close()
