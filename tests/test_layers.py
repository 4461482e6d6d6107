"""The layers contract of ``pyproject.toml`` holds, and it would catch an arrow pointing backwards."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT.exists(), reason="import-linter is not installed (make test installs it)")


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run([str(LINT), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_the_layers_contract_is_kept():
    """No module imports from a layer above its own (scenario → engine → … → ui → cli)."""
    done = _lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "KEPT" in done.stdout


def test_a_backward_import_breaks_the_contract(tmp_path: Path):
    """The engine importing the report is refused: the contract can fail."""
    shutil.copytree(ROOT / "oefening", tmp_path / "oefening", ignore=shutil.ignore_patterns("scenarios", "__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    flow = tmp_path / "oefening" / "engine" / "flow.py"
    flow.write_text(flow.read_text() + "\nimport oefening.report.document  # backwards\n")
    done = _lint(tmp_path)
    assert done.returncode != 0
    assert "BROKEN" in done.stdout
    assert "oefening.engine.flow" in done.stdout
