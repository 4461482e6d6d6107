"""``oefening --help`` and every command's ``--help`` start without the scenario models or Textual."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import contextlib, io, sys
from oefening.cli import main
for argv in (["--help"], *([name, "--help"] for name in __import__("oefening.cli").cli.COMMANDS)):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        main(argv)
print(",".join(m for m in ("oefening.scenario.model", "textual", "simpy", "numpy") if m in sys.modules))
"""


def test_help_imports_no_models_no_textual_no_engine():
    """Help is read often and must be quick: the pydantic models (≈100 ms), Textual, simpy and
    numpy are imported only by the commands that use them, when they run."""
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
