"""A long table (a world of tens of thousands of processes) has virtual rows: only a window of
rows is in the Textual table, between "↑ N more" and "↓ N more" rows, and the cursor still
reaches every process and every decision. Here the limits are made small (a table longer than
100 rows, a window of 40) so that a world of 120 processes shows it."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest

from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from oefening.ui import make_app
from oefening.ui.screens.turn import TurnScreen
from oefening.ui.widgets import table
from oefening.ui.widgets.decisions import DecisionTable
from oefening.ui.widgets.processes import ProcessTable
from tests.paths import ROOT


@pytest.fixture()
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Session:
    monkeypatch.setattr(table, "LONG", 100)
    monkeypatch.setattr(table, "WINDOW", 40)
    sys.path.insert(0, str(ROOT))
    from benchmarks.national import national_document

    path = tmp_path / "wide.json"
    path.write_text(json.dumps(national_document(organisations=12, processes_per_org=10, days=10)))
    session = Session.start(path, load_scenario(path), seed=1, lang="en", journal_path=tmp_path / "j.jsonl")
    session.advance()
    return session


def _shown(t: ProcessTable | DecisionTable, row: int) -> str:
    return t.get_row_at(row)[list(t.COLUMNS).index(t.flex)].plain


def test_the_process_table_shows_a_window_and_the_cursor_reaches_every_row(session: Session) -> None:
    """132 rows (12 organisations, 120 processes): 40 in the table and "↓ 92 more rows below";
    End goes to the last process, under "↑ … more rows above"; Home back to the first; moving
    down onto the "more" row brings the next rows, the cursor on the 41st."""

    async def play() -> None:
        app = make_app(session)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, TurnScreen)
            processes = app.screen.query_one(ProcessTable)
            assert processes.long and processes.row_count == 41
            assert _shown(processes, 40) == "↓ 92 more rows below (↓, PgDn, End)"
            processes.focus()
            await pilot.press("end")
            await pilot.pause()
            assert processes.key_at(processes.cursor_row) == "org-11/p9"
            assert _shown(processes, 0).startswith("↑ ") and "more rows above" in _shown(processes, 0)
            await pilot.press("home")
            await pilot.pause()
            assert processes.key_at(processes.cursor_row) == "org:org-0" and processes.cursor_row == 0
            for _ in range(40):
                await pilot.press("down")
                await pilot.pause()
            # rows 0-39 were org-0 … org-3/p5 (each organisation a heading and ten processes)
            assert processes.key_at(processes.cursor_row) == "org-3/p6"
            assert processes.row_count == 42   # a "more" row above and below now
            await pilot.press("up")
            await pilot.pause()
            assert processes.key_at(processes.cursor_row) == "org-3/p5"
        session.close()

    asyncio.run(play())


def test_a_decision_far_down_a_long_table_is_chosen_and_taken(session: Session) -> None:
    """End in the decisions, space, n: the last fallback is activated and journalled."""

    async def play() -> None:
        app = make_app(session)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            decisions = app.screen.query_one(DecisionTable)
            assert decisions.long and decisions.row_count <= 42
            order = decisions.current_order()
            decisions.focus()
            await pilot.press("end")
            await pilot.pause()
            last = order[-1]
            assert decisions.current() == last
            await pilot.press("space")
            await pilot.pause()
            assert last in decisions.chosen
            await pilot.press("n", "n")
            await pilot.pause()
            assert session.exercise.turn == 2
        lines = [json.loads(line) for line in Path(session.journal_path).read_text().splitlines()]
        taken = [line["decision"] for line in lines if line["type"] == "decision"]
        assert taken and next(iter(taken[-1].values())) == last.split(":", 1)[1]
        session.close()

    asyncio.run(play())
