"""The decisions open to the team: actions and fallbacks with cost, lead time and whether
they can be taken now (with the reason when not), a detail pane saying what the highlighted
one does, and the set the team has chosen but not yet taken.

Space or Enter toggles a decision into the chosen set; the screen takes them (``d``). Rows
are ordered available first; a redraw updates only changed cells unless that order changed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable

from oefening.engine.decisions import (
    Activate,
    Allocate,
    Deactivate,
    Decision,
    Prioritise,
    Refusal,
    Release,
    TakeAction,
)
from oefening.engine.exercise import Option
from oefening.ui.frame import Frame
from oefening.ui.messages import ChoiceRefused, ChosenChanged
from oefening.ui.widgets.table import FlexTable
from oefening.ui.widgets.text import TextPanel
from oefening.words import describe, entries, formats, tr
from oefening.words.plain import text_in

SUMMARY_ITEMS = 3   # decisions of this turn named in the summary under the table


def option_title(option: Option, frame: Frame) -> str:
    """"Activate exit plan", or "Activate: Manual procedure (Paying benefits)"."""
    lang = frame.lang
    match option.decision:
        case TakeAction(action=a):
            return frame.names.actions.get(a, a)
        case Activate(fallback=f) | Deactivate(fallback=f):
            verb = "decision.activate" if isinstance(option.decision, Activate) else "decision.deactivate"
            process = frame.names.processes.get(f.rsplit("/", 1)[0], "")
            organisation = frame.names.organisations.get(f.split("/")[0], "")
            return f"{organisation} · {tr(verb, lang)}: {text_in(option.title, lang)} ({process})"
        case Allocate(fallback=f):   # the coordination's powers (several teams, oefening/ui/teamview.py)
            organisation = frame.names.organisations.get(f.split("/")[0], "")
            return f"{organisation} · {tr('decision.allocate', lang)}: {text_in(option.title, lang)}"
        case Prioritise(facility=f, organisations=orgs):
            return tr("decision.priority", lang, facility=frame.names.facilities.get(f, f),
                      organisations=", ".join(frame.names.organisations.get(o, o) for o in orgs))
        case Release(team=t, amount=a):
            team = next((text_in(x.name, lang) for x in frame.scenario.teams if x.id == t), t)
            return tr("decision.release", lang, amount=formats.money(a, lang), team=team)
    return str(option.decision)


def listed(option: Option, frame: Frame) -> bool:
    """Whether an option that cannot be chosen now is listed to the players: an action not
    yet possible only as the scenario's ``players.unavailable`` says (by default when its
    condition is something the team can see)."""
    if option.refusal is None or option.refusal.code != "unavailable" or not isinstance(option.decision, TakeAction):
        return True
    setting = frame.scenario.players.unavailable
    if setting == "all":
        return True
    if setting == "none":
        return False
    action = frame.scenario.actions
    available = next((a.available for a in action if a.id == option.decision.action), None)
    return available is None or describe.knowable(available, frame.names)


def refusal_text(option: Option, frame: Frame, *, long: bool = False) -> str:
    """The reason an option cannot be taken now, translated; in full with ``long``."""
    refusal = option.refusal
    if refusal is None:
        return tr("decision.available", frame.lang)
    if long and refusal.code == "unavailable" and isinstance(option.decision, TakeAction):
        action = frame.actions.get(option.decision.action)
        if action is not None and action.available is not None:
            return describe.only_while(action.available, frame.names)
    if long and refusal.code == "budget":
        return (f"{entries.refusal('budget', frame.lang)} ({formats.money(option.cost, frame.lang)} > "
                f"{formats.money(frame.snapshot.budget_left, frame.lang)})")
    return entries.refusal(refusal.code, frame.lang)


def option_detail(option: Option, frame: Frame) -> Text:
    """What a decision costs and how long it takes (first: it matters most), whether it is
    possible now, then what it does and when it is available."""
    lang, names = frame.lang, frame.names
    text = Text()
    text.append(option_title(option, frame), style="bold")
    head: list[str] = []
    lines: list[str] = []
    match option.decision:
        case TakeAction(action=a):
            action = frame.actions[a]
            head.append(f"{cost_text(option, lang)} · {lead_text(option, lang)}")
            if action.description is not None:
                lines.append(text_in(action.description, lang))
            if action.effects:
                lines.append(f"{tr('decision.effects', lang)}: {describe.effects(list(action.effects), names)}")
            if action.available is not None and (option.refusal is None or option.refusal.code != "unavailable"):
                lines.append(f"{tr('decision.when', lang)}: {describe.only_while(action.available, names)}")
        case Deactivate(fallback=f):
            # Stopping takes effect at once and costs nothing: it ends the cost per day.
            spec = frame.fallbacks[f]
            if spec.cost_per_day:
                head.append(tr("decision.stop_ends_cost", lang, cost=formats.money(spec.cost_per_day, lang)))
            else:
                head.append(tr("decision.stop_at_once", lang))
            # how many people it has, among the first lines: it says why it runs short
            head.extend(line[:1].upper() + line[1:] for line in staff_lines(f, frame))
        case Activate(fallback=f):
            spec = frame.fallbacks[f]
            extra = (" + " + tr("decision.per_day", lang, cost=formats.money(spec.cost_per_day, lang))
                     if spec.cost_per_day else "")
            head.append(f"{cost_text(option, lang)}{extra} · {lead_text(option, lang, option.lead_factor)}")
            if spec.description is not None:
                lines.append(text_in(spec.description, lang))
            facts = [tr("decision.fallback_of", lang, process=names.processes.get(f.rsplit("/", 1)[0], ""),
                        capacity=formats.percent(spec.capacity, lang))]
            if spec.needs:
                facts.append(tr("decision.needs", lang,
                                services=", ".join(names.services.get(s, s) for s in spec.needs)))
            if spec.facility:
                facts.append(tr("decision.facility", lang, facility=names.facilities.get(spec.facility, "")))
            facts.extend(staff_lines(f, frame))
            lines.append("; ".join(facts))
        case Allocate(fallback=f):
            facility = frame.fallbacks[f].facility or ""
            lines.append(tr("decision.allocate_detail", lang, facility=names.facilities.get(facility, facility)))
        case Prioritise(facility=f):
            lines.append(tr("decision.priority_detail", lang, facility=names.facilities.get(f, f)))
        case Release():
            lines.append(tr("decision.release_detail", lang))
    if option.refusal is not None:
        head.append(tr("decision.cannot_choose", lang, reason=refusal_text(option, frame, long=True)))
    for line in head:
        text.append("\n" + line)
    for line in lines:
        text.append("\n" + line)
    return text


def staff_lines(ref: str, frame: Frame) -> list[str]:
    """A fallback's people, from the snapshot: what it needs from which pool and how many the
    pool holds; once it claims them, how many it has (a share of its need when the pool is
    short) and, when it has none, that it does not work for want of staff."""
    view = next((fb for p in frame.snapshot.processes if p.ref == ref.rsplit("/", 1)[0]
                 for fb in p.fallbacks if fb.ref == ref), None)
    if view is None or view.pool is None or view.staff <= 0.0:
        return []
    lang = frame.lang
    pool = next((pl for pl in frame.snapshot.pools if pl.id == view.pool), None)
    if pool is None:
        return []
    name = frame.names.pools.get(pool.id, pool.id)
    number = partial(formats.number, lang=lang)
    if not view.claims:
        return [tr("decision.staff", lang, needs=number(view.staff), pool=name, people=number(pool.people))]
    lines = [tr("decision.staffed", lang, has=number(view.people), needs=number(view.staff),
                pct=formats.percent(view.people / view.staff, lang), pool=name, people=number(pool.people),
                claimed=number(pool.claimed))]
    if view.people <= 0.0:
        lines.append(tr("decision.understaffed", lang, has=number(view.people), needs=number(view.staff)))
    if pool.order == "criticality":
        lines.append(tr("decision.staff_order", lang, pool=name))
    return lines


def cost_text(option: Option, lang: str) -> str:
    return f"{tr('col.cost', lang)} {formats.money(option.cost, lang)}"


def lead_text(option: Option, lang: str, factor: float = 1.0) -> str:
    lead = f"{tr('col.lead_time', lang)} {formats.lead_time(option.lead_time, lang, factor)}"
    if factor != 1.0:
        lead += f" ({tr('decision.lead_factor', lang, factor=formats.number(factor, lang, 2))})"
    return lead


class DecisionTable(FlexTable):
    """The options, one row each; space or Enter chooses one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "choose", "", show=False),
        Binding("home", "scroll_top", "", show=False),
        Binding("end", "scroll_bottom", "", show=False),
    ]
    COLUMNS = ("mark", "title", "cost", "lead", "now")
    FLEX = "title"
    LABELS = ("", "col.decision", "col.cost", "col.lead_time", "col.status")
    WIDTHS = {"mark": 3, "cost": 11, "lead": 8, "now": 10}  # noqa: RUF012

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.chosen: dict[str, None] = {}   # an ordered set: decisions are taken in the order chosen
        self.frame: Frame | None = None
        self._order: list[str] = []
        self._lang: str | None = None

    def show(self, frame: Frame) -> None:
        self.frame = frame
        self.chosen = {k: None for k in self.chosen if k in frame.options and frame.options[k].available}
        order = [k for k, o in frame.options.items() if o.available]
        order += [k for k, o in frame.options.items() if not o.available and listed(o, frame)]
        if frame.lang != self._lang or order != self._order:
            self.rebuild(order)
            return
        for key in order:
            option = frame.options[key]
            self.update_cells(key, self._signature(key, option, frame), partial(self._cells, key, option, frame))
        self.flush()

    def _signature(self, key: str, option: Option, frame: Frame) -> tuple[object, ...]:
        decision = option.decision
        factor = option.lead_factor
        code = option.refusal.code if option.refusal is not None else None
        return (key in self.chosen, code, option.cost, type(decision), factor)

    def _cells(self, key: str, option: Option, frame: Frame) -> tuple[Text, ...]:
        lang = frame.lang
        dim = "dim" if not option.available else ""
        if key in self.chosen:
            mark = Text("[x]", style="bold green")
        elif option.available:
            mark = Text("[ ]")
        elif option.refusal is not None and option.refusal.code in ("taken", "active"):
            mark = Text(" ✔ ", style="green")
        else:
            mark = Text(" — ", style="dim")
        decision = option.decision
        factor = option.lead_factor
        if option.refusal is None:
            now = Text(tr("decision.available", lang), style="green")
        else:
            now = Text(tr(f"short.{option.refusal.code}", lang), style="dim")
        return (
            mark,
            # the whole name, wrapped at word boundaries: two decisions never look alike
            Text(option_title(option, frame), style="bold" if key in self.chosen else dim),
            Text(formats.money(option.cost, lang), style=dim, justify="right"),
            Text(tr("decision.at_once", lang) if isinstance(decision, Deactivate)
                 else formats.lead_time(option.lead_time, lang, factor, short=True), style=dim, justify="right"),
            now,
        )

    def rebuild(self, order: list[str] | None = None) -> None:
        """Build the rows again, in ``order`` when given; the cursor stays on its decision."""
        frame = self.frame
        if frame is None:
            return
        cursor_key = self.current()
        if order is not None:
            self._order = order
        self._lang = self.lang = frame.lang
        self.set_columns([tr(label, frame.lang) if label else "" for label in self.LABELS], rows=len(self._order))
        for key in self._order:
            option = frame.options[key]
            self.add_cells(key, self._signature(key, option, frame), partial(self._cells, key, option, frame),
                           height=None)
        self.show_rows()
        # The cursor stays on its decision while that can still be taken; else it goes to the top,
        # where the decisions open now are.
        if cursor_key in self._order and frame.options[cursor_key].available:
            self.move_to_key(cursor_key)
        else:
            self.move_to(0)

    def current_order(self) -> list[str]:
        """The option keys in the order of the rows."""
        return list(self._order)

    def current(self) -> str | None:
        """The option key under the cursor."""
        return self.key_at(self.cursor_row) if self.row_count else None

    def action_choose(self) -> None:
        """Toggle the decision under the cursor in or out of the chosen set."""
        key = self.current()
        frame = self.frame
        if key is None or frame is None:
            return
        option = frame.options[key]
        if not option.available:
            self.post_message(ChoiceRefused(option_title(option, frame), refusal_text(option, frame, long=True)))
            return
        if self.chosen.pop(key, 0) == 0:
            self.chosen[key] = None
        self.update_cells(key, self._signature(key, option, frame), partial(self._cells, key, option, frame))
        self.flush()
        self.post_message(ChosenChanged(frozenset(self.chosen)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_choose()

    def clear_chosen(self) -> None:
        """Forget the chosen set (after the screen took the decisions)."""
        self.chosen.clear()


def take_chosen(table: DecisionTable, frame: Frame, decide: Callable[[Decision], Refusal | None],
                notify: Callable[..., None]) -> int:
    """Take the decisions chosen in ``table`` in the order chosen, each through ``decide`` (the
    session's, which journals it), forget the chosen set and say in one message what was taken
    (and in another what was refused, with the reason); how many were taken."""
    lang = frame.lang
    taken: list[str] = []
    refused: list[str] = []
    for key in [k for k in table.chosen if k in frame.options]:
        option = frame.options[key]
        refusal = decide(option.decision)
        if refusal is None:
            taken.append(option_title(option, frame))
        else:
            reason = entries.refusal(refusal.code, lang)
            refused.append(tr("decision.refused", lang, title=option_title(option, frame), reason=reason))
    table.clear_chosen()
    # one message for the lot, not a pile of toasts over the panels
    if taken:
        notify("\n".join(f"✔ {title}" for title in taken), title=tr("decision.taken_n", lang, n=len(taken)),
               timeout=4)
    if refused:
        notify("\n".join(refused), severity="error")
    return len(taken)


class DecisionPanel(Vertical):
    """The decision table, the detail of the highlighted decision and the chosen set."""

    def compose(self) -> ComposeResult:
        yield DecisionTable(id="decision-table")
        # The detail follows the cursor: it is read, not worked in, so Tab skips it.
        box = VerticalScroll(id="decision-detail-box")
        box.can_focus = False
        with box:
            yield TextPanel(id="decision-detail")
        yield TextPanel(id="decision-summary")

    @property
    def table(self) -> DecisionTable:
        return self.query_one(DecisionTable)

    def show(self, frame: Frame) -> None:
        self.table.show(frame)
        self._detail()
        self._summary()

    def _detail(self) -> None:
        table = self.table
        key = table.current()
        frame = table.frame
        if key is None or frame is None:
            self.query_one("#decision-detail", TextPanel).show_text(Text())
            return
        self.query_one("#decision-detail", TextPanel).show_text(option_detail(frame.options[key], frame))

    def _summary(self) -> None:
        table = self.table
        frame = table.frame
        if frame is None:
            return
        lang = frame.lang
        text = Text()
        if table.chosen:
            cost = sum(frame.options[k].cost for k in table.chosen)
            text.append(tr("decision.chosen", lang, n=len(table.chosen), cost=formats.money(cost, lang)),
                        style="bold green")
            budget = frame.snapshot.budget_left
            if budget is not None and cost > budget + 1e-9:
                text.append(f" — {tr('decision.over_budget', lang)}", style="bold red")
        else:
            text.append(tr("decision.none_chosen", lang), style="dim")
        decided = frame.decided_now()
        if decided:
            # a few by name, the rest counted: the list must not push the table out of sight
            named = [entries.decided(entries.tell(e, frame.names), lang, verb=False, short=True) for e in decided]
            items = ", ".join(named[:SUMMARY_ITEMS])
            if len(named) > SUMMARY_ITEMS:
                items += f" {tr('undo.more', lang, n=len(named) - SUMMARY_ITEMS)}"
            text.append("\n")
            text.append(tr("decision.taken_this_turn", lang, items=items), style="green")
        self.query_one("#decision-summary", TextPanel).show_text(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()

    def on_chosen_changed(self, event: ChosenChanged) -> None:
        self._summary()
