from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.reminder_times import (
    ReminderSpec,
    due_reminders,
    nudge_time,
    reminder_times,
    summary_time,
)

AMS = ZoneInfo("Europe/Amsterdam")
MEETING = datetime(2027, 3, 30, 14, 0, tzinfo=AMS)  # a Tuesday, CEST; DST began Sunday 28 March
MONDAY_MEETING = datetime(2027, 3, 29, 14, 0, tzinfo=AMS)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


# (starts_at, kwargs, expected [(kind, utc instant)])
TIMES = [
    # A Tuesday meeting: d7 on CET, d1 on the Monday after the switch to CEST, h2 real hours.
    (
        datetime(2027, 3, 30, 14, 0, tzinfo=AMS),
        {},
        [("d7", utc(2027, 3, 23, 9)), ("d1", utc(2027, 3, 29, 8)), ("h2", utc(2027, 3, 30, 10))],
    ),
    # Back to CET on 31 October: 10:00 local stays 10:00 local on both sides.
    (
        datetime(2027, 11, 2, 14, 0, tzinfo=AMS),
        {},
        [("d7", utc(2027, 10, 26, 8)), ("d1", utc(2027, 11, 1, 9)), ("h2", utc(2027, 11, 2, 11))],
    ),
    # Never at the weekend: a Monday meeting's d1 (Sunday) moves to the Friday before, and so
    # does a d2 (Saturday); d7 stays on the Monday before.
    (
        MONDAY_MEETING,
        {"day_offsets": (7, 2, 1), "hour_offsets": ()},
        [("d7", utc(2027, 3, 22, 9)), ("d2", utc(2027, 3, 26, 9)), ("d1", utc(2027, 3, 26, 9))],
    ),
    # h2 across the switch is two real hours: 03:00 CET minus 2h is 02:00 CEST, not 01:00.
    (datetime(2027, 10, 31, 3, 0, tzinfo=AMS), {"day_offsets": ()}, [("h2", utc(2027, 10, 31, 0))]),
    # Reminders at or after the start are left out: d0 at 10:00 for a 10:00 meeting.
    (
        datetime(2027, 3, 10, 10, 0, tzinfo=AMS),
        {"day_offsets": (0, 1), "hour_offsets": ()},
        [("d1", utc(2027, 3, 9, 9))],
    ),
    (
        datetime(2027, 3, 10, 9, 0, tzinfo=AMS),
        {"day_offsets": (0,), "hour_offsets": (0, 1)},
        [("h1", utc(2027, 3, 10, 7))],
    ),
    # Other time of day and zone; the start given in UTC is read on the local calendar.
    (
        utc(2027, 3, 29, 23, 30),
        {"day_offsets": (1,), "hour_offsets": (), "at": "08:30"},
        [("d1", utc(2027, 3, 29, 6, 30))],
    ),
    (
        datetime(2027, 3, 29, 14, 0, tzinfo=ZoneInfo("America/New_York")),
        {"tz": "America/New_York", "hour_offsets": ()},
        [("d7", utc(2027, 3, 22, 14)), ("d1", utc(2027, 3, 26, 14))],  # Sunday -> Friday
    ),
]


@pytest.mark.parametrize(("starts_at", "kwargs", "expected"), TIMES)
def test_reminder_times(starts_at, kwargs, expected):
    got = reminder_times(starts_at, **kwargs)
    # Compare in UTC: Python never finds an ambiguous local time (02:00 on 31 October) equal
    # to a time in another zone, even when it is the same instant (PEP 495).
    assert [(s.kind, s.when.astimezone(UTC)) for s in got] == expected
    assert all(s.when.tzinfo is not None for s in got)


def test_day_reminders_keep_local_wall_clock():
    d7, d1, _ = reminder_times(MEETING)
    assert (d7.when.hour, d7.when.minute, d1.when.hour) == (10, 0, 10)
    assert d7.when.utcoffset() != d1.when.utcoffset()


@pytest.mark.parametrize(
    ("starts_at", "fn", "kwargs", "expected"),
    [
        (MEETING, nudge_time, {}, datetime(2027, 3, 25, 10, 0, tzinfo=AMS)),
        # three days before is a Saturday: the Friday before
        (MEETING, nudge_time, {"days_before": 3, "at": "09:15"}, datetime(2027, 3, 26, 9, 15)),
        (MEETING, summary_time, {}, datetime(2027, 3, 29, 10, 0, tzinfo=AMS)),
        (MEETING, summary_time, {"at": "16:00"}, datetime(2027, 3, 29, 16, 0, tzinfo=AMS)),
        # the day before a Monday meeting is a Sunday: the summary goes on Friday
        (MONDAY_MEETING, summary_time, {}, datetime(2027, 3, 26, 10, 0, tzinfo=AMS)),
    ],
)
def test_nudge_and_summary(starts_at, fn, kwargs, expected):
    expected = expected.replace(tzinfo=AMS)
    got = fn(starts_at, **kwargs)
    assert got == expected
    assert got.replace(tzinfo=None) == expected.replace(tzinfo=None)


SPECS = reminder_times(MEETING)  # d7 09:00Z 23/3, d1 08:00Z 29/3, h2 10:00Z 30/3

# (now, already_sent, send_now kinds, folded, future kinds)
DUE = [
    (utc(2027, 3, 21, 12), set(), [], [], ["d7", "d1", "h2"]),
    (utc(2027, 3, 23, 9), set(), ["d7"], [], ["d1", "h2"]),  # exactly due
    (utc(2027, 3, 23, 9, 30), set(), ["d7"], [], ["d1", "h2"]),  # restart just after d7
    (utc(2027, 3, 23, 9, 30), {"d7"}, [], [], ["d1", "h2"]),  # restart after d7 went out
    (utc(2027, 3, 29, 9), {"d7"}, ["d1"], [], ["h2"]),
    (utc(2027, 3, 29, 9), set(), ["d1"], ["d7"], ["h2"]),  # two missed: one message
    (utc(2027, 3, 30, 11), set(), ["h2"], ["d7", "d1"], []),  # three missed
    (utc(2027, 3, 30, 11), {"d7", "d1", "h2"}, [], [], []),
    (utc(2027, 3, 30, 12), set(), [], [], []),  # meeting starts now: nothing
    (utc(2027, 3, 31, 8), set(), [], [], []),  # meeting over: missed ones dropped
]


@pytest.mark.parametrize(("now", "sent", "send_now", "folded", "future"), DUE)
def test_due_reminders(now, sent, send_now, folded, future):
    plan = due_reminders(SPECS, now=now, already_sent=sent, meeting_starts_at=MEETING)
    assert [s.kind for s in plan.send_now] == send_now
    assert plan.folded == folded
    assert [s.kind for s in plan.future] == future


def test_unsorted_specs_fold_to_latest():
    specs = list(reversed(SPECS))
    plan = due_reminders(
        specs, now=utc(2027, 3, 30, 11), already_sent=set(), meeting_starts_at=MEETING
    )
    assert plan.send_now == [ReminderSpec("h2", SPECS[2].when)]


@pytest.mark.parametrize(
    "call",
    [
        lambda: reminder_times(datetime(2027, 3, 29, 14)),
        lambda: nudge_time(datetime(2027, 3, 29, 14)),
        lambda: due_reminders(
            SPECS, now=datetime(2027, 3, 1), already_sent=set(), meeting_starts_at=MEETING
        ),
    ],
)
def test_naive_datetimes_are_refused(call):
    with pytest.raises(ValueError, match="timezone-aware"):
        call()


@pytest.mark.parametrize(
    ("text", "cadence"),
    [
        ("aan", (14, 3, "10:00")),  # the documented default: every two weeks, Thursday 10:00
        ("uit", "off"),
        ("elke 2 weken donderdag 10:00", (14, 3, "10:00")),
        ("wekelijks maandag 9.30", (7, 0, "09:30")),
        ("every 3 weeks friday", (21, 4, "10:00")),
        ("zaterdag 10:00", "weekend"),  # never at the weekend
        ("elke 20 weken", None),
        ("af en toe", None),
    ],
)
def test_parse_cadence(text, cadence):
    from bot.domain.reminder_times import parse_cadence

    assert parse_cadence(text) == cadence


SET_ON = utc(2027, 3, 1, 9)  # a Monday


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (utc(2027, 3, 3, 12), None),  # before the first Thursday
        (utc(2027, 3, 4, 8, 59), None),  # 09:59 local: not yet
        (utc(2027, 3, 4, 9, 0), utc(2027, 3, 4, 9, 0)),  # Thursday 10:00 CET
        (utc(2027, 3, 17, 12), utc(2027, 3, 4, 9, 0)),  # the next one is two weeks later
        (utc(2027, 3, 18, 9, 30), utc(2027, 3, 18, 9, 0)),
        (utc(2027, 4, 1, 8, 30), utc(2027, 4, 1, 8, 0)),  # summer time: 10:00 CEST
    ],
)
def test_checkin_due(now, due):
    from bot.domain.reminder_times import checkin_due

    got = checkin_due(
        now, every_days=14, weekday=3, at="10:00", tz="Europe/Amsterdam", since=SET_ON
    )
    assert (got.astimezone(UTC) if got else None) == due
