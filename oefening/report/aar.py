"""The after-action report and improvement plan (HSEEP's AAR/IP as the model), as plain data.

:func:`build_aar` reads a journalled exercise into an :class:`AfterAction`: who took part
and in which role; the scorecard; per learning goal the hot wash's rating, what went well,
what did not, the decisions the hot wash linked to it (when, in which phase, what they were
worth) and its corrective actions; the improvement plan; the decisions that mattered most,
measured by taking each one out and by taking it one turn later on the same world; the same
world with nobody acting and with each bundled plan; "good or lucky" over a few hundred
worlds; charts of every vital and critical process (and any other that fell below its MBCO)
and of who held the shared facilities; and the course of the exercise turn by turn
(:mod:`oefening.report.document`). Turn numbers are those on screen: the first meeting is
turn 1. The renderers (:mod:`oefening.report.render`, :mod:`oefening.report.worddoc`) only
lay this out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from oefening.engine.decisions import Activate, Allocate, Deactivate, Decision, Prioritise, Release, TakeAction
from oefening.journal.debrief import RATINGS, Participant
from oefening.report import charts, evidence
from oefening.report.charts import Chart
from oefening.report.document import Report, build
from oefening.report.scorecard import Figure, hours
from oefening.report.teams import team_tables
from oefening.words import tr
from oefening.words.describe import Names, process_labels
from oefening.words.formats import euros, moment, number
from oefening.words.plain import plain, text_in

if TYPE_CHECKING:
    from oefening.journal.session import Session
    from oefening.report.teams import TeamTables

WORLDS = 200          # worlds for "good or lucky" unless asked otherwise
MAX_CHARTS = 12       # process charts at most (vital and critical first)


@dataclass(slots=True)
class Goal:
    """One learning goal in the report."""

    number: int                     # 1, 2, …
    text: str
    rating: str | None              # P, S, M, U
    rating_text: str                # the rating in words (or "not rated")
    strengths: str
    improvements: str
    evidence: list[str]             # the decisions linked in the hot wash, each in words
    actions: list[list[str]]        # corrective actions: action, owner, organisation, due


@dataclass(slots=True)
class Table:
    head: list[str]
    rows: list[list[str]]


@dataclass(slots=True)
class AfterAction:
    lang: str
    title: str
    seed: int
    log: Report                     # facts, scores, processes, course per turn (document.build)
    participants: list[Participant]
    card: list[Figure]
    goals: list[Goal]
    plan: Table                     # the improvement plan
    mattered: Table                 # the decisions that mattered most
    decisions: Table                # every decision taken, with what it was worth
    compare: Table                  # the same world, other courses
    luck: list[str]                 # good or lucky, in sentences
    charts: list[Chart] = field(default_factory=list)
    luck_chart: Chart | None = None
    facility_chart: Chart | None = None
    notes: list[str] = field(default_factory=list)  # what the report could not measure, and why
    teams: TeamTables | None = None   # with teams: side by side, turn by turn, who held the places (report.teams)


def w(key: str, lang: str, **values: Any) -> str:
    return tr(f"aar.{key}", lang, **values)


def build_aar(session: Session, lang: str | None = None, worlds: int = WORLDS, *,
              with_charts: bool = True) -> AfterAction:
    """The after-action report of ``session`` in ``lang`` (default: the journal's)."""
    lang = lang or session.lang
    scenario, exercise = session.scenario, session.exercise
    log = build(session, lang)
    names = Names(scenario, lang)
    debrief = session.debrief
    finished = exercise.finished
    notes: list[str] = []

    impacts = evidence.impacts(session) if finished else []
    if not finished:
        notes.append(w("unfinished", lang))
    described = {item.number: _decision_line(item, session, names, lang) for item in impacts}

    goal_texts = [text_in(g, lang) for g in scenario.learning_goals] or [w("whole", lang)]
    goals = []
    for k, text in enumerate(goal_texts):
        finding = debrief.findings.get(k)
        rating = finding.rating if finding else None
        linked = [described[n] for n in (finding.evidence if finding else ()) if n in described]
        goals.append(Goal(
            number=k + 1, text=text, rating=rating,
            rating_text=w(f"rating.{rating}", lang) if rating else w("not_rated", lang),
            strengths=plain(finding.strengths) if finding else "",
            improvements=plain(finding.improvements) if finding else "",
            evidence=linked,
            actions=[[plain(a.action), plain(a.owner), plain(a.organisation), a.due]
                     for a in debrief.actions.values() if a.goal == k]))
    plan = Table([w(k, lang) for k in ("goal", "area", "action", "owner", "organisation", "due")], [])
    for a in sorted(debrief.actions.values(), key=lambda a: (a.goal, a.due, a.id)):
        finding = debrief.findings.get(a.goal)
        plan.rows.append([f"{a.goal + 1}. {_short(goal_texts[a.goal] if a.goal < len(goal_texts) else '')}",
                          plain(finding.improvements) if finding else "", plain(a.action), plain(a.owner),
                          plain(a.organisation), a.due])

    head = [w(k, lang) for k in ("number", "turn", "when", "phase", "decision", "without", "later")]
    rows = [[str(item.number), str(item.turn + 1), moment(scenario.start, item.t, lang, year=False),
             tr(f"phase.{item.phase}", lang), _decision_title(item.decision, names),
             _consequence(item.out, lang), _consequence(item.later, lang) if item.later else "—"]
            for item in impacts]
    by_number = {row[0]: row for row in rows}
    mattered = Table(head, [by_number[str(item.number)] for item in evidence.mattered_most(impacts)
                            if _matters(item.out)])
    decisions = Table(head, rows)

    compare = Table([w(k, lang) for k in ("course", "vital", "critical", "continuity", "projected", "people",
                                          "spent", "cost")], [])
    luck: list[str] = []
    luck_chart = None
    if finished:
        titles = {plan.id: text_in(plan.title, lang) if plan.title else plan.id
                  for plan in evidence.bundled_plans(session)}
        for ident, result in evidence.alternatives(session, session.result()):
            if ident == "team":
                own = session.plan
                label = w("the_team", lang) if own == "team" else (
                    w("this_run", lang, plan=titles.get(own, own)) if own else tr("result.nobody", lang))
            else:
                label = tr("result.nobody", lang) if ident is None else titles.get(ident, ident)
            compare.rows.append([
                label, _held(result["vital_within_mtpd"], lang), _held(result["critical_within_mtpd"], lang),
                number(result["continuity"], lang, 1), number(result["continuity_projected"], lang, 1),
                number(result["people_affected"], lang), euros(result["spent"], lang), euros(result["cost"], lang)])
        if worlds > 0:
            got = evidence.good_or_lucky(session, worlds)
            luck = [w("luck_own", lang, pct=number(got.percentile, lang), n=worlds,
                      own=number(got.team[0], lang, 1), p50=number(float(_median(got.team)), lang, 1)),
                    w("luck_nobody", lang, pct=number(got.nobody_percentile, lang)),
                    w("luck_beats", lang, share=number(100 * got.better_than_nobody, lang), n=worlds),
                    w("luck_verdict." + _verdict(got.percentile, got.nobody_percentile), lang)]
            if with_charts:
                luck_chart = charts.luck_chart(got.team, got.nobody, {
                    "team": tr("chart.team", lang), "nobody": tr("result.nobody", lang),
                    "own": tr("chart.own", lang), "continuity": tr("chart.projected", lang),
                    "worlds": tr("chart.worlds", lang)}, tr("chart.luck", lang, n=worlds))

    process_charts: list[Chart] = []
    facility_chart = None
    if with_charts:
        process_charts, facility_chart = _charts(session, lang, names)
    return AfterAction(
        lang=lang, title=text_in(scenario.title, lang), seed=session.seed, log=log,
        participants=[Participant(p.id, plain(p.name), plain(p.role), plain(p.organisation))
                      for p in debrief.participants.values()],
        card=log.card, goals=goals, plan=plan, mattered=mattered, decisions=decisions, compare=compare,
        luck=luck, charts=process_charts, luck_chart=luck_chart, facility_chart=facility_chart, notes=notes,
        teams=team_tables(session, lang))


def _charts(session: Session, lang: str, names: Names) -> tuple[list[Chart], Chart | None]:
    scenario = session.scenario
    specs = dict(scenario.processes())
    data = evidence.series(session)
    order = {"vital": 0, "critical": 1, "important": 2, "normal": 3}
    chosen = [ref for ref in sorted(specs, key=lambda r: order[specs[r].criticality])
              if specs[ref].criticality in ("vital", "critical")
              or min(data.fraction[ref], default=1.0) < specs[ref].mbco - 1e-9][:MAX_CHARTS]
    labels = {key: tr(f"chart.{key}", lang) for key in (
        "capacity", "mbco", "capacity_axis", "days", "backlog", "norm", "backlog_axis", "breach", "nobody_held")}
    breaches = {e.id: e.t for e in session.exercise.world.record.entries if e.kind == "mtpd_breach"}
    labels_of = process_labels(scenario, lang)
    out = []
    for ref in chosen:
        spec = specs[ref]
        caption = tr("chart.process", lang, name=labels_of[ref],
                    criticality=tr(f"crit.{spec.criticality}", lang), mtpd=hours(spec.mtpd, lang),
                    norm=hours(spec.norm, lang), mbco=number(100 * spec.mbco, lang))
        out.append(charts.process_chart(
            data.t, data.fraction[ref], data.backlog[ref], mbco=spec.mbco, capacity=spec.capacity, norm=spec.norm,
            breach_at=breaches.get(ref), labels=labels, caption=caption))
    facility = None
    if scenario.facilities:
        fallback_names = {ref: labels_of[ref.rsplit("/", 1)[0]] for ref, _ in scenario.fallbacks()}
        facility_names = {f.id: text_in(f.name, lang) for f in scenario.facilities}
        facility = charts.facility_chart(data.t, data.holders, {**fallback_names, **facility_names}, labels,
                                         tr("chart.facilities", lang))
    return out, facility


def _median(values: Any) -> float:
    import numpy as np

    return float(np.median(values))


def _verdict(own: float, nobody: float) -> str:
    """lucky: the team's world was kind to its decisions; unlucky: unkind; else fair."""
    if own >= 75:
        return "lucky"
    if own <= 25:
        return "unlucky"
    return "fair"


def _held(count: dict[str, int], lang: str) -> str:
    return tr("card.of", lang, k=count["held"], n=count["of"]) if count["of"] else "—"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _decision_title(decision: Decision, names: Names) -> str:
    lang = names.lang
    match decision:
        case TakeAction(action=ident):
            return names.of("action", ident)
        case Activate(fallback=ref):
            return f"{tr('report.activate', lang)}: {names.owned('fallback', ref)}"
        case Deactivate(fallback=ref):
            return f"{tr('report.deactivate', lang)}: {names.owned('fallback', ref)}"
        case Allocate(fallback=ref):
            return f"{tr('report.allocate', lang)}: {names.owned('fallback', ref)}"
        case Prioritise(facility=ident, organisations=orgs):
            return f"{tr('report.priority', lang)}: {names.of('facility', ident)} ({', '.join(orgs)})"
        case Release(team=team, amount=amount):
            return f"{tr('report.release', lang)} {team}: {euros(amount, lang)}"
    return str(decision)


def _decision_line(item: evidence.Impact, session: Session, names: Names, lang: str) -> str:
    start = session.scenario.start
    return w("decision_line", lang, number=item.number, title=_decision_title(item.decision, names),
             turn=item.turn + 1, when=moment(start, item.t, lang, year=False), phase=tr(f"phase.{item.phase}", lang),
             without=_consequence(item.out, lang))


def _matters(delta: dict[str, float]) -> bool:
    return (abs(delta["vital_held"]) + abs(delta["critical_held"]) > 0 or abs(delta["continuity_projected"]) >= 0.05
            or abs(delta["people_affected"]) >= 0.5)


def _consequence(delta: dict[str, float] | None, lang: str) -> str:
    """What a decision as taken did better (positive) than the other course, in words."""
    if delta is None:
        return "—"
    parts = []
    for key in ("vital_held", "critical_held"):
        n = int(delta[key])
        if n:
            parts.append(w(f"kept_{key}" if n > 0 else f"lost_{key}", lang, n=abs(n)))
    if abs(delta["continuity_projected"]) >= 0.05:
        parts.append(w("projected_delta", lang, d=f"{'+' if delta['continuity_projected'] > 0 else '−'}"
                                                  f"{number(abs(delta['continuity_projected']), lang, 1)}"))
    if abs(delta["people_affected"]) >= 0.5:
        key = "fewer_affected" if delta["people_affected"] < 0 else "more_affected"
        parts.append(w(key, lang, n=number(abs(delta["people_affected"]), lang)))
    if abs(delta["cost"]) >= 0.5:
        key = "cost_more" if delta["cost"] > 0 else "cost_less"
        parts.append(w(key, lang, amount=euros(abs(delta["cost"]), lang)))
    return "; ".join(parts) if parts else w("no_difference", lang)


RATING_KEYS = RATINGS
