"""``oefening replay JOURNAL [--json]``: recompute an exercise from its journal and print what
``run`` printed (``--json``: the same JSON object, byte for byte). The journal is only read."""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import Any

from oefening.errors import OefeningError, Problem
from oefening.words.plain import plain


def add_parser(sub: Any) -> None:
    p = sub.add_parser("replay", help="recompute an exercise from its journal", description=__doc__)
    p.add_argument("journal", metavar="JOURNAL", help="the journal file (JSON Lines)")
    p.add_argument("--json", action="store_true",
                   help="print the result as one JSON object (SPEC §4; a scenario with teams adds the keys teams "
                        "and allocation, see docs/model.md)")
    p.add_argument("--lang", choices=("nl", "en"), default=None,
                   help="language of the summary (default: the journal's)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from oefening.cli.run import show
    from oefening.journal.session import Session

    session = Session.read(args.journal)
    for notice in session.notices:
        print(plain(notice), file=sys.stderr)
    exercise = session.exercise
    if not exercise.finished:
        raise OefeningError([Problem(
            f"the exercise has not finished: the journal ends at turn {exercise.turn} of {exercise.turns}; "
            f"resume it with: oefening play --resume {shlex.quote(args.journal)}", args.journal)])
    show(session.result(), session.scenario, as_json=args.json, lang=args.lang or session.lang)
    return 0
