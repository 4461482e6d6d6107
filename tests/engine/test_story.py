"""The story follows the world: inject variants by condition, `unless`, live figures in both
languages, events fired by hand in order, postponed demand that comes back, honest
"fallback working" messages and an acute phase only when something used is down."""

from __future__ import annotations

import pytest

from oefening.engine.decisions import Activate, TakeAction
from oefening.engine.exercise import Exercise
from oefening.words import story
from oefening.words.describe import Names
from tests.builders import one_process

BANKRUPTCY_AT = 48.0


def _shown(exercise: Exercise, event_id: str, lang: str = "en") -> story.Told:
    entry = next(e for e in exercise.world.record.entries if e.kind == "event" and e.id == event_id)
    inject = exercise.world.events[event_id].inject
    assert inject is not None
    return story.told(inject, entry.detail, Names(exercise.scenario, lang))


def _report_event(**extra: object) -> dict[str, object]:
    """A staff report at 3 days, a day after the outage began (demand 50, capacity 60:
    the backlog grows at 50/h while the service is down)."""
    return {"id": "report", "at": "3d", **extra}


def test_the_first_variant_whose_condition_holds_is_shown():
    """The first variant whose condition holds is shown."""
    variants = [
        {"when": {"backlog_above": {"process": "uitvoering/uitkeringen", "cases": 5000}}, "title": "Huge"},
        {"when": {"backlog_above": {"process": "uitvoering/uitkeringen", "cases": 1000}}, "title": "Large"},
        {"title": "Some"},
    ]
    scenario = one_process(events=[_report_event(inject={"title": "None", "variants": variants})])
    exercise = Exercise(scenario)
    exercise.run_to_end()
    # 24 h down at 50 cases/h: a backlog of 1,200, above 1,000 but not 5,000
    assert _shown(exercise, "report").title == "Large"


def test_without_a_variant_that_holds_the_inject_itself_is_shown():
    """Without a variant that holds the inject itself is shown."""
    variants = [{"when": {"event": "restart"}, "title": "Back"}]
    scenario = one_process(events=[_report_event(inject={"title": "Still down", "variants": variants})])
    exercise = Exercise(scenario)
    exercise.run_to_end()
    assert _shown(exercise, "report").title == "Still down"


def test_live_figures_are_quoted_in_each_language():
    """The backlog after 24 h down is 24 × 50 = 1,200; the demand reads with one decimal."""
    inject = {"title": "Backlog {backlog:uitvoering/uitkeringen}",
              "text": {"nl": "Vraag {demand:uitvoering/uitkeringen}/u, capaciteit {capacity:uitvoering/uitkeringen}",
                       "en": "Demand {demand:uitvoering/uitkeringen}/h, capacity {capacity:uitvoering/uitkeringen}"}}
    scenario = one_process(demand=1234.5, capacity=2000, events=[_report_event(inject=inject)])
    exercise = Exercise(scenario)
    exercise.run_to_end()
    en, nl = _shown(exercise, "report", "en"), _shown(exercise, "report", "nl")
    assert en.title == "Backlog 29,628" and nl.title == "Backlog 29.628"
    assert en.text == "Demand 1,234.5/h, capacity 0%"
    assert nl.text == "Vraag 1.234,5/u, capaciteit 0%"


def test_who_holds_and_who_waits_for_a_place_is_quoted_in_order():
    """Who holds and who waits for a place is quoted in order."""
    fallbacks = [{"id": "nood", "name": "Nood", "capacity": 0.5, "facility": "rijksnood"}]
    inject = {"title": "Places", "text": "Held by {holders:rijksnood}; waiting: {waiting:rijksnood}; free {free:rijksnood}"}
    scenario = one_process(fallbacks=fallbacks, events=[_report_event(inject=inject)])
    exercise = Exercise(scenario)
    assert exercise.decide(Activate("uitvoering/uitkeringen/nood")) is None
    exercise.run_to_end()
    assert _shown(exercise, "report", "en").text == "Held by Uitvoering; waiting: nobody; free 0"
    assert _shown(exercise, "report", "nl").text == "Held by Uitvoering; waiting: niemand; free 0"


def test_an_event_is_suppressed_while_its_unless_holds_and_recorded_so():
    """An event is suppressed while its unless holds and recorded so."""
    events = [_report_event(unless={"event": "bankruptcy"}, inject={"title": "Suspension"}),
              {"id": "follow", "after": {"event": "report", "delay": "1h"}, "inject": {"title": "Then"}}]
    exercise = Exercise(one_process(events=events))
    exercise.run_to_end()
    kinds = [(e.kind, e.id) for e in exercise.world.record.entries]
    assert ("suppressed", "report") in kinds
    assert ("event", "report") not in kinds and ("event", "follow") not in kinds


def test_an_inject_shown_while_its_expectation_fails_is_noted():
    """An inject shown while its expectation fails is noted."""
    inject = {"title": "Nothing works", "expects": {"service_down": {"id": "hosting"}},
              "variants": [{"when": {"event": "restart"}, "title": "It works", "expects": {"event": "restart"}}]}
    at_outage = one_process(events=[_report_event(inject=inject)])
    lying = one_process(events=[{"id": "report", "at": "1d", "inject": inject}])
    honest, liar = Exercise(at_outage), Exercise(lying)
    honest.run_to_end()
    liar.run_to_end()
    assert honest.world.untrue == []
    assert liar.world.untrue == [(24.0, "report", None)]


def test_firing_by_hand_fires_what_the_event_follows_first():
    """Firing by hand fires what the event follows first."""
    exercise = Exercise(one_process())
    exercise.advance()
    firing = exercise.fire_in_order("restart")
    assert firing.fired and firing.events == ("bankruptcy", "restart")
    order = [e.id for e in exercise.world.record.entries if e.kind == "event"]
    assert order == ["bankruptcy", "restart"]


def test_firing_by_hand_says_why_when_what_it_follows_cannot_happen():
    """Firing by hand says why when what it follows cannot happen."""
    events = [{"id": "suspension", "at": "10d", "unless": {"event": "bankruptcy"}},
              {"id": "converted", "after": {"event": "suspension", "delay": "1d"}}]
    exercise = Exercise(one_process(events=events, outage_at="1h"))
    exercise.advance()
    firing = exercise.fire_in_order("converted")
    assert (firing.fired, firing.reason, firing.blocker) == (False, "suppressed", "suspension")
    assert "converted" not in exercise.world.fired and "suspension" not in exercise.world.fired


@pytest.mark.parametrize("returns_after, returns_over", [("0h", None), ("2d", "5d")])
def test_postponed_cases_come_back_and_the_total_demand_is_unchanged(returns_after, returns_over):
    """No outage; 30 % of 50 cases/h postponed for 10 days is 3,600 cases; they come back
    after ``returns_after`` over ``returns_over`` (or 10 days): arrivals total 50/h × horizon,
    and with spare capacity every case is served."""
    postpone = {"process": "uitvoering/uitkeringen", "fraction": 0.3, "duration": "10d",
                "returns_after": returns_after}
    if returns_over:
        postpone["returns_over"] = returns_over
    actions = [{"id": "extend", "title": "Extend deadlines", "effects": [{"postpone": postpone}]}]
    scenario = one_process(demand=50, capacity=200, outage_at="70d", horizon="40d", actions=actions)
    exercise = Exercise(scenario)
    assert exercise.decide(TakeAction("extend")) is None
    for _ in range(12):   # 2 days in
        exercise.advance()
    flow = exercise.world.processes["uitvoering/uitkeringen"].flow.at(exercise.now)
    assert flow.lam == pytest.approx(35.0)
    assert flow.arrived == pytest.approx(35 * 48)
    exercise.run_to_end()
    flow = exercise.world.processes["uitvoering/uitkeringen"].flow
    assert flow.arrived == pytest.approx(50 * 40 * 24)
    assert flow.served == pytest.approx(50 * 40 * 24)
    over = 5 * 24 if returns_over else 10 * 24
    start = 10 * 24 + (48 if returns_over else 0)
    mid = Exercise(scenario)
    mid.decide(TakeAction("extend"))
    while mid.now < start + over / 2:
        mid.advance()
    rate = mid.world.processes["uitvoering/uitkeringen"].flow.lam
    assert rate == pytest.approx(50 + 3600 / over)


def test_a_fallback_is_working_only_once_what_it_needs_is_there():
    """The fallback's lead time passes at 1 day, but the spare service it needs is down
    until day 4: the record says it is blocked at 1 day and working at day 4."""
    fallbacks = [{"id": "nood", "name": "Nood", "capacity": 0.5, "lead_time": "1d", "needs": ["spare"]}]
    events = [{"id": "spare-down", "at": 0, "effects": [{"service": {"id": "spare", "availability": 0, "duration": "4d"}}]}]
    exercise = Exercise(one_process(fallbacks=fallbacks, events=events))
    exercise.decide(Activate("uitvoering/uitkeringen/nood"))
    exercise.run_to_end()
    told = [(e.t, e.kind) for e in exercise.world.record.entries if e.kind.startswith("fallback_")]
    assert told == [(24.0, "fallback_blocked"), (96.0, "fallback_ready")]


def test_the_phase_is_acute_only_when_something_used_is_down():
    """A service nobody uses is down from the start: the phase stays normal until the
    hosting the process needs goes down."""
    events = [{"id": "site-closed", "at": 0, "effects": [{"service": {"id": "spare", "availability": 0}}]}]
    exercise = Exercise(one_process(events=events, outage_at="1d"))
    assert exercise.phase() == "normal"
    for _ in range(7):
        exercise.advance()
    assert exercise.phase() == "acute"


def test_a_fallback_condition_reads_who_holds_and_who_waits():
    """One place at the facility: the first activation holds it, the second waits; an event
    for the one holding it fires, one for the one waiting is suppressed by its unless."""
    fallbacks = [{"id": "a", "name": "A", "capacity": 0.5, "facility": "rijksnood"},
                 {"id": "b", "name": "B", "capacity": 0.4, "facility": "rijksnood"}]
    holds = {"fallback": {"id": "uitvoering/uitkeringen/a", "state": "holds_place"}}
    waits = {"fallback": {"id": "uitvoering/uitkeringen/b", "state": "waiting"}}
    events = [{"id": "holder", "at": "1d", "unless": {"not": holds}, "inject": {"title": "A holds", "expects": holds}},
              {"id": "waiter", "at": "1d", "unless": waits, "inject": {"title": "B has a place"}}]
    exercise = Exercise(one_process(fallbacks=fallbacks, events=events))
    exercise.decide(Activate("uitvoering/uitkeringen/a"))
    exercise.decide(Activate("uitvoering/uitkeringen/b"))
    exercise.run_to_end()
    kinds = {(e.kind, e.id) for e in exercise.world.record.entries}
    assert {("event", "holder"), ("suppressed", "waiter")} <= kinds
    assert exercise.world.untrue == []
