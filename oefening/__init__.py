"""oefening: crisis exercises and tabletop simulation of ICT-supplier outages.

The public API; the command line and the terminal UI are thin callers of it::

    from oefening import load_scenario, load_plan, Exercise, run
    scenario = load_scenario("scenarios/leverancier-faillissement.yaml")
    result = run(scenario, load_plan("scenarios/plans/leverancier-faillissement-lauw.yaml"), seed=7)
"""

from __future__ import annotations

from typing import Any

__version__ = "0.3.0"

__all__ = [
    "Activate",
    "Deactivate",
    "Exercise",
    "OefeningError",
    "PlanDecider",
    "TakeAction",
    "__version__",
    "analyse",
    "load_plan",
    "load_scenario",
    "montecarlo",
    "play",
    "run",
    "stress",
    "sweep",
]

_WHERE = {
    "Activate": "oefening.engine.decisions",
    "Deactivate": "oefening.engine.decisions",
    "TakeAction": "oefening.engine.decisions",
    "Exercise": "oefening.engine.exercise",
    "OefeningError": "oefening.errors",
    "PlanDecider": "oefening.decide",
    "play": "oefening.decide",
    "run": "oefening.decide",
    "load_plan": "oefening.scenario.load",
    "load_scenario": "oefening.scenario.load",
    "montecarlo": "oefening.experiments.montecarlo",
    "analyse": "oefening.analysis",
    "stress": "oefening.analysis",
    "sweep": "oefening.analysis",
}


def __getattr__(name: str) -> Any:
    """Import lazily, so ``oefening --help`` stays fast and the core never pulls in Textual."""
    if name in _WHERE:
        from importlib import import_module

        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'oefening' has no attribute {name!r}")
