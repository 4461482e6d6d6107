"""The one play loop (decide/play.py): a bare exercise, a journalled session and ``oefening run``
all play through it and agree; the garbage-collector pause is written once; the public API's
``montecarlo`` is the function the README documents."""

from __future__ import annotations

import gc
import json
import re

from oefening.decide import PlanDecider, play, run
from oefening.engine.exercise import Exercise
from oefening.journal.session import Session
from oefening.scenario import collector
from oefening.scenario.load import load_plan, load_scenario
from tests.paths import MINIMAL, MINIMAL_PLAN, ROOT
from tests.run_cli import run_cli


def test_a_session_and_a_bare_exercise_play_the_same_loop(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The same plan through a session (journalled) and through play() on a bare exercise:
    the same result; the session wrote one turn line per turn and one line per decision."""
    scenario, plan = load_scenario(MINIMAL), load_plan(MINIMAL_PLAN)
    bare = play(Exercise(scenario, 4), PlanDecider(plan))
    session = Session.start(MINIMAL, scenario, seed=4, lang="en", journal_path=tmp_path / "j.jsonl", plan=plan.id)
    session.play(PlanDecider(plan))
    session.close()
    assert json.dumps(session.result()) == json.dumps(bare.result(plan.id)) == json.dumps(run(scenario, plan, 4))
    lines = [json.loads(line) for line in (tmp_path / "j.jsonl").read_text().splitlines()[1:]]
    assert sum(line["type"] == "turn" for line in lines) == bare.turns
    decisions = [e for e in bare.world.record.entries if e.kind in ("action", "activate", "deactivate", "refused")]
    assert sum(line["type"] == "decision" for line in lines) == len(decisions) > 0


def test_oefening_run_prints_what_decide_run_returns() -> None:
    """``run --plan --json`` is decide.run, to the letter (cli/run.py builds no exercise itself)."""
    out = run_cli("run", str(MINIMAL), "--plan", str(MINIMAL_PLAN), "--seed", "4", "--json")
    assert out.code == 0, out.err
    assert out.out.strip() == json.dumps(run(load_scenario(MINIMAL), load_plan(MINIMAL_PLAN), 4))
    assert "Exercise(" not in (ROOT / "oefening" / "cli" / "run.py").read_text()


def test_the_collector_pause_nests_and_restores() -> None:
    """Paused inside a pause, the collector is left as the outer pause found it."""
    assert gc.isenabled()
    with collector.collector_paused():
        assert not gc.isenabled()
        with collector.collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
        was = collector.pause()
        collector.resume(was)
        assert not gc.isenabled() and was is False
    assert gc.isenabled()


def test_the_collector_is_paused_in_one_place_only() -> None:
    """gc.disable()/gc.enable() appear in oefening/scenario/collector.py and nowhere else."""
    for path in (ROOT / "oefening").rglob("*.py"):
        if path.name == "collector.py":
            continue
        assert not re.search(r"gc\.(disable|enable)\(", path.read_text()), path


def test_from_oefening_import_montecarlo_gives_the_function() -> None:
    """The README's ``from oefening import montecarlo`` is the function, and it runs."""
    from oefening import montecarlo
    from oefening.experiments import montecarlo as module

    assert callable(montecarlo) and montecarlo is module.montecarlo
    assert "montecarlo" in __import__("oefening").__all__
    result = montecarlo(load_scenario(MINIMAL), [load_plan(MINIMAL_PLAN)], 2, seed=1, workers=1)
    assert result["replications"] == 2 and set(result["plans"]) == {"baseline", "minimal-plan"}


def test_a_plan_rule_on_a_fallbacks_state_sees_the_activation_of_the_turn_before() -> None:
    """A rule "when the fallback is active, take the action" fires at the first boundary
    after the activation, not when the lead time ends (the activation is a change the plan's
    rules are read again for)."""
    from oefening.scenario.plan import Plan
    from tests.builders import one_process

    scenario = one_process(
        outage_at="8h", outage_for="5d", turn="4h",
        fallbacks=[{"id": "nood", "name": "Nood", "capacity": 0.5, "lead_time": "1d"}],
        actions=[{"id": "melden", "title": "Melden", "effects": [{"budget": {"amount": 1}}]}],
    )
    plan = Plan.model_validate({"format": 1, "id": "p", "scenario": "hand", "rules": [
        {"when": {"supplier": {"id": "globaltech", "status": "failed"}}, "do": [{"activate": "uitvoering/uitkeringen/nood"}]},
        {"when": {"fallback": {"id": "uitvoering/uitkeringen/nood", "state": "active"}}, "do": ["melden"]},
    ]})
    exercise = play(Exercise(scenario, 1), PlanDecider(plan))
    when = {e.kind: e.t for e in exercise.world.record.entries if e.kind in ("activate", "action", "fallback_ready")}
    assert when == {"activate": 8.0, "action": 12.0, "fallback_ready": 32.0}
