"""Knelpunten: opened by an update, solved by a later one or with the Opgelost button.

A knelpunt belongs to the update that reported it: withdrawing that update removes it, and
correcting it replaces it, as long as it is still open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from storage.clock import from_iso, now_iso
from storage.db import insert_row, select_row, select_rows
from storage.errors import NotFound


@dataclass(frozen=True)
class Knelpunt:
    id: int
    proeftuin_id: int
    text: str
    update_id: int | None
    opened_at: datetime
    solved_at: datetime | None

    @property
    def open(self) -> bool:
        return self.solved_at is None


def _knelpunt(row: dict) -> Knelpunt:
    return Knelpunt(
        id=row["id"],
        proeftuin_id=row["proeftuin_id"],
        text=row["text"],
        update_id=row["update_id"],
        opened_at=from_iso(row["opened_at"]),
        solved_at=from_iso(row["solved_at"]),
    )


def open_knelpunt(
    db: Database, proeftuin_id: int, text: str, *, update_id: int | None, opened_by, now=None
) -> Knelpunt:
    """A new open knelpunt; the same text reported again while open is kept once."""
    same = [k for k in knelpunten(db, proeftuin_id) if k.text.casefold() == text.casefold()]
    if same:
        return same[0]
    new_id = insert_row(
        db,
        "knelpunten",
        {
            "proeftuin_id": proeftuin_id,
            "text": text,
            "update_id": update_id,
            "opened_at": now_iso(now),
            "opened_by": opened_by,
        },
    )
    return get_knelpunt(db, new_id)


def get_knelpunt(db: Database, knelpunt_id: int) -> Knelpunt:
    row = select_row(db, "SELECT * FROM knelpunten WHERE id = ?", [knelpunt_id])
    if row is None:
        raise NotFound("knelpunt_not_found", id=knelpunt_id)
    return _knelpunt(row)


def knelpunten(db: Database, proeftuin_id: int, *, solved: bool | None = False) -> list[Knelpunt]:
    """The proeftuin's knelpunten, newest first: open ones (default), solved ones or all."""
    where = {False: " AND solved_at IS NULL", True: " AND solved_at IS NOT NULL", None: ""}
    rows = select_rows(
        db,
        "SELECT * FROM knelpunten WHERE proeftuin_id = ?"
        + where[solved]
        + " ORDER BY opened_at DESC, id DESC",
        [proeftuin_id],
    )
    return [_knelpunt(row) for row in rows]


def solve_knelpunt(db: Database, knelpunt_id: int, *, solved_by, now=None) -> Knelpunt:
    """Mark one knelpunt solved; solving it twice is harmless (a double tap)."""
    knelpunt = get_knelpunt(db, knelpunt_id)
    if knelpunt.open:
        db["knelpunten"].update(knelpunt_id, {"solved_at": now_iso(now), "solved_by": solved_by})
    return get_knelpunt(db, knelpunt_id)


def solve_by_topic(
    db: Database, proeftuin_id: int, topic: str, *, solved_by, now=None
) -> list[Knelpunt]:
    """'knelpunt vervoer is opgelost': the open knelpunten whose text names the topic."""
    matching = [k for k in knelpunten(db, proeftuin_id) if topic.lower() in k.text.lower()]
    return [solve_knelpunt(db, k.id, solved_by=solved_by, now=now) for k in matching]


def drop_for_update(db: Database, update_id: int) -> None:
    """The open knelpunt of a withdrawn (or corrected) update goes with it."""
    db.execute("DELETE FROM knelpunten WHERE update_id = ? AND solved_at IS NULL", [update_id])


def all_knelpunten(db: Database) -> list[dict]:
    """Every knelpunt with its proeftuin's name, oldest first (for the export)."""
    return select_rows(
        db,
        """
        SELECT p.name AS proeftuin, k.text, k.opened_at, k.solved_at
        FROM knelpunten k JOIN proeftuinen p ON p.id = k.proeftuin_id
        ORDER BY k.opened_at, k.id
        """,
    )
