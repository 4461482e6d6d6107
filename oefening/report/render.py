"""The after-action report as one self-contained HTML file (inline CSS and SVG charts, no
scripts, nothing fetched, an A4 print stylesheet) or as Markdown (the same sections, without
charts). Every text from the scenario, the journal or a person is escaped here.
"""

from __future__ import annotations

import html as htmlmod
import re
from datetime import datetime

from oefening.report.aar import AfterAction, Table, w
from oefening.report.document import Report, _heading, _md, _Words
from oefening.words import tr
from oefening.words.formats import moment

e = htmlmod.escape


def _svg(svg: str) -> str:
    """matplotlib's SVG, inline: without its RDF metadata, scaled to the column."""
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    return re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"', r'<svg \1width="100%"', svg, count=1)


def _table(table: Table, css: str = "") -> str:
    head = "".join(f"<th>{e(h)}</th>" for h in table.head)
    rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in table.rows)
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def html(aar: AfterAction, start: datetime) -> str:
    """The whole report as one HTML document."""
    lang, log = aar.lang, aar.log
    facts = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in log.facts)
    card = "".join(
        f'<tr class="{f.tone}"><th>{e(f.label)}</th><td><strong>{e(f.value)}</strong>'
        + "".join(f"<div>{e(d)}</div>" for d in f.details) + "</td></tr>" for f in aar.card)
    parts = [f"<h1>{e(aar.title)}</h1><p class=\"sub\">{e(w('title', lang))}</p>",
             f'<table class="facts">{facts}</table>']
    parts += [f"<h2>{e(tr('report.scorecard', lang))}</h2><table class=\"card\">{card}</table>"]
    parts += [f"<p class=\"note\">{e(n)}</p>" for n in aar.notes]
    if aar.teams is not None:
        parts.append(f"<h2>{e(tr('teams.scores_title', lang))}</h2>" + _table(aar.teams.scores, "teams"))
        parts.append(f"<h3>{e(tr('teams.turns_title', lang))}</h3><p>{e(tr('teams.turns_intro', lang))}</p>"
                     + _table(aar.teams.turns, "team-turns"))
        if aar.teams.allocation.rows:   # a scenario without shared facilities has no places to tell of
            parts.append(f"<h3>{e(tr('teams.allocation_title', lang))}</h3>" + _table(aar.teams.allocation))

    parts.append(f"<h2>{e(w('participants', lang))}</h2>")
    if aar.participants:
        people = Table([w("name", lang), w("role", lang), w("organisation", lang)],
                       [[p.name, p.role, p.organisation] for p in aar.participants])
        parts.append(_table(people))
    else:
        parts.append(f"<p>{e(w('no_participants', lang))}</p>")

    parts.append(f"<h2>{e(w('goals', lang))}</h2>")
    nothing = w("nothing_said", lang)
    for goal in aar.goals:
        evidence = "".join(f"<li>{e(x)}</li>" for x in goal.evidence) or f"<li>{e(w('no_evidence', lang))}</li>"
        actions = ""
        if goal.actions:
            actions = _table(Table([w(k, lang) for k in ("action", "owner", "organisation", "due")], goal.actions))
        parts.append(
            f'<section class="goal rating-{goal.rating or "none"}"><h3>{goal.number}. {e(goal.text)}</h3>'
            f'<p class="rating"><span>{e(w("rating", lang))}:</span> <strong>{e(goal.rating_text)}</strong></p>'
            f'<div class="two"><div><h4>{e(w("strengths", lang))}</h4><p>{e(goal.strengths or nothing)}</p></div>'
            f'<div><h4>{e(w("improvements", lang))}</h4><p>{e(goal.improvements or nothing)}</p></div></div>'
            f'<h4>{e(w("evidence", lang))}</h4><ul class="evidence">{evidence}</ul>{actions}</section>')

    parts.append(f"<h2>{e(w('plan', lang))}</h2>")
    parts.append(_table(aar.plan, "plan") if aar.plan.rows else f"<p>{e(w('no_plan', lang))}</p>")

    if aar.decisions.rows:
        parts.append(f"<h2>{e(w('mattered', lang))}</h2><p>{e(w('mattered_intro', lang))}</p>")
        parts.append(_table(aar.mattered, "decisions") if aar.mattered.rows
                     else f"<p>{e(w('no_mattered', lang))}</p>")
    if aar.compare.rows:
        parts.append(f"<h2>{e(w('compare', lang))}</h2><p>{e(w('compare_intro', lang, seed=aar.seed))}</p>")
        parts.append(_table(aar.compare, "compare"))
    if aar.luck:
        parts.append(f"<h2>{e(w('luck', lang))}</h2>" + "".join(f"<p>{e(x)}</p>" for x in aar.luck))
        if aar.luck_chart is not None:
            parts.append(_figure(aar.luck_chart.svg, aar.luck_chart.caption))
    if aar.charts:
        parts.append(f"<h2>{e(w('charts', lang))}</h2>")
        parts += [_figure(chart.svg, chart.caption) for chart in aar.charts]
    if aar.facility_chart is not None:
        parts.append(f"<h2>{e(w('facilities', lang))}</h2>" + _figure(aar.facility_chart.svg,
                                                                      aar.facility_chart.caption))
    if aar.decisions.rows:
        parts.append(f"<h2>{e(w('all_decisions', lang))}</h2>" + _table(aar.decisions, "decisions"))
    parts.append(_log_html(log, start))
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(w('title', lang))}: {e(aar.title)}</title>
<style>{CSS}</style></head><body><main>
{''.join(parts)}
</main></body></html>
"""


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{_svg(svg)}<figcaption>{e(caption)}</figcaption></figure>"


def _log_html(log: Report, start: datetime) -> str:
    lang = log.lang
    head = "".join(f"<th>{e(h)}</th>" for h in log.head)
    rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in log.rows)
    scores = "".join(f'<div class="score"><span>{e(k)}</span><strong>{e(v)}</strong></div>' for k, v in log.scores)
    out = [f"<h2>{e(tr('report.scores', lang))}</h2><div class=\"scores\">{scores}</div>",
           f"<h2>{e(tr('report.processes', lang))}</h2><table class=\"processes\"><thead><tr>{head}</tr></thead>"
           f"<tbody>{rows}</tbody></table>"]
    if log.briefing:
        out.append(f"<h2>{e(tr('report.briefing', lang))}</h2><p>{e(log.briefing)}</p>")
    out.append(f"<h2>{e(tr('report.course', lang))}</h2>")
    for turn in log.turns:
        items = "".join(
            f'<li class="{item.kind}"><time>{moment(start, item.t, lang, year=False)}</time> {e(item.text)}'
            + (f'<div class="detail">{e(item.detail)}</div>' if item.detail else "") + "</li>"
            for item in turn.items)
        out.append(f"<section class=\"turn\"><h3>{e(_heading(_Words(lang), turn, start, lang))}</h3>"
                   f"<ul>{items}</ul></section>")
    if log.notices:
        out.append(f"<h2>{e(tr('report.notices', lang))}</h2><ul>"
                   + "".join(f"<li>{e(n)}</li>" for n in log.notices) + "</ul>")
    return "".join(out)


def _md_table(table: Table) -> list[str]:
    return (["| " + " | ".join(_md(h) for h in table.head) + " |", "|" + " --- |" * len(table.head)]
            + ["| " + " | ".join(_md(c) for c in row) + " |" for row in table.rows])


def markdown(aar: AfterAction, start: datetime) -> str:
    """The report as Markdown: the same sections as the HTML, without the charts."""
    lang, log = aar.lang, aar.log
    out = [f"# {_md(aar.title)}", "", f"*{_md(w('title', lang))}*", "",
           f"| {_md(tr('report.about', lang))} | |", "| --- | --- |"]
    out += [f"| {_md(k)} | {_md(v)} |" for k, v in log.facts]
    out += ["", f"## {tr('report.scorecard', lang)}", ""]
    for f in aar.card:
        out += [f"- **{_md(f.label)}: {_md(f.value)}**"] + [f"  - {_md(d)}" for d in f.details]
    out += [""] + [f"*{_md(n)}*" for n in aar.notes]
    if aar.teams is not None:
        out += ["", f"## {tr('teams.scores_title', lang)}", "", *_md_table(aar.teams.scores),
                "", f"### {tr('teams.turns_title', lang)}", "", _md(tr("teams.turns_intro", lang)), "",
                *_md_table(aar.teams.turns)]
        if aar.teams.allocation.rows:
            out += ["", f"### {tr('teams.allocation_title', lang)}", "", *_md_table(aar.teams.allocation)]
    out += ["", f"## {w('participants', lang)}", ""]
    if aar.participants:
        out += _md_table(Table([w("name", lang), w("role", lang), w("organisation", lang)],
                               [[p.name, p.role, p.organisation] for p in aar.participants]))
    else:
        out.append(w("no_participants", lang))
    out += ["", f"## {w('goals', lang)}"]
    nothing = w("nothing_said", lang)
    for goal in aar.goals:
        out += ["", f"### {goal.number}. {_md(goal.text)}", "",
                f"- **{w('rating', lang)}**: {_md(goal.rating_text)}",
                f"- **{w('strengths', lang)}**: {_md(goal.strengths or nothing)}",
                f"- **{w('improvements', lang)}**: {_md(goal.improvements or nothing)}",
                f"- **{w('evidence', lang)}**:"]
        out += [f"  - {_md(x)}" for x in goal.evidence] or [f"  - {_md(w('no_evidence', lang))}"]
        if goal.actions:
            head = [w(k, lang) for k in ("action", "owner", "organisation", "due")]
            out += ["", *_md_table(Table(head, goal.actions))]
    out += ["", f"## {w('plan', lang)}", ""]
    out += _md_table(aar.plan) if aar.plan.rows else [w("no_plan", lang)]
    if aar.decisions.rows:
        out += ["", f"## {w('mattered', lang)}", "", _md(w("mattered_intro", lang)), ""]
        out += _md_table(aar.mattered) if aar.mattered.rows else [w("no_mattered", lang)]
    if aar.compare.rows:
        out += ["", f"## {w('compare', lang)}", "", _md(w("compare_intro", lang, seed=aar.seed)), ""]
        out += _md_table(aar.compare)
    if aar.luck:
        out += ["", f"## {w('luck', lang)}", ""] + [_md(x) + "\n" for x in aar.luck]
    if aar.decisions.rows:
        out += ["", f"## {w('all_decisions', lang)}", "", *_md_table(aar.decisions)]
    out += ["", f"## {tr('report.scores', lang)}", ""] + [f"- **{_md(k)}**: {_md(v)}" for k, v in log.scores]
    out += ["", f"## {tr('report.processes', lang)}", "", "| " + " | ".join(_md(h) for h in log.head) + " |",
            "| --- | --- |" + " ---: |" * (len(log.head) - 3) + " --- |"]
    out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in log.rows]
    if log.briefing:
        out += ["", f"## {tr('report.briefing', lang)}", "", _md(log.briefing)]
    out += ["", f"## {tr('report.course', lang)}"]
    for turn in log.turns:
        out += ["", f"### {_heading(_Words(lang), turn, start, lang)}", ""]
        for item in turn.items:
            out.append(f"- `{moment(start, item.t, lang, year=False)}` {_md(item.text)}")
            out += [f"  > {_md(part)}" for part in item.detail.splitlines() if part.strip()]
    if log.notices:
        out += ["", f"## {tr('report.notices', lang)}", ""] + [f"- {_md(n)}" for n in log.notices]
    return "\n".join(out) + "\n"


CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2330;background:#f6f7f9;margin:0}
main{max-width:960px;margin:0 auto;padding:24px;background:#fff}
h1{margin:0 0 4px}.sub{color:#5b6472;margin:0 0 16px}
h2{border-bottom:2px solid #dfe3ea;padding-bottom:4px;margin-top:28px}
h3{margin:18px 0 6px}h4{margin:10px 0 2px;font-size:14px;color:#3d4555}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e6e9ef;vertical-align:top}
thead th{background:#f0f2f6;font-size:13px}
.processes td:nth-child(n+3){text-align:right;font-variant-numeric:tabular-nums}.facts th{width:25%;color:#5b6472}
.card th{width:32%}.card tr.bad th,.card tr.bad strong{color:#c62828}.card tr.good th{color:#2e7d32}
.card tr.warn th{color:#a86400}.card div{color:#3d4555;font-size:14px}
.teams td:nth-child(n+3){text-align:right;font-variant-numeric:tabular-nums}
.team-turns td{font-size:13px}.team-turns td:first-child{white-space:nowrap}
.compare td:nth-child(n+2){text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.plan td:last-child,.decisions td:nth-child(3){white-space:nowrap}
.decisions td:nth-child(-n+2){text-align:right}
.scores{display:flex;gap:16px;flex-wrap:wrap}.score{border:1px solid #dfe3ea;border-radius:6px;padding:8px 16px}
.score span{display:block;color:#5b6472;font-size:13px}.score strong{font-size:22px}
.goal{border-left:6px solid #c9ced8;padding:2px 0 6px 14px;margin:14px 0}
.rating-P{border-color:#2e7d32}.rating-S{border-color:#d9b300}.rating-M{border-color:#d98a00}.rating-U{border-color:#c62828}
.two{display:grid;grid-template-columns:1fr 1fr;gap:16px}.rating span{color:#5b6472}
.note{background:#fff4e0;border-left:4px solid #d98a00;padding:6px 10px}
.turn ul,.goal ul{list-style:none;padding-left:0}
.turn li{padding:3px 0 3px 10px;border-left:4px solid #c9ced8;margin:3px 0}
time{font-variant-numeric:tabular-nums;color:#5b6472;margin-right:6px}
.detail{color:#3d4555;margin:2px 0 0 0;font-size:14px}
li.decision{border-color:#2f6fdf}li.refused{border-color:#d98a00}li.event{border-color:#7a4fd1}
li.inject{border-color:#0f8b8d}li.breach{border-color:#c62828;font-weight:600}li.note{border-color:#6b8e23}
li.undo{border-color:#888;font-style:italic}figure{margin:12px 0}figcaption{color:#5b6472;font-size:13px}
figure svg{max-width:100%;height:auto}
@page{size:A4;margin:16mm 14mm}
@media print{
 body{background:#fff;font-size:10.5pt}main{max-width:none;padding:0}
 h2{break-after:avoid}h3,h4{break-after:avoid}
 figure,tr,.goal,.card,.score{break-inside:avoid}
 thead{display:table-header-group}
 a{color:inherit;text-decoration:none}
}
"""
