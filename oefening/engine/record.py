"""The append-only record of what happened in one run: the single source of truth that the
result, the UI's timeline, the report and the journal read (none of them recomputes the world).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = (
    "event",             # a storyline event fired (by its trigger or by the facilitator)
    "inject",            # a free-text message from the facilitator
    "action",            # the team took an action
    "action_effective",  # an action's effects applied, after its lead time
    "refused",           # a decision that could not be taken, with the reason
    "activate",          # a fallback was activated
    "facility_wait",     # an activated fallback waits for a slot at a facility
    "fallback_ready",    # a fallback counts: lead time passed, its slot held, its needs available
    "fallback_blocked",  # a fallback's lead time passed (or it counted) but its needs are down
    "suppressed",        # a storyline event did not fire: its ``unless`` held when it was due
    "deactivate",        # a fallback was deactivated
    "mtpd_breach",       # a process has been disrupted longer than its MTPD
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing that happened, at ``t`` hours since the start."""

    t: float
    kind: str
    id: str
    detail: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The timeline form of SPEC §4: ``{"t", "kind", "id"}`` plus any detail."""
        return {"t": self.t, "kind": self.kind, "id": self.id, **self.detail}


class Record:
    """Entries in the order they happened; only ever appended to."""

    __slots__ = ("entries",)

    def __init__(self) -> None:
        self.entries: list[Entry] = []

    def add(self, t: float, kind: str, ident: str, **detail: Any) -> Entry:
        assert kind in KINDS, kind
        entry = Entry(t, kind, ident, detail)
        self.entries.append(entry)
        return entry

    def since(self, index: int) -> list[Entry]:
        """Entries from position ``index`` on (what happened since a moment)."""
        return self.entries[index:]

    def __len__(self) -> int:
        return len(self.entries)
