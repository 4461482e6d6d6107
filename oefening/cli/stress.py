"""``oefening stress SCENARIO --outage 3d,14d,60d [--plan PLAN]… [--seed S] [--supplier ID]…
[--workers K] [--scheduler ADDRESS] [--json] [-o FILE.html]``: each supplier fails alone at
the start for each outage duration, the storyline left out, with nobody acting and with each
plan: per supplier and duration, the processes within their MTPD, continuity and cost
(docs/analysis.md).
"""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    from oefening.cli.experiment import add_experiment_parser

    def own(p: argparse.ArgumentParser) -> None:
        p.add_argument("--outage", required=True, action="append", metavar="D1,D2,…",
                       help="outage durations, comma-separated: 3d,14d,60d (or hours); given again, it adds")
        p.add_argument("--supplier", action="append", default=None, metavar="ID",
                       help="only this supplier (repeat for more; default: every supplier)")

    p = add_experiment_parser(sub, "stress", help="each supplier fails alone: processes within MTPD, continuity, cost",
                              description=__doc__, seed="the seed of random lead times", workers_default=1,
                              page="table", own=own)
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
    from oefening.analysis.readable import stress_lines, stress_page
    from oefening.analysis.stress import stress
    from oefening.cli.experiment import open_experiment, show_experiment

    outages = [hours for text in args.outage for hours in parse_outages(text)]
    experiment = open_experiment(args)
    result = stress(experiment.scenario, outages, experiment.plans, args.seed, args.workers, args.scheduler,
                    args.supplier)
    return show_experiment(args, experiment, result, stress_lines, stress_page)
