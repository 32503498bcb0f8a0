from datetime import UTC, datetime

import pytest

from storage.errors import AmbiguousName, Invalid, NotFound
from storage.proeftuinen import (
    Proeftuin,
    find_proeftuin,
    get_proeftuin,
    list_proeftuinen,
)


def test_create_and_get(make_proeftuin, db, now):
    created = make_proeftuin("  Utrecht  ", jobs_target=25, location="  ")
    assert created == Proeftuin(
        id=created.id,
        name="Utrecht",
        opdrachtgever="Gemeente",
        opdrachtnemer="Schoonmaak BV",
        location=None,
        jobs_target=25,
        created_by=1,
        created_at=now,
    )
    assert get_proeftuin(db, created.id) == created


def test_created_at_is_stored_as_utc_iso(make_proeftuin, db):
    make_proeftuin()
    assert db["proeftuinen"].get(1)["created_at"] == "2025-03-03T09:00:00.000000+00:00"


@pytest.mark.parametrize(
    ("name", "target", "code", "what"),
    [
        ("", 10, "text_empty", "proeftuin_name"),
        ("   ", 10, "text_empty", "proeftuin_name"),
        ("Zwolle", -1, "count_out_of_range", "jobs_target"),
        ("Zwolle", 10_001, "count_out_of_range", "jobs_target"),
        ("Zwolle", 2.5, "count_not_integer", "jobs_target"),
        ("Zwolle", True, "count_not_integer", "jobs_target"),
    ],
)
def test_create_rejects_bad_input(make_proeftuin, name, target, code, what):
    with pytest.raises(Invalid) as raised:
        make_proeftuin(name, jobs_target=target)
    assert (raised.value.code, raised.value.details["what"]) == (code, what)


@pytest.mark.parametrize("target", [0, 10_000])
def test_target_bounds_are_inclusive(make_proeftuin, target):
    assert make_proeftuin(jobs_target=target).jobs_target == target


@pytest.mark.parametrize("duplicate", ["Utrecht", "UTRECHT", " utrecht "])
def test_names_are_unique_ignoring_case(make_proeftuin, duplicate):
    make_proeftuin("Utrecht")
    with pytest.raises(Invalid) as raised:
        make_proeftuin(duplicate)
    assert raised.value.code == "proeftuin_exists"


def test_unique_ignoring_case_beyond_ascii(make_proeftuin):
    make_proeftuin("Ölstad")
    with pytest.raises(Invalid):
        make_proeftuin("ölstad")


def test_get_unknown_raises_not_found(db):
    with pytest.raises(NotFound):
        get_proeftuin(db, 42)


def test_list_is_sorted_by_name(make_proeftuin, db):
    for name in ["zwolle", "Amersfoort", "Breda"]:
        make_proeftuin(name)
    assert [p.name for p in list_proeftuinen(db)] == ["Amersfoort", "Breda", "zwolle"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (1, "Utrecht Noord"),
        ("2", "Utrecht Zuid"),
        (" 2 ", "Utrecht Zuid"),
        ("utrecht noord", "Utrecht Noord"),
        ("zuid", "Utrecht Zuid"),
        ("Bred", "Breda"),
    ],
)
def test_find_by_id_name_or_unique_part(make_proeftuin, db, query, expected):
    for name in ["Utrecht Noord", "Utrecht Zuid", "Breda"]:
        make_proeftuin(name)
    assert find_proeftuin(db, query).name == expected


def test_find_ambiguous_lists_candidates(make_proeftuin, db):
    make_proeftuin("Utrecht Noord")
    make_proeftuin("Utrecht Zuid")
    with pytest.raises(AmbiguousName) as caught:
        find_proeftuin(db, "utrecht")
    assert [p.name for p in caught.value.matches] == ["Utrecht Noord", "Utrecht Zuid"]


@pytest.mark.parametrize("query", ["Groningen", 99, "99"])
def test_find_unknown_raises_not_found(make_proeftuin, db, query):
    make_proeftuin("Utrecht")
    with pytest.raises(NotFound):
        find_proeftuin(db, query)


def test_now_must_be_aware(make_proeftuin):
    with pytest.raises(ValueError, match="aware"):
        make_proeftuin(now=datetime(2025, 1, 1))


def test_created_at_without_injected_clock_is_recent(make_proeftuin):
    created = make_proeftuin(now=None)
    assert abs((datetime.now(UTC) - created.created_at).total_seconds()) < 60
