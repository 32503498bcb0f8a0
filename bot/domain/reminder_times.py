"""When to remind participants of a bijeenkomst, and what to do after a restart.

Day-based reminders are fixed on the local calendar ("a week before at 10:00"), so they keep
their 10:00 wall-clock time across a DST change; hour-based ones are real elapsed hours.
Times come back in the local zone for display; compare them with < and >, or convert to UTC
before ==, because an ambiguous local time (02:30 on 31 October) never equals another zone's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Europe/Amsterdam"


@dataclass(frozen=True)
class ReminderSpec:
    kind: str  # 'd7', 'd1', 'h2': the key under which sending is logged
    when: datetime  # aware


@dataclass(frozen=True)
class DueReminders:
    send_now: list[ReminderSpec]  # at most one: missed reminders are folded into the latest
    folded: list[str]  # kinds covered by send_now, to log as sent without sending
    future: list[ReminderSpec]  # still to schedule


def _require_aware(dt: datetime, name: str) -> None:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")


def _local_day_at(starts_at: datetime, days_before: int, at: str, tz: str) -> datetime:
    _require_aware(starts_at, "starts_at")
    zone = ZoneInfo(tz)
    day = starts_at.astimezone(zone).date() - timedelta(days=days_before)
    if day.weekday() >= 5:  # nobody reads work messages at the weekend: the Friday before
        day -= timedelta(days=day.weekday() - 4)
    wall = datetime.combine(day, time.fromisoformat(at), tzinfo=zone)
    # Round trip through UTC so a wall time skipped by DST becomes a real instant.
    return wall.astimezone(UTC).astimezone(zone)


def reminder_times(
    starts_at: datetime,
    *,
    day_offsets: Iterable[int] = (7, 1),
    at: str = "10:00",
    hour_offsets: Iterable[int] = (2,),
    tz: str = DEFAULT_TZ,
) -> list[ReminderSpec]:
    """Reminders in time order; ones that would fall at or after the start are left out."""
    _require_aware(starts_at, "starts_at")
    specs = [ReminderSpec(f"d{d}", _local_day_at(starts_at, d, at, tz)) for d in day_offsets]
    for h in hour_offsets:
        # Subtract in UTC: aware arithmetic in one zone is wall-clock arithmetic in Python.
        real = starts_at.astimezone(UTC) - timedelta(hours=h)
        specs.append(ReminderSpec(f"h{h}", real.astimezone(ZoneInfo(tz))))
    return sorted((s for s in specs if s.when < starts_at), key=lambda s: s.when)


def nudge_time(
    starts_at: datetime, *, days_before: int = 5, at: str = "10:00", tz: str = DEFAULT_TZ
) -> datetime:
    """When to nudge participants to send their progress before the meeting."""
    return _local_day_at(starts_at, days_before, at, tz)


def summary_time(starts_at: datetime, *, at: str = "10:00", tz: str = DEFAULT_TZ) -> datetime:
    """When to send the coordinator the summary of updates: the day before."""
    return _local_day_at(starts_at, 1, at, tz)


def due_reminders(
    specs: Iterable[ReminderSpec],
    *,
    now: datetime,
    already_sent: set[str],
    meeting_starts_at: datetime,
) -> DueReminders:
    """Decide after a (re)start what to send now and what to schedule.

    Missed reminders are only worth sending while the meeting is ahead, and then only once:
    three reminders in a row after downtime read as spam, so the latest one goes out and the
    others are logged as covered by it.
    """
    _require_aware(now, "now")
    _require_aware(meeting_starts_at, "meeting_starts_at")
    if meeting_starts_at <= now:
        return DueReminders([], [], [])
    pending = sorted((s for s in specs if s.kind not in already_sent), key=lambda s: s.when)
    missed = [s for s in pending if s.when <= now]
    future = [s for s in pending if s.when > now]
    if not missed:
        return DueReminders([], [], future)
    return DueReminders([missed[-1]], [s.kind for s in missed[:-1]], future)
