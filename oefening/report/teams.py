"""The teams' part of the after-action report (issue 13, only for a scenario with teams):
the teams side by side, turn by turn, as CMU SEI's CITE scores teams per move, and who held
the shared facilities' places when.

:func:`team_tables` reads the session's record (every decision with who owned it) and its
result (:class:`~oefening.engine.result.TeamResult` per team, the facilities' ``allocation``),
and samples each team's continuity at every turn boundary by replaying the course, which
reads the world without changing it. Plain tables; :mod:`oefening.report.render` and
:mod:`oefening.report.worddoc` lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from oefening.engine.result import continuity
from oefening.report import evidence
from oefening.scenario.teams import owner_of_action, owner_of_fallback
from oefening.words import entries, tr
from oefening.words.describe import Names
from oefening.words.formats import euros, moment, number
from oefening.words.plain import text_in

if TYPE_CHECKING:
    from oefening.engine.exercise import Exercise
    from oefening.engine.record import Entry
    from oefening.journal.session import Session
    from oefening.report.aar import Table

DECIDED = ("action", "activate", "deactivate", "allocate", "priority", "release", "refused")


@dataclass(frozen=True, slots=True)
class TeamTables:
    scores: Table       # per team and together: continuity, projected, MTPD breaches, spent, own budget
    turns: Table        # per turn, a column per team (and the coordination): its decisions, its continuity
    allocation: Table   # per facility and period: who held its places


def team_tables(session: Session, lang: str) -> TeamTables | None:
    """The teams' tables, or None when the scenario has no teams."""
    from oefening.report.aar import Table

    scenario = session.scenario
    if not scenario.teams:
        return None
    names = Names(scenario, lang)
    result = session.outcome(so_far=not session.exercise.finished)
    assert result.teams is not None and result.allocation is not None
    name = {team.id: text_in(team.name, lang) for team in scenario.teams}
    coordination = scenario.coordination
    if coordination is not None:
        name[coordination.id] = text_in(coordination.name, lang)

    def w(key: str) -> str:
        return tr(f"teams.{key}", lang)

    scores = Table([w(k) for k in ("team", "organisations", "continuity", "projected", "breaches", "spent", "budget")],
                   [])
    orgs = {org.id: text_in(org.name, lang) for org in scenario.organisations}
    for ident, team in result.teams.items():
        scores.rows.append([name[ident], ", ".join(orgs[o] for o in team.organisations),
                            number(team.continuity, lang, 1), number(team.continuity_projected, lang, 1),
                            str(team.mtpd_breaches), "€ " + number(team.spent, lang),
                            "€ " + number(team.budget, lang) if team.budget is not None else w("shared")])
    if coordination is not None:   # its own actions are nobody's team's: without this row the teams do not add up
        by_coordination = result.spent - sum(team.spent for team in result.teams.values())
        scores.rows.append([name[coordination.id], "—", "—", "—", "—", "€ " + number(by_coordination, lang), "—"])
    scores.rows.append([w("together"), "", number(result.continuity, lang, 1),
                        number(result.continuity_projected, lang, 1), str(result.mtpd_breaches),
                        "€ " + number(result.spent, lang), ""])

    players = list(name)
    per_turn = _continuity_per_turn(session)
    record = session.exercise.world.record
    start = scenario.start
    turns = Table([w("turn"), *(name[p] for p in players)], [])
    for k, mark in enumerate(record.turns):
        if session.exercise.finished and k == len(record.turns) - 1:
            break   # the horizon: nobody meets there
        cells: dict[str, list[str]] = {p: [] for p in players}
        for entry in record.turn_entries(k):
            if entry.kind in DECIDED and entry.t == mark.t:
                owner = _owner(session, entry)
                if owner not in cells:
                    continue
                if entry.kind == "release":
                    line = (f"{tr('report.release', lang)} {name.get(entry.id, entry.id)}: "
                            f"{euros(entry.detail['amount'], lang)}")
                else:
                    line = entries.report_line(entries.tell(entry, names), start, lang)
                cells[owner].append(line)
        if k + 1 < len(per_turn):
            for spec in scenario.teams:
                score = per_turn[k + 1].get(spec.id)
                if score is not None:
                    cells[spec.id].append(tr("teams.score", lang, value=number(score, lang, 1)))
        turns.rows.append([f"{mark.turn + 1} · {moment(start, mark.t, lang, year=False)}",
                           *("; ".join(cells[p]) or "—" for p in players)])

    team_of = {ref: owner_of_fallback(scenario, ref) for ref, _ in scenario.fallbacks()}
    allocation = Table([w(k) for k in ("facility", "from", "until", "held_by")], [])
    end = session.exercise.now
    for ident, holdings in result.allocation.items():
        for i, holding in enumerate(holdings):
            until = holdings[i + 1].t if i + 1 < len(holdings) else end
            if until <= holding.t and i + 1 < len(holdings):
                continue
            held = ", ".join(f"{names.of('fallback', ref)} ({name.get(team_of[ref] or '', '—')})"
                             for ref in holding.holders) or w("nobody")
            allocation.rows.append([names.facilities.get(ident, ident), moment(start, holding.t, lang, year=False),
                                    moment(start, until, lang, year=False), held])
    return TeamTables(scores, turns, allocation)


def _owner(session: Session, entry: Entry) -> str | None:
    scenario = session.scenario
    coordination = scenario.coordination
    kind = entry.kind
    if kind in ("allocate", "priority", "release"):
        return coordination.id if coordination is not None else None
    if kind == "action" or (kind == "refused" and entry.id in session.exercise.world.actions):
        return owner_of_action(scenario, entry.id)
    if "/" in entry.id:
        return owner_of_fallback(scenario, entry.id)
    return coordination.id if coordination is not None and kind == "refused" else None


def _continuity_per_turn(session: Session) -> list[dict[str, float]]:
    """Each team's continuity so far at every turn boundary, by replaying the course."""
    scenario = session.scenario
    out: list[dict[str, float]] = []

    def sample(exercise: Exercise) -> None:
        processes = list(exercise.world.processes.values())
        out.append({team.id: continuity([p for p in processes if p.ref.split("/")[0] in team.organisations],
                                        exercise.now) for team in scenario.teams})

    course = evidence.course_of(session)
    evidence.replay(scenario, session.seed, course, sample=sample, stop=len(course) - 1)
    return out
