"""When to remind participants of a bijeenkomst, and what to do after a restart.

Day-based reminders are fixed on the local calendar ("a week before at 10:00"), so they keep
their 10:00 wall-clock time across a DST change; hour-based ones are real elapsed hours.
Times come back in the local zone for display; compare them with < and >, or convert to UTC
before ==, because an ambiguous local time (02:30 on 31 October) never equals another zone's.
"""

from __future__ import annotations

import re
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


def checkin_due(
    now: datetime, *, every_days: int, weekday: int, at: str, tz: str, since: datetime
) -> datetime | None:
    """The latest check-in moment at or before `now`: on `weekday` at `at` local time, every
    `every_days` days, counted from the first such weekday on or after `since` (when it was
    turned on). None before the first one."""
    _require_aware(now, "now")
    zone = ZoneInfo(tz)
    first = since.astimezone(zone).date()
    first += timedelta(days=(weekday - first.weekday()) % 7)
    today = now.astimezone(zone).date()
    if today < first:
        return None
    day = first + timedelta(days=((today - first).days // every_days) * every_days)
    moment = datetime.combine(day, time.fromisoformat(at), tzinfo=zone).astimezone(UTC)
    if moment > now:
        day -= timedelta(days=every_days)
        if day < first:
            return None
        moment = datetime.combine(day, time.fromisoformat(at), tzinfo=zone).astimezone(UTC)
    return moment.astimezone(zone)


DEFAULT_CADENCE = (14, 3, "10:00")  # every two weeks, Thursday 10:00 (documented in README)
_WEEKDAYS = {
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4,
}  # fmt: skip
_WEEKEND = ("zaterdag", "zondag", "saturday", "sunday", "za", "zo")


def parse_cadence(text: str) -> tuple[int, int, str] | str | None:
    """'elke 2 weken donderdag 10:00' -> (14, 3, '10:00'); 'uit' -> 'off'; 'aan' -> the
    default; 'weekend' for a Saturday or Sunday (never then); None when unreadable."""
    words = text.lower().replace(";", " ").replace(",", " ").split()
    if not words:
        return None
    if words[0] in ("uit", "off", "stop"):
        return "off"
    if any(w in _WEEKEND for w in words):
        return "weekend"
    every, weekday, at = DEFAULT_CADENCE
    for n, word in enumerate(words):
        if word in _WEEKDAYS:
            weekday = _WEEKDAYS[word]
        elif re.fullmatch(r"([01]?\d|2[0-3])[:.][0-5]\d", word):
            hours, minutes = re.split(r"[:.]", word)
            at = f"{int(hours):02d}:{minutes}"
        elif (
            word.isdigit() and n + 1 < len(words) and words[n + 1].startswith(("wek", "week", "wk"))
        ):
            every = 7 * int(word)
        elif word in ("wekelijks", "weekly"):
            every = 7
        elif word not in ("aan", "on", "elke", "iedere", "every", "om", "at", "op", "weken",
                          "week", "weeks", "uur"):  # fmt: skip
            return None
    return (every, weekday, at) if 7 <= every <= 91 else None
