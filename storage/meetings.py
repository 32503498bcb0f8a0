"""Bijeenkomsten: meetings for some or all proeftuinen, and who should attend.

Moving a meeting bumps its version, so reminders keyed on the version are
sent again for the new time. The reminder log lives in storage.reminders and
is re-exported here.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from storage import validation
from storage.clock import from_iso, now_iso, to_iso, utc_now
from storage.db import select_row, select_rows
from storage.errors import Invalid, MeetingCancelled, NotFound
from storage.people import Person, person_from_row
from storage.proeftuinen import Proeftuin, get_proeftuin, list_proeftuinen
from storage.reminders import (
    REMINDER_STATUSES,
    claim_reminder,
    mark_reminder,
    release_reminder,
    reminders_in_state,
    sent_reminders,
)

__all__ = [
    "REMINDER_STATUSES",
    "Meeting",
    "cancel_meeting",
    "claim_reminder",
    "create_meeting",
    "get_meeting",
    "mark_reminder",
    "meeting_participants",
    "move_meeting",
    "previous_meeting",
    "proeftuinen_of",
    "release_reminder",
    "reminders_in_state",
    "sent_reminders",
    "upcoming_meetings",
]


@dataclass(frozen=True)
class Meeting:
    id: int
    title: str
    starts_at: datetime  # aware, UTC
    place: str | None
    agenda: str | None
    proeftuin_ids: tuple[int, ...] | None  # None: for all proeftuinen
    created_by: int | None
    created_at: datetime
    cancelled_at: datetime | None
    moved_at: datetime | None
    version: int

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


def meeting_from_row(row: dict[str, Any]) -> Meeting:
    ids = row["proeftuin_ids"]
    return Meeting(
        id=row["id"],
        title=row["title"],
        starts_at=from_iso(row["starts_at"]),
        place=row["place"],
        agenda=row["agenda"],
        proeftuin_ids=None if ids is None else tuple(json.loads(ids)),
        created_by=row["created_by"],
        created_at=from_iso(row["created_at"]),
        cancelled_at=from_iso(row["cancelled_at"]),
        moved_at=from_iso(row["moved_at"]),
        version=row["version"],
    )


def create_meeting(
    db: Database,
    *,
    title: str,
    starts_at: datetime,
    place: str | None = None,
    agenda: str | None = None,
    proeftuin_ids: list[int] | tuple[int, ...] | None = None,
    created_by: int | None,
    now: datetime | None = None,
) -> Meeting:
    row = {
        "title": validation.required_text(title, "meeting_title"),
        "starts_at": _future_start(starts_at, now),
        "place": validation.clean_text(place),
        "agenda": validation.clean_text(agenda),
        "proeftuin_ids": _checked_proeftuin_ids(db, proeftuin_ids),
        "created_by": created_by,
        "created_at": now_iso(now),
        "version": 1,
    }
    return get_meeting(db, db["meetings"].insert(row).last_pk)


def get_meeting(db: Database, meeting_id: int) -> Meeting:
    row = select_row(db, "SELECT * FROM meetings WHERE id = ?", [meeting_id])
    if row is None:
        raise NotFound("meeting_not_found", id=meeting_id)
    return meeting_from_row(row)


def upcoming_meetings(
    db: Database, *, now: datetime | None = None, include_cancelled: bool = False
) -> list[Meeting]:
    """Meetings that have not started yet, soonest first."""
    sql = "SELECT * FROM meetings WHERE starts_at >= ?"
    if not include_cancelled:
        sql += " AND cancelled_at IS NULL"
    rows = select_rows(db, sql + " ORDER BY starts_at, id", [now_iso(now)])
    return [meeting_from_row(row) for row in rows]


def move_meeting(
    db: Database, meeting_id: int, starts_at: datetime, now: datetime | None = None
) -> Meeting:
    meeting = get_meeting(db, meeting_id)
    if meeting.cancelled:
        raise MeetingCancelled("meeting_cancelled", title=meeting.title)
    db["meetings"].update(
        meeting_id,
        {
            "starts_at": _future_start(starts_at, now),
            "moved_at": now_iso(now),
            "version": meeting.version + 1,
        },
    )
    return get_meeting(db, meeting_id)


def cancel_meeting(db: Database, meeting_id: int, now: datetime | None = None) -> Meeting:
    meeting = get_meeting(db, meeting_id)
    if meeting.cancelled:
        raise MeetingCancelled("meeting_already_cancelled", title=meeting.title)
    db["meetings"].update(meeting_id, {"cancelled_at": now_iso(now)})
    return get_meeting(db, meeting_id)


def previous_meeting(db: Database, before: datetime) -> Meeting | None:
    """The latest meeting that went ahead before `before` (e.g. to report progress since)."""
    row = select_row(
        db,
        """
        SELECT * FROM meetings WHERE starts_at < ? AND cancelled_at IS NULL
        ORDER BY starts_at DESC, id DESC LIMIT 1
        """,
        [to_iso(before)],
    )
    return meeting_from_row(row) if row else None


def meeting_participants(
    db: Database, meeting: Meeting, *, reminders_only: bool = False
) -> list[Person]:
    """Active members of the meeting's proeftuinen, each person once."""
    conditions = ["p.active = 1"]
    params: list[Any] = []
    if reminders_only:
        conditions.append("p.reminders_on = 1")
    if meeting.proeftuin_ids is not None:
        conditions.append(f"m.proeftuin_id IN ({', '.join('?' * len(meeting.proeftuin_ids))})")
        params.extend(meeting.proeftuin_ids)
    rows = select_rows(
        db,
        f"""
        SELECT DISTINCT p.* FROM people p JOIN memberships m ON m.telegram_id = p.telegram_id
        WHERE {" AND ".join(conditions)}
        ORDER BY p.name COLLATE NOCASE, p.telegram_id
        """,
        params,
    )
    return [person_from_row(row) for row in rows]


def proeftuinen_of(db: Database, meeting: Meeting) -> list[Proeftuin]:
    if meeting.proeftuin_ids is None:
        return list_proeftuinen(db)
    proeftuinen = [get_proeftuin(db, id_) for id_ in meeting.proeftuin_ids]
    return sorted(proeftuinen, key=lambda p: p.name.casefold())


def _future_start(starts_at: datetime, now: datetime | None) -> str:
    if starts_at.tzinfo is None:
        raise Invalid("start_without_timezone")
    if starts_at <= utc_now(now):
        raise Invalid("start_in_past")
    return to_iso(starts_at)


def _checked_proeftuin_ids(db: Database, ids: list[int] | tuple[int, ...] | None) -> str | None:
    if ids is None:
        return None
    unique_ids = sorted(set(ids))
    if not unique_ids:
        raise Invalid("meeting_without_proeftuinen")
    for proeftuin_id in unique_ids:
        get_proeftuin(db, proeftuin_id)
    return json.dumps(unique_ids)
