"""Which team consoles are open, as the facilitator sees it (issue 13): a real ``oefening join``
in its own process (on a terminal of its own, a pty) appears on the facilitator's console as
open and, after ``kill -9``, as lost; auto-advance waits only for the teams with a console
open (or lost this turn) and names them; a console closed holds nothing up. Nothing of this is
in the journal: presence files beside it (``journal.presence``)."""

from __future__ import annotations

import os
import pty
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from oefening.journal.presence import Consoles, look
from oefening.journal.session import Session
from oefening.ui import make_app
from oefening.ui.screens.confirm import ConfirmDialog
from oefening.ui.teams import make_team_app
from tests.paths import ROOT
from tests.ui.test_teams_ui import lines, screen_text, start, until
from tests.ui.test_ui import pilot_test


def _join(journal: Path, team: str) -> subprocess.Popen[bytes]:
    """``oefening join JOURNAL --team TEAM`` on a pseudo-terminal of its own (read and thrown
    away, as a terminal would show it)."""
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    proc = subprocess.Popen([sys.executable, "-m", "oefening", "join", str(journal), "--team", team, "--lang", "en"],
                            stdin=follower, stdout=follower, stderr=follower, env=env, close_fds=True)
    os.close(follower)

    def drain() -> None:
        try:
            while os.read(leader, 65536):
                pass
        except OSError:
            pass
        os.close(leader)

    threading.Thread(target=drain, daemon=True).start()
    return proc


def _waiting_line(text: str) -> str:
    """The facilitator's teams line (it wraps at 120 columns: two screen lines)."""
    rows = text.splitlines()
    at = next(i for i, row in enumerate(rows) if row.strip().startswith("Teams: "))
    return " ".join(row.strip() for row in rows[at:at + 2])


@pytest.mark.slow
@pilot_test
async def test_a_joined_console_shows_open_and_after_kill_9_lost(tmp_path: Path) -> None:
    facilitator = start(tmp_path)
    beta = Session.join(facilitator.journal_path, team="beta")
    app = make_app(facilitator, clock=lambda: 0.0)
    proc = _join(facilitator.journal_path, "alfa")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            # (the teams scenario opens on the turn screen: its storage failure is in the record from t=0)
            await until(pilot, app, "Team Gamma □ no console")
            text = await until(pilot, app, "· Team Alfa │", seconds=60)   # the join's process is up
            assert "Team Beta │" in text and "Team Alfa □" not in text
            assert facilitator.consoles() == Consoles({"alfa": 1, "beta": 1}, {})
            await pilot.press("g")
            await until(pilot, app, "How the teams join")
            await pilot.press("a", "escape")                               # advance when every team is ready
            beta.ready()
            await until(pilot, app, "1 of 4 teams ready")
            text = await until(pilot, app, "waiting for Team Alfa")        # Alfa's console is open: waited for
            assert "waiting for Team Alfa," not in _waiting_line(text)     # only Alfa: Gamma and nks play not
            assert facilitator.exercise.turn == 0
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            text = await until(pilot, app, "Team Alfa □ console lost")
            await pilot.pause(0.5)
            assert facilitator.exercise.turn == 0                          # it may be joining again: waited for
            assert "waiting for Team Alfa" in screen_text(app)
            await pilot.press("n")                                         # the facilitator goes on without it
            await pilot.pause(0.2)
            if isinstance(app.screen, ConfirmDialog):                      # "nothing decided: go on?"
                await pilot.press("n")
            text = await until(pilot, app, "Team Alfa □ no console")       # lost at turn 1, gone at turn 2
            assert facilitator.consoles() == Consoles({"beta": 1}, {})
            assert not [p for p in tmp_path.iterdir() if ".console." in p.name and "beta" not in p.read_text()]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        beta.close()
        facilitator.close()
    # the journal holds no line about consoles
    written = lines(facilitator)[1:]
    assert [line["type"] for line in written] == ["auto", "ready", "turn", "end"][:len(written)]
    assert len(written) >= 3


@pilot_test
async def test_auto_advance_waits_for_the_consoles_open_and_names_them(tmp_path: Path) -> None:
    """Alfa and Beta have their consoles open, Gamma and the coordination nobody: Alfa's ready
    leaves the turn waiting for Beta by name; Beta's console closing (q) lets the turn go on,
    and the facilitator is told whom it did not wait for. nl too."""
    facilitator = start(tmp_path, lang="nl")
    alfa = Session.join(facilitator.journal_path, team="alfa")
    beta = Session.join(facilitator.journal_path, team="beta")
    app = make_app(facilitator, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        text = await until(pilot, app, "Team Gamma □ geen scherm")
        assert "Nationale crisisstaf □ geen scherm" in _waiting_line(text)
        assert "Team Alfa □" not in text and "Team Bèta □" not in text
        await pilot.press("g")
        await until(pilot, app, "Zo sluiten de teams aan")
        await pilot.press("a", "escape")
        text = await until(pilot, app, "wacht op Team Alfa, Team Bèta")
        alfa.ready()
        text = await until(pilot, app, "1 van 4 teams klaar")
        line = _waiting_line(text)
        assert "wacht op Team Bèta" in line and "Team Alfa, " not in line
        assert facilitator.exercise.turn == 0
        await pilot.press("g")                                             # the overview says it per team
        text = await until(pilot, app, "scherm open")
        assert re.search(r"Team Alfa\s+· nog niets besloten\s+✔ klaar\s+▣ scherm open", text)
        assert re.search(r"Team Gamma\s+· nog niets besloten\s+· niet klaar\s+□ geen scherm", text)
        assert "wacht op Team Bèta" in text
        second = Session.join(facilitator.journal_path, team="alfa")      # a wall screen and a laptop
        text = await until(pilot, app, "▣ 2 schermen open")
        second.close()
        await pilot.press("escape")
        beta.close()                                                       # Beta's console closes: not waited for
        text = await until(pilot, app, "Beurt 2 van 20")
        toasts = [n.message for n in app._notifications]
        assert any("niet gewacht op Team Bèta, Team Gamma" in m and "door naar beurt 2" in m for m in toasts), toasts
        assert "Team Bèta □ geen scherm" in text
        assert "wacht op Team Alfa" in _waiting_line(text)                 # a new turn: Alfa is waited for again
    alfa.close()
    facilitator.close()


def test_a_console_lost_is_waited_for_at_its_turn_only(tmp_path: Path) -> None:
    """A presence file whose holder died (its lock gone) is a console lost at the turn it
    stood at: waited for at that turn, removed once the exercise is past it. A console that
    closes removes its file. With nobody ready nothing advances by itself."""
    facilitator = start(tmp_path)
    facilitator.set_auto(True)
    alfa = Session.join(facilitator.journal_path, team="alfa")
    path = alfa._presence.path   # type: ignore[union-attr]
    assert path is not None and path.read_text().splitlines()[1] == "0000000000"
    kept = path.read_bytes()
    alfa.close()
    assert not path.exists() and look(facilitator.journal_path, 0) == Consoles()
    assert not facilitator.refresh() and facilitator.exercise.turn == 0   # nobody ready, nobody there
    path.write_bytes(kept)                                                # as a console killed at turn 0 leaves it
    assert look(facilitator.journal_path, 0) == Consoles({}, {"alfa": 0})
    beta = Session.join(facilitator.journal_path, team="beta")
    assert beta.ready() is False and beta.waiting_for() == ["alfa"]       # Alfa may be joining again
    facilitator.advance()
    assert look(facilitator.journal_path, 1) == Consoles({"beta": 1}, {}) and not path.exists()
    beta.refresh()
    assert beta._presence is not None and beta._presence.path is not None   # type: ignore[union-attr]
    assert beta._presence.path.read_text().splitlines()[1] == "0000000001"   # type: ignore[union-attr]
    assert beta.ready() is True and beta.exercise.turn == 2               # the only console open, ready
    beta.close()
    facilitator.close()


def test_a_file_left_by_a_process_killed_while_joining_is_removed_later(tmp_path: Path) -> None:
    facilitator = start(tmp_path)
    left = tmp_path / ".teams.jsonl.joining.abc123"
    left.write_text('{"team": "alfa", "pid": 1}\n0000000000\n')
    assert look(facilitator.journal_path, 0) == Consoles() and left.exists()   # may be opening right now
    old = time.time() - 60
    os.utime(left, (old, old))
    assert look(facilitator.journal_path, 0) == Consoles() and not left.exists()
    facilitator.close()


@pilot_test
async def test_a_ready_team_sees_whom_the_turn_still_waits_for(tmp_path: Path) -> None:
    """With auto-advance on, Alfa's console after its ready names the team with a console open
    that is not ready yet (Beta), not Gamma or the coordination, whom nobody plays; once Beta's
    console closes, the turn goes on."""
    facilitator = start(tmp_path)
    facilitator.set_auto(True)
    alfa = Session.join(facilitator.journal_path, team="alfa")
    beta = Session.join(facilitator.journal_path, team="beta")
    app = make_team_app(alfa, "en", poll=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        text = await until(pilot, app, "the turn goes on once these are ready too: Team Beta.")
        assert "Gamma" not in text.split("these are ready too:")[1].split("\n")[0]
        beta.close()
        await until(pilot, app, "Turn 2 of 20")   # nobody left to wait for
        assert "Now turn 2." in [n.message for n in app._notifications]
    alfa.close()
    facilitator.close()
