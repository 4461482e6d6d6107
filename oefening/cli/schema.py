"""``oefening schema [--plan]``: print the JSON Schema of the scenario format (or the plan
format), generated from the models, for editors that complete and check YAML as it is typed."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(sub: Any) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of the scenario format",
                       description=__doc__)
    p.add_argument("--plan", action="store_true", help="the schema of the plan format instead")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from oefening.scenario.schema import json_schema_text

    sys.stdout.write(json_schema_text("plan" if args.plan else "scenario"))
    return 0
