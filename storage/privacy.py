"""Inzage and vergetelheid (AVG/GDPR art. 15 and 17) for one person.

Updates are about a proeftuin's results, not about the reporter, so forgetting
someone anonymises their updates instead of deleting them: the totals that
coordinators reported upward must not change when someone leaves.
"""

import json
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from storage.clock import now_iso
from storage.db import select_rows, transaction

PASSAGE_KEYS = ("text", "score")  # older question logs stored the whole passage


def export_person(db: Database, telegram_id: int, now: datetime | None = None) -> dict[str, Any]:
    """Everything stored about one person, as JSON-serialisable data."""

    def rows(sql: str) -> list[dict[str, Any]]:
        return select_rows(db, sql, {"id": telegram_id})

    people = rows("SELECT * FROM people WHERE telegram_id = :id")
    questions = rows("SELECT * FROM questions WHERE asker_id = :id ORDER BY created_at")
    for question in questions:  # which sources were cited, not the passages themselves
        question["sources"] = [
            {key: value for key, value in source.items() if key not in PASSAGE_KEYS}
            for source in json.loads(question["sources"] or "[]")
        ]
    return {
        "telegram_id": telegram_id,
        "exported_at": now_iso(now),
        "person": people[0] if people else None,
        "memberships": rows(
            """
            SELECT m.proeftuin_id, p.name AS proeftuin, m.role, m.joined_at
            FROM memberships m JOIN proeftuinen p ON p.id = m.proeftuin_id
            WHERE m.telegram_id = :id ORDER BY m.joined_at
            """
        ),
        "updates": rows("SELECT * FROM updates WHERE author_id = :id ORDER BY created_at"),
        "questions": questions,
        "questions_curated": rows(
            "SELECT id, curated_answer, curated_at FROM questions WHERE curated_by = :id"
        ),
        "invites_created": rows("SELECT * FROM invites WHERE created_by = :id"),
        "groups_linked": rows("SELECT * FROM group_links WHERE linked_by = :id"),
        "proeftuinen_created": rows(
            "SELECT id, name, created_at FROM proeftuinen WHERE created_by = :id"
        ),
        "meetings_created": rows(
            "SELECT id, title, starts_at, created_at FROM meetings WHERE created_by = :id"
        ),
        "reminders": rows("SELECT * FROM reminder_log WHERE telegram_id = :id ORDER BY created_at"),
        "knowledge_changes": rows(
            "SELECT at, action, source, title, via FROM knowledge_changes WHERE person_id = :id"
            " ORDER BY at"
        ),
    }


# (label, SQL); rows that reference people go before the person, for the foreign keys
_FORGET_STEPS = (
    ("reminders_deleted", "DELETE FROM reminder_log WHERE telegram_id = :id"),
    ("conversations_deleted", "DELETE FROM conversation_flows WHERE telegram_id = :id"),
    ("memberships_deleted", "DELETE FROM memberships WHERE telegram_id = :id"),
    ("questions_deleted", "DELETE FROM questions WHERE asker_id = :id"),
    ("questions_uncurated", "UPDATE questions SET curated_by = NULL WHERE curated_by = :id"),
    (  # the figures stay for the proeftuin's totals; what the person wrote goes
        "updates_anonymised",
        "UPDATE updates SET author_id = NULL, author_name = NULL, raw_text = '', step = NULL,"
        " obstacles = NULL, next_step = NULL, telegram_message = NULL WHERE author_id = :id",
    ),
    ("invites_anonymised", "UPDATE invites SET created_by = NULL WHERE created_by = :id"),
    ("groups_anonymised", "UPDATE group_links SET linked_by = NULL WHERE linked_by = :id"),
    ("proeftuinen_anonymised", "UPDATE proeftuinen SET created_by = NULL WHERE created_by = :id"),
    (  # what changed in the knowledge base stays traceable; who did it goes
        "knowledge_changes_anonymised",
        "UPDATE knowledge_changes SET person_id = NULL, person_name = NULL WHERE person_id = :id",
    ),
    ("meetings_anonymised", "UPDATE meetings SET created_by = NULL WHERE created_by = :id"),
    ("person_deleted", "DELETE FROM people WHERE telegram_id = :id"),
)


def forget_person(db: Database, telegram_id: int) -> dict[str, int]:
    """Delete or anonymise everything about one person, all or nothing.

    Works for someone without a people row too (e.g. only asked questions).
    Their updates keep only the figures: the free text they wrote (the message, step,
    knelpunt, next step) is erased, since it cannot be scrubbed of names reliably.
    Returns row counts.
    """
    counts: dict[str, int] = {}
    with transaction(db):
        for label, sql in _FORGET_STEPS:
            counts[label] = db.execute(sql, {"id": telegram_id}).rowcount
    return counts
