"""`oefening check FILE…`: ok lines on stdout and exit 0, or one line per problem on
stderr and exit 2; a plan is checked against its scenario when that is given too."""

from __future__ import annotations

from tests.paths import ROOT
from tests.run_cli import run_cli

DATA = ROOT / "tests" / "data"
SCENARIO = str(DATA / "minimal.yaml")
PLAN = str(DATA / "minimal-plan.yaml")


def test_valid_files_are_ok():
    """Valid files are ok."""
    outcome = run_cli("check", SCENARIO, PLAN)
    assert (outcome.code, outcome.err) == (0, "")
    assert outcome.out.splitlines() == [f"{SCENARIO}: ok", f"{PLAN}: ok"]


def test_a_plan_alone_is_checked_for_its_form_only():
    """Its action ids cannot be checked without the scenario; the ok line says so."""
    outcome = run_cli("check", str(DATA / "bad" / "plan-unknown-action.yaml"))
    assert outcome.code == 0
    assert "ok (its form only: scenario 'minimal' was not given)" in outcome.out


def test_a_plan_is_checked_against_the_scenario_it_names():
    """A plan is checked against the scenario it names."""
    plan = str(DATA / "bad" / "plan-unknown-action.yaml")
    outcome = run_cli("check", plan, SCENARIO)
    assert outcome.code == 2
    assert outcome.out == f"{SCENARIO}: ok\n"
    assert outcome.err == f"{plan}:7:10: rules[0].do[0]: unknown action 'exit-plna'; known: exit-plan\n"


def test_problems_of_several_files_are_all_listed_in_order(tmp_path):
    """Problems of several files are all listed in order."""
    missing = str(tmp_path / "missing.yaml")
    outcome = run_cli("check", missing, str(tmp_path), str(DATA / "bad" / "three-problems.yaml"))
    assert outcome.code == 2
    lines = outcome.err.splitlines()
    assert lines[0] == f"{missing}: no such file"
    assert lines[1] == f"{tmp_path}: is a directory, not a YAML file"
    assert len(lines) == 5


def test_check_needs_a_file():
    """check without a file is a usage error, exit 2."""
    outcome = run_cli("check")
    assert outcome.code == 2
    assert "the following arguments are required: FILE" in outcome.err


def test_the_bundled_scenarios_and_plans_are_valid():
    """The bundled scenarios and plans are valid."""
    files = [str(p) for p in sorted((ROOT / "scenarios").glob("**/*.yaml"))]
    outcome = run_cli("check", *files)
    assert outcome.code == 0, outcome.err
    assert len(outcome.out.splitlines()) == len(files)


def test_a_plan_whose_scenario_has_problems_is_checked_for_its_form(tmp_path):
    """A plan whose scenario has problems is checked for its form."""
    broken = tmp_path / "minimal.yaml"
    broken.write_text((DATA / "minimal.yaml").read_text(encoding="utf-8").replace("turn: 4h", "turn: soon"))
    outcome = run_cli("check", str(broken), PLAN)
    assert outcome.code == 2
    assert outcome.out == f"{PLAN}: ok (its form only: scenario 'minimal' has problems)\n"
    assert outcome.err.startswith(f"{broken}:7:7: turn: found 'soon'")


def test_a_storyline_past_the_work_budget_is_refused(tmp_path):
    """5,000 processes on one service that fails 250 times (2.5 million updates) is one line;
    150 times (1.5 million) is accepted (#18: such files ran for minutes and gigabytes)."""
    import json

    from tests.builders import toggles

    for flips, code in ((250, 2), (150, 0)):
        path = tmp_path / f"flips-{flips}.json"
        path.write_text(json.dumps(toggles(5000, flips, horizon="300h")), encoding="utf-8")
        outcome = run_cli("check", str(path))
        assert outcome.code == code, outcome.err
        if code:
            assert "update processes about 2,500,000 times; at most 2,000,000" in outcome.err
            assert outcome.err.count("\n") == 1


def test_a_chain_that_multiplies_the_work_is_refused(tmp_path):
    """The work budget follows chains: 1,000 processes on one service feeding a chain of 200,
    the service down 10 times, is 20,000 direct updates but 4.2 million in the engine (measured,
    7.6 s): refused in one line that says so; a smaller chain is accepted and runs to the end
    with the updates the estimate foresaw (#18)."""
    import json

    from oefening.engine.exercise import Exercise
    from oefening.scenario.budget import estimate
    from oefening.scenario.load import load_scenario
    from tests.builders import chain_toggles

    path = tmp_path / "chain.json"
    path.write_text(json.dumps(chain_toggles(1000, 200, 10)), encoding="utf-8")
    outcome = run_cli("check", str(path))
    assert outcome.code == 2 and outcome.err.count("\n") == 1
    assert ("update processes about 4,422,000 times, 4,402,000 of them through chains (processes that need or "
            "are fed by the ones touched); at most 2,000,000 are allowed") in outcome.err
    path.write_text(json.dumps(chain_toggles(2000, 1100, 1)), encoding="utf-8")   # counting stops early
    outcome = run_cli("check", str(path))
    assert outcome.code == 2 and "update processes more than 2,000,000 times, through chains" in outcome.err

    path.write_text(json.dumps(chain_toggles(20, 10, 3)), encoding="utf-8")
    assert run_cli("check", str(path)).code == 0
    scenario = load_scenario(path)
    assert estimate(scenario).updates == 20 * 2 * 3 * (1 + 10) + 2 * 3 * sum(1 + k for k in range(10))
    exercise = Exercise(scenario, 0)
    exercise.run_to_end()
    assert exercise.finished


def test_the_work_budget_counts_every_change_of_a_demand_profile(tmp_path):
    """A profile changes where an hour's factor differs from the one before; each change
    updates every process on it. The estimate counts exactly the changes the engine makes,
    and 5,000 processes on an hourly profile for a year are refused in one line."""
    import json

    from oefening.engine.exercise import Exercise
    from oefening.scenario.budget import estimate
    from oefening.scenario.model import Scenario
    from tests.builders import bomb_document

    def profiled(processes, horizon):
        doc = bomb_document(processes, horizon=horizon, turn="1d")
        doc["demand_profiles"] = [{"id": "dag", "hours": [0.5] * 8 + [2.0] * 9 + [1.0] * 7,
                                   "weekdays": {"sat": 0.3, "sun": 0.3}, "month_end": {"days": 2, "factor": 2}}]
        for proc in doc["organisations"][0]["processes"]:
            proc["demand_profile"] = "dag"
        return doc

    scenario = Scenario.model_validate(profiled(3, "40d"))
    exercise = Exercise(scenario, 0)
    exercise.run_to_end()
    # every change the world made (it counts them: its profile's flows pass only those)
    changes = sum(profile.passed for profile in exercise.world.profiles.values())
    times, _factors = exercise.world.profiles["dag"].turns(exercise.world.horizon)
    assert changes == len(times) > 100
    assert estimate(scenario).updates == 3 * changes

    path = tmp_path / "profiled.json"
    path.write_text(json.dumps(profiled(5000, "365d")), encoding="utf-8")
    outcome = run_cli("check", str(path))
    assert outcome.code == 2 and outcome.err.count("\n") == 1
    assert "at most 2,000,000 are allowed" in outcome.err


def test_the_work_budget_counts_staff_and_loans():
    """A temporary staff effect updates, twice, every process whose fallbacks draw on the pool;
    a temporary loan between two processes each of them twice."""
    from oefening.scenario.budget import estimate
    from oefening.scenario.model import Scenario
    from tests.builders import bomb_document

    doc = bomb_document(4)
    doc["pools"] = [{"id": "regio", "people": 5}]
    doc["organisations"][0]["pool"] = "regio"
    for i, proc in enumerate(doc["organisations"][0]["processes"]):
        proc["staff"] = 10
        proc["fallbacks"] = [{"id": "hand", "name": "Hand", "capacity": 0.5, "staff": 2 if i < 3 else 0}]
    doc["events"] = [
        {"id": "ziek", "at": "1d", "effects": [{"staff": {"pool": "regio", "people": -2, "duration": "2d"}}]},
        {"id": "lenen", "at": "1d", "effects": [{"loan": {"from": "o/p0", "to": "o/p3", "people": 2, "duration": "2d"}}]},
    ]
    assert estimate(Scenario.model_validate(doc)).updates == 3 * 2 + 2 * 2


def test_calendars_count_in_the_work_budget(tmp_path):
    """A calendar opens and closes twice each open day, and each time updates every process
    that follows it (#18): 5,000 processes on office hours for a year are 2,610,000 updates,
    refused in one line; 50 for ten days are 750 and run."""
    import json

    from oefening.scenario.budget import calendar_changes, estimate
    from oefening.scenario.load import load_scenario
    from oefening.scenario.model import Calendar
    from tests.builders import bomb_document

    def office_hours(processes: int, days: int) -> dict:
        doc = bomb_document(processes, horizon=f"{days}d", turn=f"{days}d")
        doc["calendars"] = [{"id": "k", "hours": "08:00-17:00"}]
        for proc in doc["organisations"][0]["processes"]:
            proc["calendar"] = "k"
        return doc

    assert calendar_changes(Calendar(id="k"), 7) == 10   # mon-fri: opens and closes 5 times a week
    assert calendar_changes(Calendar(id="k", days=["sat"]), 14) == 4
    path = tmp_path / "office.json"
    path.write_text(json.dumps(office_hours(5000, 365)), encoding="utf-8")
    outcome = run_cli("check", str(path))
    assert outcome.code == 2 and outcome.err.count("\n") == 1
    assert "calendars would update processes about 2,610,000 times; at most 2,000,000" in outcome.err
    path.write_text(json.dumps(office_hours(50, 10)), encoding="utf-8")
    assert run_cli("check", str(path)).code == 0
    assert estimate(load_scenario(path)).updates == 50 * 15
    assert run_cli("run", str(path), "--json").code == 0
