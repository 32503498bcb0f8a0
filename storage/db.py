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


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """All writes inside the block are committed together or not at all.

    Nested blocks become savepoints, so storage functions that use this
    internally can be called inside a caller's own transaction.
    """
    with db.atomic():
        yield db
