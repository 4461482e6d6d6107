"""Analysis for continuity managers (SPEC §6): the dependency map, concentration, single
points of failure, stress tests, sweeps and sensitivity.

Readers of the scenario and of simulation results, returning plain data (dicts ready for
JSON, with ``to_frame()`` where pandas is installed). No Textual: the command line prints
the results and the TUI's briefing shows the map as text.
"""

from __future__ import annotations

from oefening.analysis.dependencies import DependencyMap, dependency_map, upper_lead_time
from oefening.analysis.stress import StressResult, stress
from oefening.analysis.structure import Analysis, analyse
from oefening.analysis.sweep import SweepResult, sweep

__all__ = ["Analysis", "DependencyMap", "StressResult", "SweepResult", "analyse", "dependency_map", "stress",
           "sweep", "upper_lead_time"]
