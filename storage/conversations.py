"""Conversations that take more than one message, kept in SQLite.

A flow is a row: whose it is, its kind ('draft', 'pending', 'awaiting', 'meeting', ...), the
chat it started in and its data as JSON. Its token is random (never a counter, so an old button
can never hit a newer flow) and is what the flow's buttons carry. Taking a flow deletes it in
the same statement, so two workers, or a double tap, can never both act on one button.

Kept here rather than in PTB's persistence: PTB's persistence is loaded once per process and
written back on an interval, so a second worker would not see a flow the first one started,
and a crash loses what changed since the last flush. One row per flow, written when it
changes, is shared at once and survives a crash.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from storage.clock import from_iso, to_iso
from storage.db import insert_row, select_row

TABLE = "conversation_flows"
TOKEN_PATTERN = "[A-Za-z0-9_-]{16}"  # for button patterns: secrets.token_urlsafe(12)
FLOW_LIFETIME = timedelta(days=7)  # an abandoned draft goes; its button then says "verlopen"
# Remembered between messages but not a step: /cancel leaves it, /vergeetmij erases it.
MEMORY_KINDS = ("follow_up",)


@dataclass(frozen=True)
class Flow:
    token: str
    telegram_id: int
    kind: str
    chat_id: int | None
    data: dict
    created_at: datetime


def _flow(row: dict) -> Flow:
    return Flow(
        token=row["token"],
        telegram_id=row["telegram_id"],
        kind=row["kind"],
        chat_id=row["chat_id"],
        data=json.loads(row["data"]),
        created_at=from_iso(row["created_at"]),
    )


def start_flow(
    db: Database,
    telegram_id: int,
    kind: str,
    data: dict,
    *,
    now: datetime,
    chat_id: int | None = None,
    keep: int | None = None,
) -> Flow:
    """A new flow with a fresh token. `keep`: at most this many flows of this kind per person,
    the oldest dropped (1 for a step that replaces the previous one)."""
    token = secrets.token_urlsafe(12)
    with db.conn:
        db.execute(f"DELETE FROM {TABLE} WHERE created_at < ?", [to_iso(now - FLOW_LIFETIME)])
        if keep is not None:
            db.execute(
                f"DELETE FROM {TABLE} WHERE token IN (SELECT token FROM {TABLE}"
                " WHERE telegram_id = ? AND kind = ? ORDER BY created_at DESC, rowid DESC"
                " LIMIT -1 OFFSET ?)",
                [telegram_id, kind, keep - 1],
            )
        row = {
            "token": token,
            "telegram_id": telegram_id,
            "kind": kind,
            "chat_id": chat_id,
            "data": json.dumps(data, ensure_ascii=False),
            "created_at": to_iso(now),
        }
        insert_row(db, TABLE, row)
    return _flow(row)


def get_flow(db: Database, token: str, telegram_id: int, kind: str | None = None) -> Flow | None:
    """The person's flow with this token (another person's token finds nothing)."""
    row = select_row(
        db,
        f"SELECT * FROM {TABLE} WHERE token = ? AND telegram_id = ?"
        + (" AND kind = ?" if kind else ""),
        [token, telegram_id] + ([kind] if kind else []),
    )
    return _flow(row) if row else None


def take_flow(db: Database, token: str, telegram_id: int, kind: str | None = None) -> Flow | None:
    """Get and end the flow in one statement: of two takers, exactly one gets it."""
    with db.conn:
        rows = db.execute(
            f"DELETE FROM {TABLE} WHERE token = ? AND telegram_id = ?"
            + (" AND kind = ?" if kind else "")
            + " RETURNING *",
            [token, telegram_id] + ([kind] if kind else []),
        )
        columns = [c[0] for c in rows.description]
        found = rows.fetchall()
    return _flow(dict(zip(columns, found[0], strict=True))) if found else None


def update_flow(db: Database, flow: Flow, data: dict) -> Flow:
    """New data for a flow that goes on (the proeftuin chosen for a draft)."""
    with db.conn:
        db.execute(
            f"UPDATE {TABLE} SET data = ? WHERE token = ?",
            [json.dumps(data, ensure_ascii=False), flow.token],
        )
    return Flow(flow.token, flow.telegram_id, flow.kind, flow.chat_id, data, flow.created_at)


def latest_flow(db: Database, telegram_id: int, kind: str) -> Flow | None:
    row = select_row(
        db,
        f"SELECT * FROM {TABLE} WHERE telegram_id = ? AND kind = ?"
        " ORDER BY created_at DESC, rowid DESC LIMIT 1",
        [telegram_id, kind],
    )
    return _flow(row) if row else None


def end_flows(db: Database, telegram_id: int, *, memory: bool = False) -> int:
    """End every flow of a person (/cancel); with `memory`, also what is remembered."""
    kept = () if memory else MEMORY_KINDS
    with db.conn:
        cursor = db.execute(
            f"DELETE FROM {TABLE} WHERE telegram_id = ?"
            + (f" AND kind NOT IN ({', '.join('?' * len(kept))})" if kept else ""),
            [telegram_id, *kept],
        )
    return cursor.rowcount
