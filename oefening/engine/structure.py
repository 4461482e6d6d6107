"""What every world of one scenario shares: the orders, links and indexes that follow from the
scenario alone, worked out once and read by each :class:`~oefening.engine.world.World` built
from it (issue 19: a Monte Carlo batch builds the static structure once, the state per world).

Nothing here changes during a run and nothing here depends on the seed: an order of the
services where what a service runs on comes first, the chain order of the processes, which
processes can switch to triage, who follows which storyline event, which ``when`` events
read what, who pays for what with teams, and what a world reads of each process and fallback
(:class:`ProcessShape`, :class:`FallbackShape`: the models' values as native fields, so that
building a world reads no pydantic attribute).
:func:`structure_of` keeps the structure of the last scenario it was asked for (by identity:
a scenario is a frozen model), so a batch of worlds of one scenario works it out once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from oefening.engine.conditions import watched
from oefening.engine.rng import Drawable
from oefening.scenario import effects as fx
from oefening.scenario.model import Event, Fallback, Fatigue, Process, Scenario


def needs_first(items: list[str], needs: Callable[[str], Iterable[str]]) -> list[str]:
    """The items (ids) in an order where everything an item needs comes before it, otherwise
    in their own order (the scenario refuses cycles, so there is one)."""
    done: set[str] = set()
    ordered: list[str] = []
    for root in items:
        if root in done:
            continue
        stack = [(root, iter(needs(root)))]
        done.add(root)
        while stack:
            item, rest = stack[-1]
            for need in rest:
                if need not in done:
                    done.add(need)
                    stack.append((need, iter(needs(need))))
                    break
            else:
                stack.pop()
                ordered.append(item)
    return ordered


class FallbackShape:
    """What the worlds read of one fallback of the scenario, read off its spec once for all of
    them (a model's attribute is a dictionary lookup, ≈ 40 ns and a cache line or two of a
    cold model in a large world; these are native fields)."""

    __slots__ = ("after_work", "calendar", "capacity", "cost", "cost_per_day", "facility", "fatigue", "id",
                 "lead_time", "needs", "ref", "spec", "staff")

    def __init__(self, spec: Fallback, ref: str) -> None:
        self.spec = spec
        self.ref = ref
        self.id = spec.id
        self.capacity = spec.capacity
        self.lead_time: Drawable = spec.lead_time
        self.needs: tuple[str, ...] = tuple(spec.needs)
        self.facility = spec.facility
        self.cost = spec.cost
        self.cost_per_day = spec.cost_per_day
        self.calendar = spec.calendar
        self.after_work = spec.after_work
        self.staff = spec.staff
        self.fatigue: Fatigue | None = spec.fatigue


class ProcessShape:
    """What the worlds read of one process of the scenario (see :class:`FallbackShape`), with
    its reference and its criticality's weight."""

    __slots__ = ("calendar", "capacity", "cost_per_late_case", "demand", "demand_profile", "discipline", "fallbacks",
                 "fed_by", "has_after_work", "mbco", "mtpd", "norm", "orderable", "processes", "ref", "services",
                 "spec", "weight")

    def __init__(self, spec: Process, ref: str, weight: float, orderable: bool = False) -> None:
        """``orderable``: its order of service can be triage (the two-queue flow)."""
        self.spec = spec
        self.ref = ref
        self.weight = weight
        self.orderable = orderable
        self.demand = spec.demand
        self.capacity = spec.capacity
        self.mbco = spec.mbco
        self.mtpd = spec.mtpd
        self.norm = spec.norm
        self.discipline = spec.discipline
        self.cost_per_late_case = spec.cost_per_late_case
        self.services: tuple[str, ...] = tuple([s for s in spec.needs if "/" not in s])    # the services it needs
        self.processes: tuple[str, ...] = tuple([r for r in spec.needs if "/" in r])       # the processes it needs
        self.fed_by: tuple[tuple[str, float], ...] = tuple([(f.process, f.share) for f in spec.fed_by])
        self.calendar = spec.calendar
        self.demand_profile = spec.demand_profile
        self.fallbacks: tuple[FallbackShape, ...] = tuple(
            [FallbackShape(fb, f"{ref}/{fb.id}") for fb in spec.fallbacks])
        self.has_after_work = any(fb.after_work > 0.0 for fb in self.fallbacks)


class Structure:
    """The static structure of a scenario's worlds (read-only: each world copies what it changes)."""

    __slots__ = ("followers", "owner", "place", "process_order", "reserve", "service_order", "shapes",
                 "switched", "team_budgets", "watchers", "watching", "weights")

    def __init__(self, scenario: Scenario) -> None:
        self.weights: dict[str, float] = scenario.weights.model_dump()
        services = {s.id: s for s in scenario.services}
        # every service after the services it runs on
        self.service_order: list[str] = needs_first(
            list(services), lambda ident: services[ident].needs)
        # processes whose order of service can be triage get the two-queue flow
        self.switched: frozenset[str] = frozenset(
            effect.discipline.process
            for effects in [*(ev.effects for ev in scenario.events), *(a.effects for a in scenario.actions)]
            for effect in effects if isinstance(effect, fx.DisciplineEffect)
        )
        processes = dict(scenario.processes())
        # what each world reads of each process, in the scenario's order
        self.shapes: list[ProcessShape] = [
            ProcessShape(spec, ref, self.weights[spec.criticality], spec.discipline != "fifo" or ref in self.switched)
            for ref, spec in processes.items()
        ]
        # every process after the processes it needs and the processes feeding it
        shapes = {shape.ref: shape for shape in self.shapes}
        self.process_order: list[str] = needs_first(list(processes), lambda ref: [
            *shapes[ref].processes, *(feeder for feeder, _ in shapes[ref].fed_by)])
        self.followers: dict[str, list[Event]] = {}
        for ev in scenario.events:
            if ev.after is not None:
                self.followers.setdefault(ev.after.event, []).append(ev)
        # the ``when`` events by their place in the scenario, and who watches what
        self.watching: dict[int, Event] = {i: ev for i, ev in enumerate(scenario.events) if ev.when is not None}
        self.place = {ev.id: i for i, ev in self.watching.items()}
        self.watchers: dict[tuple[str, str], list[int]] = {}
        for i, ev in self.watching.items():
            assert ev.when is not None
            for key in sorted(watched(ev.when)):
                self.watchers.setdefault(key, []).append(i)
        self.owner, self.team_budgets, self.reserve = _payers(scenario)


def _payers(scenario: Scenario) -> tuple[dict[str, str], dict[str, float], float]:
    """With teams: who pays for what (a fallback's ref or ``action:ID`` → team), the teams'
    own budgets and the coordination's reserve."""
    if not scenario.teams:
        return {}, {}, 0.0
    owner: dict[str, str] = {}
    for team in scenario.teams:
        for org in team.organisations:
            for ref, _ in scenario.fallbacks():
                if ref.split("/")[0] == org:
                    owner[ref] = team.id
        for action in team.actions:
            owner[f"action:{action}"] = team.id
    coordination = scenario.coordination
    if coordination is not None:
        for action in coordination.actions:
            owner[f"action:{action}"] = coordination.id
    own = {team.id: team.budget for team in scenario.teams if team.budget is not None}
    reserve = coordination.reserve if coordination is not None else 0.0
    return owner, own, reserve


_lock = threading.Lock()
_last: tuple[Scenario, Structure] | None = None


def structure_of(scenario: Scenario) -> Structure:
    """The structure of ``scenario``, worked out once for the last scenario asked for."""
    global _last
    last = _last
    if last is not None and last[0] is scenario:
        return last[1]
    structure = Structure(scenario)
    with _lock:
        _last = (scenario, structure)
    return structure
