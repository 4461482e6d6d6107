"""The world's runtime state: suppliers, services, facilities, processes and their fallbacks.

Each class keeps only what changes during a run and the links needed to update just the
parts an event touches (a supplier knows its services, a service the processes that need
it), so an event costs work proportional to what it affects, never to the world's size.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Final

from oefening.engine.flow import Flow
from oefening.engine.triage import TriageFlow

if TYPE_CHECKING:
    from oefening.engine.calendar import CalendarState
    from oefening.engine.profile import ProfileState
    from oefening.engine.staff import PoolState
    from oefening.engine.structure import FallbackShape, ProcessShape
    from oefening.scenario.model import Facility, Service, Supplier


NOTHING: Final[frozenset[str]] = frozenset()   # one empty set for all (each frozenset() is a new object)


class SupplierState:
    __slots__ = ("id", "services", "spec", "status")

    def __init__(self, spec: Supplier) -> None:
        self.spec = spec
        self.id = spec.id
        self.status: str = spec.status
        self.services: list[ServiceState] = []


class ServiceState:
    __slots__ = (
        "availability", "base", "dependents", "down_since", "id", "lost", "needs", "order", "outages",
        "overrides", "rpo_dependents", "runs_under", "spec", "supplier",
    )

    def __init__(self, spec: Service, supplier: SupplierState) -> None:
        self.spec = spec
        self.id = spec.id
        self.supplier = supplier
        self.base = spec.availability
        self.overrides: list[tuple[int, float]] = []
        self.dependents: tuple[ProcessState, ...] = ()   # the processes it can change (set once built)
        self.needs: tuple[ServiceState, ...] = ()        # the services it runs on
        self.runs_under: tuple[ServiceState, ...] = ()   # the services that run on it
        self.order = 0                             # place in an order where needs come first
        # lost data (rpo): the processes that keep their work in it, and the work each lost
        self.rpo_dependents: list[ProcessState] = []
        self.lost: dict[str, float] = {}
        self.outages = 0
        self.availability = self.compute()
        self.down_since: float | None = 0.0 if self.availability == 0.0 else None

    def compute(self) -> float:
        """0 while the supplier has failed, else the latest override or the base value, and
        never more than the services it runs on."""
        if self.supplier.status == "failed":
            return 0.0
        value = self.overrides[-1][1] if self.overrides else self.base
        for need in self.needs:
            if need.availability < value:
                value = need.availability
        return value

    def refresh(self, now: float) -> bool:
        """Recompute the availability; True when it changed."""
        value = self.compute()
        if value == self.availability:
            return False
        self.availability = value
        if value == 0.0:
            self.down_since = now
        else:
            self.down_since = None
        return True


class FacilityState:
    __slots__ = ("allocated", "holders", "id", "log", "priority", "queue", "slots", "spec")

    def __init__(self, spec: Facility) -> None:
        self.spec = spec
        self.id = spec.id
        self.slots = spec.slots
        self.holders: list[FallbackState] = []
        self.queue: deque[FallbackState] = deque()
        self.allocated: set[str] = set()       # holders the coordination gave their place (issue 13)
        self.priority: tuple[str, ...] = ()    # organisations first on the waiting list, in order
        self.log: list[tuple[float, tuple[str, ...]]] | None = None   # who held the places when (with teams)


class FallbackState:
    __slots__ = (
        "activated_at", "activations", "active", "calendar", "capacity", "facility", "fatigue", "holds_slot", "hours",
        "id", "keeps", "lead_factor", "needs", "pool", "process", "ready", "ready_at", "ref", "shape", "spec",
        "staff_share",
        "stopped_at", "tired", "tired_from", "told", "version", "worked",
    )

    def __init__(self, shape: FallbackShape, process: ProcessState) -> None:
        # what its process's every update reads first, together (see ProcessState.__init__)
        self.active = False
        self.ready = False            # the lead time since activation has passed
        self.holds_slot = False
        self.capacity = shape.capacity
        self.needs: tuple[ServiceState, ...] = ()
        self.facility: FacilityState | None = None
        self.calendar: CalendarState | None = None
        self.shape = shape            # what the run reads of its spec, as native fields
        self.spec = shape.spec
        self.id = shape.id
        self.ref = shape.ref
        self.process = process
        self.told = False             # recorded as working (fallback_ready) and still counting
        self.activations = 0
        self.activated_at = 0.0
        self.ready_at = 0.0
        self.lead_factor = 1.0
        self.version = 0              # bumped on deactivation, so a stale lead-time timer is ignored
        # staff and fatigue: its capacity is spec.capacity × its pool's share × its fatigue factor
        self.pool: PoolState | None = None
        self.staff_share = 1.0        # the share of its staff its pool gives it (the pool's, or its level's in order)
        self.fatigue = 1.0
        self.tired = 0                # steps of fatigue taken (fatigue = factor ** tired)
        self.worked = 0.0             # hours worked before the current stretch, still counting towards fatigue
        self.stopped_at: float | None = None   # its last work before a deactivation (the stop, or a closing)
        # with fatigue on office hours (its own calendar or its process's): the spans in which it can
        # work, and the steps it had when the current stretch began (fatigue counts working hours)
        self.hours: list[tuple[float, float]] | None = None
        self.tired_from = 0
        self.keeps: frozenset[str] = NOTHING   # the services with a recovery point it keeps its work in

    def effective(self) -> float:
        """The capacity fraction it gives now: 0 unless ready, holding its slot, needs up."""
        if not self.ready or (self.facility is not None and not self.holds_slot):
            return 0.0
        needs = self.needs
        if not needs:
            return self.capacity   # × 1.0, which changes no bit
        least = needs[0].availability
        for need in needs:   # min(), written out: this runs at every update of a fallback's process
            if need.availability < least:
                least = need.availability
        return self.capacity * least


MAX_DEMAND: Final = 1e12   # cases an hour: the ceiling of a demand multiplied by many factors


class ProcessState:
    __slots__ = (
        "active_fallbacks", "base_demand", "breach_at", "breach_version", "calendar", "calendar_fallbacks", "capacity",
        "capacity_factors", "demand_extra",
        "demand_factors", "disrupted_hours", "disrupted_since", "downstream", "drain_at", "drain_version",
        "fallback_list", "fallbacks", "fed_by", "flow", "fraction", "handled_from", "handling", "has_after_work",
        "keeps_log", "keeps_normal", "key", "mbco",
        "mtpd", "mtpd_check", "needs", "needs_processes", "order", "out_rate", "overrun_hours", "profile", "ref",
        "rework_pending", "shape", "spec", "watched", "weight",
    )

    def __init__(self, shape: ProcessShape) -> None:
        # The fields every update reads come first, together: mypyc lays a native object out
        # in the order of these assignments, and an update that touches one or two cache
        # lines of each process instead of six is what keeps 10× processes near 10× the time
        # (a national world no longer fits the caches at 5,000 processes). The links that never
        # change during a run are tuples (their items inline: one object less to reach), the
        # empty ones the one empty tuple.
        self.watched = False          # a ``when`` event or a plan's rule reads it (World._know_marks)
        self.calendar_fallbacks = False   # a fallback of it follows a calendar
        self.has_after_work = shape.has_after_work
        self.flow = (
            TriageFlow(shape.norm, shape.demand, shape.capacity, discipline=shape.discipline)
            if shape.orderable else Flow(shape.norm, shape.demand, shape.capacity)
        )
        self.needs: tuple[ServiceState, ...] = ()
        # chains (SPEC §2): the processes it needs, the processes feeding it with their shares,
        # and the processes that need it or are fed by it
        self.needs_processes: tuple[ProcessState, ...] = ()
        self.fallback_list: tuple[FallbackState, ...] = ()   # its fallbacks in order: what every update walks
        self.active_fallbacks = 0     # how many of them are active (none: an update need not look at them)
        self.fraction = 1.0
        self.mbco = shape.mbco
        # the numbers read at every update, kept here rather than looked up on the spec
        self.capacity = shape.capacity
        self.base_demand = shape.demand
        self.fed_by: tuple[tuple[ProcessState, float], ...] = ()
        self.downstream: tuple[ProcessState, ...] = ()
        # office hours: the process's own calendar
        self.calendar: CalendarState | None = None
        # a demand profile: base_demand is then demand × the profile's factor of the hour
        self.profile: ProfileState | None = None
        # lost data (engine.lost): the services with a recovery point its normal process keeps
        # its work in, and from when it kept its work where (None: it can lose none)
        self.keeps_log: list[tuple[float, frozenset[str]]] | None = None
        self.disrupted_since: float | None = None
        self.breach_version = 0
        self.mtpd_check: int | None = None  # the breach_version of the one pending MTPD check
        self.mtpd = shape.mtpd
        # the rest, read when something happens to the process
        self.shape = shape            # what the run reads of its spec, as native fields
        self.spec = shape.spec
        self.ref = shape.ref
        self.key = ("process", shape.ref)   # what the world marks when it changes (see conditions.watched)
        self.weight = shape.weight
        self.order = 0                # place in an order where needed and feeding processes come first
        self.out_rate = 0.0           # cases per hour it serves now (what it feeds downstream)
        self.drain_at: float | None = None   # when its backlog empties, while it feeds others
        self.drain_version = 0
        self.fallbacks: dict[str, FallbackState] = {}
        # after-work: the fallback with after-work handling the cases now, since how many were served
        self.handling: FallbackState | None = None
        self.handled_from = 0.0
        self.rework_pending = 0.0
        self.keeps_normal: frozenset[str] = NOTHING
        # what effects put on it: made by the first (adjust), so that an update of a process no
        # effect touched reads no dict (and a world holds three empty dicts less a process)
        self.demand_factors: dict[int, float] | None = None
        self.capacity_factors: dict[int, float] | None = None
        self.demand_extra: dict[int, float] | None = None   # cases per hour on top (postponed cases coming back)
        self.disrupted_hours = 0.0
        self.breach_at: float | None = None
        self.overrun_hours = 0.0      # time spent past the MTPD in disruptions that have ended

    def normal_fraction(self) -> float:
        """The lowest availability among the services it needs, and the lowest capacity
        fraction among the processes it needs (1 without needs)."""
        fraction = 1.0
        for service in self.needs:
            if service.availability < fraction:
                fraction = service.availability
        for proc in self.needs_processes:
            if proc.fraction < fraction:
                fraction = proc.fraction
        return fraction

    def compute_fraction(self) -> float:
        """max(normal, best effective fallback) × every capacity factor (SPEC §3)."""
        fraction = 1.0   # self.normal_fraction(), written out: this runs at every update
        for service in self.needs:
            if service.availability < fraction:
                fraction = service.availability
        for proc in self.needs_processes:
            if proc.fraction < fraction:
                fraction = proc.fraction
        if fraction < 1.0 and self.active_fallbacks:
            for fallback in self.fallback_list:
                if fallback.active:
                    counts = fallback.effective()
                    if counts > fraction:
                        fraction = counts
        if self.capacity_factors:
            for factor in self.capacity_factors.values():
                fraction *= factor
        return fraction

    def working_fraction(self, fraction: float) -> float:
        """The capacity fraction at which cases are handled now: 0 while its calendar is
        closed; without the fallbacks whose calendar is closed (the capacity fraction itself,
        which decides disruption, ignores office hours)."""
        if self.calendar is not None and not self.calendar.open:
            return 0.0
        if not self.calendar_fallbacks:
            return fraction
        best = self.normal_fraction()
        if best < 1.0:
            for fallback in self.fallback_list:
                if fallback.active and (fallback.calendar is None or fallback.calendar.open):
                    counts = fallback.effective()
                    if counts > best:
                        best = counts
        if self.capacity_factors:
            for factor in self.capacity_factors.values():
                best *= factor
        return best

    def compute_demand(self) -> float:
        """Its own demand × every demand factor, plus share × the service rate of each
        process feeding it."""
        demand = self.base_demand
        if self.demand_factors:
            for factor in self.demand_factors.values():
                demand *= factor
        for feeder, share in self.fed_by:
            demand += share * feeder.out_rate
        if self.demand_extra:
            for extra in self.demand_extra.values():
                demand += extra
        # factors multiply (a repeatable action ×100 each turn): kept finite, far above any
        # real demand, so no count, cost or score becomes infinite
        return min(demand, MAX_DEMAND)

    def adjust(self) -> tuple[dict[int, float], dict[int, float], dict[int, float]]:
        """Its demand factors, capacity factors and extra demand, to change (made at the first
        effect on it)."""
        if self.demand_factors is None or self.capacity_factors is None or self.demand_extra is None:
            self.demand_factors, self.capacity_factors, self.demand_extra = {}, {}, {}
        return self.demand_factors, self.capacity_factors, self.demand_extra

    def disrupted(self) -> bool:
        return self.fraction < self.mbco
