"""Snapshots of the main screens at a fixed seed and size (pytest-textual-snapshot): the
briefing, a turn in the acute phase, and the end screen. No wall-clock is on screen and the
journal path is relative, so the pictures only change when the UI does; regenerate them with
``pytest tests/test_ui_snapshots.py --snapshot-update`` and look at them before committing."""

from __future__ import annotations

from pathlib import Path

import pytest

from oefening.engine.decisions import Activate, TakeAction
from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from oefening.ui import make_app
from tests.paths import ROOT

MINIMAL = ROOT / "tests" / "data" / "minimal.yaml"
DEFAULT = ROOT / "scenarios" / "leverancier-faillissement.yaml"
SIZE = (120, 40)


def session_of(scenario: Path, lang: str, seed: int = 7) -> Session:
    return Session.start(scenario, load_scenario(scenario), seed=seed, lang=lang, journal_path="journal.jsonl")


def test_briefing_screen(snap_compare, in_tmp: Path) -> None:  # type: ignore[no-untyped-def]
    """The briefing of the bundled default scenario, in English."""
    session = session_of(DEFAULT, "en")
    assert snap_compare(make_app(session), terminal_size=SIZE)
    session.close()


def test_turn_screen(snap_compare, in_tmp: Path) -> None:  # type: ignore[no-untyped-def]
    """A turn of the default scenario after the bankruptcy, in Dutch: bars, injects marked NEW,
    a fallback under way and decisions open and closed."""
    session = session_of(DEFAULT, "nl")
    session.decide(TakeAction("extra-capaciteit-uitkeringen"))
    while not any(s.status == "failed" for s in session.exercise.snapshot().suppliers):
        session.advance()
    session.advance()
    session.decide(Activate("uitkeringsinstituut/uitkeringen-betalen/handmatig"))
    session.inject("Minister belt", "De minister wil om 16.00 uur een stand van zaken.")
    assert snap_compare(make_app(session), terminal_size=SIZE)
    session.close()


def test_end_screen(snap_compare, in_tmp: Path) -> None:  # type: ignore[no-untyped-def]
    """The end of the minimal scenario with one fallback, in English."""
    session = session_of(MINIMAL, "en", seed=3)
    session.decide(Activate("uitvoering/uitkeringen/handmatig"))
    session.note("Team acted early", "observer")
    while not session.exercise.finished:
        session.advance()
    assert snap_compare(make_app(session), terminal_size=SIZE)
    session.close()


def _console_session() -> Session:
    """The minimal scenario at the credit warning: one inject released and reworded, a question
    put, one inject held back (for the players' view it must not show)."""
    session = session_of(MINIMAL, "en", seed=3)
    for _ in range(6):
        session.advance()
    session.edit("credit-warning", "GlobalTech in trouble", "Their bank has stopped the credit line.")
    session.release("credit-warning")
    session.ask("Who calls GlobalTech, and what do we ask?")
    session.inject("Press call", "A reporter asks whether payments are safe.", "media", "warning")
    return session


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_players_view(snap_compare, in_tmp: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The players' view of that moment, at a projector's 120×40 and at 80×24."""
    from oefening.journal.follow import Follower
    from oefening.ui.players import players_app

    session = _console_session()
    follower = Follower(session.journal_path)
    assert snap_compare(players_app(follower.poll, clock=lambda: 0.0), terminal_size=size)
    session.close()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_console_direction_dialog(snap_compare, in_tmp: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The facilitator's direction dialog over the console at 120×40 and 80×24."""
    session = _console_session()

    async def open_direction(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("f")
        await pilot.pause()

    assert snap_compare(make_app(session, clock=lambda: 0.0), terminal_size=size, run_before=open_direction)
    session.close()


def test_console_at_80_by_24(snap_compare, in_tmp: Path) -> None:  # type: ignore[no-untyped-def]
    """The console's turn screen at 80×24."""
    session = _console_session()
    assert snap_compare(make_app(session, clock=lambda: 0.0), terminal_size=(80, 24))
    session.close()


def test_console_at_120_by_40(snap_compare, in_tmp: Path) -> None:  # type: ignore[no-untyped-def]
    """The console's turn screen at a projector's 120×40, at the moment of the players' view
    snapshot: the facilitator sees what became of each storyline inject (released, text
    edited), the players only the words released."""
    session = _console_session()
    assert snap_compare(make_app(session, clock=lambda: 0.0), terminal_size=(120, 40))
    session.close()


SNAPSHOTS = Path(__file__).parent / "__snapshots__" / "test_ui_snapshots"
README_SCREENSHOTS = {   # docs/ file: the snapshot it is a copy of (`make screenshots` copies them)
    "screenshot-turn.svg": "test_turn_screen.svg",
    "screenshot-console.svg": "test_console_at_120_by_40.svg",
    "screenshot-players.svg": "test_players_view[size0].svg",
    "screenshot-direction.svg": "test_console_direction_dialog[size0].svg",
}


@pytest.mark.parametrize("doc", sorted(README_SCREENSHOTS))
def test_readme_screenshots_are_the_current_snapshots(doc: str) -> None:
    """The pictures in README.md and docs/tui.md show the UI as it is: each is a copy of a
    snapshot above (after ``--snapshot-update``, run ``make screenshots``)."""
    shown = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    snapshot = (SNAPSHOTS / README_SCREENSHOTS[doc]).read_text(encoding="utf-8")
    assert shown == snapshot, f"docs/{doc} is not the current {README_SCREENSHOTS[doc]}: run make screenshots"
