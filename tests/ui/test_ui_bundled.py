"""A bundled scenario played to the end by key presses gives exactly what its plan gives:
a plan and a team that take the same decisions at the same turns get the same result (SPEC §2)."""

from __future__ import annotations

import json
from pathlib import Path

from oefening.decide import PlanDecider, play
from oefening.engine.exercise import Exercise
from oefening.journal.session import Session
from oefening.scenario.load import load_plan, load_scenario
from oefening.ui import make_app
from oefening.ui.frame import option_key
from oefening.ui.screens.end import EndScreen
from tests.paths import ROOT
from tests.ui.test_ui import SIZE, choose, next_turn, pilot_test

TUTORIAL = ROOT / "scenarios" / "kennismaking.yaml"
PLAN = ROOT / "scenarios" / "plans" / "kennismaking-noodnummer.yaml"


class _Recording(PlanDecider):
    """The plan, noting which decisions it takes at which turn."""

    def __init__(self, plan):  # type: ignore[no-untyped-def]
        super().__init__(plan)
        self.by_turn: dict[int, list] = {}

    def decide(self, exercise):  # type: ignore[no-untyped-def]
        decisions = super().decide(exercise)
        if decisions:
            self.by_turn[exercise.turn] = list(decisions)
        return decisions


@pilot_test
async def test_the_tutorial_played_by_keys_equals_its_plan(tmp_path: Path) -> None:
    """The tutorial played by keys equals its plan."""
    scenario = load_scenario(TUTORIAL)
    recording = _Recording(load_plan(PLAN))
    planned = play(Exercise(scenario, 11), recording).result("team")
    assert len(recording.by_turn) >= 2  # the plan decides at more than one meeting

    session = Session.start(TUTORIAL, scenario, seed=11, lang="nl", journal_path=tmp_path / "j.jsonl")
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # from the briefing to the first turn
        while not isinstance(app.screen, EndScreen):
            for decision in recording.by_turn.get(session.exercise.turn, []):
                await choose(pilot, option_key(decision))
            if recording.by_turn.get(session.exercise.turn):
                await pilot.press("d")
                await pilot.pause()
            await next_turn(pilot)
    played = session.result()
    session.close()
    assert json.dumps(played) == json.dumps(planned)
    assert played["continuity"] > play(Exercise(scenario, 11), None).result()["continuity"]
