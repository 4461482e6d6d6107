"""Conditions and effects of a scenario told in words, so players see when an action becomes
available and what it does ("only while Orbitas Cloud is distressed", "lead time of
Manual procedure ×0.25").

Pure functions of the scenario models; names come from the scenario in the chosen language.
"""

from __future__ import annotations

from collections import Counter

from oefening.scenario import conditions as c
from oefening.scenario import effects as fx
from oefening.scenario.model import Scenario
from oefening.words import formats
from oefening.words.plain import text_in
from oefening.words.table import tr


def _w(key: str, lang: str, **values: object) -> str:
    return tr(f"cond.{key}", lang, **values)


class Names:
    """The display names of a scenario's elements, in one language."""

    def __init__(self, scenario: Scenario, lang: str) -> None:
        self.lang = lang
        self.suppliers = {s.id: text_in(s.name, lang) for s in scenario.suppliers}
        self.services = {s.id: text_in(s.name, lang) for s in scenario.services}
        self.facilities = {f.id: text_in(f.name, lang) for f in scenario.facilities}
        self.processes = {ref: text_in(p.name, lang) for ref, p in scenario.processes()}
        self.fallbacks = {ref: text_in(f.name, lang) for ref, f in scenario.fallbacks()}
        self.events = {
            e.id: text_in(e.inject.title, lang) if e.inject is not None else e.id for e in scenario.events
        }
        self.actions = {a.id: text_in(a.title, lang) for a in scenario.actions}
        self.injects = {e.id: e.inject for e in scenario.events if e.inject is not None}
        self.organisations = {o.id: text_in(o.name, lang) for o in scenario.organisations}
        self.teams = {t.id: text_in(t.name, lang) for t in scenario.teams}
        self.pools = {pl.id: text_in(pl.name, lang) if pl.name is not None else pl.id
                      for pl in getattr(scenario, "pools", None) or []}

    def of(self, kind: str, ident: str) -> str:
        """The name of an action, fallback, process, event, facility or team, or the id itself."""
        table = {"action": self.actions, "fallback": self.fallbacks, "process": self.processes,
                 "event": self.events, "facility": self.facilities, "team": self.teams}.get(kind, {})
        return table.get(ident, ident)

    def owned(self, kind: str, ref: str) -> str:
        """A fallback by its name and its organisation's, "Work from the shared site
        (Belastingdienst)": ten organisations may have fallbacks of one name. A process the
        same way when another organisation has a process of its name. Alone, just the name."""
        name = self.of(kind, ref)
        if kind not in ("fallback", "process") or len(self.organisations) < 2 or ref not in (
                self.fallbacks if kind == "fallback" else self.processes):
            return name
        if kind == "process" and list(self.processes.values()).count(name) < 2:
            return name
        organisation = self.organisations.get(ref.split("/")[0])
        return f"{name} ({organisation})" if organisation else name

    def named(self, ident: str) -> str:
        """The name of an action, fallback or process, whichever ``ident`` is (a refused
        decision names either an action or a fallback), or the id itself."""
        return self.actions.get(ident) or self.fallbacks.get(ident) or self.processes.get(ident) or ident


def process_labels(scenario: Scenario, lang: str) -> dict[str, str]:
    """Each process's name, with its organisation's in front ("Grootveen: Burgerzaken") where
    another process has the same name, so that a table of processes names each one once."""
    names = {ref: text_in(p.name, lang) for ref, p in scenario.processes()}
    organisations = {o.id: text_in(o.name, lang) for o in scenario.organisations}
    seen = Counter(names.values())
    return {ref: f"{organisations[ref.split('/')[0]]}: {name}" if seen[name] > 1 else name
            for ref, name in names.items()}


def _factor(f: float, lang: str) -> str:
    return formats.number(f, lang, 2).rstrip("0").rstrip(",.") if f != int(f) else str(int(f))


def condition(cond: object, names: Names) -> str:
    """A condition in words: "Orbitas Cloud is distressed and after ‘Bankruptcy’"."""
    lang = names.lang
    match cond:
        case c.SupplierCondition(supplier=s):
            status = _w(f"is_{s.status}", lang)
            return _w("supplier_is", lang, name=names.suppliers.get(s.id, s.id), status=status)
        case c.ServiceDownCondition(service_down=s):
            name = names.services.get(s.id, s.id)
            if s.for_ > 0:
                return _w("service_down_for", lang, name=name, d=formats.duration(s.for_, lang))
            return _w("service_down", lang, name=name)
        case c.EventCondition(event=e):
            return _w("event", lang, name=names.events.get(e, e))
        case c.BacklogAbove(backlog_above=p):
            return _w("backlog_above", lang, name=names.owned("process", p.process),
                      n=formats.number(p.cases, lang))
        case c.LateCasesAbove(late_cases_above=p):
            return _w("late_above", lang, name=names.owned("process", p.process),
                      n=formats.number(p.cases, lang))
        case c.CapacityBelow(capacity_below=p):
            return _w("capacity_below", lang, name=names.owned("process", p.process),
                      pct=formats.percent(p.fraction, lang))
        case c.TimeAfter(time_after=t):
            return _w("time_after", lang, d=formats.duration(t, lang))
        case c.FallbackCondition(fallback=f):
            organisation = names.organisations.get(f.id.split("/")[0], f.id)
            return _w(f"fallback_{f.state}", lang, name=names.fallbacks.get(f.id, f.id), org=organisation)
        case c.PoolCondition(pool=pl):
            return _w("pool_below", lang, name=names.pools.get(pl.id, pl.id), pct=formats.percent(pl.below, lang))
        case c.AllOf(all=parts):
            return _w("and", lang).join(condition(p, names) for p in parts)
        case c.AnyOf(any=parts):
            return "(" + _w("or", lang).join(condition(p, names) for p in parts) + ")"
        case c.Not(not_=inner):
            return _w("not", lang, x=condition(inner, names))
    return str(cond)


def knowable(cond: object, names: Names) -> bool:
    """Whether a crisis team could see that the condition holds: a service down, an event
    that brought an inject, a backlog, a capacity, a time, a fallback of its own; not a
    supplier's status (the "lukewarm phase" is an analyst's word) nor a silent event."""
    match cond:
        case c.SupplierCondition():
            return False
        case c.EventCondition(event=e):
            return e in names.injects
        case c.AllOf(all=parts) | c.AnyOf(any=parts):
            return all(knowable(p, names) for p in parts)
        case c.Not(not_=inner):
            return knowable(inner, names)
    return True


def only_while(cond: object, names: Names) -> str:
    """Why an action is unavailable: "only while Orbitas Cloud is distressed"."""
    return _w("only_while", names.lang, x=condition(cond, names))


def _target(eff: object) -> tuple[str, str] | None:
    """The process or fallback an effect changes, as (kind, ref); None for any other effect."""
    match eff:
        case fx.DemandEffect(demand=p) | fx.CapacityEffect(capacity=p) | fx.PostponeEffect(postpone=p):
            return "process", p.process
        case fx.DisciplineEffect(discipline=d):
            return "process", d.process
        case fx.LeadTimeEffect(fallback_lead_time=f):
            return "fallback", f.fallback
    return None


class _Plain(Names):
    """Names whose processes and fallbacks read without their organisation (``owned`` is the name)."""

    def __init__(self, names: Names) -> None:   # a view on ``names``: no scenario read again
        self.__dict__.update(names.__dict__)

    def owned(self, kind: str, ref: str) -> str:
        return self.of(kind, ref)


def effect(eff: object, names: Names) -> str:
    """One effect in words; a process or fallback whose name another organisation's shares is
    named with its organisation ("lead time of Emergency payments (Municipality of Heerlo) ×0.3")."""
    lang = names.lang
    match eff:
        case fx.SupplierEffect(supplier=s):
            return _w("fx_supplier", lang, name=names.suppliers.get(s.id, s.id),
                      status=tr(f"supplier.{s.status}", lang))
        case fx.ServiceEffect(service=s):
            text = _w("fx_service", lang, name=names.services.get(s.id, s.id),
                      pct=formats.percent(s.availability, lang))
            return text + _for(s.duration, lang)
        case fx.RehostEffect(rehost=r):
            return _w("fx_rehost", lang, service=names.services.get(r.service, r.service),
                      supplier=names.suppliers.get(r.supplier, r.supplier))
        case fx.DemandEffect(demand=p):
            return _w("fx_demand", lang, name=names.owned("process", p.process),
                      f=_factor(p.factor, lang)) + _for(p.duration, lang)
        case fx.CapacityEffect(capacity=p):
            return _w("fx_capacity", lang, name=names.owned("process", p.process),
                      f=_factor(p.factor, lang)) + _for(p.duration, lang)
        case fx.BudgetEffect(budget=b):
            return _w("fx_budget", lang, sign="+" if b.amount >= 0 else "−",
                      amount=formats.money(abs(b.amount), lang))
        case fx.LeadTimeEffect(fallback_lead_time=f):
            return _w("fx_lead", lang, name=names.owned("fallback", f.fallback),
                      f=_factor(f.factor, lang))
        case fx.PostponeEffect(postpone=p):
            return _w("fx_postpone", lang, name=names.owned("process", p.process),
                      pct=formats.percent(p.fraction, lang), d=formats.lead_time(p.duration, lang))
        case fx.StaffOrderEffect(staff_order=so):
            return _w(f"fx_staff_order_{so.order}", lang, pool=names.pools.get(so.pool, so.pool))
        case fx.StaffEffect(staff=st):
            key = "fx_staff_join" if st.people >= 0 else "fx_staff_leave"
            return _w(key, lang, n=formats.number(abs(st.people), lang, 1).removesuffix(",0").removesuffix(".0"),
                      pool=names.pools.get(st.pool, st.pool)) + _for(st.duration, lang)
        case fx.LoanEffect(loan=ln):
            return _w("fx_loan", lang, n=formats.number(ln.people, lang, 1).removesuffix(",0").removesuffix(".0"),
                      src=_staff_place(ln.from_, names), dst=_staff_place(ln.to, names)) + _for(ln.duration, lang)
        case fx.DisciplineEffect(discipline=d):
            return _w(f"fx_discipline_{d.order}", lang, name=names.owned("process", d.process))
    return str(eff)


def _staff_place(ref: str, names: Names) -> str:
    """A pool by its name, a process as "organisation (process)"."""
    if "/" in ref:
        org = ref.split("/", 1)[0]
        return f"{names.organisations.get(org, org)} ({names.processes.get(ref, ref)})"
    return names.pools.get(ref, ref)


def _for(value: object, lang: str) -> str:
    if value is None:
        return ""
    return _w("fx_for", lang, d=formats.lead_time(value, lang))


def effects(items: list[object], names: Names) -> str:
    """Several effects in words, separated by semicolons. Effects that read the same but for
    their organisation are said once, with the organisations: "lead time of Emergency payments
    ×0.3 (Municipality of Westerbroek, Municipality of Oostwolde, …)"."""
    plain = _Plain(names)
    said: list[tuple[str, list[str], object]] = []   # (words without organisation, organisations, first effect)
    for eff in items:
        target = _target(eff)
        owner = ""
        if target is not None and names.owned(*target) != names.of(*target):
            owner = names.organisations.get(target[1].split("/")[0], "")
        words = effect(eff, plain) if owner else effect(eff, names)
        if owner and said and said[-1][0] == words and said[-1][1]:
            said[-1][1].append(owner)
        else:
            said.append((words, [owner] if owner else [], eff))
    return "; ".join(effect(eff, names) if len(owners) == 1 else
                     f"{words} ({', '.join(owners)})" if owners else words for words, owners, eff in said)
