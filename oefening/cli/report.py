"""``oefening report JOURNAL -o FILE.html|FILE.md|FILE.docx [--lang nl|en] [--worlds N]``: the
after-action report and improvement plan of an exercise (HSEEP's AAR/IP as the model), rebuilt
from its journal: the scorecard, who took part, per learning goal the hot wash's rating and
findings with the decisions that bear on it, the improvement plan, the decisions that
mattered most (each taken out, and taken one turn later, on the same world), the same world
with nobody acting and with each bundled plan, "good or lucky" over N worlds, charts of the
processes and shared facilities, and the course turn by turn. One self-contained HTML file
(printable on A4), Markdown, or Word; the extension decides. The journal is only read."""

from __future__ import annotations

import argparse
import sys
from typing import Any

MAX_WORLDS = 5000


def add_parser(sub: Any) -> None:
    p = sub.add_parser("report", help="write the after-action report and improvement plan of a journal",
                       description=__doc__)
    p.add_argument("journal", metavar="JOURNAL", help="the journal file (JSON Lines)")
    p.add_argument("-o", "--output", metavar="FILE", required=True,
                   help="the report to write: FILE.html (self-contained), FILE.md or FILE.docx (Word)")
    p.add_argument("--lang", choices=("nl", "en"), default=None,
                   help="the report's language (default: the exercise's)")
    p.add_argument("--worlds", type=int, default=None, metavar="N",
                   help="worlds for 'good or lucky' (default 200; 0 leaves it out)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from oefening.errors import OefeningError
    from oefening.journal.session import Session
    from oefening.report.aar import WORLDS
    from oefening.report.output import format_of, write_report
    from oefening.words import tr
    from oefening.words.plain import plain

    format_of(args.output)  # a wrong extension fails before any work
    worlds = WORLDS if args.worlds is None else args.worlds
    if not 0 <= worlds <= MAX_WORLDS:
        raise OefeningError(f"--worlds must be between 0 and {MAX_WORLDS}, not {worlds}")
    session = Session.read(args.journal)
    for notice in session.notices:
        print(plain(notice), file=sys.stderr)
    write_report(session, args.output, lang=args.lang, worlds=worlds)
    print(tr("report.written", args.lang or session.lang, path=plain(args.output), journal=plain(args.journal)))
    return 0
