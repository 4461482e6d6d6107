"""The Show of issue 13: three team processes, the coordination's and the facilitator's
deciding at the same time over 20 turns on one journal, one team killed with SIGKILL in the
middle of a turn and joining again: the journal replays to the result every process saw
live, no decision is lost or doubled, and each team saw only its own organisations (and
what was shared with it) and only the injects meant for it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from tests.journal.team_player import GAMMA_ONLY, MESSAGES, SHARES
from tests.paths import DATA, ROOT

SCENARIO = DATA / "teams.yaml"
PLAYER = Path(__file__).with_name("team_player.py")
ROLES = ("facilitator", "alfa", "beta", "gamma", "nks")


def _spawn(journal: Path, role: str, out: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, str(PLAYER), str(journal), role, str(out)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _said(out: Path) -> list[dict]:
    """What a player printed so far: its complete lines (a line with a screen's text is long,
    so the player may be in the middle of writing it)."""
    if not out.exists():
        return []
    *complete, _ = out.read_text(encoding="utf-8").split("\n")
    return [json.loads(line) for line in complete]


def _wait(until, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not until():
        assert time.monotonic() < deadline, "the players did not get there in time"
        time.sleep(0.01)


@pytest.mark.slow
def test_teams_decide_at_once_one_is_killed_and_rejoins(tmp_path):
    journal = tmp_path / "teams.jsonl"
    Session.start(SCENARIO, load_scenario(SCENARIO), seed=5, journal_path=journal).close()
    outs = {role: tmp_path / f"{role}.out" for role in ROLES}
    procs = {role: _spawn(journal, role, outs[role]) for role in ROLES}
    try:
        # beta took its turn-5 decision and has not said it is ready: killed there, mid-turn
        _wait(lambda: any(s["step"] == "decision" and s["turn"] == 5 for s in _said(outs["beta"])))
        procs["beta"].send_signal(signal.SIGKILL)
        procs["beta"].wait()
        before = _said(outs["beta"])
        procs["beta"] = _spawn(journal, "beta", outs["beta"])
        for role, proc in procs.items():
            assert proc.wait(timeout=60) == 0, (role, proc.stderr.read().decode() if proc.stderr else "")
    finally:
        for proc in procs.values():   # never leave a player running
            if proc.poll() is None:
                proc.kill()
                proc.wait()

    lines = [json.loads(line) for line in journal.read_text().splitlines()[1:]]
    assert [line["turn"] for line in lines if line["type"] == "turn"] == list(range(1, 21))
    # no decision lost or doubled: every decision a player said it took is in the journal,
    # at the turn it said, exactly once
    taken = sorted((line["team"], line["turn"], json.dumps(line["decision"], sort_keys=True))
                   for line in lines if line["type"] == "decision")
    said = sorted((role, s["turn"], json.dumps(s["decision"], sort_keys=True))
                  for role in ROLES[1:] for s in _said(outs[role]) if s["step"] == "decision")
    assert taken == said and len(taken) == len(set(taken)) == 13
    assert any(s["step"] == "decision" for s in before)   # beta had decided before it was killed
    # the replay gives what every process saw live, to the last bit
    replayed = json.dumps(Session.read(journal).result(), sort_keys=True)
    for role in ROLES:
        results = [s["result"] for s in _said(outs[role]) if s["step"] == "result"]
        assert results and json.dumps(results[-1], sort_keys=True) == replayed, role
    # what each team's session answered: its own organisations (Gamma's with Beta's once Beta
    # shares them), Alfa's tip only at Alfa
    share = SHARES["beta"][0]
    for role, own in (("alfa", ["aa"]), ("beta", ["bb"]), ("gamma", ["cc"]), ("nks", [])):
        readies = [s for s in _said(outs[role]) if s["step"] == "ready"]
        assert readies and all(s["sees"] == own for s in readies if role != "gamma" or s["turn"] < share), role
        late = [s for s in readies if s["turn"] >= 3]
        assert all(("tip-a" in s["injects"]) == (role == "alfa") for s in late), role
        assert all("storing" in s["injects"] for s in readies), role
    assert all(s["sees"] == ["bb", "cc"] for s in _said(outs["gamma"]) if s["step"] == "ready" and s["turn"] > share)
    # and what each team's console showed on its screen before it said ready
    screens = {role: {s["turn"]: s["screen"] for s in _said(outs[role]) if s["step"] == "ready"}
               for role in ROLES[1:]}
    for role, texts in screens.items():
        shown = "\n".join(texts.values())
        for words, only in (("Desk A", {"alfa"}), ("Overtime at A", {"alfa"}), ("Overtime at B", {"beta"}),
                            ("For team Alfa only", {"alfa"}),          # a storyline inject for Alfa only
                            (GAMMA_ONLY[1], {"gamma"}),                 # the facilitator's inject to Gamma
                            (MESSAGES["alfa"][2], {"alfa", "nks"})):    # a message from Alfa to the coordination
            assert (words in shown) == (role in only), (role, words)
        for words in ("Wolk BV is down", "Wolk BV — failed", "Emergency site", "Update 1"):   # the shared picture
            assert words in shown, (role, words)
    # Beta's organisation reaches Gamma's screen once Beta shares it, never Alfa's
    assert all("Desk B" not in text for turn, text in screens["gamma"].items() if turn < share)
    assert all("Desk B" in text for turn, text in screens["gamma"].items() if turn > share)
    assert all("Desk B" not in text for text in screens["alfa"].values())
    assert all("Desk B" in text for text in screens["beta"].values())


@pytest.mark.slow
def test_a_facilitator_killed_with_sigkill_does_not_block_the_next(tmp_path):
    """The facilitator's lock of a team journal dies with its process: while the console
    runs, a second `play --resume` is refused; after kill -9 it opens at once."""
    from oefening.errors import OefeningError

    journal = tmp_path / "teams.jsonl"
    Session.start(SCENARIO, load_scenario(SCENARIO), seed=5, journal_path=journal).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom oefening.journal.session import Session\n"
         "s = Session.resume(sys.argv[1])\nprint('open', flush=True)\ntime.sleep(120)\n", str(journal)],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"open\n", holder.stderr
        with pytest.raises(OefeningError, match=f"open already \\(process {holder.pid}\\)"):
            Session.resume(journal)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert journal.with_name(f".{journal.name}.facilitator").exists()   # left behind, but not held
    Session.resume(journal).close()


def _facilitator_for(journal: Path, seconds: float) -> subprocess.Popen[bytes]:
    """A facilitator's session on ``journal`` in its own process that closes after ``seconds``
    (as a console textual-serve is stopping)."""
    return subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom oefening.journal.session import Session\n"
         "s = Session.resume(sys.argv[1])\nprint('open', flush=True)\ntime.sleep(float(sys.argv[2]))\ns.close()\n",
         str(journal), str(seconds)],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.slow
def test_a_new_facilitators_console_waits_for_the_old_one_to_close(tmp_path):
    """Under serve a reloaded tab starts the new console before the old one has stopped:
    with ``wait`` the new one opens once the old one lets go (here after about a second),
    and is refused with the usual line only when the old one stays past the wait."""
    from oefening.errors import OefeningError

    journal = tmp_path / "teams.jsonl"
    Session.start(SCENARIO, load_scenario(SCENARIO), seed=5, journal_path=journal).close()
    old = _facilitator_for(journal, 1.0)
    try:
        assert old.stdout is not None and old.stdout.readline() == b"open\n", old.stderr
        began = time.monotonic()
        with Session.resume(journal, wait=10.0) as session:
            waited = time.monotonic() - began
            assert session.exercise.turn == 0
        assert 0.3 < waited < 10.0
        assert old.wait(timeout=10) == 0
    finally:
        if old.poll() is None:
            old.kill()
            old.wait()
    stays = _facilitator_for(journal, 120.0)
    try:
        assert stays.stdout is not None and stays.stdout.readline() == b"open\n", stays.stderr
        began = time.monotonic()
        with pytest.raises(OefeningError, match=f"open already \\(process {stays.pid}\\)"):
            Session.resume(journal, wait=0.5)
        assert time.monotonic() - began >= 0.5
    finally:
        stays.kill()
        stays.wait()


def test_serve_starts_the_facilitators_console_with_a_wait(tmp_path):
    """The console behind the secret link is `play --resume JOURNAL --wait 5`; play refuses a
    wait that is no number of seconds, in one line (exit 2)."""
    import shlex

    from oefening.cli import build_parser
    from oefening.cli.serve import console_command
    from tests.run_cli import run_cli

    journal = tmp_path / "teams.jsonl"
    Session.start(SCENARIO, load_scenario(SCENARIO), seed=5, journal_path=journal).close()
    command = shlex.split(console_command(journal))
    assert command[1:3] == ["-m", "oefening"]
    args = build_parser().parse_args(command[3:])
    assert (args.resume, args.wait) == (str(journal), 5.0)
    outcome = run_cli("play", "--resume", str(journal), "--wait", "soon")
    assert outcome.code == 2 and "not a number of seconds: 'soon'" in outcome.err
    assert len(outcome.err.strip().splitlines()) <= 2
