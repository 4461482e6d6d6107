"""Readable summaries of results for the terminal (the JSON forms need no help)."""

from __future__ import annotations

import locale
import os
from typing import Any

from oefening.durations import format_duration
from oefening.scenario.model import Scenario
from oefening.words.plain import text_in


def default_language() -> str:
    """nl when the user's locale is Dutch, else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    code = locale.getlocale()[0] or ""
    return "nl" if code.lower().startswith("nl") else "en"


HEAD = {
    "en": ("Scenario", "Plan", "nobody acts", "Seed", "Continuity", "Cost", "MTPD breaches",
           "process", "crit.", "demand", "late", "peak backlog", "backlog end", "disrupted", "MTPD breached at"),
    "nl": ("Scenario", "Plan", "niemand handelt", "Seed", "Continuïteit", "Kosten", "MTPD-overschrijdingen",
           "proces", "krit.", "vraag", "te laat", "piek achterstand", "achterstand eind", "verstoord",
           "MTPD overschreden op"),
}


def print_result(result: dict[str, Any], scenario: Scenario, lang: str | None = None) -> None:
    lang = lang or default_language()
    h = HEAD[lang]
    print(f"{h[0]}: {text_in(scenario.title, lang)} ({result['scenario']})")
    print(f"{h[1]}: {result['plan'] or h[2]}    {h[3]}: {result['seed']}    "
          f"horizon {format_duration(result['horizon_hours'])}")
    print(f"{h[4]}: {result['continuity']:.1f} / 100    {h[5]}: € {result['cost']:,.0f}    "
          f"{h[6]}: {result['mtpd_breaches']}")
    print()
    width = max([len(h[7])] + [len(ref) for ref in result["processes"]])
    print(f"{h[7]:<{width}}  {h[8]:<9} {h[9]:>10} {h[10]:>9} {h[11]:>16} {h[12]:>16} {h[13]:>11}  {h[14]}")
    for ref, p in result["processes"].items():
        breach = f"! {format_duration(p['mtpd_breach_at'])}" if p["mtpd_breached"] else "-"
        print(f"{ref:<{width}}  {p['criticality']:<9} {p['demand']:>10,.0f} {p['late']:>9,.0f} "
              f"{p['peak_backlog']:>16,.0f} {p['backlog_end']:>16,.0f} "
              f"{format_duration(p['disrupted_hours']):>11}  {breach}")
