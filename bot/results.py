"""The results report from the database: what `/rapport` and `vonkje report` send or save.

Reads storage and hands plain values to the pure report writer (bot/output/report.py). The
period runs from the previous bijeenkomst by default: what the proeftuinen show at the next.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.meeting_dates import SINCE_START, parse_since
from bot.output.report import ProeftuinReport, results_report
from storage.meetings import previous_meeting
from storage.progress import overview, totals


def default_since(db, now: datetime) -> datetime | None:
    """The start of the previous bijeenkomst, or None (since the start) when there was none."""
    before = previous_meeting(db, now)
    return before.starts_at if before else None


def report_period(text: str | None, db, now: datetime, tz: str) -> tuple[datetime | None, bool]:
    """(start of the period, readable): empty is since the previous bijeenkomst, 'alles' since
    the start, anything else a date in the past."""
    if not (text or "").strip():
        return default_since(db, now), True
    if text.strip().lower() in SINCE_START:
        return None, True
    since = parse_since(text, now=now, tz=tz)
    return since, since is not None


def report_pdf(
    db, *, now: datetime, since: datetime | None, language: str = "nl", tz: str
) -> bytes:
    proeftuinen = [
        ProeftuinReport(progress=row, period=totals(db, row.proeftuin.id, since=since))
        for row in overview(db, since=since)
    ]
    return results_report(proeftuinen, since=since, until=now, language=language, tz=tz)
