"""A storyline inject told again when the facilitator releases it, against the world as it is.

An event's message can reach the players long after the event fired: the facilitator held it,
or the meeting comes hours later. What it says must be true when they read it (the story never
lies), so at release the world chooses the wording anew (:meth:`World.wording`: the variant that
holds now, the figures of now) and says whether that wording still stands: whether what it
presupposes (``expects``) holds, and whether the temporary effects the event itself had (a
service at 85 % "for the coming days") have run out since. Reading it changes nothing; the
durations are the world's own draws (keyed, so drawing again gives the same value).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from oefening.engine.conditions import holds
from oefening.scenario.conditions import Condition

if TYPE_CHECKING:
    from oefening.engine.world import World


@dataclass(frozen=True, slots=True)
class Retelling:
    """The inject's wording at the moment of release, and what no longer stands."""

    event: str
    fired: float                         # when the event fired
    variant: int | None                  # the variant chosen now (None: the inject itself)
    values: dict[str, Any]               # the figures its placeholders quote now
    expects: Condition | None            # what the wording presupposes, None when nothing
    holds: bool                          # whether it does now
    ended: tuple[tuple[int, float], ...]  # (effect index, when it ended) of the event's own
    #                                       temporary effects that have run out by now

    @property
    def stands(self) -> bool:
        """Whether the message can be shown as it is: its premise holds, its effects last."""
        return self.holds and not self.ended

    def detail(self) -> dict[str, Any]:
        """The wording as the journal's ``release`` line and the record's entry keep it."""
        return {"variant": self.variant, "values": dict(self.values)}


def retell(world: World, event_id: str) -> Retelling:
    """The fired event's inject told against the world now. KeyError when it has not fired."""
    event = world.events[event_id]
    fired = world.fired[event_id]
    told, expects = world.wording(event)
    ended = []
    for j, effect in enumerate(event.effects):
        inner = getattr(effect, next(iter(type(effect).model_fields)))
        lasts = getattr(inner, "duration", None)
        if lasts is None:
            continue
        end = fired + world.streams.draw(lasts, f"event:{event_id}:effect:{j}:duration")
        if end <= world.now + 1e-9:
            ended.append((j, end))
    return Retelling(event_id, fired, told.get("variant"), told.get("values", {}), expects,
                     expects is None or holds(expects, world), tuple(ended))
