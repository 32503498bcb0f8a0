"""Progress charts as PNG bytes (matplotlib, no display needed)."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

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


LABELS = {
    "nl": {"jobs": "banen (netto)", "target": "doel", "axis": "banen (netto, cumulatief)"},
    "en": {"jobs": "jobs (net)", "target": "target", "axis": "jobs (net, cumulative)"},
}
NAME_WIDTH = 24  # characters of a proeftuin's name per line on the overview chart


def per_day(series: Sequence[tuple[datetime, int]], tz: str) -> list[tuple[date, int]]:
    """One point per local date: the figure at the end of that day (eight updates on one day
    are one point, not eight ticks saying '01-12')."""
    days: dict[date, int] = {}
    for moment, total in series:
        local = moment.astimezone(ZoneInfo(tz)).date() if moment.tzinfo else moment.date()
        days[local] = total
    return list(days.items())


def wrapped(name: str, width: int = NAME_WIDTH) -> str:
    """A name over lines at word boundaries, never cut mid-word."""
    return "\n".join(textwrap.wrap(name, width, break_long_words=False)) or name


def progress_chart(
    name: str,
    series: Sequence[tuple[datetime, int]],
    target: int,
    *,
    language: str = "nl",
    tz: str = "Europe/Amsterdam",
) -> bytes:
    """Net jobs over time, one point per day, against the target; the legend below the plot."""
    labels = LABELS.get(language, LABELS["nl"])
    figure, axes = plt.subplots(figsize=(6.4, 3.8))
    points = per_day(series, tz)
    if points:
        days = [datetime.combine(day, datetime.min.time()) for day, _ in points]
        totals = [total for _, total in points]
        axes.step(days, totals, where="post", color=ORANGE, linewidth=2.2, label=labels["jobs"])
        axes.plot(days, totals, "o", color=ORANGE, markersize=5)
        locator = mdates.AutoDateLocator(minticks=2, maxticks=8)
        axes.xaxis.set_major_locator(locator if len(days) > 1 else mdates.DayLocator())
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%d-%m-%Y"))
        if len(days) == 1:  # one day: a little room either side, so the point is not an edge
            axes.set_xlim(days[0] - timedelta(days=3), days[0] + timedelta(days=3))
        figure.autofmt_xdate()
    axes.axhline(target, color=GREY, linestyle="--", label=f"{labels['target']} ({target})")
    highest = max([target, *(t for _, t in points)], default=1)
    axes.set_ylim(min([0, *(t for _, t in points)]), highest * 1.15 + 1)
    axes.set_title(wrapped(name, 48))
    axes.set_ylabel(labels["axis"])
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=2, frameon=False)
    axes.grid(alpha=0.3)
    return _png(figure)


def overview_chart(rows: Sequence[tuple[str, int, int, bool]], *, language: str = "nl") -> bytes:
    """One bar per proeftuin (net jobs), a marker for its target; grey bars did not report.
    Names are wrapped at word boundaries; the legend sits below the bars."""
    labels = LABELS.get(language, LABELS["nl"])
    names = [wrapped(name) for name, *_ in rows]
    height = 0.32 * sum(n.count("\n") + 1 for n in names) + 0.3 * len(rows) + 1.6
    figure, axes = plt.subplots(figsize=(6.4, height))
    jobs = [j for _, j, _, _ in rows]
    targets = [t for _, _, t, _ in rows]
    colours = [ORANGE if reported else GREY for *_, reported in rows]
    positions = range(len(rows))
    axes.barh(positions, jobs, color=colours, label=labels["jobs"])
    axes.plot(targets, positions, "|", color="black", markersize=18, label=labels["target"])
    axes.set_yticks(list(positions), names)
    axes.invert_yaxis()
    axes.set_xlabel(labels["jobs"])
    axes.set_xlim(min([0, *jobs]), max([1, *jobs, *targets]) * 1.1)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
    axes.grid(axis="x", alpha=0.3)
    return _png(figure)
