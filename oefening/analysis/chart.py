"""The sweep's chart with matplotlib: continuity and cost against the varied value, per plan.

Two panels side by side: continuity (mean, with the 5th–95th percentile band over the N
worlds) and cost (mean, same band), one line per plan, the values on the horizontal axis.
Written as SVG (for the HTML page) or PNG (for documents), without a date in the file, so
the same sweep gives the same bytes. matplotlib is imported only here, on the Agg backend.
"""

from __future__ import annotations

import io
from typing import Any

from oefening.words import tr


def sweep_chart(result: dict[str, Any], lang: str, fmt: str = "svg") -> bytes:
    """The chart of a sweep result as SVG or PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    values = [entry["value"] for entry in result["values"]]
    plans = list(result["values"][0]["plans"]) if result["values"] else []
    with plt.rc_context({"svg.hashsalt": "oefening", "svg.fonttype": "none", "font.size": 9}):
        fig, axes = plt.subplots(1, 2, figsize=(9, 3.4), layout="constrained")
        for ax, measure, label in ((axes[0], "continuity", tr("stress.continuity", lang)),
                                   (axes[1], "cost", tr("stress.cost", lang))):
            for plan in plans:
                stats = [entry["plans"][plan][measure] for entry in result["values"]]
                mean = [s["mean"] for s in stats]
                line = ax.plot(values, mean, marker="o", label=plan)[0]
                ax.fill_between(values, [s["p5"] for s in stats], [s["p95"] for s in stats],
                                color=line.get_color(), alpha=0.15, linewidth=0)
            if measure == "cost":
                ax.yaxis.set_major_formatter(lambda v, _pos: f"{v / 1e6:,.1f} M" if abs(v) >= 1e5 else f"{v:,.0f}")
            ax.set_xlabel(result["vary"])
            ax.set_ylabel(label)
            ax.grid(True, alpha=0.3)
            if all(float(v).is_integer() for v in values):
                ax.set_xticks(values)
        axes[0].legend(loc="best", fontsize=8)
        fig.suptitle(tr("sweep.chart", lang), fontsize=10)
        out = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(out, format=fmt, metadata=metadata, dpi=110)
        plt.close(fig)
    return out.getvalue()
