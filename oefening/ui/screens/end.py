"""The end screen: the scorecard first (vital processes within their MTPD, then critical ones,
people or cases affected, time below MBCO, money against the budget), then the continuity
score, the cost, and per process how it did against its norm (late cases), its MBCO (hours
below it) and its MTPD (breached or not, and when), then the timeline of injects, decisions
and observers' notes (marking the messages the players never saw). Read from the session's result;
``u`` still takes back the last turn, ``q`` quits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Digits, Footer, Header, Static

from oefening.report.document import fates
from oefening.report.scorecard import Figure, figures
from oefening.ui import keys
from oefening.ui.widgets.feed import entry_text
from oefening.ui.widgets.text import longest_word, wrapped
from oefening.words import entries, formats, tr
from oefening.words.describe import Names, process_labels
from oefening.words.plain import plain, text_in

NAME_WIDTH = 26
NARROW = 110        # below this width the per-process table drops criticality and peak
NARROW_NAME_WIDTH = 18

if TYPE_CHECKING:
    from oefening.journal.session import Session
    from oefening.ui.app import OefeningApp


def timeline(session: Session, names: Names) -> Text:
    """Injects, decisions and notes in the order they happened; a storyline message the
    players never saw (the facilitator dropped it, or never released it) says so, as the
    report does."""
    exercise = session.exercise
    lang = names.lang
    fate = fates(session, names)
    items: list[tuple[float, int, Text]] = []
    for i, entry in enumerate(exercise.world.record.entries):
        if entries.is_message(entry, names):
            said = fate(entry.id).strip()[1:-1] if entry.kind == "event" and entry.id in names.injects else ""
            stage = Text(f"✖ {said}", style="bold yellow") if said else None
            items.append((entry.t, i, entry_text(entry, exercise.scenario.start, names, stage)))
    for j, note in enumerate(session.notes):
        text = Text()
        text.append(f"{formats.moment(exercise.scenario.start, note['t'], lang, year=False)} ", style="dim")
        text.append(f"✎ {tr('feed.note', lang)}", style="bold magenta")
        if note.get("author"):
            text.append(f" ({plain(note['author'], lines=False)})", style="magenta")
        text.append(f": {plain(note['text'])}")
        items.append((note["t"], 1_000_000_000 + j, text))
    out = Text()
    for _, _, text in sorted(items, key=lambda item: (item[0], item[1])):
        out.append_text(text)
        out.append("\n\n")
    out.rstrip()
    return out


TONES = {"bad": ("✖", "bold red"), "warn": ("!", "bold yellow"), "good": ("✔", "green"), "": ("·", "")}


def scorecard_text(card: list[Figure]) -> Text:
    """The scorecard as lines: mark, label, value, then its details dimmed (the first two)."""
    out = Text()
    width = max(len(f.label) for f in card)
    for f in card:
        mark, style = TONES[f.tone]
        out.append(f"{mark} ", style=style)
        out.append(f"{f.label:<{width}}  ", style="bold")
        out.append(f"{f.value}\n", style=style or "bold")
        for detail in f.details[:2]:
            out.append(f"  {'':<{width}}  {detail}\n", style="dim")
    out.rstrip()
    return out


class EndScreen(Screen[None]):
    """The result of the exercise."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._narrow: bool | None = None

    def on_resize(self, event: events.Resize) -> None:
        if self.is_mounted and (event.size.width < NARROW) != self._narrow:
            self.redraw()

    @property
    def oefening(self) -> OefeningApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="end-box"):
            yield Static(id="end-heading", classes="heading")
            yield Static(id="scorecard")
            with Horizontal(id="score-row"):
                yield Digits(id="score")
                yield Static(id="score-facts")
            yield Static(id="results-heading", classes="subheading")
            yield DataTable(id="results", cursor_type="row")
            yield Static(id="timeline-heading", classes="subheading")
            yield Static(id="timeline")
            yield Static(id="end-journal")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.redraw()
        self.query_one("#results").focus()

    def redraw(self) -> None:
        lang = self.oefening.lang
        keys.install(self, keys.END, lang)
        session = self.session
        result = session.result()
        scenario = session.scenario
        names = Names(scenario, lang)
        spent = result["spent"]
        self.query_one("#end-heading", Static).update(
            Text(f"{tr('end.heading', lang)}: {text_in(scenario.title, lang)}"))
        self.query_one("#scorecard", Static).update(scorecard_text(figures(result, scenario, lang)))
        self.query_one("#score", Digits).update(formats.number(result["continuity"], lang, 1))
        facts = Text()
        facts.append(f"{tr('end.continuity', lang)} (0–100)\n", style="bold")
        facts.append(tr("end.cost", lang, total=formats.money(result["cost"], lang),
                        spent=formats.money(spent, lang),
                        late=formats.money(result["cost"] - spent, lang)) + "\n")
        breaches = result["mtpd_breaches"]
        facts.append(tr("end.breaches", lang, n=breaches, total=len(result["processes"])),
                     style="bold red" if breaches else "green")
        self.query_one("#score-facts", Static).update(facts)
        self.query_one("#results-heading", Static).update(tr("end.results", lang))
        self._results(result, names)
        self.query_one("#timeline-heading", Static).update(tr("end.timeline", lang))
        self.query_one("#timeline", Static).update(timeline(session, names))
        self.query_one("#end-journal", Static).update(
            Text(tr("end.journal", lang, path=plain(session.journal_path)), style="dim"))

    def _results(self, result: dict[str, Any], names: Names) -> None:
        """Per process: on time against its norm, hours below MBCO against its MTPD, breach."""
        lang = names.lang
        scenario = self.session.scenario
        specs = dict(scenario.processes())
        table = self.query_one("#results", DataTable)
        table.clear(columns=True)
        # narrow screens: no criticality and peak columns, a shorter name and MTPD column
        narrow = self._narrow = (self.size.width or 200) < NARROW
        # names wrap at spaces; the column is at least as wide as the longest word
        labels_of = process_labels(scenario, lang)   # "Grootveen: Payments" where two organisations have "Payments"
        name_width = max(NARROW_NAME_WIDTH if narrow else NAME_WIDTH,
                         longest_word(labels_of.get(ref, ref) for ref in result["processes"]))
        table.add_column(tr("col.process", lang), width=name_width)
        labels = ("col.on_time", "col.late", "col.mtpd_short", "col.verdict_short") if narrow else (
            "col.criticality", "col.on_time", "col.late", "col.peak", "col.mtpd", "col.verdict")
        for label in labels:
            table.add_column(tr(label, lang))
        for ref, p in result["processes"].items():
            spec = specs[ref]
            demand = p["demand"]
            on_time = 1.0 - p["late"] / demand if demand > 0 else 1.0
            disrupted = p["disrupted_hours"]
            if p["mtpd_breached"]:
                at = formats.moment(scenario.start, p["mtpd_breach_at"], lang, year=False)
                verdict = Text(f"✖ {at}", style="bold red")
            else:
                verdict = Text(f"✔ {tr('end.within', lang)}", style="green")
            name = wrapped(labels_of.get(ref, ref), name_width)
            below = f"{formats.hours(disrupted, lang)}/{formats.hours(spec.mtpd, lang)}"
            if not narrow:
                below += f" (< {formats.percent(spec.mbco, lang)})"
            cells: list[str | Text] = [
                Text(name),
                tr(f"crit.{p['criticality']}", lang),
                Text(formats.percent(on_time, lang), justify="right",
                     style="green" if on_time > 0.999 else ("yellow" if on_time > 0.9 else "bold red")),
                Text(f"{formats.number(p['late'], lang)} (> {formats.duration(spec.norm, lang)})", justify="right"),
                Text(formats.number(p["peak_backlog"], lang), justify="right"),
                Text(below, style="bold red" if p["mtpd_breached"] else ""),
                verdict,
            ]
            if narrow:
                del cells[4], cells[1]
            table.add_row(*cells, key=ref, height=len(name.splitlines()))

    def action_hotwash(self) -> None:
        self.oefening.show_hotwash()

    def action_undo(self) -> None:
        self.oefening.ask_undo()

    def action_note(self) -> None:
        self.oefening.ask_note()

    def action_language(self) -> None:
        self.oefening.toggle_language()
