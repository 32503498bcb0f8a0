import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.ics import escape_text, fold, meeting_ics

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=AMS)
START = datetime(2027, 3, 29, 14, 0, tzinfo=AMS)


def unfold(raw: bytes) -> list[str]:
    text = raw.decode("utf-8")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # only CRLF line endings
    return text.replace("\r\n ", "").removesuffix("\r\n").split("\r\n")


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def props(raw: bytes) -> dict[str, str]:
    """The event's own properties (not those of its VALARM)."""
    lines, in_alarm = [], False
    for line in unfold(raw):
        in_alarm = (in_alarm or line == "BEGIN:VALARM") and line != "END:VALARM"
        if not in_alarm and line != "END:VALARM":
            lines.append(line)
    return dict(line.split(":", 1) for line in lines)


def alarm(raw: bytes) -> list[str]:
    lines = unfold(raw)
    if "BEGIN:VALARM" not in lines:
        return []
    return lines[lines.index("BEGIN:VALARM") : lines.index("END:VALARM") + 1]


def ics(**kwargs) -> bytes:
    args = dict(
        uid="meeting-7@vonkje",
        title="Bijeenkomst proeftuin Utrecht",
        starts_at=START,
        place=None,
        description=None,
        now=NOW,
    )
    return meeting_ics(**(args | kwargs))


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("Schoonmaak, catering; beveiliging", "Schoonmaak\\, catering\\; beveiliging"),
        ("C:\\pad\\naar", "C:\\\\pad\\\\naar"),
        ("regel 1\nregel 2", "regel 1\\nregel 2"),
        ("regel 1\r\nregel 2\rregel 3", "regel 1\\nregel 2\\nregel 3"),
        ("geen bijzonderheden: 14:00", "geen bijzonderheden: 14:00"),
        ("\\,", "\\\\\\,"),
    ],
)
def test_escape_text(raw, escaped):
    assert escape_text(raw) == escaped
    assert unescape(escaped) == raw.replace("\r\n", "\n").replace("\r", "\n")


def test_request_round_trip():
    raw = ics(place="Stadskantoor, zaal 3", description="Agenda:\n1. voortgang\n2. knelpunten")
    lines = unfold(raw)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    p = props(raw)
    assert p["METHOD"] == "REQUEST"
    assert p["STATUS"] == "CONFIRMED"
    assert p["SEQUENCE"] == "0"
    assert p["DTSTART"] == "20270329T120000Z"  # 14:00 CEST
    assert p["DTEND"] == "20270329T140000Z"
    assert p["DTSTAMP"] == "20270301T080000Z"
    assert unescape(p["LOCATION"]) == "Stadskantoor, zaal 3"
    assert unescape(p["DESCRIPTION"]) == "Agenda:\n1. voortgang\n2. knelpunten"


def test_organizer_and_alarm():
    raw = ics(organizer="coordinatoren@denormaalstezaak.nl")
    assert props(raw)["ORGANIZER;CN=Vonkje"] == "mailto:coordinatoren@denormaalstezaak.nl"
    assert alarm(raw) == [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:Bijeenkomst proeftuin Utrecht",
        "TRIGGER:-PT60M",
        "END:VALARM",
    ]
    assert props(ics())["ORGANIZER;CN=Vonkje"] == "mailto:noreply@vonkje.invalid"
    assert alarm(ics(cancelled=True, sequence=1)) == []  # a cancelled meeting rings no alarm
    assert alarm(ics(alarm_before=None)) == []


def test_optional_fields_left_out():
    p = props(ics())
    assert "LOCATION" not in p and "DESCRIPTION" not in p


def test_cancelled_and_moved():
    p = props(ics(cancelled=True, sequence=2))
    assert (p["METHOD"], p["STATUS"], p["SEQUENCE"]) == ("CANCEL", "CANCELLED", "2")
    assert p["UID"] == "meeting-7@vonkje"


def test_long_title_is_folded_at_75_octets():
    title = "Bijeenkomst Partnerships voor meer banen – schoonmaak, catering en één extra " * 3
    raw = ics(title=title)
    physical = raw.split(b"\r\n")
    assert max(len(line) for line in physical) <= 75
    assert sum(line.startswith(b" ") for line in physical) >= 3
    for line in physical:
        line.decode("utf-8")  # no multi-byte character split across lines
    assert unescape(props(raw)["SUMMARY"]) == title


@pytest.mark.parametrize("line", ["x" * 75, "x" * 76, "é" * 40, "SUMMARY:" + "€" * 30])
def test_fold(line):
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert folded.replace("\r\n ", "") == line
    assert (len(parts) == 1) == (len(line.encode("utf-8")) <= 75)


def test_duration_is_real_time_across_dst():
    start = datetime(2027, 10, 31, 1, 30, tzinfo=AMS)  # CEST, clocks go back at 03:00
    p = props(ics(starts_at=start, duration=timedelta(hours=2)))
    assert (p["DTSTART"], p["DTEND"]) == ("20271030T233000Z", "20271031T013000Z")


def test_naive_time_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        ics(starts_at=datetime(2027, 3, 29, 14, 0))


def test_utc_input():
    p = props(ics(starts_at=datetime(2027, 3, 29, 12, 0, tzinfo=UTC)))
    assert p["DTSTART"] == "20270329T120000Z"
