"""Fixtures the tests share: a temporary working folder, the minimal scenario (loaded once),
and journalled sessions on it that are closed after the test.

Property tests (hypothesis) explore new examples on a developer's machine; under CI (``CI``
set) they run derandomized, so a red CI always means a change and never a lucky draw, and
the same commit gives the same verdict on every machine."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from oefening.scenario.model import Scenario
from tests.paths import MINIMAL

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in a temporary directory, so a journal path on screen is just its name."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def minimal_scenario() -> Scenario:
    """tests/data/minimal.yaml, loaded once (a scenario is frozen, so tests may share it)."""
    return load_scenario(MINIMAL)


@pytest.fixture
def minimal_session(tmp_path: Path, minimal_scenario: Scenario) -> Iterator[Callable[..., Session]]:
    """Start journalled sessions on the minimal scenario (``seed``, ``lang``, ``name`` of the
    journal in tmp_path); each is closed when the test ends."""
    opened: list[Session] = []

    def start(seed: int = 0, lang: str = "en", name: str = "journal.jsonl", **options: object) -> Session:
        session = Session.start(MINIMAL, minimal_scenario, seed=seed, lang=lang,
                                journal_path=tmp_path / name, **options)  # type: ignore[arg-type]
        opened.append(session)
        return session

    yield start
    for session in opened:
        session.close()
