"""Read-only views of the running world, for the UI, tests and plans: plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class FallbackView:
    ref: str
    name: str | dict[str, str]
    capacity: float          # fraction of the process capacity when it counts
    active: bool
    ready: bool              # lead time passed
    ready_at: float | None   # when the lead time passes (while active)
    holds_slot: bool
    waiting_for_slot: bool
    facility: str | None
    counts: float            # the capacity fraction it gives now (as if open: what MBCO and MTPD count)
    # staff (a scenario's pools): the people it needs for its full capacity, the pool it draws
    # on, and the people it has now (needed × the pool's share while it claims them, else 0)
    staff: float = 0.0
    pool: str | None = None
    people: float = 0.0
    claims: bool = False     # it holds its people now (active, lead time passed, place held)
    fatigue: float = 1.0     # its fatigue factor now (1: fresh)
    closed_until: float | None = None   # active on office hours that are closed now: when they open


@dataclass(frozen=True, slots=True)
class ProcessView:
    ref: str
    organisation: str | dict[str, str]
    name: str | dict[str, str]
    criticality: str
    fraction: float          # capacity fraction now (1 = full strength)
    demand_rate: float       # cases per hour arriving now
    capacity_rate: float     # cases per hour that can be handled now
    backlog: float
    late: float
    arrived: float
    served: float
    mbco: float
    mtpd: float
    norm: float
    disrupted_for: float     # hours of the current disruption (0 when not disrupted)
    breach_at: float | None
    fallbacks: list[FallbackView] = field(default_factory=list)
    working: float = -1.0    # the capacity fraction at which cases are handled now, office hours
    #                          and all (-1: as ``fraction``); ``fraction`` decides disruption
    closed_until: float | None = None   # working below fraction for closed hours: when they open

    @property
    def handled(self) -> float:
        """The capacity fraction at which cases are handled now (0 at night for a process on
        office hours, although its MBCO and MTPD count ``fraction``)."""
        return self.fraction if self.working < 0 else self.working


@dataclass(frozen=True, slots=True)
class SupplierView:
    id: str
    name: str | dict[str, str]
    status: str


@dataclass(frozen=True, slots=True)
class ServiceView:
    id: str
    name: str | dict[str, str]
    supplier: str
    availability: float
    down_since: float | None


@dataclass(frozen=True, slots=True)
class PoolView:
    """A staff pool now: its people and what the fallbacks working on it claim."""

    id: str
    name: str | dict[str, str] | None
    people: float            # the people it holds now
    claimed: float           # the people its claiming fallbacks need together
    share: float             # what each claiming fallback gets of what it needs: min(1, people / claimed)
    order: str = "equal"     # who goes first when it is short: equal shares, or "criticality" (vital first)


@dataclass(frozen=True, slots=True)
class FacilityView:
    id: str
    name: str | dict[str, str]
    slots: int
    holders: list[str]
    queue: list[str]


@dataclass(frozen=True, slots=True)
class Pending:
    """Something decided that has not taken effect yet."""

    t: float
    kind: str      # action | fallback
    id: str
    earliest: float | None = None   # what the team can know: the earliest moment its lead time allows
    latest: float | None = None     # … and the latest (None: no upper bound, as for a lognormal)
    expected: float | None = None   # … and the expected moment (decided + mean lead time)


@dataclass(frozen=True, slots=True)
class Snapshot:
    t: float
    turn: int
    phase: str                 # normal | lukewarm | acute | recovery
    budget_left: float | None  # None: no budget set
    spent: float
    continuity: float          # the continuity score so far
    total_backlog: float
    total_late: float
    processes: list[ProcessView]
    suppliers: list[SupplierView]
    services: list[ServiceView]
    facilities: list[FacilityView]
    pending: list[Pending]
    continuity_projected: float = 100.0   # with the waiting cases certain to be late (SPEC §4)
    pools: list[PoolView] = field(default_factory=list)
