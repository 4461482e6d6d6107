"""Turn latency in the terminal UI on the national-scale world (500 processes): advance plus
redraw, headless, turns 100–130 (the busy middle). Target (issue 5): p95 ≤ 100 ms.

    python benchmarks/bench_tui.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.ui.test_ui_latency import TURNS, WARM, measure


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        times = sorted(asyncio.run(measure(Path(tmp))))
    p50 = statistics.median(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    verdict = "ok" if p95 <= 0.1 else "MISSED"
    print(f"oefening TUI benchmark: 500 processes, turns {WARM}–{WARM + TURNS}, 160×50, headless")
    print(f"  turn latency (advance + redraw)  p50 {p50 * 1000:5.0f} ms   p95 {p95 * 1000:5.0f} ms"
          f"   target p95 ≤ 100 ms: {verdict}")


if __name__ == "__main__":
    main()
