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

Spoken times are rewritten too: "half drie" (14:30), "kwart over twee" (14:15), "kwart voor
drie" (14:45), "drie uur 's middags" (15:00). An hour written as a word from one to seven is
taken in the afternoon: nobody plans a bijeenkomst at half three at night.

A weekday that does not match the date ("vrijdag 15 maart" when 15 March is a Monday) is not
corrected either way: `ParsedMoment.named_weekday` says which day was named, for the caller
to ask about.
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
SHORT_MONTHS_NL = "jan feb mrt apr mei jun jul aug sep okt nov dec".split()
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August")
MONTHS_EN += ("September", "October", "November", "December")


@dataclass(frozen=True)
class ParsedMoment:
    when: datetime  # aware, in the requested time zone
    time_given: bool  # False: the text named only a day and `when` is at DEFAULT_TIME
    named_weekday: int | None = None  # set when the text names another weekday than the date's


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


_HOUR_WORDS = "een één twee drie vier vijf zes zeven acht negen tien elf twaalf".split()
_HOUR_OF = {w: n for n, w in enumerate(_HOUR_WORDS, 0)} | {"een": 1, "één": 1}
_HOUR_RX = "|".join(sorted(_HOUR_OF, key=len, reverse=True)) + r"|\d{1,2}"
_SPOKEN = re.compile(rf"\b(?:(?P<half>half)|kwart (?P<dir>over|voor)) (?P<h>{_HOUR_RX})\b")
_WORD_HOUR = re.compile(rf"\b(?P<h>{'|'.join(_HOUR_OF)}) uur\b")
_DAYPART = re.compile(r"(\d{1,2}):(\d{2}) ?'?s (?P<part>middags|avonds|ochtends|morgens)")
_EXPLICIT_DATE = re.compile(
    r"\b\d{1,2}[-/.]\d{1,2}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2} (?:"
    + "|".join(m.lower() for m in MONTHS_NL + MONTHS_EN)
    + ")"
)


def _hour(word: str, *, spoken: bool) -> int:
    """A spoken hour ("drie", "half drie") from one to seven is in the afternoon."""
    hour = int(word) if word.isdigit() else _HOUR_OF[word]
    return hour + 12 if (spoken or not word.isdigit()) and 1 <= hour <= 7 else hour


def _spoken_times(s: str) -> str:
    def spoken(m: re.Match[str]) -> str:
        hour = _hour(m.group("h"), spoken=True)
        if m.group("half"):
            return f"{hour - 1}:30"
        return f"{hour}:15" if m.group("dir") == "over" else f"{hour - 1}:45"

    s = _SPOKEN.sub(spoken, s)
    s = _WORD_HOUR.sub(lambda m: f"{_hour(m.group('h'), spoken=True)}:00", s)

    def daypart(m: re.Match[str]) -> str:
        hour = int(m.group(1))
        if m.group("part") in ("middags", "avonds") and hour < 12:
            hour += 12
        return f"{hour}:{m.group(2)}"

    return _DAYPART.sub(daypart, s)


def _named_weekday(s: str) -> int | None:
    """The weekday named beside an explicit date (a bare weekday is what picks the date)."""
    if not _EXPLICIT_DATE.search(s):
        return None
    named = [_WEEKDAY[w] for w in re.findall(rf"\b(?:{_DAY_RX})\b", s)]
    return named[0] if named else None


def _normalise(text: str, today: date) -> str:
    s = re.sub(r"\s+", " ", text.strip().lower())
    s = re.sub(r"^(?:op|on)\s+", "", s)
    s = re.sub(r"\b(?:om )?(\d{1,2})[.:](\d{2}) uur\b", r"\1:\2", s)  # before 's middags
    s = re.sub(r"\b(\d{1,2}) uur\b(?= ?'?s (?:middags|avonds|ochtends|morgens))", r"\1:00", s)
    s = _spoken_times(s)
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
    named = _named_weekday(s)
    return ParsedMoment(moment, time_given, named if named not in (None, wall.weekday()) else None)


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


def format_day(dt: datetime, language: str, tz: str | None = None, *, year: bool = False) -> str:
    """A short date in the user's language: '3 mrt' / '3 Mar' (with the year: '3 mrt 2027')."""
    d = _in_zone(dt, tz)
    month = (SHORT_MONTHS_NL if language == "nl" else [m[:3] for m in MONTHS_EN])[d.month - 1]
    return f"{d.day} {month}" + (f" {d.year}" if year else "")


SINCE_START = ("alles", "all", "start", "begin", "vanaf het begin")


def parse_since(text: str, *, now: datetime, tz: str = "Europe/Amsterdam") -> datetime | None:
    """The start of a report's period ("1 maart", "2027-01-15", "vorige maand"), at 00:00
    local time and not in the future; None when unreadable. "alles" means since the start:
    the caller checks SINCE_START first."""
    zone = ZoneInfo(tz)
    base = now.astimezone(zone).replace(tzinfo=None)
    cleaned = re.sub(r"^(?:sinds|vanaf|since|from)\s+", "", text.strip().lower())
    if not cleaned or re.fullmatch(r"[\d\s]+", cleaned):
        return None
    try:
        found = dateparser.parse(
            cleaned,
            languages=["nl", "en"],
            settings={"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base, "DATE_ORDER": "DMY"},
        )
    except (OverflowError, ValueError):
        return None
    if found is None or found.replace(tzinfo=None) > base:
        return None
    return _localise(datetime.combine(found.date(), time(0, 0)), zone)


_NEXT_MEETING = re.compile(
    r"\b(?:volgende|eerstvolgende|komende|next|upcoming)\s+(?:bijeenkomst|bijeenkomsten"
    r"|terugkomdag|meeting|meetings)\b"
    # "Wanneer komen we de volgende keer bij elkaar?", "When do we meet again?"
    r"|\b(?:volgende keer|weer|opnieuw)\s+(?:\w+\s+)?bij elkaar\b"
    r"|\bzien we elkaar (?:weer|opnieuw)\b"
    r"|\bmeet (?:again|next)\b|\bnext time we meet\b",
    re.IGNORECASE,
)
_WHEN_OR_WHERE = re.compile(
    r"^\W*(?:wanneer|waar|hoe laat|op welke dag|when|where|what time|at what time)\b"
    r"|^\W*(?:de |the )?(?:volgende|eerstvolgende|next) \w+\s*\??\s*$",
    re.IGNORECASE,
)


def asks_for_next_meeting(question: str) -> bool:
    """ "Wanneer is de volgende bijeenkomst?", "Where is the next meeting?": the bijeenkomsten
    the bot plans answer it, not a document ("Wat moet ik voorbereiden voor de volgende
    bijeenkomst?" is a question for the knowledge base)."""
    return bool(_NEXT_MEETING.search(question) and _WHEN_OR_WHERE.search(question))
