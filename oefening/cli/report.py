"""``oefening report JOURNAL -o FILE.html|FILE.md``: the after-action report of an exercise,
rebuilt from its journal, as one self-contained HTML file or as Markdown (the extension
decides). The journal is only read."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from oefening.words.plain import plain


def add_parser(sub: Any) -> None:
    p = sub.add_parser("report", help="write the after-action report of a journal", description=__doc__)
    p.add_argument("journal", metavar="JOURNAL", help="the journal file (JSON Lines)")
    p.add_argument("-o", "--output", metavar="FILE", required=True,
                   help="the report to write: FILE.html (self-contained) or FILE.md")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from oefening.journal.session import Session
    from oefening.report.document import format_of, write_report

    format_of(args.output)  # a wrong extension fails before any work
    session = Session.read(args.journal)
    for notice in session.notices:
        print(plain(notice), file=sys.stderr)
    write_report(session, args.output)
    return 0
