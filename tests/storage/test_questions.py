from datetime import timedelta

import pytest

from storage.errors import Invalid, NotAllowed, NotFound
from storage.questions import curate, get_question, log_question, open_questions, set_feedback

SOURCES = [{"title": "Handreiking", "page": 3}]


@pytest.fixture
def ask(db, now):
    def ask(question="Hoe werkt de banenafspraak?", *, answered=True, asker_id=7, hours=0):
        return log_question(
            db,
            asker_id=asker_id,
            chat_id=-100,
            proeftuin_id=None,
            question=question,
            answered=answered,
            answer="Zo." if answered else None,
            sources=SOURCES if answered else [],
            now=now + timedelta(hours=hours),
        )

    return ask


def test_log_and_get_question(db, ask, now):
    question = get_question(db, ask())
    assert question["question"] == "Hoe werkt de banenafspraak?"
    assert (question["answered"], question["answer"], question["sources"]) == (True, "Zo.", SOURCES)
    assert (question["asker_id"], question["chat_id"], question["feedback"]) == (7, -100, None)
    assert question["created_at"] == now.isoformat(timespec="microseconds")


def test_log_question_requires_text(ask):
    with pytest.raises(Invalid):
        ask("  ")


def test_get_unknown_question(db):
    with pytest.raises(NotFound):
        get_question(db, 99)


def test_feedback_by_asker_replaces_earlier_feedback(db, ask, now):
    question_id = ask()
    set_feedback(db, question_id, 7, 1, now=now)
    row = set_feedback(db, question_id, 7, -1, now=now)
    assert (row["feedback"], row["feedback_at"]) == (-1, now.isoformat(timespec="microseconds"))


@pytest.mark.parametrize(
    ("asker_id", "value", "error"),
    [(8, 1, NotAllowed), (7, 0, Invalid), (7, 2, Invalid), (7, True, Invalid)],
)
def test_feedback_rejects(db, ask, asker_id, value, error):
    question_id = ask()
    with pytest.raises(error):
        set_feedback(db, question_id, asker_id, value)
    assert get_question(db, question_id)["feedback"] is None


def test_open_questions_are_unanswered_or_downvoted_and_not_curated(db, ask):
    liked = ask("liked", hours=0)
    disliked = ask("disliked", hours=1)
    unanswered = ask("unanswered", answered=False, hours=2)
    curated = ask("curated", answered=False, hours=3)
    set_feedback(db, liked, 7, 1)
    set_feedback(db, disliked, 7, -1)
    curate(db, curated, 1, "Antwoord van de coördinator")
    assert [q["id"] for q in open_questions(db)] == [unanswered, disliked]


def test_curate_returns_who_to_notify(db, ask, now):
    question_id = ask(answered=False, asker_id=42)
    row = curate(db, question_id, 1, " Kijk in de handreiking. ", now=now)
    assert (row["asker_id"], row["chat_id"]) == (42, -100)
    assert (row["curated_answer"], row["curated_by"]) == ("Kijk in de handreiking.", 1)
    assert open_questions(db) == []


@pytest.mark.parametrize(
    ("question_id", "answer", "error"), [(99, "x", NotFound), (1, " ", Invalid)]
)
def test_curate_rejects(db, ask, question_id, answer, error):
    ask(answered=False)
    with pytest.raises(error):
        curate(db, question_id, 1, answer)
