"""The plan format (SPEC §2): rules that take the decisions without people.

A rule has ``when: CONDITION`` or ``at: DURATION`` and a list ``do`` of action ids,
``{activate: FALLBACK}`` and ``{deactivate: FALLBACK}``. It fires once, at the first turn
boundary where it holds; ``repeat: true`` lets it fire again each time it holds anew.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from oefening.scenario.base import Duration, Id, Strict, Text
from oefening.scenario.conditions import Condition, FallbackRef


class Activate(Strict):
    """Activate a fallback."""

    fallback: FallbackRef = Field(alias="activate")
    """the fallback, organisation/process/fallback"""


class Deactivate(Strict):
    """Deactivate a fallback."""

    fallback: FallbackRef = Field(alias="deactivate")
    """the fallback, organisation/process/fallback"""


Step = Id | Activate | Deactivate
"""One decision of a rule: an action id, ``{activate: …}`` or ``{deactivate: …}``."""


class Rule(Strict):
    """When something holds (or at a time), take these decisions."""

    when: Condition | None = None
    """the condition, checked at every turn boundary"""
    at: Duration | None = None
    """or: from this time since start on"""
    do: list[Step] = Field(min_length=1)
    """action ids, {activate: FALLBACK} and {deactivate: FALLBACK}"""
    repeat: bool = False
    """fire again each time it holds anew"""

    @model_validator(mode="after")
    def _one_trigger(self) -> Rule:
        if (self.when is None) == (self.at is None):
            raise ValueError("a rule has exactly one of when, at")
        return self


class Plan(Strict):
    """Decisions without people: a list of rules."""

    format: Literal[1]
    """the format version: 1"""
    id: Id
    """the plan's id"""
    scenario: Id
    """the id of the scenario it is written for"""
    title: Text | None = None
    """a short name"""
    description: Text | None = None
    """what the plan does and why"""
    rules: list[Rule] = []
    """the rules, checked in order at every turn boundary"""
