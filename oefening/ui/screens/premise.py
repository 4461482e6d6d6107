"""The facilitator is about to release an inject the world no longer bears out.

An inject held back (or waiting since the last meeting) is worded anew at release; when even
that wording presupposes something that no longer holds (its ``expects``), or the event's own
temporary effects have run out ("for the coming days the platform runs at 80 %" while it is
back at 100 %), the players must not read it as news without the facilitator knowing. This
dialog shows the message as it would read now and why it no longer stands, and lets the
facilitator release it anyway (``r``), reword it first (``e``), drop it (``x``) or go back
(Escape, as the hint says). Its result is ``"release"``, ``"edit"``, ``"drop"`` or None.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from oefening.engine.retell import Retelling
from oefening.scenario.model import Event, Scenario
from oefening.ui.screens.dialog import Dialog
from oefening.words import formats as present
from oefening.words import tr
from oefening.words.describe import Names, condition, effect
from oefening.words.plain import text


def why_not(retold: Retelling, event: Event, scenario: Scenario, names: Names, now: float) -> list[str]:
    """Why the inject may no longer be true, one sentence per reason, in the language of
    ``names``: its premise fails, its own effect is over, or it waited longer than a turn
    (what it says of "now", "at midnight", "within 24 hours", was said when it fired)."""
    lang = names.lang
    out = []
    if not retold.holds and retold.expects is not None:
        out.append(tr("premise.expects", lang, condition=condition(retold.expects, names)))
    for j, end in retold.ended:
        out.append(tr("premise.ended", lang, effect=effect(event.effects[j], names),
                      time=present.moment(scenario.start, end, lang, year=False)))
    if stale(retold, scenario, now):
        out.append(tr("premise.old", lang, ago=present.duration(now - retold.fired, lang),
                      time=present.moment(scenario.start, retold.fired, lang, year=False)))
    return out


def stale(retold: Retelling, scenario: Scenario, now: float) -> bool:
    """Whether the inject waited longer than one turn since its event fired: the players read
    it as news of this meeting, so the facilitator is asked first."""
    return now - retold.fired > scenario.turn + 1e-9


class PremiseDialog(Dialog[str | None]):
    """Release anyway, reword, drop or go back: an inject whose premise no longer holds."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(None)", show=False),
        Binding("r", "answer('release')", show=False),
        Binding("e", "answer('edit')", show=False),
        Binding("x", "answer('drop')", show=False),
    ]

    def __init__(self, title: str, body: str, reasons: list[str], lang: str, *, certain: bool = True) -> None:
        """``certain``: its premise fails or its effect is over (else it only waited long)."""
        super().__init__()
        self.certain = certain
        self.title_now = title
        self.body = body
        self.reasons = reasons
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        with VerticalScroll(classes="dialog-box wide", id="premise-box"):
            yield Static(tr("premise.heading" if self.certain else "premise.heading_old", lang), classes="heading")
            yield Static(text(self.title_now), classes="question", id="premise-title")
            if self.body:
                yield Static(text(self.body), classes="question", id="premise-text")
            yield Static(text("\n".join(f"⚠ {reason}" for reason in self.reasons)), classes="question",
                         id="premise-why")
            yield Static(tr("premise.keys", lang), classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(tr("premise.release", lang), variant="warning", id="release")
                yield Button(tr("premise.edit", lang), variant="primary", id="edit")
                yield Button(tr("premise.drop", lang), id="drop")

    def on_mount(self) -> None:
        self.query_one("#edit", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id)

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
