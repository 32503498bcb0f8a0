"""Schema history. Append new numbered functions; never edit one that has shipped.

Each migration runs in its own transaction together with its record in
`_sqlite_migrations`, so a failed migration leaves the schema untouched.
"""

from sqlite_utils import Database, Migrations

migrations = Migrations("vonkje")


@migrations()
def m001_people_and_proeftuinen(db: Database) -> None:
    db["people"].create(
        {
            "telegram_id": int,
            "name": str,
            "username": str,
            "language": str,
            "reminders_on": int,
            "active": int,
            "created_at": str,
        },
        pk="telegram_id",
        not_null=["name", "language", "reminders_on", "active", "created_at"],
        defaults={"language": "nl", "reminders_on": 1, "active": 1},
    )
    db["proeftuinen"].create(
        {
            "id": int,
            "name": str,
            "opdrachtgever": str,
            "opdrachtnemer": str,
            "location": str,
            "jobs_target": int,
            "created_by": int,
            "created_at": str,
        },
        pk="id",
        not_null=["name", "jobs_target", "created_at"],
        defaults={"jobs_target": 0},
    )
    # sqlite-utils cannot express a collation in an index, and "Utrecht" and
    # "utrecht" must be the same proeftuin
    db.execute(
        "CREATE UNIQUE INDEX idx_proeftuinen_name_nocase ON proeftuinen (name COLLATE NOCASE)"
    )
    db["memberships"].create(
        {"proeftuin_id": int, "telegram_id": int, "role": str, "joined_at": str},
        pk=("proeftuin_id", "telegram_id"),
        foreign_keys=[
            ("proeftuin_id", "proeftuinen", "id"),
            ("telegram_id", "people", "telegram_id"),
        ],
        not_null=["role", "joined_at"],
    )
    db["memberships"].create_index(["telegram_id"])
    db["invites"].create(
        {
            "token": str,
            "proeftuin_id": int,
            "created_by": int,
            "created_at": str,
            "revoked_at": str,
        },
        pk="token",
        foreign_keys=[("proeftuin_id", "proeftuinen", "id")],
        not_null=["proeftuin_id", "created_at"],
    )
    db["invites"].create_index(["proeftuin_id"])
    db["group_links"].create(
        {"chat_id": int, "proeftuin_id": int, "linked_by": int, "linked_at": str},
        pk="chat_id",
        foreign_keys=[("proeftuin_id", "proeftuinen", "id")],
        not_null=["proeftuin_id", "linked_at"],
    )
    db["group_links"].create_index(["proeftuin_id"])


@migrations()
def m002_updates(db: Database) -> None:
    db["updates"].create(
        {
            "id": int,
            "proeftuin_id": int,
            "author_id": int,
            "author_name": str,
            "role": str,
            "created_at": str,
            "raw_text": str,
            "jobs_realised": int,
            "candidates": int,
            "internships": int,
            "step": str,
            "obstacles": str,
            "next_step": str,
            "telegram_update_id": int,
            "withdrawn_at": str,
            "corrected_at": str,
        },
        pk="id",
        foreign_keys=[("proeftuin_id", "proeftuinen", "id")],
        not_null=[
            "proeftuin_id",
            "created_at",
            "raw_text",
            "jobs_realised",
            "candidates",
            "internships",
        ],
        defaults={"jobs_realised": 0, "candidates": 0, "internships": 0},
    )
    db["updates"].create_index(["proeftuin_id", "created_at"])
    db["updates"].create_index(["author_id", "created_at"])
    # Telegram redelivers an update after a crash or timeout; this makes storing it idempotent
    db.execute(
        "CREATE UNIQUE INDEX idx_updates_telegram_update_id ON updates (telegram_update_id)"
        " WHERE telegram_update_id IS NOT NULL"
    )


@migrations()
def m003_questions(db: Database) -> None:
    db["questions"].create(
        {
            "id": int,
            "asker_id": int,
            "proeftuin_id": int,
            "chat_id": int,
            "question": str,
            "answered": int,
            "answer": str,
            "sources": str,
            "created_at": str,
            "feedback": int,
            "feedback_at": str,
            "curated_answer": str,
            "curated_by": int,
            "curated_at": str,
        },
        pk="id",
        foreign_keys=[("proeftuin_id", "proeftuinen", "id")],
        not_null=["question", "answered", "sources", "created_at"],
        defaults={"answered": 0, "sources": "[]"},
    )
    db["questions"].create_index(["asker_id"])
    db["questions"].create_index(["created_at"])


@migrations()
def m004_meetings_and_reminders(db: Database) -> None:
    db["meetings"].create(
        {
            "id": int,
            "title": str,
            "starts_at": str,
            "place": str,
            "agenda": str,
            "proeftuin_ids": str,
            "created_by": int,
            "created_at": str,
            "cancelled_at": str,
            "moved_at": str,
            "version": int,
        },
        pk="id",
        not_null=["title", "starts_at", "created_at", "version"],
        defaults={"version": 1},
    )
    db["meetings"].create_index(["starts_at"])
    db["reminder_log"].create(
        {
            "id": int,
            "meeting_id": int,
            "telegram_id": int,
            "kind": str,
            "meeting_version": int,
            "status": str,
            "created_at": str,
            "sent_at": str,
        },
        pk="id",
        foreign_keys=[
            ("meeting_id", "meetings", "id"),
            ("telegram_id", "people", "telegram_id"),
        ],
        not_null=["meeting_id", "telegram_id", "kind", "meeting_version", "status", "created_at"],
    )
    # The key of "this message, to this person, about this version of the meeting"
    db["reminder_log"].create_index(
        ["meeting_id", "telegram_id", "kind", "meeting_version"], unique=True
    )
    db["reminder_log"].create_index(["status"])
    db["reminder_log"].create_index(["telegram_id"])


@migrations()
def m005_update_source_message(db: Database) -> None:
    """Which Telegram message an update came from ("chat:message"), so that an edit of that
    message corrects the update instead of adding a second one."""
    db["updates"].add_column("telegram_message", str)
    db["updates"].create_index(["telegram_message"])


@migrations()
def m006_invite_limits(db: Database) -> None:
    """An invite may expire and may be used a limited number of times."""
    db["invites"].add_column("expires_at", str)
    db["invites"].add_column("max_uses", int)
    db["invites"].add_column("uses", int, not_null_default=0)


@migrations()
def m007_conversation_flows(db: Database) -> None:
    """Multi-step conversations (a draft awaiting Opslaan, /plan step by step, a pending
    question-or-update choice, an awaited reply), so a restart or a second worker continues
    them. Keyed by a random token, which is also what the flow's buttons carry."""
    db["conversation_flows"].create(
        {
            "token": str,
            "telegram_id": int,
            "kind": str,
            "chat_id": int,
            "data": str,  # JSON
            "created_at": str,
        },
        pk="token",
        not_null=["telegram_id", "kind", "data", "created_at"],
    )
    db["conversation_flows"].create_index(["telegram_id", "kind"])


@migrations()
def m008_language_choice(db: Database) -> None:
    """Whether the stored language was chosen with /taal; until then it follows the language
    of the person's Telegram app."""
    db["people"].add_column("language_chosen", int, not_null_default=0)


@migrations()
def m009_feedback_note(db: Database) -> None:
    """What the asker said was missing or wrong after a 👎 (optional)."""
    db["questions"].add_column("feedback_note", str)


@migrations()
def m010_progress_model(db: Database) -> None:
    """Progress v2: jobs that ended, weekly hours, a lesson and an activity per update, and
    knelpunten with a life of their own (open, then solved).

    Candidates in beeld become a stock: NULL when an update states no number. The parser of
    before wrote 0 for "not mentioned" and the totals summed them, so 0 becomes NULL and no
    total changes. Every knelpunt of an update not withdrawn becomes an open knelpunt.
    """
    updates = db["updates"]
    updates.add_column("jobs_ended", int, not_null_default=0)
    updates.add_column("hours", float)
    updates.add_column("lesson", str)
    updates.add_column("activity", str)
    updates.transform(not_null={"candidates": False})
    db.execute("UPDATE updates SET candidates = NULL WHERE candidates = 0")
    db["knelpunten"].create(
        {
            "id": int,
            "proeftuin_id": int,
            "text": str,
            "update_id": int,
            "opened_at": str,
            "opened_by": int,
            "solved_at": str,
            "solved_by": int,
        },
        pk="id",
        foreign_keys=[("proeftuin_id", "proeftuinen", "id")],
        not_null=["proeftuin_id", "text", "opened_at"],
    )
    db["knelpunten"].create_index(["proeftuin_id", "solved_at"])
    db.execute(
        """
        INSERT INTO knelpunten (proeftuin_id, text, update_id, opened_at, opened_by)
        SELECT proeftuin_id, obstacles, id, created_at, author_id FROM updates
        WHERE obstacles IS NOT NULL AND withdrawn_at IS NULL ORDER BY created_at, id
        """
    )


@migrations()
def m011_checkins(db: Database) -> None:
    """Check-ins between bijeenkomsten: a cadence per proeftuin (none: off) and a log of the
    questions sent, unique per proeftuin, person and due moment, so a restart sends none twice."""
    db["checkins"].create(
        {
            "proeftuin_id": int,
            "every_days": int,
            "weekday": int,
            "at": str,
            "set_by": int,
            "set_at": str,
        },
        pk="proeftuin_id",
        foreign_keys=[("proeftuin_id", "proeftuinen", "id")],
        not_null=["every_days", "weekday", "at", "set_at"],
    )
    db["checkin_log"].create(
        {"proeftuin_id": int, "telegram_id": int, "due": str, "status": str, "created_at": str},
        pk=("proeftuin_id", "telegram_id", "due"),
        not_null=["status", "created_at"],
    )


@migrations()
def m012_knowledge_changes(db: Database) -> None:
    """Every change to the knowledge base, by whom and when (documents sent to the bot,
    `vonkje ingest`, curated answers); and what a curated answer needs to be edited or removed:
    the question as it went into the knowledge base, and when the answer was taken out."""
    db["knowledge_changes"].create(
        {
            "id": int,
            "at": str,
            "action": str,
            "source": str,
            "title": str,
            "passages": int,
            "person_id": int,
            "person_name": str,
            "via": str,
        },
        pk="id",
        not_null=["at", "action", "source", "via"],
    )
    db["knowledge_changes"].create_index(["source", "at"])
    db["questions"].add_column("curated_question", str)
    db["questions"].add_column("curated_removed_at", str)
