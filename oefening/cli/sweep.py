"""``oefening sweep SCENARIO --vary PATH=V1,V2,… [--plan PLAN]… -n N [--seed S] [--workers K]
[--scheduler ADDRESS] [--json] [-o FILE.html]``: one number of the scenario varied (PATH:
facility.ID.slots, fallback.ORG/PROC/FB.capacity, fallback.ORG/PROC/FB.lead_time, budget,
process.ORG/PROC.capacity, process.ORG/PROC.demand), each value over the same N worlds:
continuity, cost (late cases included), P(MTPD breach) per vital process, and each value's
paired difference with the previous one; the HTML page has a chart (docs/analysis.md).
"""

from __future__ import annotations

import argparse
from typing import Any

from oefening.errors import OefeningError


def add_parser(sub: Any) -> None:
    from oefening.cli.experiment import add_experiment_parser

    def own(p: argparse.ArgumentParser) -> None:
        p.add_argument("--vary", required=True, action="append", metavar="PATH=V1,V2,…",
                       help="the number to vary and its values, e.g. facility.rijksuitwijk.slots=1,2,3,4 (once: "
                            "a sweep varies one number)")
        p.add_argument("-n", type=int, required=True, metavar="N", help="worlds per value")

    p = add_experiment_parser(sub, "sweep", help="vary one number over the same N worlds: the business case",
                              description=__doc__, seed="the random seed", workers_default=None, page="chart",
                              own=own)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from oefening.analysis.readable import sweep_lines, sweep_page
    from oefening.analysis.sweep import parse_vary, sweep
    from oefening.cli.experiment import open_experiment, show_experiment
    from oefening.cli.montecarlo import _progress

    if len(args.vary) > 1:
        raise OefeningError(f"--vary is given {len(args.vary)} times; a sweep varies one number "
                            f"(run one sweep per number): {', '.join(args.vary)}")
    path, values = parse_vary(args.vary[0])
    experiment = open_experiment(args)
    with _progress(args.n * len(values)) as progress:
        result = sweep(experiment.scenario, path, values, experiment.plans, args.n, args.seed, args.workers,
                       args.scheduler, progress)
    return show_experiment(args, experiment, result, sweep_lines, sweep_page)
