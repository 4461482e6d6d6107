"""The after-action report of a journalled exercise, as self-contained HTML or plain Markdown.

:func:`build` reads a :class:`~oefening.journal.session.Session` rebuilt from its journal (the record
is the source of truth; nothing is recomputed) into plain data: the scores, a table per
process, and per turn what the team decided (refused decisions too), what the storyline and
the facilitator brought (inject titles in the journal's language), observers' notes and
undos. :func:`html` and :func:`markdown` render that data; :func:`write_report` picks one by
the file's extension. A journal that stops before the horizon gives the numbers so far.
"""

from __future__ import annotations

import html as htmlmod
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from oefening.errors import OefeningError, Problem
from oefening.report.scorecard import Figure, figures
from oefening.words import TEXTS, entries, tr
from oefening.words.describe import Names
from oefening.words.formats import moment, number
from oefening.words.plain import plain, text_in

if TYPE_CHECKING:
    from oefening.journal.session import Session

FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}
# the kind of a line of the course (its colour in the HTML), by the record entry's kind
CATEGORY = {"event": "event", "inject": "inject", "refused": "refused", "action": "decision",
            "activate": "decision", "deactivate": "decision", "mtpd_breach": "breach"}


class _Words:
    """The report's words in one language: ``w["scores"]`` is ``tr("report.scores", lang)``,
    or the result's word (``result.…``, shared with ``oefening run``) where they agree."""

    __slots__ = ("lang",)

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __getitem__(self, key: str) -> str:
        return tr(f"report.{key}" if f"report.{key}" in TEXTS else f"result.{key}", self.lang)


@dataclass(slots=True)
class Item:
    """One line of a turn: when, what kind (decision, refused, event, inject, info, breach, note)."""

    t: float
    kind: str
    text: str
    detail: str = ""


@dataclass(slots=True)
class Turn:
    """One meeting of the team at ``t`` and what happened until the next, at ``end``."""

    number: int
    t: float
    end: float
    items: list[Item] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    lang: str
    title: str
    facts: list[tuple[str, str]]
    scores: list[tuple[str, str]]
    head: list[str]
    rows: list[list[str]]
    turns: list[Turn]
    trend: list[tuple[float, float, float]]
    notices: list[str]
    briefing: str
    goals: list[str]
    card: list[Figure] = field(default_factory=list)


def format_of(path: str | Path) -> str:
    """html or markdown, by the extension; OefeningError for any other."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise OefeningError([Problem(
            f"unknown report format {suffix or '(no extension)'!r}; use .html or .md", str(path))])
    return FORMATS[suffix]


def build(session: Session) -> Report:
    """The report's content, in the journal's language."""
    lang, scenario, exercise = session.lang, session.scenario, session.exercise
    words = _Words(lang)
    numbers = session.outcome(so_far=not exercise.finished)
    start = scenario.start
    plan = {None: words["nobody"], "team": words["team"]}.get(session.plan, session.plan or "")
    status = words["finished"]
    if not exercise.finished:
        status = tr("report.stopped", lang, turn=exercise.turn, turns=exercise.turns)
    facts = [
        (words["scenario"], f"{text_in(scenario.title, lang)} ({scenario.id})"),
        (words["seed"], str(session.seed)),
        (words["plan"], str(plan)),
        (words["start"], moment(start, 0.0, lang)),
        (words["turns"], status),
        (words["journal"], f"{session.journal_path.name} ({session.header.created})"),
    ]
    if session.course.undos:
        facts.append((words["undos"], str(len(session.course.undos))))
    suffix = "" if exercise.finished else f" ({words['so_far']})"
    scores = [
        (words["continuity"] + suffix, f"{number(numbers.continuity, lang, 1)} / 100"),
        (words["cost"] + suffix, "€ " + number(numbers.cost, lang)),
        (words["breaches"] + suffix, str(numbers.mtpd_breaches)),
    ]
    names = {ref: text_in(proc.name, lang) for ref, proc in scenario.processes()}
    rows = []
    for ref, p in numbers.processes.items():
        breach = moment(start, p.mtpd_breach_at, lang) if p.mtpd_breach_at is not None else "—"
        rows.append([f"{names[ref]} ({ref})", tr(f"crit.{p.criticality}", lang), number(p.demand, lang),
                     number(p.late, lang), number(p.peak_backlog, lang),
                     number(p.disrupted_hours, lang, 1), breach])
    return Report(
        lang=lang, title=text_in(scenario.title, lang), facts=facts, scores=scores,
        head=[words[k] for k in ("process", "criticality", "demand", "late", "peak", "disrupted", "breach_at")],
        rows=rows, turns=_turns(session), trend=session.trend, notices=session.notices,
        briefing=text_in(scenario.briefing, lang), goals=[text_in(g, lang) for g in scenario.learning_goals],
        card=figures(numbers.as_json(), scenario, lang, so_far=not exercise.finished),
    )


def _turns(session: Session) -> list[Turn]:
    """Per turn boundary: what happened from that meeting to the next, then notes and undos."""
    lang, start = session.lang, session.scenario.start
    words = _Words(lang)
    record = session.exercise.world.record
    times = [mark.t for mark in record.turns] + [session.exercise.now]
    turns = [Turn(mark.turn, mark.t, times[k + 1]) for k, mark in enumerate(record.turns)]
    names = Names(session.scenario, lang)
    for k, turn in enumerate(turns):
        told = [entries.tell(entry, names) for entry in record.turn_entries(k)]
        turn.items = [Item(t.t, CATEGORY.get(t.kind, "info"), entries.report_line(t, start, lang), t.text)
                      for t in told]
    for note in session.notes:
        if note["turn"] < len(turns):
            who = f" ({note['author']})" if note.get("author") else ""
            turns[note["turn"]].items.append(Item(note["t"], "note", words["note"] + who, note["text"]))
    for line in session.course.undos:  # the team went back to meeting ``back`` and decided again
        back = line.turn - 1
        if back < len(turns):
            turns[back].items.insert(0, Item(turns[back].t, "undo", tr("report.undo", lang, turn=line.turn)))
    return [turn for turn in turns if turn.items]


# -- charts ----------------------------------------------------------------------------


def sparkline(values: list[float]) -> str:
    """Values as block characters, for Markdown."""
    top = max(values) or 1.0
    return "".join("▁▂▃▄▅▆▇█"[min(7, int(8 * v / top))] for v in values)


def svg_chart(points: list[tuple[float, float]], width: int = 640, height: int = 120) -> str:
    """An inline SVG line chart of (t, value), scaled to fit; the maximum is labelled."""
    t_end = points[-1][0] or 1.0
    top = max(v for _, v in points) or 1.0
    coords = " ".join(f"{4 + (width - 8) * t / t_end:.1f},{height - 4 - (height - 20) * v / top:.1f}"
                      for t, v in points)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
            f'height="{height}" role="img"><rect width="{width}" height="{height}" fill="#f6f7f9"/>'
            f'<polyline points="{coords}" fill="none" stroke="#2f6fdf" stroke-width="2"/>'
            f'<text x="6" y="13" font-size="11" fill="#5b6472">max {top:,.0f}</text></svg>')


# -- rendering --------------------------------------------------------------------------


def markdown(report: Report, start: datetime) -> str:
    """Plain Markdown: headings, pipe tables, lists."""
    w = _Words(report.lang)
    out = [f"# {_md(report.title)}", "", f"*{w['report']}*", ""]
    out += [f"| {w['about']} | |", "| --- | --- |"]
    out += [f"| {_cell(k)} | {_cell(v)} |" for k, v in report.facts]
    out += ["", f"## {w['scorecard']}", ""]
    for f in report.card:
        out += [f"- **{_md(f.label)}: {_md(f.value)}**"] + [f"  - {_md(d)}" for d in f.details]
    out += ["", f"## {w['scores']}", ""] + [f"- **{k}**: {_md(v)}" for k, v in report.scores]
    if len(report.trend) > 1:
        out += [f"- **{w['trend_backlog']}**: `{sparkline([b for _, _, b in report.trend])}`"]
    out += ["", f"## {w['processes']}", "", "| " + " | ".join(report.head) + " |",
            "| --- | --- |" + " ---: |" * (len(report.head) - 3) + " --- |"]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in report.rows]
    if report.briefing or report.goals:
        out += ["", f"## {w['briefing']}", ""]
        out += [_md(report.briefing), ""] if report.briefing else []
        out += [f"- {_md(goal)}" for goal in report.goals]
    out += ["", f"## {w['course']}"]
    for turn in report.turns:
        out += ["", f"### {_heading(w, turn, start, report.lang)}", ""]
        for item in turn.items:
            out.append(f"- `{moment(start, item.t, report.lang, year=False)}` {_md(item.text)}")
            out += [f"  > {_md(part)}" for part in item.detail.splitlines() if part.strip()]
    if report.notices:
        out += ["", f"## {w['notices']}", ""] + [f"- {_md(n)}" for n in report.notices]
    return "\n".join(out) + "\n"


def html(report: Report, start: datetime) -> str:
    """One HTML file with inline CSS and an inline SVG chart: no network, no scripts."""
    w, e = _Words(report.lang), htmlmod.escape
    facts = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in report.facts)
    scores = "".join(f'<div class="score"><span>{e(k)}</span><strong>{e(v)}</strong></div>' for k, v in report.scores)
    card = "".join(
        f'<tr class="{f.tone}"><th>{e(f.label)}</th><td><strong>{e(f.value)}</strong>'
        + "".join(f"<div>{e(d)}</div>" for d in f.details) + "</td></tr>" for f in report.card)
    head = "".join(f"<th>{e(h)}</th>" for h in report.head)
    rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in report.rows)
    chart = ""
    if len(report.trend) > 1:
        chart = (f"<figure>{svg_chart([(t, b) for t, _, b in report.trend])}"
                 f"<figcaption>{e(w['trend_backlog'])}</figcaption></figure>")
    briefing = ""
    if report.briefing or report.goals:
        goals = "".join(f"<li>{e(g)}</li>" for g in report.goals)
        briefing = (f"<h2>{e(w['briefing'])}</h2><p>{e(report.briefing)}</p>"
                    + (f"<ul>{goals}</ul>" if goals else ""))
    turns = []
    for turn in report.turns:
        items = "".join(
            f'<li class="{item.kind}"><time>{moment(start, item.t, report.lang, year=False)}</time> {e(item.text)}'
            + (f'<div class="detail">{e(item.detail)}</div>' if item.detail else "") + "</li>"
            for item in turn.items)
        turns.append(f"<section><h3>{e(_heading(w, turn, start, report.lang))}</h3>"
                     f"<ul>{items}</ul></section>")
    notices = "".join(f"<li>{e(n)}</li>" for n in report.notices)
    return f"""<!DOCTYPE html>
<html lang="{report.lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(w['report'])}: {e(report.title)}</title>
<style>{CSS}</style></head><body><main>
<h1>{e(report.title)}</h1><p class="sub">{e(w['report'])}</p>
<table class="facts">{facts}</table>
<h2>{e(w['scorecard'])}</h2><table class="card">{card}</table>
<h2>{e(w['scores'])}</h2><div class="scores">{scores}</div>{chart}
<h2>{e(w['processes'])}</h2><table class="processes"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>
{briefing}<h2>{e(w['course'])}</h2>{''.join(turns)}
{f"<h2>{e(w['notices'])}</h2><ul>{notices}</ul>" if notices else ""}
</main></body></html>
"""


CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2330;background:#f6f7f9;margin:0}
main{max-width:960px;margin:0 auto;padding:24px;background:#fff}
h1{margin:0 0 4px}.sub{color:#5b6472;margin:0 0 16px}h2{border-bottom:2px solid #dfe3ea;padding-bottom:4px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e6e9ef}
.processes td:nth-child(n+3){text-align:right;font-variant-numeric:tabular-nums}.facts th{width:25%;color:#5b6472}
.scores{display:flex;gap:16px;flex-wrap:wrap}.score{border:1px solid #dfe3ea;border-radius:6px;padding:8px 16px}
.score span{display:block;color:#5b6472;font-size:13px}.score strong{font-size:22px}
ul{list-style:none;padding-left:0}li{padding:3px 0 3px 10px;border-left:4px solid #c9ced8;margin:3px 0}
time{font-variant-numeric:tabular-nums;color:#5b6472;margin-right:6px}
.detail{color:#3d4555;margin:2px 0 0 0;font-size:14px}
li.decision{border-color:#2f6fdf}li.refused{border-color:#d98a00}li.event{border-color:#7a4fd1}
li.inject{border-color:#0f8b8d}li.breach{border-color:#c62828;font-weight:600}li.note{border-color:#6b8e23}
li.undo{border-color:#888;font-style:italic}
.card th{width:32%}.card tr.bad th{color:#c62828}.card tr.good th{color:#2e7d32}.card div{color:#3d4555;font-size:14px}
figure{margin:16px 0}figcaption{color:#5b6472;font-size:13px}
"""




def _heading(words: _Words, turn: Turn, start: datetime, lang: str) -> str:
    until = f" – {moment(start, turn.end, lang, year=False)}" if turn.end > turn.t else ""
    return f"{words['turn']} {turn.number} · {moment(start, turn.t, lang)}{until}"


def _md(text: str) -> str:
    escaped = "".join("\\" + c if c in "\\`*_[]<>|#" else c for c in text)
    return " ".join(escaped.split("\n"))


def _cell(text: str) -> str:
    return _md(text).replace("\r", " ")


def write_report(session: Session, path: str | Path) -> None:
    """Write the report to ``path``; the extension (.html, .md) decides the format."""
    kind = format_of(path)
    report = build(session)
    start = session.scenario.start
    # escaped for its format by html()/markdown(); control characters made visible here
    text = plain(html(report, start) if kind == "html" else markdown(report, start))
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OefeningError([Problem(f"the folder {directory} does not exist", str(path))])
    if path.is_dir():
        raise OefeningError([Problem("is a folder; give a file name ending in .html or .md", str(path))])
    if path.exists() and path.resolve() == Path(session.journal_path).resolve():
        raise OefeningError([Problem("is the journal itself; the report would overwrite it", str(path))])
    if path.exists() and path.resolve() in {Path(session.header.scenario_path).resolve(),
                                            session.scenario_file.resolve()}:
        raise OefeningError([Problem("is the journal's scenario file; the report would overwrite it", str(path))])
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise OefeningError([Problem(f"cannot write here: {error.strerror}", str(path))]) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline="\n") as out:
            out.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; a report is for sharing
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
