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


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in a temporary directory, so the journal path on screen is just journal.jsonl."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


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
