"""The compiled engine (mypyc, setup.py) and the Python engine give the same results, bit for bit.

The install compiles ``oefening/engine`` where it can; the sources stay the reference, loaded
instead when they changed since (or with ``OEFENING_PURE=1``). These tests run the same worlds
both ways, here (compiled, when this tree was built) and in a subprocess on the sources, and
compare the JSON as text: every golden file, journal and Monte Carlo figure is the same on a
machine without a C compiler.
"""

from __future__ import annotations

import ast
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import oefening.engine
from oefening import cli
from oefening.decide import PlanDecider, Scripted, play
from oefening.engine.decisions import Activate
from oefening.engine.exercise import Exercise
from oefening.experiments.montecarlo import montecarlo
from oefening.scenario.load import load_plan, load_scenario
from oefening.scenario.model import Scenario
from tests.engine import test_engine_properties, test_engine_rework
from tests.paths import DATA, PLANS, ROOT, SCENARIOS

ENGINE = ROOT / "oefening" / "engine"

# a world with a flow of every kind: office hours, a demand profile, triage, plain
KINDS = {
    "format": 1, "id": "kinds", "title": "kinds", "start": "2025-03-24T08:00:00+01:00", "turn": "4h",
    "horizon": "10d",
    "suppliers": [{"id": "s", "name": "S"}], "services": [{"id": "a", "name": "a", "supplier": "s", "rpo": "12h"}],
    "calendars": [{"id": "kantoor", "name": "Kantoor", "hours": "08:00-17:00"}],
    "demand_profiles": [{"id": "dag", "hours": [0.5] * 8 + [2.0] * 9 + [1.0] * 7}],
    "organisations": [{"id": "o", "name": "o", "processes": [
        {"id": pid, "name": pid, "criticality": "vital", "demand": 40, "capacity": 50, "mbco": 0.5, "mtpd": "3d",
         "norm": "1d", "needs": ["a"], **more,
         "fallbacks": [{"id": "fb", "name": "fb", "capacity": 0.4, "lead_time": "6h"}]}
        for pid, more in [("office", {"calendar": "kantoor"}), ("profile", {"demand_profile": "dag"}),
                          ("triage", {"discipline": "triage"}), ("plain", {})]]}],
    "events": [{"id": "down", "at": "30h", "effects": [{"supplier": {"id": "s", "status": "failed"}}]},
               {"id": "up", "at": "90h", "effects": [{"supplier": {"id": "s", "status": "healthy"}}]}],
}


def _slots(path: Path) -> dict[str, list[str]]:
    """Each class's ``__slots__`` in a source file, read from the source (a compiled class has none)."""
    found = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.Assign) and any(getattr(t, "id", "") == "__slots__" for t in item.targets):
                    found[node.name] = list(ast.literal_eval(item.value))
    return found


def test_a_copy_of_a_flow_takes_every_field_of_every_kind_of_flow() -> None:
    """A flow's view (``at``) copies its fields one by one (written out, so mypyc compiles it):
    every field of every kind of flow, none forgotten when one is added."""
    slots = {**_slots(ENGINE / "flow.py"), **_slots(ENGINE / "calendar.py"), **_slots(ENGINE / "profile.py"),
             **_slots(ENGINE / "triage.py")}
    exercise = Exercise(Scenario.model_validate(KINDS), 0)
    decider = Scripted({8: [Activate("o/office/fb"), Activate("o/triage/fb")]})
    while exercise.world.now < 60.0:   # halfway through the outage: backlogs, history, a log
        for decision in decider.decide(exercise):
            exercise.decide(decision)
        exercise.advance()
    flows = {type(proc.flow).__name__: proc.flow for proc in exercise.world.processes.values()}
    assert set(flows) == {"Flow", "OfficeFlow", "ProfileFlow", "TriageFlow"}
    for name, flow in flows.items():
        fields = slots["Flow"] + (slots[name] if name != "Flow" else [])
        copy = flow._copy()
        assert type(copy) is type(flow)
        for field in fields:
            if field == "_log":
                assert copy._log is None   # a view keeps no log of its own (engine/flow.py)
            else:
                assert getattr(copy, field) == getattr(flow, field), f"{name}.{field}"


# -- the same numbers, compiled and pure -------------------------------------------------------


def _cases() -> list[tuple[Scenario, Any, int]]:
    """Worlds to run both ways (made here and pickled: hypothesis need not draw the same
    examples in another process): every bundled scenario with and without its plans, the test
    worlds of issue 16, and generated worlds of the property tests (chains, lost data,
    after-work, profiles, staff, fatigue, loans, triage, facilities)."""
    cases: list[tuple[Scenario, Any, int]] = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        scenario = load_scenario(path)
        cases.append((scenario, None, 1))
        for plan_path in sorted(PLANS.glob(f"{scenario.id}*.yaml")):
            cases.append((scenario, load_plan(plan_path), 1))
    cases.append((load_scenario(DATA / "world-keys.yaml"), None, 2))
    cases.append((Scenario.model_validate(KINDS), {8: ["o/office/fb", "o/triage/fb"]}, 0))
    generated: list[tuple[Scenario, Any, int]] = []

    @settings(max_examples=25, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(test_engine_rework.worlds())
    def rework(world: tuple[Scenario, int]) -> None:
        scenario, turn = world
        generated.append((scenario, {turn: [f"o/{p}/fb" for p in ("p1", "p2", "p3")]}, 0))

    @settings(max_examples=25, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(test_engine_properties.worlds())
    def properties(scenario: Scenario) -> None:
        generated.append((scenario, {1: ["o/p1/fb"], 3: ["o/p2/fb"]}, 3))

    rework()
    properties()
    return cases + generated


def _results(cases: list[tuple[Scenario, Any, int]]) -> list[str]:
    """Each world's ``run --json`` result as text."""
    texts = []
    for scenario, decisions, seed in cases:
        exercise = Exercise(scenario, seed)
        if decisions is None:
            decider = None
        elif isinstance(decisions, dict):   # turn → fallbacks to activate (plain data: it is pickled)
            decider = Scripted({turn: [Activate(ref) for ref in refs] for turn, refs in decisions.items()})
        else:
            decider = PlanDecider(decisions)
        play(exercise, decider)
        texts.append(json.dumps(exercise.result(), sort_keys=True))
    return texts


def _montecarlo() -> str:
    scenario = load_scenario(SCENARIOS / "leverancier-faillissement.yaml")
    plans = [load_plan(path) for path in sorted(PLANS.glob("leverancier-faillissement*.yaml"))]
    return json.dumps(montecarlo(scenario, plans, 40, seed=7, workers=1), sort_keys=True)


def _in_python(tmp_path: Path, code: str) -> Any:
    """Run ``code`` (which prints JSON) in a fresh interpreter on the engine's Python sources."""
    env = {**os.environ, "OEFENING_PURE": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.slow
@pytest.mark.skipif(not oefening.engine.COMPILED, reason="this tree's engine is not compiled (setup.py): nothing to compare")
def test_the_compiled_engine_gives_the_python_engines_numbers_bit_for_bit(tmp_path: Path) -> None:
    cases = _cases()
    assert len(cases) > 50
    path = tmp_path / "cases.pickle"
    path.write_bytes(pickle.dumps(cases))
    pure = _in_python(tmp_path, (
        "import json, pickle, oefening.engine as e; assert not e.COMPILED\n"
        "from tests.engine.test_compiled import _results, _montecarlo\n"
        f"cases = pickle.loads(open({str(path)!r}, 'rb').read())\n"
        "print(json.dumps({'runs': _results(cases), 'montecarlo': _montecarlo()}))\n"))
    compiled = _results(cases)
    assert len(pure["runs"]) == len(compiled)
    for number, (a, b) in enumerate(zip(compiled, pure["runs"], strict=True)):
        assert a == b, f"case {number} ({cases[number][0].id}) differs compiled and pure"
    assert _montecarlo() == pure["montecarlo"]


def _which(package_root: Path, pure: bool = False) -> tuple[bool, str]:
    code = ("import json, oefening.engine as e, oefening.engine.flow as f\n"
            "print(json.dumps([e.COMPILED, f.__file__]))\n")
    env = {**os.environ, "PYTHONPATH": str(package_root)}
    env.pop("OEFENING_PURE", None)
    if pure:
        env["OEFENING_PURE"] = "1"
    done = subprocess.run([sys.executable, "-c", code], cwd=package_root, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    compiled, where = json.loads(done.stdout)
    return compiled, where


def test_an_edited_source_makes_the_engine_load_its_sources(tmp_path: Path) -> None:
    """A compiled copy older than its source is never used: the engine says it runs pure and
    its modules come from the .py files, so an edit counts at once, without a rebuild; and
    ``OEFENING_PURE=1`` asks for the sources whatever was built."""
    shutil.copytree(ROOT / "oefening", tmp_path / "oefening", ignore=shutil.ignore_patterns("__pycache__"))
    # a copy of this tree runs as this tree does without OEFENING_PURE (which the suite may have set)
    built, _ = _which(ROOT)
    compiled, where = _which(tmp_path)
    assert compiled == built and where.endswith(".py") != built
    assert _which(tmp_path, pure=True) == (False, str(tmp_path / "oefening" / "engine" / "flow.py"))
    flow = tmp_path / "oefening" / "engine" / "flow.py"
    flow.write_text(flow.read_text(encoding="utf-8") + "\n# edited after the build\n", encoding="utf-8")
    assert _which(tmp_path) == (False, str(flow))


def test_version_says_which_engine_runs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--version"])
    out = capsys.readouterr().out
    assert stopped.value.code == 0 and out.startswith("oefening ")
    assert ("(engine: compiled with mypyc)" in out) == oefening.engine.COMPILED
    assert _which_line(pure=True).endswith("(engine: Python sources (OEFENING_PURE is set))")


def _which_line(pure: bool) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **({"OEFENING_PURE": "1"} if pure else {})}
    done = subprocess.run([sys.executable, "-m", "oefening", "--version"], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()
