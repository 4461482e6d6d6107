"""The facilitator's stage directions: which storyline injects the players have been shown
(released, perhaps reworded), which are held back or dropped, the discussion questions put to
the team and the per-turn discussion timer.

None of it changes the simulation: a storyline event fires when the world says so and changes
the world at once (the story never lies), but its *message* reaches the players only once the
facilitator releases it. Every direction is a journal line (``release``, ``hold``, ``edit``,
``drop``, ``question``, ``timer``; see ``docs/journal.md``), taken at a turn boundary like an
input, so an undo takes it back with the turn and a replay rebuilds exactly what the players
saw. :class:`Staging` is that state, rebuilt line by line by the session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from oefening.journal.format import Line

DUE, HELD, RELEASED, DROPPED = "due", "held", "released", "dropped"
DIRECTIONS = ("release", "hold", "edit", "drop")
# what each direction may follow: a released inject has been read, a dropped one is gone
ALLOWED = {
    "release": (DUE, HELD),
    "hold": (DUE,),
    "edit": (DUE, HELD),
    "drop": (DUE, HELD),
}
AFTER = {"release": RELEASED, "hold": HELD, "drop": DROPPED}


@dataclass(slots=True)
class Staged:
    """One storyline inject that has reached the facilitator (its event fired)."""

    event: str
    t: float                          # when the event fired
    state: str = DUE                  # due | held | released | dropped
    title: str | None = None          # the facilitator's wording, when edited
    text: str | None = None
    released_at: float | None = None  # when the players got it
    told: dict[str, Any] | None = None  # the wording chosen at release (variant, values); None: at firing


@dataclass(frozen=True, slots=True)
class Asked:
    """A discussion question put to the team."""

    turn: int
    t: float
    text: str
    event: str | None = None   # the event it is about, when it came with one


@dataclass(frozen=True, slots=True)
class Timer:
    """The discussion timer of the current turn, as of its last journal line.

    ``left`` seconds were left at wall-clock time ``clock`` (seconds since the epoch);
    while it runs, the time left is ``left - (now - clock)``, never below 0.
    """

    running: bool
    left: float
    clock: float

    def remaining(self, now: float) -> float:
        if not self.running:
            return max(0.0, self.left)
        return max(0.0, self.left - max(0.0, now - self.clock))


@dataclass(slots=True)
class Staging:
    """What the facilitator did with the messages, questions and timer (from the course)."""

    injects: dict[str, Staged] = field(default_factory=dict)   # by event id, in firing order
    asked: list[Asked] = field(default_factory=list)
    timer: Timer | None = None   # of the current turn; None when it has not been started

    def arrived(self, event: str, t: float) -> None:
        """A storyline event with an inject fired: its message waits for the facilitator."""
        if event not in self.injects:
            self.injects[event] = Staged(event, t)

    def problem(self, kind: str, event: str) -> str | None:
        """Why a direction cannot be given now, or None."""
        staged = self.injects.get(event)
        if staged is None:
            return f"no inject of event {event!r} has reached the facilitator"
        if staged.state not in ALLOWED[kind]:
            return f"the inject of event {event!r} is {staged.state}; it cannot be given {kind!r}"
        return None

    def apply(self, line: Line) -> None:
        """Take one direction into account; ValueError when it cannot follow."""
        data: dict[str, Any] = line.data
        kind = line.type
        if kind in DIRECTIONS:
            event = str(data["event"])
            why = self.problem(kind, event)
            if why is not None:
                raise ValueError(why)
            staged = self.injects[event]
            if kind == "edit":
                staged.title, staged.text = str(data["title"]), str(data["text"])
            else:
                staged.state = AFTER[kind]
                if kind == "release":
                    staged.released_at = line.t
                    if "variant" in data:   # worded against the world at release (older journals: as at firing)
                        staged.told = {"variant": data["variant"], "values": dict(data.get("values") or {})}
        elif kind == "question":
            self.asked.append(Asked(line.turn, line.t, str(data["text"]), data.get("event")))
        elif kind == "timer":
            self.timer = Timer(bool(data["running"]), float(data["left"]), float(data["clock"]))

    def next_turn(self) -> None:
        """A new meeting: the timer starts afresh."""
        self.timer = None

    def waiting(self) -> list[Staged]:
        """Injects the players have not seen and that were not dropped (due first, then held)."""
        out = [s for s in self.injects.values() if s.state in (DUE, HELD)]
        return sorted(out, key=lambda s: (s.state != DUE, s.t))

    def states(self) -> dict[str, str]:
        return {event: staged.state for event, staged in self.injects.items()}
