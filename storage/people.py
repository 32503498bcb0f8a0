"""People, their memberships of proeftuinen, invites and linked group chats.

A person is keyed by their Telegram user id. Invites and group links are `storage.access`.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from storage import validation
from storage.clock import from_iso, now_iso
from storage.db import select_row, select_rows
from storage.errors import Invalid, NotFound
from storage.proeftuinen import Proeftuin, get_proeftuin, proeftuin_from_row

LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class Person:
    telegram_id: int
    name: str
    username: str | None
    language: str
    reminders_on: bool
    active: bool
    created_at: datetime
    language_chosen: bool = False  # by /taal; until then it follows the Telegram app


@dataclass(frozen=True)
class Membership:
    proeftuin: Proeftuin
    role: str
    joined_at: datetime


def person_from_row(row: dict[str, Any]) -> Person:
    return Person(
        telegram_id=row["telegram_id"],
        name=row["name"],
        username=row["username"],
        language=row["language"],
        reminders_on=bool(row["reminders_on"]),
        active=bool(row["active"]),
        created_at=from_iso(row["created_at"]),
        language_chosen=bool(row.get("language_chosen")),
    )


def upsert_person(
    db: Database,
    telegram_id: int,
    *,
    name: str,
    username: str | None = None,
    language: str | None = None,
    now: datetime | None = None,
) -> Person:
    """Create or refresh a person from what Telegram tells us on each contact.

    Name and username are overwritten (people rename themselves). `language=None`
    keeps a stored choice (new people get 'nl'), so calling this on every
    message never undoes /language. Hearing from someone makes them active again.
    """
    name = validation.required_text(name, "person_name")
    if language is not None:
        _check_language(language)
    db.execute(
        """
        INSERT INTO people (telegram_id, name, username, language, created_at)
        VALUES (:id, :name, :username, coalesce(:language, 'nl'), :now)
        ON CONFLICT (telegram_id) DO UPDATE SET
            name = excluded.name,
            username = excluded.username,
            language = coalesce(:language, people.language),
            active = 1
        """,
        {
            "id": telegram_id,
            "name": name,
            "username": validation.clean_text(username),
            "language": language,
            "now": now_iso(now),
        },
    )
    return _require_person(db, telegram_id)


def get_person(db: Database, telegram_id: int) -> Person | None:
    """None for someone we have never seen (the usual 'is this a new user?' check)."""
    row = select_row(db, "SELECT * FROM people WHERE telegram_id = ?", [telegram_id])
    return person_from_row(row) if row else None


def set_language(db: Database, telegram_id: int, language: str, *, chosen: bool = True) -> Person:
    """`chosen`: picked with /taal, so it no longer follows the Telegram app's language."""
    _check_language(language)
    _set_flag(db, telegram_id, "language_chosen", int(chosen))
    return _set_flag(db, telegram_id, "language", language)


def set_reminders(db: Database, telegram_id: int, on: bool) -> Person:
    return _set_flag(db, telegram_id, "reminders_on", int(on))


def mark_inactive(db: Database, telegram_id: int) -> Person:
    """For when Telegram reports the bot is blocked: stop messaging, keep the data."""
    return _set_flag(db, telegram_id, "active", 0)


def add_member(
    db: Database, proeftuin_id: int, telegram_id: int, role: str, now: datetime | None = None
) -> Membership:
    """Join a proeftuin; joining again only changes the role (joined_at is kept)."""
    validation.role(role)
    proeftuin = get_proeftuin(db, proeftuin_id)
    _require_person(db, telegram_id)
    db.execute(
        """
        INSERT INTO memberships (proeftuin_id, telegram_id, role, joined_at)
        VALUES (?, ?, ?, ?)
        ON CONFLICT (proeftuin_id, telegram_id) DO UPDATE SET role = excluded.role
        """,
        [proeftuin_id, telegram_id, role, now_iso(now)],
    )
    return next(m for m in memberships(db, telegram_id) if m.proeftuin.id == proeftuin.id)


def memberships(db: Database, telegram_id: int) -> list[Membership]:
    rows = select_rows(
        db,
        """
        SELECT p.*, m.role AS member_role, m.joined_at AS member_joined_at
        FROM memberships m JOIN proeftuinen p ON p.id = m.proeftuin_id
        WHERE m.telegram_id = ?
        ORDER BY p.name COLLATE NOCASE
        """,
        [telegram_id],
    )
    return [
        Membership(
            proeftuin=proeftuin_from_row(row),
            role=row["member_role"],
            joined_at=from_iso(row["member_joined_at"]),
        )
        for row in rows
    ]


def is_member(db: Database, proeftuin_id: int, telegram_id: int) -> bool:
    row = db.execute(
        "SELECT 1 FROM memberships WHERE proeftuin_id = ? AND telegram_id = ?",
        [proeftuin_id, telegram_id],
    ).fetchone()
    return row is not None


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise Invalid("language_unknown", value=language, choices=", ".join(LANGUAGES))


def _require_person(db: Database, telegram_id: int) -> Person:
    person = get_person(db, telegram_id)
    if person is None:
        raise NotFound("person_unknown", id=telegram_id)
    return person


def _set_flag(db: Database, telegram_id: int, column: str, value: object) -> Person:
    # column comes from this module only, never from user input
    db.execute(f"UPDATE people SET {column} = ? WHERE telegram_id = ?", [value, telegram_id])
    return _require_person(db, telegram_id)
