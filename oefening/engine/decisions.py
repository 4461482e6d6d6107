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


Decision = TakeAction | Activate | Deactivate


def decision_to_json(decision: Decision) -> dict[str, str]:
    match decision:
        case TakeAction(action=a):
            return {"action": a}
        case Activate(fallback=f):
            return {"activate": f}
        case Deactivate(fallback=f):
            return {"deactivate": f}
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
    raise ValueError(f"not a decision: {data!r}")


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a decision cannot be taken now: a code for translations and an English message."""

    code: str  # unknown | unavailable | taken | budget | active | inactive | finished
    message: str
