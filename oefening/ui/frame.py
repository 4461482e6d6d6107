"""One redraw's worth of state, read once from the session and handed to every panel.

The turn screen reads the snapshot and the options once per change and passes this frozen
:class:`Frame` to its panels, so a redraw of 500 processes asks the engine once, and no panel
ever talks to the engine or the journal itself (only the screen changes state, through the
session). A frame carries no live engine object: panels show what the snapshot, the options,
the record and the scenario say. Also the few things the engine's views leave out that the
UI shows: which decisions were taken at this turn boundary, and where "new this turn" begins.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from oefening.engine.decisions import Activate, Deactivate, Decision, TakeAction, decision_to_json
from oefening.engine.exercise import Option
from oefening.engine.record import Entry
from oefening.engine.snapshot import Snapshot
from oefening.journal.staging import RELEASED, Staging
from oefening.scenario.model import Action, Fallback, Scenario
from oefening.words.describe import Names

if TYPE_CHECKING:
    from oefening.journal.session import Session

DECISION_KINDS = ("action", "activate", "deactivate")
EPS = 1e-9


def players_record(entries: list[Entry], staging: Staging) -> list[Entry]:
    """What the players may read of the record: storyline injects only once released, in the
    facilitator's wording and at the moment of release, and nothing of events without a
    message; the facilitator's own injects and the team's decisions as they are."""
    out: list[Entry] = []
    for entry in entries:
        if entry.kind != "event":
            out.append(entry)
            continue
        staged = staging.injects.get(entry.id)
        if staged is None or staged.state != RELEASED:
            continue
        out.append(worded(entry, staging, staged.released_at))
    return sorted(out, key=lambda e: e.t)  # stable: a released inject takes its place at release


def worded(entry: Entry, staging: Staging, t: float | None = None) -> Entry:
    """A storyline event's entry as the players read it: in the wording the world chose when
    it was released (the variant and figures of that moment, not of the firing), in the
    facilitator's when reworded (the title and text in its detail), at ``t`` when given (the
    moment it was released)."""
    staged = staging.injects.get(entry.id) if entry.kind == "event" else None
    if staged is None or (staged.title is None and staged.told is None and t is None):
        return entry
    detail = dict(entry.detail)
    if staged.told is not None:
        detail.pop("variant", None)
        detail.pop("values", None)
        if staged.told["variant"] is not None:
            detail["variant"] = staged.told["variant"]
        if staged.told["values"]:
            detail["values"] = staged.told["values"]
    if staged.title is not None:
        detail.update(title=staged.title, text=staged.text or "")
    return Entry(entry.t if t is None else t, entry.kind, entry.id, detail)


def option_key(decision: Decision) -> str:
    """A stable row key for a decision: an action, or a fallback whatever its direction, or
    one of the coordination's powers by what it decides."""
    match decision:
        case TakeAction(action=a):
            return f"action:{a}"
        case Activate(fallback=f) | Deactivate(fallback=f):
            return f"fallback:{f}"
    return json.dumps(decision_to_json(decision), sort_keys=True)


@dataclass(frozen=True)
class Frame:
    """What the turn screen shows at one moment."""

    lang: str
    names: Names
    scenario: Scenario
    snapshot: Snapshot
    options: dict[str, Option]            # by option_key, in the engine's order
    trend: list[tuple[float, float, float]]
    record: list[Entry]                   # the exercise's record (read only; a new list after an undo)
    new_after: float                      # entries later than this are "new this turn"
    turns: int                            # how many turns the exercise has
    horizon: float                        # hours
    finished: bool                        # the exercise reached its horizon
    actions: dict[str, Action]            # the scenario's actions by id
    fallbacks: dict[str, Fallback]        # the scenario's fallbacks by ref (org/process/id)
    staging: Staging = field(default_factory=Staging)   # what the facilitator released, held, asked
    players: bool = False                 # the players' view: only what the players may know

    @classmethod
    def read(cls, session: Session, lang: str, names: Names, *, players: bool = False) -> Frame:
        exercise = session.exercise
        turn_length = exercise.scenario.turn
        now = exercise.now
        new_after = -1.0 if exercise.turn == 0 else now - turn_length + EPS
        record = exercise.world.record.entries
        if players:
            record = players_record(record, session.staging)
        return cls(
            lang=lang,
            names=names,
            scenario=exercise.scenario,
            snapshot=exercise.snapshot(),
            options={option_key(o.decision): o for o in exercise.options()},
            trend=list(session.trend),
            record=record,
            new_after=new_after,
            turns=exercise.turns,
            horizon=exercise.horizon,
            finished=exercise.finished,
            actions={a.id: a for a in exercise.scenario.actions},
            fallbacks=dict(exercise.scenario.fallbacks()),
            staging=session.staging,
            players=players,
        )

    @property
    def start(self) -> datetime:
        return self.scenario.start

    @property
    def now(self) -> float:
        return self.snapshot.t

    def decided_now(self) -> list[Entry]:
        """Decisions taken at this turn boundary (before the next advance)."""
        out: list[Entry] = []
        for entry in reversed(self.record):
            if entry.t < self.now - EPS:
                break
            if entry.kind in DECISION_KINDS:
                out.append(entry)
        return out[::-1]
