"""Opening the database and grouping writes into transactions."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

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
