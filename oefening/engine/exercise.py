"""The steppable exercise: the one object a crisis team at the TUI, a plan and a test drive.

Build it from a scenario and a seed, read a :meth:`~Exercise.snapshot`, list the
:meth:`~Exercise.options` open now (with cost, and why an unavailable one is unavailable),
:meth:`~Exercise.decide`, and :meth:`~Exercise.advance` one turn, which returns what happened
during it. No threads: simpy runs to the next turn boundary and stops. The exercise never
knows whether a person, a plan or a test is deciding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from oefening.engine import facilities
from oefening.engine.calendar import OfficeFlow
from oefening.engine.conditions import holds
from oefening.engine.decisions import (
    Activate,
    Allocate,
    Deactivate,
    Decision,
    Prioritise,
    Refusal,
    Release,
    TakeAction,
    decision_subject,
)
from oefening.engine.flow import Flow
from oefening.engine.profile import ProfileFlow
from oefening.engine.record import Entry, TrendPoint, TurnMark
from oefening.engine.result import Result, continuity_of
from oefening.engine.retell import Retelling, retell
from oefening.engine.snapshot import (
    FacilityView,
    FallbackView,
    Pending,
    PoolView,
    ProcessView,
    ServiceView,
    Snapshot,
    SupplierView,
)
from oefening.engine.staff import claims
from oefening.engine.state import FallbackState, ProcessState, ServiceState
from oefening.engine.structure import Structure
from oefening.engine.world import World
from oefening.scenario.distributions import RandomDuration
from oefening.scenario.model import Event, Scenario


@dataclass(frozen=True, slots=True)
class Option:
    """A decision open to the team now, or closed with the reason."""

    decision: Decision
    title: str | dict[str, str]
    cost: float
    lead_time: RandomDuration
    refusal: Refusal | None
    lead_factor: float = 1.0   # lead-time factor earned by earlier actions (fallbacks only)

    @property
    def available(self) -> bool:
        return self.refusal is None


def _staffing(fallback: FallbackState) -> dict[str, Any]:
    """What the snapshot shows of a fallback's staff: the people it needs, its pool, the
    people it has now, whether it claims them, and its fatigue factor."""
    pool = fallback.pool
    claiming = claims(fallback)
    return {"staff": fallback.shape.staff, "pool": pool.id if pool is not None else None,
            "people": fallback.shape.staff * fallback.staff_share if pool is not None and claiming else 0.0,
            "claims": claiming, "fatigue": fallback.fatigue}


def _window(lead: RandomDuration, decided: float, factor: float = 1.0) -> tuple[float, float | None, float]:
    """When something decided at ``decided`` can take effect, as the team can know it from
    its lead time: (earliest, latest or None when unbounded, expected)."""
    if isinstance(lead, int | float):
        t = decided + float(lead) * factor
        return t, t, t
    if getattr(lead, "dist", None) == "fixed":
        t = decided + float(lead.value) * factor  # type: ignore[union-attr]
        return t, t, t
    low, high = getattr(lead, "low", None), getattr(lead, "high", None)
    expected = decided + lead.mean() * factor
    return (decided + low * factor if low is not None else decided,
            decided + high * factor if high is not None else None, expected)


def _office(proc: ProcessState, now: float) -> tuple[float, float | None]:
    """A process on office hours (its own, or a fallback's): the capacity fraction at which
    cases are handled now, and, when closed hours hold it below its capacity fraction, when
    the first of them opens; (-1, None) for a process without office hours."""
    if proc.calendar is None and not proc.calendar_fallbacks:
        return -1.0, None
    working = proc.working_fraction(proc.fraction)
    if working >= proc.fraction - 1e-12:
        return working, None
    if proc.calendar is not None and not proc.calendar.open:
        return working, proc.calendar.next_change(now)
    opens = [fb.calendar.next_change(now) for fb in proc.fallbacks.values()
             if fb.active and fb.calendar is not None and not fb.calendar.open and fb.effective() > working]
    return working, min(opens) if opens else None


@dataclass(frozen=True, slots=True)
class Firing:
    """What firing an event by hand did: whether it fired, every event fired to keep the story
    in order (the earliest first), and else why not (``unknown``, ``finished``, ``fired``,
    ``suppressed``: ``blocker`` can no longer happen)."""

    fired: bool
    events: tuple[str, ...]
    reason: str | None
    blocker: str


@dataclass(frozen=True, slots=True, init=False)
class TurnReport:
    """What happened during one turn (its own ``__init__``: see :class:`~oefening.engine.record.Entry`)."""

    turn: int          # the turn number now reached
    start: float       # hours since start
    end: float
    entries: list[Entry]

    def __init__(self, turn: int, start: float, end: float, entries: list[Entry]) -> None:
        object.__setattr__(self, "turn", turn)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "entries", entries)


_Watched = tuple[tuple[ProcessState, ...], tuple[ServiceState, ...], tuple[FallbackState, ...]]


class Exercise:
    """One run of a scenario with one seed, advanced turn by turn."""

    def __init__(self, scenario: Scenario, seed: int = 0, replication: int = 0, *, trend: bool = False,
                 structure: Structure | None = None) -> None:
        """``trend``: note the continuity and the total backlog in the record at every turn
        boundary (the UI and the report show it; a run without people need not pay for it).
        ``structure``: the scenario's static structure, shared by its worlds (default: the
        one :func:`~oefening.engine.structure.structure_of` keeps)."""
        self.scenario = scenario
        self.seed = seed
        self.replication = replication
        self.world = World(scenario, seed, replication, structure)
        self.turn = 0
        self._was_acute = False
        # (processes, services they need, fallbacks with needs): what _acute() reads
        self._watched: _Watched | None = None
        self._trend = trend
        self._read: tuple[tuple[float, int], list[tuple[float, Flow]]] | None = None   # see _flows
        self._options: dict[str, tuple[tuple[bool, float, Refusal | None], Option]] = {}   # see options
        self._idle: dict[str, FallbackView] = {}   # views of fallbacks that are not active (_fallback_view)
        # what happens at the very start is on the table before the first decision
        self.world.run(0.0, turn=True)
        self._mark_turn()

    # -- time ---------------------------------------------------------------------------

    @property
    def now(self) -> float:
        return self.world.now

    @property
    def horizon(self) -> float:
        return self.world.horizon

    @property
    def finished(self) -> bool:
        return self.world.now >= self.world.horizon

    @property
    def turns(self) -> int:
        """How many turns the whole exercise has."""
        full, rest = divmod(self.horizon, self.scenario.turn)
        return int(full) + (1 if rest > 1e-9 else 0)

    def advance(self) -> TurnReport:
        """Run the simulation one turn length (or to the horizon) and report what happened."""
        if self.finished:
            raise RuntimeError("the exercise has reached its horizon")
        start = self.now
        first = len(self.world.record)
        end = min(start + self.scenario.turn, self.horizon)
        if end >= self.horizon:
            self.world.run(self.horizon)
            self.world.close_flows()
        else:
            self.world.run(end, turn=True)
        self.turn += 1
        self._was_acute = self._was_acute or self._acute()
        self._mark_turn()
        return TurnReport(self.turn, start, self.now, self.world.record.since(first))

    def _mark_turn(self) -> None:
        """A turn boundary reached: noted in the record, with the trend when it is sampled
        (reading it leaves the run as it is)."""
        record, now = self.world.record, self.now
        record.turns.append(TurnMark(self.turn, now, len(record)))
        if self._trend:
            flows = self._flows()   # read once: the snapshot of this boundary reads the same
            backlog = sum(flow.backlog for _, flow in flows)
            record.trend.append(TrendPoint(now, continuity_of(flows), backlog))

    def _flows(self) -> list[tuple[float, Flow]]:
        """Every process's flow as it is now, with its weight, in the world's order: read once
        per moment and state of the world (a turn boundary's trend and the screen's snapshot
        share the reading; a decision or a later moment reads anew). Reading never advances
        the run itself."""
        world = self.world
        key = (world.now, world.version)
        if self._read is None or self._read[0] != key:
            now = world.now
            self._read = (key, [(p.weight, p.flow.at(now)) for p in world.processes.values()])
        return self._read[1]

    def run_to_end(self) -> None:
        """Run to the horizon without stopping at turns (nobody decides)."""
        if not self.finished:
            self.world.run(self.horizon)
            self.world.close_flows()
            self.turn = self.turns

    def release(self) -> None:
        """Done with this exercise: its world's objects are freed at once, without the cyclic
        collector (:meth:`World.release`); nothing may read it afterwards."""
        self._watched = None
        self._read = None
        self.world.release()

    # -- decisions ----------------------------------------------------------------------

    def refusal(self, decision: Decision) -> Refusal | None:
        """Why ``decision`` cannot be taken now, or None when it can."""
        world = self.world
        if self.finished:
            return Refusal("finished", "the exercise has ended")
        match decision:
            case TakeAction(action=ident):
                action = world.actions.get(ident)
                if action is None:
                    return Refusal("unknown", f"unknown action {ident!r}")
                if world.taken.get(ident) and not action.repeatable:
                    return Refusal("taken", "already taken")
                if action.available is not None and not holds(action.available, world):
                    return Refusal("unavailable", "not available now")
                left = world.budget_left_for(f"action:{ident}")
                if action.cost > left + 1e-9:
                    return Refusal("budget", f"costs {action.cost:,.0f}, budget left {left:,.0f}")
            case Activate(fallback=ref):
                fallback = world.fallbacks.get(ref)
                if fallback is None:
                    return Refusal("unknown", f"unknown fallback {ref!r}")
                if fallback.active:
                    return Refusal("active", "already active")
                cost = fallback.shape.cost
                left = world.budget_left_for(ref)
                if cost > left + 1e-9:
                    return Refusal("budget", f"costs {cost:,.0f}, budget left {left:,.0f}")
            case Deactivate(fallback=ref):
                fallback = world.fallbacks.get(ref)
                if fallback is None:
                    return Refusal("unknown", f"unknown fallback {ref!r}")
                if not fallback.active:
                    return Refusal("inactive", "not active")
            case Allocate() | Prioritise() | Release():
                return self._coordination_refusal(decision)
        return None

    def _coordination_refusal(self, decision: Allocate | Prioritise | Release) -> Refusal | None:
        """Why a coordination decision cannot be taken now (the scenario grants each power)."""
        world = self.world
        coordination = self.scenario.coordination
        power = {Allocate: "allocate", Prioritise: "priority", Release: "budget"}[type(decision)]
        if coordination is None or power not in coordination.powers:
            return Refusal("power", f"the scenario grants no coordination the power {power!r}")
        match decision:
            case Allocate(fallback=ref):
                fallback = world.fallbacks.get(ref)
                if fallback is None:
                    return Refusal("unknown", f"unknown fallback {ref!r}")
                if fallback.facility is None:
                    return Refusal("unknown", f"{ref} uses no facility")
                if not fallback.active:
                    return Refusal("inactive", "not active: its team activates it first")
                if ref in fallback.facility.allocated:
                    return Refusal("taken", "already allocated a place")
                if not fallback.holds_slot and not facilities.can_give_way(fallback.facility):
                    return Refusal("full", "every place is allocated already")
            case Prioritise(facility=ident, organisations=orgs):
                if ident not in world.facilities:
                    return Refusal("unknown", f"unknown facility {ident!r}")
                known = {org.id for org in self.scenario.organisations}
                wrong = [org for org in orgs if org not in known]
                if wrong or len(set(orgs)) != len(orgs):
                    return Refusal("unknown", f"unknown or repeated organisations: {', '.join(wrong) or 'repeated'}")
            case Release(team=team, amount=amount):
                if team not in world.money.own:
                    return Refusal("unknown", f"team {team!r} has no budget of its own to release money to")
                if amount > world.money.reserve + 1e-9:
                    return Refusal("reserve", f"releases {amount:,.0f}, reserve left {world.money.reserve:,.0f}")
        return None

    def coordination_options(self, include: bool) -> list[Option]:
        """With ``include`` and the power allocate: one option per active fallback that waits
        for a place of its facility (the coordination's console lists them): giving the place
        changes who holds it only there; a fallback that holds one already is not offered."""
        coordination = self.scenario.coordination
        if not include or coordination is None or "allocate" not in coordination.powers:
            return []
        options = []
        for ref, fallback in self.world.fallbacks.items():
            if fallback.facility is not None and fallback.active and not fallback.holds_slot:
                decision = Allocate(ref)
                options.append(Option(decision, fallback.spec.name, 0.0, 0.0, self.refusal(decision)))
        return options

    def decide(self, decision: Decision) -> Refusal | None:
        """Take a decision now; a refused one is recorded with its reason and returned."""
        refusal = self.refusal(decision)
        world = self.world
        if refusal is not None:
            world.record.add(self.now, "refused", decision_subject(decision), reason=refusal.code)
            return refusal
        match decision:
            case TakeAction(action=ident):
                world.take_action(world.actions[ident])
            case Activate(fallback=ref):
                world.activate(world.fallbacks[ref])
            case Deactivate(fallback=ref):
                world.deactivate(world.fallbacks[ref])
            case Allocate(fallback=ref):
                world.allocate(world.fallbacks[ref])
            case Prioritise(facility=ident, organisations=orgs):
                world.prioritise(world.facilities[ident], orgs)
            case Release(team=team, amount=amount):
                world.release_budget(team, amount)
        world.settle()
        return None

    def options(self) -> list[Option]:
        """Every action and fallback decision, available now or not (with the reason).

        Incremental where it can be: a world of 50,000 fallbacks asks this at every redraw.
        Each budget that pays is read once per call (not once per fallback), and a fallback's
        option is made anew only when what it says changed (active or not, its lead-time
        factor, its refusal); the reasons are those :meth:`refusal` gives."""
        options: list[Option] = []
        for action in self.scenario.actions:
            decision: Decision = TakeAction(action.id)
            options.append(Option(decision, action.title, action.cost, action.lead_time, self.refusal(decision)))
        world = self.world
        money, now = world.money, world.now
        finished = Refusal("finished", "the exercise has ended") if self.finished else None
        lefts: dict[str | None, float] = {}   # by the team whose budget pays (None: the shared one)
        made = self._options
        for ref, fallback in world.fallbacks.items():
            refusal = finished
            if fallback.active:  # stopping takes effect at once and costs nothing
                key = (True, fallback.lead_factor, refusal)
            else:
                cost = fallback.shape.cost
                if refusal is None:
                    team = money.owner.get(ref)
                    payer = team if team is not None and team in money.own else None
                    left = lefts.get(payer)
                    if left is None:
                        left = lefts[payer] = money.left_for(ref, now)
                    if cost > left + 1e-9:
                        refusal = Refusal("budget", f"costs {cost:,.0f}, budget left {left:,.0f}")
                key = (False, fallback.lead_factor, refusal)
            known = made.get(ref)
            if known is None or known[0] != key:
                spec = fallback.spec
                if fallback.active:
                    option = Option(Deactivate(ref), spec.name, 0.0, 0.0, refusal, fallback.lead_factor)
                else:
                    option = Option(Activate(ref), spec.name, spec.cost, spec.lead_time, refusal, fallback.lead_factor)
                made[ref] = known = (key, option)
            options.append(known[1])
        return options

    # -- the facilitator ----------------------------------------------------------------

    def fire_event(self, event_id: str) -> bool:
        """The facilitator fires a storyline event by hand; False when unknown, already fired,
        suppressed, or when what it follows cannot happen (see :meth:`fire_in_order`)."""
        return self.fire_in_order(event_id).fired

    def why_not_fire(self, event_id: str) -> Firing | None:
        """Why the facilitator cannot fire the event now (changing nothing), or None when
        :meth:`fire_in_order` will fire it."""
        world = self.world
        event = world.events.get(event_id)
        if event is None:
            return Firing(False, (), "unknown", event_id)
        if self.finished:
            return Firing(False, (), "finished", event_id)
        if event_id in world.fired:
            return Firing(False, (), "fired", event_id)
        for earlier in self.chain(event_id):
            if earlier.id in world.suppressed or (earlier.unless is not None and holds(earlier.unless, world)):
                return Firing(False, (), "suppressed", earlier.id)
        return None

    def chain(self, event_id: str) -> list[Event]:
        """The events to fire by hand for this one, in order: up its ``after`` chain every
        event before it that has not fired, the earliest first, then the event itself."""
        world = self.world
        chain = [world.events[event_id]]
        while True:
            after = chain[-1].after
            if after is None or after.event in world.fired or world.events[after.event] in chain:
                return chain[::-1]
            chain.append(world.events[after.event])

    def fire_in_order(self, event_id: str) -> Firing:
        """Fire an event by hand keeping the story in order: the event it follows (``after``)
        fires first, and so on up the chain. Nothing fires when one of them cannot happen any
        more (its ``unless`` holds): the outcome says which."""
        refused = self.why_not_fire(event_id)
        if refused is not None:
            return refused
        fired = tuple(e.id for e in self.chain(event_id) if self.fire_one(e.id))
        return Firing(event_id in fired, fired, None if event_id in fired else "fired", event_id)

    def fire_one(self, event_id: str) -> bool:
        """Fire exactly this event by hand (what one journal line replays); False when it is
        unknown, has fired already or is suppressed now."""
        event = self.world.events.get(event_id)
        return event is not None and self.world.fire(event, by="facilitator")

    def retell(self, event_id: str) -> Retelling:
        """The inject of a fired event as the world would word it now, and whether that still
        stands (:mod:`oefening.engine.retell`); changes nothing. KeyError when it has not fired."""
        return retell(self.world, event_id)

    def inject(self, title: str, text: str = "", source: str = "facilitator", severity: str = "info",
               teams: tuple[str, ...] = ()) -> Entry:
        """A free-text message from the facilitator, recorded at the current time, with the
        source and severity the players see (the facilitator's ``info`` unless given) and,
        with teams, the teams it is meant for (everybody without)."""
        detail: dict[str, Any] = {"title": title, "text": text}
        if source != "facilitator":
            detail["source"] = source
        if severity != "info":
            detail["severity"] = severity
        if teams:
            detail["teams"] = list(teams)
        return self.world.record.add(self.now, "inject", "facilitator", **detail)

    # -- reading ------------------------------------------------------------------------

    def _acute(self) -> bool:
        """Something the organisations use is down: a service a process needs, or one an active
        fallback needs, or a process is below its MBCO (a closed site nobody uses is not)."""
        if self._watched is None:  # what is needed never changes during a run: gathered once
            processes = tuple(self.world.processes.values())
            services = {id(s): s for proc in processes for s in proc.needs}
            with_needs = tuple(fb for proc in processes for fb in proc.fallbacks.values() if fb.needs)
            self._watched = (processes, tuple(services.values()), with_needs)
        processes, needed, fallbacks = self._watched
        for proc in processes:
            if proc.fraction < proc.mbco:
                return True
        for service in needed:
            if service.availability == 0.0:
                return True
        for fallback in fallbacks:
            if fallback.active:
                for service in fallback.needs:
                    if service.availability == 0.0:
                        return True
        return False

    def phase(self) -> str:
        """normal; lukewarm (a supplier distressed); acute (a service a process or an active
        fallback needs is down, or a process below its MBCO); recovery (after an acute phase,
        while backlog remains)."""
        world = self.world
        if self._acute():
            return "acute"
        if any(s.status == "distressed" for s in world.suppliers.values()):
            return "lukewarm"
        if self._was_acute and any(
            # a flow on office hours is integrated only when read: read it as it is now
            (p.flow.at(world.now) if type(p.flow) is OfficeFlow
             else p.flow.as_updated(world.now) if type(p.flow) is ProfileFlow else p.flow).backlog > 1e-9
            for p in world.processes.values()
        ):
            return "recovery"
        return "normal"

    def snapshot(self) -> Snapshot:
        """The state now, for display: every process, supplier, service and facility."""
        world = self.world
        now = self.now
        organisations = {org.id: org.name for org in self.scenario.organisations}
        processes = []
        flows = self._flows()   # each process's flow read once, for its row and for the scores
        for proc, (_, flow) in zip(world.processes.values(), flows, strict=True):
            fallbacks = [self._fallback_view(fb, now) for fb in proc.fallbacks.values()]
            working, closed_until = _office(proc, now)
            processes.append(
                ProcessView(
                    ref=proc.ref, organisation=organisations[proc.ref.split("/")[0]],
                    name=proc.spec.name, criticality=proc.spec.criticality,
                    fraction=proc.fraction, demand_rate=flow.lam, capacity_rate=flow.mu,
                    backlog=flow.backlog, late=flow.late, arrived=flow.arrived, served=flow.served,
                    mbco=proc.shape.mbco, mtpd=proc.shape.mtpd, norm=proc.shape.norm,
                    disrupted_for=now - proc.disrupted_since if proc.disrupted_since is not None else 0.0,
                    breach_at=proc.breach_at, fallbacks=fallbacks, working=working, closed_until=closed_until,
                )
            )
        pending = [
            Pending(t, "action", ident, *_window(world.actions[ident].lead_time, world.decided_at.get((t, ident), now)))
            for t, ident in world.pending_actions
        ]
        pending += [
            Pending(fb.ready_at, "fallback", fb.ref, *_window(fb.shape.lead_time, fb.activated_at, fb.lead_factor))
            for fb in world.fallbacks.values()
            if fb.active and not fb.ready
        ]
        budget = world.budget_left()
        return Snapshot(
            t=now, turn=self.turn, phase=self.phase(),
            budget_left=None if self.scenario.budget is None else budget,
            spent=world.spent_until(now),
            continuity=continuity_of(flows),
            continuity_projected=continuity_of(flows, projected=True),
            total_backlog=sum(p.backlog for p in processes),
            total_late=sum(p.late for p in processes),
            processes=processes,
            suppliers=[SupplierView(s.id, s.spec.name, s.status) for s in world.suppliers.values()],
            services=[
                ServiceView(s.id, s.spec.name, s.supplier.id, s.availability, s.down_since)
                for s in world.services.values()
            ],
            facilities=[
                FacilityView(f.id, f.spec.name, f.slots, [h.ref for h in f.holders], [q.ref for q in f.queue])
                for f in world.facilities.values()
            ],
            pending=sorted(pending, key=lambda p: (p.t, p.id)),
            pools=[
                PoolView(pool.id, pool.spec.name, max(0.0, pool.people),
                         sum(fb.shape.staff for fb in pool.fallbacks if claims(fb)), pool.share,
                         "criticality" if pool.ordered else "equal")
                for pool in world.pools.values()
            ],
        )

    def _fallback_view(self, fb: FallbackState, now: float) -> FallbackView:
        """A fallback as the snapshot shows it. One that is not active (in a large world nearly
        every one) looks the same turn after turn: its view is made once and kept until that
        changes, so a snapshot of 50,000 fallbacks does not make 50,000 new ones."""
        waiting = fb.facility is not None and fb in fb.facility.queue
        idle = not fb.active and not fb.holds_slot and not waiting
        if idle:
            view = self._idle.get(fb.ref)
            if view is not None and view.ready == fb.ready and view.fatigue == fb.fatigue:
                return view
        view = FallbackView(
            ref=fb.ref, name=fb.spec.name, capacity=fb.shape.capacity, active=fb.active,
            ready=fb.ready, ready_at=fb.ready_at if fb.active else None,
            holds_slot=fb.holds_slot, waiting_for_slot=waiting,
            facility=fb.facility.id if fb.facility else None,
            counts=fb.effective() if fb.active else 0.0,
            closed_until=(fb.calendar.next_change(now) if fb.active and fb.calendar is not None
                          and not fb.calendar.open else None),
            **_staffing(fb),
        )
        if idle:
            self._idle[fb.ref] = view
        return view

    def outcome(self, plan: str | None = None, *, so_far: bool = False) -> Result:
        """The result as a typed record; the exercise must have reached its horizon, unless
        ``so_far`` (the numbers up to now of an unfinished exercise)."""
        if so_far:
            return Result.of(self.world, plan, self.now)
        if not self.finished:
            raise RuntimeError("the exercise has not reached its horizon yet")
        return Result.of(self.world, plan)

    def result(self, plan: str | None = None) -> dict[str, Any]:
        """The result of SPEC §4 as JSON (what ``run --json`` prints); the exercise must have
        reached its horizon."""
        return self.outcome(plan).as_json()
