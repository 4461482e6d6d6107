"""Where the tests find the repository, the bundled scenarios, their fixtures and golden files."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
GOLDEN = ROOT / "tests" / "golden"
SCENARIOS = ROOT / "scenarios"
PLANS = SCENARIOS / "plans"
MINIMAL = DATA / "minimal.yaml"
MINIMAL_PLAN = DATA / "minimal-plan.yaml"
