"""The story agrees with its calendar: every dated phrase of every inject of every bundled
scenario ("Friday 28 November", "from today until Sunday", "at midnight", "just before the
Christmas holidays"), in Dutch and English, against the simulated moment it is told at, over the
worlds `check --play` plays: nobody acting, each bundled plan, and random teams with a random
facilitator who fires events by hand (so early, at another hour or on another day).
:mod:`oefening.words.dated` is the checker; its rules are pinned first on hand cases."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from oefening.decide import PlanDecider, play
from oefening.engine.exercise import Exercise
from oefening.experiments.storycheck import random_team
from oefening.scenario.load import load_plan, load_scenario
from oefening.words.dated import christmas_holidays, contradictions
from oefening.words.describe import Names
from oefening.words.story import told
from tests.paths import SCENARIOS

FRI_28_NOV = datetime.fromisoformat("2025-11-28T00:00:00+01:00")
SAT_15_NOV_MIDNIGHT = datetime.fromisoformat("2025-11-15T00:00:00+01:00")
FRI_14_NOV_EVENING = datetime.fromisoformat("2025-11-14T18:00:00+01:00")
WED_19_NOV = datetime.fromisoformat("2025-11-19T14:00:00+01:00")


def test_the_checker_catches_what_ransomware_said() -> None:
    """The phrases ransomware-leverancier had: each caught where the calendar contradicts it."""
    holidays = "Councillors want to know why residents cannot get a passport just before the Christmas holidays."
    assert contradictions(holidays, WED_19_NOV, "en") == [
        "'just before the Christmas holidays' told on 19 November 2025 (they begin 20 December)"]
    assert contradictions("vlak voor de kerstvakantie", datetime(2025, 12, 16, 9), "nl") == []
    until = "Van vandaag tot en met zondag wordt de bijstand over november uitbetaald."
    assert contradictions(until, FRI_28_NOV, "nl") == []
    assert contradictions(until.replace("zondag", "woensdag"), FRI_28_NOV, "nl") == [
        "'vandaag tot en met woensdag' told on a vrijdag"]
    midnight = "At midnight the GemeenteSoft service desk calls: servers have been encrypted."
    assert contradictions(midnight, SAT_15_NOV_MIDNIGHT, "en") == []
    assert contradictions(midnight, FRI_14_NOV_EVENING, "en") == ["'midnight' told at 18:00"]


def test_the_checker_reads_dates_deadlines_and_evenings() -> None:
    assert contradictions("Van vrijdag 28 tot en met zondag 30 november", WED_19_NOV, "nl") == []
    assert contradictions("From Friday 28 to Saturday 30 November", WED_19_NOV, "en") == [
        "'saturday 30 november': 30 November 2025 is a sunday"]
    assert contradictions("on Friday 2 January", WED_19_NOV, "en") == []    # 2026: the nearest year
    assert contradictions("report by Friday", WED_19_NOV, "en") == []
    assert contradictions("report by Friday", FRI_28_NOV, "en") == ["'by friday' told on that friday"]
    assert contradictions("De minister moet vanavond de Kamer informeren.", WED_19_NOV, "nl") == []
    assert contradictions("The minister informs parliament tonight.", FRI_28_NOV, "en") == ["'tonight' told at 00:00"]
    assert contradictions("nothing dated here, within 24 hours", FRI_28_NOV, "en") == []
    assert christmas_holidays(2025).isoformat() == "2025-12-20" and christmas_holidays(2027).isoformat() == "2027-12-18"


BUNDLED = sorted(SCENARIOS.glob("*.yaml"))
WORLDS, RANDOM_TEAMS = 3, 3


def _told(exercise: Exercise, names: dict[str, Names]) -> list[tuple[str, str, float, str]]:
    """Every inject of the run, as shown when its event fired: (event, lang, t, title and text)."""
    out = []
    for entry in exercise.world.record.entries:
        if entry.kind != "event":
            continue
        for lang, by in names.items():
            inject = by.injects.get(entry.id)
            if inject is not None:
                shown = told(inject, entry.detail, by)
                out.append((entry.id, lang, entry.t, f"{shown.title}. {shown.text}"))
    return out


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_every_bundled_story_agrees_with_its_calendar(path) -> None:
    scenario = load_scenario(path)
    plans = [load_plan(p) for p in sorted((SCENARIOS / "plans").glob(f"{scenario.id}-*.yaml"))]
    names = {lang: Names(scenario, lang) for lang in ("nl", "en")}
    runs: list[Exercise] = []
    for replication in range(WORLDS):
        runs.append(play(Exercise(scenario, 0, replication), None))
        runs += [play(Exercise(scenario, 0, replication), PlanDecider(plan)) for plan in plans]
        runs += [random_team(Exercise(scenario, 0, replication), random.Random(f"calendar:{replication}:{k}"))
                 for k in range(RANDOM_TEAMS)]
    wrong = set()
    shown = 0
    for exercise in runs:
        for event, lang, t, text in _told(exercise, names):
            shown += 1
            for why in contradictions(text, scenario.start + timedelta(hours=t), lang):
                wrong.add(f"{scenario.id}: event {event!r} ({lang}) at t={t:g}h: {why}")
    assert shown > 0
    assert sorted(wrong) == []
