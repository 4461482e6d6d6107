"""The evidence of an after-action report, measured by playing the team's course again.

The team's course is the journal's inputs still in effect (decisions and the facilitator's
events, per turn, in the order taken). Played again on the same world (the journal's seed,
replication 0) it gives exactly the live result; changed, it tells what a decision was
worth: :func:`impacts` takes each taken decision out, and moves it one turn later, and
reruns. :func:`alternatives` plays the same world with nobody acting and with each plan
bundled for the scenario; :func:`good_or_lucky` plays the team's course on a few hundred
worlds (replications 0 … N−1 of the seed; 0 is the team's own) and says where the team's
world falls. :func:`series` samples every process's capacity and backlog and every
facility's holders at each turn boundary of the team's course, for the charts.

Everything here is a pure function of the journal and the scenario (runs are deterministic),
so the report says the same whenever it is made.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from oefening.decide import PlanDecider, play
from oefening.engine.decisions import Decision, TakeAction, decision_from_json
from oefening.engine.exercise import Exercise

if TYPE_CHECKING:
    from oefening.journal.session import Session
    from oefening.scenario.model import Scenario
    from oefening.scenario.plan import Plan

Step = tuple[str, Any]               # ("decision", Decision) or ("event", event id)
Course = list[list[Step]]            # per turn boundary, in the order taken
SCORE_KEYS = ("continuity", "continuity_projected", "cost", "people_affected")


def course_of(session: Session) -> Course:
    """The team's decisions and the facilitator's events per turn boundary, after undos."""
    course: Course = []
    for segment in session.course.segments:
        steps: list[Step] = []
        for line in segment:
            if line.type == "decision":
                steps.append(("decision", decision_from_json(line.data["decision"])))
            elif line.type == "event":
                steps.append(("event", line.data["id"]))
        course.append(steps)
    return course


def replay(scenario: Scenario, seed: int, course: Course, replication: int = 0,
           sample: Callable[[Exercise], None] | None = None,
           before: Callable[[Exercise, int, int], None] | None = None, stop: int | None = None) -> Exercise:
    """Play ``course`` to the horizon (or to turn ``stop``); ``sample(exercise)`` at every turn
    boundary, ``before(exercise, turn, k)`` just before the k-th step of a turn is taken."""
    exercise = Exercise(scenario, seed, replication)
    while True:
        if sample is not None:
            sample(exercise)
        if exercise.finished or (stop is not None and exercise.turn >= stop):
            break
        turn = exercise.turn
        for k, (kind, what) in enumerate(course[turn] if turn < len(course) else ()):
            if before is not None:
                before(exercise, turn, k)
            if kind == "decision":
                exercise.decide(what)
            else:
                exercise.fire_event(what)
        exercise.advance()
    return exercise


def scores(result: dict[str, Any]) -> dict[str, float]:
    """The figures the comparisons show, from a result."""
    out = {key: float(result[key]) for key in SCORE_KEYS}
    out["vital_held"] = result["vital_within_mtpd"]["held"]
    out["critical_held"] = result["critical_within_mtpd"]["held"]
    return out


# -- decisions that mattered --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Impact:
    """One decision the team took and what it was worth on the team's own world: the scores
    without it (``out``) and with it one turn later (``later``; None at the last turn), each
    as the team's score minus that score (positive: the decision as taken did better)."""

    number: int                 # 1, 2, … in the order taken
    turn: int                   # the turn boundary (0-based; the screen shows turn + 1)
    t: float
    phase: str                  # the phase when it was taken
    decision: Decision
    out: dict[str, float]
    later: dict[str, float] | None


def impacts(session: Session) -> list[Impact]:
    """Every decision that was taken (not refused), measured by leaving it out and by taking it
    one turn later, everything else as the team did it."""
    scenario, seed = session.scenario, session.seed
    course = course_of(session)
    phases: dict[tuple[int, int], tuple[str, float, bool]] = {}

    def note(exercise: Exercise, turn: int, k: int) -> None:
        kind, what = course[turn][k]
        refused = kind == "decision" and exercise.refusal(what) is not None
        phases[(turn, k)] = (exercise.phase(), exercise.now, refused)

    team = scores(replay(scenario, seed, course, before=note).result())
    out: list[Impact] = []
    number = 0
    last_turn = Exercise(scenario, seed).turns - 1
    for turn, steps in enumerate(course):
        for k, (kind, what) in enumerate(steps):
            if kind != "decision" or phases[(turn, k)][2]:
                continue
            number += 1
            without = [list(s) for s in course]
            del without[turn][k]
            later = None
            if turn < last_turn:
                moved = [list(s) for s in without]
                while len(moved) <= turn + 1:
                    moved.append([])
                moved[turn + 1].append((kind, what))
                later = _difference(team, scores(replay(scenario, seed, moved).result()))
            phase, t, _ = phases[(turn, k)]
            out.append(Impact(number, turn, t, phase, what,
                              _difference(team, scores(replay(scenario, seed, without).result())), later))
    return out


def _difference(team: dict[str, float], other: dict[str, float]) -> dict[str, float]:
    return {key: team[key] - other[key] for key in team}


def mattered_most(items: list[Impact], n: int = 5) -> list[Impact]:
    """The decisions whose absence changes most: first what it did for vital and critical
    processes within their MTPD, then the projected continuity, then the cost."""
    def weight(item: Impact) -> tuple[float, float, float]:
        d = item.out
        return (abs(d["vital_held"]) + abs(d["critical_held"]), abs(d["continuity_projected"]), abs(d["cost"]))
    return sorted(items, key=weight, reverse=True)[:n]


# -- other courses on the same world --------------------------------------------------------


def bundled_plans(session: Session) -> list[Plan]:
    """The plans written for this scenario: ``plans/*.yaml`` next to the scenario file, and the
    package's own, that name the scenario (each read once, by id)."""
    from oefening.scenario.load import load_plan

    folders = [Path(session.header.scenario_path).parent / "plans",
               Path(__file__).resolve().parent.parent / "scenarios" / "plans"]
    found: dict[str, Plan] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
            try:
                plan = load_plan(path)
            except Exception:
                continue
            if plan.scenario == session.scenario.id and plan.id not in found:
                found[plan.id] = plan
    return list(found.values())


def alternatives(session: Session, team: dict[str, Any]) -> list[tuple[str | None, dict[str, Any]]]:
    """The team's result, nobody acting and each bundled plan, all on the team's world:
    ``(plan id or None for nobody or "team", result)``."""
    scenario, seed = session.scenario, session.seed
    out: list[tuple[str | None, dict[str, Any]]] = [("team", team)]
    nobody = Exercise(scenario, seed)
    play(nobody, None)
    out.append((None, nobody.result()))
    for plan in bundled_plans(session):
        exercise = Exercise(scenario, seed)
        play(exercise, PlanDecider(plan))
        out.append((plan.id, exercise.result(plan.id)))
    return out


# -- good or lucky ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Luck:
    """The team's course and nobody acting over ``worlds`` worlds (projected continuity)."""

    worlds: int
    team: np.ndarray            # per world, replication 0 first (the team's own)
    nobody: np.ndarray
    percentile: float           # where the team's own world falls among the team's course's worlds
    nobody_percentile: float    # the same for nobody acting: how hard the world was anyway
    better_than_nobody: float   # the share of worlds where the team's course beats nobody acting


def percentile_of(value: float, values: np.ndarray) -> float:
    """The percentile rank of ``value`` among ``values``: below it, plus half the ties."""
    below = int(np.count_nonzero(values < value - 1e-9))
    ties = int(np.count_nonzero(np.abs(values - value) <= 1e-9))
    return 100.0 * (below + 0.5 * ties) / len(values)


def good_or_lucky(session: Session, worlds: int) -> Luck:
    """The team's decisions (at the same turns) on ``worlds`` worlds of the journal's seed."""
    scenario, seed = session.scenario, session.seed
    course = course_of(session)
    team = np.empty(worlds)
    nobody = np.empty(worlds)
    for r in range(worlds):
        team[r] = replay(scenario, seed, course, replication=r).result()["continuity_projected"]
        exercise = Exercise(scenario, seed, r)
        play(exercise, None)
        nobody[r] = exercise.result()["continuity_projected"]
    return Luck(worlds, team, nobody, percentile_of(team[0], team), percentile_of(nobody[0], nobody),
                float(np.mean(team > nobody + 1e-9)))


# -- the course over time, for the charts ----------------------------------------------------


@dataclass(slots=True)
class Series:
    """Per turn boundary of the team's course: every process's capacity fraction and backlog,
    and who held each facility's slots."""

    t: list[float] = field(default_factory=list)
    fraction: dict[str, list[float]] = field(default_factory=dict)
    backlog: dict[str, list[float]] = field(default_factory=dict)
    holders: dict[str, list[list[str]]] = field(default_factory=dict)


def series(session: Session, refs: Sequence[str] | None = None) -> Series:
    """Sample the team's course at every turn boundary (reading never changes the run)."""
    out = Series()
    wanted = set(refs) if refs is not None else None

    def sample(exercise: Exercise) -> None:
        snap = exercise.snapshot()
        out.t.append(snap.t)
        for view in snap.processes:
            if wanted is None or view.ref in wanted:
                out.fraction.setdefault(view.ref, []).append(view.fraction)
                out.backlog.setdefault(view.ref, []).append(view.backlog)
        for facility in snap.facilities:
            out.holders.setdefault(facility.id, []).append(list(facility.holders))

    course = course_of(session)
    replay(session.scenario, session.seed, course, sample=sample, stop=len(course) - 1)
    return out


def is_action(decision: Decision) -> bool:
    return isinstance(decision, TakeAction)
