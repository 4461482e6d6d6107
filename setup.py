"""The build: oefening's engine compiled with mypyc where this machine can, pure Python otherwise.

Both give the same results, bit for bit (tests/engine/test_compiled.py); the compiled engine
is about 2.5 times faster (README, Performance). ``OEFENING_PURE=1`` at install skips the compilation; at run time
it makes oefening use the Python source even where a compiled copy lies beside it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
ENGINE = sorted(p for p in (HERE / "oefening" / "engine").glob("*.py") if p.name != "__init__.py")
MANIFEST = HERE / "oefening" / "engine" / "compiled.json"


def _warn(why: str) -> None:
    print(f"oefening: the engine stays pure Python ({why}); results are the same, only slower",
          file=sys.stderr)


class OptionalBuild(build_ext):
    """Compile what it can; a machine without a C compiler still installs oefening."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # no compiler, no headers: the pure engine is complete
            _warn(f"compiling failed: {exc}")
            return
        # what was compiled, by its source's hash: oefening uses the compiled engine only
        # while every source is the one compiled (an edited source falls back to Python)
        MANIFEST.write_text(json.dumps(
            {p.stem: hashlib.sha256(p.read_bytes()).hexdigest() for p in ENGINE}, indent=1) + "\n")

    def build_extension(self, ext) -> None:  # type: ignore[no-untyped-def]
        # no fused multiply-add: every product rounded as Python rounds it, the same bits
        ext.extra_compile_args = [*ext.extra_compile_args, "-ffp-contract=off"]
        super().build_extension(ext)


# the build commands that only write metadata (pip asks for it twice before it builds): no compiling
METADATA_ONLY = {"egg_info", "dist_info"}


def extensions() -> list:
    if os.environ.get("OEFENING_PURE"):
        return []
    if METADATA_ONLY.intersection(sys.argv[1:2]):   # mypyc's generating C takes ≈ 15 s a time
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _warn("mypyc is not installed")
        return []
    try:  # what the engine's types come from: unseen, mypyc would compile a class on simpy's Event wrongly
        import pydantic  # noqa: F401
        import simpy  # noqa: F401
        import yaml  # noqa: F401
    except ImportError as exc:
        _warn(f"{exc.name} is not installed where it is built")
        return []
    if MANIFEST.exists():
        MANIFEST.unlink()
    try:  # mypyc type-checks the engine first: a type error leaves it pure, it does not stop the install
        return list(mypycify([str(p.relative_to(HERE)) for p in ENGINE], opt_level="3",
                             group_name="oefening.engine.native"))
    except (Exception, SystemExit) as exc:
        _warn(f"mypyc refused it: {exc}")
        return []


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuild})
