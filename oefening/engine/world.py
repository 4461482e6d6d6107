"""The simulated world on simpy: the storyline, effects, decisions and the flows they change.

Only the simpy ``Environment`` moves time. Storyline events, the end of a temporary effect,
a lead time passing and an MTPD running out are timeouts with callbacks (no generator per
element); each callback changes only the parts of the world it touches, then lets the
pending ``when`` conditions look again (:meth:`World.settle`). Decisions enter through
:meth:`World.take_action`, :meth:`World.activate` and :meth:`World.deactivate`; whether a
decision is allowed is the exercise's business (:mod:`oefening.engine.exercise`). Money
lives in :mod:`oefening.engine.money`, facility slots in :mod:`oefening.engine.facilities`.

Every change of state goes through :meth:`World.changed`, the one place that moves the
counters caches of conditions go by (``version``; ``status_version`` for changes of status:
suppliers, services, events, decisions) and logs what changed under the keys a plan's rules
read (``mark_log``), so a plan reads again only the rules whose keys moved.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable
from contextlib import suppress
from functools import partial
from typing import Any, Final, cast

import simpy
from simpy.core import StopSimulation
from simpy.events import Event as SimEvent

from oefening.engine import facilities, lost
from oefening.engine.calendar import CalendarState, OfficeFlow, open_spans
from oefening.engine.conditions import holds, next_change
from oefening.engine.flow import Flow
from oefening.engine.money import Money
from oefening.engine.profile import ProfileFlow, ProfileState
from oefening.engine.record import Record
from oefening.engine.rng import Streams
from oefening.engine.staff import PoolState, claims, give_back, lend, rescale, reshare, work_walk
from oefening.engine.state import FacilityState, FallbackState, ProcessState, ServiceState, SupplierState
from oefening.engine.structure import Structure, structure_of
from oefening.engine.triage import TriageFlow
from oefening.scenario import effects as fx
from oefening.scenario.conditions import Condition
from oefening.scenario.model import Action, Event, Scenario
from oefening.scenario.placeholders import placeholders

INF: Final = math.inf
PRIORITY_WORLD: Final = 1   # storyline, effects, lead times: simpy's NORMAL
PRIORITY_CHECK: Final = 2   # MTPD checks: after every world change at the same moment
PRIORITY_TURN: Final = 3    # turn boundaries: after everything at the same moment


class _At(SimEvent):
    """A timeout with a chosen priority among the events of the same moment."""

    def __init__(self, env: simpy.Environment, delay: float, priority: int) -> None:
        super().__init__(env)
        self._ok = True
        self._value = None
        env.schedule(self, priority, delay)  # type: ignore[arg-type]  # simpy's priorities are ints


def _fire(timer: _Timer) -> None:
    timer.fn()


def _nothing() -> None:
    pass


class _Timer:
    """What the world puts on simpy's queue: ``fn``, called when simpy's clock reaches it.

    Lighter than a simpy event (no closure, no callback list of its own) and stepped by
    :meth:`World.run` without simpy's interpreted loop; ``env.step()`` and ``env.run()`` still
    step it as any triggered event (``callbacks``, ``_ok``, ``_value``)."""

    __slots__ = ("_ok", "_value", "callbacks", "fn")

    def __init__(self, fn: Callable[[], Any]) -> None:
        self.fn = fn
        self.callbacks: tuple[Callable[[_Timer], None], ...] | None = _CALLBACKS
        self._ok = True
        self._value: None = None


_CALLBACKS: tuple[Callable[[_Timer], None], ...] = (_fire,)


class World:
    """Everything that exists and happens in one run of a scenario."""

    def __init__(self, scenario: Scenario, seed: int = 0, replication: int = 0,
                 structure: Structure | None = None) -> None:
        """``structure``: the scenario's static structure (default: :func:`structure_of`)."""
        self.scenario = scenario
        shared = structure if structure is not None else structure_of(scenario)
        self.streams = Streams(seed, replication)
        self.env = simpy.Environment(0.0)   # a float clock from the start: ``now`` needs no float()
        self.record = Record()
        self.horizon = scenario.horizon

        self.suppliers = {s.id: SupplierState(s) for s in scenario.suppliers}
        self.services: dict[str, ServiceState] = {}
        for service_spec in scenario.services:
            supplier = self.suppliers[service_spec.supplier]
            service = ServiceState(service_spec, supplier)
            supplier.services.append(service)
            self.services[service_spec.id] = service
        runs_under: dict[str, list[ServiceState]] = {ident: [] for ident in self.services}
        for service in self.services.values():
            service.needs = tuple([self.services[s] for s in service.spec.needs])
            for need in service.needs:
                runs_under[need.id].append(service)
        for service in self.services.values():
            service.runs_under = tuple(runs_under[service.id])
        for order, ident in enumerate(shared.service_order):
            service = self.services[ident]
            service.order = order
            service.availability = service.compute()
            service.down_since = 0.0 if service.availability == 0.0 else None
        self.facilities = {f.id: FacilityState(f) for f in scenario.facilities}
        self.processes: dict[str, ProcessState] = {}
        self.fallbacks: dict[str, FallbackState] = {}
        # the processes each service can change, in the order they come (dict keys: each once)
        dependents: dict[str, dict[ProcessState, None]] = {ident: {} for ident in self.services}
        for shape in shared.shapes:   # what is read of the scenario's processes, read once for every world
            proc = ProcessState(shape)
            self.processes[shape.ref] = proc
            proc.needs = tuple([self.services[s] for s in shape.services])
            for service in proc.needs:
                dependents[service.id][proc] = None
            fallback_list = []
            for fb_shape in shape.fallbacks:
                fallback = FallbackState(fb_shape, proc)
                fallback.needs = tuple([self.services[s] for s in fb_shape.needs])
                for service in fallback.needs:
                    dependents[service.id][proc] = None
                if fb_shape.facility is not None:
                    fallback.facility = self.facilities[fb_shape.facility]
                proc.fallbacks[fb_shape.id] = fallback
                fallback_list.append(fallback)
                self.fallbacks[fb_shape.ref] = fallback
            proc.fallback_list = tuple(fallback_list)
        for service in self.services.values():
            service.dependents = tuple(dependents[service.id])

        downstream: dict[str, dict[ProcessState, None]] = {ref: {} for ref in self.processes}
        for proc in self.processes.values():
            proc.needs_processes = tuple([self.processes[r] for r in proc.shape.processes])
            proc.fed_by = tuple([(self.processes[ref], share) for ref, share in proc.shape.fed_by])
            for upstream in [*proc.needs_processes, *(p for p, _ in proc.fed_by)]:
                downstream[upstream.ref][proc] = None
        for proc in self.processes.values():
            proc.downstream = tuple(downstream[proc.ref])
        self._process_order = [self.processes[ref] for ref in shared.process_order]
        for order, proc in enumerate(self._process_order):
            proc.order = order
        lost.link(self._process_order, self.services)

        self.calendars = {c.id: CalendarState(c, scenario.start) for c in scenario.calendars}
        for proc in self.processes.values():
            followed = []
            if proc.shape.calendar is not None:
                proc.calendar = self.calendars[proc.shape.calendar]
                followed.append(proc.calendar)
            for fallback in proc.fallbacks.values():
                if fallback.shape.calendar is not None:
                    fallback.calendar = self.calendars[fallback.shape.calendar]
                    proc.calendar_fallbacks = True
                    followed.append(fallback.calendar)
            for calendar in dict.fromkeys(followed):
                if calendar is proc.calendar and not proc.calendar_fallbacks and not proc.downstream \
                        and not proc.has_after_work and type(proc.flow) is Flow:
                    proc.flow = OfficeFlow.following(proc.flow, calendar, self.horizon)
                    calendar.own.append(proc)
                else:
                    calendar.members.append(proc)
        for proc in self.processes.values():   # fatigue on office hours counts working hours
            for fallback in proc.fallbacks.values():
                on = [c for c in (fallback.calendar, proc.calendar) if c is not None]
                if fallback.shape.fatigue is not None and on:
                    fallback.hours = open_spans(on, self.horizon)
        for calendar in self.calendars.values():
            if calendar.members or calendar.own:
                self._watch_calendar(calendar)
        self.pools = {p.id: PoolState(p) for p in scenario.pools}
        if self.pools:
            for org in scenario.organisations:
                if org.pool is None:
                    continue
                for proc_spec in org.processes:
                    for fallback in self.processes[f"{org.id}/{proc_spec.id}"].fallbacks.values():
                        if fallback.shape.staff > 0.0:
                            fallback.pool = self.pools[org.pool]
                            fallback.pool.fallbacks.append(fallback)
        self.profiles = {p.id: ProfileState(p, scenario.start) for p in scenario.demand_profiles}
        demand_moved = {   # processes whose demand an effect changes follow their profile by updates
            effect.demand.process if isinstance(effect, fx.DemandEffect) else effect.postpone.process
            for effects in [*(ev.effects for ev in scenario.events), *(a.effects for a in scenario.actions)]
            for effect in effects if isinstance(effect, fx.DemandEffect | fx.PostponeEffect)
        }
        for ref, proc in self.processes.items():
            if proc.shape.demand_profile is not None:
                proc.profile = self.profiles[proc.shape.demand_profile]
                proc.base_demand = proc.shape.demand * proc.profile.factor
                if type(proc.flow) is Flow and not proc.fed_by and not proc.downstream and not proc.has_after_work \
                        and proc.calendar is None and not proc.calendar_fallbacks and ref not in demand_moved:
                    proc.flow = ProfileFlow.following(proc.flow, proc.profile, proc.shape.demand, self.horizon)
                    proc.profile.own.append(proc)
                else:
                    proc.profile.members.append(proc)
        for profile in self.profiles.values():
            if profile.members or profile.own:
                self._watch_profile(profile)

        self.events = {ev.id: ev for ev in scenario.events}
        self.actions = {a.id: a for a in scenario.actions}
        self.fired: dict[str, float] = {}
        self.suppressed: dict[str, float] = {}   # events whose ``unless`` held when they were due
        self.untrue: list[tuple[float, str, int | None]] = []   # injects shown while their ``expects`` failed
        self.taken: dict[str, int] = {}
        self._followers: dict[str, list[Event]] = shared.followers   # read only, as _place and _watchers
        # The pending ``when`` events by their place in the scenario (the order they are
        # looked at), who watches what (so a change looks only at the events that read it),
        # the ones to look at, and their wake-up times (a heap: also looked at when due).
        self._watching: dict[int, Event] = dict(shared.watching)
        self._place = shared.place
        self._watchers: dict[tuple[str, str], list[int]] = shared.watchers
        # changes so far of what a plan's rules read (the keys of watched()), for the keys a
        # decider registered: a rule is read again only when one of its own keys moved
        self.mark_counts: dict[tuple[str, str], int] = {}
        self.mark_log: list[tuple[str, str]] = []   # those changes in order, each decider reads on from its place
        # called with each change as it is logged there: a plan that does not stop at quiet
        # turn boundaries learns that it must stop at the next one (decide.play.play_plan)
        self.on_mark: Callable[[tuple[str, str]], None] | None = None
        self._dirty: set[int] = set(self._watching)        # to look at; _queue holds them in order
        self._queue: list[int] = sorted(self._dirty)
        self._due: list[tuple[float, int, int]] = []        # (wake at, place, version)
        self._wake: dict[str, tuple[float, int]] = {}
        self._settling = False
        self._token = 0
        self.version = 0            # moved by changed(): every change of state, for caches of conditions
        self.status_version = 0     # moved by changed(status=True): suppliers, services, events, decisions

        self._mtpd_checks: dict[float, list[tuple[ProcessState, int]]] = {}   # due at → (process, version)
        self.pending_actions: list[tuple[float, str]] = []   # (effective at, action) not yet applied
        self.decided_at: dict[tuple[float, str], float] = {}  # when each pending action was taken
        self.money = Money(scenario.budget, shared.owner, shared.team_budgets, shared.reserve)
        if scenario.teams:   # who held the shared facilities when, for the teams' report
            for facility in self.facilities.values():
                facility.log = [(0.0, ())]
        # lost data (rpo): the moment of the last loss and what each process lost then, and by which service
        self._lost_moment = -1.0
        self._lost_now: dict[str, tuple[ServiceState, float]] = {}

        self.updates = 0        # process updates so far (what ``make bench`` counts)
        self._marks_known = -1  # len(mark_counts) when proc.watched was last set (_know_marks)
        for proc in self._process_order:
            self._refresh(proc)
        self.scheduled: dict[str, float] = {}   # event id → when its timer fires (drawn; for the facilitator)
        for ev in scenario.events:
            if ev.at is not None:
                at = self.streams.draw(ev.at, f"event:{ev.id}:at")
                self.scheduled[ev.id] = at
                self.call_at(at, partial(self.fire, ev, "storyline"))
        self.settle()

    # -- time ---------------------------------------------------------------------------

    @property
    def now(self) -> float:
        return self.env._now  # type: ignore[no-any-return]  # simpy's clock (its ``now`` is a property too)

    def call_at(self, t: float, fn: Callable[[], Any], priority: int = PRIORITY_WORLD) -> None:
        """Call ``fn`` at time ``t`` (never when ``t`` lies beyond the horizon)."""
        if t > self.horizon:
            return
        self.env.schedule(_Timer(fn), priority, max(0.0, t - self.now))  # type: ignore[arg-type]

    def boundary(self, t: float) -> SimEvent:
        """An event at time ``t`` after everything else that happens then (a turn boundary)."""
        return _At(self.env, max(0.0, t - self.now), PRIORITY_TURN)

    def run(self, until: float, turn: bool = False) -> None:
        """Move simpy's clock to ``until``: with ``turn``, through a turn boundary there (after
        every event of that moment), else through every event before it (what is due at
        ``until`` itself stays pending), as ``env.run(until=...)`` with a boundary event or
        with a time does, event for event in the same order, without simpy's interpreted loop."""
        env = self.env
        stop: _Timer | None = None
        if turn:
            stop = _Timer(_nothing)
            env.schedule(stop, PRIORITY_TURN, max(0.0, until - self.now))  # type: ignore[arg-type]
        elif until <= self.now:
            raise ValueError(f"until (={until}) must be greater than the current simulation time")
        if not self._steps(until, stop):
            if stop is not None:
                raise RuntimeError(f"no scheduled events left but the turn boundary at {until} was not reached")
            env._now = until

    def run_all(self) -> None:
        """``env.run()``: every event until one stops the simulation (a simpy event with
        ``StopSimulation.callback``, as :func:`oefening.decide.play.play_plan` sets) or none
        is left, stepped as :meth:`run` steps them."""
        with suppress(StopSimulation):
            self._steps(INF, None)

    def _steps(self, until: float, stop: _Timer | None) -> bool:
        """Step simpy's queue (simpy's ``Environment.step``, event for event): through ``stop``
        when given (True once it is stepped), else every event before ``until``."""
        env = self.env
        queue = cast("list[tuple[float, int, int, Any]]", env._queue)   # simpy's own heap
        while queue:
            if stop is None and queue[0][0] >= until:
                break
            now, _, _, event = heapq.heappop(queue)
            env._now = now
            if type(event) is _Timer:
                event.callbacks = None
                event.fn()
                if event is stop:
                    return True
            else:   # a simpy event someone else scheduled: as simpy's step treats it
                callbacks, event.callbacks = event.callbacks, None
                for callback in callbacks:
                    callback(event)
                if not event._ok and not hasattr(event, "_defused"):
                    exc = type(event._value)(*event._value.args)
                    exc.__cause__ = event._value
                    raise exc
        return False

    def changed(self, kind: str | None = None, ident: str = "", *, status: bool = False,
                key: tuple[str, str] | None = None, proc: ProcessState | None = None) -> None:
        """Mark the world as changed, so cached readings of it are read again: plans' rules
        (``version``; ``status``: a supplier, service, event or decision changed, what most
        rules read) and the ``when`` events watching ``kind``/``ident`` (or ``key``, the two
        as a tuple made once; or ``proc``, a process's own key, whether anything reads it
        known without looking it up: this runs at every update; see :meth:`_mark`)."""
        self.version += 1
        if status:
            self.status_version += 1
        if proc is not None:
            if len(self.mark_counts) != self._marks_known:
                self._know_marks()
            if proc.watched:
                self._mark_key(proc.key)
            return
        if kind is not None:
            key = (kind, ident)
        if key is not None and (key in self._watchers or key in self.mark_counts):
            self._mark_key(key)

    def _know_marks(self) -> None:
        """Note on every process whether a ``when`` event or a plan's rule reads it, as
        :meth:`changed` would find in ``_watchers`` and ``mark_counts`` (a decider registers
        its keys in ``mark_counts``: when their number moved, look again)."""
        self._marks_known = len(self.mark_counts)
        for proc in self._process_order:
            proc.watched = proc.key in self._watchers or proc.key in self.mark_counts

    def _new_token(self) -> int:
        self._token += 1
        return self._token

    # -- processes ----------------------------------------------------------------------

    def update_process(self, proc: ProcessState) -> None:
        """Recompute a process's capacity and demand after something it depends on changed,
        and then of the processes that need it or are fed by it, each once, in chain order."""
        if not self._refresh(proc) or not proc.downstream:
            return
        waiting = [(down.order, down) for down in proc.downstream]
        heapq.heapify(waiting)
        queued = {down.order for down in proc.downstream}
        while waiting:
            order, down = heapq.heappop(waiting)
            queued.discard(order)
            if self._refresh(down):
                for further in down.downstream:
                    if further.order not in queued:
                        queued.add(further.order)
                        heapq.heappush(waiting, (further.order, further))

    def _refresh(self, proc: ProcessState) -> bool:
        """Recompute one process; True when what its chain reads (its capacity fraction or its
        service rate) changed."""
        now: float = self.env._now
        self.updates += 1
        self.changed(proc=proc)
        fraction = proc.compute_fraction()
        flow = proc.flow
        flow.advance(now)
        lam, mu = flow.lam, flow.mu
        if proc.profile is not None and type(flow) is ProfileFlow:   # it switched by itself
            proc.base_demand = proc.shape.demand * flow.factor
        if proc.demand_factors or proc.demand_extra or proc.fed_by or lam != proc.base_demand:
            demand = proc.compute_demand()
            if demand != lam:
                flow.set_demand(now, demand)
        if proc.calendar is None and not proc.calendar_fallbacks:
            capacity = proc.capacity * fraction
            if capacity != mu:
                flow.mu = capacity   # flow.set_capacity(now, capacity): it is at now already
        elif type(flow) is OfficeFlow:   # it closes and opens by itself
            flow.set_open_capacity(now, proc.capacity * fraction)
        else:
            capacity = proc.capacity * proc.working_fraction(fraction)
            if capacity != flow.mu:
                flow.set_capacity(now, capacity)
        if proc.has_after_work:
            self._after_work(proc)
        if proc.keeps_log is not None:
            lost.note(proc, now)
        changed = fraction != proc.fraction
        if proc.downstream:
            out = flow.service_rate()
            changed = changed or out != proc.out_rate
            proc.out_rate = out
            if lam != flow.lam or mu != flow.mu or proc.drain_at is None:
                self._watch_drain(proc)
        if proc.active_fallbacks:
            for fallback in proc.fallback_list:
                if fallback.ready:   # (ready implies active) else it has nothing to tell
                    self._tell_fallbacks(proc)
                    break
        mbco = proc.mbco
        was_disrupted = proc.fraction < mbco
        proc.fraction = fraction
        if fraction < mbco:
            if not was_disrupted:
                proc.disrupted_since = now
                proc.breach_version += 1
                if proc.mtpd_check is None:  # else the pending check sets this one when it comes
                    self._schedule_mtpd(proc)
        elif was_disrupted:
            assert proc.disrupted_since is not None
            proc.disrupted_hours += now - proc.disrupted_since
            proc.overrun_hours += max(0.0, now - proc.disrupted_since - proc.mtpd)
            proc.disrupted_since = None
            proc.breach_version += 1
        return changed

    def _after_work(self, proc: ProcessState) -> None:
        """Keep count of the cases a fallback with after-work handles (while it gives more than
        the normal process), and enter its share of them again once the normal process is back."""
        flow = proc.flow
        normal = proc.normal_fraction()
        source: FallbackState | None = None
        best = normal
        for fallback in proc.fallback_list:
            if fallback.active:
                counts = fallback.effective()
                if counts > best:
                    source, best = fallback, counts
        if source is not proc.handling:
            if proc.handling is not None:
                proc.rework_pending += proc.handling.shape.after_work * (flow.served - proc.handled_from)
            proc.handling = source if source is not None and source.shape.after_work > 0.0 else None
            proc.handled_from = flow.served
        if proc.handling is None and normal >= 1.0 and proc.rework_pending > 0.0:
            cases, proc.rework_pending = proc.rework_pending, 0.0
            flow.add_work(self.now, cases)
            self.record.add(self.now, "rework", proc.ref, cases=cases, cause="after_work")

    def _lost_data(self, service: ServiceState, before: float) -> None:
        """A service with a recovery point: going down loses the work done in the ``rpo`` before
        it; coming back, that work (× ``rework``) is entered again by each process needing it."""
        now = self.now
        if before > 0.0 and service.availability == 0.0:
            n = service.outages
            service.outages += 1
            rpo = self.streams.draw(service.spec.rpo, f"service:{service.id}:rpo:{n}")  # type: ignore[arg-type]
            if self._lost_moment != now:
                self._lost_moment = now
                self._lost_now.clear()
            for proc in service.rpo_dependents:
                proc.flow.advance(now)
                cases = lost.lost_work(proc, service.id, now - rpo, now) * service.spec.rework
                if cases <= 0.0:
                    continue
                # services going down together (one running on another) lose a process's work once:
                # the largest of their losses, kept by the service that lost it
                earlier = self._lost_now.get(proc.ref)
                if earlier is not None:
                    if earlier[1] >= cases:
                        continue
                    held = earlier[0].lost
                    held[proc.ref] -= earlier[1]
                    if held[proc.ref] <= 0.0:
                        del held[proc.ref]
                self._lost_now[proc.ref] = (service, cases)
                service.lost[proc.ref] = service.lost.get(proc.ref, 0.0) + cases
        elif before == 0.0 and service.availability > 0.0 and service.lost:
            for proc in service.rpo_dependents:
                cases = service.lost.pop(proc.ref, 0.0)
                if cases > 0.0:
                    proc.flow.add_work(now, cases)
                    self.record.add(now, "rework", proc.ref, cases=cases, cause=service.id)
                    if proc not in service.dependents:   # through a chain: its backlog jumped
                        self.update_process(proc)
            service.lost.clear()

    def _watch_drain(self, proc: ProcessState) -> None:
        """Set a timer for the moment the backlog of a process that feeds others empties: its
        service rate falls from its capacity to its arrival rate then, by itself."""
        flow = proc.flow
        proc.drain_version += 1
        proc.drain_at = None
        if flow.backlog > 0.0 and flow.lam < flow.mu:
            at = self.now + flow.backlog / (flow.mu - flow.lam)
            if at <= self.horizon:
                proc.drain_at = at
                version = proc.drain_version
                self.call_at(at, lambda: self._drained(proc, version))

    def _drained(self, proc: ProcessState, version: int) -> None:
        if version != proc.drain_version:
            return
        proc.drain_at = None
        proc.flow.drained(self.now)
        self.update_process(proc)
        self.settle()

    def _tell_fallbacks(self, proc: ProcessState) -> None:
        """Record a fallback as working (``fallback_ready``) only when it counts: lead time
        passed, its facility place held and its needs available; and record it when it stops
        counting (``fallback_blocked``, with the services it misses)."""
        for fallback in proc.fallback_list:
            if not (fallback.active and fallback.ready):
                continue
            counts = fallback.effective() > 0.0
            if counts and not fallback.told:
                fallback.told = True
                self.record.add(self.now, "fallback_ready", fallback.ref, **_staffed(fallback))
            elif not counts and fallback.told:
                fallback.told = False
                self.record.add(self.now, "fallback_blocked", fallback.ref,
                                needs=[n.id for n in fallback.needs if n.availability == 0.0], **_staffed(fallback))

    def release(self) -> None:
        """Break every reference cycle of the run's state (a process and its fallbacks, a service
        and the processes needing it, the timers still pending and the world they call, …):
        whoever is done with the world (Monte Carlo, once it has the outcome) lets its objects
        go at once, freed as the last reference goes, instead of leaving them to the cyclic
        collector, which on the national scenario cost ≈ 3.5 ms a replication, more than a
        fifth of it. Nothing may read the world after this."""
        self.env._queue.clear()
        self.env.__dict__.clear()   # simpy's Environment is a cycle of its own (its bound event classes)
        self._due.clear()
        for proc in self.processes.values():
            proc.fallbacks.clear()
            proc.fallback_list = ()
            proc.needs = ()
            proc.needs_processes = ()
            proc.fed_by = ()
            proc.downstream = ()
            proc.handling = None
            proc.calendar = None
            proc.profile = None
        for fallback in self.fallbacks.values():
            fallback.needs = ()
            fallback.facility = None
            fallback.calendar = None
            fallback.pool = None
        for service in self.services.values():
            service.dependents = ()
            service.rpo_dependents.clear()
            service.needs = ()
            service.runs_under = ()
        for supplier in self.suppliers.values():
            supplier.services.clear()
        for calendar in self.calendars.values():
            calendar.members.clear()
            calendar.own.clear()
        for profile in self.profiles.values():
            profile.members.clear()
            profile.own.clear()
        for facility in self.facilities.values():
            facility.holders.clear()
            facility.queue.clear()
        for pool in self.pools.values():
            pool.fallbacks.clear()
        self._process_order.clear()

    def close_flows(self) -> None:
        """At the horizon: integrate every flow to its end, once, so the result reads them
        as they are (every way of reaching the horizon does this, so results stay identical)."""
        for proc in self.processes.values():
            proc.flow.advance(self.horizon)

    def _schedule_mtpd(self, proc: ProcessState) -> None:
        """One pending MTPD check per process, for its current disruption: a process that
        flips in and out of disruption keeps one check, not one per flip (memory linear in
        the processes, not in processes × flips). Checks due at the same moment share one
        timer (a supplier failure disrupts a hundred processes at once, with a few MTPDs):
        they run in the order they were set, as one timer each would."""
        assert proc.disrupted_since is not None
        proc.mtpd_check = version = proc.breach_version
        at = proc.disrupted_since + proc.mtpd
        if at > self.horizon:
            proc.mtpd_check = None
            return
        checks = self._mtpd_checks.get(at)
        if checks is None:
            self._mtpd_checks[at] = checks = []
            self.call_at(at, partial(self._check_mtpds, at), PRIORITY_CHECK)
        checks.append((proc, version))

    def _check_mtpds(self, at: float) -> None:
        for proc, version in self._mtpd_checks.pop(at):
            proc.mtpd_check = None
            if proc.disrupted_since is None:
                continue
            if version != proc.breach_version:  # disrupted again since: check that disruption
                self._schedule_mtpd(proc)
                continue
            if proc.breach_at is None:
                proc.breach_at = self.now
            self.record.add(self.now, "mtpd_breach", proc.ref)
            self.settle()

    def _touch_services(self, services: Iterable[ServiceState]) -> None:
        touched: dict[ProcessState, None] = {}   # each once, in order (keyed by the object: no string to read)
        waiting: list[tuple[int, ServiceState]] = []
        for service in services:
            if service.runs_under:
                waiting.append((service.order, service))
            else:
                before = service.availability
                if service.refresh(self.now):
                    self._mark("service", service.id)
                    if service.spec.rpo is not None:
                        self._lost_data(service, before)
                    for proc in service.dependents:
                        touched[proc] = None
        if waiting:  # services running on others: each once, after the services it runs on
            heapq.heapify(waiting)
            queued = {order for order, _ in waiting}
            while waiting:
                order, service = heapq.heappop(waiting)
                queued.discard(order)
                before = service.availability
                if service.refresh(self.now):
                    self._mark("service", service.id)
                    if service.spec.rpo is not None:
                        self._lost_data(service, before)
                    for proc in service.dependents:
                        touched[proc] = None
                    for above in service.runs_under:
                        if above.order not in queued:
                            queued.add(above.order)
                            heapq.heappush(waiting, (above.order, above))
        for proc in touched:
            self.update_process(proc)

    # -- the storyline ------------------------------------------------------------------

    def fire(self, event: Event, by: str) -> bool:
        """Fire a storyline event (once); ``by`` is storyline or facilitator. An event whose
        ``unless`` holds is suppressed instead: recorded, never to fire in this run."""
        if event.id in self.fired or event.id in self.suppressed:
            return False
        unlucky = by == "storyline" and event.probability < 1.0 and (
            self.streams.uniform(f"event:{event.id}:probability") >= event.probability
        )
        if unlucky:
            self._skipped(event)
            return False
        if event.unless is not None and holds(event.unless, self):
            self._skipped(event)
            self.suppressed[event.id] = self.now
            self.changed()
            self.record.add(self.now, "suppressed", event.id, **({"by": by} if by != "storyline" else {}))
            return False
        self._watching.pop(self._place.get(event.id, -1), None)
        self.fired[event.id] = self.now
        self.changed("event", event.id, status=True)
        detail: dict[str, Any] = {"by": by} if by != "storyline" else {}
        if event.inject is not None:
            detail.update(self._told(event))
        self.record.add(self.now, "event", event.id, **detail)
        self.apply_effects(event.effects, f"event:{event.id}")
        for follower in self._followers.get(event.id, ()):
            assert follower.after is not None
            delay = self.streams.draw(follower.after.delay, f"event:{follower.id}:delay")
            self.scheduled[follower.id] = self.now + delay
            self.call_at(self.now + delay, partial(self.fire, follower, "storyline"))
        self.settle()
        return True

    def _told(self, event: Event) -> dict[str, Any]:
        """Which wording of the event's inject is shown now, the live figures it quotes, and
        (for ``check --play``) whether what it presupposes holds."""
        told, expects = self.wording(event)
        if expects is not None and not holds(expects, self):
            self.untrue.append((self.now, event.id, told.get("variant")))
        return told

    def wording(self, event: Event) -> tuple[dict[str, Any], Condition | None]:
        """The wording of the event's inject the world chooses now (changing nothing): the
        first variant whose ``when`` holds (``variant``, absent when none does) and the live
        figures its placeholders quote (``values``); with what that wording presupposes (its
        ``expects``, None when it states nothing)."""
        inject = event.inject
        assert inject is not None
        told: dict[str, Any] = {}
        chosen = None
        for k, variant in enumerate(inject.variants):
            if variant.when is None or holds(variant.when, self):
                chosen = variant
                told["variant"] = k
                break
        title = chosen.title if chosen is not None and chosen.title is not None else inject.title
        text = chosen.text if chosen is not None and chosen.text is not None else inject.text
        values = self.figures([title, text])
        if values:
            told["values"] = values
        return told, chosen.expects if chosen is not None else inject.expects

    def figures(self, texts: Iterable[object]) -> dict[str, Any]:
        """The live figure of every placeholder in the texts, keyed as the placeholder names it."""
        values: dict[str, Any] = {}
        for text in texts:
            for part in ([text] if isinstance(text, str) else list(text.values()) if isinstance(text, dict) else []):
                for placeholder in placeholders(part):
                    if placeholder.key not in values:
                        values[placeholder.key] = self._figure(placeholder.name, placeholder.argument)
        return values

    def _figure(self, name: str, argument: str) -> Any:
        now = self.now
        if name in ("backlog", "late", "capacity", "demand"):
            proc = self.processes[argument]
            flow = proc.flow.at(now)
            return {"backlog": flow.backlog, "late": flow.late, "capacity": proc.fraction,
                    "demand": flow.lam}[name]
        if name == "budget":
            left = self.budget_left()
            return None if left == INF else left
        if name == "people":
            return max(0.0, self.pools[argument].people)
        facility = self.facilities[argument]
        if name == "holders":
            return [h.ref for h in facility.holders]
        if name == "waiting":
            return [q.ref for q in facility.queue]
        return facility.slots - len(facility.holders)

    def _skipped(self, event: Event) -> None:
        """An event that did not happen in this run can no longer be fired by its trigger."""
        self._watching.pop(self._place.get(event.id, -1), None)

    def _mark(self, kind: str, ident: str) -> None:
        """Something ``when`` conditions may read changed: look at its watchers again, and
        count the change when a plan's rules read it (``mark_counts``)."""
        self._mark_key((kind, ident))

    def _mark_key(self, key: tuple[str, str]) -> None:
        watchers = self._watchers.get(key)
        if watchers:
            for place in watchers:
                self._look_at(place)
        counts = self.mark_counts
        if counts and key in counts:
            counts[key] += 1
            self.mark_log.append(key)
            if self.on_mark is not None:
                self.on_mark(key)

    def _look_at(self, place: int) -> None:
        if place not in self._dirty:
            self._dirty.add(place)
            heapq.heappush(self._queue, place)

    def settle(self) -> None:
        """Fire every pending ``when`` event whose condition now holds; set timers for the rest.

        The first event of the scenario that holds fires first, then again the first that
        holds. Only the events that read something that changed, or whose wake-up time has
        come, are looked at (the others cannot have changed), so the work is linear in the
        changes times the events that watch them, not in the changes times all pending
        events; firing is a loop, not a recursion (a chain of 500 ``when: {event: …}`` was
        a RecursionError).
        """
        if self._settling:
            return
        self._settling = True
        try:
            now = self.now
            due = self._due
            while due and due[0][0] <= now + 1e-9:
                _, place, version = heapq.heappop(due)
                event = self._watching.get(place)
                if event is not None and self._wake.get(event.id, (0.0, -1))[1] == version:
                    self._look_at(place)
            looked: set[int] = set()
            queue = self._queue
            while queue:
                place = heapq.heappop(queue)
                self._dirty.discard(place)
                event = self._watching.get(place)
                if event is None:
                    continue
                assert event.when is not None
                if holds(event.when, self):
                    looked.discard(place)
                    self.fire(event, by="storyline")   # its own settle returns: this loop goes on
                else:
                    looked.add(place)
            now = self.now
            for place in sorted(looked):
                event = self._watching.get(place)
                if event is None:
                    continue
                assert event.when is not None
                t = next_change(event.when, self)
                if t <= now + 1e-9 or t > self.horizon:
                    continue
                previous = self._wake.get(event.id)
                if previous is not None and previous[0] == t:
                    continue
                version = previous[1] + 1 if previous else 1
                self._wake[event.id] = (t, version)
                heapq.heappush(due, (t, place, version))
                self.call_at(t, partial(self._woken, event, version))
        finally:
            self._settling = False

    def _woken(self, event: Event, version: int) -> None:
        wake = self._wake.get(event.id)
        if wake is None or wake[1] != version:
            return
        del self._wake[event.id]
        self._look_at(self._place[event.id])
        self.settle()

    # -- effects ------------------------------------------------------------------------

    def apply_effects(self, effects: Iterable[object], source: str) -> None:
        """Apply effects now; temporary ones schedule their own end."""
        for j, effect in enumerate(effects):
            self._apply(effect, f"{source}:effect:{j}")

    def _duration(self, value: object, key: str) -> float | None:
        if value is None:
            return None
        return self.streams.draw(value, f"{key}:duration")  # type: ignore[arg-type]

    def _apply(self, effect: object, key: str) -> None:
        now = self.now
        self.changed(status=True)
        match effect:
            case fx.SupplierEffect(supplier=s):
                supplier = self.suppliers[s.id]
                supplier.status = s.status
                self._mark("supplier", s.id)
                self._touch_services(supplier.services)
            case fx.ServiceEffect(service=s):
                service = self.services[s.id]
                duration = self._duration(s.duration, key)
                if duration is None:
                    service.base = s.availability
                    service.overrides.clear()
                else:
                    token = self._new_token()
                    service.overrides.append((token, s.availability))
                    self.call_at(now + duration, lambda: self._end_override(service, token))
                self._touch_services([service])
            case fx.RehostEffect(rehost=r):
                service = self.services[r.service]
                service.supplier.services.remove(service)
                service.supplier = self.suppliers[r.supplier]
                service.supplier.services.append(service)
                self._touch_services([service])
            case fx.DemandEffect(demand=p) | fx.CapacityEffect(capacity=p):
                proc = self.processes[p.process]
                demand_factors, capacity_factors, _ = proc.adjust()
                factors = demand_factors if isinstance(effect, fx.DemandEffect) else capacity_factors
                token = self._new_token()
                factors[token] = p.factor
                duration = self._duration(p.duration, key)
                if duration is not None:
                    self.call_at(now + duration, lambda: self._end_factor(proc, factors, token))
                self.update_process(proc)
            case fx.PostponeEffect(postpone=p):
                proc = self.processes[p.process]
                token = self._new_token()
                proc.adjust()[0][token] = 1.0 - p.fraction
                self.update_process(proc)
                duration = self.streams.draw(p.duration, f"{key}:duration")
                arrived = proc.flow.arrived
                self.call_at(now + duration,
                             lambda: self._end_postponement(proc, token, p, key, arrived, duration))
            case fx.BudgetEffect(budget=b):
                self.money.added += b.amount
            case fx.LeadTimeEffect(fallback_lead_time=f):
                fallback = self.fallbacks[f.fallback]   # many ×100 stay finite: 1e6 is "never"
                fallback.lead_factor = min(fallback.lead_factor * f.factor, 1e6)
            case fx.StaffEffect(staff=st):
                pool = self.pools[st.pool]
                pool.people += st.people
                self._reshare(pool)
                lasts = self._duration(st.duration, key)
                if lasts is not None:
                    self.call_at(now + lasts, lambda: self._end_staff(pool, st.people))
            case fx.StaffOrderEffect(staff_order=so):
                pool = self.pools[so.pool]
                pool.ordered = so.order == "criticality"
                self._reshare(pool, told=True)
            case fx.LoanEffect(loan=loan):
                lender, borrower = self._party(loan.from_), self._party(loan.to)
                moved, taken, given = lend(lender, borrower, loan.people)
                self.record.add(now, "loan", loan.from_, to=loan.to, people=moved)
                self._lent(lender, borrower)
                lasts = self._duration(loan.duration, key)
                if lasts is not None and taken > 0.0:
                    self.call_at(now + lasts, lambda: self._end_loan(lender, borrower, taken, given))
            case fx.DisciplineEffect(discipline=d):
                proc = self.processes[d.process]
                assert isinstance(proc.flow, TriageFlow)
                proc.flow.set_discipline(now, d.order)
                self.update_process(proc)

    def _party(self, ref: str) -> PoolState | ProcessState:
        return self.processes[ref] if "/" in ref else self.pools[ref]

    def _reshare(self, pool: PoolState, told: bool = False) -> None:
        """The pool's people or claims changed: update the processes whose fallbacks' share moved
        (and tell the conditions reading the pool when its share moved)."""
        share = pool.share
        before = [fallback.staff_share for fallback in pool.fallbacks] if pool.ordered or told else None
        changed = reshare(pool)
        if pool.share != share or before is not None:
            if pool.share != share:
                self.changed("pool", pool.id)
            for fallback in changed:   # a working fallback tells the team how many people it has now
                moved = pool.share != share if before is None else \
                    fallback.staff_share != before[pool.fallbacks.index(fallback)]
                if moved and fallback.told and claims(fallback) and fallback.staff_share > 0.0:
                    self.record.add(self.now, "fallback_staffed", fallback.ref,
                                    staff=[fallback.shape.staff * fallback.staff_share, fallback.shape.staff])
        for proc in dict.fromkeys(fallback.process for fallback in changed):
            self.update_process(proc)

    def _lent(self, *parties: PoolState | ProcessState) -> None:
        for party in parties:
            if isinstance(party, PoolState):
                self._reshare(party)
            else:
                self.update_process(party)

    def _end_staff(self, pool: PoolState, people: float) -> None:
        self.changed(status=True)
        pool.people -= people
        self._reshare(pool)
        self.settle()

    def _end_loan(self, lender: PoolState | ProcessState, borrower: PoolState | ProcessState, taken: float,
                  given: float) -> None:
        self.changed(status=True)
        give_back(lender, borrower, taken, given)
        self._lent(lender, borrower)
        self.settle()

    def _tire(self, fallback: FallbackState, version: int, step: int) -> None:
        """A fallback's sustained manual work weakens by one more step: its capacity × the
        fatigue factor to the power of the steps taken."""
        fatigue = fallback.shape.fatigue
        if version != fallback.version or not fallback.active or fatigue is None:
            return
        if step <= fallback.tired and (fallback.hours is None or step == fallback.tired):
            return   # (on office hours a step back to 0 is its people rested by a long enough closure)
        self.changed(status=True)
        fallback.tired = step
        fallback.fatigue = fatigue.factor ** step
        rescale(fallback)
        self.record.add(self.now, "fatigue", fallback.ref, factor=fallback.fatigue, step=step)
        self.update_process(fallback.process)
        self.settle()

    def _start_work(self, fallback: FallbackState, version: int) -> None:
        """The fallback starts to work: rested when its pause lasted ``rest`` (or there was none
        to rest from), else tired as it was; a timer for each step of fatigue still to come."""
        fatigue = fallback.shape.fatigue
        if fatigue is None:
            return
        now = self.now
        if fallback.hours is not None:   # working hours count, a long enough closure rests
            fallback.tired_from = fallback.tired
            fallback.fatigue = fatigue.factor ** fallback.tired
            rescale(fallback)
            changes = work_walk(fallback.hours, now, self.horizon, fallback.worked, fallback.tired, fatigue,
                                fallback.stopped_at)[0]
            for at, step in changes:
                self.call_at(at, partial(self._tire, fallback, version, step))
            return
        stopped = fallback.stopped_at
        if stopped is None or now - stopped >= fatigue.rest - 1e-9:
            fallback.worked, fallback.tired = 0.0, 0
        fallback.fatigue = fatigue.factor ** fallback.tired
        rescale(fallback)
        for step in range(fallback.tired + 1, fatigue.steps + 1):
            at = now + step * fatigue.after - fallback.worked
            if at > self.horizon:
                break
            self.call_at(at, partial(self._tire, fallback, version, step))

    def _end_override(self, service: ServiceState, token: int) -> None:
        self.changed(status=True)
        service.overrides[:] = [o for o in service.overrides if o[0] != token]
        self._touch_services([service])
        self.settle()

    def _end_postponement(self, proc: ProcessState, token: int, p: fx.Postponement, key: str,
                          arrived: float, lasted: float) -> None:
        """The postponement ends: what it held back (a fraction f of every case, so f/(1−f)
        of what did arrive meanwhile) comes back later, evenly, on top of the demand."""
        proc.flow.advance(self.now)
        kept = proc.adjust()[0].pop(token)          # 1 − f
        held_back = (proc.flow.arrived - arrived) * (1.0 - kept) / kept
        self.update_process(proc)
        after = self.streams.draw(p.returns_after, f"{key}:returns_after")
        over = lasted if p.returns_over is None else self.streams.draw(p.returns_over, f"{key}:returns_over")
        self.settle()
        if held_back > 0.0 and over > 0.0:
            self.call_at(self.now + after, lambda: self._return_cases(proc, token, held_back / over, over))

    def _return_cases(self, proc: ProcessState, token: int, rate: float, over: float) -> None:
        proc.adjust()[2][token] = rate
        self.update_process(proc)
        self.call_at(self.now + over, lambda: self._end_extra(proc, token))
        self.settle()

    def _end_extra(self, proc: ProcessState, token: int) -> None:
        proc.adjust()[2].pop(token, None)
        self.update_process(proc)
        self.settle()

    def _watch_calendar(self, calendar: CalendarState) -> None:
        at = calendar.next_change(self.now)
        if at <= self.horizon:
            self.call_at(at, lambda: self._calendar_turns(calendar))

    def _calendar_turns(self, calendar: CalendarState) -> None:
        """A calendar opens or closes: one event for every process that follows it."""
        is_open = calendar.is_open(self.now)
        if is_open != calendar.open:
            calendar.open = is_open
            for proc in calendar.members:
                self.update_process(proc)
            if self._watchers or self.mark_counts:   # the rest turn by themselves: tell who reads them
                for proc in calendar.own:
                    if proc.key in self._watchers or proc.key in self.mark_counts:
                        self.changed(key=proc.key)
            self.settle()
        self._watch_calendar(calendar)

    def _watch_profile(self, profile: ProfileState) -> None:
        at = profile.next_wake(self.now, self.horizon)
        if at <= self.horizon:
            self.call_at(at, lambda: self._profile_turns(profile))

    def _profile_turns(self, profile: ProfileState) -> None:
        """A demand profile's factor changes: one event for every process that follows it."""
        factor = profile.factor_at(self.now)
        if factor != profile.factor:
            profile.factor = factor
            profile.passed += 1   # the own flows pass it from now on
            for proc in profile.members:
                proc.base_demand = proc.shape.demand * factor
                self.update_process(proc)
            if profile.own:   # the rest switch by themselves: tell who reads them
                self.changed()
                if self._watchers or self.mark_counts:
                    for proc in profile.own:
                        if proc.key in self._watchers or proc.key in self.mark_counts:
                            self.changed(key=proc.key)
            self.settle()
        self._watch_profile(profile)

    def _end_factor(self, proc: ProcessState, factors: dict[int, float], token: int) -> None:
        factors.pop(token, None)
        self.update_process(proc)
        self.settle()

    # -- decisions ----------------------------------------------------------------------

    def take_action(self, action: Action) -> None:
        """Take an action: pay now, apply its effects after its lead time."""
        n = self.taken.get(action.id, 0)
        self.taken[action.id] = n + 1
        self.changed(status=True)
        self.money.pay(action.cost, f"action:{action.id}")
        lead = self.streams.draw(action.lead_time, f"action:{action.id}:lead_time:{n}")
        self.record.add(self.now, "action", action.id, effective_at=self.now + lead)
        if lead == 0.0:
            self._action_effective(action, n)
        else:
            pending = (self.now + lead, action.id)
            self.pending_actions.append(pending)
            self.decided_at[pending] = self.now
            self.call_at(self.now + lead, lambda: self._action_effective(action, n, pending))

    def _action_effective(self, action: Action, n: int, pending: tuple[float, str] | None = None) -> None:
        if pending is not None:
            self.pending_actions.remove(pending)
            self.decided_at.pop(pending, None)
        self.record.add(self.now, "action_effective", action.id)
        self.apply_effects(action.effects, f"action:{action.id}:{n}")
        self.settle()

    def activate(self, fallback: FallbackState) -> None:
        """Activate a fallback: pay, claim a facility slot, and start its lead time."""
        now = self.now
        n = fallback.activations
        fallback.activations += 1
        if not fallback.active:
            fallback.process.active_fallbacks += 1
        fallback.active = True
        fallback.ready = False
        self.changed("fallback", fallback.ref, status=True)
        fallback.activated_at = now
        lead = self.streams.draw(fallback.shape.lead_time, f"fallback:{fallback.ref}:lead_time:{n}")
        lead *= fallback.lead_factor
        fallback.ready_at = now + lead
        self.money.pay(fallback.shape.cost, fallback.ref)
        self.money.start_paying(fallback)
        self.record.add(now, "activate", fallback.ref, ready_at=now + lead)
        facility = fallback.facility
        if facility is not None:
            if not facilities.claim(facility, fallback):
                self.record.add(now, "facility_wait", fallback.ref, facility=facility.id)
            self._log_facility(facility)
        if lead == 0.0:
            self._ready(fallback, fallback.version)
        else:
            version = fallback.version
            self.call_at(now + lead, lambda: self._ready(fallback, version))

    def _ready(self, fallback: FallbackState, version: int) -> None:
        if version != fallback.version or not fallback.active:
            return
        fallback.ready = True
        if fallback.pool is not None:
            self._reshare(fallback.pool)
        self._start_work(fallback, version)
        missing = [n.id for n in fallback.needs if n.availability == 0.0]
        if fallback.facility is None or fallback.holds_slot:
            if missing:
                self.record.add(self.now, "fallback_blocked", fallback.ref, needs=missing)
            elif fallback.pool is not None and fallback.staff_share == 0.0:
                self.record.add(self.now, "fallback_blocked", fallback.ref, needs=[], **_staffed(fallback))
        self.update_process(fallback.process)
        self.settle()

    def deactivate(self, fallback: FallbackState) -> None:
        """Deactivate a fallback: stop paying for it and free its facility slot."""
        now = self.now
        worked = fallback.ready
        if fallback.active:
            fallback.process.active_fallbacks -= 1
        fallback.active = False
        fallback.ready = False
        self.changed("fallback", fallback.ref, status=True)
        fallback.told = False
        fallback.version += 1
        self.money.stop_paying(fallback, now)
        self.record.add(now, "deactivate", fallback.ref)
        fatigue = fallback.shape.fatigue
        if fatigue is not None and worked:   # what it worked counts on unless a long enough pause rests it
            if fallback.hours is not None:   # its working hours since it started, and its last work
                _, fallback.worked, fallback.tired, fallback.stopped_at = work_walk(
                    fallback.hours, fallback.ready_at, now, fallback.worked, fallback.tired_from, fatigue,
                    fallback.stopped_at)
                fallback.fatigue = fatigue.factor ** fallback.tired
                rescale(fallback)
            else:
                fallback.worked += now - fallback.ready_at
                fallback.stopped_at = now
        if fallback.fatigue != 1.0 and (fatigue is None or fatigue.rest <= 0.0):
            fallback.fatigue = 1.0
            fallback.worked, fallback.tired = 0.0, 0
            rescale(fallback)
        if fallback.facility is not None:
            for granted in facilities.release(fallback.facility, fallback):
                self.changed("fallback", granted.ref)
                if granted.pool is not None:
                    self._reshare(granted.pool)
                if granted.ready:
                    self.update_process(granted.process)
            self._log_facility(fallback.facility)
        if fallback.pool is not None:
            self._reshare(fallback.pool)
        self.update_process(fallback.process)
        self.settle()

    # -- the coordination's powers (issue 13) ---------------------------------------------

    def allocate(self, fallback: FallbackState) -> None:
        """The coordination gives the fallback a place of its facility now (facilities.allocate)."""
        facility = fallback.facility
        assert facility is not None
        self.changed(status=True)
        displaced = facilities.allocate(facility, fallback)
        self.record.add(self.now, "allocate", fallback.ref, facility=facility.id,
                        **({"instead_of": displaced.ref} if displaced is not None else {}))
        for moved in (displaced, fallback):   # holding a place changes what a staff pool shares
            if moved is not None and moved.pool is not None:
                self._reshare(moved.pool)
        if displaced is not None:
            self.record.add(self.now, "facility_wait", displaced.ref, facility=facility.id)
            self.update_process(displaced.process)
        self._log_facility(facility)
        self.update_process(fallback.process)
        self.settle()

    def prioritise(self, facility: FacilityState, organisations: tuple[str, ...]) -> None:
        """The coordination orders the facility's waiting list by organisation."""
        self.changed(status=True)
        facilities.prioritise(facility, organisations)
        self.record.add(self.now, "priority", facility.id, organisations=list(organisations))
        self.settle()

    def release_budget(self, team: str, amount: float) -> None:
        """The coordination moves money from its reserve to a team's own budget."""
        self.changed(status=True)
        self.money.reserve -= amount
        self.money.own[team] += amount
        self.record.add(self.now, "release", team, amount=amount)
        self.settle()

    def _log_facility(self, facility: FacilityState) -> None:
        if facility.log is not None:
            holders = tuple(h.ref for h in facility.holders)
            if holders != facility.log[-1][1]:
                if facility.log[-1][0] == self.now:
                    facility.log.pop()
                facility.log.append((self.now, holders))

    # -- money (oefening.engine.money) ---------------------------------------------------

    @property
    def spent(self) -> float:
        """Spent on actions, activations and closed activations' days (not the running days)."""
        return self.money.spent

    @property
    def budget_added(self) -> float:
        return self.money.added

    def spent_until(self, t: float) -> float:
        """Money spent on actions and fallbacks up to time ``t``."""
        return self.money.spent_until(t)

    def budget_left(self) -> float:
        """What is left of the budget now (infinite without a budget)."""
        return self.money.left(self.now)

    def budget_left_for(self, what: str) -> float:
        """What is left of the budget that pays for ``what`` (a fallback's ref, ``action:ID``):
        its team's own budget when it has one, else the shared one."""
        return self.money.left_for(what, self.now)


def _staffed(fallback: FallbackState) -> dict[str, Any]:
    """For the record: a fallback short of staff, the people it has of those it needs
    (``staff: [6, 10]``); nothing when it has them all or needs none."""
    pool = fallback.pool
    if pool is None or fallback.staff_share >= 1.0:
        return {}
    return {"staff": [fallback.shape.staff * fallback.staff_share, fallback.shape.staff]}

