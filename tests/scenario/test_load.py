"""Loading scenarios and plans: every problem in a file, each on its own line, at its place,
in words that name the key, what was found and what is allowed."""

from __future__ import annotations

import hashlib

import pytest
import yaml

from oefening.errors import OefeningError
from oefening.scenario.load import (
    check_plan_against,
    kind_of_document,
    load_plan,
    load_scenario,
    read_bytes_sha256,
    validate_scenario_data,
)
from oefening.scenario.model import Scenario
from oefening.scenario.plan import Plan
from oefening.scenario.yamlsource import load_yaml, parse_yaml
from tests.paths import DATA
from tests.run_cli import run_cli

BAD = DATA / "bad"
EXPECTED = yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))


def problems_in(text: str, name: str = "x.yaml") -> list[str]:
    """The lines `oefening check` would print for a scenario with this text."""
    from oefening.scenario.load import validate

    with pytest.raises(OefeningError) as caught:
        validate(Scenario, parse_yaml(text, name))
    return [str(p) for p in caught.value.problems]


def minimal_with(old: str, new: str) -> str:
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_every_bad_fixture_is_listed():
    """Each file in tests/data/bad has its expectations, and each expectation its file."""
    files = {p.name for p in BAD.iterdir()} - {"expected.yaml"}
    assert files == set(EXPECTED)
    assert len(files) >= 18


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_fixture(name):
    """`oefening check` exits 2 and prints, first, the expected FILE:LINE:COL: message."""
    expected = EXPECTED[name]
    path = str(BAD / name)
    together = [str((BAD / other).resolve()) for other in expected.get("with", [])]
    outcome = run_cli("check", *together, path)
    assert outcome.code == 2
    assert "Traceback" not in outcome.err
    lines = [line for line in outcome.err.splitlines() if line.startswith(f"{path}:")]
    assert len(lines) == expected.get("count", 1), outcome.err
    place = [str(part) for part in (expected["line"], expected["column"]) if part is not None]
    prefix = ":".join([path, *place]) + ": "
    assert lines[0].startswith(prefix), lines[0]
    for words in expected["contains"]:
        assert words in lines[0], lines[0]


def test_three_problems_are_all_reported_in_line_order():
    """One check lists every problem in the file, not only the first."""
    with pytest.raises(OefeningError) as caught:
        load_scenario(BAD / "three-problems.yaml")
    problems = caught.value.problems
    assert [(p.line, p.column) for p in problems] == [(6, 7), (18, 22), (29, 5)]
    assert "turn: found '4 uur'" in problems[0].message
    assert "criticality: found 'vitaal' (did you mean 'vital'?)" in problems[1].message
    assert "unknown key 'probabilty' in event (did you mean 'probability'?)" in problems[2].message


def test_cross_reference_problems_each_get_their_own_line():
    """Unknown ids found across the document are separate lines at their own places."""
    text = minimal_with("needs: [hosting]", "needs: [hosting, werkplek, printer]")
    lines = problems_in(text)
    assert len(lines) == 2
    assert "needs[1]: unknown service 'werkplek'" in lines[0]
    assert "needs[2]: unknown service 'printer'" in lines[1]


def test_a_value_of_the_wrong_kind_is_one_line_not_a_cascade():
    """A union (text or languages, duration or distribution) reports only what fits."""
    assert problems_in(minimal_with("name: Uitkeringen betalen", "name: 12")) == [
        "x.yaml:20:15: organisations[0].processes[0].name: found 12; "
        "expected a text or a map of languages {nl: …, en: …}"
    ]
    lines = problems_in(minimal_with("lead_time: 24h", "lead_time: [1, 2]"))
    assert len(lines) == 1 and "expected a duration such as" in lines[0]
    assert "or a distribution such as {dist: triangular" in lines[0]


def test_a_typo_in_a_required_key_is_one_line():
    """`capcity` for `capacity` is reported as the unknown key, not also as a missing one."""
    lines = problems_in(minimal_with("        capacity: 60\n", "        capcity: 60\n"))
    assert len(lines) == 1
    assert "unknown key 'capcity' in process (did you mean 'capacity'?)" in lines[0]


def test_a_distribution_missing_a_key():
    """A distribution missing a key is one problem at its place, naming the key."""
    lines = problems_in(minimal_with("low: 1d, mode: 2d, high: 3d", "low: 1d, mode: 2d"))
    assert lines == [
        "x.yaml:42:43: events[1].after.delay: missing key 'high' in triangular distribution "
        "(the largest possible value)"
    ]


def test_a_condition_with_two_keys_suggests_all():
    """A condition with two keys suggests all."""
    lines = problems_in(
        minimal_with(
            "available: {supplier: {id: globaltech, status: distressed}}",
            "available: {supplier: {id: globaltech, status: distressed}, time_after: 1d}",
        )
    )
    assert len(lines) == 1
    assert "a condition has exactly one key; found supplier, time_after" in lines[0]
    assert "use all: [...]" in lines[0]


def test_load_scenario_and_plan():
    """A bundled scenario and its plan load into their models."""
    scenario = load_scenario(DATA / "minimal.yaml")
    plan = load_plan(DATA / "minimal-plan.yaml")
    assert isinstance(scenario, Scenario) and scenario.id == "minimal"
    assert isinstance(plan, Plan) and plan.scenario == "minimal"
    check_plan_against(plan, DATA / "minimal-plan.yaml", scenario)


def test_check_plan_against_names_each_unknown_id_at_its_place():
    """Check plan against names each unknown id at its place."""
    scenario = load_scenario(DATA / "minimal.yaml")
    path = BAD / "plan-unknown-fallback.yaml"
    with pytest.raises(OefeningError) as caught:
        check_plan_against(load_plan(path), path, scenario)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:9:21: rules[1].do[0].activate: unknown fallback "
        "'uitvoering/uitkeringen/handwerk'; known: uitvoering/uitkeringen/handmatig"
    ]


def test_a_plan_is_recognised_by_its_keys():
    """A document with rules or scenario and no organisations is a plan."""
    assert kind_of_document(load_yaml(DATA / "minimal-plan.yaml")) == "plan"
    assert kind_of_document(load_yaml(DATA / "minimal.yaml")) == "scenario"
    assert kind_of_document(parse_yaml("scenario: x\norganisations: []\n", "f")) == "scenario"


def test_data_in_memory_is_validated_without_lines():
    """Data in memory is validated without lines."""
    data = load_yaml(DATA / "minimal.yaml").data
    assert validate_scenario_data(data).id == "minimal"
    with pytest.raises(OefeningError) as caught:
        validate_scenario_data({**data, "turn": "soon"}, "generated")
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == ("generated", None)
    assert str(problem).startswith("generated: turn: found 'soon'")


def test_read_bytes_sha256(tmp_path):
    """The scenario file's hash is the SHA-256 of its bytes, read once."""
    path = tmp_path / "s.yaml"
    path.write_bytes(b"format: 1\n")
    assert read_bytes_sha256(path) == hashlib.sha256(b"format: 1\n").hexdigest()
    with pytest.raises(OefeningError, match="no such file"):
        read_bytes_sha256(tmp_path / "missing.yaml")


def test_infinite_and_nan_numbers_are_refused():
    """Infinite and nan numbers are refused."""
    lines = problems_in(minimal_with("cost: 100000", "cost: .inf"))
    assert lines == ["x.yaml:49:11: actions[0].cost: found inf; expected a finite number"]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("demand: 50", 'demand: "50"', "demand: found '50'; expected a number"),
    ("capacity: 60", "capacity: true", "capacity: found true (a yes/no value); expected a number"),
    ("capacity: 0.3", "capacity: false", "capacity: found false (a yes/no value); expected a number"),
    ("format: 1", "format: 1\nbudget: '1000'", "budget: found '1000'; expected a number"),
])
def test_a_number_written_as_text_or_yes_no_is_refused(old, new, expected):
    """A number is written as a number (SPEC §4: a wrong type is a clear message, exit 2):
    pydantic's lax mode would read "50" as 50 and true as 1, a capacity nobody wrote."""
    problems = problems_in(minimal_with(old, new))
    assert len(problems) == 1 and expected in problems[0], problems


def test_a_whole_number_is_written_without_decimals():
    """`slots: 2.0` is refused as a whole number (2.0 is no more a count of places than "2");
    integers are still fine where a fraction is allowed (`capacity: 1`)."""
    text = minimal_with("format: 1", "format: 1\nfacilities: [{id: nood, name: Nood, slots: 2.0}]")
    problems = problems_in(text)
    assert len(problems) == 1 and "facilities[0].slots: found 2.0; expected a whole number" in problems[0]
    from oefening.scenario.load import validate

    scenario = validate(Scenario, parse_yaml(minimal_with("capacity: 0.3", "capacity: 1"), "x.yaml"))
    assert scenario.organisations[0].processes[0].fallbacks[0].capacity == 1.0


def test_a_plan_for_a_scenario_and_a_scenario_for_a_plan_are_one_line(tmp_path):
    """`run PLAN` and `run SCENARIO --plan SCENARIO` say what the file is in one line, exit 2,
    instead of a line per key the other format lacks (eight for the minimal scenario)."""
    from tests.run_cli import run_cli

    plan, scenario = str(DATA / "minimal-plan.yaml"), str(DATA / "minimal.yaml")
    outcome = run_cli("run", plan, "--json")
    assert (outcome.code, outcome.out) == (2, "")
    assert outcome.err == f"{plan}: this is a plan (its rules are for scenario 'minimal'), not a scenario\n"
    outcome = run_cli("run", scenario, "--plan", scenario, "--json")
    assert (outcome.code, outcome.out) == (2, "")
    assert outcome.err == f"{scenario}: this is a scenario, not a plan; a plan has rules (see docs/scenario-format.md, Plans)\n"
