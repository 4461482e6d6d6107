"""``make bench``: the engine's speed on a national-scale scenario, as ratios measured in one run.

Prints per-replication time, the number of scheduled simpy events, the time of a bare simpy
loop with as many events (the floor), how time grows with 2× horizon and 10× processes, and
a per-case simpy model of a small slice of the same world (what people would otherwise
write), the TUI turn, and Monte Carlo worlds per second on 1 and 2 workers and dask
(bench_montecarlo.py; arguments are passed on to it, e.g. ``-n 100 --repeat 2``), and before
and after: the CPU time per world on an earlier commit and on this tree (bench_compare.py).
Targets (issues 3, 19): ≤ 10× bare simpy, flat in horizon, 10× processes ≤ 12× with and
without a plan.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

import simpy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.national import everywhere, national_document, national_plan_document, national_scenario
from oefening.decide import PlanDecider, collector_paused, play
from oefening.engine.exercise import Exercise
from oefening.experiments.backends import outcome
from oefening.scenario.model import Scenario
from oefening.scenario.plan import Plan


def _count_events(exercise: Exercise) -> list[int]:
    """[scheduled simpy events, process updates before now], counted as the exercise runs
    (the world counts its updates itself: a compiled one cannot be wrapped)."""
    world = exercise.world
    counter = [0, -world.updates]
    env = world.env
    original = env.schedule

    def schedule(event, priority=1, delay=0):  # type: ignore[no-untyped-def]
        counter[0] += 1
        return original(event, priority, delay)

    env.schedule = schedule  # type: ignore[method-assign]
    return counter


def replication(scenario, plan, seed: int, rep: int, count: bool = False) -> tuple[float, list[int]]:
    """CPU seconds of one world as Monte Carlo pays for it (the machine is shared: wall time
    says little): built and played with the collector paused, read with ``outcome`` and
    released (the JSON of ``run --json`` is measured apart, :func:`result_json`), and when
    counted its scheduled simpy events and process updates."""
    start = time.process_time()
    with collector_paused():
        exercise = Exercise(scenario, seed, rep)
        counter = _count_events(exercise) if count else [0, 0]
        play(exercise, PlanDecider(plan) if plan is not None else None)
        outcome(exercise)
        counter[1] += exercise.world.updates
        exercise.release()   # as Monte Carlo does: freed now, not by the collector
        del exercise         # and gone before the collector runs again, as in a batch
    return time.process_time() - start, counter


def result_json(scenario, plan, seed: int = 1, reps: int = 5) -> float:
    """CPU seconds of the JSON of ``run --json`` for one played world (median), which Monte
    Carlo never builds."""
    times = []
    for rep in range(reps):
        with collector_paused():
            exercise = play(Exercise(scenario, seed, rep), PlanDecider(plan) if plan is not None else None)
            start = time.process_time()
            exercise.result(plan.id if plan is not None else None)
            times.append(time.process_time() - start)
    return statistics.median(times)


def median_time(scenario, plan, reps: int = 7) -> float:
    return statistics.median(replication(scenario, plan, 1, r)[0] for r in range(reps))


def bare_simpy(n_events: int) -> float:
    """The floor: n timeouts with a callback each, on simpy alone."""
    def best() -> float:
        env = simpy.Environment()
        sink = []
        start = time.process_time()
        for i in range(n_events):
            env.timeout(i * 0.01).callbacks.append(sink.append)
        env.run()
        return time.process_time() - start
    return min(best() for _ in range(5))


def per_case_slice(processes: int = 5, days: float = 60) -> tuple[float, int]:
    """Each case a simpy process through a Resource, for a few processes of the world."""
    scenario = national_scenario(organisations=1, processes_per_org=processes, days=days)
    env = simpy.Environment()
    cases = [0]

    def source(proc):
        server = simpy.Resource(env, capacity=1)
        interval = 1.0 / proc.demand

        def case():
            with server.request() as req:
                yield req
                yield env.timeout(1.0 / proc.capacity)
            cases[0] += 1

        while True:
            env.process(case())
            yield env.timeout(interval)

    for _, proc in scenario.processes():
        env.process(source(proc))
    start = time.process_time()
    env.run(until=days * 24)
    return time.process_time() - start, cases[0]


def engine_kind() -> str:
    """Which engine this process runs, and why: the mypyc-compiled one, or the Python sources
    (without a C compiler, after an edit, or with OEFENING_PURE=1)."""
    import oefening.engine

    return oefening.engine.which()


def main() -> None:
    print("oefening benchmark: national-scale scenario (50 organisations × 10 processes, "
          f"10 suppliers, 60 days, 40 storyline events); load average now {_load()}")
    print(f"engine measured: {engine_kind()}")
    base = national_scenario()
    plan = Plan.model_validate(national_plan_document(base))
    for label, p in (("nobody acts", None), ("plan (activates fallbacks)", plan)):
        _, (n_events, n_updates) = replication(base, p, 1, 0, count=True)
        per_rep = median_time(base, p)
        floor = bare_simpy(n_events)
        per_update = bare_simpy(n_updates)
        print(f"\n[{label}]")
        print(f"  per replication (CPU)   {per_rep * 1000:8.2f} ms   ({n_events} scheduled simpy events, "
              f"{n_updates} process updates)")
        print(f"  bare simpy, same events {floor * 1000:8.2f} ms   ratio {per_rep / floor:5.1f}× (target ≤ 10×)")
        print(f"  the result as JSON      {result_json(base, p) * 1000:8.2f} ms   (run --json builds it; "
              "Monte Carlo reads continuity, cost and breaches only)")
        print(f"  bare simpy, one event per process update {per_update * 1000:8.2f} ms   ratio "
              f"{per_rep / per_update:5.1f}× (an update is where the work is, now that few events remain)")

    t60 = median_time(base, None)
    t120 = median_time(national_scenario(days=120), None)
    print("\n[scaling, nobody acts]")
    print(f"  2× horizon (120 d)      {t120 * 1000:8.2f} ms   ratio {t120 / t60:5.2f}× (flat: ≈ 1, events are the same)")
    big = national_scenario(organisations=500)
    big_plan = Plan.model_validate(national_plan_document(big))
    print("\n[10× processes (5,000), target ≤ 12× (linear: ≈ 10)]")
    for label, small_plan, large_plan in (("nobody acts", None, None), ("with the plan", plan, big_plan)):
        small = median_time(base, small_plan)  # just before: a shared machine drifts
        large = median_time(big, large_plan, reps=3)
        print(f"  {label:<23} {large * 1000:8.2f} ms   ratio {large / small:5.2f}×")

    # office hours on every process (issue 16): each opening and closing is one event per
    # calendar; the flows switch their capacity by themselves (OfficeFlow), but every closed
    # night leaves a backlog, so the pieces to integrate grow ~10×. A demand profile likewise:
    # one event per change, the flows switch their demand by themselves (ProfileFlow)
    t_cal = median_time(Scenario.model_validate(everywhere(national_document(), calendar=True)), None)
    t_prof = median_time(Scenario.model_validate(everywhere(national_document(), profile=True)), None, reps=3)
    print("\n[office hours / a demand profile on every process, nobody acts]")
    print(f"  calendars               {t_cal * 1000:8.2f} ms   ratio {t_cal / t60:5.2f}× (issue 16 asks ≤ 2×)")
    print(f"  demand profile          {t_prof * 1000:8.2f} ms   ratio {t_prof / t60:5.2f}× (as close as can be)")

    slice_time, cases = per_case_slice()
    fluid_slice = median_time(national_scenario(organisations=1, processes_per_org=5), None)
    print("\n[per-case simpy model, 5 processes × 60 days]")
    print(f"  per-case                {slice_time * 1000:8.0f} ms   ({cases:,} cases)")
    print(f"  fluid                   {fluid_slice * 1000:8.2f} ms   speed-up {slice_time / fluid_slice:,.0f}×")

    import runpy

    print()
    runpy.run_path(str(Path(__file__).with_name("bench_tui.py")), run_name="__main__")
    print()
    from benchmarks import bench_montecarlo, bench_sweep

    status = bench_montecarlo.main(sys.argv[1:])
    print()
    status = bench_sweep.main([]) or status
    print()
    from benchmarks import bench_compare

    status = bench_compare.main([]) or status
    print(f"\nload average (1, 5, 15 min) at the end: {_load()}: a shared machine, the ratios "
          "measured in this run compare like with like, the absolute times do not")
    sys.exit(status)


def _load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
