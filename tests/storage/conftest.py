from datetime import UTC, datetime

import pytest

from storage.db import open_database
from storage.people import add_member, upsert_person
from storage.proeftuinen import create_proeftuin

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def now():
    """The injected clock: a fixed Monday morning, so tests never depend on the real time."""
    return NOW


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "vonkje.db")
    yield database
    database.close()


@pytest.fixture
def make_proeftuin(db):
    def make(name="Utrecht", *, jobs_target=10, **overrides):
        fields = {
            "opdrachtgever": "Gemeente",
            "opdrachtnemer": "Schoonmaak BV",
            "location": "Utrecht",
            "created_by": 1,
            "now": NOW,
        } | overrides
        return create_proeftuin(db, name=name, jobs_target=jobs_target, **fields)

    return make


@pytest.fixture
def make_member(db):
    """A person who is a member of the given proeftuin."""

    def make(proeftuin, telegram_id, name=None, role="opdrachtnemer"):
        person = upsert_person(db, telegram_id, name=name or f"Persoon {telegram_id}", now=NOW)
        add_member(db, proeftuin.id, telegram_id, role, now=NOW)
        return person

    return make
