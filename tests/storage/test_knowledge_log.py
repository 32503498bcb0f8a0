"""The change log of the knowledge base, and the curated answers a coordinator can edit."""

from datetime import timedelta

import pytest

from storage import knowledge_log, questions
from storage.errors import Invalid, NotFound
from storage.privacy import export_person, forget_person


def log(db, now, action, source="vonkje:bron/a.pdf", minutes=0, **values):
    return knowledge_log.log_change(
        db,
        action=action,
        source=source,
        via=values.pop("via", "telegram"),
        title=values.pop("title", "A"),
        person_id=values.pop("person_id", 1),
        person_name=values.pop("person_name", "Carla"),
        now=now + timedelta(minutes=minutes),
        **values,
    )


@pytest.mark.parametrize(
    ("steps", "origin"),
    [
        ([("added", 0)], "added"),
        ([("added", 0), ("replaced", 5)], "replaced"),
        ([("added", 0), ("removed", 5)], None),  # removed: no origin
        ([("added", 0), ("removed", 5), ("added", 9)], "added"),  # added again
        ([("answer_added", 0), ("answer_edited", 3)], "answer_edited"),
        ([("answer_added", 0), ("answer_removed", 3)], None),
    ],
)
def test_the_origin_is_the_latest_change_that_brought_the_content_in(db, now, steps, origin):
    for action, minutes in steps:
        log(db, now, action, minutes=minutes)
    found = knowledge_log.origins(db).get("vonkje:bron/a.pdf")
    assert (found.action if found else None) == origin


def test_changes_are_newest_first_per_source_or_all(db, now):
    log(db, now, "added", "x", 0)
    log(db, now, "added", "y", 1)
    log(db, now, "removed", "x", 2)
    assert [(c.action, c.source) for c in knowledge_log.changes(db)] == [
        ("removed", "x"),
        ("added", "y"),
        ("added", "x"),
    ]
    assert [c.action for c in knowledge_log.changes(db, "x")] == ["removed", "added"]


@pytest.mark.parametrize(("action", "via"), [("deleted", "telegram"), ("added", "email")])
def test_unknown_actions_and_ways_in_are_refused(db, now, action, via):
    with pytest.raises(Invalid):
        log(db, now, action, via=via)
    assert knowledge_log.changes(db) == []


def test_forgetting_a_person_keeps_the_change_but_not_who(db, now):
    log(db, now, "added", person_id=7, person_name="Carla")
    assert export_person(db, 7)["knowledge_changes"][0]["source"] == "vonkje:bron/a.pdf"
    forget_person(db, 7)
    (change,) = knowledge_log.changes(db)
    assert (change.action, change.person_id, change.person_name) == ("added", None, None)


def asked(db, now, text="Wie betaalt de jobcoach?"):
    return questions.log_question(
        db,
        asker_id=5,
        chat_id=5,
        proeftuin_id=None,
        question=text,
        answered=False,
        answer=None,
        sources=[],
        now=now,
    )


def test_curated_answers_keep_their_public_question_and_can_be_edited(db, now):
    question_id = asked(db, now, "Wie betaalt de jobcoach van Piet de Vries?")
    questions.curate(db, question_id, 1, "De gemeente.", now=now, public_question="Wie betaalt?")
    (row,) = questions.curated_answers(db)
    assert (row["curated_question"], row["curated_answer"]) == ("Wie betaalt?", "De gemeente.")
    questions.edit_curated(db, question_id, 2, "Het UWV.", now=now)
    (row,) = questions.curated_answers(db)
    assert (row["curated_question"], row["curated_answer"]) == ("Wie betaalt?", "Het UWV.")
    assert row["curated_by"] == 2


def test_a_removed_curated_answer_does_not_come_back_as_open(db, now):
    question_id = asked(db, now)
    questions.curate(db, question_id, 1, "De gemeente.", now=now)
    questions.remove_curated(db, question_id, now=now)
    assert questions.curated_answers(db) == []
    assert questions.open_questions(db) == []
    with pytest.raises(NotFound):
        questions.remove_curated(db, question_id, now=now)
    with pytest.raises(NotFound):
        questions.edit_curated(db, question_id, 1, "Toch wel.", now=now)
