"""``oefening replay`` prints exactly what ``run`` printed for the run that wrote the journal
(``--json``: byte for byte), and the decisions of a journal replay through a plain decider."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oefening.decide import Scripted, play
from oefening.engine.decisions import TakeAction
from oefening.engine.exercise import Exercise
from oefening.journal.format import decisions_by_turn
from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from tests.paths import ROOT
from tests.run_cli import run_cli

BUNDLED = ROOT / "scenarios" / "leverancier-faillissement.yaml"
PLANS = ROOT / "scenarios" / "plans"
MINIMAL = ROOT / "tests" / "data" / "minimal.yaml"
CASES = [
    (BUNDLED, PLANS / "leverancier-faillissement-lauw.yaml", 7),
    (BUNDLED, PLANS / "leverancier-faillissement-laat.yaml", 3),
    (BUNDLED, None, 1),
    (MINIMAL, ROOT / "tests" / "data" / "minimal-plan.yaml", 0),
]


@pytest.mark.parametrize(("scenario", "plan", "seed"), CASES, ids=["lauw", "laat", "nobody", "minimal"])
def test_replay_prints_what_run_printed(tmp_path: Path, scenario: Path, plan: Path | None, seed: int) -> None:
    """``run --json --journal`` and ``replay --json`` give byte-identical stdout; so do the summaries."""
    journal = tmp_path / "run.jsonl"
    args = [str(scenario), "--seed", str(seed), *(["--plan", str(plan)] if plan else [])]
    ran = run_cli("run", *args, "--journal", str(journal), "--json")
    assert ran.code == 0, ran.err
    replayed = run_cli("replay", str(journal), "--json")
    assert replayed.code == 0, replayed.err
    assert replayed.out == ran.out and replayed.err == ""
    result = json.loads(ran.out)
    assert result["seed"] == seed and (result["plan"] is None) == (plan is None)

    summary = tmp_path / "summary.jsonl"
    ran = run_cli("run", *args, "--journal", str(summary), "--lang", "nl")
    assert ran.code == 0, ran.err
    assert run_cli("replay", str(summary)).out == ran.out   # the journal's language is nl


def test_run_journal_has_the_plans_decisions(tmp_path: Path) -> None:
    """The journal of a plan run holds the decisions the plan took, at their turns, and turn lines."""
    journal = tmp_path / "run.jsonl"
    assert run_cli("run", str(BUNDLED), "--plan", str(PLANS / "leverancier-faillissement-lauw.yaml"),
                   "--seed", "7", "--journal", str(journal)).code == 0
    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    assert lines[0]["plan"] == "lauw"
    decisions = [line for line in lines if line["type"] == "decision"]
    assert decisions and all(line["refused"] is None for line in decisions[:1])
    turns = [line["turn"] for line in lines if line["type"] == "turn"]
    assert turns == list(range(1, len(turns) + 1))
    assert lines[-1]["type"] == "end"


def test_run_journal_refuses_to_overwrite(tmp_path: Path) -> None:
    """``run --journal`` on an existing file: exit 2, one line, the file untouched."""
    journal = tmp_path / "run.jsonl"
    journal.write_text("keep\n")
    outcome = run_cli("run", str(MINIMAL), "--journal", str(journal))
    assert outcome.code == 2 and "already exists" in outcome.err and outcome.err.count("\n") == 1
    assert journal.read_text() == "keep\n"


def test_run_journal_in_a_directory_says_so(tmp_path: Path) -> None:
    """``run --journal DIR`` (a folder given where a file is meant): exit 2, one line that
    calls it a directory, not "already exists"; the folder stays empty."""
    outcome = run_cli("run", str(MINIMAL), "--journal", str(tmp_path))
    assert outcome.code == 2 and outcome.out == ""
    assert outcome.err == f"{tmp_path}: is a directory; give the journal a file name, such as {tmp_path}/oefening.jsonl\n"
    assert list(tmp_path.iterdir()) == []


def test_unfinished_journal(tmp_path: Path) -> None:
    """Replaying an exercise that stopped before its horizon says so (exit 2)."""
    session = Session.start(MINIMAL, load_scenario(MINIMAL), journal_path=tmp_path / "j.jsonl")
    session.advance()
    session.close()
    outcome = run_cli("replay", str(session.journal_path), "--json")
    assert outcome.code == 2 and outcome.out == ""
    assert "has not finished: the journal ends at turn 1 of 42" in outcome.err
    assert outcome.err.rstrip().endswith(f"resume it with: oefening play --resume {session.journal_path}")


def test_replay_notices_a_torn_line_and_leaves_the_file(tmp_path: Path) -> None:
    """Replay reads only: a torn last line is reported on stderr and stays in the file."""
    journal = tmp_path / "j.jsonl"
    assert run_cli("run", str(MINIMAL), "--journal", str(journal), "--json").code == 0
    torn = journal.read_bytes() + b'{"type":"no'
    journal.write_bytes(torn)
    outcome = run_cli("replay", str(journal), "--json")
    assert outcome.code == 0 and "incomplete last line" in outcome.err
    assert journal.read_bytes() == torn


def test_team_decisions_replay_over_other_worlds(tmp_path: Path) -> None:
    """decisions_by_turn gives a decider (for Monte Carlo) that repeats the team's decisions;
    in the team's own world it reproduces the team's result."""
    scenario = load_scenario(MINIMAL)
    session = Session.start(MINIMAL, scenario, seed=4, journal_path=tmp_path / "j.jsonl")
    for turn in range(42):
        if turn == 7:
            session.decide(TakeAction("exit-plan"))
        session.advance()
    session.close()
    scenario_id, seed, by_turn = decisions_by_turn(session.journal_path)
    assert (scenario_id, seed, list(by_turn)) == ("minimal", 4, [7])
    exercise = play(Exercise(scenario, seed), Scripted(by_turn))
    team = session.result()
    again = exercise.result("team")
    assert again["timeline"] == team["timeline"]
    assert again["continuity"] == pytest.approx(team["continuity"], rel=1e-12)


def test_resume_with_another_seed_is_refused(tmp_path: Path) -> None:
    """``play --resume J --seed 5``: the journal's seed decides the world, so a seed given too
    is one line, exit 2, before any screen, and the journal is left as it was (it was once
    quietly ignored)."""
    session = Session.start(MINIMAL, load_scenario(MINIMAL), journal_path=tmp_path / "j.jsonl")
    session.advance()
    session.close()
    before = session.journal_path.read_bytes()
    outcome = run_cli("play", "--resume", str(session.journal_path), "--seed", "5")
    assert outcome.code == 2 and outcome.out == ""
    assert outcome.err == "oefening play: --resume goes on with the seed in its journal; leave out --seed\n"
    assert session.journal_path.read_bytes() == before
