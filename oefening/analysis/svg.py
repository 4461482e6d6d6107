"""The dependency map as a layered SVG, written by hand.

Why not matplotlib (or networkx's drawing, which is matplotlib): a dependency map is a
layered graph whose reader follows one supplier to the processes it can stop, so the
drawing needs fixed columns (suppliers | services | processes | fallbacks | facilities),
readable labels with the full name on hover, and the same picture for the same scenario.
networkx's layouts (spring, multipartite) overlap labels at a few dozen nodes and
matplotlib writes text as paths with a timestamp in the file; a hand-written SVG is a few
hundred bytes per element, searchable, deterministic, and scales to hundreds of processes.

Columns, left to right: suppliers, services (a service that needs a service one column
further), processes grouped by organisation (a process that needs a process one column
further), fallbacks next to their process, facilities. Suppliers, services and facilities
are ordered by the mean row of what they serve, which keeps most lines short. A supplier
that is a single point of failure and a facility with more claimants than places are drawn
with a red border.
"""

from __future__ import annotations

from html import escape
from typing import Any

import networkx as nx

from oefening.analysis.dependencies import (
    DELIVERS,
    FALLBACK,
    NEEDS,
    USES,
    DependencyMap,
    ident_of,
    kind_of,
    node,
)
from oefening.scenario.model import Scenario
from oefening.words.plain import one_line, text_in

ROW = 24
BOX_W = 190
BOX_H = 18
GAP = 70
TOP = 40
LEFT = 10
LABEL_CHARS = 30
FILL = {"supplier": "#f4cccc", "service": "#fce5cd", "process": "#cfe2f3", "fallback": "#d9ead3",
        "facility": "#e1d5e7"}
CRITICALITY_FILL = {"vital": "#9fc5e8", "critical": "#b4d3ee", "important": "#cfe2f3", "normal": "#e6f0fa"}
EDGE_STYLE = {DELIVERS: 'stroke="#999"', NEEDS: 'stroke="#999"', FALLBACK: 'stroke="#6aa84f"',
              USES: 'stroke="#8e7cc3"'}
FALLBACK_NEEDS_STYLE = 'stroke="#6aa84f" stroke-dasharray="4 3" stroke-opacity="0.6"'


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _chain_depth(graph: nx.DiGraph, names: list[str], kind: str) -> dict[str, int]:
    """How many needs of the same kind lie upstream of each node (0: none)."""
    depth: dict[str, int] = {}
    same = graph.subgraph(names)
    for name in nx.topological_sort(same):
        depth[name] = max((depth[p] + 1 for p in same.predecessors(name)), default=0)
    return depth


def map_svg(scenario: Scenario, dmap: DependencyMap, lang: str,
            analysis: dict[str, Any] | None = None) -> str:
    """The dependency map as an SVG document (a string)."""
    graph = dmap.graph
    red = set()
    if analysis is not None:
        red |= {node("supplier", s["supplier"]) for s in analysis["single_points_of_failure"]}
        red |= {node("facility", f) for f, v in analysis["facilities"].items() if v["claimants"] > v["slots"]}

    # rows: processes grouped by organisation, each as tall as its fallbacks
    y: dict[str, float] = {}
    groups: list[tuple[str, float, float]] = []
    row = 0
    for org in scenario.organisations:
        first = row
        for proc in org.processes:
            ref = f"{org.id}/{proc.id}"
            block = max(1, len(proc.fallbacks))
            y[node("process", ref)] = TOP + (row + (block - 1) / 2) * ROW
            for i, fb in enumerate(proc.fallbacks):
                y[node("fallback", f"{ref}/{fb.id}")] = TOP + (row + i) * ROW
            row += block
        groups.append((one_line(text_in(org.name, lang)), TOP + first * ROW - 6, (row - first) * ROW))
        row += 1  # a blank row between organisations
    rows = row

    def by_kind(kind: str) -> list[str]:
        return [n for n, k in graph.nodes(data="kind") if k == kind]

    services, processes = by_kind("service"), by_kind("process")
    service_depth = _chain_depth(graph, services, "service")
    process_depth = _chain_depth(graph, processes, "process")
    columns_services = 1 + max(service_depth.values(), default=0)
    columns_processes = 1 + max(process_depth.values(), default=0)
    x: dict[str, float] = {}
    column = 0
    for name in by_kind("supplier"):
        x[name] = column
    column += 1
    for name in services:
        x[name] = column + service_depth[name]
    column += columns_services
    for name in processes:
        x[name] = column + process_depth[name]
    column += columns_processes
    for name in by_kind("fallback"):
        x[name] = column
    column += 1
    for name in by_kind("facility"):
        x[name] = column
    columns = column + 1

    def place(names: list[str], toward: str) -> None:
        """Order ``names`` by the mean row of their neighbours, then stack them in rows."""
        def centre(name: str) -> float:
            near = graph.successors(name) if toward == "down" else graph.predecessors(name)
            ys = [y[n] for n in near if n in y]
            return sum(ys) / len(ys) if ys else float("inf")
        for col in sorted({x[n] for n in names}, reverse=toward == "down"):
            here = sorted((n for n in names if x[n] == col), key=lambda n: (centre(n), n))
            wanted = [centre(n) for n in here]
            last: float = TOP - ROW
            for name, want in zip(here, wanted, strict=True):
                at: float = want if want != float("inf") else last + ROW
                at = max(at, last + ROW)
                y[name] = at
                last = at

    place(services, "down")
    place(by_kind("supplier"), "down")
    place(by_kind("facility"), "up")

    height = max([TOP + rows * ROW, *(v + ROW for v in y.values())]) + 10
    width = LEFT + columns * (BOX_W + GAP)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="sans-serif" font-size="11">',
        f"<title>{escape(one_line(text_in(scenario.title, lang)))}</title>",
    ]
    px = {n: LEFT + x[n] * (BOX_W + GAP) for n in x}
    proc_x = LEFT + (1 + columns_services) * (BOX_W + GAP)
    for name, top, tall in groups:
        out.append(f'<rect x="{proc_x - 6:.0f}" y="{top:.0f}" width="{BOX_W * columns_processes + 12:.0f}" '
                   f'height="{tall:.0f}" rx="6" fill="none" stroke="#bbb"/>')
        out.append(f'<text x="{proc_x - 2:.0f}" y="{top - 2:.0f}" font-size="10" fill="#555">'
                   f"{escape(_short(name))}</text>")
    headings = ["suppliers", "services", "processes", "fallbacks", "facilities"]
    heading_x = [0, 1, 1 + columns_services, 1 + columns_services + columns_processes,
                 2 + columns_services + columns_processes]
    words = {"nl": ["leveranciers", "diensten", "processen", "terugvalopties", "voorzieningen"]}
    for label, col in zip(words.get(lang, headings), heading_x, strict=True):
        out.append(f'<text x="{LEFT + col * (BOX_W + GAP):.0f}" y="16" font-weight="bold">{escape(label)}</text>')
    for u, v, kind in sorted(graph.edges(data="kind")):
        if u not in y or v not in y:
            continue
        style = EDGE_STYLE.get(kind, 'stroke="#999"')
        if kind == NEEDS and kind_of(v) == "fallback":
            style = FALLBACK_NEEDS_STYLE
        x1, y1 = px[u] + BOX_W, y[u] + BOX_H / 2
        x2, y2 = px[v], y[v] + BOX_H / 2
        mid = (x1 + x2) / 2
        out.append(f'<path d="M{x1:.0f},{y1:.0f} C{mid:.0f},{y1:.0f} {mid:.0f},{y2:.0f} {x2:.0f},{y2:.0f}" '
                   f'fill="none" {style}/>')
    for name in sorted(y):
        if name not in px:
            continue
        kind = kind_of(name)
        spec = graph.nodes[name]["spec"]
        label = one_line(text_in(spec.name, lang))
        if kind in ("process", "fallback"):
            label = f"{spec.id} · {label}"
        fill = CRITICALITY_FILL[spec.criticality] if kind == "process" else FILL[kind]
        stroke = 'stroke="#c00" stroke-width="2"' if name in red else 'stroke="#666"'
        full = f"{ident_of(name)}: {one_line(text_in(spec.name, lang))}"
        short = _short(label)
        if kind == "facility":
            users = sum(1 for _ in graph.predecessors(name))
            short = f"{_short(label)[:LABEL_CHARS - 8]} ({spec.slots}/{users})"
            full += f" ({spec.slots} / {users})"
        out.append(f'<g><title>{escape(full)}</title>'
                   f'<rect x="{px[name]:.0f}" y="{y[name]:.0f}" width="{BOX_W}" height="{BOX_H}" rx="3" '
                   f'fill="{fill}" {stroke}/>'
                   f'<text x="{px[name] + 4:.0f}" y="{y[name] + 13:.0f}">{escape(short)}</text></g>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
