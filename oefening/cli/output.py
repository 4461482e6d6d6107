"""Readable summaries of results for the terminal (the JSON forms need no help)."""

from __future__ import annotations

import locale
import os
from typing import TYPE_CHECKING, Any

from oefening.words import tr
from oefening.words.formats import exact_duration, number
from oefening.words.plain import text_in

if TYPE_CHECKING:
    from oefening.scenario.model import Scenario

# the words of the result table, in the table's order (their texts: result.* in oefening.words)
HEAD = ("scenario", "plan", "nobody", "seed", "continuity", "cost", "breaches", "process", "criticality",
        "demand", "late", "peak_backlog", "backlog_end", "disrupted", "breach_at", "projected", "to_be_late",
        "horizon")


def print_json(data: Any, **options: Any) -> None:
    """One JSON object on one line of stdout; never ``Infinity`` or ``NaN``, which are not
    JSON (scenario bounds keep every number finite; this is the last guard)."""
    import json
    import sys

    from oefening.errors import OefeningError

    try:
        text = json.dumps(data, allow_nan=False, **options)
    except ValueError:
        raise OefeningError("oefening: a number in the result is not finite; please report this scenario") from None
    sys.stdout.write(text + "\n")


def default_language() -> str:
    """nl when the user's locale is Dutch, else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    code = locale.getlocale()[0] or ""
    return "nl" if code.lower().startswith("nl") else "en"


def print_scorecard(result: dict[str, Any], scenario: Scenario, lang: str) -> None:
    """The scorecard (vital processes within MTPD first), one figure a line, details indented."""
    from oefening.report.scorecard import figures

    marks = {"bad": "✖", "warn": "!", "good": "✔", "": "·"}
    rows = [f for f in figures(result, scenario, lang) if f.key != "continuity"]
    width = max(len(f.label) for f in rows)
    for f in rows:
        print(f"{marks[f.tone]} {f.label:<{width}}  {f.value}")
        for detail in f.details:
            print(f"  {'':<{width}}  {detail}")


def print_result(result: dict[str, Any], scenario: Scenario, lang: str | None = None) -> None:
    """The result of one run as a short summary and a table per process."""
    lang = lang or default_language()
    h = {key: tr(f"result.{key}", lang) for key in HEAD}
    print(f"{h['scenario']}: {text_in(scenario.title, lang)} ({result['scenario']})")
    print(f"{h['plan']}: {result['plan'] or h['nobody']}    {h['seed']}: {result['seed']}    "
          f"{h['horizon']} {exact_duration(result['horizon_hours'], lang)}")
    print()
    print_scorecard(result, scenario, lang)
    print(f"  {h['continuity']}: {number(result['continuity'], lang, 1)} / 100 ({h['projected']} "
          f"{number(result['continuity_projected'], lang, 1)})    {h['cost']}: € {number(result['cost'], lang)}    "
          f"{h['breaches']}: {result['mtpd_breaches']}")
    print()
    width = max([len(h["process"])] + [len(ref) for ref in result["processes"]])
    print(f"{h['process']:<{width}}  {h['criticality']:<10} {h['demand']:>10} {h['late']:>9} {h['to_be_late']:>13} "
          f"{h['peak_backlog']:>16} {h['backlog_end']:>16} {h['disrupted']:>11}  {h['breach_at']}")
    for ref, p in result["processes"].items():
        breach = f"! {exact_duration(p['mtpd_breach_at'], lang)}" if p["mtpd_breached"] else "-"
        print(f"{ref:<{width}}  {tr('crit.' + p['criticality'], lang):<10} {number(p['demand'], lang):>10} "
              f"{number(p['late'], lang):>9} {number(p['late_projected'] - p['late'], lang):>13} "
              f"{number(p['peak_backlog'], lang):>16} {number(p['backlog_end'], lang):>16} "
              f"{exact_duration(p['disrupted_hours'], lang):>11}  {breach}")
    if "teams" in result:
        print_teams(result, scenario, lang)


def print_teams(result: dict[str, Any], scenario: Scenario, lang: str) -> None:
    """With teams: each team's continuity, MTPD breaches, spending and own budget."""
    names = {team.id: text_in(team.name, lang) for team in scenario.teams}
    w = {key: tr(f"teams.{key}", lang) for key in ("team", "continuity", "breaches", "spent", "budget", "shared")}
    width = max([len(w["team"])] + [len(n) for n in names.values()])
    print()
    print(f"{w['team']:<{width}}  {w['continuity']:>12} {w['breaches']:>18} {w['spent']:>14}  {w['budget']}")
    for ident, team in result["teams"].items():
        budget = f"€ {number(team['budget'], lang)}" if team["budget"] is not None else w["shared"]
        print(f"{names[ident]:<{width}}  {number(team['continuity'], lang, 1):>12} {team['mtpd_breaches']:>18} "
              f"{'€ ' + number(team['spent'], lang):>14}  {budget}")
