"""``oefening msel export SCENARIO -o FILE.xlsx|FILE.csv`` and ``oefening msel import
FILE.xlsx|FILE.csv --into SCENARIO -o NEW.yaml``: the storyline as an HSEEP MSEL table, one
row per event, to edit in Excel or LibreOffice and read back. Import keeps the rest of the
scenario (and its comments), replaces its events with the sheet's and writes a new file that
check accepts; a problem in the sheet is one line FILE:SHEET!CELL: message and nothing is
written. An existing output file is never overwritten without --force. Columns: docs/exchange.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from oefening.errors import OefeningError
from oefening.words import tr


def add_parser(sub: Any) -> None:
    p = sub.add_parser("msel", help="the storyline to and from a spreadsheet (HSEEP MSEL, xlsx or csv)",
                       description=__doc__)
    inner = p.add_subparsers(dest="msel_command", metavar="export|import", required=True,
                             parser_class=type(p))
    e = inner.add_parser("export", help="write the storyline as an MSEL sheet",
                         description="Write the storyline of SCENARIO as an MSEL sheet, one row per event.")
    e.add_argument("scenario", metavar="SCENARIO", help="the scenario file (YAML)")
    e.add_argument("-o", "--output", metavar="FILE", required=True, help="FILE.xlsx or FILE.csv")
    e.add_argument("--lang", choices=("nl", "en"), default=None,
                   help="language of the column names and words (default: from the locale)")
    e.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    e.set_defaults(run=run_export)
    i = inner.add_parser("import", help="read an MSEL sheet into a copy of a scenario",
                         description=("Read the MSEL sheet FILE as the storyline of a copy of SCENARIO "
                                      "and write it to NEW.yaml; the rest of SCENARIO is kept."))
    i.add_argument("sheet", metavar="FILE", help="the MSEL sheet: FILE.xlsx or FILE.csv")
    i.add_argument("--into", metavar="SCENARIO", required=True,
                   help="the scenario whose world and actions the storyline belongs to (YAML)")
    i.add_argument("-o", "--output", metavar="NEW.yaml", required=True, help="the scenario to write")
    i.add_argument("--lang", choices=("nl", "en"), default=None, help="language of the messages")
    i.add_argument("--force", action="store_true", help="overwrite NEW.yaml if it exists")
    i.set_defaults(run=run_import)


def refuse_existing(path: str, force: bool | None, command: str) -> None:
    """OefeningError when ``path`` exists and ``force`` is not given (None: there is no --force)."""
    if not path.strip():
        raise OefeningError(f"oefening {command}: -o needs a file name")
    if Path(path).is_dir():
        raise OefeningError(f"{path}: is a directory; give a file name")
    if Path(path).exists() and not force:
        how = "" if force is None else " or add --force to overwrite it"
        raise OefeningError(f"{path}: already exists; choose another name{how}")


def say(key: str, lang: str | None, **values: Any) -> str:
    from oefening.cli.output import default_language

    return tr(f"msel.{key}", lang or default_language(), **values)


def run_export(args: argparse.Namespace) -> int:
    from oefening.cli.output import default_language
    from oefening.exchange.msel import export_msel

    refuse_existing(args.output, args.force, "msel export")
    lang = args.lang or default_language()
    n = export_msel(args.scenario, args.output, lang)
    print(say("exported", lang, out=args.output, n=n, src=args.scenario))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from oefening.exchange.msel import import_msel

    refuse_existing(args.output, args.force, "msel import")
    text, scenario, ignored = import_msel(args.sheet, args.into)
    Path(args.output).write_text(text, encoding="utf-8")
    if ignored:
        print(say("ignored", args.lang, sheet=args.sheet, names=", ".join(ignored)), file=sys.stderr)
    print(say("imported", args.lang, out=args.output, src=args.into, n=len(scenario.events), sheet=args.sheet))
    return 0
