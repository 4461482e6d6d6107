"""Before and after, in one run: the CPU time per world on an earlier commit and on this tree.

The earlier commit (default: main as issue 19's second session began) is exported with
``git archive`` into a temporary folder, and measure_worlds.py runs on each tree in its own
interpreter, interleaved (before, after, before, after) so a busy moment hurts both; the best
of each is kept. CPU time, not wall time: the machine is shared. Ratios below 1 are faster.

    python benchmarks/bench_compare.py [--before REV] [--rounds R]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "414c0ba"   # main when issue 19's second session began


def _measure(tree: Path, rounds: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "measure_worlds.py"), str(tree),
                          "--rounds", str(rounds)], capture_output=True, text=True, env=env, cwd=tree, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_compare.py", description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE, help="the commit to compare with")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.before, "oefening", "benchmarks"],
                                 capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        print(f"before/after: cannot export {args.before} with git here; skipped")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        before_tree = Path(folder)
        archive_path = before_tree / "before.tar"
        archive_path.write_bytes(archive)
        with tarfile.open(archive_path) as tar:
            tar.extractall(before_tree, filter="data")
        runs = []
        for _ in range(2):
            runs.append((_measure(before_tree, args.rounds), _measure(ROOT, args.rounds)))
    before = {k: min(run[0][k] for run in runs) for k in runs[0][0]}
    after = {k: min(run[1][k] for run in runs) for k in runs[0][1]}
    print(f"before ({args.before}) and after (this tree), CPU ms per world, best of 2 interleaved runs × "
          f"{args.rounds} rounds; load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for key in after:
        if key not in before:   # measured only on this tree (the earlier one did not have it)
            print(f"  {key:<58} {'—':>9} → {after[key]:9.2f}")
            continue
        print(f"  {key:<58} {before[key]:9.2f} → {after[key]:9.2f}   after/before {after[key] / before[key]:5.2f}×")
    for label, small, large in (("10x processes, nobody acts", "nobody acts", "10x processes, nobody acts"),
                                ("10x processes, with the plan", "with the plan", "10x processes, with the plan"),
                                ("2x horizon", "nobody acts", "2x horizon, nobody acts"),
                                ("office hours everywhere", "nobody acts", "office hours everywhere, nobody acts"),
                                ("a demand profile everywhere", "nobody acts", "demand profile everywhere, nobody acts")):
        was = f"{before[large] / before[small]:5.2f}×" if large in before else "    —"
        print(f"  growth, {label:<50} before {was}   after {after[large] / after[small]:5.2f}×")
    mc = "Monte Carlo, 1 worker: CPU ms per arm (a world played once, by nobody or by the plan)"
    # the figure is per arm: a replication plays the baseline and the plan, so 10,000 of them on
    # two cores are 10,000 × 2 arms ÷ 2 cores = 10,000 × the figure (ms → s: × 10)
    print(f"  10,000 replications (baseline + plan) on 2 cores at this CPU time (perfect scaling): "
          f"before ≈ {before[mc] * 10:.0f} s, after ≈ {after[mc] * 10:.0f} s (issue 19 target ≤ 60 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
