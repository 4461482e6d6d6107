"""Run ``oefening`` in-process for tests: its exit code, stdout and stderr."""

from __future__ import annotations

import contextlib
import io
from typing import NamedTuple

from oefening import cli


class Outcome(NamedTuple):
    code: int
    out: str
    err: str


def run_cli(*argv: str) -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return Outcome(code, out.getvalue(), err.getvalue())
