"""Proeftuinen: a buyer and a supplier creating jobs together, with a target."""

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from storage import validation
from storage.clock import from_iso, now_iso
from storage.db import select_row, select_rows
from storage.errors import AmbiguousName, Invalid, NotFound


@dataclass(frozen=True)
class Proeftuin:
    id: int
    name: str
    opdrachtgever: str | None
    opdrachtnemer: str | None
    location: str | None
    jobs_target: int
    created_by: int | None
    created_at: datetime


def proeftuin_from_row(row: dict[str, Any]) -> Proeftuin:
    return Proeftuin(
        id=row["id"],
        name=row["name"],
        opdrachtgever=row["opdrachtgever"],
        opdrachtnemer=row["opdrachtnemer"],
        location=row["location"],
        jobs_target=row["jobs_target"],
        created_by=row["created_by"],
        created_at=from_iso(row["created_at"]),
    )


def create_proeftuin(
    db: Database,
    *,
    name: str,
    opdrachtgever: str | None,
    opdrachtnemer: str | None,
    location: str | None,
    jobs_target: int,
    created_by: int | None,
    now: datetime | None = None,
) -> Proeftuin:
    name = validation.required_text(name, "proeftuin_name")
    jobs_target = validation.count(jobs_target, "jobs_target")
    if _find_by_name(db, name) is not None:
        raise Invalid("proeftuin_exists", name=name)
    row = {
        "name": name,
        "opdrachtgever": validation.clean_text(opdrachtgever),
        "opdrachtnemer": validation.clean_text(opdrachtnemer),
        "location": validation.clean_text(location),
        "jobs_target": jobs_target,
        "created_by": created_by,
        "created_at": now_iso(now),
    }
    try:
        new_id = db["proeftuinen"].insert(row).last_pk
    except sqlite3.IntegrityError as exc:
        # Another handler created the same name between our check and the insert
        raise Invalid("proeftuin_exists", name=name) from exc
    return get_proeftuin(db, new_id)


def get_proeftuin(db: Database, proeftuin_id: int) -> Proeftuin:
    row = select_row(db, "SELECT * FROM proeftuinen WHERE id = ?", [proeftuin_id])
    if row is None:
        raise NotFound("proeftuin_not_found", id=proeftuin_id)
    return proeftuin_from_row(row)


def list_proeftuinen(db: Database) -> list[Proeftuin]:
    return [
        proeftuin_from_row(row)
        for row in select_rows(db, "SELECT * FROM proeftuinen ORDER BY name COLLATE NOCASE")
    ]


def find_proeftuin(db: Database, name_or_id: str | int) -> Proeftuin:
    """Resolve what a user typed: an id, the exact name, or an unambiguous part of a name.

    Raises NotFound when nothing matches and AmbiguousName (with the candidates)
    when a partial name matches several proeftuinen.
    """
    text = str(name_or_id).strip()
    if isinstance(name_or_id, int) or re.fullmatch(r"[0-9]+", text):
        # "²".isdigit() is true and int() fails on it; 20 digits overflow SQLite's integers
        number = int(text)
        if number > 2**63 - 1:
            raise NotFound("proeftuin_not_found", id=text)
        return get_proeftuin(db, number)
    wanted = validation.required_text(name_or_id, "proeftuin_name")
    exact = _find_by_name(db, wanted)
    if exact is not None:
        return exact
    matches = [p for p in list_proeftuinen(db) if wanted.casefold() in p.name.casefold()]
    if not matches:
        raise NotFound("proeftuin_name_unknown", name=wanted)
    if len(matches) > 1:
        names = ", ".join(p.name for p in matches)
        raise AmbiguousName("proeftuin_ambiguous", matches, name=wanted, names=names)
    return matches[0]


def _find_by_name(db: Database, name: str) -> Proeftuin | None:
    # casefold in Python, because SQLite's NOCASE only folds ASCII ("Ö" vs "ö")
    for proeftuin in list_proeftuinen(db):
        if proeftuin.name.casefold() == name.casefold():
            return proeftuin
    return None
