from datetime import datetime, timedelta, timezone

import pytest

from storage.errors import Invalid, MeetingCancelled, NotFound
from storage.meetings import (
    cancel_meeting,
    create_meeting,
    get_meeting,
    meeting_participants,
    move_meeting,
    previous_meeting,
    proeftuinen_of,
    upcoming_meetings,
)
from storage.people import add_member, mark_inactive, set_reminders

AMSTERDAM_WINTER = timezone(timedelta(hours=1))


@pytest.fixture
def plan(db, now):
    def plan(days=7, title="Bijeenkomst", **fields):
        return create_meeting(
            db,
            title=title,
            starts_at=now + timedelta(days=days),
            created_by=1,
            now=now,
            **fields,
        )

    return plan


def test_create_meeting_normalises_to_utc(db, now):
    local_start = datetime(2025, 3, 10, 14, 0, tzinfo=AMSTERDAM_WINTER)
    meeting = create_meeting(
        db,
        title=" Kwartaaloverleg ",
        starts_at=local_start,
        place="Utrecht",
        agenda="1. Voortgang",
        created_by=1,
        now=now,
    )
    assert meeting.starts_at == local_start
    assert meeting.starts_at.utcoffset() == timedelta(0)
    assert (meeting.title, meeting.place, meeting.agenda) == (
        "Kwartaaloverleg",
        "Utrecht",
        "1. Voortgang",
    )
    assert (meeting.proeftuin_ids, meeting.version, meeting.cancelled) == (None, 1, False)
    assert get_meeting(db, meeting.id) == meeting


def test_create_meeting_for_some_proeftuinen(plan, make_proeftuin):
    a, b = make_proeftuin("A"), make_proeftuin("B")
    assert plan(proeftuin_ids=[b.id, a.id, b.id]).proeftuin_ids == (a.id, b.id)


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"title": ""}, Invalid),
        ({"starts_at": datetime(2025, 4, 1, 10, 0)}, Invalid),
        ({"days": 0}, Invalid),
        ({"days": -1}, Invalid),
        ({"proeftuin_ids": []}, Invalid),
        ({"proeftuin_ids": [99]}, NotFound),
    ],
)
def test_create_meeting_rejects(db, now, fields, error):
    days = fields.pop("days", 7)
    arguments = {"title": "Overleg", "starts_at": now + timedelta(days=days)} | fields
    with pytest.raises(error):
        create_meeting(db, created_by=1, now=now, **arguments)


def test_get_unknown_meeting(db):
    with pytest.raises(NotFound):
        get_meeting(db, 99)


def test_upcoming_meetings_sorted_without_past_or_cancelled(db, plan, now):
    later = plan(days=14)
    sooner = plan(days=2)
    cancelled = plan(days=3)
    cancel_meeting(db, cancelled.id, now=now)
    assert [m.id for m in upcoming_meetings(db, now=now)] == [sooner.id, later.id]
    with_cancelled = upcoming_meetings(db, now=now, include_cancelled=True)
    assert [m.id for m in with_cancelled] == [sooner.id, cancelled.id, later.id]
    assert [m.id for m in upcoming_meetings(db, now=now + timedelta(days=5))] == [later.id]


def test_move_meeting_bumps_version(db, plan, now):
    meeting = plan(days=7)
    moved = move_meeting(db, meeting.id, now + timedelta(days=8), now=now)
    assert (moved.starts_at, moved.version, moved.moved_at) == (now + timedelta(days=8), 2, now)
    assert move_meeting(db, meeting.id, now + timedelta(days=9), now=now).version == 3


@pytest.mark.parametrize(
    ("starts_at_offset", "cancel_first", "error"),
    [(timedelta(days=-1), False, Invalid), (timedelta(days=8), True, MeetingCancelled)],
)
def test_move_meeting_rejects(db, plan, now, starts_at_offset, cancel_first, error):
    meeting = plan()
    if cancel_first:
        cancel_meeting(db, meeting.id, now=now)
    with pytest.raises(error):
        move_meeting(db, meeting.id, now + starts_at_offset, now=now)
    assert get_meeting(db, meeting.id).version == 1


def test_cancel_meeting_once(db, plan, now):
    meeting = plan()
    cancelled = cancel_meeting(db, meeting.id, now=now)
    assert cancelled.cancelled and cancelled.cancelled_at == now
    with pytest.raises(MeetingCancelled):
        cancel_meeting(db, meeting.id, now=now)


def test_previous_meeting_skips_cancelled_and_later(db, plan, now):
    first = plan(days=1)
    second = plan(days=2)
    cancelled = plan(days=3)
    plan(days=10)
    cancel_meeting(db, cancelled.id, now=now)
    assert previous_meeting(db, now + timedelta(days=5)).id == second.id
    assert previous_meeting(db, now + timedelta(days=2)).id == first.id
    assert previous_meeting(db, now) is None


def test_participants_are_active_members_once(db, plan, make_proeftuin, make_member):
    a, b, c = make_proeftuin("A"), make_proeftuin("B"), make_proeftuin("C")
    make_member(a, 1, "Ann")
    make_member(b, 2, "Bob")
    make_member(c, 3, "Cas")
    make_member(a, 4, "Dirk")
    add_member(db, b.id, 1, "anders")  # Ann is in A and B
    mark_inactive(db, 4)
    set_reminders(db, 2, False)

    def names(meeting, **kwargs):
        return [p.name for p in meeting_participants(db, meeting, **kwargs)]

    assert names(plan(proeftuin_ids=[a.id, b.id])) == ["Ann", "Bob"]
    assert names(plan(proeftuin_ids=[a.id, b.id]), reminders_only=True) == ["Ann"]
    assert names(plan()) == ["Ann", "Bob", "Cas"]


def test_proeftuinen_of(db, plan, make_proeftuin):
    a, b, c = make_proeftuin("Alkmaar"), make_proeftuin("Breda"), make_proeftuin("Culemborg")
    assert proeftuinen_of(db, plan(proeftuin_ids=[c.id, a.id])) == [a, c]
    assert proeftuinen_of(db, plan()) == [a, b, c]
