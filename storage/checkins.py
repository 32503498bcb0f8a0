"""Check-ins: how often each proeftuin's members are asked how it is going (none: off), and
which questions went out, claimed before sending like the reminders (storage.reminders)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from storage.clock import from_iso, now_iso, to_iso
from storage.db import select_row, select_rows
from storage.errors import Invalid
from storage.proeftuinen import get_proeftuin


@dataclass(frozen=True)
class Checkin:
    proeftuin_id: int
    every_days: int
    weekday: int  # 0 = Monday … 4 = Friday
    at: str  # "10:00", local time
    set_at: datetime


def set_checkin(
    db: Database, proeftuin_id: int, *, every_days: int, weekday: int, at: str, set_by, now=None
) -> Checkin:
    """Turn check-ins on (or change them) for a proeftuin; never at the weekend."""
    get_proeftuin(db, proeftuin_id)
    if not 7 <= every_days <= 91 or weekday not in range(5):
        raise Invalid("checkin_cadence", every_days=every_days, weekday=weekday)
    db["checkins"].upsert(
        {
            "proeftuin_id": proeftuin_id,
            "every_days": every_days,
            "weekday": weekday,
            "at": at,
            "set_by": set_by,
            "set_at": now_iso(now),
        },
        pk="proeftuin_id",
    )
    return checkin_of(db, proeftuin_id)


def stop_checkin(db: Database, proeftuin_id: int) -> bool:
    return db.execute("DELETE FROM checkins WHERE proeftuin_id = ?", [proeftuin_id]).rowcount > 0


def checkin_of(db: Database, proeftuin_id: int) -> Checkin | None:
    row = select_row(db, "SELECT * FROM checkins WHERE proeftuin_id = ?", [proeftuin_id])
    return _checkin(row) if row else None


def all_checkins(db: Database) -> list[Checkin]:
    return [
        _checkin(row) for row in select_rows(db, "SELECT * FROM checkins ORDER BY proeftuin_id")
    ]


def claim_checkin(db: Database, proeftuin_id: int, telegram_id: int, due: datetime, now=None):
    """True if this question may be sent now; False if it was claimed before."""
    cursor = db.execute(
        "INSERT OR IGNORE INTO checkin_log (proeftuin_id, telegram_id, due, status, created_at)"
        " VALUES (?, ?, ?, 'sending', ?)",
        [proeftuin_id, telegram_id, to_iso(due), now_iso(now)],
    )
    db.conn.commit()
    return cursor.rowcount == 1


def mark_checkin(db: Database, proeftuin_id: int, telegram_id: int, due: datetime, status: str):
    with db.conn:
        db.execute(
            "UPDATE checkin_log SET status = ? WHERE proeftuin_id = ? AND telegram_id = ?"
            " AND due = ?",
            [status, proeftuin_id, telegram_id, to_iso(due)],
        )


def _checkin(row: dict) -> Checkin:
    return Checkin(
        proeftuin_id=row["proeftuin_id"],
        every_days=row["every_days"],
        weekday=row["weekday"],
        at=row["at"],
        set_at=from_iso(row["set_at"]),
    )


def checkin_audience(db: Database, proeftuin_id: int) -> list:
    """The proeftuin's active members who have reminders on."""
    from storage.people import person_from_row

    rows = select_rows(
        db,
        """
        SELECT p.* FROM people p JOIN memberships m ON m.telegram_id = p.telegram_id
        WHERE m.proeftuin_id = ? AND p.active = 1 AND p.reminders_on = 1
        ORDER BY p.telegram_id
        """,
        [proeftuin_id],
    )
    return [person_from_row(row) for row in rows]
