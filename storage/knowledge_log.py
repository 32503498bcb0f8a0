"""The log of every change to the knowledge base: who added, replaced or removed a document or
a curated answer, when, and through which front end (`telegram` or `cli`).

The knowledge base itself (Chroma) says what is indexed; this log says where it came from, so
`/bronnen` and `vonkje sources` can show "toegevoegd door Carla op 1 december".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from storage.clock import from_iso, now_iso
from storage.db import select_rows
from storage.errors import Invalid

ACTIONS = (
    "added",
    "replaced",
    "removed",
    "answer_added",
    "answer_edited",
    "answer_removed",
)
VIAS = ("telegram", "cli")
_BROUGHT_IN = ("added", "replaced", "answer_added", "answer_edited")


@dataclass(frozen=True)
class KnowledgeChange:
    id: int
    at: datetime
    action: str
    source: str
    title: str
    passages: int | None
    person_id: int | None
    person_name: str | None
    via: str


def _change(row: dict) -> KnowledgeChange:
    return KnowledgeChange(**{**row, "at": from_iso(row["at"])})


def log_change(
    db: Database,
    *,
    action: str,
    source: str,
    via: str,
    title: str = "",
    passages: int | None = None,
    person_id: int | None = None,
    person_name: str | None = None,
    now: datetime | None = None,
) -> KnowledgeChange:
    if action not in ACTIONS:
        raise Invalid("knowledge_action", value=action)
    if via not in VIAS:
        raise Invalid("knowledge_via", value=via)
    row = {
        "at": now_iso(now),
        "action": action,
        "source": source,
        "title": title,
        "passages": passages,
        "person_id": person_id,
        "person_name": person_name,
        "via": via,
    }
    row_id = db["knowledge_changes"].insert(row).last_pk
    return _change({"id": row_id, **row})


def changes(db: Database, source: str | None = None, limit: int = 100) -> list[KnowledgeChange]:
    """Newest first; of one source, or of all."""
    where, params = ("WHERE source = ?", [source]) if source else ("", [])
    rows = select_rows(
        db,
        f"SELECT * FROM knowledge_changes {where} ORDER BY at DESC, id DESC LIMIT ?",
        [*params, limit],
    )
    return [_change(row) for row in rows]


def origins(db: Database) -> dict[str, KnowledgeChange]:
    """Per source, the latest change that brought its current content in (an add, a
    replacement, a curated answer or its edit), unless the source was removed after it."""
    rows = select_rows(
        db,
        """
        SELECT c.* FROM knowledge_changes c
        WHERE c.id = (SELECT c2.id FROM knowledge_changes c2 WHERE c2.source = c.source
                      ORDER BY c2.at DESC, c2.id DESC LIMIT 1)
        """,
    )
    return {row["source"]: _change(row) for row in rows if row["action"] in _BROUGHT_IN}
