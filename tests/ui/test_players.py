"""The players' view (``oefening show``): it follows the journal the console writes and shows
only what the players may know, asserted on its rendered text; in-process with a Pilot, and
with the console in another process advancing turns while the view follows, starts late and
is restarted."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from oefening.journal.follow import Follower
from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from oefening.ui.players import PlayersApp, players_app
from tests.paths import MINIMAL, ROOT
from tests.ui.test_console import Clock
from tests.ui.test_ui import pilot_test

RUMOUR = "Rumours about GlobalTech"
WARNING = "Leverancier in zwaar weer"
LATER = "Curator appointed"


def scenario_with_injects(tmp_path: Path) -> Path:
    """The minimal scenario with an inject at 8h (to be held) and one at 6d (never reached)."""
    text = MINIMAL.read_text(encoding="utf-8").replace("\nactions:\n", textwrap.dedent(f"""
          - id: rumour
            at: 8h
            inject: {{title: {RUMOUR}, source: media, severity: info}}
          - id: curator
            at: 6d
            inject: {{title: {LATER}, source: news, severity: critical}}

        actions:
        """), 1)
    path = tmp_path / "minimal-injects.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def screen_text(app: PlayersApp) -> str:
    """What is on the screen, as text (the SVG screenshot without its markup)."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def settle(pilot, app: PlayersApp, turn: int, seconds: float = 20.0) -> str:  # type: ignore[no-untyped-def]
    """Wait (polling, as the view does) until the view shows ``turn``; its screen text."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        await pilot.pause(0.1)
        if app.session is not None and app.session.exercise.turn == turn:
            await pilot.pause(0.1)
            return screen_text(app)
    raise AssertionError(f"the players' view did not reach turn {turn}")


@pilot_test
async def test_the_players_view_shows_only_released_injects_and_the_timer(tmp_path: Path) -> None:
    path = scenario_with_injects(tmp_path)
    session = Session.start(path, load_scenario(path), seed=3, lang="en", journal_path=tmp_path / "j.jsonl")
    clock = Clock()
    follower = Follower(session.journal_path)
    app = players_app(follower.poll, clock=clock, poll=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app, 0)
        for _ in range(6):
            session.advance()
        text = await settle(pilot, app, 6)
        assert "Turn 7 of 42" in text and "Minimal scenario" in text
        assert RUMOUR not in text and WARNING not in text and LATER not in text   # nothing released yet
        session.hold("rumour")
        session.edit("credit-warning", "GlobalTech in trouble", "Call them today")
        session.release("credit-warning")
        session.ask("Who calls GlobalTech?")
        session.set_timer(True, 600, clock.now)
        session.note("the team hesitates", "observer")
        await pilot.pause(0.3)
        clock.now += 61
        app.tick()
        await pilot.pause(0.1)
        text = screen_text(app)
        assert "GlobalTech in trouble" in text and "Call them today" in text
        assert WARNING not in text and RUMOUR not in text and LATER not in text
        assert "Who calls GlobalTech?" in text
        assert "8:59" in text                                  # 600 s − 61 s
        assert "hesitates" not in text                         # observers' notes stay with the facilitator
        assert "WAITING" not in text and "RELEASE" not in text
    session.close()


CONSOLE = r'''
import asyncio, sys, time
from oefening.journal.session import Session
from oefening.scenario.load import load_scenario
from oefening.ui import make_app
from oefening.ui.screens.confirm import ConfirmDialog

scenario_path, journal_path = sys.argv[1], sys.argv[2]
session = Session.start(scenario_path, load_scenario(scenario_path), seed=3, lang="en", journal_path=journal_path)

async def main():
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        for turn in range(1, 11):
            await pilot.press("n")
            if isinstance(app.screen, ConfirmDialog):
                await pilot.press("a")
            await pilot.pause(0.25)
            if turn in (2, 6):
                await pilot.press("f")
                await pilot.pause(0.2)
                # turn 2: hold the rumour; turn 6: release the credit warning (due ones come first)
                await pilot.press("h" if turn == 2 else "r")
                await pilot.pause(0.1)
                await pilot.press("escape")
            print(turn, flush=True)
            await pilot.pause(0.35)
        await pilot.press("q", "q")

asyncio.run(main())
session.close()
'''


@pytest.mark.slow
@pilot_test
async def test_console_and_players_view_in_two_processes(tmp_path: Path) -> None:
    """The console advances ten turns in its own process (holding one inject, releasing
    another); the players' view starts late, follows, is restarted, and never shows a held or
    future inject."""
    path = scenario_with_injects(tmp_path)
    journal = tmp_path / "live.jsonl"
    script = tmp_path / "console.py"
    script.write_text(CONSOLE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}   # this checkout's oefening, whatever is installed
    console = subprocess.Popen([sys.executable, str(script), str(path), str(journal)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert console.stdout is not None
        while console.stdout.readline().strip() != "3":   # start late: the console is at turn 3
            assert console.poll() is None, console.stderr.read() if console.stderr else ""
        seen: list[str] = []
        turns: list[int] = []
        for attempt in range(2):                           # then restart the view, mid-exercise
            follower = Follower(journal)
            app = players_app(follower.poll, poll=0.1)
            async with app.run_test(size=(120, 40)) as pilot:
                stop = time.monotonic() + (3.0 if attempt == 0 else 30.0)
                while time.monotonic() < stop:
                    await pilot.pause(0.15)
                    if app.session is None:
                        continue
                    text = screen_text(app)
                    seen.append(text)
                    turns.append(app.session.exercise.turn)
                    staging = app.session.staging
                    assert RUMOUR not in text                              # held, never shown
                    assert LATER not in text                               # not fired yet
                    released = staging.injects.get("credit-warning")
                    if released is None or released.state != "released":
                        assert WARNING not in text
                    if attempt == 1 and console.poll() is not None and app.session.exercise.turn == 10:
                        break
        assert console.wait(timeout=60) == 0, console.stderr.read() if console.stderr else ""
        final = seen[-1]
        assert "Turn 11 of 42" in final                                    # caught up with the console
        assert WARNING in final and RUMOUR not in final
        assert min(turns) >= 3 and f"Turn {turns[0] + 1} of 42" in seen[0]   # started late: caught up at once
    finally:
        if console.poll() is None:
            console.kill()
    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    assert [(line["type"], line["event"]) for line in lines if line["type"] in ("hold", "release")] == [
        ("hold", "rumour"), ("release", "credit-warning")]


@pilot_test
async def test_a_poll_before_the_screen_is_mounted_draws_nothing_and_loses_nothing(tmp_path: Path) -> None:
    """The poll runs from the app's mount, the screen mounts after: a journal line read in
    between (a loaded machine, a restarted view) is drawn once the screen is there, and the
    view does not crash on panels that are not composed yet (NoMatches: WorldPanel)."""
    from oefening.ui.players import PlayersScreen

    session = Session.start(MINIMAL, load_scenario(MINIMAL), seed=3, lang="en", journal_path=tmp_path / "j.jsonl")
    session.advance()
    app = players_app(Follower(session.journal_path).poll, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        session.advance()
        app.push_screen(PlayersScreen())
        assert app.follow()                       # the new line, read before the new screen mounted
        app.tick()
        await pilot.pause()
        assert "Turn 3 of 42" in screen_text(app)
    session.close()
