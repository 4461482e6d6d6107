"""``oefening check FILE…``: validate scenarios and plans without running them.

A document with ``rules`` or ``scenario`` and no ``organisations`` is a plan, any other a
scenario. A plan given together with the scenario it names is also checked against it
(every action and fallback it uses must exist); alone, only its form is checked. Valid
files are listed on stdout as ``FILE: ok``; every problem is one line on stderr,
``FILE:LINE:COL: message``, and the exit code is then 2.
"""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    p = sub.add_parser("check", help="validate scenarios and plans", description=__doc__)
    p.add_argument("files", nargs="+", metavar="FILE", help="scenario and plan files (YAML)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from oefening.errors import OefeningError, Problem
    from oefening.scenario.load import check_plan_against, kind_of_document, validate
    from oefening.scenario.model import Scenario
    from oefening.scenario.plan import Plan
    from oefening.scenario.yamlsource import load_yaml
    from oefening.words.plain import plain

    problems: dict[str, list[Problem]] = {}
    notes: dict[str, str] = {}
    scenarios: dict[str, Scenario] = {}
    broken: set[object] = set()  # ids of the scenarios given that have problems
    plans: list[tuple[str, Plan]] = []
    for name in dict.fromkeys(args.files):  # a file named twice is checked once
        try:
            doc = load_yaml(name)
            if kind_of_document(doc) == "plan":
                plans.append((name, validate(Plan, doc)))
            else:
                broken.add(doc.data.get("id"))
                scenario = validate(Scenario, doc)
                broken.discard(scenario.id)
                scenarios.setdefault(scenario.id, scenario)
        except OefeningError as error:
            problems.setdefault(name, []).extend(error.problems)
    for name, plan in plans:
        if plan.scenario not in scenarios:
            why = "has problems" if plan.scenario in broken else "was not given"
            notes[name] = f" (its form only: scenario {plan.scenario!r} {why})"
            continue
        try:
            check_plan_against(plan, name, scenarios[plan.scenario])
        except OefeningError as error:
            problems.setdefault(name, []).extend(error.problems)
    for name in dict.fromkeys(args.files):
        if name not in problems:
            print(plain(f"{name}: ok{notes.get(name, '')}", lines=False))
    if problems:
        ordered = [p for name in dict.fromkeys(args.files) for p in problems.get(name, [])]
        raise OefeningError(ordered)
    return 0
