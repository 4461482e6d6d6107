"""`oefening new SCENARIO.yaml`: a commented starting scenario that check accepts and play plays."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from oefening.cli.new import next_monday
from oefening.decide import PlanDecider, play
from oefening.engine.decisions import Activate
from oefening.engine.exercise import Exercise
from oefening.journal.session import Session
from oefening.scenario.load import load_scenario, validate_plan_data
from oefening.ui import make_app
from oefening.ui.frame import option_key
from oefening.ui.screens.end import EndScreen
from tests.run_cli import run_cli
from tests.ui.test_ui import SIZE, choose, next_turn, pilot_test


def test_new_writes_a_commented_scenario_that_checks(tmp_path):
    """New writes a commented scenario that checks."""
    out = tmp_path / "Mijn Oefening.yaml"
    done = run_cli("new", str(out), "--lang", "en")
    assert done.code == 0, done.err
    assert "oefening check" in done.out and "oefening play" in done.out
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=oefening.schema.json\n")
    assert (tmp_path / "oefening.schema.json").exists()  # so the schema line works in an editor
    assert text.count("#") > 20  # commented, in both languages
    assert "zaken per uur" in text and "cases per hour" in text
    assert run_cli("check", str(out)).code == 0
    scenario = load_scenario(out)
    assert scenario.id == "mijn-oefening"
    assert len(scenario.organisations) == 1 and len(list(scenario.processes())) == 1
    assert len(list(scenario.fallbacks())) == 1 and len(scenario.events) == 2
    assert run_cli("run", str(out), "--json").code == 0


def test_new_never_overwrites(tmp_path):
    """New never overwrites."""
    out = tmp_path / "s.yaml"
    out.write_text("mine", encoding="utf-8")
    done = run_cli("new", str(out))
    assert done.code == 2 and "already exists" in done.err and "--force" not in done.err
    assert out.read_text() == "mine"
    schema = tmp_path / "oefening.schema.json"
    schema.write_text("my schema", encoding="utf-8")
    assert run_cli("new", str(tmp_path / "t.yaml")).code == 0
    assert schema.read_text() == "my schema"


def test_the_fallback_helps_in_the_starting_scenario(tmp_path):
    """The story works: activating the fallback when the outage starts beats waiting."""
    out = tmp_path / "s.yaml"
    run_cli("new", str(out))
    scenario = load_scenario(out)
    nobody = play(Exercise(scenario, 3), None).result()
    fallback = next(ref for ref, _ in scenario.fallbacks())
    plan = validate_plan_data({"format": 1, "id": "p", "scenario": scenario.id,
                               "rules": [{"when": {"event": "storing"}, "do": [{"activate": fallback}]}]})
    helped = play(Exercise(scenario, 3), PlanDecider(plan)).result()
    assert helped["continuity"] > nobody["continuity"]


@pilot_test
async def test_the_starting_scenario_plays_to_the_end(tmp_path: Path) -> None:
    """The starting scenario plays to the end."""
    out = tmp_path / "s.yaml"
    run_cli("new", str(out))
    scenario = load_scenario(out)
    session = Session.start(out, scenario, seed=1, lang="nl", journal_path=tmp_path / "j.jsonl")
    app = make_app(session)
    fallback = next(ref for ref, _ in scenario.fallbacks())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await choose(pilot, option_key(Activate(fallback)))
        await pilot.press("d")
        await pilot.pause()
        while not isinstance(app.screen, EndScreen):
            await next_turn(pilot)
    result = session.result()
    session.close()
    assert (result["timeline"][0]["kind"], result["timeline"][0]["id"]) == ("activate", fallback)
    plan = validate_plan_data({"format": 1, "id": "p", "scenario": scenario.id,
                               "rules": [{"at": 0, "do": [{"activate": fallback}]}]})
    planned = play(Exercise(scenario, 1), PlanDecider(plan)).result()
    assert json.dumps(result["processes"]) == json.dumps(planned["processes"])  # played to the end, as planned


def test_the_start_is_the_coming_monday_morning():
    """The start is the coming monday morning."""
    start = dt.datetime.fromisoformat(next_monday(dt.date(2026, 12, 1)))  # a Tuesday
    assert (start.date(), start.hour, start.utcoffset()) == (dt.date(2026, 12, 7), 8, dt.timedelta(hours=1))
    summer = dt.datetime.fromisoformat(next_monday(dt.date(2026, 7, 6)))  # a Monday: the next one
    assert (summer.date(), summer.utcoffset()) == (dt.date(2026, 7, 13), dt.timedelta(hours=2))
