"""Turn latency in the terminal UI: advance plus redraw, headless.

- the national-scale world (500 processes), turns 100–130 (the busy middle). Target (issue 5):
  p95 ≤ 100 ms.
- the largest world ``check`` accepts (issue 18): 50,000 processes, 10,000 turns, 20 outages,
  turns 50–60: the screen's first build and each turn, wall and CPU time. The process and
  decision tables have virtual rows (only a window of rows is built), so a turn costs reading
  the world, not drawing 50,000 rows. ``--quick`` leaves this part out.

    python benchmarks/bench_tui.py [--quick]
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.ui.test_ui_latency import TURNS, WARM, measure

LARGE_ORGS, LARGE_WARM, LARGE_TURNS = 5_000, 50, 10


def largest_document() -> dict[str, Any]:
    """50,000 processes (5,000 organisations × 10) on 10 suppliers, 20 storyline events
    (10 outages and their recoveries), three years in 10,000 turns."""
    from benchmarks.national import national_document

    doc = national_document(organisations=LARGE_ORGS, processes_per_org=10, days=1095, events=20)
    doc["turn"] = "2.628h"   # 26,280 h / 10,000
    return doc


async def measure_large(tmp: Path) -> dict[str, Any]:
    """The first build of the turn screen and each of LARGE_TURNS turns: (wall, CPU) seconds."""
    from oefening.journal.session import Session
    from oefening.scenario.load import load_scenario
    from oefening.ui import make_app

    path = tmp / "largest.json"
    path.write_text(json.dumps(largest_document(), separators=(",", ":")))
    scenario = load_scenario(path)
    session = Session.start(path, scenario, seed=1, lang="nl", journal_path=tmp / "journal.jsonl")
    for _ in range(LARGE_WARM):
        session.advance()
    app = make_app(session)
    out: dict[str, Any] = {"bytes": path.stat().st_size, "turns": []}
    wall, cpu = time.perf_counter(), time.process_time()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        out["mount"] = (time.perf_counter() - wall, time.process_time() - cpu)
        screen = app.screen
        for _ in range(LARGE_TURNS):
            wall, cpu = time.perf_counter(), time.process_time()
            screen.advance()   # type: ignore[attr-defined]
            await pilot.pause()
            out["turns"].append((time.perf_counter() - wall, time.process_time() - cpu))
    session.close()
    return out


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))]


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    with tempfile.TemporaryDirectory() as tmp:
        times = sorted(asyncio.run(measure(Path(tmp))))
    p50 = statistics.median(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    verdict = "ok" if p95 <= 0.1 else "MISSED"
    print(f"oefening TUI benchmark: 500 processes, turns {WARM}–{WARM + TURNS}, 160×50, headless")
    print(f"  turn latency (advance + redraw)  p50 {p50 * 1000:5.0f} ms   p95 {p95 * 1000:5.0f} ms"
          f"   target p95 ≤ 100 ms: {verdict}")
    if "--quick" in argv:
        return
    with tempfile.TemporaryDirectory() as tmp:
        large = asyncio.run(measure_large(Path(tmp)))
    walls = [w for w, _ in large["turns"]]
    cpus = [c for _, c in large["turns"]]
    print(f"\noefening TUI benchmark: the largest world check accepts ({LARGE_ORGS * 10:,} processes, "
          f"10,000 turns, 20 outages, {large['bytes'] / 1e6:.1f} MB), turns {LARGE_WARM}–{LARGE_WARM + LARGE_TURNS}")
    print(f"  first screen                     wall {large['mount'][0]:6.2f} s   CPU {large['mount'][1]:6.2f} s")
    print(f"  turn (advance + redraw)  wall p50 {statistics.median(walls):6.2f} s  p95 {_p(walls, 0.95):6.2f} s"
          f"   CPU p50 {statistics.median(cpus):6.2f} s  p95 {_p(cpus, 0.95):6.2f} s")
    print("  (issue 18 saw 67 s per turn; before virtual rows the first screen took ≈ 118 s of CPU)")


if __name__ == "__main__":
    main()
