"""Snapshots of the team console (``oefening join``) at 120×40 and 80×24: Team Alfa of the
three-team test scenario after the storage failure, with its fallback under way, a message from
Team Beta and Beta's ready. Fixed seed, no wall-clock on screen; regenerate with
``pytest tests/ui/test_teams_snapshots.py --snapshot-update`` and look at them before committing."""

from __future__ import annotations

from pathlib import Path

import pytest

from oefening.engine.decisions import Activate
from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from oefening.ui.teams import make_team_app
from tests.paths import DATA

TEAMS = DATA / "teams.yaml"


def alfa_console() -> Session:
    facilitator = Session.start(TEAMS, load_scenario(TEAMS), seed=1, lang="en", journal_path="teams.jsonl")
    facilitator.advance()
    assert facilitator.release("storing")
    beta = Session.join(facilitator.journal_path, team="beta")
    beta.decide(Activate("bb/loket/nood"))
    beta.message("alfa", "We took the emergency site; do you need it more?")
    beta.ready()
    beta.close()
    facilitator.close()
    alfa = Session.join("teams.jsonl", team="alfa")
    alfa.decide(Activate("aa/loket/nood"))
    return alfa


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_team_console(snap_compare, in_tmp: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    session = alfa_console()
    assert snap_compare(make_team_app(session, "en", clock=lambda: 0.0), terminal_size=size)
    session.close()
