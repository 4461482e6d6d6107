"""An exercise survives ``kill -9`` at any moment, even in the middle of writing a journal line:
resuming and finishing gives exactly the result (and the journal) of an uninterrupted run."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.paths import DATA

SCENARIO = DATA / "minimal.yaml"

# The child: drives a Session through a fixed list of operations, one journal line each, and
# resumes from the journal when it exists (skipping the operations already on disk). With
# KILL_AT="op:byte" it kills itself with SIGKILL while writing byte ``byte`` of the line of
# operation ``op`` (-1: after the whole line, before the fsync); with SLOW=s it sleeps s
# seconds per byte so that a kill from outside lands mid-line.
DRIVER = r'''
import json, os, signal, sys, time
from oefening.journal import format as journal_module
from oefening.engine.decisions import decision_from_json
from oefening.scenario.load import load_scenario
from oefening.journal.session import Session

state = {"op": -1}

def slow_write(fd, data):
    kill = os.environ.get("KILL_AT")
    op, at = map(int, kill.split(":")) if kill else (None, None)
    pause = float(os.environ.get("SLOW", "0"))
    if op == state["op"] and at is not None:
        at = len(data) if at < 0 or at > len(data) else at
    else:
        at = None
    for i in range(len(data)):
        if i == at:
            os.kill(os.getpid(), signal.SIGKILL)
        os.write(fd, data[i:i + 1])
        if pause:
            time.sleep(pause)
    if at == len(data):
        os.kill(os.getpid(), signal.SIGKILL)

def drive(scenario_path, journal_path, ops):
    if os.path.exists(journal_path):
        session = Session.resume(journal_path)
        with open(journal_path, "rb") as f:
            done = f.read().count(b"\n") - 1
    else:
        session = Session.start(scenario_path, load_scenario(scenario_path), seed=5, lang="nl",
                                journal_path=journal_path)
        done = 0
    for i in range(done, len(ops)):
        state["op"] = i
        name, *args = ops[i]
        if name == "advance":
            session.advance()
        elif name == "decide":
            session.decide(decision_from_json(args[0]))
        elif name == "inject":
            session.inject(*args)
        elif name == "note":
            session.note(*args)
        elif name == "undo":
            assert session.undo()
        elif name == "fire":
            assert session.fire_event(args[0])
    state["op"] = len(ops)
    session.close()
    return session.result()

if __name__ == "__main__":
    if os.environ.get("KILL_AT") or os.environ.get("SLOW"):
        journal_module._write_all = slow_write
    scenario_path, journal_path, ops_path = sys.argv[1:4]
    with open(ops_path) as f:
        ops = json.load(f)
    print(json.dumps(drive(scenario_path, journal_path, ops)))
'''


def operations() -> list[list[Any]]:
    """About sixty inputs over the 42 turns of the minimal scenario, of every kind."""
    ops: list[list[Any]] = [
        ["note", "De oefening begint", "waarnemer A"],
        ["decide", {"action": "exit-plan"}],                       # refused: not available yet
        ["inject", "Pers belt", "De NOS vraagt om een reactie."],
    ]
    ops += [["advance"]] * 6                                        # turn 6: the supplier is distressed
    ops += [["decide", {"action": "exit-plan"}], ["note", "Exitplan gestart", None]]
    ops += [["advance"]] * 2                                        # turn 8
    ops += [["decide", {"activate": "uitvoering/uitkeringen/handmatig"}], ["fire", "bankruptcy"]]
    ops += [["advance"]] * 2 + [["undo"], ["undo"]]                 # back to turn 8, before its inputs
    ops += [["decide", {"activate": "uitvoering/uitkeringen/handmatig"}], ["inject", "Kamervragen", ""]]
    ops += [["advance"]] * 12                                       # turn 20
    ops += [["decide", {"deactivate": "uitvoering/uitkeringen/handmatig"}],
            ["decide", {"deactivate": "uitvoering/uitkeringen/handmatig"}]]  # refused: not active
    ops += [["advance"]] * 22                                       # turn 42: the horizon
    return ops


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("crash")
    driver = root / "driver.py"
    driver.write_text(DRIVER)
    ops_path = root / "ops.json"
    ops = operations()
    ops_path.write_text(json.dumps(ops))
    namespace: dict[str, Any] = {}
    exec(compile(DRIVER, str(driver), "exec"), namespace)
    reference = root / "reference.jsonl"
    result = namespace["drive"](str(SCENARIO), str(reference), ops)
    return {"root": root, "driver": driver, "ops": ops, "ops_path": ops_path, "drive": namespace["drive"],
            "result": json.dumps(result, sort_keys=True), "lines": _body(reference)}


def _body(journal: Path) -> list[str]:
    """The journal's lines after the header (whose creation time differs)."""
    return journal.read_text(encoding="utf-8").splitlines()[1:]


def _child(setup: dict[str, Any], journal: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(setup["driver"]), str(SCENARIO), str(journal), str(setup["ops_path"])],
        env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _finish(setup: dict[str, Any], journal: Path) -> None:
    child = _child(setup, journal)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert json.dumps(json.loads(out), sort_keys=True) == setup["result"]
    assert _body(journal) == setup["lines"]


@pytest.mark.slow
def test_kill_9_at_twelve_moments_then_resume(setup: dict[str, Any]) -> None:
    """One exercise killed twelve times (between lines, mid-line, after a line before its
    fsync), resumed each time, ends exactly like the uninterrupted run."""
    journal = setup["root"] / "killed.jsonl"
    points = [(0, 0), (1, 9), (3, -1), (8, 17), (11, 1), (14, 30), (17, 0),
              (19, 12), (30, -1), (40, 20), (50, 5), (len(setup["ops"]) - 1, 25)]
    for op, at in points:
        child = _child(setup, journal, KILL_AT=f"{op}:{at}")
        _, err = child.communicate(timeout=60)
        assert child.returncode == -signal.SIGKILL, err
        text = journal.read_bytes()
        assert (text.endswith(b"\n")) == (at in (0, -1)), (op, at)   # a torn line when killed mid-line
    _finish(setup, journal)


@pytest.mark.slow
def test_kill_9_at_random_moments(setup: dict[str, Any]) -> None:
    """Killed from outside at random moments while writing slowly; resume ends the same."""
    rng = random.Random(20250303)
    journal = setup["root"] / "random.jsonl"
    for _ in range(3):
        child = _child(setup, journal, SLOW="0.0005")
        time.sleep(rng.uniform(0.5, 0.8))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=60)
    _finish(setup, journal)


@pytest.mark.parametrize("cut", [0.13, 0.29, 0.41, 0.52, 0.66, 0.78, 0.91, 0.999])
def test_torn_last_line_from_truncation(setup: dict[str, Any], cut: float) -> None:
    """A journal cut anywhere (mid-line) resumes where its last whole line left it."""
    full = (setup["root"] / "reference.jsonl").read_bytes()
    size = int(len(full) * cut)
    if full[size - 1:size] == b"\n":
        size -= 1  # make sure the cut is inside a line
    assert size > full.index(b"\n")  # after the header
    journal = setup["root"] / f"cut-{cut}.jsonl"
    journal.write_bytes(full[:size])
    result = setup["drive"](str(SCENARIO), str(journal), setup["ops"])
    assert json.dumps(result, sort_keys=True) == setup["result"]
    assert _body(journal) == setup["lines"]
