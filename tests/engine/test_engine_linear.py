"""The engine's cost grows with what happens, not with its square: many ``when`` events on
one backlog are each looked at when what they watch changes or their moment comes, and a
process that flips in and out of disruption keeps one MTPD timer (#18: 4,000 thresholds took
58 s and 1.4 GB; 5,000 processes cost 2.5 KB each per flip)."""

from __future__ import annotations

import time

from oefening.decide import play
from oefening.engine.exercise import Exercise
from oefening.scenario.model import Scenario
from tests.builders import bomb_document, thresholds, toggles


def test_thousands_of_thresholds_on_one_backlog_fire_each_at_its_moment():
    """Event k fires when the backlog (50 an hour from 24h) passes 10 + k cases; 3,000 of
    them finish well within a generous bound (was minutes)."""
    n = 3000
    exercise = Exercise(Scenario.model_validate(thresholds(n)))
    begun = time.perf_counter()
    play(exercise, None)
    assert time.perf_counter() - begun < 30   # a guard against the quadratic cost, not a target
    fired = exercise.world.fired
    for k in range(n):
        assert abs(fired[f"t{k}"] - (24 + (10 + k) / 50)) < 1e-9


def test_a_flipping_process_keeps_one_mtpd_timer_and_breaches_only_when_it_should():
    """200 processes down 30 minutes every hour for 150 hours (MTPD 72h): never a breach, and
    the simpy queue stays near one timer per process instead of one per flip."""
    exercise = Exercise(Scenario.model_validate(toggles(200, 150)))
    env = exercise.world.env
    biggest = 0
    while env._queue and env.peek() <= exercise.horizon:   # the world alone, step by step
        env.step()
        biggest = max(biggest, len(env._queue))
    assert biggest < 2 * 200 + 200          # processes + the storyline's events, not 200 × 72
    assert all(p.breach_at is None for p in exercise.world.processes.values())


def test_an_mtpd_breach_after_flips_comes_at_the_long_disruptions_start_plus_mtpd():
    """Flips first, then one outage that lasts: the breach is at its start + 72h exactly."""
    doc = toggles(3, 10, horizon="200h")
    doc["events"].append({"id": "long", "at": "20h", "effects": [{"service": {"id": "hosting", "availability": 0}}]})
    exercise = Exercise(Scenario.model_validate(doc))
    play(exercise, None)
    for proc in exercise.world.processes.values():
        assert proc.breach_at == 20 + 72


def test_a_deep_chain_of_when_events_fires_in_one_moment_without_recursion():
    """2,000 events each ``when: {event: previous}`` (500 was a RecursionError): all fire at
    the first one's moment, in chain order."""
    doc = thresholds(0)
    doc["events"] = [{"id": "c0", "at": "1h"}] + [
        {"id": f"c{k}", "when": {"event": f"c{k - 1}"}} for k in range(1, 2000)]
    exercise = Exercise(Scenario.model_validate(doc))
    play(exercise, None)
    order = [e.id for e in exercise.world.record.entries if e.kind == "event"]
    assert order == [f"c{k}" for k in range(2000)]
    assert set(exercise.world.fired.values()) == {1.0}


def test_processes_disrupted_at_once_share_one_mtpd_timer_and_each_breaches_in_order():
    """500 processes on one service that fails at 1d for good (MTPD 72h): one simpy timer
    waits for all their checks, not 500, and each process records its breach at 1d + 72h,
    in scenario order."""
    doc = bomb_document(500, horizon="10d")
    doc["events"].append({"id": "fail", "at": "1d", "effects": [{"service": {"id": "hosting", "availability": 0}}]})
    exercise = Exercise(Scenario.model_validate(doc))
    env = exercise.world.env
    while env._queue and env.peek() < 25:   # just past the failure
        env.step()
    assert len(env._queue) < 5              # the check, the turn boundary, the horizon
    play(exercise, None)
    breaches = [e for e in exercise.world.record.entries if e.kind == "mtpd_breach"]
    assert [e.id for e in breaches] == list(exercise.world.processes)
    assert {e.t for e in breaches} == {24 + 72}
