"""Checks across a scenario or plan document: every id it refers to exists, ids are unique,
``after`` chains have no cycles, and the size stays within sane limits.

Each check yields ``(path, message)``, the path being the keys and list indexes leading to
the offending value, so the loader can point at its line and column.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from oefening.scenario import conditions as c
from oefening.scenario import effects as e

if TYPE_CHECKING:
    from oefening.scenario.model import Path, Scenario
    from oefening.scenario.plan import Plan


class Names:
    """The ids a scenario defines, by kind."""

    def __init__(self, scenario: Scenario) -> None:
        self.suppliers = {s.id for s in scenario.suppliers}
        self.services = {s.id for s in scenario.services}
        self.facilities = {f.id for f in scenario.facilities}
        self.calendars = {c.id for c in scenario.calendars}
        self.profiles = {p.id for p in scenario.demand_profiles}
        self.pools = {p.id for p in scenario.pools}
        self.staffed = {ref for ref, proc in scenario.processes() if proc.staff is not None}
        self.processes = {ref for ref, _ in scenario.processes()}
        self.fallbacks = {ref for ref, _ in scenario.fallbacks()}
        self.events = {ev.id for ev in scenario.events}
        self.actions = {a.id for a in scenario.actions}


def _unknown(kind: str, value: str, known: Iterable[str]) -> str:
    known = sorted(known)
    plural = f"{kind[:-1]}ies" if kind.endswith("y") else f"{kind}s"
    more = ", …" if len(known) > 8 else ""
    hint = f"; known: {', '.join(known[:8])}{more}" if known else f"; no {plural} are defined"
    return f"unknown {kind} {value!r}{hint}"


def _duplicates(items: Iterable[object], path: Path, what: str) -> Iterator[tuple[Path, str]]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        ident = item.id  # type: ignore[attr-defined]
        if ident in seen:
            yield (*path, i, "id"), f"duplicate {what} id {ident!r}"
        seen.add(ident)


def condition_problems(cond: object, path: Path, names: Names) -> Iterator[tuple[Path, str]]:
    """Unknown ids in a condition."""
    match cond:
        case c.SupplierCondition(supplier=s):
            if s.id not in names.suppliers:
                yield (*path, "supplier", "id"), _unknown("supplier", s.id, names.suppliers)
        case c.ServiceDownCondition(service_down=s):
            if s.id not in names.services:
                yield (*path, "service_down", "id"), _unknown("service", s.id, names.services)
        case c.EventCondition(event=ev):
            if ev not in names.events:
                yield (*path, "event"), _unknown("event", ev, names.events)
        case c.BacklogAbove(backlog_above=p) | c.LateCasesAbove(late_cases_above=p):
            key = "backlog_above" if isinstance(cond, c.BacklogAbove) else "late_cases_above"
            if p.process not in names.processes:
                yield (*path, key, "process"), _unknown("process", p.process, names.processes)
        case c.CapacityBelow(capacity_below=p):
            if p.process not in names.processes:
                yield (*path, "capacity_below", "process"), _unknown("process", p.process, names.processes)
        case c.FallbackCondition(fallback=f):
            if f.id not in names.fallbacks:
                yield (*path, "fallback", "id"), _unknown("fallback", f.id, names.fallbacks)
        case c.PoolCondition(pool=pl):
            if pl.id not in names.pools:
                yield (*path, "pool", "id"), _unknown("pool", pl.id, names.pools)
        case c.AllOf(all=subs) | c.AnyOf(any=subs):
            key = "all" if isinstance(cond, c.AllOf) else "any"
            for i, sub in enumerate(subs):
                yield from condition_problems(sub, (*path, key, i), names)
        case c.Not(not_=sub):
            yield from condition_problems(sub, (*path, "not"), names)


def effect_problems(effect: object, path: Path, names: Names) -> Iterator[tuple[Path, str]]:
    """Unknown ids in an effect."""
    match effect:
        case e.SupplierEffect(supplier=s):
            if s.id not in names.suppliers:
                yield (*path, "supplier", "id"), _unknown("supplier", s.id, names.suppliers)
        case e.ServiceEffect(service=s):
            if s.id not in names.services:
                yield (*path, "service", "id"), _unknown("service", s.id, names.services)
        case e.RehostEffect(rehost=r):
            if r.service not in names.services:
                yield (*path, "rehost", "service"), _unknown("service", r.service, names.services)
            if r.supplier not in names.suppliers:
                yield (*path, "rehost", "supplier"), _unknown("supplier", r.supplier, names.suppliers)
        case e.DemandEffect(demand=p) | e.CapacityEffect(capacity=p):
            key = "demand" if isinstance(effect, e.DemandEffect) else "capacity"
            if p.process not in names.processes:
                yield (*path, key, "process"), _unknown("process", p.process, names.processes)
        case e.DisciplineEffect(discipline=d):
            if d.process not in names.processes:
                yield (*path, "discipline", "process"), _unknown("process", d.process, names.processes)
        case e.LeadTimeEffect(fallback_lead_time=f):
            if f.fallback not in names.fallbacks:
                yield (*path, "fallback_lead_time", "fallback"), _unknown("fallback", f.fallback, names.fallbacks)
        case e.StaffEffect(staff=st):
            if st.pool not in names.pools:
                yield (*path, "staff", "pool"), _unknown("pool", st.pool, names.pools)
        case e.StaffOrderEffect(staff_order=so):
            if so.pool not in names.pools:
                yield (*path, "staff_order", "pool"), _unknown("pool", so.pool, names.pools)
        case e.LoanEffect(loan=loan):
            for key, end in (("from", loan.from_), ("to", loan.to)):
                if "/" not in end:
                    if end not in names.pools:
                        yield (*path, "loan", key), _unknown("pool", end, names.pools)
                elif end not in names.processes:
                    yield (*path, "loan", key), _unknown("process", end, names.processes)
                elif end not in names.staffed:
                    yield (*path, "loan", key), (
                        f"process {end!r} has no staff (the people its capacity stands for), which a loan needs")
            if loan.from_ == loan.to:
                yield (*path, "loan", "to"), f"a loan from {loan.to!r} to itself"
        case e.PostponeEffect(postpone=p):
            if p.process not in names.processes:
                yield (*path, "postpone", "process"), _unknown("process", p.process, names.processes)


def text_problems(text: object, path: Path, names: Names) -> Iterator[tuple[Path, str]]:
    """Placeholders in a text (a string or a map of languages) that are not allowed or name
    something the scenario lacks."""
    from oefening.scenario.placeholders import KINDS, PlaceholderError, parse

    if isinstance(text, str):
        parts: list[tuple[Path, str]] = [(path, text)]
    elif isinstance(text, dict):
        parts = [((*path, lang), t) for lang, t in text.items()]
    else:
        return
    known = {"process": names.processes, "facility": names.facilities, "pool": names.pools}
    for where, value in parts:
        try:
            pieces = parse(value)
        except PlaceholderError as error:
            yield where, str(error)
            continue
        for piece in pieces:
            if isinstance(piece, str) or not KINDS[piece.name]:
                continue
            kind = KINDS[piece.name]
            if piece.argument not in known[kind]:
                yield where, f"placeholder {{{piece.key}}}: " + _unknown(kind, piece.argument, known[kind])


def inject_problems(inject: object, path: Path, names: Names) -> Iterator[tuple[Path, str]]:
    """Unknown ids in an inject's conditions and placeholders, and in those of its variants."""
    from oefening.scenario.model import Inject

    assert isinstance(inject, Inject)
    yield from text_problems(inject.title, (*path, "title"), names)
    yield from text_problems(inject.text, (*path, "text"), names)
    if inject.expects is not None:
        yield from condition_problems(inject.expects, (*path, "expects"), names)
    for k, variant in enumerate(inject.variants):
        vpath: Path = (*path, "variants", k)
        yield from text_problems(variant.title, (*vpath, "title"), names)
        yield from text_problems(variant.text, (*vpath, "text"), names)
        if variant.when is not None:
            yield from condition_problems(variant.when, (*vpath, "when"), names)
        if variant.expects is not None:
            yield from condition_problems(variant.expects, (*vpath, "expects"), names)


def scenario_problems(scenario: Scenario) -> list[tuple[Path, str]]:
    """Every problem across the scenario document."""
    from oefening.scenario.model import MAX_EVENTS, MAX_PROCESSES, MAX_TURNS

    names = Names(scenario)
    problems: list[tuple[Path, str]] = []
    add = problems.extend
    add(_duplicates(scenario.suppliers, ("suppliers",), "supplier"))
    add(_duplicates(scenario.services, ("services",), "service"))
    add(_duplicates(scenario.facilities, ("facilities",), "facility"))
    add(_duplicates(scenario.calendars, ("calendars",), "calendar"))
    add(_duplicates(scenario.demand_profiles, ("demand_profiles",), "demand profile"))
    add(_duplicates(scenario.pools, ("pools",), "pool"))
    add(_duplicates(scenario.organisations, ("organisations",), "organisation"))
    add(_duplicates(scenario.events, ("events",), "event"))
    add(_duplicates(scenario.actions, ("actions",), "action"))

    if scenario.horizon / scenario.turn > MAX_TURNS:
        problems.append(
            (("turn",), f"{scenario.horizon / scenario.turn:.0f} turns in the horizon; at most {MAX_TURNS} are allowed")
        )
    if scenario.turn > scenario.horizon:
        problems.append((("turn",), "the turn is longer than the horizon"))
    n_processes = sum(1 for _ in scenario.processes())
    if n_processes > MAX_PROCESSES:
        problems.append((("organisations",), f"{n_processes} processes; at most {MAX_PROCESSES} are allowed"))
    if len(scenario.events) > MAX_EVENTS:
        problems.append((("events",), f"{len(scenario.events)} events; at most {MAX_EVENTS} are allowed"))
    from oefening.scenario.budget import MAX_WORK, estimate

    work = estimate(scenario)
    if work.updates > MAX_WORK:
        about = f"about {work.updates:,}" if work.complete else f"more than {MAX_WORK:,}"
        chains = (f", {work.chains:,} of them through chains (processes that need or are fed by the ones "
                  "touched)" if work.complete and work.chains else
                  ", through chains (processes that need or are fed by the ones touched)" if work.chains else "")
        problems.append((("events",), (
            f"the storyline, actions, demand profiles and calendars would update processes {about} "
            f"times{chains}; at most {MAX_WORK:,} are allowed (fewer processes on the services that fail "
            "or on a profile or calendar, shorter chains, fewer outages, or a shorter horizon)")))

    for i, service in enumerate(scenario.services):
        if service.supplier not in names.suppliers:
            problems.append((("services", i, "supplier"), _unknown("supplier", service.supplier, names.suppliers)))
        for n, need in enumerate(service.needs):
            if need not in names.services:
                problems.append((("services", i, "needs", n), _unknown("service", need, names.services)))

    for o, org in enumerate(scenario.organisations):
        add(_duplicates(org.processes, ("organisations", o, "processes"), "process"))
        if org.pool is not None and org.pool not in names.pools:
            problems.append((("organisations", o, "pool"), _unknown("pool", org.pool, names.pools)))
        for p, proc in enumerate(org.processes):
            ppath: Path = ("organisations", o, "processes", p)
            for n, need in enumerate(proc.needs):
                if "/" in need:
                    if need not in names.processes:
                        problems.append(((*ppath, "needs", n), _unknown("process", need, names.processes)))
                elif need not in names.services:
                    problems.append(((*ppath, "needs", n), _unknown("service", need, names.services)))
            if proc.calendar is not None and proc.calendar not in names.calendars:
                problems.append(((*ppath, "calendar"), _unknown("calendar", proc.calendar, names.calendars)))
            if proc.demand_profile is not None and proc.demand_profile not in names.profiles:
                problem = _unknown("demand profile", proc.demand_profile, names.profiles)
                problems.append(((*ppath, "demand_profile"), problem))
            for n, feed in enumerate(proc.fed_by):
                if feed.process not in names.processes:
                    problem = _unknown("process", feed.process, names.processes)
                    problems.append(((*ppath, "fed_by", n, "process"), problem))
            add(_duplicates(proc.fallbacks, (*ppath, "fallbacks"), "fallback"))
            for f, fb in enumerate(proc.fallbacks):
                fpath: Path = (*ppath, "fallbacks", f)
                for n, need in enumerate(fb.needs):
                    if need not in names.services:
                        problems.append(((*fpath, "needs", n), _unknown("service", need, names.services)))
                if fb.calendar is not None and fb.calendar not in names.calendars:
                    problems.append(((*fpath, "calendar"), _unknown("calendar", fb.calendar, names.calendars)))
                if fb.staff > 0 and org.pool is None:
                    problems.append(((*fpath, "staff"), (
                        f"the fallback needs {fb.staff:g} people, but organisation {org.id!r} has no pool to "
                        "draw them from")))
                if fb.facility is not None and fb.facility not in names.facilities:
                    problems.append(((*fpath, "facility"), _unknown("facility", fb.facility, names.facilities)))

    for i, event in enumerate(scenario.events):
        if event.after is not None and event.after.event not in names.events:
            problems.append((("events", i, "after", "event"), _unknown("event", event.after.event, names.events)))
        if event.when is not None:
            add(condition_problems(event.when, ("events", i, "when"), names))
        if event.unless is not None:
            add(condition_problems(event.unless, ("events", i, "unless"), names))
        if event.inject is not None:
            add(inject_problems(event.inject, ("events", i, "inject"), names))
        for j, effect in enumerate(event.effects):
            add(effect_problems(effect, ("events", i, "effects", j), names))
    problems.extend(_after_cycles(scenario))
    problems.extend(_chain_cycles(scenario, names))

    meetings = math.ceil(scenario.horizon / scenario.turn - 1e-9)
    for i, question in enumerate(scenario.questions):
        if question.turn > meetings:
            problems.append((("questions", i, "turn"),
                             f"turn {question.turn}, but the exercise has {meetings} turns"))

    for i, action in enumerate(scenario.actions):
        if action.available is not None:
            add(condition_problems(action.available, ("actions", i, "available"), names))
        for j, effect in enumerate(action.effects):
            add(effect_problems(effect, ("actions", i, "effects", j), names))
    from oefening.scenario.teams import team_problems

    add(team_problems(scenario, names))
    return problems


def _after_cycles(scenario: Scenario) -> Iterator[tuple[Path, str]]:
    """Each cycle of ``after`` once, at its first event in the file (linear in the events)."""
    follows = {ev.id: ev.after.event for ev in scenario.events if ev.after is not None}
    index = {ev.id: i for i, ev in enumerate(scenario.events)}
    done: set[str] = set()
    for start in follows:
        chain: dict[str, int] = {}
        current = start
        while current in follows and current not in done and current not in chain:
            chain[current] = len(chain)
            current = follows[current]
        if current in chain:
            cycle = list(chain)[chain[current]:]
            first = min(cycle, key=lambda ident: index.get(ident, 0))
            at = cycle.index(first)
            loop = " → ".join([*cycle[at:], *cycle[:at], first])
            message = f"events follow each other in a cycle: {loop}"
            yield ("events", index[first], "after", "event"), message
        done.update(chain)


def _cycles(edges: dict[str, list[tuple[str, Path]]]) -> Iterator[list[tuple[str, Path]]]:
    """Each cycle of a directed graph once (iterative depth-first search, linear in its size);
    a cycle is the list of (node, path of the edge leaving it)."""
    state: dict[str, int] = {}   # 1: on the current path, 2: done
    for root in edges:
        if root in state:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        path: list[tuple[str, Path]] = []
        state[root] = 1
        while stack:
            node, i = stack[-1]
            out = edges.get(node, [])
            if i == len(out):
                stack.pop()
                state[node] = 2
                if path:
                    path.pop()
                continue
            stack[-1] = (node, i + 1)
            target, where = out[i]
            if target not in edges:
                continue  # an unknown id, reported elsewhere
            mark = state.get(target)
            if mark == 1:
                if target == node:
                    yield [(node, where)]
                else:
                    yield [*path[[n for n, _ in path].index(target):], (node, where)]
            elif mark is None:
                state[target] = 1
                path.append((node, where))
                stack.append((target, 0))


def _chain_cycles(scenario: Scenario, names: Names) -> Iterator[tuple[Path, str]]:
    """Cycles of services needing services, and of processes needing or fed by processes."""
    services: dict[str, list[tuple[str, Path]]] = {
        s.id: [(need, ("services", i, "needs", n)) for n, need in enumerate(s.needs)]
        for i, s in enumerate(scenario.services)
    }
    for cycle in _cycles(services):
        loop = " → ".join([*(n for n, _ in cycle), cycle[0][0]])
        yield cycle[0][1], f"services need each other in a cycle: {loop}"
    processes: dict[str, list[tuple[str, Path]]] = {}
    for o, org in enumerate(scenario.organisations):
        for p, proc in enumerate(org.processes):
            ppath: Path = ("organisations", o, "processes", p)
            out = [(need, (*ppath, "needs", n)) for n, need in enumerate(proc.needs) if "/" in need]
            out += [(feed.process, (*ppath, "fed_by", n, "process")) for n, feed in enumerate(proc.fed_by)]
            processes[f"{org.id}/{proc.id}"] = out
    for cycle in _cycles(processes):
        loop = " → ".join([*(n for n, _ in cycle), cycle[0][0]])
        yield cycle[0][1], f"processes need or feed each other in a cycle: {loop}"


def plan_problems(plan: Plan, scenario: Scenario) -> list[tuple[Path, str]]:
    """Every id a plan uses that its scenario lacks."""
    names = Names(scenario)
    problems: list[tuple[Path, str]] = []
    if plan.scenario != scenario.id:  # its ids are another scenario's: one line says it all
        return [(("scenario",), f"the plan is for scenario {plan.scenario!r}, not {scenario.id!r}")]
    for r, rule in enumerate(plan.rules):
        if rule.when is not None:
            problems.extend(condition_problems(rule.when, ("rules", r, "when"), names))
        for d, step in enumerate(rule.do):
            problems.extend(step_problems(step, ("rules", r, "do", d), names))
    return problems


def step_problems(step: object, path: Path, names: Names) -> Iterator[tuple[Path, str]]:
    """An unknown action or fallback in one step of a plan's rule."""
    from oefening.scenario.plan import Activate, Deactivate

    if isinstance(step, Activate | Deactivate):
        key = "activate" if isinstance(step, Activate) else "deactivate"
        if step.fallback not in names.fallbacks:
            yield (*path, key), _unknown("fallback", step.fallback, names.fallbacks)
    elif isinstance(step, str) and step not in names.actions:
        yield path, _unknown("action", step, names.actions)
