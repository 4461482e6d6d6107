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


def coordination_console() -> Session:
    """The coordination (nks) with one place at the emergency site: Alfa holds it, Beta waits,
    so "Give the place" is offered for Beta and the note names Agency A."""
    facilitator = Session.start(TEAMS, load_scenario(TEAMS), seed=1, lang="en", journal_path="teams.jsonl")
    facilitator.advance()
    assert facilitator.release("storing")
    for team, fallback in (("alfa", "aa/loket/nood"), ("beta", "bb/loket/nood")):
        session = Session.join(facilitator.journal_path, team=team)
        assert session.decide(Activate(fallback)) is None
        session.close()
    facilitator.close()
    return Session.join("teams.jsonl", team="nks")


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_coordination_console(snap_compare, in_tmp: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    session = coordination_console()
    assert snap_compare(make_team_app(session, "en", clock=lambda: 0.0), terminal_size=size)
    session.close()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_coordination_release_form(snap_compare, in_tmp: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The release form (b) filled in: the team and an amount the reserve does not cover, sent,
    so its one-line refusal shows under the fields."""
    session = coordination_console()

    async def fill(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("b")
        await pilot.pause(0.2)
        pilot.app.screen.query_one("#form-team").value = "alfa"
        pilot.app.screen.query_one("#form-amount").value = "€ 150,000"
        await pilot.press("tab", "enter")
        await pilot.pause(0.2)

    assert snap_compare(make_team_app(session, "en", clock=lambda: 0.0), terminal_size=size, run_before=fill)
    session.close()
