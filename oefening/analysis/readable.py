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
from oefening.words import tr
from oefening.words.formats import number
from oefening.words.plain import one_line, text_in


def _shares(entry: dict[str, Any]) -> str:
    return ", ".join(f"{s} {share:.0%}" for s, share in
                     sorted(entry["shares"].items(), key=lambda kv: (-kv[1], kv[0]))) or "-"


def concentration_rows(analysis: dict[str, Any], lang: str) -> list[tuple[str, str, str]]:
    conc = analysis["concentration"]
    rows = [(tr("government", lang), number(conc["government"]["hhi"], lang), _shares(conc["government"]))]
    rows += [(org, number(entry["hhi"], lang), _shares(entry)) for org, entry in conc["organisations"].items()]
    return rows


def finding_lines(analysis: dict[str, Any], lang: str) -> dict[str, list[str]]:
    """Per finding (spof, slow, common, facilities) its lines; an empty finding says so."""
    spof = [f"{s['supplier']}: {', '.join(s['processes'])}" for s in analysis["single_points_of_failure"]]
    slow = [tr("slow.line", lang, fallback=s["fallback"], lead=format_duration(s["lead_time_hours"]),
                mtpd=format_duration(s["mtpd_hours"])) for s in analysis["lead_time_over_mtpd"]]
    common = [tr("common.line", lang, **c) for c in analysis["common_mode"]]
    facilities = []
    for ident, f in analysis["facilities"].items():
        line = tr("facilities.line", lang, facility=ident, slots=f["slots"], claimants=f["claimants"])
        if f["claimants"] > f["slots"]:
            line += tr("facilities.over", lang)
        facilities.append(line)
    return {
        "spof": spof or [tr("spof.none", lang)],
        "slow": slow or [tr("none", lang)],
        "common": common or [tr("none", lang)],
        "facilities": facilities or [tr("none", lang)],
    }


def analysis_lines(scenario: Scenario, dmap: DependencyMap, analysis: dict[str, Any], lang: str) -> list[str]:
    """The whole analysis as lines of text: the map, then each finding."""
    out = [f"{tr('analyse.title', lang)}: {one_line(text_in(scenario.title, lang))} ({scenario.id})", ""]
    out += map_lines(scenario, dmap, lang)
    out += ["", tr("concentration", lang), ""]
    rows = concentration_rows(analysis, lang)
    width = max(len(r[0]) for r in rows)
    out += [f"{name:<{width}}  {hhi:>6}  {shares}" for name, hhi, shares in rows]
    findings = finding_lines(analysis, lang)
    for key in ("spof", "slow", "common", "facilities"):
        out += ["", tr(key, lang), *(f"  {line}" for line in findings[key])]
    return out


def analysis_page(scenario: Scenario, dmap: DependencyMap, analysis: dict[str, Any], lang: str) -> str:
    """The analysis as a self-contained HTML page, with the map as an SVG."""
    findings = finding_lines(analysis, lang)
    sections = [
        (tr("map.title", lang), page.figure(map_svg(scenario, dmap, lang, analysis))),
        (tr("concentration", lang), page.table(("", "HHI", ""), concentration_rows(analysis, lang), (1,))),
    ]
    for key in ("spof", "slow", "common", "facilities"):
        items = "".join(f"<li>{page.escape(line)}</li>" for line in findings[key])
        sections.append((tr(key, lang), f"<ul>{items}</ul>"))
    sections.append((tr("map.title", lang) + " (text)",
                     "<pre>" + page.escape("\n".join(map_lines(scenario, dmap, lang))) + "</pre>"))
    title = f"{tr('analyse.title', lang)}: {one_line(text_in(scenario.title, lang))}"
    return page.document(title, sections, lang)


# -- stress ------------------------------------------------------------------------------


def stress_rows(result: dict[str, Any], lang: str) -> list[list[str]]:
    rows = []
    for r in result["results"]:
        rows.append([
            r["supplier"], format_duration(r["outage_hours"]), r["plan"],
            f"{r['within_mtpd']['held']}/{r['within_mtpd']['of']}",
            f"{r['vital_within_mtpd']['held']}/{r['vital_within_mtpd']['of']}",
            number(r["continuity"], lang, 1), number(r["cost"], lang),
            ", ".join(r["breached"]) or "-",
        ])
    return rows


def _stress_head(lang: str) -> list[str]:
    return [tr("stress.supplier", lang), tr("stress.outage", lang), tr("stress.plan", lang),
            tr("stress.within", lang), tr("stress.vital", lang), tr("stress.continuity", lang),
            tr("stress.cost", lang), tr("stress.breached", lang)]


def _columns(head: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=True)]
    def line(cells: list[str]) -> str:
        return "  ".join(f"{c:>{w}}" if i in right else f"{c:<{w}}"
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()
    return [line(head), *(line(r) for r in rows)]


def stress_lines(scenario: Scenario, result: dict[str, Any], lang: str) -> list[str]:
    out = [f"{tr('stress.title', lang)}: {one_line(text_in(scenario.title, lang))} ({scenario.id})",
           tr("stress.note", lang, seed=result["seed"], horizon=format_duration(result["horizon_hours"])), ""]
    return out + _columns(_stress_head(lang), stress_rows(result, lang), {3, 4, 5, 6})


def stress_page(scenario: Scenario, result: dict[str, Any], lang: str) -> str:
    title = f"{tr('stress.title', lang)}: {one_line(text_in(scenario.title, lang))}"
    body = (page.paragraph(tr("stress.note", lang, seed=result["seed"],
                               horizon=format_duration(result["horizon_hours"])), "note")
            + page.table(_stress_head(lang), stress_rows(result, lang), (3, 4, 5, 6)))
    return page.document(title, [(tr("stress.title", lang), body)], lang)


# -- sweep -------------------------------------------------------------------------------


def _value(value: float, path: str) -> str:
    if path.endswith(".lead_time"):
        return format_duration(value)
    return f"{value:g}"


def _interval(d: dict[str, Any], lang: str, decimals: int) -> str:
    sign = "+" if d["mean"] >= 0 else ""
    text = sign + number(d["mean"], lang, decimals)
    if d["low"] is None:
        return text
    return f"{text} [{number(d['low'], lang, decimals)}, {number(d['high'], lang, decimals)}]"


def sweep_tables(scenario: Scenario, result: dict[str, Any],
                 lang: str) -> list[tuple[str, list[str], list[list[str]], set[int]]]:
    """The sweep as tables: (title, head, rows, right-aligned columns)."""
    path = result["vary"]
    spread = []
    previous = []
    breach = []
    vital = [ref for ref, p in scenario.processes() if p.criticality == "vital"]
    for entry in result["values"]:
        value = _value(entry["value"], path)
        for plan, p in entry["plans"].items():
            c, k = p["continuity"], p["cost"]
            spread.append([value, plan, *(number(c[s], lang, 1) for s in ("mean", "p5", "p50", "p95")),
                           *(number(k[s], lang) for s in ("mean", "p5", "p95"))])
            diff = p.get("difference_previous")
            if diff is not None:
                previous.append([value, plan, _interval(diff["continuity"], lang, 2), _interval(diff["cost"], lang, 0)])
            breach.append([value, plan, *(f"{p['mtpd_breach_probability'][ref]:.1%}" for ref in vital)])
    c, k = tr("stress.continuity", lang), tr("stress.cost", lang)
    head = [tr("sweep.value", lang), tr("stress.plan", lang), f"{c} mean", "p5", "p50", "p95",
            f"{k} mean", "p5", "p95"]
    tables = [(tr("sweep.title", lang, path=path, n=result["replications"], seed=result["seed"]),
               head, spread, set(range(2, 9)))]
    if previous:
        tables.append((tr("sweep.previous", lang), [tr("sweep.value", lang), tr("stress.plan", lang), c, k],
                       previous, {2, 3}))
    if vital:
        tables.append((tr("sweep.breach", lang), [tr("sweep.value", lang), tr("stress.plan", lang), *vital],
                       breach, set(range(2, 2 + len(vital)))))
    return tables


def sweep_lines(scenario: Scenario, result: dict[str, Any], lang: str) -> list[str]:
    out: list[str] = []
    for title, head, rows, right in sweep_tables(scenario, result, lang):
        out += ([""] if out else []) + [title, ""] + _columns(head, rows, right)
    return out


def sweep_page(scenario: Scenario, result: dict[str, Any], lang: str) -> str:
    from oefening.analysis.chart import sweep_chart

    svg = sweep_chart(result, lang, "svg").decode("utf-8")
    svg = svg[svg.index("<svg"):]  # inline: without the XML declaration and doctype
    sections = [(tr("sweep.chart", lang), page.figure(svg))]
    sections += [(title, page.table(head, rows, sorted(right)))
                 for title, head, rows, right in sweep_tables(scenario, result, lang)]
    title = f"{tr('sweep.title', lang, path=result['vary'], n=result['replications'], seed=result['seed'])}"
    return page.document(f"{title}: {one_line(text_in(scenario.title, lang))}", sections, lang)


# -- sensitivity -------------------------------------------------------------------------


def sensitivity_lines(result: dict[str, Any], lang: str, top: int = 8) -> list[str]:
    """Per plan, the draws that move continuity and each vital process's breach most."""
    out = [tr("sens.title", lang)]
    if not result["draws"]:
        return [*out, tr("sens.none", lang)]
    if result["noise"] is not None:
        out.append(tr("sens.noise", lang, level=result["noise"], n=round((1.96 / result["noise"]) ** 2 + 1)))
    for plan, p in result["plans"].items():
        targets = [(tr("sens.continuity", lang), p["continuity"])]
        targets += [(tr("sens.breach", lang, process=ref), ranking) for ref, ranking in p["mtpd_breach"].items()
                    if ranking]
        for label, ranking in targets:
            out += ["", f"{plan} · {label}"]
            width = max((len(d["draw"]) for d in ranking[:top]), default=0)
            out += [f"  {d['draw']:<{width}}  ρ {d['rho']:+.2f}" for d in ranking[:top]]
    return out
