"""A plan with a form problem and unknown ids: every command that reads it against its scenario
(check, run, montecarlo, sweep) says all of them, one line each with its place, in line order,
exit 2; the form problem no longer hides the unknown ids."""

from __future__ import annotations

import pytest

from oefening.cli import main
from tests.paths import DATA

PLAN = str(DATA / "bad" / "plan-form-and-reference.yaml")
MINIMAL = str(DATA / "minimal.yaml")
LINES = [
    f"{PLAN}:8:10: rules[0].do[0]: unknown action 'exit-plna'; known: exit-plan",
    f"{PLAN}:9:5: rules[0]: unknown key 'repeet' in rule (did you mean 'repeat'?); allowed: when, at, do, repeat",
    f"{PLAN}:11:21: rules[1].do[0].activate: unknown fallback 'uitvoering/uitkeringen/handwerk'; "
    "known: uitvoering/uitkeringen/handmatig",
]


@pytest.mark.parametrize("argv", [
    ["check", MINIMAL, PLAN],
    ["check", PLAN, MINIMAL],
    ["run", MINIMAL, "--plan", PLAN],
    ["montecarlo", MINIMAL, "--plan", PLAN, "-n", "2"],
    ["sweep", MINIMAL, "--plan", PLAN, "--vary", "budget=1,2", "-n", "2"],
])
def test_every_problem_of_the_plan_is_said(capsys, argv) -> None:
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2
    assert [line for line in err.splitlines() if line.startswith(PLAN)] == LINES
    assert "Traceback" not in err


def test_alone_only_its_form_can_be_checked(capsys) -> None:
    """Without its scenario the ids cannot be checked: the form problem alone."""
    assert main(["check", PLAN]) == 2
    assert capsys.readouterr().err.splitlines() == [LINES[1]]
