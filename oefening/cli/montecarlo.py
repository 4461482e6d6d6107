"""``oefening montecarlo SCENARIO [--plan PLAN]… -n N [--seed S] [--workers K]
[--scheduler ADDRESS] [--journal JOURNAL] [--json]``: every plan and the "nobody acts"
baseline over the same N worlds, as a readable table or as SPEC §4 JSON with paired
differences (docs/montecarlo.md). ``--journal`` adds the team's decisions as the plan
``team`` and tells where the world the team played falls among the N ("good or lucky").
A progress bar goes to stderr when it is a terminal; Ctrl-C prints the replications that
completed, marked partial, and exits 130.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

from oefening.words.plain import plain

EXIT_INTERRUPTED = 130
TEAM = "team"


def add_parser(sub: Any) -> None:
    p = sub.add_parser("montecarlo", help="N replications per plan, on the same worlds",
                       description=__doc__)
    p.add_argument("scenario", metavar="SCENARIO", help="the scenario file (YAML)")
    p.add_argument("--plan", action="append", default=[], metavar="PLAN",
                   help="a plan file (repeat for more plans)")
    p.add_argument("-n", type=int, required=True, metavar="N",
                   help="replications (worlds) per plan")
    p.add_argument("--seed", type=int, default=None, metavar="S",
                   help="the random seed (default 0, or the journal's seed with --journal)")
    p.add_argument("--workers", type=int, default=None, metavar="K",
                   help="local worker processes (default: every core; 1: in this process)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="a dask.distributed scheduler, e.g. tcp://host:8786, or 'local' for a "
                        "LocalCluster of --workers processes (needs oefening[cluster])")
    p.add_argument("--journal", metavar="JOURNAL",
                   help="also run the decisions a team took in this journal, as the plan 'team'")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.add_argument("--lang", choices=("nl", "en"), default=None, help="language of the table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from oefening.errors import OefeningError
    from oefening.experiments.montecarlo import (
        MAX_REPLICATIONS,
        MAX_WORKERS,
        Interrupted,
        simulate,
        summarise,
        team_world,
    )
    from oefening.scenario.load import check_plan_against, load_plan, load_scenario

    if not 1 <= args.n <= MAX_REPLICATIONS:
        raise OefeningError(f"-n must be between 1 and {MAX_REPLICATIONS:,}, not {args.n}")
    if args.workers is not None and not 1 <= args.workers <= MAX_WORKERS:
        raise OefeningError(f"--workers must be between 1 and {MAX_WORKERS}, not {args.workers}")
    scenario = load_scenario(args.scenario)
    plans: list[Any] = []
    for path in args.plan:
        plan = load_plan(path)
        check_plan_against(plan, path, scenario)
        plans.append(plan)
    seed = 0 if args.seed is None else args.seed
    team = None
    if args.journal:
        team = _team(args, scenario)
        seed = team.seed if args.seed is None else seed
        plans.append((TEAM, team.factory))

    partial_run = False
    with _progress(args.n) as progress:
        try:
            rows = simulate(scenario, plans, args.n, seed, args.workers, args.scheduler, progress)
        except Interrupted as interrupted:
            rows, partial_run = interrupted.rows, True
    result = summarise(rows)
    if team is not None and team.continuity is not None and rows.completed:
        result["team_world"] = team_world(rows, scenario, TEAM, team.continuity, team.seed)
    if args.json:
        json.dump(result, sys.stdout)
        sys.stdout.write("\n")
    elif result["replications"]:
        print_summary(result, scenario, args.lang)
    if partial_run:
        print(f"oefening: interrupted after {result['replications']} of {args.n} replications; "
              "the result above is partial", file=sys.stderr)
        return EXIT_INTERRUPTED
    return 0


@dataclass(frozen=True)
class _Team:
    """The decisions a team took, as a plan, and what the team achieved in its own world."""

    factory: Callable[[], Any]
    seed: int
    continuity: float | None  # None while the exercise has not reached its horizon


def _team(args: argparse.Namespace, scenario: Any) -> _Team:
    from oefening.decide import Scripted
    from oefening.errors import OefeningError
    from oefening.journal.format import decisions_by_turn
    from oefening.journal.session import Session

    scenario_id, seed, by_turn = decisions_by_turn(args.journal)
    if scenario_id != scenario.id:
        raise OefeningError(f"{args.journal}: the journal is of scenario {scenario_id!r}, "
                            f"not {scenario.id!r}")
    session = Session.read(args.journal, scenario_path=args.scenario)  # refuses a changed file
    continuity = None
    if session.exercise.finished:
        continuity = session.outcome().continuity
    else:
        print(f"oefening: {plain(args.journal)}: the exercise has not finished; its decisions so far "
              f"are the plan {TEAM!r}", file=sys.stderr)
    return _Team(partial(Scripted, dict(by_turn)), seed, continuity)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int, int], None] | None]:
    """A Rich progress bar on stderr (replications/s, ETA) when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            rate = f"{task.speed:,.0f} repl./s" if task.speed else ""
            return Text(rate, style="progress.data.speed")

    bar = Progress(TextColumn("replications"), BarColumn(), MofNCompleteColumn(), Rate(),
                   TextColumn("ETA"), TimeRemainingColumn(), console=Console(stderr=True),
                   transient=True)
    task = bar.add_task("montecarlo", total=total)
    with bar:
        yield lambda done, _total: bar.update(task, completed=done)


def _interval(d: dict[str, Any], fmt: str) -> str:
    if d["low"] is None:
        return format(d["mean"], fmt)
    return f"{format(d['mean'], fmt)} [{format(d['low'], fmt)}, {format(d['high'], fmt)}]"


def print_summary(result: dict[str, Any], scenario: Any, lang: str | None = None) -> None:
    """The Monte Carlo result as tables: spreads, breach probabilities, paired differences."""
    from oefening.cli.output import default_language
    from oefening.words import TEXTS, tr
    from oefening.words.plain import text_in

    lang = lang or default_language()
    h = {key[3:]: tr(key, lang) for key in TEXTS if key.startswith("mc.")}
    plans = result["plans"]
    print(f"{h['title']}: {text_in(scenario.title, lang)} ({result['scenario']}), "
          f"{result['replications']} {h['replications']}, {h['seed']} {result['seed']}")
    if result.get("partial"):
        print(h["partial"].format(done=result["replications"], requested=result["requested"]))
    width = max(len(h["plan"]), *map(len, plans))
    stats = ("mean", "p5", "p50", "p95")
    print()
    print(f"{'':<{width}}  {h['continuity']:^31}  {h['cost']:^51}")
    print(f"{h['plan']:<{width}}  " + " ".join(f"{s:>7}" for s in stats) + "  "
          + " ".join(f"{s:>12}" for s in stats))
    for plan, p in plans.items():
        print(f"{plan:<{width}}  " + " ".join(f"{p['continuity'][s]:7.1f}" for s in stats) + "  "
              + " ".join(f"{p['cost'][s]:12,.0f}" for s in stats))

    refs = list(next(iter(plans.values()))["mtpd_breach_probability"])
    breached = [r for r in refs if any(p["mtpd_breach_probability"][r] > 0 for p in plans.values())]
    print()
    print(h["breach"])
    if breached:
        rwidth = max(len(h["process"]), *map(len, breached))
        columns = [(plan, p["mtpd_breach_probability"], max(7, len(plan)))
                   for plan, p in plans.items()]
        print(f"{h['process']:<{rwidth}}  " + " ".join(f"{plan:>{c}}" for plan, _, c in columns))
        for ref in breached:
            print(f"{ref:<{rwidth}}  " + " ".join(f"{pr[ref]:>{c}.1%}" for _, pr, c in columns))
        if len(breached) < len(refs):
            print(h["never"].format(count=len(refs) - len(breached)))
    else:
        print(h["none"])

    names = list(plans)
    if len(names) > 1:
        print()
        print(h["difference"])
        pairs = [(a, b) for i, b in enumerate(names) for a in names[i + 1:]]
        lines = [(f"{a} − {b}", _interval(plans[a]["difference"][b]["continuity"], "+.2f"),
                  _interval(plans[a]["difference"][b]["cost"], "+,.0f")) for a, b in pairs]
        widths = [max(len(line[k]) for line in lines) for k in range(3)]
        for label, continuity, cost in lines:
            print(f"{label:<{widths[0]}}  {h['continuity']} {continuity:<{widths[1]}}   "
                  f"{h['cost']} {cost}")
    team = result.get("team_world")
    if team is not None:
        print()
        print(h["team"].format(seed=team["seed"], value=team["continuity"], pct=team["percentile"],
                               base=team["baseline_percentile"]))
