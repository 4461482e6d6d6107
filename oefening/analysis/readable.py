"""The analysis of a scenario for people: lines for the terminal and an HTML page.

Both read the plain result of :func:`oefening.analysis.structure.analyse` and the dependency
map; nothing is computed here that the JSON does not hold.
"""

from __future__ import annotations

from typing import Any

from oefening.analysis import page
from oefening.analysis.dependencies import DependencyMap
from oefening.analysis.svg import map_svg
from oefening.analysis.tree import map_lines
from oefening.durations import format_duration
from oefening.scenario.model import Scenario
from oefening.words.analysis import say
from oefening.words.formats import number
from oefening.words.plain import one_line, text_in


def _shares(entry: dict[str, Any]) -> str:
    return ", ".join(f"{s} {share:.0%}" for s, share in
                     sorted(entry["shares"].items(), key=lambda kv: (-kv[1], kv[0]))) or "-"


def concentration_rows(analysis: dict[str, Any], lang: str) -> list[tuple[str, str, str]]:
    conc = analysis["concentration"]
    rows = [(say("government", lang), number(conc["government"]["hhi"], lang), _shares(conc["government"]))]
    rows += [(org, number(entry["hhi"], lang), _shares(entry)) for org, entry in conc["organisations"].items()]
    return rows


def finding_lines(analysis: dict[str, Any], lang: str) -> dict[str, list[str]]:
    """Per finding (spof, slow, common, facilities) its lines; an empty finding says so."""
    spof = [f"{s['supplier']}: {', '.join(s['processes'])}" for s in analysis["single_points_of_failure"]]
    slow = [say("slow.line", lang, fallback=s["fallback"], lead=format_duration(s["lead_time_hours"]),
                mtpd=format_duration(s["mtpd_hours"])) for s in analysis["lead_time_over_mtpd"]]
    common = [say("common.line", lang, **c) for c in analysis["common_mode"]]
    facilities = []
    for ident, f in analysis["facilities"].items():
        line = say("facilities.line", lang, facility=ident, slots=f["slots"], claimants=f["claimants"])
        if f["claimants"] > f["slots"]:
            line += say("facilities.over", lang)
        facilities.append(line)
    return {
        "spof": spof or [say("spof.none", lang)],
        "slow": slow or [say("none", lang)],
        "common": common or [say("none", lang)],
        "facilities": facilities or [say("none", lang)],
    }


def analysis_lines(scenario: Scenario, dmap: DependencyMap, analysis: dict[str, Any], lang: str) -> list[str]:
    """The whole analysis as lines of text: the map, then each finding."""
    out = [f"{say('analyse.title', lang)}: {one_line(text_in(scenario.title, lang))} ({scenario.id})", ""]
    out += map_lines(scenario, dmap, lang)
    out += ["", say("concentration", lang), ""]
    rows = concentration_rows(analysis, lang)
    width = max(len(r[0]) for r in rows)
    out += [f"{name:<{width}}  {hhi:>6}  {shares}" for name, hhi, shares in rows]
    findings = finding_lines(analysis, lang)
    for key in ("spof", "slow", "common", "facilities"):
        out += ["", say(key, lang), *(f"  {line}" for line in findings[key])]
    return out


def analysis_page(scenario: Scenario, dmap: DependencyMap, analysis: dict[str, Any], lang: str) -> str:
    """The analysis as a self-contained HTML page, with the map as an SVG."""
    findings = finding_lines(analysis, lang)
    sections = [
        (say("map.title", lang), page.figure(map_svg(scenario, dmap, lang, analysis))),
        (say("concentration", lang), page.table(("", "HHI", ""), concentration_rows(analysis, lang), (1,))),
    ]
    for key in ("spof", "slow", "common", "facilities"):
        items = "".join(f"<li>{page.escape(line)}</li>" for line in findings[key])
        sections.append((say(key, lang), f"<ul>{items}</ul>"))
    sections.append((say("map.title", lang) + " (text)",
                     "<pre>" + page.escape("\n".join(map_lines(scenario, dmap, lang))) + "</pre>"))
    title = f"{say('analyse.title', lang)}: {one_line(text_in(scenario.title, lang))}"
    return page.document(title, sections, lang)
