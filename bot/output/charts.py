"""Progress charts as PNG bytes (matplotlib, no display needed)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

import matplotlib

matplotlib.use("Agg")
# Names are plain text: a proeftuin called "$…$" must not be read as mathtext (it broke every
# chart that showed it).
matplotlib.rcParams["text.parse_math"] = False

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

ORANGE = "#e8730c"
GREY = "#6b6b6b"


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def progress_chart(
    name: str, series: Sequence[tuple[datetime, int]], target: int, *, label_target: str = "doel"
) -> bytes:
    """Cumulative jobs over time as a step line, against the target."""
    figure, axes = plt.subplots(figsize=(6.4, 3.6))
    if series:
        moments = [moment for moment, _ in series]
        totals = [total for _, total in series]
        axes.step(moments, totals, where="post", color=ORANGE, linewidth=2.2, label="banen")
        axes.plot(moments, totals, "o", color=ORANGE, markersize=4)
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%d-%m"))
        figure.autofmt_xdate()
    axes.axhline(target, color=GREY, linestyle="--", label=f"{label_target} ({target})")
    axes.set_ylim(0, max([target, *(t for _, t in series)], default=1) * 1.15 + 1)
    axes.set_title(name)
    axes.set_ylabel("banen (cumulatief)")
    axes.legend(loc="upper left")
    axes.grid(alpha=0.3)
    return _png(figure)


def overview_chart(rows: Sequence[tuple[str, int, int, bool]]) -> bytes:
    """One bar per proeftuin (jobs), a marker for its target; grey bars did not report."""
    figure, axes = plt.subplots(figsize=(6.4, 0.5 * len(rows) + 1.4))
    names = [name for name, *_ in rows]
    jobs = [j for _, j, _, _ in rows]
    targets = [t for _, _, t, _ in rows]
    colours = [ORANGE if reported else GREY for *_, reported in rows]
    positions = range(len(rows))
    axes.barh(positions, jobs, color=colours)
    axes.plot(targets, positions, "|", color="black", markersize=18, label="doel")
    axes.set_yticks(list(positions), names)
    axes.invert_yaxis()
    axes.set_xlabel("banen")
    axes.legend(loc="lower right")
    axes.grid(axis="x", alpha=0.3)
    return _png(figure)
