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
        "question": validation.required_text(question, "De vraag"),
        "answered": int(bool(answered)),
        "answer": answer,
        "sources": json.dumps(sources, ensure_ascii=False),
        "created_at": now_iso(now),
    }
    return db["questions"].insert(row).last_pk


def get_question(db: Database, question_id: int) -> dict[str, Any]:
    rows = list(db.query("SELECT * FROM questions WHERE id = ?", [question_id]))
    if not rows:
        raise NotFound(f"Vraag {question_id} bestaat niet.")
    return _decoded(rows[0])


def set_feedback(
    db: Database, question_id: int, asker_id: int, value: int, now: datetime | None = None
) -> dict[str, Any]:
    """Thumbs up (1) or down (-1) from the asker; a later tap replaces an earlier one."""
    if value not in (1, -1) or isinstance(value, bool):
        raise Invalid(f"Feedback moet 1 of -1 zijn, niet {value!r}.")
    question = get_question(db, question_id)
    # In a group anyone can tap the buttons; only the asker's opinion counts
    if question["asker_id"] is None or question["asker_id"] != asker_id:
        raise NotAllowed("Alleen wie de vraag stelde kan feedback geven.")
    db["questions"].update(question_id, {"feedback": value, "feedback_at": now_iso(now)})
    return get_question(db, question_id)


def open_questions(db: Database) -> list[dict[str, Any]]:
    """Questions still needing a human: unanswered or down-voted, not yet curated. Newest first."""
    rows = db.query(
        """
        SELECT * FROM questions
        WHERE (answered = 0 OR feedback = -1) AND curated_answer IS NULL
        ORDER BY created_at DESC, id DESC
        """
    )
    return [_decoded(row) for row in rows]


def curate(
    db: Database,
    question_id: int,
    curated_by: int | None,
    answer: str,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Store a coordinator's answer. The returned row has asker_id and chat_id to notify."""
    answer = validation.required_text(answer, "Het antwoord")
    get_question(db, question_id)
    db["questions"].update(
        question_id,
        {"curated_answer": answer, "curated_by": curated_by, "curated_at": now_iso(now)},
    )
    return get_question(db, question_id)


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    row["sources"] = json.loads(row["sources"]) if row["sources"] else []
    row["answered"] = bool(row["answered"])
    return row


def curated_question_ids(db: Database, asker_id: int) -> list[int]:
    """The asker's questions that became curated answers (passages in the knowledge base)."""
    rows = db.query(
        "SELECT id FROM questions WHERE asker_id = ? AND curated_answer IS NOT NULL", [asker_id]
    )
    return [row["id"] for row in rows]
