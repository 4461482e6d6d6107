"""``oefening sweep SCENARIO --vary PATH=V1,V2,… [--plan PLAN]… -n N [--seed S] [--workers K]
[--scheduler ADDRESS] [--json] [-o FILE.html]``: one number of the scenario varied (PATH:
facility.ID.slots, fallback.ORG/PROC/FB.capacity, fallback.ORG/PROC/FB.lead_time, budget,
process.ORG/PROC.capacity, process.ORG/PROC.demand), each value over the same N worlds:
continuity, cost (late cases included), P(MTPD breach) per vital process, and each value's
paired difference with the previous one; the HTML page has a chart (docs/analysis.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def add_parser(sub: Any) -> None:
    p = sub.add_parser("sweep", help="vary one number over the same N worlds: the business case",
                       description=__doc__)
    p.add_argument("scenario", metavar="SCENARIO", help="the scenario file (YAML)")
    p.add_argument("--vary", required=True, metavar="PATH=V1,V2,…",
                   help="the number to vary and its values, e.g. facility.rijksuitwijk.slots=1,2,3,4")
    p.add_argument("--plan", action="append", default=[], metavar="PLAN",
                   help="a plan file (repeat for more plans); nobody acting is always included")
    p.add_argument("-n", type=int, required=True, metavar="N", help="worlds per value")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="the random seed (default 0)")
    p.add_argument("--workers", type=int, default=None, metavar="K",
                   help="local worker processes (default: every core; 1: in this process)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="a dask.distributed scheduler, or 'local'")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.add_argument("-o", "--output", metavar="FILE.html", help="also write an HTML page with the chart")
    p.add_argument("--lang", choices=("nl", "en"), default=None, help="language of the tables and page")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from oefening.analysis.page import check_html_path, write_page
    from oefening.analysis.readable import sweep_lines, sweep_page
    from oefening.analysis.sweep import parse_vary, sweep
    from oefening.cli.montecarlo import _progress
    from oefening.cli.output import default_language
    from oefening.scenario.load import check_plan_against, load_plan, load_scenario

    path, values = parse_vary(args.vary)
    if args.output is not None:
        check_html_path(args.output)
    scenario = load_scenario(args.scenario)
    plans = []
    for plan_path in args.plan:
        plan = load_plan(plan_path)
        check_plan_against(plan, plan_path, scenario)
        plans.append(plan)
    lang = args.lang or default_language()
    with _progress(args.n * len(values)) as progress:
        result = sweep(scenario, path, values, plans, args.n, args.seed, args.workers, args.scheduler, progress)
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print("\n".join(sweep_lines(scenario, result, lang)))
    if args.output is not None:
        write_page(args.output, sweep_page(scenario, result, lang))
    return 0
