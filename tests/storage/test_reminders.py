from datetime import timedelta

import pytest

from storage.db import open_database
from storage.errors import Invalid, NotFound
from storage.meetings import (
    claim_reminder,
    create_meeting,
    mark_reminder,
    release_reminder,
    reminders_in_state,
    sent_reminders,
)
from storage.people import upsert_person


@pytest.fixture
def meeting(db, now):
    upsert_person(db, 7, name="Ann")
    upsert_person(db, 8, name="Bob")
    return create_meeting(
        db, title="Overleg", starts_at=now + timedelta(days=7), created_by=1, now=now
    )


def test_claim_only_once_per_key(db, meeting, now):
    assert claim_reminder(db, meeting.id, 7, "d1", 1, now=now) is True
    assert claim_reminder(db, meeting.id, 7, "d1", 1, now=now) is False
    # A different person, kind or meeting version is a different message
    assert claim_reminder(db, meeting.id, 8, "d1", 1, now=now) is True
    assert claim_reminder(db, meeting.id, 7, "h2", 1, now=now) is True
    assert claim_reminder(db, meeting.id, 7, "d1", 2, now=now) is True


def test_claim_survives_restart(tmp_path, now):
    path = tmp_path / "restart.db"
    first = open_database(path)
    upsert_person(first, 7, name="Ann")
    meeting = create_meeting(
        first, title="Overleg", starts_at=now + timedelta(days=1), created_by=1, now=now
    )
    assert claim_reminder(first, meeting.id, 7, "d1", 1) is True
    first.close()  # the process dies before marking the reminder as sent
    second = open_database(path)
    assert claim_reminder(second, meeting.id, 7, "d1", 1) is False
    assert [r["status"] for r in reminders_in_state(second, "sending")] == ["sending"]
    second.close()


@pytest.mark.parametrize("status", ["sent", "failed", "blocked"])
def test_mark_reminder(db, meeting, now, status):
    claim_reminder(db, meeting.id, 7, "d1", 1, now=now)
    mark_reminder(db, meeting.id, 7, "d1", 1, status, now=now + timedelta(seconds=1))
    [row] = reminders_in_state(db, status)
    assert (row["telegram_id"], row["meeting_title"]) == (7, "Overleg")
    expected_sent_at = (now + timedelta(seconds=1)).isoformat(timespec="microseconds")
    assert row["sent_at"] == (expected_sent_at if status == "sent" else None)
    assert reminders_in_state(db, "sending") == []


@pytest.mark.parametrize(
    ("claim_first", "status", "error"), [(True, "delivered", Invalid), (False, "sent", NotFound)]
)
def test_mark_reminder_rejects(db, meeting, claim_first, status, error):
    if claim_first:
        claim_reminder(db, meeting.id, 7, "d1", 1)
    with pytest.raises(error):
        mark_reminder(db, meeting.id, 7, "d1", 1, status)


@pytest.mark.parametrize(
    ("status", "released"), [("sending", True), ("failed", True), ("sent", False)]
)
def test_release_only_unsent_claims(db, meeting, status, released):
    claim_reminder(db, meeting.id, 7, "d1", 1)
    mark_reminder(db, meeting.id, 7, "d1", 1, status)
    assert release_reminder(db, meeting.id, 7, "d1", 1) is released
    assert claim_reminder(db, meeting.id, 7, "d1", 1) is released


def test_sent_reminders_lists_the_whole_log_for_a_meeting(db, meeting, now):
    claim_reminder(db, meeting.id, 7, "d7", 1, now=now)
    claim_reminder(db, meeting.id, 8, "d7", 1, now=now + timedelta(seconds=1))
    mark_reminder(db, meeting.id, 7, "d7", 1, "sent", now=now)
    rows = sent_reminders(db, meeting.id)
    assert [(r["telegram_id"], r["status"]) for r in rows] == [(7, "sent"), (8, "sending")]


def test_unknown_status_query(db):
    with pytest.raises(Invalid):
        reminders_in_state(db, "lost")


def test_claim_requires_kind(db, meeting):
    with pytest.raises(Invalid):
        claim_reminder(db, meeting.id, 7, "", 1)
