"""The Session: every input journalled and replayable, undo as an appended line, notes kept,
the trend for the sparkline, and a live exercise equal to its replay to the last bit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oefening.engine.decisions import Activate, Deactivate, TakeAction
from oefening.engine.exercise import Exercise
from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from tests.paths import DATA

SCENARIO = DATA / "minimal.yaml"
FALLBACK = "uitvoering/uitkeringen/handmatig"


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(SCENARIO)


def _same(a: dict, b: dict) -> None:
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _state(exercise: Exercise) -> str:
    """Everything a player sees, plus the record: equal strings mean equal exercises."""
    snapshot = exercise.snapshot()
    record = [entry.as_json() for entry in exercise.world.record.entries]
    return repr((snapshot, record, exercise.turn))


def _start(scenario, tmp_path: Path, name: str = "j.jsonl") -> Session:
    return Session.start(SCENARIO, scenario, seed=11, lang="en", journal_path=tmp_path / name)


def _types(path: Path) -> list[str]:
    return [json.loads(line)["type"] for line in path.read_text().splitlines()]


def test_undo_equals_never_having_taken_the_turn(scenario, tmp_path: Path) -> None:
    """After undo the exercise equals a fresh run that never took the undone turn nor the
    inputs at the boundary it started from; the journal keeps those lines plus an undo line,
    and replaying the journal gives the state after undo."""
    session = _start(scenario, tmp_path)
    for _ in range(7):
        session.advance()
    session.decide(TakeAction("exit-plan"))
    session.inject("Press", "A journalist calls.")
    session.advance()
    session.decide(Activate(FALLBACK))      # at turn 8, lost with the undo as well
    assert session.undo() is True
    assert session.exercise.turn == 7

    fresh = _start(scenario, tmp_path, "fresh.jsonl")
    for _ in range(7):
        fresh.advance()
    assert _state(session.exercise) == _state(fresh.exercise)
    assert session.trend == fresh.trend and len(session.trend) == 8
    assert session.this_turn == []

    assert _types(session.journal_path)[-5:] == ["decision", "inject", "turn", "decision", "undo"]
    assert _state(Session.read(session.journal_path).exercise) == _state(session.exercise)

    # deciding again after undo: the same as deciding so the first time
    session.decide(Activate(FALLBACK))
    session.play(None)
    fresh.decide(Activate(FALLBACK))
    fresh.play(None)
    _same(session.result(), fresh.result())
    session.close()
    _same(Session.read(session.journal_path).result(), fresh.result())


def test_undo_at_turn_zero_does_nothing(scenario, tmp_path: Path) -> None:
    """At turn 0 there is no turn to take back: False, and nothing is written."""
    session = _start(scenario, tmp_path)
    session.decide(TakeAction("exit-plan"))
    before = session.journal_path.read_bytes()
    assert session.undo() is False
    assert session.journal_path.read_bytes() == before
    assert len(session.this_turn) == 1


def test_repeated_undo_and_notes_survive(scenario, tmp_path: Path) -> None:
    """Undo can go back several turns; notes are kept, whatever was undone."""
    session = _start(scenario, tmp_path)
    session.advance()
    session.note("first", author="observer")
    session.advance()
    session.note("second")
    assert session.undo() and session.undo()
    assert session.exercise.turn == 0 and len(session.trend) == 1
    assert [n["text"] for n in session.notes] == ["first", "second"]
    assert session.notes[0] == {"turn": 1, "t": 4.0, "text": "first", "author": "observer"}
    session.close()
    again = Session.resume(session.journal_path)
    assert again.notes == session.notes and again.exercise.turn == 0
    assert again.undo() is False


def test_facilitator_inputs_are_replayed(scenario, tmp_path: Path) -> None:
    """Events fired by hand and free-text injects are journalled and come back on resume; the
    bankruptcy fired before the credit warning it follows brings the warning first, one
    journal line each, so a replay fires each alone."""
    session = _start(scenario, tmp_path)
    session.advance()
    assert session.fire_event("bankruptcy") is True
    assert session.fire_event("bankruptcy") is False          # fired already: nothing written
    assert session.fire_event("no-such-event") is False
    session.inject("Kamervragen", "De minister wil weten wat er speelt.")
    session.advance()
    lines = _types(session.journal_path)
    assert lines.count("event") == 2 and lines.count("inject") == 1
    fired = [json.loads(line)["id"] for line in session.journal_path.read_text().splitlines()
             if json.loads(line)["type"] == "event"]
    assert fired == ["credit-warning", "bankruptcy"]
    session.close()
    resumed = Session.resume(session.journal_path)
    assert _state(resumed.exercise) == _state(session.exercise)
    kinds = [(e.kind, e.id, e.detail.get("by")) for e in resumed.exercise.world.record.entries]
    assert ("event", "bankruptcy", "facilitator") in kinds and ("inject", "facilitator", None) in kinds
    resumed.close()


def test_refused_decisions_are_journalled(scenario, tmp_path: Path) -> None:
    """A refused decision is journalled with its code and replays to the same refusal."""
    session = _start(scenario, tmp_path)
    assert session.decide(TakeAction("exit-plan")).code == "unavailable"
    assert session.decide(Deactivate(FALLBACK)).code == "inactive"
    session.close()
    lines = [json.loads(line) for line in session.journal_path.read_text().splitlines()]
    assert [line["refused"] for line in lines[1:]] == ["unavailable", "inactive"]
    assert _state(Session.read(session.journal_path).exercise) == _state(session.exercise)


def test_reading_the_screen_never_changes_the_run(scenario, tmp_path: Path) -> None:
    """A session whose screen reads snapshot() and options() at every turn, as the TUI does,
    ends bit for bit like one nobody looks at, and like its replay."""
    watched, blind = _start(scenario, tmp_path, "a.jsonl"), _start(scenario, tmp_path, "b.jsonl")
    for session, look in ((watched, True), (blind, False)):
        while not session.exercise.finished:
            if look:
                session.exercise.snapshot()
                session.exercise.options()
            if session.exercise.turn == 7:
                session.decide(TakeAction("exit-plan"))
                session.decide(Activate(FALLBACK))
            session.advance()
            if look:
                session.exercise.snapshot()
        session.close()
    _same(watched.result(), blind.result())
    _same(Session.read(watched.journal_path).result(), watched.result())


def test_resume_a_finished_journal(scenario, tmp_path: Path) -> None:
    """A finished journal resumes finished, with the same result; undo then reopens the last turn."""
    session = _start(scenario, tmp_path)
    session.play(None)
    result = session.result()
    session.close()
    resumed = Session.resume(session.journal_path)
    assert resumed.exercise.finished and resumed.notices == []
    _same(resumed.result(), result)
    with pytest.raises(RuntimeError):
        resumed.advance()
    assert resumed.undo() and not resumed.exercise.finished
    resumed.advance()
    resumed.close()
    _same(Session.read(session.journal_path).result(), result)
    assert _types(session.journal_path)[-4:] == ["end", "undo", "turn", "end"]


def test_trend(scenario, tmp_path: Path) -> None:
    """The trend has (t, continuity, total backlog) at t=0 and after every turn."""
    session = _start(scenario, tmp_path)
    session.play(None)
    assert len(session.trend) == session.exercise.turns + 1
    assert [t for t, _, _ in session.trend[:3]] == [0.0, 4.0, 8.0]
    t, continuity, backlog = session.trend[-1]
    assert t == 168.0 and continuity == pytest.approx(session.result()["continuity"])
    assert backlog == pytest.approx(sum(p["backlog_end"] for p in session.result()["processes"].values()))
    session.close()
