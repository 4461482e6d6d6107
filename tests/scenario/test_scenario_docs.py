"""The examples in docs/scenario-format.md are valid, and its sample output is what
`oefening check` prints for the same mistakes."""

from __future__ import annotations

import re

from tests.paths import ROOT
from tests.run_cli import run_cli

DOC = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
YAML_BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC, flags=re.DOTALL)
PLAN_BLOCK = next(block for block in YAML_BLOCKS if "\nrules:" in block)


def test_the_example_scenario_and_plan_are_valid(tmp_path):
    """The example scenario and plan are valid."""
    scenario, plan = tmp_path / "hosting-outage.yaml", tmp_path / "reference-plan.yaml"
    scenario.write_text(YAML_BLOCKS[1], encoding="utf-8")
    plan.write_text(PLAN_BLOCK, encoding="utf-8")
    outcome = run_cli("check", str(scenario), str(plan))
    assert (outcome.code, outcome.err) == (0, ""), outcome.err
    assert outcome.out.count(": ok\n") == 2


def test_the_sample_problems_are_what_check_prints(tmp_path, monkeypatch):
    """The sample problems are what check prints."""
    broken = YAML_BLOCKS[1]
    for old, new in [("turn: 4h", "turn: 4 uur"), ("criticality: vital", "criticality: vitaal"),
                     ("        capacity: 60", "        capcity: 60"), ("mbco: 0.5", "mbco: 1.5")]:
        broken = broken.replace(old, new, 1)
    (tmp_path / "hosting-outage.yaml").write_text(broken, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    outcome = run_cli("check", "hosting-outage.yaml")
    sample = re.search(r"\$ oefening check hosting-outage.yaml\n(.*?)```", DOC, flags=re.DOTALL)
    assert sample is not None
    assert outcome.code == 2
    assert outcome.err == sample.group(1)


def test_the_example_of_an_inject_that_follows_the_world_is_valid(tmp_path):
    """The event with variants, expects and placeholders fits the small scenario's events."""
    event = next(block for block in YAML_BLOCKS if block.startswith("  - id: staff-report"))
    scenario = YAML_BLOCKS[1].replace("\nactions:\n", "\n" + event + "\nactions:\n", 1)
    assert event in scenario
    path = tmp_path / "hosting-outage.yaml"
    path.write_text(scenario, encoding="utf-8")
    outcome = run_cli("check", str(path))
    assert (outcome.code, outcome.err) == (0, ""), outcome.err
