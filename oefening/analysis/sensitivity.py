"""``montecarlo --sensitivity``: which random draws drive continuity and each vital
process's MTPD breach, ranked by Spearman rank correlation over the N worlds.

The inputs are the keyed draws themselves (SPEC §3): every random value a world draws has a
key (``event:herstel:at``, ``event:restart:delay``, ``fallback:org/proc/fb:lead_time:0``…),
recorded per world while it runs (:func:`oefening.engine.rng.recording`). For each arm,
each key and each outcome (the world's continuity; whether a vital process breached its
MTPD, 0 or 1) the Spearman coefficient ρ of the key's values against the outcome, over the
worlds in which the key was drawn, ranked by |ρ|.

Why rank correlation and not variance-based indices (Sobol, SALib): it reads the N worlds a
Monte Carlo run has anyway, without a sampling design of its own (Saltelli needs N(2D + 2)
runs with inputs set by the sampler, while here the inputs are drawn by key inside the
world, some only when a decision is taken); it catches any monotone effect (a later restart
means lower continuity), whatever its shape; and it is exact to compute with numpy. What it
misses: effects that are not monotone and interactions; |ρ| below 1.96/√(N − 1) is not told
from chance at 95 % (printed with the ranking).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from oefening.engine.rng import recording
from oefening.errors import OefeningError
from oefening.experiments.backends import Row, Work, replicate, run_batches
from oefening.experiments.montecarlo import MAX_REPLICATIONS, MAX_WORKERS, PlanLike, Rows, arms
from oefening.scenario.model import Scenario

Draws = dict[str, float]
TOP = 10


def sensitivity_kernel(work: Work, start: int, stop: int) -> list[tuple[Row, Draws]]:
    """Replications ``start`` … ``stop − 1`` of every arm, each with the draws its worlds made."""
    out = []
    for replication in range(start, stop):
        with recording() as drawn:
            row = replicate(work, replication, replication + 1)[0]
        out.append((row, dict(sorted(drawn.items()))))
    return out


def simulate_with_draws(scenario: Scenario, plans: Sequence[PlanLike], n: int, seed: int = 0,
                        workers: int | None = None, scheduler: str | None = None,
                        progress: Callable[[int, int], None] | None = None) -> tuple[Rows, list[Draws]]:
    """Like :func:`oefening.experiments.montecarlo.simulate`, also returning each world's draws."""
    if not 1 <= n <= MAX_REPLICATIONS:
        raise OefeningError(f"-n must be between 1 and {MAX_REPLICATIONS:,}, not {n}")
    if workers is not None and not 1 <= workers <= MAX_WORKERS:
        raise OefeningError(f"--workers must be between 1 and {MAX_WORKERS}, not {workers}")
    work_arms = arms(scenario, plans)
    results: list[Any] = [None] * n   # (row, draws) per replication, None until it ran
    done = 0
    batches = run_batches((scenario, work_arms, seed), n, workers, scheduler, kernel=sensitivity_kernel)
    try:
        for start, batch in batches:
            results[start:start + len(batch)] = batch
            done += len(batch)
            if progress is not None:
                progress(done, n)
    finally:
        batches.close()
    rows = Rows(scenario.id, seed, [ident for ident, _ in work_arms], [ref for ref, _ in scenario.processes()],
                [r[0] if r is not None else None for r in results])
    return rows, [r[1] if r is not None else {} for r in results]


def ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 0 … n−1, ties sharing their average rank."""
    order = np.argsort(values, kind="mergesort")
    plain = np.empty(len(values))
    plain[order] = np.arange(len(values))
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    return (np.bincount(inverse, weights=plain) / counts)[inverse]


def spearman(x: np.ndarray, y: np.ndarray) -> float | None:
    """Spearman's ρ (Pearson's on the ranks); None when either side does not vary."""
    if len(x) < 3:
        return None
    rx, ry = ranks(x), ranks(y)
    sx, sy = float(np.std(rx)), float(np.std(ry))
    if sx == 0.0 or sy == 0.0:
        return None
    return float(np.mean((rx - rx.mean()) * (ry - ry.mean())) / (sx * sy))


def _ranking(draws: list[Draws], outcome: np.ndarray) -> list[dict[str, Any]]:
    keys = sorted({key for world in draws for key in world})
    found: list[dict[str, Any]] = []
    for key in keys:
        worlds = [i for i, world in enumerate(draws) if key in world]
        rho = spearman(np.array([draws[i][key] for i in worlds]), outcome[worlds])
        if rho is not None:
            found.append({"draw": key, "rho": rho, "worlds": len(worlds)})
    found.sort(key=lambda d: (-abs(d["rho"]), d["draw"]))
    return found


def sensitivity(scenario: Scenario, rows: Rows, draws: list[Draws]) -> dict[str, Any]:
    """Per arm: the draws ranked by |ρ| against continuity and each vital process's breach."""
    n = len(rows.completed)
    vital = [(i, ref) for i, (ref, p) in enumerate(scenario.processes()) if p.criticality == "vital"]
    kept = [d for d, row in zip(draws, rows.rows, strict=True) if row is not None]
    plans: dict[str, Any] = {}
    for arm, plan in enumerate(rows.plans):
        breaches = {}
        for index, ref in vital:
            broken = np.array([1.0 if index in row[arm].breached else 0.0 for row in rows.completed])
            breaches[ref] = _ranking(kept, broken)
        plans[plan] = {"continuity": _ranking(kept, rows.column(plan, "continuity")), "mtpd_breach": breaches}
    return {"method": "spearman", "noise": 1.96 / math.sqrt(n - 1) if n > 1 else None,
            "draws": sorted({key for world in kept for key in world}), "plans": plans}
