"""A turn on a national-scale world (500 processes) stays quick: advancing the simulation and
redrawing the screen in place, not rebuilding it. Prints p50/p95; the bound is loose so that a
slow CI machine passes while a rebuild of every widget each turn (seconds) does not."""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from oefening.journal.session import Session
from oefening.ui import make_app
from oefening.ui.screens.turn import TurnScreen
from tests.paths import ROOT

WARM = 100
TURNS = 30


def national() -> tuple[dict[str, Any], Any]:
    sys.path.insert(0, str(ROOT))
    from benchmarks.national import national_document, national_scenario

    return national_document(), national_scenario()


async def measure(tmp_path: Path) -> list[float]:
    """Seconds per turn: the session's advance and the widgets' update, plus the screen's
    layout and paint that follow (timed around Textual's own refresh methods)."""
    document, scenario = national()
    path = tmp_path / "national.yaml"
    path.write_text(json.dumps(document))
    session = Session.start(path, scenario, seed=1, lang="nl", journal_path=tmp_path / "journal.jsonl")
    for _ in range(WARM):   # into the busy middle: suppliers failing, backlogs growing
        session.advance()
    app = make_app(session)
    times: list[float] = []
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TurnScreen)
        assert len(session.exercise.snapshot().processes) == 500
        painting = [0.0]
        for name in ("_compositor_refresh", "_refresh_layout"):
            original = getattr(screen, name)

            def timed(*args: Any, original: Any = original, **kwargs: Any) -> Any:
                start = time.perf_counter()
                try:
                    return original(*args, **kwargs)
                finally:
                    painting[0] += time.perf_counter() - start

            setattr(screen, name, timed)
        for _ in range(TURNS):
            painting[0] = 0.0
            start = time.perf_counter()
            screen.advance()
            advanced = time.perf_counter() - start
            await pilot.pause()
            times.append(advanced + painting[0])
    session.close()
    return times


def test_turn_latency_on_a_national_world(tmp_path: Path) -> None:
    """p95 of advance + redraw on 500 processes stays far below a second."""
    times = sorted(asyncio.run(measure(tmp_path)))
    p50 = statistics.median(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"\nturn latency, 500 processes, turns {WARM}–{WARM + TURNS}: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    assert p95 < 1.0  # a hang guard only; `make bench` (benchmarks/bench_tui.py) reports the number
