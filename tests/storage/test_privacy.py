import json
import sqlite3
from datetime import timedelta

import pytest

from storage.access import create_invite, link_group
from storage.meetings import claim_reminder, create_meeting, sent_reminders
from storage.people import get_person, memberships
from storage.privacy import export_person, forget_person
from storage.progress import export_rows, progress
from storage.questions import curate, get_question, log_question
from storage.updates import save_update


@pytest.fixture
def ann_everywhere(db, now, make_proeftuin, make_member):
    """Ann (7) has left traces in every table; Bob (8) shares her proeftuin."""
    proeftuin = make_proeftuin("Utrecht", created_by=7)
    make_member(proeftuin, 7, "Ann")
    make_member(proeftuin, 8, "Bob")
    for author_id, author_name, jobs in [(7, "Ann", 2), (8, "Bob", 1)]:
        save_update(
            db,
            proeftuin_id=proeftuin.id,
            author_id=author_id,
            author_name=author_name,
            role="opdrachtnemer",
            raw_text=f"{jobs} banen",
            jobs_realised=jobs,
            now=now,
        )
    asked = log_question(
        db,
        asker_id=7,
        chat_id=7,
        proeftuin_id=proeftuin.id,
        question="Wat is een banenafspraak?",
        answered=True,
        answer="Een afspraak.",
        sources=[{"title": "Wet"}],
        now=now,
    )
    bobs_question = log_question(
        db,
        asker_id=8,
        chat_id=8,
        proeftuin_id=None,
        question="Hoe?",
        answered=False,
        answer=None,
        sources=[],
        now=now,
    )
    curate(db, bobs_question, 7, "Zo.", now=now)
    create_invite(db, proeftuin.id, 7, now=now)
    link_group(db, -100, proeftuin.id, 7, now=now)
    meeting = create_meeting(
        db, title="Overleg", starts_at=now + timedelta(days=3), created_by=7, now=now
    )
    claim_reminder(db, meeting.id, 7, "d1", 1, now=now)
    claim_reminder(db, meeting.id, 8, "d1", 1, now=now)
    return {"proeftuin": proeftuin, "question": asked, "bobs_question": bobs_question}


def test_export_person_contains_everything_and_is_json(db, ann_everywhere, now):
    exported = export_person(db, 7, now=now)
    json.dumps(exported)  # must not raise
    assert exported["person"]["name"] == "Ann"
    assert [m["proeftuin"] for m in exported["memberships"]] == ["Utrecht"]
    assert [u["author_name"] for u in exported["updates"]] == ["Ann"]
    assert exported["questions"][0]["sources"] == [{"title": "Wet"}]
    assert [q["id"] for q in exported["questions_curated"]] == [ann_everywhere["bobs_question"]]
    for key in ("invites_created", "groups_linked", "proeftuinen_created", "meetings_created"):
        assert len(exported[key]) == 1, key
    assert [r["kind"] for r in exported["reminders"]] == ["d1"]


def test_export_unknown_person_is_empty(db, now):
    exported = export_person(db, 404, now=now)
    assert exported["person"] is None
    assert exported["updates"] == exported["questions"] == []


def test_forget_person_anonymises_updates_and_keeps_totals(db, ann_everywhere):
    proeftuin = ann_everywhere["proeftuin"]
    totals_before = progress(db, proeftuin.id).totals

    counts = forget_person(db, 7)

    assert get_person(db, 7) is None
    assert progress(db, proeftuin.id).totals == totals_before
    assert [r["author_name"] for r in export_rows(db)] == [None, "Bob"]
    assert memberships(db, 7) == []
    assert [m.proeftuin.id for m in memberships(db, 8)] == [proeftuin.id]
    assert [r["telegram_id"] for r in sent_reminders(db, 1)] == [8]
    assert get_question(db, ann_everywhere["bobs_question"])["curated_by"] is None
    assert counts["person_deleted"] == 1 and counts["updates_anonymised"] == 1
    leftovers = export_person(db, 7)
    traces = {key: value for key, value in leftovers.items() if isinstance(value, list)}
    assert leftovers["person"] is None
    assert all(value == [] for value in traces.values()), traces


def test_forget_person_deletes_their_questions(db, ann_everywhere):
    forget_person(db, 7)
    assert db["questions"].count == 1
    with pytest.raises(LookupError):
        get_question(db, ann_everywhere["question"])


def test_forget_unknown_person_is_harmless(db):
    assert set(forget_person(db, 404).values()) == {0}


def test_forget_person_is_all_or_nothing(db, ann_everywhere):
    # Simulate a failure at the very last step, after everything else was rewritten
    db.execute(
        "CREATE TRIGGER refuse BEFORE DELETE ON people BEGIN SELECT RAISE(ABORT, 'disk'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        forget_person(db, 7)
    assert get_person(db, 7) is not None
    assert [r["author_name"] for r in export_rows(db)] == ["Ann", "Bob"]
    assert get_question(db, ann_everywhere["question"])["asker_id"] == 7
