"""Inputs are regular files, read with a byte cap counted while reading: a device that never
ends (/dev/zero, /dev/urandom), a FIFO that would block for ever, or a directory given to
check, run, replay, report or play --resume is one clear line and exit 2, at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT


def _oefening(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "oefening", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom", "fifo", "directory"])
def test_special_files_are_refused_by_every_command(special: str, fifo: Path, tmp_path: Path) -> None:
    """Special files are refused by every command."""
    path = {"fifo": str(fifo), "directory": str(tmp_path)}.get(special, special)
    words = {"fifo": "named pipe (FIFO)", "directory": "is a directory"}.get(special, "is a device")
    for args in (["check", path], ["run", path], ["replay", path], ["report", path, "-o", str(tmp_path / "r.md")],
                 ["play", "--resume", path]):
        done = _oefening(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr.count("\n") == 1 and words in done.stderr and path in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr


def test_a_file_past_the_cap_while_reading_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cap counts bytes read, not the size the file claims."""
    from oefening.errors import OefeningError
    from oefening.scenario.files import read_capped

    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 3000)
    assert read_capped(path, 3000) == b"x" * 3000
    with pytest.raises(OefeningError, match="too large"):
        read_capped(path, 2999)
