"""Only oefening/ui imports Textual: every other module of the package imports without it."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import oefening

ROOT = Path(oefening.__file__).resolve().parent


def core_modules() -> list[str]:
    """Every module under oefening/ except the UI package (and ``__main__``)."""
    names = ["oefening"]
    for info in pkgutil.walk_packages([str(ROOT)], prefix="oefening."):
        if info.name == "oefening.ui" or info.name.startswith("oefening.ui."):
            continue
        if info.name == "oefening.__main__":  # runs the command line when imported
            continue
        names.append(info.name)
    return sorted(names)


def test_core_modules_do_not_import_textual() -> None:
    """Importing the engine, scenario, journal, session, CLI and the rest never loads Textual."""
    modules = core_modules()
    assert "oefening.engine.exercise" in modules and "oefening.cli.play" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(leaked))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"textual imported by a core module: {done.stdout.strip()}"


def test_the_ui_does_import_textual() -> None:
    """The check above can fail: the UI package itself does load Textual."""
    code = "import sys, oefening.ui; print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "True", done.stderr
