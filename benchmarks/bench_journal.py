"""``make bench`` (journal part, issue 13): what one step costs when several processes write
one journal: the facilitator advances a turn and a team, which has not looked since, sends a
message (blocking lock, take in the other's line, append, fsync, unlock), on the bundled
digitale-monocultuur with its teams; and an idle ``refresh`` (a team console polls it).
Targets: a step with catching up ≤ 20 ms (median), an idle refresh ≤ 1 ms (fsync dominates the first;
a slow disk shows here, not in the tests).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from oefening.journal.session import Session
from oefening.scenario.load import load_scenario

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "digitale-monocultuur.yaml"


def main() -> None:
    scenario = load_scenario(SCENARIO)
    journal = Path(tempfile.mkdtemp()) / "bench.jsonl"
    facilitator = Session.start(SCENARIO, scenario, seed=0, journal_path=journal)
    team = Session.join(journal, scenario.teams[0].id)
    assert scenario.coordination is not None
    steps = []
    while not facilitator.exercise.finished:
        facilitator.advance()
        start = time.perf_counter()
        team.message(scenario.coordination.id, "stand van zaken")
        steps.append(time.perf_counter() - start)
    start = time.perf_counter()
    for _ in range(1000):
        team.refresh()
    idle = (time.perf_counter() - start) / 1000
    steps.sort()
    print(f"journal with several writers ({scenario.id}, {len(steps)} turns): a team's step after the "
          f"facilitator's turn {1000 * steps[len(steps) // 2]:.1f} ms median, {1000 * steps[-1]:.1f} ms max "
          f"(target ≤ 20 ms); idle refresh {1e6 * idle:.0f} µs (target ≤ 1,000 µs)")


if __name__ == "__main__":
    main()
