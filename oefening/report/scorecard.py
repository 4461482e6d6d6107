"""The scorecard: a result in the order a crisis team is accountable for it.

First the vital processes kept within their MTPD (k of n, and how far past it the others
went), then the critical ones, then the people (or cases) affected by lateness, counting
the cases that will certainly be late after the horizon, then the time below MBCO, the money
spent against the budget, and last the SPEC continuity score beside its projected twin.
A vital process past its MTPD leads whatever its volume: the continuity score weighs cases,
the scorecard weighs what the team answers for. :func:`figures` reads a result of
``run --json`` (or the same numbers so far, during an exercise) and returns plain lines
that the end screen, ``run``, the report and the turn screen show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from oefening.scenario.model import Scenario
from oefening.words import tr
from oefening.words.describe import process_labels
from oefening.words.formats import euros as money
from oefening.words.formats import moment as full_moment
from oefening.words.formats import number


@dataclass(frozen=True, slots=True)
class Figure:
    """One line of the scorecard: ``key`` names it, ``tone`` is bad, warn, good or empty;
    ``details`` are short phrases (a process each, most important first)."""

    key: str
    label: str
    value: str
    details: tuple[str, ...]
    tone: str

    @property
    def detail(self) -> str:
        return "; ".join(self.details)


def hours(value: float, lang: str) -> str:
    """Hours under two days ("36 h" / "36 u"), else days and hours ("3 d 4 h")."""
    whole = round(value)
    if whole < 48:
        return tr("card.hours", lang, n=whole)
    days, rest = divmod(whole, 24)
    return tr("card.days_hours", lang, d=days, n=rest) if rest else tr("card.days", lang, d=days)


def percent(fraction: float, lang: str) -> str:
    return f"{number(100 * fraction, lang)} %"


# -- the figures ----------------------------------------------------------------------------


def figures(result: dict[str, Any], scenario: Scenario, lang: str, *, so_far: bool = False) -> list[Figure]:
    """The scorecard of ``result``, most accountable first (see the module docstring)."""
    w = _Words(lang)
    names = process_labels(scenario, lang)   # "Grootveen: Payments" where two organisations have "Payments"
    specs = dict(scenario.processes())
    processes = result["processes"]
    out = [_within(result, level, names, scenario, lang) for level in ("vital", "critical")
           if result[f"{level}_within_mtpd"]["of"]]

    people = any(specs[ref].people_per_case != 1 for ref in processes)
    affected = sorted(((p["people_affected"], ref) for ref, p in processes.items() if p["people_affected"] > 0.5),
                      reverse=True)
    top = tuple(f"{names[ref]}: {number(n, lang)}" for n, ref in affected[:3])
    out.append(Figure("people", w["people" if people else "cases"], number(result["people_affected"], lang),
                      (w["people_detail"], *top) if affected else (w["nobody_late"],),
                      "bad" if affected else "good"))

    below = sorted(((p["disrupted_hours"], ref) for ref, p in processes.items()
                    if p["disrupted_hours"] > 1e-9 and p["criticality"] in ("vital", "critical")), reverse=True)
    if not below:
        below = sorted(((p["disrupted_hours"], ref) for ref, p in processes.items() if p["disrupted_hours"] > 1e-9),
                       reverse=True)
    if below:
        worst = below[0]
        detail = tuple(
            f"{names[ref]}: {hours(h, lang)} (< {percent(specs[ref].mbco, lang)})" for h, ref in below[:3])
        out.append(Figure("mbco", w["mbco"], hours(worst[0], lang), detail,
                          "bad" if processes[worst[1]]["mtpd_breached"] else "warn"))
    else:
        out.append(Figure("mbco", w["mbco"], hours(0, lang), (w["never_below"],), "good"))

    spent, budget, cost = result["spent"], result["budget"], result["cost"]
    if budget:
        value = w["money_of"].format(spent=money(spent, lang), budget=money(budget, lang),
                                     share=percent(spent / budget, lang))
    else:
        value = w["money_free"].format(spent=money(spent, lang))
    late_cost = cost - spent
    cost_line = (w["late_cost"].format(late=money(late_cost, lang), total=money(cost, lang))
                 if late_cost > 0.5 else w["no_late_cost"])
    over = budget is not None and spent > budget + 0.5
    out.append(Figure("money", w["money"], value, (cost_line,), "bad" if over else ""))

    label = w["continuity"] + (f" ({w['so_far']})" if so_far else "")
    out.append(Figure("continuity", label, w["continuity_value"].format(score=number(result["continuity"], lang, 1)),
                      (w["projected"].format(projected=number(result["continuity_projected"], lang, 1)),), ""))
    return out


def _within(result: dict[str, Any], criticality: str, names: dict[str, str], scenario: Scenario,
            lang: str) -> Figure:
    w = _Words(lang)
    count = result[f"{criticality}_within_mtpd"]
    past = sorted(((p["mtpd_overrun_hours"], ref) for ref, p in result["processes"].items()
                   if p["criticality"] == criticality and p["mtpd_breached"]), reverse=True)
    detail = tuple(
        w["past"].format(name=names[ref], hours=hours(h, lang),
                         at=moment(scenario.start, result["processes"][ref]["mtpd_breach_at"], lang))
        for h, ref in past) or (w["all_held"],)
    tone = "good" if count["held"] == count["of"] else "bad"
    return Figure(criticality, w[criticality], w["of"].format(k=count["held"], n=count["of"]), detail, tone)


class _Words:
    """``w["vital"]`` is ``tr("card.vital", lang)``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __getitem__(self, key: str) -> str:
        return tr(f"card.{key}", self.lang)


def moment(start: Any, t: float, lang: str) -> str:
    return full_moment(start, t, lang, year=False)


def headline(result: dict[str, Any], scenario: Scenario, lang: str) -> str:
    """The scorecard's first line as one sentence: "Vital processes within MTPD: 1 of 2 —
    Custody 36 h past its MTPD (from Tue 4 Mar 08:00)"."""
    first = figures(result, scenario, lang)[0]
    return f"{first.label}: {first.value} — {first.details[0]}"
