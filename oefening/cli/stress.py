"""``oefening stress SCENARIO --outage 3d,14d,60d [--plan PLAN]… [--seed S] [--supplier ID]…
[--workers K] [--scheduler ADDRESS] [--json] [-o FILE.html]``: each supplier fails alone at
the start for each outage duration, the storyline left out, with nobody acting and with each
plan: per supplier and duration, the processes within their MTPD, continuity and cost
(docs/analysis.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def add_parser(sub: Any) -> None:
    p = sub.add_parser("stress", help="each supplier fails alone: processes within MTPD, continuity, cost",
                       description=__doc__)
    p.add_argument("scenario", metavar="SCENARIO", help="the scenario file (YAML)")
    p.add_argument("--outage", required=True, metavar="D1,D2,…",
                   help="outage durations, comma-separated: 3d,14d,60d (or hours)")
    p.add_argument("--plan", action="append", default=[], metavar="PLAN",
                   help="a plan file (repeat for more plans); nobody acting is always included")
    p.add_argument("--supplier", action="append", default=None, metavar="ID",
                   help="only this supplier (repeat for more; default: every supplier)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="the seed of random lead times (default 0)")
    p.add_argument("--workers", type=int, default=1, metavar="K",
                   help="local worker processes (default 1: in this process)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="a dask.distributed scheduler, or 'local'")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.add_argument("-o", "--output", metavar="FILE.html", help="also write an HTML page with the table")
    p.add_argument("--lang", choices=("nl", "en"), default=None, help="language of the table and page")
    p.set_defaults(run=run)


def parse_outages(text: str) -> list[float]:
    """``3d,14d,60d`` as hours; a bad one is one line."""
    from oefening.durations import parse_duration
    from oefening.errors import OefeningError

    items = [item.strip() for item in text.split(",")]
    if not any(items) or any(not item for item in items):
        raise OefeningError(f"--outage {text}: write durations separated by commas, e.g. 3d,14d,60d")
    hours = []
    for item in items:
        try:
            value = parse_duration(item)
        except ValueError as error:
            raise OefeningError(f"--outage {item}: {error}") from None
        if value <= 0:
            raise OefeningError(f"--outage {item}: an outage must last longer than 0")
        hours.append(value)
    return hours


def run(args: argparse.Namespace) -> int:
    from oefening.analysis.page import check_html_path, write_page
    from oefening.analysis.readable import stress_lines, stress_page
    from oefening.analysis.stress import stress
    from oefening.cli.output import default_language
    from oefening.scenario.load import check_plan_against, load_plan, load_scenario

    outages = parse_outages(args.outage)
    if args.output is not None:
        check_html_path(args.output)
    scenario = load_scenario(args.scenario)
    plans = []
    for path in args.plan:
        plan = load_plan(path)
        check_plan_against(plan, path, scenario)
        plans.append(plan)
    lang = args.lang or default_language()
    result = stress(scenario, outages, plans, args.seed, args.workers, args.scheduler, args.supplier)
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print("\n".join(stress_lines(scenario, result, lang)))
    if args.output is not None:
        write_page(args.output, stress_page(scenario, result, lang))
    return 0
