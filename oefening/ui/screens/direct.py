"""The facilitator's direction dialog (``f``): what only the facilitator sees and decides.

- the storyline injects that have reached the facilitator but not the players: release
  (``r``), hold back (``h``), reword (``e``) or drop (``x``) the highlighted one;
- the discussion questions of this turn (the scenario's, for this meeting and for the events
  that fired since the last one), and a field for one's own: Enter puts it to the team;
- the discussion timer (``t`` starts and pauses it);
- the storyline ahead: every event that has not fired, with when or on what it will.

Everything goes through the session, which journals it first; the players' view
(``oefening show``) reads the same journal and shows only what was released and asked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from oefening.engine.retell import Retelling
from oefening.scenario.model import Event
from oefening.ui.screens.dialog import Dialog
from oefening.ui.screens.form import FormDialog
from oefening.ui.screens.premise import PremiseDialog, stale, why_not
from oefening.ui.widgets.feed import SEVERITY
from oefening.words import formats as present
from oefening.words import story, tr
from oefening.words.describe import Names, condition
from oefening.words.plain import plain, text_in

if TYPE_CHECKING:
    from oefening.journal.session import Session
    from oefening.journal.staging import Staged

EPS = 1e-9


def wording_now(session: Session, staged: Staged, names: Names) -> tuple[str, str, Retelling | None]:
    """The title and text the players would read if it were released now: the facilitator's
    wording, else the scenario's as the world words it now (the variant and figures of this
    moment, :meth:`Session.retelling`), with that retelling (None when reworded)."""
    if staged.title is not None:
        return plain(staged.title), plain(staged.text or ""), None
    inject = session.exercise.world.events[staged.event].inject
    retold = session.retelling(staged.event)
    if inject is None or retold is None:
        return staged.event, "", None
    told = story.told(inject, retold.detail(), names)
    return told.title, told.text, retold


def questions_now(session: Session, lang: str) -> list[tuple[str, str | None]]:
    """The scenario's questions for this meeting: (text, event) for the turn's own and for the
    events whose inject reached the facilitator since the last meeting."""
    exercise = session.exercise
    meeting = exercise.turn + 1
    since = exercise.now - session.scenario.turn if exercise.turn else -1.0
    out: list[tuple[str, str | None]] = [
        (text_in(q.text, lang), None) for q in session.scenario.questions if q.turn == meeting]
    fired = exercise.world.fired
    for event in session.scenario.events:
        at = fired.get(event.id)
        if at is not None and at > since + EPS:
            out += [(text_in(q, lang), event.id) for q in event.questions]
    return out


def trigger_text(event: Event, session: Session, names: Names) -> str:
    """When or on what an event that has not fired will: its drawn time, the event it follows,
    its condition, or by hand; with its chance when it may not happen at all."""
    lang = names.lang
    world = session.exercise.world
    start = session.scenario.start
    at = world.scheduled.get(event.id)
    if at is not None:
        random = (event.at is not None and not isinstance(event.at, int | float)) or event.after is not None
        words = tr("ahead.at_about" if random else "ahead.at", lang, time=present.moment(start, at, lang, year=False))
    elif event.after is not None:
        words = tr("ahead.after", lang, delay=present.lead_time(event.after.delay, lang, short=True),
                   event=names.events.get(event.after.event, event.after.event))
    elif event.when is not None:
        words = tr("ahead.when", lang, condition=condition(event.when, names))
    else:
        words = tr("ahead.manual", lang)
    if event.probability < 1:
        words += f" · {tr('ahead.chance', lang, p=present.percent(event.probability, lang))}"
    return words


def for_facilitator(event: Event, lang: str) -> list[str]:
    """What the MSEL says only the facilitator reads: who receives the inject, what the
    players are expected to do, the notes (never shown on the players' view)."""
    inject = event.inject
    lines = []
    if inject is not None and inject.to:
        lines.append(tr("direct.to", lang, to=plain(inject.to)))
    if inject is not None and inject.expected_action:
        lines.append(tr("direct.expected", lang, action=plain(inject.expected_action)))
    if event.notes:
        lines.append(tr("direct.notes", lang, notes=plain(event.notes)))
    return lines


def ahead_text(session: Session, names: Names) -> Text:
    """The storyline ahead, in the order it will most likely come: timed events by time, then
    the ones that wait for a condition, then the ones only fired by hand."""
    lang = names.lang
    world = session.exercise.world
    waiting = [e for e in session.scenario.events if e.id not in world.fired]
    if not waiting:
        return Text(tr("direct.nothing_ahead", lang), style="dim")

    def order(event: Event) -> tuple[int, float]:
        at = world.scheduled.get(event.id)
        if at is not None:
            return (0, at)
        return (1 if event.manual is False else 2, 0.0)

    text = Text()
    for event in sorted(waiting, key=order):
        if text:
            text.append("\n")
        if event.inject is not None:
            mark, style = SEVERITY.get(event.inject.severity, ("ℹ", ""))
            text.append(f"{mark} ", style=style)
            text.append(text_in(event.inject.title, lang), style="bold")
        else:
            text.append(f"· {names.events.get(event.id, event.id)} ", style="bold")
            text.append(tr("ahead.silent", lang), style="dim")
        text.append(f"  ({event.id})\n", style="dim")
        text.append(f"    {trigger_text(event, session, names)}", style="italic")
        for line in for_facilitator(event, lang):
            text.append(f"\n    {line}", style="dim")
    return text


class DirectionDialog(Dialog[None]):
    """Release, hold, reword or drop injects; put questions; the timer; the storyline ahead."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f", "close", show=False),
        Binding("r", "direct('release')", show=False),
        Binding("h", "direct('hold')", show=False),
        Binding("x", "direct('drop')", show=False),
        Binding("e", "edit", show=False),
        Binding("t", "timer", show=False),
    ]

    def __init__(self, session: Session, names: Names, timer: Callable[[], None],
                 timer_text: Callable[[], str]) -> None:
        super().__init__()
        self.session = session
        self.names = names
        self.lang = names.lang
        self._toggle_timer = timer
        self._timer_text = timer_text

    def compose(self) -> ComposeResult:
        lang = self.lang
        with VerticalScroll(classes="dialog-box wide", id="direct-box"):
            yield Static(tr("direct.heading", lang), classes="heading")
            yield Static(id="direct-timer")
            yield Label(tr("direct.waiting", lang), classes="subheading")
            yield OptionList(id="direct-waiting")
            yield Static(tr("direct.hint", lang), classes="hint")
            yield Label(tr("direct.questions", lang), classes="subheading")
            yield OptionList(id="direct-questions")
            yield Label(tr("direct.own_question", lang))
            yield Input(id="direct-question")
            yield Label(tr("direct.ahead", lang), classes="subheading")
            yield Static(id="direct-ahead")

    def on_mount(self) -> None:
        self.refresh_lists()
        self.query_one("#direct-waiting", OptionList).focus()
        self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        self.query_one("#direct-timer", Static).update(Text(self._timer_text()))

    def refresh_lists(self) -> None:
        session, lang = self.session, self.lang
        start = session.scenario.start
        waiting = self.query_one("#direct-waiting", OptionList)
        highlighted = waiting.highlighted
        # the highlight stays on its inject (held ones move down the list); gone, on its place
        kept = (waiting.get_option_at_index(highlighted).id
                if highlighted is not None and highlighted < waiting.option_count else None)
        waiting.clear_options()
        for staged in session.staging.waiting():
            inject = session.exercise.world.events[staged.event].inject
            mark, style = SEVERITY.get(inject.severity if inject is not None else "info", ("ℹ", ""))
            label = Text()
            label.append(tr(f"stage.{staged.state}", lang), style="bold yellow")
            label.append(f"  {present.moment(start, staged.t, lang, year=False)}  ", style="dim")
            label.append(f"{mark} ", style=style)
            title, _, retold = wording_now(session, staged, self.names)
            label.append(title, style="bold")
            if staged.title is not None:
                label.append(f" ({tr('stage.edited', lang)})", style="dim")
            elif retold is not None and not retold.stands:
                label.append(f"  ⚠ {tr('direct.stale', lang)}", style="bold red")
            for line in for_facilitator(session.exercise.world.events[staged.event], lang):
                label.append(f"\n    {line}", style="dim")
            waiting.add_option(Option(label, id=staged.event))
        if not session.staging.waiting():
            waiting.add_option(Option(Text(tr("direct.none_waiting", lang), style="dim"), id="-", disabled=True))
        else:
            ids = [staged.event for staged in session.staging.waiting()]
            waiting.highlighted = ids.index(kept) if kept in ids else min(highlighted or 0, waiting.option_count - 1)
        questions = self.query_one("#direct-questions", OptionList)
        asked_at = questions.highlighted
        questions.clear_options()
        asked = {(a.text, a.event) for a in session.staging.asked if a.turn == session.exercise.turn}
        found = questions_now(session, lang)
        for i, (text, event) in enumerate(found):
            label = Text()
            label.append("✔ " if (text, event) in asked else "? ", style="green" if (text, event) in asked else "bold")
            label.append(plain(text))
            if event is not None:
                label.append(f"  ({self.names.events.get(event, event)})", style="dim")
            questions.add_option(Option(label, id=f"q{i}"))
        if not found:
            questions.add_option(Option(Text(tr("direct.no_questions", lang), style="dim"), id="-", disabled=True))
        else:
            questions.highlighted = min(asked_at or 0, len(found) - 1)
        self._questions = found
        self.query_one("#direct-ahead", Static).update(ahead_text(session, self.names))
        self._tick()

    def _highlighted(self) -> Staged | None:
        waiting = self.query_one("#direct-waiting", OptionList)
        if waiting.highlighted is None:
            return None
        option = waiting.get_option_at_index(waiting.highlighted)
        return self.session.staging.injects.get(option.id or "")

    def action_direct(self, kind: str) -> None:
        staged = self._highlighted()
        if staged is None:
            self.notify(tr("direct.cannot", self.lang), severity="warning")
            return
        title, body, retold = wording_now(self.session, staged, self.names)
        if kind == "release" and retold is not None and (
                not retold.stands or stale(retold, self.session.scenario, self.session.exercise.now)):
            self._ask_premise(staged, title, body, retold)
            return
        self._do(kind, staged, title)

    def _ask_premise(self, staged: Staged, title: str, body: str, retold: Retelling) -> None:
        """The inject no longer matches the world: release anyway, reword first, drop or back."""
        event = self.session.exercise.world.events[staged.event]
        reasons = why_not(retold, event, self.session.scenario, self.names, self.session.exercise.now)

        def answer(choice: str | None) -> None:
            if choice == "edit":
                self._edit(staged, then_release=True)
            elif choice in ("release", "drop"):
                self._do(choice, staged, title)

        self.app.push_screen(PremiseDialog(title, body, reasons, self.lang, certain=not retold.stands), answer)

    def _do(self, kind: str, staged: Staged, title: str) -> None:
        done = getattr(self.session, kind)(staged.event)
        if not done:
            self.notify(tr("direct.cannot", self.lang), severity="warning")
            return
        word = {"release": "direct.released", "hold": "direct.held", "drop": "direct.dropped"}[kind]
        self.notify(tr(word, self.lang, title=title), timeout=3)
        self.refresh_lists()

    def action_edit(self) -> None:
        staged = self._highlighted()
        if staged is None:
            self.notify(tr("direct.cannot", self.lang), severity="warning")
            return
        self._edit(staged)

    def _edit(self, staged: Staged, *, then_release: bool = False) -> None:
        """Reword the inject, starting from the wording it would have now; ``then_release``:
        show it to the players once saved (the facilitator reworded it to be true)."""
        session, lang = self.session, self.lang
        title_now, text, _ = wording_now(session, staged, self.names)
        event = staged.event

        def save(values: dict[str, str] | None) -> None:
            if values is None:
                return
            title = values["title"].strip()
            if session.edit(event, title, values["text"].strip()):
                self.notify(tr("direct.edited", lang, title=title), timeout=3)
                if then_release:
                    self._do("release", staged, title)
                    return
            else:
                self.notify(tr("direct.cannot", lang), severity="warning")
            self.refresh_lists()

        fields = [("title", tr("inject.title", lang), title_now),
                  ("text", tr("inject.text", lang), text)]
        self.app.push_screen(FormDialog(tr("direct.edit_heading", lang), fields, lang,
                                        required={"title": tr("inject.need_title", lang)}), save)

    def action_timer(self) -> None:
        self._toggle_timer()
        self._tick()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id != "direct-questions" or not (event.option.id or "").startswith("q"):
            return
        text, about = self._questions[int(str(event.option.id)[1:])]
        self._ask(text, about)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if text:
            self._ask(text, None)
            event.input.value = ""

    def _ask(self, text: str, about: str | None) -> None:
        self.session.ask(text, about)
        self.notify(tr("direct.question_put", self.lang, text=text), timeout=3)
        self.refresh_lists()

    def action_close(self) -> None:
        self.dismiss(None)
