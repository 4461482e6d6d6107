"""Sweep throughput on the national-scale scenario: 5 values of the shared facility's places
× N worlds (default 1,000), baseline + 1 plan, on 1 worker (in this process) and 2 workers
(a forkserver pool, its start included). Prints worlds per second, the ratio, and checks that
both give the same numbers (common random numbers, results independent of the backend).

    python benchmarks/bench_sweep.py [-n N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.national import national_plan_document, national_scenario
from oefening.analysis.sweep import sweep
from oefening.scenario.plan import Plan

VALUES = ["1", "3", "5", "10", "20"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="worlds per value")
    args = parser.parse_args(argv)
    scenario = national_scenario()
    plans = [Plan.model_validate(national_plan_document(scenario))]
    worlds = len(VALUES) * args.n
    print(f"oefening sweep benchmark: national scenario, facility.rijksnood.slots={','.join(VALUES)}, "
          f"{args.n} worlds per value, baseline + 1 plan")
    results = {}
    seconds = {}
    for workers in (1, 2):
        start = time.perf_counter()
        results[workers] = json.dumps(sweep(scenario, "facility.rijksnood.slots", VALUES, plans, n=args.n,
                                            seed=1, workers=workers), sort_keys=True)
        seconds[workers] = time.perf_counter() - start
        print(f"  {workers} worker{'s' if workers > 1 else ' '}  {seconds[workers]:8.1f} s  "
              f"{worlds / seconds[workers]:8.1f} worlds/s   {seconds[1] / seconds[workers]:5.2f}×")
    same = results[1] == results[2]
    print(f"  same numbers on 1 and 2 workers: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
