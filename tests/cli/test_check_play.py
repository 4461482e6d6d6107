"""`oefening check --play N`: plays the story and reports every inject shown while what it
expects did not hold, at the inject's line, with the first world it happened in."""

from __future__ import annotations

import pytest

from tests.paths import DATA, ROOT
from tests.run_cli import run_cli

LYING = str(DATA / "lying.yaml")
PLAN = str(DATA / "lying-plan.yaml")


def test_a_lying_inject_is_caught_at_its_line():
    """Nobody acting, the report that nothing is paid is true; with the fallback started in
    time (the plan, and some random teams) it is not."""
    outcome = run_cli("check", "--play", "5", LYING, PLAN)
    assert outcome.code == 2
    lines = outcome.err.splitlines()
    assert len(lines) == 1, outcome.err
    assert lines[0].startswith(f"{LYING}:42:7: event 'nothing-paid': shown while what it expects did not hold")
    assert "decided by in-time" in lines[0] and "t=48h" in lines[0] and "turn 13" in lines[0]
    assert f"{LYING}: lies found in 15 runs" in outcome.out


def test_nobody_acting_the_same_story_is_true():
    """Nobody acting the same story is true."""
    outcome = run_cli("check", "--play", "3", LYING)
    assert (outcome.code, outcome.err) == (0, "")
    assert "the story held in 6 runs" in outcome.out


def test_a_bad_number_of_worlds_is_one_line():
    """A bad number of worlds is one line."""
    outcome = run_cli("check", "--play", "0", LYING)
    assert outcome.code == 2 and "--play: found 0" in outcome.err and "Traceback" not in outcome.err


BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("scenario", BUNDLED, ids=lambda p: p.stem)
def test_the_bundled_stories_never_lie(scenario):
    """Each bundled scenario with its plans, in a few worlds (`check --play 200` in full)."""
    plans = sorted((ROOT / "scenarios" / "plans").glob(f"{scenario.stem}-*.yaml"))
    outcome = run_cli("check", "--play", "8", str(scenario), *map(str, plans))
    assert (outcome.code, outcome.err) == (0, ""), outcome.err
