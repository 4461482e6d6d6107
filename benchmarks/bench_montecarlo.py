"""Monte Carlo throughput on the national-scale scenario: 1 and 2 local workers and dask.

Replications per second (each replication runs the baseline and one plan) for workers=1 (in
this process), workers=2 (a forkserver process pool, its start included, as every
``oefening montecarlo`` call pays it) and a dask LocalCluster of 2 single-threaded worker
processes (cluster start excluded, as a standing cluster is the use case; connecting and
scattering the scenario included). Prints the ratios against one worker and checks that all
three give the same numbers. Targets (issue 6): 2 workers ≥ 1.8×, dask ≥ 1.6×.

    python benchmarks/bench_montecarlo.py [-n N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.national import national_plan_document, national_scenario
from oefening.montecarlo import montecarlo
from oefening.montecarlo_backends import local_cluster
from oefening.scenario.plan import Plan

TARGETS = {"2 workers": 1.8, "dask LocalCluster(2)": 1.6}


def timed(scenario: Any, plans: list[Plan], n: int, **backend: Any) -> tuple[float, str]:
    """The wall time of one Monte Carlo run, and its result as JSON."""
    start = time.perf_counter()
    result = json.dumps(montecarlo(scenario, plans, n, seed=1, **backend))
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=64, help="replications per measurement")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (the best one counts)")
    args = parser.parse_args(argv)

    from distributed import Client

    scenario = national_scenario()
    plans = [Plan.model_validate(national_plan_document(scenario))]
    print(f"oefening Monte Carlo benchmark: national scenario, baseline + 1 plan, "
          f"{args.n} replications, best of {args.repeat} interleaved rounds")
    start = time.perf_counter()
    with local_cluster(2) as cluster, Client(cluster):
        started = time.perf_counter() - start
        backends: dict[str, dict[str, Any]] = {
            "1 worker (in process)": {"workers": 1},
            "2 workers": {"workers": 2},
            "dask LocalCluster(2)": {"scheduler": cluster.scheduler_address},
        }
        timed(scenario, plans, 4, **backends["dask LocalCluster(2)"])  # workers import oefening
        best = dict.fromkeys(backends, float("inf"))
        results: dict[str, str] = {}
        for _ in range(args.repeat):  # interleaved, so a busy moment hurts every backend alike
            for label, backend in backends.items():
                seconds, results[label] = timed(scenario, plans, args.n, **backend)
                best[label] = min(best[label], seconds)

    one = best["1 worker (in process)"]
    for label, seconds in best.items():
        ratio = one / seconds
        target = TARGETS.get(label)
        verdict = "" if target is None else (
            f"  target ≥ {target}×: {'ok' if ratio >= target else 'MISSED'}")
        print(f"  {label:<22} {args.n / seconds:8.1f} replications/s   {ratio:5.2f}×{verdict}")
    print(f"  (pool start included; dask cluster start {started:.2f} s not included)")
    same = len(set(results.values())) == 1
    print(f"  same numbers on every backend: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
