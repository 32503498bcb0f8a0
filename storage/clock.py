"""Time helpers: one place that decides how moments are stored.

Timestamps are stored as ISO-8601 UTC text with a fixed width (always
microseconds, always +00:00), so comparing the strings in SQL gives the same
order as comparing the moments.
"""

from datetime import UTC, datetime


def utc_now(now: datetime | None = None) -> datetime:
    """The injected clock if given (tests), otherwise the real one."""
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(UTC)


def to_iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are ambiguous; pass an aware datetime")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def now_iso(now: datetime | None = None) -> str:
    return to_iso(utc_now(now))


def from_iso(text: str | None) -> datetime | None:
    if text is None:
        return None
    moment = datetime.fromisoformat(text)
    # Rows written by hand (sqlite3 shell, fixtures) may lack an offset; they are UTC by convention
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
