"""Opening the database, grouping writes into transactions, and the plain reads and inserts
of the hot path."""

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.utils import dedupe_keys

from storage.migrations import migrations


def open_database(path: str | Path | None) -> sqlite_utils.Database:
    """Open (or create) the Vonkje database and bring its schema up to date.

    `None` gives a throw-away in-memory database, handy for tests and dry runs.
    """
    if path is None:
        db = sqlite_utils.Database(memory=True)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(path)
        # WAL lets the bot's readers (overview, export) run while a write is in progress
        db.enable_wal()
    # SQLite leaves foreign keys off unless asked, per connection
    db.execute("PRAGMA foreign_keys=ON")
    # The job queue and handlers may write at the same moment; wait instead of failing
    db.execute("PRAGMA busy_timeout=5000")
    migrations.apply(db)
    return db


def open_flow_connection(db: sqlite_utils.Database) -> sqlite_utils.Database:
    """A second connection to the same file for conversation flows, with synchronous=NORMAL.

    A flow is written at every step and button press; with synchronous=FULL each of those
    commits waits for the disk (about 0.5 ms here, a fifth of a progress update's cost). In
    WAL mode NORMAL still survives a crash of the process intact; only a power cut can undo
    the last few steps of a conversation. Saved updates keep the main connection's FULL
    durability. An in-memory database has no second connection: the same one is returned.
    """
    path = db.execute("PRAGMA database_list").fetchone()[2]
    if not path:
        return db
    flows = sqlite_utils.Database(path)
    flows.execute("PRAGMA synchronous=NORMAL")
    flows.execute("PRAGMA foreign_keys=ON")
    flows.execute("PRAGMA busy_timeout=5000")
    return flows


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """All writes inside the block are committed together or not at all.

    Nested blocks become savepoints, so storage functions that use this
    internally can be called inside a caller's own transaction.
    """
    with db.atomic():
        yield db


# Reads go through select_rows/select_row rather than sqlite-utils' Database.query(): query()
# wraps every statement in SAVEPOINT "sqlite_utils_query" ... RELEASE, so that a statement
# which turns out not to return rows can be rolled back before it raises. Storage only reads
# with SELECT, which changes nothing, so the guard costs two extra statements per read (20
# of the 54 statements of a progress update) for nothing. Inside a write transaction a
# SELECT simply reads that transaction's state, with or without a savepoint. The rows are
# fetched at once, and duplicate column names are renamed as query() does. Only for SELECT:
# unlike query(), these do not refuse (and undo) a statement that writes.
Params = Sequence[Any] | Mapping[str, Any] | None


def select_rows(db: sqlite_utils.Database, sql: str, params: Params = None) -> list[dict]:
    """Every row of a SELECT, as dicts keyed by column name."""
    cursor = db.execute(sql, params)
    keys = dedupe_keys(column[0] for column in cursor.description)
    return [dict(zip(keys, row, strict=True)) for row in cursor.fetchall()]


def select_row(db: sqlite_utils.Database, sql: str, params: Params = None) -> dict | None:
    """The first row of a SELECT as a dict, or None when there is none. All rows are fetched,
    so the statement is finished when this returns: use it where one row is expected."""
    found = select_rows(db, sql, params)
    return found[0] if found else None


def insert_row(db: sqlite_utils.Database, table: str, row: Mapping[str, Any]) -> int:
    """INSERT one row by named columns; returns its rowid (the id of an INTEGER PRIMARY KEY).

    For the inserts of the hot path (updates, knelpunten, conversation flows), instead of
    `db[table].insert(row)`: sqlite-utils looks the table up in sqlite_master first (three
    queries per insert: is it a view, does it exist) and wraps the INSERT in a savepoint.
    The table and column names come from storage's code, never from input; the values are
    plain str, int, float or None. Like db.execute(), it commits at once unless a transaction
    is open.
    """
    columns = ", ".join(f'"{column}"' for column in row)
    values = ", ".join(f":{column}" for column in row)
    sql = f'INSERT INTO "{table}" ({columns}) VALUES ({values})'
    return db.execute(sql, dict(row)).lastrowid
