"""The results report for a bijeenkomst as a PDF (reportlab's platypus): a title page, a table
of all proeftuinen, then per proeftuin a chart, net jobs, candidates, knelpunten (open and
solved), lessons learned and the latest step. Pure: plain values in, PDF bytes out.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.domain.meeting_dates import format_day
from bot.output.views import shorten

ORANGE_HEX = "#e8730c"
STRIPE = "#f4f4f4"
LESSONS_SHOWN = 5
KNELPUNTEN_SHOWN = 6


@dataclass(frozen=True)
class ProeftuinReport:
    progress: object  # storage.progress.Progress (totals since the start)
    period: object  # storage.progress.Totals of the period


WORDS = {
    "nl": {
        "title": "Resultaten van de proeftuinen",
        "subtitle": "Partnerships voor meer banen",
        "motto": "Van vinkje naar vonkje",
        "period": "Periode: {since} tot {until}",
        "since_start": "Periode: vanaf de start tot {until}",
        "made": "Gemaakt op {date} door Vonkje",
        "all": "Alle proeftuinen",
        "columns": [
            "Proeftuin",
            "Doel",
            "Netto banen",
            "Gestart (periode)",
            "Uitval (periode)",
            "Stages",
            "Kandidaten",
            "Open knelpunten",
        ],
        "parties": "Opdrachtgever: {a}. Opdrachtnemer: {b}. Locatie: {c}.",
        "jobs": "Netto banen: {net} van {target} ({share}%); {started} gestart, {ended} uitval.",
        "units": "In de eenheid van de banenafspraak: {units} banen van 25,5 uur.",
        "period_jobs": "In deze periode: {started} gestart, {ended} uitval, {internships} stages.",
        "candidates": "Kandidaten in beeld: {value}. Stages en leerwerkplekken: {internships}.",
        "step": "Laatste stap: {value}.",
        "open": "Open knelpunten",
        "solved": "Opgeloste knelpunten",
        "lessons": "Geleerd",
        "none": "geen",
        "no_proeftuinen": "Er zijn nog geen proeftuinen.",
    },
    "en": {
        "title": "Results of the proeftuinen",
        "subtitle": "Partnerships voor meer banen",
        "motto": "From ticking a box to a spark",
        "period": "Period: {since} to {until}",
        "since_start": "Period: from the start to {until}",
        "made": "Made on {date} by Vonkje",
        "all": "All proeftuinen",
        "columns": [
            "Proeftuin",
            "Target",
            "Net jobs",
            "Started (period)",
            "Ended (period)",
            "Internships",
            "Candidates",
            "Open obstacles",
        ],
        "parties": "Buyer: {a}. Supplier: {b}. Location: {c}.",
        "jobs": "Net jobs: {net} of {target} ({share}%); {started} started, {ended} ended.",
        "units": "In the banenafspraak's unit: {units} jobs of 25.5 hours.",
        "period_jobs": (
            "In this period: {started} started, {ended} ended, {internships} internships."
        ),
        "candidates": "Candidates in view: {value}. Internships and work-experience places: "
        "{internships}.",
        "step": "Latest step: {value}.",
        "open": "Open obstacles (knelpunten)",
        "solved": "Solved obstacles",
        "lessons": "Lessons learned",
        "none": "none",
        "no_proeftuinen": "There are no proeftuinen yet.",
    },
}


def results_report(
    proeftuinen: Sequence[ProeftuinReport],
    *,
    since: datetime | None,
    until: datetime,
    language: str = "nl",
    tz: str = "Europe/Amsterdam",
) -> bytes:
    """The report as PDF bytes (A4)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        Image,
        KeepTogether,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from bot.output.charts import progress_chart  # matplotlib: only when a report is made

    words = WORDS.get(language, WORDS["nl"])
    styles = getSampleStyleSheet()
    title = ParagraphStyle("vonkje-title", parent=styles["Title"], fontSize=26, leading=32)
    orange = ParagraphStyle("vonkje-h", parent=styles["Heading2"], textColor=ORANGE_HEX)
    body, small = styles["BodyText"], ParagraphStyle("small", parent=styles["BodyText"], fontSize=8)

    def text(value: str, style=body):
        return Paragraph(escape(value), style)

    when = format_day(until, language, tz, year=True)
    period = (
        words["period"].format(since=format_day(since, language, tz, year=True), until=when)
        if since
        else words["since_start"].format(until=when)
    )
    story = [
        Spacer(1, 6 * cm),
        text(words["title"], title),
        text(words["subtitle"], styles["Heading2"]),
        Spacer(1, 1 * cm),
        text(period, styles["Heading3"]),
        text(words["made"].format(date=when)),
        Spacer(1, 4 * cm),
        text(words["motto"], styles["Italic"]),
        PageBreak(),
        text(words["all"], orange),
    ]
    if not proeftuinen:
        story.append(text(words["no_proeftuinen"]))
    else:
        rows = [[text(c, small) for c in words["columns"]]]
        for item in proeftuinen:
            p, t = item.progress, item.progress.totals
            rows.append(
                [
                    text(p.proeftuin.name, small),
                    str(p.target),
                    str(t.net_jobs),
                    str(item.period.jobs_realised),
                    str(item.period.jobs_ended),
                    str(t.internships),
                    "-" if t.candidates is None else str(t.candidates),
                    str(len(p.open_knelpunten)),
                ]
            )
        table = Table(rows, repeatRows=1, colWidths=[5 * cm] + [1.7 * cm] * 7)
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(ORANGE_HEX)),
                    ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                    ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                    ("FONTSIZE", (0, 1), (-1, -1), 8),
                    (
                        "ROWBACKGROUNDS",
                        (0, 1),
                        (-1, -1),
                        [colors.white, colors.HexColor("#f4f4f4")],
                    ),
                ]
            )
        )
        story.append(table)
    for item in proeftuinen:
        story += [PageBreak(), *_section(item, words, language, tz, text, orange, styles)]
        chart = progress_chart(
            item.progress.proeftuin.name,
            item.progress.series,
            item.progress.target,
            language=language,
            tz=tz,
        )
        story.append(KeepTogether([Image(io.BytesIO(chart), 15 * cm, 8.9 * cm)]))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=words["title"],
        author="Vonkje",
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
    )
    document.build(story)
    return buffer.getvalue()


def _section(item: ProeftuinReport, words: dict, language: str, tz: str, text, orange, styles):
    p, t = item.progress, item.progress.totals
    share = round(100 * t.net_jobs / p.target) if p.target else 0
    out = [
        text(p.proeftuin.name, orange),
        text(
            words["parties"].format(
                a=p.proeftuin.opdrachtgever or "-",
                b=p.proeftuin.opdrachtnemer or "-",
                c=p.proeftuin.location or "-",
            )
        ),
        text(
            words["jobs"].format(
                net=t.net_jobs,
                target=p.target,
                share=share,
                started=t.jobs_realised,
                ended=t.jobs_ended,
            )
        ),
    ]
    if t.banen_units:
        units = f"{t.banen_units:.1f}"
        units = units.replace(".", ",") if language == "nl" else units
        out.append(text(words["units"].format(units=units)))
    period = item.period
    out.append(
        text(
            words["period_jobs"].format(
                started=period.jobs_realised,
                ended=period.jobs_ended,
                internships=period.internships,
            )
        )
    )
    candidates = words["none"] if t.candidates is None else t.candidates
    out.append(text(words["candidates"].format(value=candidates, internships=t.internships)))
    out.append(text(words["step"].format(value=p.last_step or words["none"])))
    for heading, entries in (
        (words["open"], [k.text for k in p.open_knelpunten[:KNELPUNTEN_SHOWN]]),
        (words["solved"], [k.text for k in p.solved_knelpunten[:KNELPUNTEN_SHOWN]]),
        (
            words["lessons"],
            [
                f"{format_day(u.created_at, language, tz)}: {u.lesson}"
                for u in p.lessons[:LESSONS_SHOWN]
            ],
        ),
    ):
        out.append(text(heading, styles["Heading4"]))
        out += [text("• " + shorten(entry, 300)) for entry in entries] or [text(words["none"])]
    return out


def escape(value: str) -> str:
    """reportlab paragraphs read a little markup: plain text must not be read as tags."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
