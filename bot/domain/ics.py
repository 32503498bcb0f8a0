"""An RFC 5545 calendar file for one bijeenkomst, written by hand to avoid a dependency."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

PRODID = "-//Vonkje//Partnerships voor meer banen//NL"
DEFAULT_ORGANIZER = "noreply@vonkje.invalid"  # VONKJE_ORGANIZER_EMAIL sets a real one
ALARM_BEFORE = timedelta(hours=1)
MAX_OCTETS = 75  # RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding CRLF


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11); backslash first so escapes are not doubled."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold at 75 octets without splitting a UTF-8 character; continuation lines start with
    a space, which counts towards their 75."""
    parts: list[str] = []
    current, size = "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > MAX_OCTETS:
            parts.append(current)
            current, size = " ", 1
        current += ch
        size += n
    parts.append(current)
    return "\r\n".join(parts)


def _utc(dt: datetime) -> str:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("ics times must be timezone-aware")
    return dt.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_ics(
    *,
    uid: str,
    title: str,
    starts_at: datetime,
    duration: timedelta = timedelta(hours=2),
    place: str | None,
    description: str | None,
    sequence: int = 0,
    cancelled: bool = False,
    organizer: str = DEFAULT_ORGANIZER,
    alarm_before: timedelta | None = ALARM_BEFORE,
    now: datetime,
) -> bytes:
    """A VCALENDAR with one VEVENT. Moving a meeting: same uid, higher sequence.
    Cancelling: same uid, higher sequence, cancelled=True (METHOD:CANCEL). The ORGANIZER is
    where a calendar app sends a reply (RFC 5546 asks for one with METHOD:REQUEST); the
    VALARM reminds on the device itself."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if cancelled else 'REQUEST'}",
        "BEGIN:VEVENT",
        f"UID:{escape_text(uid)}",
        f"DTSTAMP:{_utc(now)}",
        f"DTSTART:{_utc(starts_at)}",
        f"DTEND:{_utc(starts_at.astimezone(UTC) + duration)}",  # real hours, also across DST
        f"SEQUENCE:{int(sequence)}",
        f"SUMMARY:{escape_text(title)}",
        f"ORGANIZER;CN=Vonkje:mailto:{organizer}",
    ]
    if place:
        lines.append(f"LOCATION:{escape_text(place)}")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    lines.append(f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}")
    if alarm_before and not cancelled:
        minutes = int(alarm_before.total_seconds() // 60)
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text(title)}",
            f"TRIGGER:-PT{minutes}M",
            "END:VALARM",
        ]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")
