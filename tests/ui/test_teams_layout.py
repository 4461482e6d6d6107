"""A team console shows every column of its process table (issue 13): on digitale-monocultuur
the benefits team's names are long, and at 120×40 its late cases were cut off in Dutch. At
120×40 and 80×24, nl and en, the columns fit the table (names abbreviated when they must be),
the late column's label is on screen and every process row on screen shows its whole backlog
and late figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from oefening.ui.teams import make_team_app
from oefening.ui.widgets.processes import ProcessTable
from oefening.words import formats, tr
from tests.paths import SCENARIOS
from tests.ui.test_teams_ui import screen_text
from tests.ui.test_ui import pilot_test

DIGITAAL = SCENARIOS / "digitale-monocultuur.yaml"


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve turns into the crisis, every storyline inject released: backlogs in the thousands."""
    path = tmp_path_factory.mktemp("digitaal") / "digitaal.jsonl"
    facilitator = Session.start(DIGITAAL, load_scenario(DIGITAAL), seed=1, lang="nl", journal_path=path)
    for _ in range(12):
        facilitator.advance()
    facilitator.close()
    return path


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("team", ["benefits", "services"])
@pilot_test
async def test_every_column_of_the_process_table_is_visible(journal: Path, team: str, lang: str,
                                                            size: tuple[int, int]) -> None:
    session = Session.join(journal, team)
    app = make_team_app(session, lang, clock=lambda: 0.0)
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.3)
        table = app.screen.query_one(ProcessTable)
        used = sum(column.get_render_width(table) for column in table.columns.values())
        assert used <= table.scrollable_content_region.width, (used, table.scrollable_content_region.width)
        text = screen_text(app)
        late, total = tr("col.late_total", lang).split("\n")
        assert late in text and total in text
        shown = 0
        for process in app.screen.frame.snapshot.processes:
            row = next((line for line in text.splitlines()
                        if formats.number(process.backlog, lang) in line and "/" in line), None)
            if row is not None:
                assert formats.number(process.late, lang) in row, (row, process.late)
                shown += 1
        assert shown >= 1
    session.close()
