"""CPU milliseconds per world on the national scenario, for one source tree: run by
bench_compare.py with that tree first on the path, so the same measurements run on an earlier
commit and on this one. Prints one JSON object.

    python benchmarks/measure_worlds.py TREE [--rounds R]

Uses only what every version since issue 19 was filed has: the national scenario and plan
(benchmarks/national.py), ``experiments.montecarlo.arms``/``montecarlo`` and
``experiments.backends.replicate``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("tree")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, args.tree)

    from benchmarks.national import national_document, national_plan_document, national_scenario
    from oefening.experiments.backends import replicate
    from oefening.experiments.montecarlo import arms, montecarlo
    from oefening.scenario.model import Scenario
    from oefening.scenario.plan import Plan

    def per_world(scenario: Any, plan: Any, worlds: int) -> float:
        """CPU ms per world, the best of the rounds (one arm: the baseline, or the plan)."""
        arm = arms(scenario, [plan] if plan is not None else [])[-1:]
        work = (scenario, arm, 1)
        replicate(work, 1000, 1001)   # warm
        best = float("inf")
        for r in range(args.rounds):
            began = time.process_time()
            replicate(work, r * worlds, (r + 1) * worlds)
            best = min(best, (time.process_time() - began) / worlds)
        return best * 1000

    base = national_scenario()
    plan = Plan.model_validate(national_plan_document(base))
    big = national_scenario(organisations=500)
    big_plan = Plan.model_validate(national_plan_document(big))
    doc = national_document()
    doc["calendars"] = [{"id": "kantoor", "hours": "08:00-17:00"}]
    for org in doc["organisations"]:
        for proc in org["processes"]:
            proc["calendar"] = "kantoor"
    office = Scenario.model_validate(doc)

    out: dict[str, float] = {}
    out["nobody acts"] = per_world(base, None, 20)
    out["with the plan"] = per_world(base, plan, 10)
    out["2x horizon, nobody acts"] = per_world(national_scenario(days=120), None, 20)
    out["10x processes, nobody acts"] = per_world(big, None, 2)
    out["10x processes, with the plan"] = per_world(big, big_plan, 1)
    out["office hours everywhere, nobody acts"] = per_world(office, None, 5)
    try:   # demand profiles came with issue 16: an earlier tree may not know them
        from benchmarks.national import PAYMENTS_PROFILE
    except ImportError:
        PAYMENTS_PROFILE = {"id": "betalingen", "hours": [0.5] * 8 + [2.0] * 9 + [1.0] * 7,
                            "weekdays": {"sat": 0.3, "sun": 0.2}, "month_end": {"days": 3, "factor": 2.0}}
    doc = national_document()
    doc["demand_profiles"] = [PAYMENTS_PROFILE]
    for org in doc["organisations"]:
        for proc in org["processes"]:
            proc["demand_profile"] = "betalingen"
    try:
        profiled = Scenario.model_validate(doc)
    except ValueError:   # a tree without demand profiles refuses the key
        profiled = None
    if profiled is not None:
        out["demand profile everywhere, nobody acts"] = per_world(profiled, None, 3)
    n = 40
    best = float("inf")
    for _ in range(args.rounds):
        began = time.process_time()
        montecarlo(base, [plan], n, seed=1, workers=1)
        best = min(best, time.process_time() - began)
    out["Monte Carlo, 1 worker: CPU ms per arm (a world played once, by nobody or by the plan)"] = best / (2 * n) * 1000
    print(json.dumps(out))


if __name__ == "__main__":
    main()
