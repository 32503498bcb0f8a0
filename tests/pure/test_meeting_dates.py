from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.meeting_dates import format_moment_en, format_moment_nl, parse_meeting_datetime

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=AMS)  # a Monday

# (text, expected local wall time, time_given)
CASES = [
    # The forms from the brief. 15 March 2027 is a Monday: the date is read as written and
    # the mismatched weekday is flagged (test_a_weekday_that_does_not_match_is_flagged).
    ("vrijdag 15 maart 14:00", datetime(2027, 3, 15, 14, 0), True),
    ("15-3 om 14u", datetime(2027, 3, 15, 14, 0), True),
    ("15 maart om 14.30 uur", datetime(2027, 3, 15, 14, 30), True),
    ("volgende week dinsdag 10 uur", datetime(2027, 3, 9, 10, 0), True),
    ("morgen 9:30", datetime(2027, 3, 2, 9, 30), True),
    ("dinsdag 10u", datetime(2027, 3, 2, 10, 0), True),
    ("15/3 14:00", datetime(2027, 3, 15, 14, 0), True),
    ("2027-03-15 14:00", datetime(2027, 3, 15, 14, 0), True),
    # Pre-pass forms.
    ("morgen om 10 uur", datetime(2027, 3, 2, 10, 0), True),
    ("woensdag om 14 uur", datetime(2027, 3, 3, 14, 0), True),
    ("komende vrijdag 14u30", datetime(2027, 3, 5, 14, 30), True),
    ("dinsdag volgende week om 13:30", datetime(2027, 3, 9, 13, 30), True),
    ("next week friday 2pm", datetime(2027, 3, 12, 14, 0), True),
    ("op 15 maart", datetime(2027, 3, 15, 10, 0), False),
    # No time: 10:00, flagged.
    ("15 maart", datetime(2027, 3, 15, 10, 0), False),
    ("morgen", datetime(2027, 3, 2, 10, 0), False),
    ("maandag", datetime(2027, 3, 8, 10, 0), False),
    # Past day-month rolls to next year.
    ("14 februari 15:00", datetime(2028, 2, 14, 15, 0), True),
    # Across DST: wall clock stays 14:00 (CET before 28 March, CEST after, CET after 31 Oct).
    ("maandag 29 maart 14:00", datetime(2027, 3, 29, 14, 0), True),
    ("28 oktober om 14:00", datetime(2027, 10, 28, 14, 0), True),
    ("1 november 14:00", datetime(2027, 11, 1, 14, 0), True),
    # Spoken times; an hour in words from one to seven is in the afternoon.
    ("15 maart half drie", datetime(2027, 3, 15, 14, 30), True),
    ("dinsdag kwart over twee", datetime(2027, 3, 2, 14, 15), True),
    ("15-3 kwart voor drie", datetime(2027, 3, 15, 14, 45), True),
    ("15 maart om drie uur 's middags", datetime(2027, 3, 15, 15, 0), True),
    ("16 maart om 3 uur 's middags", datetime(2027, 3, 16, 15, 0), True),
    ("15 maart om 8 uur 's avonds", datetime(2027, 3, 15, 20, 0), True),
    ("vrijdag om half tien", datetime(2027, 3, 5, 9, 30), True),
    ("15 maart om 14.30 uur", datetime(2027, 3, 15, 14, 30), True),
    ("15 maart één uur", datetime(2027, 3, 15, 13, 0), True),
]


@pytest.mark.parametrize(("text", "wall", "time_given"), CASES)
def test_parse_meeting_datetime(text, wall, time_given):
    got = parse_meeting_datetime(text, now=NOW)
    assert got is not None
    assert got.when.tzinfo is not None
    assert got.when.replace(tzinfo=None) == wall
    assert got.when.utcoffset() == wall.replace(tzinfo=AMS).utcoffset()
    assert got.time_given is time_given


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("vrijdag 15 maart 14:00", 4),  # 15 March 2027 is a Monday
        ("friday 15 March 14:00", 4),
        ("maandag 15 maart 14:00", None),
        ("vrijdag 12-3 om 14:00", None),  # 12 March is a Friday
        ("vrijdag 14:00", None),  # a bare weekday picks the date itself
        ("komende vrijdag half drie", None),
    ],
)
def test_a_weekday_that_does_not_match_is_flagged(text, named):
    assert parse_meeting_datetime(text, now=NOW).named_weekday == named


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("29 maart 14:00", datetime(2027, 3, 29, 12, 0, tzinfo=UTC)),
        ("26 maart 14:00", datetime(2027, 3, 26, 13, 0, tzinfo=UTC)),
        ("1 november 14:00", datetime(2027, 11, 1, 13, 0, tzinfo=UTC)),
        ("28 maart 02:30", datetime(2027, 3, 28, 1, 30, tzinfo=UTC)),  # skipped hour -> 03:30
    ],
)
def test_dst_instants(text, utc):
    assert parse_meeting_datetime(text, now=NOW).when == utc


@pytest.mark.parametrize("text", ["blabla", "", "   ", "12", "2027", "weet ik nog niet", "ja"])
def test_nonsense_is_none(text):
    assert parse_meeting_datetime(text, now=NOW) is None


def test_naive_now_is_local_time_and_other_zone():
    got = parse_meeting_datetime("morgen 9:30", now=datetime(2027, 3, 1, 9, 0), tz="UTC")
    assert got.when == datetime(2027, 3, 2, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("dt", "nl", "en"),
    [
        (
            datetime(2030, 3, 15, 14, 0, tzinfo=AMS),
            "vrijdag 15 maart 2030 om 14:00",
            "Friday 15 March 2030 at 14:00",
        ),
        (
            datetime(2027, 10, 31, 9, 5, tzinfo=AMS),
            "zondag 31 oktober 2027 om 09:05",
            "Sunday 31 October 2027 at 09:05",
        ),
        (
            datetime(2027, 3, 29, 12, 0, tzinfo=UTC),
            "maandag 29 maart 2027 om 12:00",
            "Monday 29 March 2027 at 12:00",
        ),
    ],
)
def test_format_moment(dt, nl, en):
    assert format_moment_nl(dt) == nl
    assert format_moment_en(dt) == en


def test_format_moment_converts_to_tz():
    utc = datetime(2027, 3, 29, 12, 0, tzinfo=UTC)
    assert format_moment_nl(utc, "Europe/Amsterdam") == "maandag 29 maart 2027 om 14:00"
    assert format_moment_en(utc, "Europe/Amsterdam") == "Monday 29 March 2027 at 14:00"


@pytest.mark.parametrize(
    "text", ["1-1-0001", "1-1-9999", "-3485", "over 1000 jaar", "15-3-2030 10:00"]
)
def test_impossible_or_far_dates_are_unreadable_not_a_crash(text):
    """Issue 9, item 17: OverflowError before; now refused (more than 2 years ahead too)."""
    assert parse_meeting_datetime(text, now=NOW) is None


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Wanneer is de volgende bijeenkomst?", True),
        ("Waar is de volgende bijeenkomst en hoe laat?", True),
        ("When is the next meeting?", True),
        ("volgende bijeenkomst?", True),
        ("Wat moet ik voorbereiden voor de volgende bijeenkomst?", False),
        ("Wanneer is de volgende stap?", False),
        ("Wat is er besproken op de bijeenkomst?", False),
        ("Wanneer en waar komen we de volgende keer bij elkaar?", True),
        ("Wanneer zien we elkaar weer?", True),
        ("When do we meet again?", True),
        ("Waarom komen we weer bij elkaar?", False),
    ],
)
def test_a_question_for_the_next_meeting(question, asks):
    from bot.domain.meeting_dates import asks_for_next_meeting

    assert asks_for_next_meeting(question) is asks
