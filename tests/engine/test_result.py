"""The result as frozen, typed records (engine/result.py): one ``as_json()`` gives exactly the
JSON of SPEC §4 that ``run --json`` prints; record kinds are checked; the turns and the trend
are read from the record; Monte Carlo rows are named records."""

from __future__ import annotations

import dataclasses
import json

import pytest

from oefening.decide import play
from oefening.engine.decisions import Activate
from oefening.engine.exercise import Exercise
from oefening.engine.record import KINDS, Record
from oefening.engine.result import ProcessResult, Result, WithinMtpd
from oefening.experiments.backends import Outcome, outcome
from oefening.scenario.load import load_scenario
from tests.paths import MINIMAL
from tests.run_cli import run_cli

SPEC_KEYS = ["scenario", "seed", "plan", "horizon_hours", "continuity", "cost", "mtpd_breaches",
             "processes", "timeline"]
SPEC_PROCESS_KEYS = ["criticality", "demand", "served", "late", "backlog_end", "peak_backlog",
                     "backlog_hours", "disrupted_hours", "mtpd_breached", "mtpd_breach_at"]
FALLBACK = "uitvoering/uitkeringen/handmatig"


def _played(seed: int = 3) -> Exercise:
    exercise = Exercise(load_scenario(MINIMAL), seed)
    exercise.decide(Activate(FALLBACK))
    exercise.run_to_end()
    return exercise


def test_as_json_is_what_run_json_prints() -> None:
    """The record's JSON equals, to the letter, what ``run --json`` prints for the same run."""
    printed = run_cli("run", str(MINIMAL), "--seed", "3", "--json")
    assert printed.code == 0, printed.err
    exercise = Exercise(load_scenario(MINIMAL), 3)
    play(exercise, None)
    assert json.dumps(exercise.outcome().as_json()) == printed.out.strip()
    assert exercise.result() == exercise.outcome().as_json()


def test_the_json_starts_with_spec_section_4_in_its_order() -> None:
    """SPEC §4's keys come first, in its order, then the extensions; per process the same."""
    data = _played().outcome().as_json()
    assert list(data)[:len(SPEC_KEYS)] == SPEC_KEYS
    assert {"continuity_projected", "vital_within_mtpd"} <= set(data)
    proc = data["processes"]["uitvoering/uitkeringen"]
    assert list(proc)[:len(SPEC_PROCESS_KEYS)] == SPEC_PROCESS_KEYS and "late_projected" in proc
    assert data["vital_within_mtpd"] == {"held": int(not proc["mtpd_breached"]), "of": 1}
    assert data["timeline"][:2] == [{"t": 0.0, "kind": "activate", "id": FALLBACK, "ready_at": 24.0},
                                    {"t": 24.0, "kind": "event", "id": "credit-warning"}]
    assert all(entry["kind"] in KINDS for entry in data["timeline"])


def test_records_are_typed_and_frozen() -> None:
    """Fields are read by name and cannot be changed after the fact."""
    result = _played().outcome("team")
    assert isinstance(result, Result) and result.plan == "team"
    proc = result.processes["uitvoering/uitkeringen"]
    assert isinstance(proc, ProcessResult) and isinstance(result.vital_within_mtpd, WithinMtpd)
    assert result.mtpd_breaches == sum(p.mtpd_breached for p in result.processes.values())
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.continuity = 100.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        proc.late = 0.0  # type: ignore[misc]


def test_numbers_so_far_of_an_unfinished_exercise() -> None:
    """Before the horizon ``result()`` refuses; ``outcome(so_far=True)`` gives the numbers up to now."""
    exercise = Exercise(load_scenario(MINIMAL), 3)
    exercise.advance()
    with pytest.raises(RuntimeError):
        exercise.result()
    so_far = exercise.outcome(so_far=True)
    assert so_far.processes["uitvoering/uitkeringen"].demand < _played().outcome().processes[
        "uitvoering/uitkeringen"].demand


def test_an_unknown_record_kind_is_refused() -> None:
    """The kinds are a Literal; anything else raises (not an assert, which -O removes)."""
    record = Record()
    record.add(0.0, "inject", "facilitator", title="x")
    with pytest.raises(ValueError, match="unknown record kind 'explosion'"):
        record.add(1.0, "explosion", "x")  # type: ignore[arg-type]
    assert len(record) == 1


def test_turns_and_trend_are_read_from_the_record(minimal_session) -> None:  # type: ignore[no-untyped-def]
    """Each turn boundary is marked in the record with its first entry; a session's trend is
    the record's, and after an undo the rebuilt record says the same as a fresh run."""
    scenario = load_scenario(MINIMAL)
    exercise = Exercise(scenario, 2)
    reports = [exercise.advance() for _ in range(3)]
    marks = exercise.world.record.turns
    assert [m.turn for m in marks] == [0, 1, 2, 3]
    assert [m.t for m in marks] == [0.0, scenario.turn, 2 * scenario.turn, 3 * scenario.turn]
    for k, report in enumerate(reports):
        assert exercise.world.record.turn_entries(k) == report.entries
    assert exercise.world.record.trend == []  # not sampled unless asked for

    session = minimal_session(seed=2)
    for _ in range(3):
        session.advance()
    session.decide(Activate(FALLBACK))
    session.advance()
    session.undo()
    record = session.exercise.world.record
    assert [m.first for m in record.turns] == session.turn_marks and len(record.turns) == 4
    assert session.trend == [(p.t, p.continuity, p.backlog) for p in record.trend]
    assert session.trend[:2] == [(0.0, 100.0, 0.0), (scenario.turn, 100.0, 0.0)]  # nothing late yet


def test_monte_carlo_rows_are_named_records() -> None:
    """A replication's outcome is read by name: continuity, cost, breached processes."""
    exercise = _played()
    row = outcome(exercise)
    assert isinstance(row, Outcome)
    result = exercise.outcome()
    assert row.continuity == result.continuity and row.cost == result.cost
    breached = [i for i, p in enumerate(result.processes.values()) if p.mtpd_breached]
    assert list(row.breached) == breached
