import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from storage.db import insert_row, open_database, select_row, select_rows, transaction
from storage.migrations import migrations

EXPECTED_MIGRATIONS = [
    "m001_people_and_proeftuinen",
    "m002_updates",
    "m003_questions",
    "m004_meetings_and_reminders",
    "m005_update_source_message",
    "m006_invite_limits",
    "m007_conversation_flows",
    "m008_language_choice",
    "m009_feedback_note",
    "m010_progress_model",
    "m011_checkins",
    "m012_knowledge_changes",
]


def applied_names(db):
    return [row["name"] for row in db["_sqlite_migrations"].rows_where(order_by="id")]


def test_migrations_are_applied_and_recorded(db):
    assert applied_names(db) == EXPECTED_MIGRATIONS
    assert migrations.pending(db) == []


def test_reopening_does_not_apply_migrations_again(tmp_path):
    path = tmp_path / "vonkje.db"
    open_database(path).close()
    db = open_database(path)
    assert applied_names(db) == EXPECTED_MIGRATIONS
    db.close()


@pytest.mark.parametrize(
    ("pragma", "expected"),
    [("journal_mode", "wal"), ("foreign_keys", 1), ("busy_timeout", 5000)],
)
def test_file_database_pragmas(db, pragma, expected):
    assert db.execute(f"PRAGMA {pragma}").fetchone()[0] == expected


def test_in_memory_database_has_schema():
    db = open_database(None)
    assert {"people", "updates", "meetings", "reminder_log"} <= set(db.table_names())
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()


def test_open_database_creates_parent_directory(tmp_path):
    db = open_database(tmp_path / "data" / "nested" / "vonkje.db")
    assert (tmp_path / "data" / "nested" / "vonkje.db").exists()
    db.close()


def test_failing_write_in_transaction_leaves_nothing(db):
    with pytest.raises(RuntimeError), transaction(db):
        db["people"].insert({"telegram_id": 1, "name": "Ann", "created_at": "x"})
        raise RuntimeError("crash halfway through a message")
    assert db["people"].count == 0


def test_nested_transaction_rolls_back_with_the_outer_one(db):
    with pytest.raises(RuntimeError), transaction(db):
        with transaction(db):
            db["people"].insert({"telegram_id": 1, "name": "Ann", "created_at": "x"})
        raise RuntimeError
    assert db["people"].count == 0


def test_transaction_commits_on_success(db):
    with transaction(db):
        db["people"].insert({"telegram_id": 1, "name": "Ann", "created_at": "x"})
        db["people"].insert({"telegram_id": 2, "name": "Bob", "created_at": "x"})
    assert db["people"].count == 2


def test_foreign_keys_are_enforced(db):
    with pytest.raises(sqlite3.IntegrityError):
        db["memberships"].insert(
            {"proeftuin_id": 99, "telegram_id": 99, "role": "anders", "joined_at": "x"}
        )


def test_select_rows_gives_dicts_without_a_savepoint(db):
    db["people"].insert({"telegram_id": 1, "name": "Ann", "created_at": "x"})
    statements = []
    db.conn.set_trace_callback(statements.append)
    rows = select_rows(db, "SELECT telegram_id, name FROM people WHERE name = ?", ["Ann"])
    db.conn.set_trace_callback(None)
    assert rows == [{"telegram_id": 1, "name": "Ann"}]
    assert statements == ["SELECT telegram_id, name FROM people WHERE name = 'Ann'"]


def test_select_row_is_the_first_row_or_none(db):
    assert select_row(db, "SELECT * FROM people WHERE telegram_id = :id", {"id": 1}) is None
    assert select_row(db, "SELECT 1 AS a, 2 AS a") == {"a": 1, "a_2": 2}  # as query() names them


def test_insert_row_returns_the_id_and_joins_an_open_transaction(db, make_proeftuin):
    proeftuin = make_proeftuin()
    row = {"proeftuin_id": proeftuin.id, "text": "vervoer", "opened_at": "x", "update_id": None}
    first = insert_row(db, "knelpunten", row)  # outside a transaction: committed at once
    assert not db.conn.in_transaction
    with pytest.raises(RuntimeError), transaction(db):
        insert_row(db, "knelpunten", row)
        raise RuntimeError
    assert [r["id"] for r in select_rows(db, "SELECT id FROM knelpunten")] == [first]
    with pytest.raises(sqlite3.IntegrityError):  # the foreign key still holds
        insert_row(db, "knelpunten", {**row, "proeftuin_id": 99})
    assert not db.conn.in_transaction


def test_storage_does_not_import_bot_or_heavy_dependencies():
    code = (
        "import sys, storage.db, storage.people, storage.updates, storage.questions,"
        " storage.meetings, storage.privacy\n"
        "bad = {'telegram', 'chromadb', 'langchain', 'bot', 'knowledge'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
    )
    assert result.stdout.strip() == "[]"
