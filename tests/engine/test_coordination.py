"""The coordination's powers (issue 13) against hand calculations, on tests/data/teams.yaml:
one emergency site with one place, three agencies whose hosting is down from t = 0 to 60 h
(demand = capacity = 10 cases/h, norm 8 h; the site's fallback restores full capacity at once).

By hand, for an agency without a place the whole outage: 600 cases wait at 60 h and, since
capacity only matches demand after it, stay 60 h in the queue: the 200 served by 80 h and the
520 still waiting that arrived before 72 h are late, 720 of 800 (team continuity 10). For an
agency with the place from 0 to 4 h only: 560 wait, the 200 served and the 480 waiting since
before 72 h are late, 680 (continuity 15). One that waited 4 h keeps 40 cases in its queue,
each 4 h old: never late (continuity 100). A and B are vital (weight 8), C important (2)."""

from __future__ import annotations

import pytest

from oefening.engine.decisions import Activate, Allocate, Deactivate, Prioritise, Release, TakeAction
from oefening.engine.exercise import Exercise
from oefening.scenario.load import load_scenario
from tests.paths import DATA

A, B, C = "aa/loket/nood", "bb/loket/nood", "cc/loket/nood"


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(DATA / "teams.yaml")


def _site(exercise: Exercise) -> tuple[list[str], list[str]]:
    view = exercise.snapshot().facilities[0]
    return view.holders, view.queue


def test_first_come_first_served_gives_the_place_to_who_asked_first(scenario):
    """A asks first and holds the place; B waits all along: late A 0, B 720; continuity
    100 × (1 − (8·720 + 2·720) / (8·800 + 8·800 + 2·800)) = 50."""
    exercise = Exercise(scenario, 0)
    exercise.decide(Activate(A))
    exercise.decide(Activate(B))
    assert _site(exercise) == ([A], [B])
    while not exercise.finished:
        exercise.advance()
    result = exercise.result()
    assert result["processes"]["aa/loket"]["late"] == pytest.approx(0.0)
    assert result["processes"]["bb/loket"]["late"] == pytest.approx(720.0)
    assert result["continuity"] == pytest.approx(50.0)
    assert {t: v["continuity"] for t, v in result["teams"].items()} == pytest.approx(
        {"alfa": 100.0, "beta": 10.0, "gamma": 10.0})


def test_an_allocation_overrides_first_come_first_served(scenario):
    """The coordination gives B the place at 4 h: B holds it, A waits at the front of the
    list. Late A 680, B 0, C 720: continuity 100 × (1 − (8·680 + 2·720) / 14,400) = 52.22…"""
    exercise = Exercise(scenario, 0)
    exercise.decide(Activate(A))
    exercise.decide(Activate(B))
    exercise.advance()
    assert exercise.decide(Allocate(B)) is None
    assert _site(exercise) == ([B], [A])
    assert exercise.decide(Allocate(B)).code == "taken"
    assert exercise.decide(Allocate(A)).code == "full"    # B's place was allocated: nobody gives way
    entry = next(e for e in exercise.world.record.entries if e.kind == "allocate")
    assert (entry.t, entry.id, entry.detail) == (4.0, B, {"facility": "nood", "instead_of": A})
    while not exercise.finished:
        exercise.advance()
    result = exercise.result()
    late = {ref: p["late"] for ref, p in result["processes"].items()}
    assert late == pytest.approx({"aa/loket": 680.0, "bb/loket": 0.0, "cc/loket": 720.0})
    assert result["continuity"] == pytest.approx(100 * (1 - (8 * 680 + 2 * 720) / 14_400))
    assert exercise.world.facilities["nood"].log == [(0.0, (A,)), (4.0, (B,))]
    # per team: A 100 × (1 − 680/800) = 15, B 100, C 10; each site 10,000 + 2,400 a day × 80 h
    teams = result["teams"]
    assert {t: teams[t]["continuity"] for t in teams} == pytest.approx({"alfa": 15.0, "beta": 100.0, "gamma": 10.0})
    assert teams["alfa"] == {**teams["alfa"], "organisations": ["aa"], "spent": pytest.approx(18_000.0),
                             "cost": pytest.approx(18_000.0), "mtpd_breaches": 1, "budget": 50_000.0}
    assert teams["beta"]["budget"] is None and teams["gamma"]["spent"] == 0.0
    assert result["allocation"] == {"nood": [{"t": 0.0, "holders": [A]}, {"t": 4.0, "holders": [B]}]}


def test_a_priority_reorders_the_waiting_list(scenario):
    """B asks before C, but the coordination puts C first: when A stops at 8 h, C gets the place."""
    exercise = Exercise(scenario, 0)
    for ref in (A, B, C):
        exercise.decide(Activate(ref))
    assert _site(exercise) == ([A], [B, C])
    assert exercise.decide(Prioritise("nood", ("cc",))) is None
    assert _site(exercise) == ([A], [C, B])
    exercise.advance()
    exercise.advance()
    exercise.decide(Deactivate(A))
    assert _site(exercise) == ([C], [B])
    assert exercise.decide(Prioritise("nood", ("zz",))).code == "unknown"


def test_budget_per_team_and_the_reserve(scenario):
    """Alfa's own 50,000 pays for its decisions, not the shared 200,000: its site (10,000 now)
    and two overtimes (20,000 each) leave 0 of it and the third is refused; the coordination
    releases 30,000 of its 100,000 reserve to Alfa, not more than is left, never to Beta
    (which pays from the shared budget)."""
    exercise = Exercise(scenario, 0)
    world = exercise.world
    exercise.decide(Activate(A))
    exercise.decide(TakeAction("overwerk-a"))
    exercise.decide(TakeAction("overwerk-a"))
    assert world.budget_left_for("action:overwerk-a") == pytest.approx(0.0)
    assert world.budget_left() == pytest.approx(200_000.0)
    assert exercise.decide(TakeAction("overwerk-a")).code == "budget"
    assert exercise.decide(Release("alfa", 30_000)) is None
    assert world.budget_left_for("action:overwerk-a") == pytest.approx(30_000.0)
    assert exercise.decide(Release("alfa", 80_000)).code == "reserve"
    assert exercise.decide(Release("beta", 1_000)).code == "unknown"
    exercise.decide(Activate(B))
    assert world.budget_left() == pytest.approx(190_000.0)
    exercise.advance()    # 4 h of 2,400 a day: 400 each
    assert world.budget_left_for(A) == pytest.approx(30_000.0 - 400.0)
    assert world.budget_left() == pytest.approx(190_000.0 - 400.0)
    assert world.money.spent_by("alfa", exercise.now) == pytest.approx(50_400.0)


def test_without_teams_the_result_has_no_teams_section():
    """A scenario without teams gives exactly SPEC §4's keys (and its extensions), as before."""
    exercise = Exercise(load_scenario(DATA / "minimal.yaml"), 0)
    exercise.run_to_end()
    assert "teams" not in exercise.result() and "allocation" not in exercise.result()


def test_a_power_the_scenario_does_not_grant_is_refused(scenario):
    """Without a coordination (or without the power) every coordination decision is refused."""
    bare = scenario.model_copy(update={"coordination": None})
    exercise = Exercise(bare, 0)
    exercise.decide(Activate(A))
    assert exercise.refusal(Allocate(A)).code == "power"
    assert exercise.refusal(Release("alfa", 1.0)).code == "power"
