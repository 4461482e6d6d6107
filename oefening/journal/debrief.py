"""The hot wash and who took part: participants and their roles, per learning goal what went
well, what did not and an HSEEP rating, and the corrective actions of the improvement plan.

All of it is journalled as lines of its own (``participant``, ``finding``, ``corrective``,
``reported``), kept whatever is undone and never replayed into the simulation: they are
what people said about the exercise, not part of it. A later line with the same id (or the
same goal) replaces an earlier one, and ``removed: true`` takes a participant or an action
out, so the hot wash stays editable with an append-only journal, until a ``reported`` line
says the after-action report was made from it; after that the session refuses changes.
Journals written before these lines existed simply have none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oefening.journal.format import Line

# HSEEP's four ratings of how a capability (here: a learning goal) was performed; the journal
# keeps the code, the words are in oefening/words/table.py (aar.rating.P …)
RATINGS = ("P", "S", "M", "U")
DEBRIEF = ("participant", "finding", "corrective", "reported")


@dataclass(frozen=True, slots=True)
class Participant:
    """Someone at the table, the role they took and the organisation they came from."""

    id: str
    name: str
    role: str
    organisation: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """What the hot wash found for one learning goal (``goal``: its index in the scenario)."""

    goal: int
    rating: str | None = None       # P, S, M or U; None: not rated yet
    strengths: str = ""             # what went well
    improvements: str = ""          # what did not (areas for improvement)
    evidence: tuple[int, ...] = ()  # the numbers (1, 2, …) of the decisions taken that bear on it


@dataclass(frozen=True, slots=True)
class Corrective:
    """One row of the improvement plan: what is to be done, by whom, for which goal, by when."""

    id: str
    goal: int
    action: str
    owner: str
    organisation: str
    due: str                        # ISO date, YYYY-MM-DD


@dataclass(slots=True)
class Debrief:
    """The hot wash as it stands after every line read so far."""

    participants: dict[str, Participant] = field(default_factory=dict)
    findings: dict[int, Finding] = field(default_factory=dict)
    actions: dict[str, Corrective] = field(default_factory=dict)
    reported: str | None = None     # where the report was written; then the hot wash is closed

    def add(self, line: Line) -> None:
        """Take one debrief line into account (its shape is checked when the journal is read)."""
        data = line.data
        kind = line.type
        if kind == "participant":
            if data.get("removed"):
                self.participants.pop(data["id"], None)
            else:
                self.participants[data["id"]] = Participant(
                    data["id"], data["name"], data["role"], data.get("organisation") or "")
        elif kind == "finding":
            self.findings[data["goal"]] = Finding(
                data["goal"], data.get("rating"), data.get("strengths", ""), data.get("improvements", ""),
                tuple(data.get("evidence", ())))
        elif kind == "corrective":
            if data.get("removed"):
                self.actions.pop(data["id"], None)
            else:
                self.actions[data["id"]] = Corrective(
                    data["id"], data["goal"], data["action"], data["owner"], data["organisation"], data["due"])
        elif kind == "reported":
            self.reported = data["path"]

    def next_id(self, prefix: str, taken: dict[str, object]) -> str:
        """``p1``, ``p2``… / ``a1``, ``a2``…: the first id of ``prefix`` not used yet."""
        n = len(taken) + 1
        while f"{prefix}{n}" in taken:
            n += 1
        return f"{prefix}{n}"


def valid_date(value: object) -> bool:
    """An ISO date (YYYY-MM-DD)."""
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10
