"""The log part of the after-action report: facts, scores, processes and the course per turn.

:func:`build` reads a :class:`~oefening.journal.session.Session` rebuilt from its journal (the record
is the source of truth; nothing is recomputed) into plain data: the scores, a table per
process, and per turn (numbered as on screen, from 1) what the team decided (refused
decisions too), what the storyline and the facilitator brought (inject titles), observers'
notes and undos. :mod:`oefening.report.aar` builds the whole report around it. A journal that
stops before the horizon gives the numbers so far.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from oefening.report.scorecard import Figure, figures
from oefening.words import TEXTS, entries, tr
from oefening.words.describe import Names
from oefening.words.formats import moment, number
from oefening.words.plain import text_in

if TYPE_CHECKING:
    from oefening.journal.session import Session

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


def build(session: Session, lang: str | None = None) -> Report:
    """The report's content, in ``lang`` (default: the journal's language)."""
    lang = lang or session.lang
    scenario, exercise = session.scenario, session.exercise
    words = _Words(lang)
    numbers = session.outcome(so_far=not exercise.finished)
    start = scenario.start
    plan = {None: words["nobody"], "team": words["team"]}.get(session.plan, session.plan or "")
    status = words["finished"]
    if not exercise.finished:
        status = tr("report.stopped", lang, turn=exercise.turn + 1, turns=exercise.turns)
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
        rows=rows, turns=_turns(session, lang), trend=session.trend, notices=session.notices,
        briefing=text_in(scenario.briefing, lang), goals=[text_in(g, lang) for g in scenario.learning_goals],
        card=figures(numbers.as_json(), scenario, lang, so_far=not exercise.finished),
    )


def _turns(session: Session, lang: str) -> list[Turn]:
    """Per turn boundary: what happened from that meeting to the next, then notes and undos.
    Turns are numbered as on screen: the first meeting is turn 1."""
    start = session.scenario.start
    words = _Words(lang)
    record = session.exercise.world.record
    times = [mark.t for mark in record.turns] + [session.exercise.now]
    turns = [Turn(mark.turn + 1, mark.t, times[k + 1]) for k, mark in enumerate(record.turns)]
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


def _heading(words: _Words, turn: Turn, start: datetime, lang: str) -> str:
    until = f" – {moment(start, turn.end, lang, year=False)}" if turn.end > turn.t else ""
    return f"{words['turn']} {turn.number} · {moment(start, turn.t, lang)}{until}"


def _md(text: str) -> str:
    escaped = "".join("\\" + c if c in "\\`*_[]<>|#" else c for c in text)
    return " ".join(escaped.split("\n"))


def _cell(text: str) -> str:
    return _md(text).replace("\r", " ")
