"""``oefening analyse SCENARIO [--json] [-o FILE.html]``: the dependency map, concentration
(HHI), single points of failure, fallbacks slower than their MTPD, common-mode fallbacks and
over-claimed facilities, read from the scenario without simulating (SPEC §6). The map is a
tree in the terminal and an SVG in the HTML page; --json prints SPEC §6's object.
"""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    p = sub.add_parser("analyse", help="dependency map, concentration and single points of failure",
                       description=__doc__)
    p.add_argument("scenario", metavar="SCENARIO", help="the scenario file (YAML)")
    p.add_argument("--json", action="store_true", help="print the analysis as one JSON object")
    p.add_argument("-o", "--output", metavar="FILE.html", help="also write an HTML page with the map")
    p.add_argument("--lang", choices=("nl", "en"), default=None, help="language of the text and page")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from oefening.analysis import analyse, dependency_map
    from oefening.analysis.page import check_html_path, write_page
    from oefening.analysis.readable import analysis_lines, analysis_page
    from oefening.cli.output import default_language
    from oefening.scenario.load import load_scenario

    if args.output is not None:
        check_html_path(args.output)
    scenario = load_scenario(args.scenario)
    lang = args.lang or default_language()
    dmap = dependency_map(scenario)
    result = analyse(scenario, dmap)
    if args.json:
        from oefening.cli.output import print_json

        print_json(result, ensure_ascii=False)
    else:
        print("\n".join(analysis_lines(scenario, dmap, result, lang)))
    if args.output is not None:
        write_page(args.output, analysis_page(scenario, dmap, result, lang))
    return 0
