"""Writing progress updates: save, correct, withdraw. Reading them (progress, overview,
export) is storage.progress."""

import sqlite3
from datetime import datetime, timedelta

from sqlite_utils import Database

from storage import validation
from storage.clock import now_iso, to_iso, utc_now
from storage.db import insert_row, select_row, select_rows, transaction
from storage.errors import Invalid, NotAllowed, TooOld
from storage.knelpunten import drop_for_update, open_knelpunt
from storage.proeftuinen import get_proeftuin
from storage.progress import ProgressUpdate, get_update, update_from_row

COUNT_FIELDS = ("jobs_realised", "jobs_ended", "internships")
TEXT_FIELDS = ("step", "obstacles", "next_step", "lesson", "activity")
CORRECTABLE_FIELDS = ("raw_text", *COUNT_FIELDS, "candidates", "hours", *TEXT_FIELDS)
MAX_HOURS = 40 * 10_000  # weekly hours of at most MAX_COUNT people


def save_update(
    db: Database,
    *,
    proeftuin_id: int,
    author_id: int | None,
    author_name: str | None,
    role: str | None,
    raw_text: str,
    jobs_realised: int = 0,
    candidates: int | None = None,
    internships: int = 0,
    step: str | None = None,
    obstacles: str | None = None,
    next_step: str | None = None,
    jobs_ended: int = 0,
    hours: float | None = None,
    lesson: str | None = None,
    activity: str | None = None,
    telegram_update_id: int | None = None,
    telegram_message: str | None = None,
    now: datetime | None = None,
) -> tuple[ProgressUpdate, bool]:
    """Store a progress update, and open its knelpunt. Returns (update, created).

    A telegram_update_id seen before returns the stored update with
    created=False: Telegram redelivers updates after a timeout or restart,
    and counting the same jobs twice would inflate the totals.
    """
    if role is not None:
        validation.role(role)
    numbers = {"jobs_realised": jobs_realised, "jobs_ended": jobs_ended, "internships": internships}
    for field, value in numbers.items():
        validation.count(value, field)
    if candidates is not None:
        validation.count(candidates, "candidates")
    hours = _hours(hours)
    if telegram_update_id is not None and (seen := _by_telegram_id(db, telegram_update_id)):
        return seen, False
    get_proeftuin(db, proeftuin_id)
    row = {
        "proeftuin_id": proeftuin_id,
        "author_id": author_id,
        "author_name": validation.clean_text(author_name),
        "role": role,
        "created_at": now_iso(now),
        "raw_text": validation.required_text(raw_text, "raw_text"),
        **numbers,
        "candidates": candidates,
        "hours": hours,
        "step": validation.clean_text(step),
        "obstacles": validation.clean_text(obstacles),
        "next_step": validation.clean_text(next_step),
        "lesson": validation.clean_text(lesson),
        "activity": validation.clean_text(activity),
        "telegram_update_id": telegram_update_id,
        "telegram_message": telegram_message,
    }
    try:
        with transaction(db):
            new_id = insert_row(db, "updates", row)
            if row["obstacles"]:
                open_knelpunt(
                    db,
                    proeftuin_id,
                    row["obstacles"],
                    update_id=new_id,
                    opened_by=author_id,
                    now=now,
                )
    except sqlite3.IntegrityError:
        # Two deliveries of one Telegram update raced past the check above
        if telegram_update_id is not None and (seen := _by_telegram_id(db, telegram_update_id)):
            return seen, False
        raise
    return get_update(db, new_id), True


def _hours(hours: float | None) -> float | None:
    if hours is None:
        return None
    if isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 <= hours <= MAX_HOURS:
        raise Invalid("hours_out_of_range", value=hours, most=MAX_HOURS)
    return float(hours)


CORRECTION_WINDOW = timedelta(days=7)  # how long an author may correct or withdraw an update


def _check_window(update: ProgressUpdate, now: datetime | None) -> None:
    """Enforced where the change is made, not only in the /herstel list: a forged or old
    button must not rewrite history that others have reported on."""
    if utc_now(now) - update.created_at > CORRECTION_WINDOW:
        raise TooOld("update_too_old", id=update.id, days=CORRECTION_WINDOW.days)


def recent_updates_by(
    db: Database,
    author_id: int,
    *,
    within: timedelta = CORRECTION_WINDOW,
    now: datetime | None = None,
) -> list[ProgressUpdate]:
    """The author's own non-withdrawn updates in the window, newest first (for 'fix my last')."""
    cutoff = to_iso(utc_now(now) - within)
    rows = select_rows(
        db,
        """
        SELECT * FROM updates
        WHERE author_id = ? AND withdrawn_at IS NULL AND created_at >= ?
        ORDER BY created_at DESC, id DESC
        """,
        [author_id, cutoff],
    )
    return [update_from_row(row) for row in rows]


def correct_update(
    db: Database, update_id: int, author_id: int, now: datetime | None = None, **fields: object
) -> ProgressUpdate:
    """Change fields of one's own update; only CORRECTABLE_FIELDS may be given."""
    unknown = set(fields) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise Invalid("fields_not_correctable", fields=", ".join(sorted(unknown)))
    if not fields:
        raise Invalid("no_fields")
    update = get_update(db, update_id)
    if update.author_id != author_id:
        raise NotAllowed("update_not_author")
    if update.withdrawn:
        raise NotAllowed("update_withdrawn")
    _check_window(update, now)
    changes: dict[str, object] = {}
    for field, value in fields.items():
        if field in COUNT_FIELDS or (field == "candidates" and value is not None):
            changes[field] = validation.count(value, field)
        elif field in ("candidates", "hours"):
            changes[field] = _hours(value) if field == "hours" else None
        elif field == "raw_text":
            changes[field] = validation.required_text(value, "raw_text")
        else:
            changes[field] = validation.clean_text(value)
    changes["corrected_at"] = now_iso(now)
    with transaction(db):
        db["updates"].update(update_id, changes)
        if "obstacles" in changes:  # the corrected knelpunt replaces the open one
            drop_for_update(db, update_id)
            if changes["obstacles"]:
                open_knelpunt(
                    db,
                    update.proeftuin_id,
                    changes["obstacles"],
                    update_id=update_id,
                    opened_by=author_id,
                    now=now,
                )
    return get_update(db, update_id)


def withdraw_update(
    db: Database, update_id: int, author_id: int, now: datetime | None = None
) -> ProgressUpdate:
    """Take back one's own update; its numbers drop out of the totals.

    Withdrawing twice is harmless (a double-tapped button), so it returns the update.
    """
    update = get_update(db, update_id)
    if update.author_id != author_id:
        raise NotAllowed("update_not_author")
    if update.withdrawn:
        return update
    _check_window(update, now)
    with transaction(db):
        db["updates"].update(update_id, {"withdrawn_at": now_iso(now)})
        drop_for_update(db, update_id)
    return get_update(db, update_id)


def last_telegram_update_id(db: Database) -> int:
    """The highest Telegram update id an update was saved from (0 when none)."""
    return db.execute("SELECT MAX(telegram_update_id) FROM updates").fetchone()[0] or 0


def update_for_message(db: Database, telegram_message: str) -> ProgressUpdate | None:
    """The update saved from a Telegram message ("chat:message"), if any and not withdrawn."""
    row = select_row(
        db,
        "SELECT * FROM updates WHERE telegram_message = ? AND withdrawn_at IS NULL "
        "ORDER BY id DESC LIMIT 1",
        [telegram_message],
    )
    return update_from_row(row) if row else None


def _by_telegram_id(db: Database, telegram_update_id: int) -> ProgressUpdate | None:
    row = select_row(db, "SELECT * FROM updates WHERE telegram_update_id = ?", [telegram_update_id])
    return update_from_row(row) if row else None
