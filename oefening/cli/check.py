"""``oefening check FILE…``: validate scenarios and plans without running them.

A document with ``rules`` or ``scenario`` and no ``organisations`` is a plan, any other a
scenario. A plan given together with the scenario it names is also checked against it
(every action and fallback it uses must exist); alone, only its form is checked. Valid
files are listed on stdout as ``FILE: ok``; every problem is one line on stderr,
``FILE:LINE:COL: message``, and the exit code is then 2.

With ``--play N SCENARIO [PLAN…]`` the story is played too: N worlds with nobody acting,
with each plan, and with a random team (random open decisions, random events fired by
hand). Every inject shown while its ``expects`` did not hold is one line on stderr, at the
file and line of the inject (or its variant), with how often, and the first world it
happened in (seed, replication, moment, who decided); the exit code is then 2.
"""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    p = sub.add_parser("check", help="validate scenarios and plans", description=__doc__)
    p.add_argument("files", nargs="+", metavar="FILE", help="scenario and plan files (YAML)")
    p.add_argument("--play", type=int, default=None, metavar="N",
                   help="also play the story in N worlds (nobody acting, each plan, a random team) and "
                        "report every inject shown while what it expects did not hold")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="the random seed for --play (default 0)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from oefening.errors import OefeningError, Problem
    from oefening.scenario.load import check_plan_against, kind_of_document, merged, rule_references, validate
    from oefening.scenario.model import Scenario
    from oefening.scenario.plan import Plan
    from oefening.scenario.yamlsource import load_yaml
    from oefening.words.plain import plain

    problems: dict[str, list[Problem]] = {}
    notes: dict[str, str] = {}
    scenarios: dict[str, Scenario] = {}
    broken: set[object] = set()  # ids of the scenarios given that have problems
    plans: list[tuple[str, Plan]] = []
    malformed: list[tuple[str, Any]] = []   # plans with form problems: their ids are checked too
    for name in dict.fromkeys(args.files):  # a file named twice is checked once
        try:
            doc = load_yaml(name)
            if kind_of_document(doc) == "plan":
                try:
                    plans.append((name, validate(Plan, doc)))
                except OefeningError:
                    malformed.append((name, doc))
                    raise
            else:
                ident = doc.data.get("id") if isinstance(doc.data, dict) else None
                if isinstance(ident, str):  # any other id is a problem validate() reports
                    broken.add(ident)
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
    for name, doc in malformed:   # a wrong key in one rule does not hide an unknown id in another
        scenario_id = doc.data.get("scenario") if isinstance(doc.data, dict) else None
        if isinstance(scenario_id, str) and scenario_id in scenarios:
            problems[name] = merged(problems[name], rule_references(doc, scenarios[scenario_id]))
    for name in dict.fromkeys(args.files):
        if name not in problems:
            print(plain(f"{name}: ok{notes.get(name, '')}", lines=False))
    if problems:
        ordered = [p for name in dict.fromkeys(args.files) for p in problems.get(name, [])]
        raise OefeningError(ordered)
    if args.play is not None:
        return _play(args, scenarios, plans)
    return 0


MAX_PLAY = 100_000


def _play(args: argparse.Namespace, scenarios: dict[str, Any], plans: list[tuple[str, Any]]) -> int:
    """Play the story of each scenario given; one line per inject that lied, exit 2 if any."""
    import sys
    import time

    from oefening.errors import OefeningError, Problem
    from oefening.experiments.storycheck import play_story
    from oefening.scenario.yamlsource import load_yaml
    from oefening.words.formats import duration
    from oefening.words.plain import plain

    if not 1 <= args.play <= MAX_PLAY:
        raise OefeningError([Problem(f"--play: found {args.play}; expected a number of worlds from 1 to {MAX_PLAY:,}")])
    files: dict[str, tuple[str, Any]] = {}
    for name in dict.fromkeys(args.files):
        doc = load_yaml(name)
        if doc.data.get("id") in scenarios and "organisations" in doc.data:
            files.setdefault(doc.data["id"], (name, doc))
    lied = False
    for ident, scenario in scenarios.items():
        name, doc = files[ident]
        mine = [plan for _, plan in plans if plan.scenario == ident]
        began = time.perf_counter()
        found = play_story(scenario, mine, args.play, args.seed)
        took = time.perf_counter() - began
        index = {ev.id: i for i, ev in enumerate(scenario.events)}
        seen: dict[tuple[str, int | None], list[Any]] = {}
        for lie in found.lies:
            seen.setdefault((lie.event, lie.variant), []).append(lie)
        for (event, variant), lies in sorted(seen.items(), key=lambda kv: index[kv[0][0]]):
            path: list[str | int] = ["events", index[event], "inject"]
            if variant is not None:
                path += ["variants", variant]
            mark = doc.locate(path)
            where = f"{name}:{mark.line}:{mark.column}" if mark else name
            what = f"event {event!r}" + (f", variant {variant}" if variant is not None else "")
            first = lies[0]
            worlds = len({(lie.who, lie.replication) for lie in lies})
            print(plain(f"{where}: {what}: shown while what it expects did not hold, in {worlds} of "
                        f"{found.runs} runs; first: seed {first.seed}, replication {first.replication}, "
                        f"t={first.t:g}h ({duration(first.t, 'en')}, turn {first.turn}), decided by "
                        f"{first.who}", lines=False), file=sys.stderr)
            lied = True
        verdict = "lies found" if seen else "the story held"
        print(plain(f"{name}: {verdict} in {found.runs} runs ({args.play} worlds × nobody, "
                    f"{len(mine)} plan(s), a random team) in {took:.1f} s", lines=False))
    return 2 if lied else 0
