"""The reminder log: at most once, never silently lost.

Before sending, the bot claims (meeting, person, kind, version) by inserting a
'sending' row; the unique key makes a second claim fail, so a restart never
sends twice. After sending it marks the row 'sent', 'failed' or 'blocked'. A
crash between claim and mark leaves a 'sending' row that reminders_in_state()
reveals, so nobody is silently skipped either.
"""

from datetime import datetime
from typing import Any

from sqlite_utils import Database

from storage.clock import now_iso
from storage.db import select_rows
from storage.errors import Invalid, NotFound

# folded: not sent on its own, covered by a later reminder sent after downtime;
# unknown: a crash came between sending and logging, reported to the coordinators
REMINDER_STATUSES = ("sending", "sent", "failed", "blocked", "folded", "unknown")


def claim_reminder(
    db: Database,
    meeting_id: int,
    telegram_id: int,
    kind: str,
    meeting_version: int,
    now: datetime | None = None,
) -> bool:
    """True if this caller may send now; False if it was claimed before (maybe by a crashed run).

    A send that failed (not a block, not a crash) may be claimed again, so it is retried.
    """
    if not kind:
        raise Invalid("reminder_kind_missing")
    cursor = db.execute(
        """
        INSERT INTO reminder_log
            (meeting_id, telegram_id, kind, meeting_version, status, created_at)
        VALUES (?, ?, ?, ?, 'sending', ?)
        ON CONFLICT (meeting_id, telegram_id, kind, meeting_version) DO UPDATE
            SET status = 'sending', created_at = excluded.created_at
            WHERE reminder_log.status = 'failed'
        """,
        [meeting_id, telegram_id, kind, meeting_version, now_iso(now)],
    )
    return cursor.rowcount == 1


def mark_reminder(
    db: Database,
    meeting_id: int,
    telegram_id: int,
    kind: str,
    meeting_version: int,
    status: str,
    now: datetime | None = None,
) -> None:
    if status not in REMINDER_STATUSES:
        raise Invalid("reminder_status_unknown", value=status, choices=", ".join(REMINDER_STATUSES))
    cursor = db.execute(
        """
        UPDATE reminder_log SET status = ?, sent_at = ?
        WHERE meeting_id = ? AND telegram_id = ? AND kind = ? AND meeting_version = ?
        """,
        [
            status,
            now_iso(now) if status == "sent" else None,
            meeting_id,
            telegram_id,
            kind,
            meeting_version,
        ],
    )
    if cursor.rowcount == 0:
        raise NotFound("reminder_not_claimed")


def release_reminder(
    db: Database, meeting_id: int, telegram_id: int, kind: str, meeting_version: int
) -> bool:
    """Drop an unsent claim ('sending' or 'failed') so a deliberate retry can claim it again.

    Sent and blocked rows are kept: retrying those would message someone twice
    or someone who blocked the bot. Returns whether a row was released.
    """
    cursor = db.execute(
        """
        DELETE FROM reminder_log
        WHERE meeting_id = ? AND telegram_id = ? AND kind = ? AND meeting_version = ?
          AND status IN ('sending', 'failed')
        """,
        [meeting_id, telegram_id, kind, meeting_version],
    )
    return cursor.rowcount > 0


def reminders_in_state(db: Database, status: str) -> list[dict[str, Any]]:
    """Log rows in one status, oldest first, with the meeting title for a readable report."""
    if status not in REMINDER_STATUSES:
        raise Invalid("reminder_status_unknown", value=status, choices=", ".join(REMINDER_STATUSES))
    return select_rows(
        db,
        """
        SELECT r.*, m.title AS meeting_title, m.starts_at AS meeting_starts_at
        FROM reminder_log r JOIN meetings m ON m.id = r.meeting_id
        WHERE r.status = ? ORDER BY r.created_at, r.id
        """,
        [status],
    )


def sent_reminders(db: Database, meeting_id: int) -> list[dict[str, Any]]:
    """The whole log for one meeting, every status, oldest first; filter on row['status']."""
    return select_rows(
        db, "SELECT * FROM reminder_log WHERE meeting_id = ? ORDER BY created_at, id", [meeting_id]
    )
