"""Monte Carlo: every plan and the "nobody acts" baseline over the same N worlds.

Replication r of seed S is one world (SPEC §3): replication 0 is what ``oefening run --seed S``
plays. Every plan runs on replications 0 … N−1, so plans are compared on common random
numbers and the paired difference of two plans is the effect of the decisions alone: a
plan that changes nothing differs from the baseline by exactly 0. :func:`simulate` collects
one row per replication (continuity, cost, breached processes per plan), filed by
replication index, and :func:`summarise` turns the rows into plain data (SPEC §4 plus the
paired differences), identical whatever the workers, batches or backend. No UI here: the
command line prints the result and the TUI shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal

import numpy as np

from oefening.decide import PlanDecider, play
from oefening.engine.exercise import Exercise
from oefening.errors import OefeningError, Problem
from oefening.experiments.backends import Arm, Breached, DeciderFactory, Outcome, Row, outcome, run_batches
from oefening.scenario.model import Scenario
from oefening.scenario.plan import Plan
from oefening.scenario.references import plan_problems

BASELINE = "baseline"
PERCENTILES = (5, 50, 95)
MAX_REPLICATIONS = 10_000_000   # ten million worlds: hours of work, and the rows still fit in memory
MAX_WORKERS = 512
Z95 = 1.96

PlanLike = Plan | tuple[str, DeciderFactory]
Progress = Callable[[int, int], None]


@dataclass
class Rows:
    """The outcome of every replication so far, filed by replication index (None: not run)."""

    scenario: str
    seed: int
    plans: list[str]        # the arms, baseline first
    processes: list[str]    # organisation/process, in scenario order
    rows: list[Row | None]

    def __post_init__(self) -> None:
        # rows built by hand (plain tuples, breaches as indices) become named records, as the backends make them
        self.rows = [None if row is None else tuple(_outcome(*arm) for arm in row) for row in self.rows]

    @property
    def completed(self) -> list[Row]:
        return [row for row in self.rows if row is not None]

    def column(self, plan: str, which: Literal["continuity", "cost"]) -> np.ndarray:
        """The continuity or the cost of ``plan`` in every completed replication, in order."""
        arm = self.plans.index(plan)
        return np.array([getattr(row[arm], which) for row in self.completed], dtype=float)


def _outcome(continuity: float, cost: float, breached: Breached | Iterable[int]) -> Outcome:
    return Outcome(continuity, cost, breached if isinstance(breached, Breached) else Breached.of(breached))


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a run: ``rows`` and ``result`` hold the replications that completed."""

    def __init__(self, rows: Rows) -> None:
        super().__init__()
        self.rows = rows
        self.result = summarise(rows)


def arms(scenario: Scenario, plans: Sequence[PlanLike]) -> list[Arm]:
    """The baseline and one arm per plan, each with a fresh decider per replication."""
    result: list[Arm] = [(BASELINE, None)]
    for plan in plans:
        if isinstance(plan, Plan):
            problems = plan_problems(plan, scenario)
            if problems:
                raise OefeningError([
                    Problem(f"{'.'.join(map(str, path))}: {message}", f"plan {plan.id}")
                    for path, message in problems
                ])
            arm: Arm = (plan.id, partial(PlanDecider, plan))
        else:
            arm = (plan[0], plan[1])
        if arm[0] in {ident for ident, _ in result}:
            raise OefeningError(
                f"two plans are called {arm[0]} ({BASELINE} is the nobody-acts run)")
        result.append(arm)
    return result


def simulate(scenario: Scenario, plans: Sequence[PlanLike], n: int, seed: int = 0,
             workers: int | None = None, scheduler: str | None = None,
             progress: Progress | None = None) -> Rows:
    """Run the baseline and every plan on replications 0 … n−1 of ``seed``.

    ``workers=1`` runs in this process, more on a local process pool (default: every core);
    ``scheduler`` (an address, or ``local`` for a LocalCluster of ``workers``) runs on dask.
    ``progress(done, n)`` is called in this thread as replications complete. Ctrl-C raises
    :class:`Interrupted` with what completed; pending work is cancelled.
    """
    if not 1 <= n <= MAX_REPLICATIONS:
        raise OefeningError(f"-n must be between 1 and {MAX_REPLICATIONS:,}, not {n}")
    if workers is not None and not 1 <= workers <= MAX_WORKERS:
        raise OefeningError(f"--workers must be between 1 and {MAX_WORKERS}, not {workers}")
    work_arms = arms(scenario, plans)
    rows = Rows(scenario.id, seed, [ident for ident, _ in work_arms],
                [ref for ref, _ in scenario.processes()], [None] * n)
    done = 0
    batches = run_batches((scenario, work_arms, seed), n, workers, scheduler)
    try:
        for start, batch in batches:
            rows.rows[start:start + len(batch)] = batch
            done += len(batch)
            if progress is not None:
                progress(done, n)
    except KeyboardInterrupt:
        raise Interrupted(rows) from None
    finally:
        batches.close()  # cancel what has not started now, not when the generator is collected
    return rows


def montecarlo(scenario: Scenario, plans: Sequence[PlanLike], n: int, seed: int = 0,
               workers: int | None = None, scheduler: str | None = None,
               progress: Progress | None = None) -> dict[str, Any]:
    """The Monte Carlo result of SPEC §4 with paired differences (docs/montecarlo.md)."""
    return summarise(simulate(scenario, plans, n, seed, workers, scheduler, progress))


# -- turning rows into numbers -----------------------------------------------------------


def spread(values: np.ndarray) -> dict[str, float]:
    """Mean and the 5th, 50th and 95th percentiles (numpy's default, linear)."""
    p5, p50, p95 = np.percentile(values, PERCENTILES)
    return {"mean": float(np.mean(values)), "p5": float(p5), "p50": float(p50), "p95": float(p95)}


def paired(differences: np.ndarray) -> dict[str, float | None]:
    """Mean of paired differences with the 95 % interval mean ± 1.96·sd/√N (None when N = 1)."""
    mean = float(np.mean(differences))
    if len(differences) < 2:
        return {"mean": mean, "low": None, "high": None}
    half = Z95 * float(np.std(differences, ddof=1)) / float(np.sqrt(len(differences)))
    return {"mean": mean, "low": mean - half, "high": mean + half}


def compare(continuity: np.ndarray, cost: np.ndarray) -> dict[str, Any]:
    """Paired differences of one plan against another, world by world: the mean with the 95 %
    interval of the mean (``continuity``, ``cost``, SPEC-style), the spread of the difference
    itself over the worlds (``continuity_spread``, ``cost_spread``: 5th, 50th and 95th
    percentiles, which say how much the outcome of one world can differ, unlike the interval),
    and the share of worlds in which the plan scores higher or lower and costs less or more."""
    p5, p50, p95 = np.percentile(continuity, PERCENTILES)
    c5, c50, c95 = np.percentile(cost, PERCENTILES)
    return {
        "continuity": paired(continuity), "cost": paired(cost),
        "continuity_spread": {"p5": float(p5), "p50": float(p50), "p95": float(p95)},
        "cost_spread": {"p5": float(c5), "p50": float(c50), "p95": float(c95)},
        "share_higher": float(np.mean(continuity > 1e-9)), "share_lower": float(np.mean(continuity < -1e-9)),
        "share_cheaper": float(np.mean(cost < -1e-6)), "share_dearer": float(np.mean(cost > 1e-6)),
    }


def summarise(rows: Rows) -> dict[str, Any]:
    """Per plan: continuity and cost spread, MTPD breach probabilities, paired differences."""
    completed = rows.completed
    n = len(completed)
    result: dict[str, Any] = {"scenario": rows.scenario, "replications": n, "seed": rows.seed}
    if n < len(rows.rows):
        result.update(partial=True, requested=len(rows.rows))
    if n == 0:
        result["plans"] = {}
        return result
    columns = {plan: (rows.column(plan, "continuity"), rows.column(plan, "cost")) for plan in rows.plans}
    plans: dict[str, Any] = {}
    for arm, plan in enumerate(rows.plans):
        breaches = _breaches(completed, arm, len(rows.processes))
        continuity, cost = columns[plan]
        plans[plan] = {
            "continuity": spread(continuity),
            "cost": spread(cost),
            "mtpd_breach_probability": {
                ref: int(count) / n for ref, count in zip(rows.processes, breaches, strict=True)
            },
            "difference": {
                other: compare(continuity - columns[other][0], cost - columns[other][1])
                for other in rows.plans if other != plan
            },
        }
    result["plans"] = plans
    return result


def _breaches(completed: list[Row], arm: int, processes: int, chunk: int = 1 << 16) -> np.ndarray:
    """In how many worlds each process breached its MTPD: the worlds' bits unpacked a chunk
    of worlds at a time (10,000 national worlds: 0.3 s one by one, 0.02 s so; a chunk's bits
    take at most 64 KB per process)."""
    width = (processes + 7) >> 3
    counts = np.zeros(processes, dtype=np.int64)
    for start in range(0, len(completed), chunk):
        part = completed[start:start + chunk]
        packed = np.frombuffer(b"".join(row[arm].breached.bits.ljust(width, b"\0") for row in part),
                               dtype=np.uint8).reshape(len(part), width)
        counts += np.unpackbits(packed, axis=1, bitorder="little")[:, :processes].sum(axis=0, dtype=np.int64)
    return counts


# -- good or lucky: where the team's own world falls -------------------------------------


def percentile_of(value: float, values: np.ndarray) -> float:
    """The percentile rank of ``value`` among ``values``: below it, plus half the ties."""
    below = int(np.count_nonzero(values < value))
    ties = int(np.count_nonzero(values == value))
    return 100.0 * (below + 0.5 * ties) / len(values)


def team_world(rows: Rows, scenario: Scenario, plan: str, continuity: float,
               team_seed: int) -> dict[str, Any]:
    """Where the world the team played (replication 0 of its seed) falls among the N worlds.

    ``continuity`` is what the team achieved (the replay of its journal). ``percentile``:
    its rank among the continuity of the team's decisions (the arm ``plan``) over the N
    worlds; high means their world was kind to their decisions. ``baseline_percentile``:
    the same for nobody acting, how hard their world was whatever one decides.
    """
    if team_seed == rows.seed and rows.rows[0] is not None:
        baseline = rows.rows[0][rows.plans.index(BASELINE)].continuity
    else:
        exercise = Exercise(scenario, team_seed, 0)
        play(exercise, None)
        baseline = outcome(exercise).continuity
    return {
        "plan": plan,
        "seed": team_seed,
        "replication": 0,
        "continuity": continuity,
        "percentile": percentile_of(continuity, rows.column(plan, "continuity")),
        "baseline_continuity": baseline,
        "baseline_percentile": percentile_of(baseline, rows.column(BASELINE, "continuity")),
    }
