"""What ``oefening stress`` and ``oefening sweep`` share: the experiment options (the scenario,
plans, seed, workers, scheduler, JSON, an HTML page, the language), reading the scenario with
the plans checked against it, and printing the result as JSON, as lines, and as a page.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Lines = Callable[[Any, dict[str, Any], str], list[str]]   # (scenario, result, lang) → the table
Page = Callable[[Any, dict[str, Any], str], str]          # (scenario, result, lang) → the HTML page


def add_experiment_parser(sub: Any, name: str, *, help: str, description: str | None, seed: str,
                          workers_default: int | None, page: str,
                          own: Callable[[argparse.ArgumentParser], None]) -> argparse.ArgumentParser:
    """A sub-command with the shared options around its ``own`` (``--outage``, ``--vary``, ``-n``)."""
    p: argparse.ArgumentParser = sub.add_parser(name, help=help, description=description)
    p.add_argument("scenario", metavar="SCENARIO", help="the scenario file (YAML)")
    own(p)
    p.add_argument("--plan", action="append", default=[], metavar="PLAN",
                   help="a plan file (repeat for more plans); nobody acting is always included")
    p.add_argument("--seed", type=int, default=0, metavar="S", help=f"{seed} (default 0)")
    workers = ("default 1: in this process" if workers_default == 1
               else "default: every core; 1: in this process")
    p.add_argument("--workers", type=int, default=workers_default, metavar="K",
                   help=f"local worker processes ({workers})")
    p.add_argument("--scheduler", metavar="ADDRESS", help="a dask.distributed scheduler, or 'local'")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.add_argument("-o", "--output", metavar="FILE.html", help=f"also write an HTML page with the {page}")
    p.add_argument("--lang", choices=("nl", "en"), default=None, help="language of the tables and page")
    return p


@dataclass(frozen=True, slots=True)
class Experiment:
    """The scenario and the plans of an experiment, checked, and the language to speak."""

    scenario: Any
    plans: list[Any]
    lang: str


def open_experiment(args: argparse.Namespace) -> Experiment:
    """The scenario with every ``--plan`` checked against it; a bad ``-o`` path is refused
    before anything is read or run."""
    from oefening.analysis.page import check_html_path
    from oefening.cli.output import default_language
    from oefening.scenario.load import load_plan_against, load_scenario

    if args.output is not None:
        check_html_path(args.output)
    scenario = load_scenario(args.scenario)
    plans = []
    for path in args.plan:
        plans.append(load_plan_against(path, scenario))
    return Experiment(scenario, plans, args.lang or default_language())


def show_experiment(args: argparse.Namespace, experiment: Experiment, result: dict[str, Any],
                    lines: Lines, page: Page) -> int:
    """The result as one JSON object (``--json``) or as lines, and the page when ``-o`` asks."""
    from oefening.analysis.page import write_page

    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print("\n".join(lines(experiment.scenario, result, experiment.lang)))
    if args.output is not None:
        write_page(args.output, page(experiment.scenario, result, experiment.lang))
    return 0
