"""``oefening run SCENARIO [--plan PLAN] [--seed N] [--journal FILE] [--json]``: one exercise
without people (no plan: nobody acts), printed as a readable summary or as SPEC §4 JSON."""

from __future__ import annotations

import argparse
from typing import Any

from oefening.cli.output import print_json, print_result
from oefening.errors import OefeningError


def add_parser(sub: Any) -> None:
    p = sub.add_parser("run", help="play one exercise without people (a plan, or nobody acts)",
                       description=__doc__)
    p.add_argument("scenario", metavar="SCENARIO", help="the scenario file (YAML)")
    p.add_argument("--plan", metavar="PLAN", action="append",
                   help="a plan file whose rules take the decisions (one; montecarlo compares several)")
    p.add_argument("--seed", type=int, default=0, metavar="N", help="the random seed (default 0)")
    p.add_argument("--journal", metavar="FILE", help="also write the exercise's journal to FILE")
    p.add_argument("--json", action="store_true",
                   help="print the result as one JSON object (SPEC §4; a scenario with teams adds the keys teams "
                        "and allocation, see docs/model.md)")
    p.add_argument("--lang", choices=("nl", "en"), default=None, help="language of the summary")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from oefening.decide import PlanDecider
    from oefening.decide import run as run_exercise
    from oefening.scenario.load import load_plan_against, load_scenario

    if args.journal is not None and not args.journal.strip():
        raise OefeningError("oefening run: --journal needs a file name")
    if args.plan and len(args.plan) > 1:
        raise OefeningError(f"oefening run: one --plan, not {len(args.plan)}; "
                            "oefening montecarlo compares several plans on the same worlds")
    plan_path = args.plan[0] if args.plan else None
    scenario = load_scenario(args.scenario)
    plan = None
    if plan_path:
        plan = load_plan_against(plan_path, scenario)
    if args.journal:
        from oefening.cli.output import default_language
        from oefening.journal.session import Session

        session = Session.start(args.scenario, scenario, seed=args.seed, lang=args.lang or default_language(),
                                journal_path=args.journal, plan=plan.id if plan is not None else None)
        with session:
            session.play(PlanDecider(plan) if plan is not None else None)
        result = session.result()
    else:
        result = run_exercise(scenario, plan, seed=args.seed)
    show(result, scenario, as_json=args.json, lang=args.lang)
    return 0


def show(result: dict[str, Any], scenario: Any, *, as_json: bool, lang: str | None) -> None:
    """Print a result (SPEC §4's JSON) as ``run`` does (``replay`` prints with this too)."""
    if as_json:
        print_json(result)
    else:
        print_result(result, scenario, lang)
