"""The simulation engine: a fluid, event-driven model of SPEC §3 on simpy, steppable turn by turn.

Its modules are compiled with mypyc where the install could (setup.py); the compiled and the
Python engine give the same results, bit for bit. The compiled modules are used only while
every source is the one they were compiled from (``compiled.json`` holds the hashes): after an
edit, or with ``OEFENING_PURE=1`` in the environment, the Python sources are loaded instead.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from importlib.machinery import EXTENSION_SUFFIXES, ModuleSpec
from pathlib import Path
from types import ModuleType

_HERE = Path(__file__).parent


def _compiled_is_current() -> bool:
    if os.environ.get("OEFENING_PURE"):
        return False
    try:
        manifest = json.loads((_HERE / "compiled.json").read_text(encoding="utf-8"))
        sources = {p.stem: p for p in _HERE.glob("*.py") if p.stem != "__init__"}
        return isinstance(manifest, dict) and manifest.keys() == sources.keys() and all(
            hashlib.sha256(path.read_bytes()).hexdigest() == manifest[stem] for stem, path in sources.items())
    except (OSError, ValueError):
        return False


def _any_compiled() -> bool:
    return any(path.name.endswith(suffix) for path in _HERE.iterdir() for suffix in EXTENSION_SUFFIXES)


COMPILED = _any_compiled() and _compiled_is_current()
"""True when this engine runs compiled (mypyc), False when it runs from the Python sources."""


def which() -> str:
    """Which engine runs, and why, in a few words (``oefening --version``)."""
    if COMPILED:
        return "compiled with mypyc"
    if os.environ.get("OEFENING_PURE"):
        return "Python sources (OEFENING_PURE is set)"
    if _any_compiled():
        return "Python sources (the compiled copy is older than the sources: make compiles it again)"
    return "Python sources (not compiled at install)"


class _Sources:
    """Finds this package's modules as Python sources even where a compiled copy lies beside
    them (Python's own finder prefers the compiled one): all or nothing, because compiled
    modules call each other directly."""

    @staticmethod
    def find_spec(fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package != __name__:
            return None
        source = _HERE / f"{name}.py"
        return importlib.util.spec_from_file_location(fullname, source) if source.is_file() else None


if not COMPILED and _any_compiled():
    sys.meta_path.insert(0, _Sources)  # type: ignore[arg-type]
