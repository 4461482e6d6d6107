"""The briefing: the scenario's title and story, the facts of the exercise (start, turn
length, number of turns, budget), the organisations with their vital processes (criticality,
MTPD, MBCO, norm and fallbacks), the suppliers and services, the dependency map as a text
tree (suppliers → services → processes, organisations → processes → fallbacks, facilities),
and the learning goals.

Shown before the first turn (Enter begins) and again on ``b`` during the exercise (Escape
returns). Pure text from the scenario; nothing here changes the exercise.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown

from oefening.analysis.dependencies import dependency_map
from oefening.analysis.tree import map_lines
from oefening.scenario.model import Organisation, Scenario
from oefening.ui import keys
from oefening.words import formats, tr
from oefening.words.plain import text_in

if TYPE_CHECKING:
    from oefening.journal.session import Session
    from oefening.ui.app import OefeningApp


MAX_DETAILED = 60   # more processes than this: a count per organisation, not a table
CRITICALITIES = ("vital", "critical", "important", "normal")


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def _organisation_counts(scenario: Scenario, lang: str) -> list[str]:
    lines = []
    for org in scenario.organisations:
        counts: Counter[str] = Counter(p.criticality for p in org.processes)
        kinds = ", ".join(f"{counts[c]} {tr('crit.' + c, lang)}" for c in CRITICALITIES if counts[c])
        lines.append(f"- **{text_in(org.name, lang)}**: {kinds}")
    return lines


def _process_table(org: Organisation, lang: str) -> list[str]:
    lines = [
        f"| {tr('col.process', lang)} | {tr('col.criticality', lang)} | MTPD | MBCO | "
        f"{tr('col.norm', lang)} | {tr('col.fallbacks', lang)} |",
        "|---|---|---|---|---|---|",
    ]
    for proc in org.processes:
        fallbacks = "; ".join(
            f"{text_in(fb.name, lang)} ({formats.percent(fb.capacity, lang)}, "
            f"{formats.lead_time(fb.lead_time, lang)}, {formats.money(fb.cost, lang)}"
            + (f", {tr('briefing.people', lang, n=formats.number(fb.staff, lang))})" if fb.staff > 0 else ")")
            for fb in proc.fallbacks
        ) or tr("briefing.no_fallback", lang)
        lines.append(
            f"| {_cell(text_in(proc.name, lang))} | {tr('crit.' + proc.criticality, lang)} | "
            f"{_mtpd(proc.mtpd, lang)} | {formats.percent(proc.mbco, lang)} | "
            f"{formats.duration(proc.norm, lang)} | {_cell(fallbacks)} |"
        )
    return lines


def _mtpd(hours: float, lang: str) -> str:
    """In hours, as the turn screen's bars count it, with days for longer ones: "72u (3d)"."""
    if hours >= 48:
        return f"{formats.hours(hours, lang)} ({formats.duration(hours, lang)})"
    return formats.hours(hours, lang)


def _code_block(lines: list[str]) -> list[str]:
    """Lines as a fenced block that no text inside can close (its fence is longer than any run
    of backticks in them), so the tree shows as it is."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + "text", *lines, fence]


def briefing_markdown(scenario: Scenario, turns: int, lang: str, join: list[str] | None = None) -> str:
    """The briefing as Markdown; ``join``: the lines telling how each team joins (a scenario
    with teams), right under the story, where the facilitator finds them before the first turn."""
    out = [f"# {text_in(scenario.title, lang)}", ""]
    out.append("*" + tr("briefing.facts", lang,
                        start=formats.moment(scenario.start, 0, lang),
                        turn=formats.duration(scenario.turn, lang), turns=turns,
                        horizon=formats.duration(scenario.horizon, lang),
                        budget=formats.budget(scenario.budget, lang)) + "*")
    if scenario.briefing is not None:
        out += ["", text_in(scenario.briefing, lang)]
    if join:
        out += ["", f"## {tr('teams.join_heading', lang)}", "", tr("teams.join_hint", lang), "", *_code_block(join)]
    out += ["", f"## {tr('briefing.organisations', lang)}"]
    if sum(len(org.processes) for org in scenario.organisations) > MAX_DETAILED:
        out += ["", *_organisation_counts(scenario, lang), "", tr("briefing.many", lang)]
    else:
        for org in scenario.organisations:
            out += ["", f"### {text_in(org.name, lang)}", "", *_process_table(org, lang)]
    if scenario.suppliers:
        out += ["", f"## {tr('briefing.suppliers', lang)}", ""]
        for supplier in scenario.suppliers:
            services = [text_in(s.name, lang) for s in scenario.services if s.supplier == supplier.id]
            line = f"- **{text_in(supplier.name, lang)}**"
            if services:
                line += ": " + ", ".join(services)
            if supplier.description is not None:
                line += f" — {text_in(supplier.description, lang)}"
            out.append(line)
    if scenario.suppliers and sum(len(org.processes) for org in scenario.organisations) <= MAX_DETAILED:
        tree = map_lines(scenario, dependency_map(scenario), lang)
        out += ["", f"## {tr('map.title', lang)}", "", *_code_block(tree)]
    if scenario.learning_goals:
        out += ["", f"## {tr('briefing.goals', lang)}", ""]
        out += [f"{i}. {text_in(goal, lang)}" for i, goal in enumerate(scenario.learning_goals, 1)]
    return "\n".join(out) + "\n"


class BriefingScreen(Screen[None]):
    """The story and the world before (or during) the exercise."""

    def __init__(self, session: Session, first: bool = True) -> None:
        super().__init__()
        self.session = session
        self.first = first

    @property
    def oefening(self) -> OefeningApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="briefing-box"):
            yield Markdown(id="briefing", open_links=False)  # a link in a scenario is shown, not followed
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.redraw()
        self.query_one("#briefing-box").focus()

    def redraw(self) -> None:
        lang = self.oefening.lang
        keys.install(self, keys.BRIEFING_FIRST if self.first else keys.BRIEFING_AGAIN, lang)
        join = None
        if self.session.scenario.teams:   # what the facilitator hands out before the first turn
            from oefening.ui.teamview import join_lines

            join = join_lines(self.session, lang)
        text = briefing_markdown(self.session.scenario, self.session.exercise.turns, lang, join)
        hint = tr("briefing.start" if self.first else "briefing.back", lang)
        self.query_one(Markdown).update(text + f"\n---\n\n**{hint}**\n")

    def action_begin(self) -> None:
        self.oefening.show_turns()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_participant(self) -> None:
        """Who takes part, in which role: asked at the start, journalled, in the report."""
        from oefening.ui.screens.hotwash import ask_participant

        ask_participant(self.oefening, self.session)

    def action_language(self) -> None:
        self.oefening.toggle_language()
