"""The report's charts, drawn with matplotlib (Agg, no display, no network).

Why matplotlib: it is the plotting library every analyst's machine already trusts, it draws
axes, ticks, legends and shaded spans properly, and it writes SVG (text kept as text, ids
fixed, no date in the file) for the self-contained HTML report and PNG for Word. Each
function returns one figure in both forms. Times on the x axis are days since the start.

- :func:`process_chart`: one process's capacity (as a % of full strength, left axis) and
  backlog (cases, right axis) at each turn boundary, with the periods below MBCO shaded, the
  moment its MTPD was breached marked, and the norm as the backlog above which a newly
  arriving case will be late at full strength (capacity × norm).
- :func:`facility_chart`: who held each shared facility's slots, turn by turn.
- :func:`luck_chart`: the team's decisions over many worlds as a histogram, the team's own
  world marked, nobody acting beside it.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

BLUE, ORANGE, RED, GREY, GREEN = "#2f6fdf", "#d98a00", "#c62828", "#8a93a3", "#2e7d32"


@dataclass(frozen=True, slots=True)
class Chart:
    """One figure: inline SVG for HTML and PNG bytes for Word."""

    svg: str
    png: bytes
    caption: str


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)
    matplotlib.rcParams.update({
        "svg.fonttype": "none", "svg.hashsalt": "oefening", "font.size": 9,
        "axes.spines.top": False, "figure.dpi": 100,
    })
    import matplotlib.pyplot as plt

    return plt


def _finish(fig, caption: str) -> Chart:
    plt = _pyplot()
    fig.tight_layout()
    svg = io.StringIO()
    fig.savefig(svg, format="svg", metadata={"Date": None})
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=150, metadata={"Software": None})
    plt.close(fig)
    text = svg.getvalue()
    text = text[text.index("<svg"):]  # inline: no XML declaration or doctype
    return Chart(text, png.getvalue(), caption)


def process_chart(t: Sequence[float], fraction: Sequence[float], backlog: Sequence[float], *, mbco: float,
                  capacity: float, norm: float, breach_at: float | None, labels: dict[str, str],
                  caption: str) -> Chart:
    """Capacity and backlog of one process over time (see the module docstring)."""
    plt = _pyplot()
    days = np.asarray(t) / 24.0
    share = 100.0 * np.asarray(fraction)
    fig, left = plt.subplots(figsize=(7.2, 2.4))
    below = share < 100.0 * mbco - 1e-9
    for k in range(len(days) - 1):
        if below[k]:
            left.axvspan(days[k], days[k + 1], color=RED, alpha=0.10, lw=0)
    left.step(days, share, where="post", color=BLUE, lw=1.6, label=labels["capacity"])
    left.axhline(100.0 * mbco, color=BLUE, ls=":", lw=1, label=labels["mbco"])
    left.set_ylim(0, 105)
    left.set_ylabel(labels["capacity_axis"], color=BLUE)
    left.set_xlabel(labels["days"])
    left.set_xlim(days[0], days[-1] if days[-1] > days[0] else days[0] + 1)
    right = left.twinx()
    right.plot(days, backlog, color=ORANGE, lw=1.6, label=labels["backlog"])
    right.axhline(capacity * norm, color=ORANGE, ls="--", lw=1, label=labels["norm"])
    right.set_ylim(bottom=0, top=max(max(backlog, default=0.0), capacity * norm) * 1.1 or 1.0)
    right.set_ylabel(labels["backlog_axis"], color=ORANGE)
    right.spines["top"].set_visible(False)
    if breach_at is not None:
        left.axvline(breach_at / 24.0, color=RED, lw=1.4, label=labels["breach"])
    handles = left.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    left.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=5, frameon=False,
                fontsize=8)
    return _finish(fig, caption)


def facility_chart(t: Sequence[float], holders: dict[str, list[list[str]]], names: dict[str, str],
                   labels: dict[str, str], caption: str) -> Chart:
    """One row per facility and holder: a bar where that holder held a slot at a turn boundary."""
    plt = _pyplot()
    days = np.asarray(t) / 24.0
    step = float(days[1] - days[0]) if len(days) > 1 else 1.0
    rows: list[tuple[str, str]] = []
    for facility, per_turn in holders.items():
        for who in dict.fromkeys(h for turn in per_turn for h in turn):
            rows.append((facility, who))
    fig, ax = plt.subplots(figsize=(7.2, 0.9 + 0.42 * max(1, len(rows))))
    colours = plt.get_cmap("tab10")
    facilities = list(holders)
    for y, (facility, who) in enumerate(rows):
        spans = [(days[k], step) for k, turn in enumerate(holders[facility]) if who in turn]
        ax.broken_barh(spans, (y - 0.35, 0.7), color=colours(facilities.index(facility) % 10))
    def label(facility: str, who: str) -> str:
        name = names.get(who, who) if len(holders) == 1 else f"{names.get(facility, facility)}: {names.get(who, who)}"
        return textwrap.fill(name, 34)

    ax.set_yticks(range(len(rows)), [label(f, w) for f, w in rows], fontsize=8)
    if len(holders) == 1:
        ax.set_title(names.get(facilities[0], facilities[0]), fontsize=9, loc="left")
    ax.set_ylim(-0.6, max(1, len(rows)) - 0.4)
    ax.invert_yaxis()
    ax.set_xlim(days[0], days[-1] if len(days) > 1 else days[0] + 1)
    ax.set_xlabel(labels["days"])
    if not rows:
        ax.text(0.5, 0.5, labels["nobody_held"], transform=ax.transAxes, ha="center", va="center", color=GREY)
    return _finish(fig, caption)


def luck_chart(team: np.ndarray, nobody: np.ndarray, labels: dict[str, str], caption: str) -> Chart:
    """Histograms of projected continuity over the worlds; the team's own world marked."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.2, 2.4))
    bins = np.linspace(0, 100, 41)
    ax.hist(nobody, bins=bins, color=GREY, alpha=0.6, label=labels["nobody"])
    ax.hist(team, bins=bins, color=BLUE, alpha=0.7, label=labels["team"])
    ax.axvline(team[0], color=RED, lw=1.6, label=labels["own"])
    ax.set_xlabel(labels["continuity"])
    ax.set_ylabel(labels["worlds"])
    ax.legend(loc="upper left", frameon=False, fontsize=8)
    return _finish(fig, caption)
