"""Conditions (SPEC §2): when an event fires by itself, when an action is available, when a
plan's rule holds.

Each condition is a one-key mapping, such as ``{service_down: {id: hosting, for: 4h}}``;
``all``, ``any`` and ``not`` combine them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Discriminator, Field, Tag

from oefening.scenario.base import Duration, Id, Strict

SupplierStatus = Literal["healthy", "distressed", "failed"]
ProcessRef = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9_-]*$",
        description="a process: organisation/process",
    ),
]
FallbackRef = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9_-]*$",
        description="a fallback: organisation/process/fallback",
    ),
]


class SupplierIs(Strict):
    """The supplier has this status."""

    id: Id
    """the supplier"""
    status: SupplierStatus
    """healthy, distressed or failed"""


class ServiceDown(Strict):
    """The service is down (availability 0), for at least ``for`` when given."""

    id: Id
    """the service"""
    for_: Duration = Field(default=0.0, alias="for")
    """how long it must have been down without interruption (default: any time)"""


class ProcessCases(Strict):
    """A number of cases of a process."""

    process: ProcessRef
    """the process, organisation/process"""
    cases: float = Field(ge=0, strict=True)
    """the threshold in cases"""


class ProcessFraction(Strict):
    """A capacity fraction of a process."""

    process: ProcessRef
    """the process, organisation/process"""
    fraction: float = Field(ge=0, le=1, strict=True)
    """the threshold, a fraction of full capacity between 0 and 1"""


class FallbackIs(Strict):
    """A fallback is in this state."""

    id: FallbackRef
    """the fallback, organisation/process/fallback"""
    state: Literal["active", "holds_place", "waiting", "working"]
    """active (switched on), holds_place (holds a place at its facility), waiting (for a place), working (it counts)"""


class PoolShort(Strict):
    """A staff pool gives the fallbacks claiming its people less than this share of what they need."""

    id: Id
    """the pool"""
    below: float = Field(gt=0, le=1, strict=True)
    """the share, above 0 and at most 1: the pool's people ÷ the people its working fallbacks need
    together (1 while they need no more than it holds); ``1``: as soon as it is short at all"""


class SupplierCondition(Strict):
    supplier: SupplierIs
    """true while the supplier has the given status"""


class ServiceDownCondition(Strict):
    service_down: ServiceDown
    """true while the service is down (for at least `for`)"""


class EventCondition(Strict):
    event: Id
    """true once the event has fired"""


class BacklogAbove(Strict):
    backlog_above: ProcessCases
    """true while the process's backlog is above the number of cases"""


class LateCasesAbove(Strict):
    late_cases_above: ProcessCases
    """true once more than this many cases of the process have become late"""


class CapacityBelow(Strict):
    capacity_below: ProcessFraction
    """true while the process's capacity fraction is below the fraction"""


class FallbackCondition(Strict):
    fallback: FallbackIs
    """true while the fallback is in the given state"""


class PoolCondition(Strict):
    pool: PoolShort
    """true while the pool gives each fallback claiming its people less than `below` of what it needs"""


class TimeAfter(Strict):
    time_after: Duration
    """true from this time (since start) on"""


class AllOf(Strict):
    all: list[Condition] = Field(min_length=1)
    """true when every condition holds"""


class AnyOf(Strict):
    any: list[Condition] = Field(min_length=1)
    """true when at least one condition holds"""


class Not(Strict):
    not_: Condition = Field(alias="not")
    """true when the condition does not hold"""


CONDITION_KINDS = {
    "supplier": SupplierCondition,
    "service_down": ServiceDownCondition,
    "event": EventCondition,
    "backlog_above": BacklogAbove,
    "late_cases_above": LateCasesAbove,
    "capacity_below": CapacityBelow,
    "time_after": TimeAfter,
    "fallback": FallbackCondition,
    "pool": PoolCondition,
    "all": AllOf,
    "any": AnyOf,
    "not": Not,
}


def one_key(value: Any) -> str | None:
    """The tag of a one-key mapping (the kind of condition or effect), else None."""
    if isinstance(value, dict) and len(value) == 1:
        return str(next(iter(value)))
    if isinstance(value, dict):
        return "+".join(sorted(str(k) for k in value)) or None
    if isinstance(value, str):
        return value
    if isinstance(value, BaseModel):
        name, field = next(iter(type(value).model_fields.items()))
        return field.alias or name
    return None


Condition = Annotated[
    Annotated[SupplierCondition, Tag("supplier")]
    | Annotated[ServiceDownCondition, Tag("service_down")]
    | Annotated[EventCondition, Tag("event")]
    | Annotated[BacklogAbove, Tag("backlog_above")]
    | Annotated[LateCasesAbove, Tag("late_cases_above")]
    | Annotated[CapacityBelow, Tag("capacity_below")]
    | Annotated[TimeAfter, Tag("time_after")]
    | Annotated[FallbackCondition, Tag("fallback")]
    | Annotated[PoolCondition, Tag("pool")]
    | Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[Not, Tag("not")],
    Discriminator(
        one_key,
        custom_error_type="condition",
        custom_error_message=(
            "a condition is one of: supplier, service_down, event, backlog_above, "
            "late_cases_above, capacity_below, time_after, fallback, pool, all, any, not"
        ),
    ),
]
"""A condition: a mapping with exactly one of the keys of ``CONDITION_KINDS``."""

AllOf.model_rebuild()
AnyOf.model_rebuild()
Not.model_rebuild()
