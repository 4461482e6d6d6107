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
from oefening.words.describe import Names, process_labels
from oefening.words.formats import duration, moment, number
from oefening.words.plain import plain, text_in
from oefening.words.story import told as story_told

if TYPE_CHECKING:
    from collections.abc import Callable

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
    names = process_labels(scenario, lang)   # the organisation's name too where two share a process name
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
    story = _Story(session, names)
    for k, turn in enumerate(turns):
        for entry in record.turn_entries(k):
            told = entries.tell(entry, names)
            said, detail = entries.report_line(told, start, lang), told.text
            if entry.kind == "event" and entry.id in names.injects:
                said += story.fate(entry.id)
                detail = _then(start, entry.t, detail, lang)   # the message as written for the moment it fired
            turn.items.append(Item(entry.t, CATEGORY.get(entry.kind, "info"), said, detail))
    for item_t, item in story.shown():   # what the players were shown later, or in other words
        k = next((j for j, turn in enumerate(turns) if turn.t <= item_t + 1e-9 < turn.end + 1e-9), len(turns) - 1)
        if turns:
            items = turns[k].items
            items.insert(next((i for i, it in enumerate(items) if it.t > item_t + 1e-9), len(items)), item)
    for note in session.notes:
        if note["turn"] < len(turns):
            who = f" ({note['author']})" if note.get("author") else ""
            turns[note["turn"]].items.append(Item(note["t"], "note", words["note"] + who, note["text"]))
    for line in session.course.undos:  # the team went back to meeting ``back`` and decided again
        back = line.turn - 1
        if back < len(turns):
            turns[back].items.insert(0, Item(turns[back].t, "undo", tr("report.undo", lang, turn=line.turn)))
    return [turn for turn in turns if turn.items]


def _then(start: datetime, t: float, text: str, lang: str) -> str:
    """A storyline message told as what it said at ``t``: "za 15 nov 00:00 — …" (it was written
    for that moment: its "at midnight" or "within 24 hours" speaks of then, not of the report)."""
    return f"{moment(start, t, lang, year=False)} — {text}" if text else ""


def fates(session: Session, names: Names) -> Callable[[str], str]:
    """What became of each storyline message on its way to the players, as the report says it
    after the message's line (" (dropped by the facilitator: …)", or "" when they read it): for
    the end screen's timeline, which tells the same course."""
    return _Story(session, names).fate


class _Story:
    """What became of each storyline message on its way to the players (the facilitator's stage
    directions, :mod:`oefening.journal.staging`): released late, in other words or although it no
    longer held; dropped; or never released. Only for a journal the facilitator directed: without
    a single direction (``oefening run``, an older journal) nobody stood between story and team."""

    def __init__(self, session: Session, names: Names) -> None:
        self.session, self.names, self.lang = session, names, names.lang
        self.lines = [line for segment in session.course.segments for line in segment
                      if line.type in ("release", "hold", "edit", "drop")]
        self.staged = session.staging.injects

    def fate(self, event: str) -> str:
        """What the event's line adds: the players never saw it (dropped, or never released)."""
        staged = self.staged.get(event)
        if not self.lines or staged is None or staged.state == "released":
            return ""
        if staged.state == "dropped":
            key = "dropped"
        else:   # due or held at the horizon: no meeting is left to show it at
            key = "never_shown" if self.session.exercise.finished else "not_yet_shown"
        return f" ({tr('report.' + key, self.lang)})"

    def shown(self) -> list[tuple[float, Item]]:
        """A line, at its release, for each message the players read later than the meeting after
        it fired, in other words than it fired with, or although it no longer held."""
        session, names, lang = self.session, self.names, self.lang
        start, turn = session.scenario.start, session.scenario.turn
        out = []
        for line in self.lines:
            event = str(line.data.get("event"))
            staged, inject = self.staged.get(event), names.injects.get(event)
            if line.type != "release" or staged is None or inject is None:
                continue
            fired = next((e for e in session.exercise.world.record.entries
                          if e.kind == "event" and e.id == event), None)
            if fired is None:
                continue
            then = story_told(inject, fired.detail, names)
            if staged.title is not None:   # the facilitator's words
                title, text, how = plain(staged.title), plain(staged.text or ""), "reworded"
            else:
                now = story_told(inject, line.data if "variant" in line.data else fired.detail, names)
                title, text, how = now.title, now.text, "retold"
            late = line.t - fired.t > turn + 1e-9
            stands = line.data.get("stands", True) is not False
            same = (title, text) == (then.title, then.text)
            if same and not late and stands:
                continue
            words = [tr("report.shown", lang, title=title)]
            if late:
                words.append(tr("report.shown_late", lang, ago=duration(line.t - fired.t, lang),
                                time=moment(start, fired.t, lang, year=False)))
            if not same:
                words.append(tr(f"report.shown_{how}", lang))
            if not stands:
                words.append(tr("report.shown_untrue", lang))
            detail = "" if same else _then(start, line.t, text, lang)
            said = words[0] + (f" ({'; '.join(words[1:])})" if words[1:] else "")
            out.append((line.t, Item(line.t, "inject", said, detail)))
        return out


def _heading(words: _Words, turn: Turn, start: datetime, lang: str) -> str:
    until = f" – {moment(start, turn.end, lang, year=False)}" if turn.end > turn.t else ""
    return f"{words['turn']} {turn.number} · {moment(start, turn.t, lang)}{until}"


def _md(text: str) -> str:
    escaped = "".join("\\" + c if c in "\\`*_[]<>|#" else c for c in text)
    return " ".join(escaped.split("\n"))


def _cell(text: str) -> str:
    return _md(text).replace("\r", " ")
