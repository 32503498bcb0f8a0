"""Reading a meeting moment typed by a coordinator ("dinsdag 10u", "15 maart om 14.30 uur").

dateparser does the real work; a small pre-pass rewrites only the forms it was measured to get
wrong (dateparser 1.5, languages nl+en, RELATIVE_BASE Monday 2027-03-01 09:00):

- "10 uur" / "om 10 uur" is read as "in 10 hours" ("morgen om 10 uur" -> 19:00);
- "10u", "14u30" are read as a day of the month ("dinsdag 10u" -> 10 March 00:00);
- "volgende week dinsdag", "dinsdag volgende week" -> None;
- "volgende/komende/aanstaande dinsdag" -> None;
- a leading "op" ("op 15 maart") -> None;
- a bare number ("12") is taken as a day of this month: refused rather than guessed.

Forms that already worked and are left alone: "vrijdag 15 maart 14:00", "15-3 om 14:00",
"15 maart om 14.30 uur", "morgen 9:30", "15/3 14:00", "2027-03-15 14:00", "next friday".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import dateparser

DEFAULT_TIME = time(10, 0)  # a meeting without a time gets a morning slot, flagged for asking

DAYS_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus")
MONTHS_NL += ("september", "oktober", "november", "december")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August")
MONTHS_EN += ("September", "October", "November", "December")


@dataclass(frozen=True)
class ParsedMoment:
    when: datetime  # aware, in the requested time zone
    time_given: bool  # False: the text named only a day and `when` is at DEFAULT_TIME


_WEEKDAY = {d.lower(): i for names in (DAYS_NL, DAYS_EN) for i, d in enumerate(names)}
_DAY_RX = "|".join(_WEEKDAY)
_NEXT_WEEK = re.compile(
    rf"\b(?:(?:volgende|next) week\s+(?P<a>{_DAY_RX})|(?P<b>{_DAY_RX})\s+(?:volgende|next) week)\b"
)
_NEXT_DAY = re.compile(rf"\b(?:volgende|komende|aanstaande|coming)\s+(?={_DAY_RX})")
_TIME_REWRITES = (
    (re.compile(r"\b(\d{1,2})[.:](\d{2})\s*(?:uur|u)\b"), r"\1:\2"),  # 14.30 uur, 14:00u
    (re.compile(r"\b(\d{1,2})u(\d{2})\b"), r"\1:\2"),  # 14u30
    (re.compile(r"\b(\d{1,2})\s*(?:uur|u)\b"), r"\1:00"),  # 10 uur, 10u
)
# After the rewrites every stated time looks like 14:30, 14.30 or 2pm.
_HAS_TIME = re.compile(
    r"(?<![\d/.-])([01]?\d|2[0-3])[:.][0-5]\d(?![\d/.-])|\b\d{1,2}\s*(?:am|pm)\b", re.I
)


def _normalise(text: str, today: date) -> str:
    s = re.sub(r"\s+", " ", text.strip().lower())
    s = re.sub(r"^(?:op|on)\s+", "", s)
    for rx, repl in _TIME_REWRITES:
        s = rx.sub(repl, s)

    def next_week(m: re.Match[str]) -> str:
        monday = today + timedelta(days=7 - today.weekday())
        day = monday + timedelta(days=_WEEKDAY[m.group("a") or m.group("b")])
        return f"{day.day}-{day.month}-{day.year}"

    s = _NEXT_WEEK.sub(next_week, s)
    # "volgende dinsdag" means the first coming Tuesday, which is what a bare weekday gives.
    return _NEXT_DAY.sub("", s)


MAX_AHEAD = timedelta(days=2 * 366)  # a bijeenkomst further ahead is a typing error


def _localise(wall: datetime, zone: ZoneInfo) -> datetime:
    # The UTC round trip turns a wall time skipped by DST (02:30 on the last Sunday of March)
    # into a real instant instead of a time that never happens.
    return wall.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


def parse_meeting_datetime(
    text: str, *, now: datetime, tz: str = "Europe/Amsterdam"
) -> ParsedMoment | None:
    zone = ZoneInfo(tz)
    local_now = now.astimezone(zone) if now.tzinfo else now
    base = local_now.replace(tzinfo=None)
    s = _normalise(text, base.date())
    if not s or re.fullmatch(r"[\d\s]+", s):
        return None
    try:
        found = dateparser.parse(
            s,
            languages=["nl", "en"],
            settings={
                "TIMEZONE": tz,
                "RETURN_AS_TIMEZONE_AWARE": True,
                "PREFER_DATES_FROM": "future",
                "RELATIVE_BASE": base,
                "DATE_ORDER": "DMY",
            },
        )
    except (OverflowError, ValueError):  # "1-1-0001": no time zone arithmetic that far back
        return None
    if found is None:
        return None
    time_given = bool(_HAS_TIME.search(s))
    # dateparser fills a missing time with 00:00 or with now's time ("morgen"): both arbitrary.
    wall = found.replace(tzinfo=None, second=0, microsecond=0)
    if not time_given:
        wall = datetime.combine(wall.date(), DEFAULT_TIME)
    try:
        moment = _localise(wall, zone)
    except (OverflowError, ValueError):
        return None
    if wall - base > MAX_AHEAD:  # "over 1000 jaar", "-3485" (both local wall times)
        return None
    return ParsedMoment(moment, time_given)


def _in_zone(dt: datetime, tz: str | None) -> datetime:
    return dt.astimezone(ZoneInfo(tz)) if tz and dt.tzinfo else dt


def format_moment_nl(dt: datetime, tz: str | None = None) -> str:
    """'vrijdag 15 maart 2030 om 14:00' — own name tables, so no locale is needed."""
    d = _in_zone(dt, tz)
    return f"{DAYS_NL[d.weekday()]} {d.day} {MONTHS_NL[d.month - 1]} {d.year} om {d:%H:%M}"


def format_moment_en(dt: datetime, tz: str | None = None) -> str:
    """'Friday 15 March 2030 at 14:00'."""
    d = _in_zone(dt, tz)
    return f"{DAYS_EN[d.weekday()]} {d.day} {MONTHS_EN[d.month - 1]} {d.year} at {d:%H:%M}"


def format_moment(dt: datetime, language: str, tz: str | None = None) -> str:
    """The moment in the reader's language ('en' or Dutch)."""
    return (format_moment_en if language == "en" else format_moment_nl)(dt, tz)
