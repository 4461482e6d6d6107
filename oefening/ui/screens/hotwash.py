"""The hot wash, right after the exercise: per learning goal what went well, what did not, the
HSEEP rating (P performed without challenges, S with some, M with major challenges, U unable
to be performed) and the decisions that bear on it; the corrective actions with owner,
organisation and due date; who took part in which role. Everything goes through the session,
which journals it at once; it stays editable until the after-action report is made (``r``),
which writes the report next to the journal and closes the hot wash.

Keys: ↑/↓ choose a learning goal, ``f`` (or Enter) write its findings and rating, ``a`` add a
corrective action to it, ``e`` change its last one, ``x`` remove the last one, ``p`` add a participant, ``r`` make the
report, Esc back to the end screen; ``e`` changes the goal's last corrective action.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from oefening.errors import OefeningError
from oefening.ui import keys
from oefening.ui.screens.form import FormDialog
from oefening.words import tr
from oefening.words.plain import plain, text, text_in

if TYPE_CHECKING:
    from oefening.journal.session import Session
    from oefening.ui.app import OefeningApp


def report_path(session: Session) -> Path:
    """Where the console writes the report: next to the journal, ``<journal>-report.html``."""
    journal = Path(session.journal_path)
    return journal.with_name(f"{journal.stem}-report.html")


def ask_participant(app: OefeningApp, session: Session, done: object = None) -> None:
    """The participant dialog (name, role, organisation), journalled through the session."""
    lang = app.lang

    def save(values: dict[str, str]) -> None:
        session.participant(values["name"], values["role"], values["organisation"])

    def after(values: dict[str, str] | None) -> None:
        if values is not None:
            app.notify(tr("hotwash.participant_saved", lang, name=plain(values["name"], lines=False)), timeout=4)
        if callable(done):
            done()

    fields = [("name", tr("hotwash.name", lang), ""), ("role", tr("hotwash.role", lang), ""),
              ("organisation", tr("hotwash.organisation", lang), "")]
    app.push_screen(FormDialog(tr("hotwash.participant", lang), fields, lang, save), after)


class HotWashScreen(Screen[None]):
    """The hot wash of a finished (or stopped) exercise."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    @property
    def oefening(self) -> OefeningApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="hotwash-box"):
            yield Static(id="hotwash-heading", classes="heading")
            yield Static(id="hotwash-help")
            yield DataTable(id="goals", cursor_type="row")
            yield Static(id="goal-detail")
            yield Static(id="hotwash-people")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.redraw()
        self.query_one("#goals").focus()

    def goal_texts(self) -> list[str]:
        lang = self.oefening.lang
        goals = [text_in(g, lang) for g in self.session.scenario.learning_goals]
        return goals or [tr("aar.whole", lang)]

    @property
    def goal(self) -> int:
        return max(0, self.query_one("#goals", DataTable).cursor_row)

    def redraw(self) -> None:
        lang = self.oefening.lang
        keys.install(self, keys.HOTWASH, lang)
        debrief = self.session.debrief
        closed = debrief.reported is not None
        self.query_one("#hotwash-heading", Static).update(tr("hotwash.heading", lang))
        self.query_one("#hotwash-help", Static).update(
            text(tr("hotwash.closed", lang, path=plain(debrief.reported or "")) if closed
                 else tr("hotwash.help", lang), "bold yellow" if closed else "dim"))
        table = self.query_one("#goals", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_column(tr("aar.goal", lang), width=60)
        table.add_column(tr("aar.rating", lang))
        table.add_column(tr("hotwash.actions", lang))
        for k, goal in enumerate(self.goal_texts()):
            finding = debrief.findings.get(k)
            rating = finding.rating if finding and finding.rating else "—"
            count = sum(a.goal == k for a in debrief.actions.values())
            short = " ".join(goal.split())
            table.add_row(Text(f"{k + 1}. {short[:58] + '…' if len(short) > 59 else short}"), rating, str(count),
                          key=str(k))
        if row is not None and 0 <= row < table.row_count:
            table.move_cursor(row=row)
        self._detail()
        people = Text(f"{tr('aar.participants', lang)}: ", style="bold")
        names = [f"{p.name} ({p.role}{', ' + p.organisation if p.organisation else ''})"
                 for p in debrief.participants.values()]
        people.append(plain("; ".join(names), lines=False) if names else tr("aar.no_participants", lang))
        self.query_one("#hotwash-people", Static).update(people)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_finding()

    def _detail(self) -> None:
        lang = self.oefening.lang
        debrief = self.session.debrief
        k = self.goal
        goals = self.goal_texts()
        if k >= len(goals):
            return
        finding = debrief.findings.get(k)
        out = Text()
        out.append(f"{k + 1}. ", style="bold")
        out.append(plain(goals[k]) + "\n", style="bold")
        nothing = tr("aar.nothing_said", lang)
        rating = tr(f"aar.rating.{finding.rating}", lang) if finding and finding.rating else tr("aar.not_rated", lang)
        out.append(f"{tr('aar.rating', lang)}: ", style="dim")
        out.append(rating + "\n")
        for key, value in (("strengths", finding.strengths if finding else ""),
                           ("improvements", finding.improvements if finding else "")):
            out.append(f"{tr('aar.' + key, lang)}: ", style="dim")
            out.append(plain(value or nothing) + "\n")
        evidence = ", ".join(map(str, finding.evidence)) if finding and finding.evidence else "—"
        out.append(f"{tr('hotwash.evidence', lang)}: ", style="dim")
        out.append(evidence + "\n")
        for a in debrief.actions.values():
            if a.goal == k:
                out.append("  → ", style="bold cyan")
                out.append(plain(f"{a.action} — {a.owner}, {a.organisation}, {a.due}", lines=False) + "\n")
        out.rstrip()
        self.query_one("#goal-detail", Static).update(out)

    # -- actions ------------------------------------------------------------------------

    def _hot_wash_closed(self) -> bool:
        if self.session.debrief.reported is not None:
            self.notify(tr("hotwash.closed", self.oefening.lang, path=plain(self.session.debrief.reported)),
                        severity="warning")
            return True
        return False

    def action_finding(self) -> None:
        if self._hot_wash_closed():
            return
        lang, k = self.oefening.lang, self.goal
        finding = self.session.debrief.findings.get(k)

        def save(values: dict[str, str]) -> None:
            rating = values["rating"].strip().upper() or None
            try:
                evidence = [int(n) for n in values["evidence"].replace(",", " ").split()]
            except ValueError:
                raise OefeningError(tr("hotwash.bad_evidence", lang)) from None
            self.session.finding(k, rating=rating, strengths=values["strengths"],
                                 improvements=values["improvements"], evidence=evidence)

        fields = [
            ("rating", tr("hotwash.rating_help", lang), (finding.rating or "") if finding else ""),
            ("strengths", tr("aar.strengths", lang), finding.strengths if finding else ""),
            ("improvements", tr("aar.improvements", lang), finding.improvements if finding else ""),
            ("evidence", tr("hotwash.evidence_help", lang),
             ", ".join(map(str, finding.evidence)) if finding else ""),
        ]
        heading = tr("hotwash.finding", lang, n=k + 1)
        self.app.push_screen(FormDialog(heading, fields, lang, save), lambda _: self.redraw())

    def action_corrective(self, edit: bool = False) -> None:
        """Add a corrective action to the chosen goal (``edit``: change its last one)."""
        if self._hot_wash_closed():
            return
        lang, k = self.oefening.lang, self.goal
        old = None
        if edit:
            mine = [a for a in self.session.debrief.actions.values() if a.goal == k]
            if not mine:
                self.notify(tr("hotwash.no_action", lang), severity="warning")
                return
            old = mine[-1]

        def save(values: dict[str, str]) -> None:
            self.session.corrective(k, values["action"], values["owner"], values["organisation"], values["due"],
                                    ident=old.id if old is not None else None)

        fields = [("action", tr("aar.action", lang), old.action if old else ""),
                  ("owner", tr("aar.owner", lang), old.owner if old else ""),
                  ("organisation", tr("aar.organisation", lang), old.organisation if old else ""),
                  ("due", tr("hotwash.due_help", lang), old.due if old else "")]
        self.app.push_screen(FormDialog(tr("hotwash.corrective", lang, n=k + 1), fields, lang, save),
                             lambda _: self.redraw())

    def action_edit(self) -> None:
        self.action_corrective(edit=True)

    def action_remove(self) -> None:
        """Take the last corrective action of the chosen goal out of the plan."""
        if self._hot_wash_closed():
            return
        k = self.goal
        mine = [a for a in self.session.debrief.actions.values() if a.goal == k]
        if not mine:
            self.notify(tr("hotwash.no_action", self.oefening.lang), severity="warning")
            return
        self.session.corrective(k, "", "", "", "", ident=mine[-1].id, removed=True)
        self.redraw()

    def action_participant(self) -> None:
        if self._hot_wash_closed():
            return
        ask_participant(self.oefening, self.session, self.redraw)

    def action_report(self) -> None:
        self.notify(tr("hotwash.making", self.oefening.lang), timeout=4)
        self._make_report()

    @work(thread=True, exclusive=True)
    def _make_report(self) -> None:
        from oefening.report.output import write_report

        path = report_path(self.session)
        lang = self.oefening.lang
        try:
            write_report(self.session, path, lang=lang, worlds=self.oefening.report_worlds)
        except OefeningError as error:
            self.app.call_from_thread(self.notify, plain(str(error)), severity="error")
            return
        self.app.call_from_thread(self._reported, path)

    def _reported(self, path: Path) -> None:
        self.session.mark_reported(path)
        self.notify(tr("hotwash.made", self.oefening.lang, path=plain(str(path))), timeout=10)
        self.redraw()

    def action_back(self) -> None:
        self.oefening.show_end()

    def action_language(self) -> None:
        self.oefening.toggle_language()
