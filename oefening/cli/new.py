"""``oefening new SCENARIO.yaml``, ``oefening new --bia FILE.xlsx|FILE.csv [--suppliers FILE]
-o SCENARIO.yaml`` and ``oefening new --template bia.xlsx``: start a scenario. Without a sheet,
a commented starting scenario (one organisation, one process, one fallback, a two-event
storyline) that check accepts and play plays. With --bia, a checked scenario made from a
business impact analysis and a supplier register, with a generic storyline (the most
concentrated supplier fails, after a lukewarm phase) to edit. --template writes a BIA workbook
to fill in, with column names in Dutch or English. An existing file is never overwritten; the
JSON Schema is written next to a new scenario (oefening.schema.json) when it is not there yet,
so editors complete and check it. Columns: docs/exchange.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from oefening.errors import OefeningError
from oefening.words import tr


def add_parser(sub: Any) -> None:
    p = sub.add_parser("new", help="start a scenario: commented, from a BIA sheet, or a BIA template",
                       description=__doc__)
    p.add_argument("scenario", nargs="?", metavar="SCENARIO.yaml", help="the scenario file to create")
    p.add_argument("--bia", metavar="FILE", help="a business impact analysis: FILE.xlsx or FILE.csv")
    p.add_argument("--suppliers", metavar="FILE",
                   help="the supplier register (xlsx or csv); default: its sheet in the BIA workbook, if any")
    p.add_argument("-o", "--output", metavar="SCENARIO.yaml", help="the scenario to write (with --bia)")
    p.add_argument("--template", metavar="FILE.xlsx", help="write a BIA workbook to fill in")
    p.add_argument("--lang", choices=("nl", "en"), default=None,
                   help="language of the template's column names and of the messages (default: from the locale)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from oefening.cli.msel import refuse_existing
    from oefening.cli.output import default_language

    lang = args.lang or default_language()
    if args.template:
        if args.bia or args.scenario or args.output or args.suppliers:
            raise OefeningError("oefening new: --template writes a template only; give no other files")
        if not args.template.lower().endswith(".xlsx"):
            raise OefeningError(f"{args.template}: a template has two sheets, so it is an .xlsx file")
        refuse_existing(args.template, None, "new")
        from oefening.exchange.template import write_template

        write_template(args.template, lang)
        print(tr("new.template", lang, out=args.template))
        return 0
    if args.suppliers and not args.bia:
        raise OefeningError("oefening new: --suppliers goes with --bia FILE")
    if args.scenario and args.output and args.scenario != args.output:
        raise OefeningError("oefening new: give the scenario file once (SCENARIO.yaml or -o)")
    out = args.output or args.scenario
    if not out:
        raise OefeningError("oefening new: which file? oefening new SCENARIO.yaml (see oefening new --help)")
    if not out.lower().endswith((".yaml", ".yml")):
        raise OefeningError(f"{out}: a scenario is a YAML file; end its name in .yaml")
    refuse_existing(out, None, "new")
    if args.bia:
        text, summary, notes = _from_bia(args, out, lang)
    else:
        import shlex

        from oefening.exchange.starter import starter_text

        summary = tr("new.starter", lang, out=shlex.quote(out))
        text, notes = starter_text(out, next_monday()), []
    _check(text, out)
    Path(out).write_text(text, encoding="utf-8")
    for note in notes:
        print(tr("new.note", lang, text=note))
    schema = Path(out).parent / "oefening.schema.json"
    if not schema.exists():
        from oefening.scenario.schema import json_schema_text

        schema.write_text(json_schema_text("scenario"), encoding="utf-8")
        print(tr("new.schema", lang, out=schema))
    print(summary)
    return 0


def _from_bia(args: argparse.Namespace, out: str, lang: str) -> tuple[str, str, list[str]]:
    import shlex

    from oefening.exchange.bia import read_bia, scenario_text
    from oefening.exchange.starter import slug_of
    from oefening.words.formats import counted

    scenario, built = read_bia(args.bia, args.suppliers, scenario_id=slug_of(out), start=next_monday())
    sources = [args.bia, *([args.suppliers] if args.suppliers else [])]
    target = next((str(s.name) for s in scenario.suppliers if s.id == built.target), tr("new.no_target", lang))
    summary = tr("new.bia", lang, out=shlex.quote(out), target=target,
                 orgs=counted(len(scenario.organisations), "organisation", lang),
                 procs=counted(sum(1 for _ in scenario.processes()), "process", lang),
                 fallbacks=counted(sum(1 for _ in scenario.fallbacks()), "fallback", lang),
                 suppliers=counted(len(scenario.suppliers), "supplier", lang))
    return scenario_text(built, sources), summary, built.notes


def _check(text: str, name: str) -> None:
    """The text is a valid scenario (else a bug: the problems are shown and nothing is written)."""
    from oefening.scenario.load import validate
    from oefening.scenario.model import Scenario
    from oefening.scenario.yamlsource import parse_yaml

    validate(Scenario, parse_yaml(text, name))


def next_monday(today: dt.date | None = None) -> str:
    """The coming Monday at 08:00 in Amsterdam, ISO 8601 with its offset: a start to edit."""
    from zoneinfo import ZoneInfo

    day = today or dt.date.today()
    monday = day + dt.timedelta(days=(7 - day.weekday()) % 7 or 7)
    try:
        zone: dt.tzinfo = ZoneInfo("Europe/Amsterdam")
    except Exception:  # no time-zone database: winter time
        zone = dt.timezone(dt.timedelta(hours=1))
    return dt.datetime(monday.year, monday.month, monday.day, 8, tzinfo=zone).isoformat()
