"""The dependency map as a text tree, for the terminal and the TUI's briefing.

Three parts: each supplier with the services it delivers and, below every service, what
needs it (services and processes that need it, and the fallbacks that need it, so chains
show as deeper branches); each organisation with its processes and their fallbacks (each
with its own needs and facility); and the facilities with their places and claimants.
Plain strings with box-drawing characters: the caller shows them as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Iterator

from oefening.analysis.dependencies import (
    FALLBACK,
    NEEDS,
    USES,
    DependencyMap,
    ident_of,
    kind_of,
    node,
    upper_lead_time,
)
from oefening.durations import format_duration
from oefening.scenario.model import Scenario
from oefening.words import tr
from oefening.words.plain import one_line, text_in

MAX_TREE_PROCESSES = 200   # above this the terminal gets counts, the HTML page the whole map


def _branches(items: list[list[str]], indent: str) -> Iterator[str]:
    """Lines of sub-trees (each a list of lines, the first the head) under ``indent``."""
    for i, lines in enumerate(items):
        last = i == len(items) - 1
        yield indent + ("└─ " if last else "├─ ") + lines[0]
        for line in lines[1:]:
            yield indent + ("   " if last else "│  ") + line


def _tree(head: str, children: list[list[str]]) -> list[str]:
    return [head, *_branches(children, "")]


def _label(dmap: DependencyMap, name: str, lang: str) -> str:
    spec = dmap.graph.nodes[name]["spec"]
    ident = ident_of(name)
    kind = kind_of(name)
    if kind == "process":
        return f"{ident} ({tr('crit.' + spec.criticality, lang)})"
    if kind == "fallback":
        facility = f", {tr('map.facility', lang)} {spec.facility}" if spec.facility else ""
        return f"{tr('map.fallback', lang)} {ident}{facility}"
    return f"{ident} · {one_line(text_in(spec.name, lang))}"


def _downstream(dmap: DependencyMap, name: str, lang: str, seen: frozenset[str]) -> list[str]:
    """``name`` and, below it, everything that needs it (a service, or a process in a chain)."""
    children = [
        _downstream(dmap, child, lang, seen | {name})
        for child in dmap.downstream(name, (NEEDS,))
        if child not in seen
    ]
    return _tree(_label(dmap, name, lang), children)


def _process(dmap: DependencyMap, scenario: Scenario, ref: str, lang: str) -> list[str]:
    name = node("process", ref)
    proc = dmap.graph.nodes[name]["spec"]
    needs = ", ".join(proc.needs) or tr("map.nothing", lang)
    facts = tr("map.process_facts", lang, criticality=tr("crit." + proc.criticality, lang),
                mtpd=format_duration(proc.mtpd), mbco=f"{proc.mbco:.0%}")
    head = f"{ref.split('/', 1)[1]} · {one_line(text_in(proc.name, lang))} ({facts}); {tr('map.needs', lang)} {needs}"
    children = []
    for fallback in dmap.downstream(name, (FALLBACK,)):
        fb = dmap.graph.nodes[fallback]["spec"]
        lead = "map.lead" if isinstance(fb.lead_time, int | float) else "map.lead_upto"
        parts = [f"{fb.capacity:.0%}", tr(lead, lang, hours=format_duration(upper_lead_time(fb.lead_time)))]
        parts.append(f"{tr('map.needs', lang)} {', '.join(fb.needs) or tr('map.nothing', lang)}")
        for _, facility, kind in dmap.graph.out_edges(fallback, data="kind"):
            if kind == USES:
                parts.append(f"{tr('map.facility', lang)} {ident_of(facility)}")
        children.append([f"{tr('map.fallback', lang)} {fb.id}: " + "; ".join(parts)])
    if not children:
        children.append([tr("map.no_fallback", lang)])
    return _tree(head, children)


def map_lines(scenario: Scenario, dmap: DependencyMap, lang: str) -> list[str]:
    """The whole map as lines of text."""
    count = sum(len(org.processes) for org in scenario.organisations)
    out = [tr("map.suppliers", lang), ""]
    if not scenario.suppliers:
        out.append(tr("map.no_suppliers", lang))
    many = count > MAX_TREE_PROCESSES
    for supplier in scenario.suppliers:
        name = node("supplier", supplier.id)
        services = dmap.downstream(name)
        if many:
            needing = sum(1 for ref, _ in scenario.processes() if supplier.id in dmap.of_process(ref))
            out.append(f"{_label(dmap, name, lang)}: "
                       + tr("map.counts", lang, services=len(services), processes=needing))
            continue
        children = [_downstream(dmap, service, lang, frozenset({name})) for service in services]
        out += _tree(_label(dmap, name, lang), children or [[tr("map.unused", lang)]])
    if many:
        return [*out, "", tr("map.many", lang, count=count)]
    out += ["", tr("map.organisations", lang), ""]
    for org in scenario.organisations:
        children = [_process(dmap, scenario, f"{org.id}/{proc.id}", lang) for proc in org.processes]
        out += _tree(f"{org.id} · {one_line(text_in(org.name, lang))}", children)
    if scenario.facilities:
        out += ["", tr("map.facilities", lang), ""]
        for facility in scenario.facilities:
            users = [ident_of(u) for u, _ in dmap.graph.in_edges(node("facility", facility.id))]
            head = (f"{facility.id} · {one_line(text_in(facility.name, lang))}: "
                    + tr("map.slots", lang, slots=facility.slots, claimants=len(users)))
            out += _tree(head, [[u] for u in users])
    return out
