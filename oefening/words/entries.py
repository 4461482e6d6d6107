"""A record entry told in words, once, for every front end: the feed, the end screen's
timeline, the after-action report, the undo question and the decisions panel.

:func:`tell` turns an :class:`~oefening.engine.record.Entry` into a :class:`Told`: the
scenario's names in place of ids, an inject's headline, text, source and severity, the
facility a fallback waits for. The sentences built from it (:func:`feed_line`,
:func:`report_line`, :func:`decided`, :func:`refusal`) take their words from the one table,
so a refusal reads the same in the UI and in the report. Plain strings, made safe to show
(:mod:`oefening.words.plain`): the UI adds marks and colours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from oefening.engine.record import Entry
from oefening.words import formats, story
from oefening.words.describe import Names
from oefening.words.formats import moment
from oefening.words.plain import plain
from oefening.words.table import TEXTS, tr

# what the id of an entry names, by the entry's kind
SUBJECT = {"action": "action", "action_effective": "action", "activate": "fallback",
           "facility_wait": "fallback", "fallback_ready": "fallback", "deactivate": "fallback",
           "mtpd_breach": "process", "fallback_blocked": "fallback", "suppressed": "event",
           "rework": "process", "fatigue": "fallback", "fallback_staffed": "fallback", "allocate": "fallback",
           "priority": "facility",
           "release": "team"}
DECISIONS = ("action", "activate", "deactivate")


@dataclass(frozen=True, slots=True)
class Told:
    """What one entry says, in one language."""

    t: float
    kind: str                      # the entry's kind (engine.record.KINDS)
    subject: str                   # an inject's headline, or the action, fallback or process named
    text: str = ""                 # an inject's body
    source: str = ""               # an inject's source: supplier, news, …, facilitator
    severity: str = ""             # an inject's severity: info, warning, critical
    facility: str = ""             # the facility a fallback waits for, by name
    reason: str = ""               # a refused decision's code (refusal.* in the table)
    by_facilitator: bool = False   # an event the facilitator fired
    effective_at: float | None = None  # when an action takes effect
    owner: str = ""                # the process a fallback belongs to (its ref)
    people: tuple[float, float] | None = None   # a fallback short of staff: the people it has, of those it needs
    needs_down: bool = False       # a blocked fallback: services it needs are down
    name: str = ""                 # the subject's own name, without its organisation ("": as subject)
    organisation: str = ""         # the organisation the subject names, when it names one
    amount: float | None = None    # money the entry moves (a budget release by the coordination)
    cases: float | None = None     # work entered again (rework): how many cases of work
    cause: str = ""                # why (rework): the service whose data was lost, by name, or "after_work"
    rested: bool = False           # fatigue back to step 0: a long enough closure of its office hours rested its people
    to: str = ""                   # where a loan moves people to, by name (with its organisation)
    moved: float | None = None     # the people a loan moves


def is_message(entry: Entry, names: Names) -> bool:
    """Whether an entry is news to the players: an inject (the storyline's or the
    facilitator's) or what became of a decision or a process."""
    if entry.kind == "event":
        return entry.id in names.injects
    return entry.kind == "inject" or entry.kind in SUBJECT


def tell(entry: Entry, names: Names) -> Told:
    """The entry with names instead of ids, in the language of ``names``."""
    detail, kind = entry.detail, entry.kind
    if kind == "event":
        inject = names.injects.get(entry.id)
        if inject is None:
            return Told(entry.t, kind, entry.id, by_facilitator=detail.get("by") == "facilitator")
        shown = story.told(inject, detail, names)
        title, body = shown.title, shown.text
        if "title" in detail:   # the facilitator reworded it (oefening.journal.staging)
            title, body = plain(detail["title"]), plain(detail.get("text", ""))
        return Told(entry.t, kind, title, body, shown.source, shown.severity,
                    by_facilitator=detail.get("by") == "facilitator")
    if kind == "inject":
        return Told(entry.t, kind, plain(detail.get("title", "")), plain(detail.get("text", "")),
                    str(detail.get("source", "facilitator")), str(detail.get("severity", "info")))
    if kind == "loan":   # "2.5 staff lent by Payments (Grootveen) to Payments (Westerbroek)"
        moved = detail.get("people")
        return Told(entry.t, kind, _party(entry.id, names), to=_party(str(detail.get("to", "")), names),
                    moved=float(moved) if isinstance(moved, int | float) else None)
    # a fallback (and a process of a name several organisations use) names its organisation:
    # "Fallback activated: Work from the shared site (Belastingdienst)", in feed, report and end screen
    if kind in SUBJECT:
        subject = names.owned(SUBJECT[kind], entry.id)
    else:   # a refused decision names an action or a fallback
        subject = names.owned("fallback", entry.id) if entry.id in names.fallbacks else names.named(entry.id)
    facility = str(detail.get("facility", ""))
    staff = detail.get("staff")
    name = names.of(SUBJECT[kind], entry.id) if kind in SUBJECT else names.named(entry.id)
    organisation = names.organisations.get(entry.id.split("/")[0], "") if subject != name else ""
    return Told(entry.t, kind, subject, facility=names.facilities.get(facility, facility),
                reason=str(detail.get("reason", "")), effective_at=detail.get("effective_at"),
                owner=entry.id.rsplit("/", 1)[0] if SUBJECT.get(kind) == "fallback" else "",
                people=(float(staff[0]), float(staff[1])) if isinstance(staff, list) and len(staff) == 2 else None,
                needs_down=bool(detail.get("needs")), name=name, organisation=organisation,
                amount=float(detail["amount"]) if isinstance(detail.get("amount"), int | float) else None,
                cases=float(detail["cases"]) if isinstance(detail.get("cases"), int | float) else None,
                cause=_cause(detail.get("cause"), names), rested=kind == "fatigue" and detail.get("step") == 0)


def _cause(cause: object, names: Names) -> str:
    """A rework entry's cause: "after_work", or the name of the service whose data was lost."""
    if not isinstance(cause, str) or not cause:
        return ""
    return cause if cause == "after_work" else names.services.get(cause, cause)


def _moved(told: Told, lang: str) -> str:
    """The people a loan moves: "2.5", "1" (a loan may move half a person's hours)."""
    moved = told.moved or 0.0
    return formats.number(moved, lang, 0 if abs(moved - round(moved)) < 1e-9 else 1)


def _party(ident: str, names: Names) -> str:
    """A process (with its organisation where another has its name) or a pool, by name."""
    if ident in names.processes:
        return names.owned("process", ident)
    return names.pools.get(ident, ident)


def refusal(code: str, lang: str, *, when: str = "now") -> str:
    """Why a decision could not be taken, ``now`` (the UI) or ``then`` (the report); an
    unknown code is shown as it is."""
    if f"refusal.{code}" not in TEXTS:
        return code
    return tr(f"refusal.{code}", lang, when=tr(f"refusal.{when}", lang))


def _staff_key(told: Told) -> str:
    """The word key of a fallback's entry: held back or short of staff says so, rather than
    blaming its needs (``fallback_understaffed``, ``fallback_ready_short``)."""
    if told.rested:
        return "fatigue_rested"
    if told.kind == "rework" and told.cases is not None and told.cause:
        return "rework_after" if told.cause == "after_work" else "rework_lost"
    if told.people is not None and not told.needs_down:
        if told.kind == "fallback_blocked":
            return "fallback_understaffed"
        if told.kind == "fallback_ready":
            return "fallback_ready_short"
    return told.kind


def people(told: Told, lang: str) -> dict[str, str]:
    """The people a fallback has and needs, as numbers in ``lang`` (for the staff sentences)."""
    has, needs = told.people or (0.0, 0.0)
    return {"has": formats.number(has, lang), "needs": formats.number(needs, lang)}


def rework(told: Told, lang: str) -> dict[str, str]:
    """The work a rework entry enters again, as a number in ``lang``, and the service whose data was lost."""
    return {"cases": formats.number(told.cases or 0.0, lang), "service": told.cause}


def feed_line(told: Told, lang: str) -> str:
    """The feed's sentence for what became of a decision or a process."""
    return tr(f"feed.{_staff_key(told)}", lang, title=told.subject, facility=told.facility,
              amount=formats.money(told.amount or 0.0, lang), to=told.to, moved=_moved(told, lang),
              **rework(told, lang), **people(told, lang))


def decided(told: Told, lang: str, *, verb: bool = True, short: bool = False) -> str:
    """A decision in a list of decisions: the action's title, or a fallback with Activate
    (``verb``) or Stop in front; ``short``: without its organisation (a one-line summary of
    what the team just decided, next to the rows that name it)."""
    subject = told.name or told.subject if short else told.subject
    if told.kind == "activate" and verb:
        return f"{tr('decision.activate', lang)}: {subject}"
    if told.kind == "deactivate":
        return f"{tr('decision.deactivate', lang)}: {subject}"
    return subject


def report_line(told: Told, start: datetime, lang: str) -> str:
    """The report's line for an entry (its text, for injects, is ``told.text``)."""
    def w(key: str) -> str:
        return tr(f"report.{key}", lang)

    kind = told.kind
    if kind == "event":
        by = f" ({w('by_facilitator')})" if told.by_facilitator else ""
        return f"{w('event')}: {told.subject}{by}"
    if kind == "inject":
        return f"{w('inject')}: {told.subject}"
    if kind == "refused":
        return f"{w('refused')}: {told.subject} ({refusal(told.reason, lang, when='then')})"
    if kind == "action":
        at = told.effective_at
        when = f" ({w('effective_at')} {moment(start, at, lang)})" if at and at > told.t else ""
        return f"{w('action')}: {told.subject}{when}"
    if kind == "activate":   # "Work from the shared site (Belastingdienst, belastingen/heffingen)"
        where = f"{told.organisation}, {told.owner}" if told.organisation else told.owner
        return f"{w('activate')}: {told.name or told.subject} ({where})"
    if kind == "loan":
        return tr("report.loan", lang, title=told.subject, to=told.to, moved=_moved(told, lang))
    if kind in ("deactivate", "mtpd_breach"):
        return f"{w(kind)}: {told.subject}"
    where = ", ".join(part for part in (told.organisation, told.facility) if part)
    return (f"{tr('report.' + _staff_key(told), lang, **people(told, lang), **rework(told, lang))}: "
            f"{told.name or told.subject}"
            f"{f' ({where})' if where else ''}")
