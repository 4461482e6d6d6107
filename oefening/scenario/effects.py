"""Effects (SPEC §2): what an event or action changes in the world.

Each effect is a one-key mapping, such as ``{supplier: {id: globaltech, status: failed}}``.
Durations of temporary effects may be random.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Discriminator, Field, Tag

from oefening.scenario.base import MAX_MONEY, Id, Strict
from oefening.scenario.conditions import FallbackRef, ProcessRef, SupplierIs, one_key
from oefening.scenario.distributions import RandomDuration


class ServiceChange(Strict):
    """Set a service's own availability, for a while or for good."""

    id: Id
    """the service"""
    availability: float = Field(ge=0, le=1, strict=True)
    """between 0 (down) and 1 (up)"""
    duration: RandomDuration | None = None
    """how long the change lasts (random allowed); afterwards the previous value returns"""


class Rehost(Strict):
    """The service is from now on delivered by another supplier."""

    service: Id
    """the service"""
    supplier: Id
    """the supplier that delivers it from now on"""


class ProcessFactor(Strict):
    """Multiply a process's demand or capacity, for a while or for good."""

    process: ProcessRef
    """the process, organisation/process"""
    factor: float = Field(ge=0, le=100, strict=True)
    """the multiplier (1 changes nothing)"""
    duration: RandomDuration | None = None
    """how long the change lasts (random allowed); without it, for good"""


class Postponement(Strict):
    """Postpone part of a process's arriving cases; they come back later (nothing is deleted)."""

    process: ProcessRef
    """the process, organisation/process"""
    fraction: float = Field(gt=0, le=0.95, strict=True)
    """the part of the arriving cases postponed while it lasts (0 < fraction ≤ 0.95)"""
    duration: RandomDuration
    """how long cases are postponed (random allowed)"""
    returns_after: RandomDuration = 0.0
    """how long after the postponement ends the postponed cases start to come back (random allowed)"""
    returns_over: RandomDuration | None = None
    """over how long they come back, evenly (random allowed; without it, as long as the postponement lasted)"""


class BudgetChange(Strict):
    """Add to (or, negative, take from) the budget."""

    amount: float = Field(ge=-MAX_MONEY, le=MAX_MONEY, strict=True)
    """euro"""


class LeadTimeFactor(Strict):
    """Multiply the lead time of a fallback for every later activation."""

    fallback: FallbackRef
    """the fallback, organisation/process/fallback"""
    factor: float = Field(gt=0, le=100, strict=True)
    """the multiplier (0.25: four times as fast)"""


class DisciplineChange(Strict):
    """Change the order in which a process handles its waiting cases."""

    process: ProcessRef
    """the process, organisation/process"""
    order: Literal["fifo", "triage"]
    """fifo (first in, first out) or triage (the cases that can still make the norm first)"""


class StaffChange(Strict):
    """Add people to a staff pool (hired, called in) or, negative, take them away (sickness)."""

    pool: Id
    """the pool"""
    people: float = Field(ge=-1e9, le=1e9, strict=True)
    """how many people join it (negative: leave it); a pool never holds fewer than 0"""
    duration: RandomDuration | None = None
    """how long (random allowed); afterwards as many leave (or come back); without it, for good"""


class StaffOrder(Strict):
    """Change who gets a staff pool's people when its fallbacks ask for more than it holds."""

    pool: Id
    """the pool"""
    order: Literal["equal", "criticality"]
    """equal (each claiming fallback the same share) or criticality (the vital processes first)"""


class Loan(Strict):
    """Move staff from a pool or process to another: the lender loses exactly what the borrower gains."""

    from_: Id | ProcessRef = Field(alias="from")
    """the lender: a pool (id) or a process with ``staff`` (organisation/process)"""
    to: Id | ProcessRef
    """the borrower: a pool (id) or a process with ``staff`` (organisation/process)"""
    people: float = Field(gt=0, le=1e9, strict=True)
    """how many people move (at most what the lender has then)"""
    duration: RandomDuration | None = None
    """how long the loan lasts (random allowed); afterwards they go back; without it, for good"""


class SupplierEffect(Strict):
    supplier: SupplierIs
    """set a supplier's status"""


class ServiceEffect(Strict):
    service: ServiceChange
    """set a service's availability"""


class RehostEffect(Strict):
    rehost: Rehost
    """move a service to another supplier"""


class DemandEffect(Strict):
    demand: ProcessFactor
    """multiply a process's demand"""


class CapacityEffect(Strict):
    capacity: ProcessFactor
    """multiply a process's capacity"""


class PostponeEffect(Strict):
    postpone: Postponement
    """postpone part of a process's cases; they arrive later on top of its demand"""


class BudgetEffect(Strict):
    budget: BudgetChange
    """change the budget"""


class LeadTimeEffect(Strict):
    fallback_lead_time: LeadTimeFactor
    """change a fallback's lead time"""


class DisciplineEffect(Strict):
    discipline: DisciplineChange
    """switch a process between fifo and triage"""


class StaffEffect(Strict):
    staff: StaffChange
    """add people to a staff pool, or take them away"""


class StaffOrderEffect(Strict):
    staff_order: StaffOrder
    """switch a staff pool between equal shares and the vital processes first, for good"""


class LoanEffect(Strict):
    loan: Loan
    """move staff between pools and processes (capacity is conserved)"""


EFFECT_KINDS = {
    "supplier": SupplierEffect,
    "service": ServiceEffect,
    "rehost": RehostEffect,
    "demand": DemandEffect,
    "capacity": CapacityEffect,
    "budget": BudgetEffect,
    "fallback_lead_time": LeadTimeEffect,
    "postpone": PostponeEffect,
    "discipline": DisciplineEffect,
    "staff": StaffEffect,
    "loan": LoanEffect,
    "staff_order": StaffOrderEffect,
}

Effect = Annotated[
    Annotated[SupplierEffect, Tag("supplier")]
    | Annotated[ServiceEffect, Tag("service")]
    | Annotated[RehostEffect, Tag("rehost")]
    | Annotated[DemandEffect, Tag("demand")]
    | Annotated[CapacityEffect, Tag("capacity")]
    | Annotated[BudgetEffect, Tag("budget")]
    | Annotated[LeadTimeEffect, Tag("fallback_lead_time")]
    | Annotated[PostponeEffect, Tag("postpone")]
    | Annotated[DisciplineEffect, Tag("discipline")]
    | Annotated[StaffEffect, Tag("staff")]
    | Annotated[LoanEffect, Tag("loan")]
    | Annotated[StaffOrderEffect, Tag("staff_order")],
    Discriminator(
        one_key,
        custom_error_type="effect",
        custom_error_message=(
            "an effect is one of: supplier, service, rehost, demand, capacity, budget, "
            "fallback_lead_time, postpone, discipline, staff, loan, staff_order"
        ),
    ),
]
"""An effect: a mapping with exactly one of the keys of ``EFFECT_KINDS``."""
