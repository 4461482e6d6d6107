"""The decisions a crisis team (or a plan, or a test) can take, and why one may be refused.

Decisions are plain frozen values with a JSON form, so the journal can record them and a
replay can take them again exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class TakeAction:
    """Take one of the scenario's actions."""

    action: str


@dataclass(frozen=True, slots=True)
class Activate:
    """Activate a fallback, ``organisation/process/fallback``."""

    fallback: str


@dataclass(frozen=True, slots=True)
class Deactivate:
    """Deactivate a fallback, ``organisation/process/fallback``."""

    fallback: str


@dataclass(frozen=True, slots=True)
class Allocate:
    """The coordination gives an active fallback a place of its facility now, instead of first
    come, first served: a free place, else the place of the holder that got its place last
    and was not allocated one; that holder goes to the front of the waiting list."""

    fallback: str


@dataclass(frozen=True, slots=True)
class Prioritise:
    """The coordination orders a facility's waiting list: the fallbacks of these
    organisations first, in this order, the others after; first come, first served within each."""

    facility: str
    organisations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Release:
    """The coordination releases money from its reserve to a team's own budget."""

    team: str
    amount: float


Decision = TakeAction | Activate | Deactivate | Allocate | Prioritise | Release


def decision_to_json(decision: Decision) -> dict[str, Any]:
    match decision:
        case TakeAction(action=a):
            return {"action": a}
        case Activate(fallback=f):
            return {"activate": f}
        case Deactivate(fallback=f):
            return {"deactivate": f}
        case Allocate(fallback=f):
            return {"allocate": f}
        case Prioritise(facility=f, organisations=orgs):
            return {"priority": {"facility": f, "organisations": list(orgs)}}
        case Release(team=t, amount=a):
            return {"release": {"team": t, "amount": a}}
    raise TypeError(f"not a decision: {decision!r}")


def decision_subject(decision: Decision) -> str:
    """The id a decision is about (an action, a fallback, a facility or a team), for the record."""
    match decision:
        case TakeAction(action=a):
            return a
        case Activate(fallback=f) | Deactivate(fallback=f) | Allocate(fallback=f):
            return f
        case Prioritise(facility=f):
            return f
        case Release(team=t):
            return t
    raise TypeError(f"not a decision: {decision!r}")


def decision_from_json(data: Any) -> Decision:
    """The decision of a JSON object; ValueError when it is not one."""
    if isinstance(data, dict) and len(data) == 1:
        ((key, value),) = data.items()
        if isinstance(value, str):
            if key == "action":
                return TakeAction(value)
            if key == "activate":
                return Activate(value)
            if key == "deactivate":
                return Deactivate(value)
            if key == "allocate":
                return Allocate(value)
        if key == "priority" and isinstance(value, dict) and set(value) == {"facility", "organisations"}:
            facility, orgs = value["facility"], value["organisations"]
            if isinstance(facility, str) and isinstance(orgs, list) and all(isinstance(o, str) for o in orgs):
                return Prioritise(facility, tuple(orgs))
        if key == "release" and isinstance(value, dict) and set(value) == {"team", "amount"}:
            team, amount = value["team"], value["amount"]
            if (isinstance(team, str) and isinstance(amount, int | float) and not isinstance(amount, bool)
                    and 0 < amount < 1e15):
                return Release(team, float(amount))
    raise ValueError(f"not a decision: {data!r}")


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a decision cannot be taken now: a code for translations and an English message."""

    code: str  # unknown | unavailable | taken | budget | active | inactive | finished | team | power | full | reserve
    message: str
