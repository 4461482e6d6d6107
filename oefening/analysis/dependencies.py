"""The dependency map of a scenario (SPEC §6): who needs what, down to the suppliers.

One networkx ``DiGraph`` whose edges point downstream, from what is needed to what needs
it: supplier → service it delivers → services and processes that need it → processes that
need those (chains, SPEC §2) → organisation; a process → its fallbacks, a service (or a
process) → the fallbacks that need it, a fallback → the facility it uses. Nodes are
``kind:id`` strings (``supplier:nimbus``, ``process:org/proc``, ``fallback:org/proc/fb``).

A process or fallback **depends on** a supplier when that supplier is upstream of it along
"needs" edges only (delivers, needs): never through a fallback, so a process does not
depend on the suppliers of its own fallbacks. The map is read from the scenario as written:
rehost effects and lead-time factors that actions may bring are not part of it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from oefening.errors import OefeningError
from oefening.scenario.distributions import Exponential, Fixed, Lognormal, Pert, Triangular, Uniform
from oefening.scenario.model import Scenario

NEEDS = "needs"          # the downstream node cannot work without the upstream one
DELIVERS = "delivers"    # supplier → service
FALLBACK = "fallback"    # process → one of its fallbacks
USES = "uses"            # fallback → facility
OF = "of"                # process → its organisation
UPSTREAM_KINDS = frozenset({NEEDS, DELIVERS})


def node(kind: str, ident: str) -> str:
    """The graph's name for an element: ``supplier:nimbus``, ``process:org/proc``."""
    return f"{kind}:{ident}"


def kind_of(name: str) -> str:
    return name.split(":", 1)[0]


def ident_of(name: str) -> str:
    return name.split(":", 1)[1]


def upper_lead_time(value: Any) -> float:
    """The upper end of a (random) lead time in hours (SPEC §6): ``high`` for triangular,
    uniform and PERT, the 90th percentile for lognormal and exponential, else the value."""
    match value:
        case Triangular() | Uniform() | Pert():
            return float(value.high)
        case Lognormal():
            return float(value.p90)
        case Exponential():
            return float(value.mean_ * math.log(10.0))           # −mean·ln(1 − 0.9)
        case Fixed():
            return float(value.value)
    return float(value)


def _needs(element: Any) -> list[str]:
    """What an element's ``needs`` names (services, and processes once chains exist)."""
    return list(getattr(element, "needs", None) or [])


@dataclass(frozen=True)
class DependencyMap:
    """The graph and, for every node, the suppliers it depends on."""

    graph: nx.DiGraph
    suppliers: dict[str, frozenset[str]]   # node → supplier ids upstream along needs edges

    def of_process(self, ref: str) -> frozenset[str]:
        return self.suppliers[node("process", ref)]

    def of_fallback(self, ref: str) -> frozenset[str]:
        return self.suppliers[node("fallback", ref)]

    def downstream(self, name: str, kinds: Iterable[str] = (NEEDS, DELIVERS)) -> list[str]:
        """The nodes right below ``name`` along edges of the given kinds, in insertion order."""
        wanted = set(kinds)
        return [v for _, v, k in self.graph.out_edges(name, data="kind") if k in wanted]


def dependency_map(scenario: Scenario) -> DependencyMap:
    """Build the map of ``scenario`` and the suppliers every element depends on."""
    graph = nx.DiGraph()
    services = {s.id for s in scenario.services}
    processes = {ref for ref, _ in scenario.processes()}

    def need_node(name: str) -> str:
        if name in services:
            return node("service", name)
        if name in processes:
            return node("process", name)
        raise OefeningError(f"{scenario.id}: unknown need {name!r}")  # the model refuses this first

    for supplier in scenario.suppliers:
        graph.add_node(node("supplier", supplier.id), kind="supplier", spec=supplier)
    for service in scenario.services:
        graph.add_node(node("service", service.id), kind="service", spec=service)
    for facility in scenario.facilities:
        graph.add_node(node("facility", facility.id), kind="facility", spec=facility)
    for org in scenario.organisations:
        graph.add_node(node("organisation", org.id), kind="organisation", spec=org)
        for proc in org.processes:
            graph.add_node(node("process", f"{org.id}/{proc.id}"), kind="process", spec=proc)
    for service in scenario.services:
        here = node("service", service.id)
        graph.add_edge(node("supplier", service.supplier), here, kind=DELIVERS)
        for name in _needs(service):
            graph.add_edge(need_node(name), here, kind=NEEDS)
    for org in scenario.organisations:
        for proc in org.processes:
            ref = f"{org.id}/{proc.id}"
            here = node("process", ref)
            graph.add_edge(here, node("organisation", org.id), kind=OF)
            for name in _needs(proc):
                graph.add_edge(need_node(name), here, kind=NEEDS)
            for fb in proc.fallbacks:
                fallback = node("fallback", f"{ref}/{fb.id}")
                graph.add_node(fallback, kind="fallback", spec=fb, process=ref)
                graph.add_edge(here, fallback, kind=FALLBACK)
                for name in _needs(fb):
                    graph.add_edge(need_node(name), fallback, kind=NEEDS)
                if fb.facility is not None:
                    graph.add_edge(fallback, node("facility", fb.facility), kind=USES)

    upstream = nx.DiGraph()
    upstream.add_nodes_from(graph.nodes)
    upstream.add_edges_from((u, v) for u, v, k in graph.edges(data="kind") if k in UPSTREAM_KINDS)
    try:
        order = list(nx.topological_sort(upstream))
    except nx.NetworkXUnfeasible:
        cycle = " → ".join(u for u, _ in nx.find_cycle(upstream))
        raise OefeningError(f"{scenario.id}: the needs form a cycle: {cycle}") from None
    suppliers: dict[str, frozenset[str]] = {}
    for name in order:
        found: set[str] = {ident_of(name)} if kind_of(name) == "supplier" else set()
        for parent in upstream.predecessors(name):
            found |= suppliers[parent]
        suppliers[name] = frozenset(found)
    return DependencyMap(graph, suppliers)
