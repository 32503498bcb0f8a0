"""Questions asked to Vonkje, the feedback on its answers, and curated answers.

Unanswered and down-voted questions form the coordinators' work list; a
curated answer takes a question off that list and is sent to the asker.
"""

import json
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from storage import validation
from storage.clock import now_iso
from storage.db import select_row, select_rows
from storage.errors import Invalid, NotAllowed, NotFound


def log_question(
    db: Database,
    *,
    asker_id: int | None,
    chat_id: int | None,
    proeftuin_id: int | None,
    question: str,
    answered: bool,
    answer: str | None,
    sources: list[dict[str, Any]],
    now: datetime | None = None,
) -> int:
    """Record a question and Vonkje's answer; returns the question id (for feedback buttons)."""
    row = {
        "asker_id": asker_id,
        "proeftuin_id": proeftuin_id,
        "chat_id": chat_id,
        "question": validation.required_text(question, "question"),
        "answered": int(bool(answered)),
        "answer": answer,
        "sources": json.dumps(sources, ensure_ascii=False),
        "created_at": now_iso(now),
    }
    return db["questions"].insert(row).last_pk


def get_question(db: Database, question_id: int) -> dict[str, Any]:
    row = select_row(db, "SELECT * FROM questions WHERE id = ?", [question_id])
    if row is None:
        raise NotFound("question_not_found", id=question_id)
    return _decoded(row)


def set_feedback(
    db: Database, question_id: int, asker_id: int, value: int, now: datetime | None = None
) -> dict[str, Any]:
    """Thumbs up (1) or down (-1) from the asker; a later tap replaces an earlier one."""
    if value not in (1, -1) or isinstance(value, bool):
        raise Invalid("feedback_value", value=value)
    question = get_question(db, question_id)
    # In a group anyone can tap the buttons; only the asker's opinion counts
    if question["asker_id"] is None or question["asker_id"] != asker_id:
        raise NotAllowed("feedback_not_asker")
    db["questions"].update(question_id, {"feedback": value, "feedback_at": now_iso(now)})
    return get_question(db, question_id)


def set_feedback_note(
    db: Database, question_id: int, asker_id: int, note: str, now: datetime | None = None
) -> dict[str, Any]:
    """What was missing or wrong, in the asker's words, after a 👎."""
    note = validation.required_text(note, "feedback_note")
    question = get_question(db, question_id)
    if question["asker_id"] is None or question["asker_id"] != asker_id:
        raise NotAllowed("feedback_not_asker")
    db["questions"].update(question_id, {"feedback_note": note, "feedback_at": now_iso(now)})
    return get_question(db, question_id)


def open_questions(db: Database) -> list[dict[str, Any]]:
    """Questions still needing a human: unanswered or down-voted, not yet curated. Newest first,
    with who asked (`asker_name`) and from which proeftuin (`proeftuin_name`)."""
    rows = select_rows(
        db,
        """
        SELECT q.*, p.name AS asker_name, t.name AS proeftuin_name,
            (SELECT group_concat(o.name, ', ') FROM memberships m
             JOIN proeftuinen o ON o.id = m.proeftuin_id
             WHERE m.telegram_id = q.asker_id) AS asker_proeftuinen
        FROM questions q
        LEFT JOIN people p ON p.telegram_id = q.asker_id
        LEFT JOIN proeftuinen t ON t.id = q.proeftuin_id
        WHERE (q.answered = 0 OR q.feedback = -1) AND q.curated_answer IS NULL
            AND q.curated_removed_at IS NULL
        ORDER BY q.created_at DESC, q.id DESC
        """,
    )
    return [_decoded(row) for row in rows]


def curate(
    db: Database,
    question_id: int,
    curated_by: int | None,
    answer: str,
    now: datetime | None = None,
    *,
    public_question: str | None = None,
) -> dict[str, Any]:
    """Store a coordinator's answer, and the question as it goes into the knowledge base
    (`public_question`, the asker's words without names). The returned row has asker_id and
    chat_id to notify."""
    answer = validation.required_text(answer, "answer")
    question = get_question(db, question_id)
    db["questions"].update(
        question_id,
        {
            "curated_answer": answer,
            "curated_by": curated_by,
            "curated_at": now_iso(now),
            "curated_question": (public_question or "").strip() or question["question"],
            "curated_removed_at": None,
        },
    )
    return get_question(db, question_id)


def curated_answers(db: Database) -> list[dict[str, Any]]:
    """The coordinators' answers in the knowledge base, newest first, with who gave them
    (`curator_name`)."""
    rows = select_rows(
        db,
        """
        SELECT q.*, p.name AS curator_name FROM questions q
        LEFT JOIN people p ON p.telegram_id = q.curated_by
        WHERE q.curated_answer IS NOT NULL
        ORDER BY q.curated_at DESC, q.id DESC
        """,
    )
    return [_decoded(row) for row in rows]


def curated_answer(db: Database, question_id: int) -> dict[str, Any]:
    row = get_question(db, question_id)
    if row["curated_answer"] is None:
        raise NotFound("curated_answer_not_found", id=question_id)
    return row


def edit_curated(
    db: Database, question_id: int, edited_by: int | None, answer: str, now: datetime | None = None
) -> dict[str, Any]:
    """A new text for a curated answer; the question stays as it went in."""
    answer = validation.required_text(answer, "answer")
    curated_answer(db, question_id)
    db["questions"].update(
        question_id,
        {"curated_answer": answer, "curated_by": edited_by, "curated_at": now_iso(now)},
    )
    return get_question(db, question_id)


def remove_curated(db: Database, question_id: int, now: datetime | None = None) -> dict[str, Any]:
    """Take a curated answer out. The question does not go back on /onbeantwoord: a
    coordinator decided on it (the asker had the answer already)."""
    row = curated_answer(db, question_id)
    db["questions"].update(
        question_id, {"curated_answer": None, "curated_removed_at": now_iso(now)}
    )
    return {**row, "curated_answer": None}


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    row["sources"] = json.loads(row["sources"]) if row["sources"] else []
    row["answered"] = bool(row["answered"])
    return row


def curated_question_ids(db: Database, asker_id: int) -> list[int]:
    """The asker's questions that became curated answers (passages in the knowledge base)."""
    rows = select_rows(
        db, "SELECT id FROM questions WHERE asker_id = ? AND curated_answer IS NOT NULL", [asker_id]
    )
    return [row["id"] for row in rows]
