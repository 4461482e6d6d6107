"""Monte Carlo (SPEC §3, §4): common random numbers, backends that agree to the last bit,
an estimate against a closed form, paired differences, and stopping part-way."""

from __future__ import annotations

import json
import math
import os
import sys
import time

import numpy as np
import pytest

from oefening.decide import run
from oefening.errors import OefeningError
from oefening.experiments.backends import Feeder
from oefening.experiments.montecarlo import (
    BASELINE,
    Interrupted,
    Rows,
    montecarlo,
    percentile_of,
    simulate,
    summarise,
)
from oefening.scenario.load import load_plan, load_scenario
from oefening.scenario.plan import Plan
from tests.builders import one_process

BUNDLED = "scenarios/leverancier-faillissement.yaml"
BUNDLED_PLANS = ("scenarios/plans/leverancier-faillissement-lauw.yaml",
                 "scenarios/plans/leverancier-faillissement-laat.yaml")
PROCESS = "uitvoering/uitkeringen"
FALLBACK = "uitvoering/uitkeringen/handmatig"


def plan(ident: str, *rules: dict, scenario: str = "hand") -> Plan:
    return Plan.model_validate({"format": 1, "id": ident, "scenario": scenario, "rules": list(rules)})


def random_world(**changes):
    """One process whose supplier fails at a random moment for a random time."""
    settings = dict(
        outage_at={"dist": "uniform", "low": "1d", "high": "5d"},
        outage_for={"dist": "triangular", "low": "1d", "mode": "3d", "high": "8d"},
        mtpd="72h", norm="24h", cost_per_late_case=10.0, horizon="30d",
        fallbacks=[{"id": "handmatig", "name": "Handmatig", "capacity": 0.6, "lead_time": "12h"}],
        actions=[{"id": "niets", "title": "Niets doen", "cost": 0}],
    )
    settings.update(changes)
    return one_process(**settings)


FALLBACK_PLAN = {"when": {"service_down": {"id": "hosting", "for": "4h"}},
                 "do": [{"activate": FALLBACK}]}


@pytest.fixture(scope="module")
def dask_address():
    """A dask LocalCluster of two single-threaded worker processes, for this module (its
    nannies write their workers' variables into this process's environment: put it back)."""
    from distributed import LocalCluster

    saved = os.environ.copy()
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": ":0"}) as cluster:
        os.environ.clear()
        os.environ.update(saved)
        yield cluster.scheduler_address


def _worker_collector() -> tuple[int, int]:
    """On a dask worker: how many objects are frozen, and how many worlds the collector can
    still find after a full pass."""
    import gc

    from oefening.engine.world import World

    gc.collect()
    return gc.get_freeze_count(), sum(type(o) is World for o in gc.get_objects())


@pytest.mark.slow
def test_dask_workers_handle_the_collector_as_a_pool_worker_does(dask_address):
    """On dask, what lived before a worker's first batch is frozen (never rescanned) and no
    world of a batch stays behind for the collector."""
    from distributed import Client

    montecarlo(one_process(), [], 12, seed=5, scheduler=dask_address)
    with Client(dask_address) as client:
        states = client.run(_worker_collector)
    assert states and all(frozen > 0 and worlds == 0 for frozen, worlds in states.values()), states


@pytest.mark.slow
def test_same_seed_same_json_with_one_two_workers_and_dask(dask_address):
    """The result is identical to the last bit in this process, on 2 processes and on dask."""
    scenario = load_scenario(BUNDLED)
    plans = [load_plan(p) for p in BUNDLED_PLANS]
    one = json.dumps(montecarlo(scenario, plans, 40, seed=11, workers=1))
    two = json.dumps(montecarlo(scenario, plans, 40, seed=11, workers=2))
    dask = json.dumps(montecarlo(scenario, plans, 40, seed=11, scheduler=dask_address))
    assert one == two == dask
    assert json.loads(one)["plans"].keys() == {BASELINE, "lauw", "laat"}
    assert one != json.dumps(montecarlo(scenario, plans, 40, seed=12, workers=1))


def test_replication_zero_is_oefening_run():
    """Replication 0 of seed S is what ``run --seed S`` plays; every row equals run's numbers."""
    scenario = load_scenario(BUNDLED)
    plans = [load_plan(p) for p in BUNDLED_PLANS]
    rows = simulate(scenario, plans, 3, seed=5, workers=1)
    for replication, row in enumerate(rows.rows):
        assert row is not None
        for arm, p in zip(row, [None, *plans], strict=True):
            result = run(scenario, p, seed=5, replication=replication)
            breached = tuple(i for i, proc in enumerate(result["processes"].values())
                             if proc["mtpd_breached"])
            assert (arm.continuity, arm.cost, tuple(arm.breached)) == (result["continuity"], result["cost"], breached)


def test_breach_probability_matches_the_triangular_closed_form():
    """Outage D ~ triangular(a, c, b), no fallback, MTPD m in [c, b]: P(breach) = P(D > m)
    = (b − m)² / ((b − a)(b − c)); the estimate over 2,000 worlds is within 3 standard errors."""
    a, c, b, m = 24.0, 72.0, 144.0, 90.0
    scenario = one_process(outage_for={"dist": "triangular", "low": a, "mode": c, "high": b},
                           mtpd=m, horizon="30d")
    n = 2000
    result = montecarlo(scenario, [], n, seed=3, workers=1)
    p = (b - m) ** 2 / ((b - a) * (b - c))
    estimate = result["plans"][BASELINE]["mtpd_breach_probability"][PROCESS]
    assert abs(estimate - p) < 3 * math.sqrt(p * (1 - p) / n)


def test_a_plan_that_changes_nothing_differs_from_the_baseline_by_exactly_zero():
    """Common random numbers: a rule that never fires (even one that reads backlogs and late
    counts every turn), or an action without effect or cost, leaves every world as it was, so
    the paired difference is exactly 0 with a zero interval."""
    scenario = random_world()
    never = plan("nooit", {"when": {"supplier": {"id": "backup", "status": "failed"}},
                           "do": [{"activate": FALLBACK}]})
    idle = plan("niets", {"at": "2d", "do": ["niets"]})
    watching = plan("kijken", {"when": {"any": [
        {"backlog_above": {"process": PROCESS, "cases": 1e12}},
        {"late_cases_above": {"process": PROCESS, "cases": 1e12}},
    ]}, "do": [{"activate": FALLBACK}]})
    result = montecarlo(scenario, [never, idle, watching], 200, seed=1, workers=1)
    baseline = result["plans"][BASELINE]
    for ident in ("nooit", "niets", "kijken"):
        this = result["plans"][ident]
        for key in ("continuity", "cost", "mtpd_breach_probability"):
            assert this[key] == baseline[key]
        for key in ("continuity", "cost"):
            assert this["difference"][BASELINE][key] == {"mean": 0.0, "low": 0.0, "high": 0.0}
    assert baseline["continuity"]["p5"] < baseline["continuity"]["p95"]  # the worlds do differ


def test_a_fallback_never_does_worse_than_nobody_acting():
    """With a deterministic lead time, activating a fallback on the outage helps or does
    nothing in every single world: continuity never lower, no breach the baseline avoids."""
    rows = simulate(random_world(), [plan("terugval", FALLBACK_PLAN)], 300, seed=2, workers=1)
    for row in rows.completed:
        (base_c, base_cost, base_breach), (fb_c, fb_cost, fb_breach) = row
        assert fb_c >= base_c
        assert fb_cost <= base_cost  # no fallback costs; fewer late cases
        assert set(fb_breach) <= set(base_breach)
    result = summarise(rows)
    assert result["plans"]["terugval"]["difference"][BASELINE]["continuity"]["low"] > 0


def test_percentiles_and_paired_intervals_by_hand():
    """Percentiles are numpy's default (linear); the interval is mean ± 1.96·sd/√N (sd with
    N − 1) of the paired differences, and the pair in the other direction is its mirror."""
    a = [(float(x), 10.0 * x, (0,) if x > 2 else ()) for x in (1, 2, 3, 4)]
    b = [(float(x), 10.0 * x + 1, ()) for x in (2, 2, 5, 5)]
    rows = Rows("s", 0, [BASELINE, "p"], ["o/a", "o/b"],
                [(x, y) for x, y in zip(a, b, strict=True)])
    result = summarise(rows)
    base = result["plans"][BASELINE]
    assert base["continuity"] == pytest.approx({"mean": 2.5, "p5": 1.15, "p50": 2.5, "p95": 3.85})
    assert base["mtpd_breach_probability"] == {"o/a": 0.5, "o/b": 0.0}
    d = np.array([1.0, 0.0, 2.0, 1.0])
    half = 1.96 * d.std(ddof=1) / 2
    assert result["plans"]["p"]["difference"][BASELINE]["continuity"] == pytest.approx(
        {"mean": 1.0, "low": 1.0 - half, "high": 1.0 + half})
    mirror = base["difference"]["p"]["continuity"]
    assert mirror == pytest.approx({"mean": -1.0, "low": -1.0 - half, "high": -1.0 + half})
    one = summarise(Rows("s", 0, [BASELINE, "p"], ["o/a", "o/b"], [(a[0], b[0])]))
    assert one["plans"]["p"]["difference"][BASELINE]["cost"] == {"mean": 21.0 - 10.0,
                                                                  "low": None, "high": None}


def test_percentile_of_counts_half_the_ties():
    """Percentile of counts half the ties."""
    values = np.array([1.0, 2.0, 2.0, 3.0])
    assert percentile_of(2.0, values) == 50.0
    assert percentile_of(0.0, values) == 0.0
    assert percentile_of(9.0, values) == 100.0


@pytest.mark.parametrize("workers", [1, 2])
def test_ctrl_c_keeps_what_completed(workers):
    """An interrupt (here from the progress callback) raises Interrupted holding the
    replications that completed, summarised and marked partial, the same numbers as
    a run of exactly those replications would give."""
    scenario = random_world()
    plans = [plan("terugval", FALLBACK_PLAN)]
    seen = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done >= 5:
            raise KeyboardInterrupt

    with pytest.raises(Interrupted) as caught:
        simulate(scenario, plans, 400, seed=4, workers=workers, progress=progress)
    rows, result = caught.value.rows, caught.value.result
    assert result["partial"] is True and result["requested"] == 400
    assert result["replications"] == len(rows.completed) == seen[-1] < 400
    full = simulate(scenario, plans, 400, seed=4, workers=1)
    kept = [full.rows[i] if row is not None else None for i, row in enumerate(rows.rows)]
    assert rows.rows == kept
    same_worlds = Rows(full.scenario, full.seed, full.plans, full.processes, kept)
    assert result == summarise(same_worlds)


def test_the_feeder_covers_every_replication_once_and_shrinks_at_the_end():
    """The feeder covers every replication once and shrinks at the end."""
    feeder = Feeder(1000, 2)
    spans = []
    while (span := feeder.take()) is not None:
        spans.append(span)
        feeder.record(span[1] - span[0], 0.001 * (span[1] - span[0]))  # 1 ms per replication
    assert [a for a, _ in spans] == [0, *[b for _, b in spans[:-1]]] and spans[-1][1] == 1000
    sizes = [b - a for a, b in spans]
    assert sizes[0] == 1 and max(sizes) <= 200 and sizes[-1] == 1


@pytest.mark.parametrize("kwargs, message", [
    ({"n": 0}, "-n must be between 1 and"),
    ({"n": 5, "workers": 0}, "--workers must be between 1 and"),
])
def test_bad_numbers_are_refused(kwargs, message):
    """Bad numbers are refused."""
    with pytest.raises(OefeningError, match=message):
        montecarlo(random_world(), [], **kwargs)


def test_plans_must_fit_the_scenario():
    """Plans must fit the scenario."""
    scenario = random_world()
    with pytest.raises(OefeningError, match="not 'hand'"):
        montecarlo(scenario, [plan("elders", FALLBACK_PLAN, scenario="elders")], 2)
    with pytest.raises(OefeningError, match="unknown action"):
        montecarlo(scenario, [plan("typo", {"at": "1d", "do": ["nietss"]})], 2)
    with pytest.raises(OefeningError, match="two plans are called baseline"):
        montecarlo(scenario, [plan("baseline", FALLBACK_PLAN)], 2)


def test_an_unreachable_scheduler_is_one_clear_error_at_once():
    """An unreachable scheduler is one clear error at once."""
    started = time.perf_counter()
    with pytest.raises(OefeningError, match="cannot reach a dask scheduler") as caught:
        montecarlo(random_world(), [], 2, scheduler="tcp://127.0.0.1:1")
    assert len(caught.value.problems) == 1
    assert time.perf_counter() - started < 5


def test_without_dask_a_scheduler_is_one_clear_error(monkeypatch):
    """dask is an optional extra: without it, --scheduler says how to install it."""
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    with pytest.raises(OefeningError, match=r"pip install 'oefening\[cluster\]'"):
        montecarlo(random_world(), [], 2, scheduler="tcp://127.0.0.1:8786")


def test_a_run_in_this_process_leaves_the_collector_as_it_found_it():
    """Monte Carlo in this process freezes what lives for the run and collects each batch's
    garbage: afterwards nothing stays frozen, the collector runs as before, and the worlds
    it built are gone (no world left for the collector to find)."""
    import gc

    from oefening.engine.world import World

    gc.collect()
    before = gc.isenabled()
    result = montecarlo(one_process(), [], 5, seed=3, workers=1)
    assert result["replications"] == 5
    assert gc.get_freeze_count() == 0 and gc.isenabled() == before
    gc.collect()
    assert not [o for o in gc.get_objects() if type(o) is World]


def test_a_world_keeps_its_breaches_as_one_bit_per_process() -> None:
    """What a run keeps per world: continuity, cost and the breached processes as bits (a
    national world's 500 processes in 63 bytes); they read as the ascending indices, compare
    and pickle as such, and the summary counts them as the indices did."""
    import pickle

    from oefening.experiments.backends import Breached

    breached = Breached.of([0, 9, 3, 499])
    assert list(breached) == [0, 3, 9, 499] and len(breached) == 4
    assert 9 in breached and 8 not in breached and 500 not in breached and -1 not in breached
    assert breached == Breached.of([499, 3, 9, 0]) == pickle.loads(pickle.dumps(breached))
    assert len(breached.bits) == 63 and Breached.of([]) == Breached(bytes(63)) and not list(Breached())
    rows = Rows("s", 0, [BASELINE], ["o/a", "o/b", "o/c"], [((1.0, 0.0, (2,)),), ((2.0, 0.0, (0, 2)),), ((3.0, 0.0, ()),)])
    assert summarise(rows)["plans"][BASELINE]["mtpd_breach_probability"] == {"o/a": 1 / 3, "o/b": 0.0, "o/c": 2 / 3}


def test_the_breach_count_is_the_same_over_chunks_of_worlds() -> None:
    """The summary unpacks the worlds' bits a chunk at a time: any chunk size counts alike."""
    from oefening.experiments.montecarlo import _breaches

    rows = Rows("s", 0, [BASELINE], [f"o/p{i}" for i in range(11)],
                [((0.0, 0.0, tuple(j for j in range(11) if (i * j) % 3 == 0)),) for i in range(10)])
    expected = [sum(1 for i in range(10) if (i * j) % 3 == 0) for j in range(11)]
    for chunk in (1, 3, 10, 1 << 16):
        assert _breaches(rows.completed, 0, 11, chunk).tolist() == expected
