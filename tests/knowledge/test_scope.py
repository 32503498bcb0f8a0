import pytest

from knowledge.base import KnowledgeBase
from knowledge.index import connect
from knowledge.ranking import RelevanceThresholds
from knowledge.scope import OutOfScope, read_examples, shipped_examples


@pytest.mark.parametrize(
    ("text", "examples"),
    [
        (
            "# uitleg\nWat is het weer?\n\n  Hoe laat is het?  \n",
            ["Wat is het weer?", "Hoe laat is het?"],
        ),
        ("Vraag?\nVraag?\n", ["Vraag?"]),
        ("# alleen commentaar\n", []),
        ("", []),
    ],
)
def test_read_examples(text, examples):
    assert read_examples(text) == examples


def test_sync_adds_removes_and_then_leaves_alone(tmp_path, embeddings):
    scope = OutOfScope(connect(tmp_path), embeddings)
    assert scope.nearest(embeddings.embed_query("Wat is het weer morgen?")) is None
    assert scope.sync(["Wat is het weer morgen?", "Wie won het WK?"]) == (2, 0)
    assert scope.sync(["Wat is het weer morgen?", "Wie won het WK?"]) == (0, 0)
    assert scope.sync(["Wie won het WK?", "Hoe laat is het?"]) == (1, 1)
    assert scope.nearest(embeddings.embed_query("Hoe laat is het?")) == pytest.approx(1.0, abs=1e-3)
    reopened = OutOfScope(connect(tmp_path), embeddings)
    assert reopened.nearest(embeddings.embed_query("Wie won het WK?")) == pytest.approx(
        1.0, abs=1e-3
    )


def test_builtin_knowledge_base_holds_the_shipped_examples(builtin_kb):
    examples = shipped_examples()
    assert len(examples) >= 200
    assert builtin_kb.out_of_scope.sync(examples) == (0, 0)


def test_no_shipped_example_is_a_question_the_knowledge_base_answers(builtin_kb):
    """An example that copies an alias question would make that passage unreachable."""
    certain = RelevanceThresholds().certain
    too_close = [
        (q, round(f.evidence.question, 3))
        for q in shipped_examples()
        if (f := builtin_kb.find(q, mode="dense")).evidence.question >= certain
    ]
    assert too_close == []


@pytest.mark.parametrize(
    "question",
    [
        "Hoe hoog is de bijstandsuitkering voor een alleenstaande ouder?",  # near the domain
        "Hoeveel dagen vakantie heb ik als schoonmaker in deeltijd?",
        "Hoe maak ik een goede tomatensoep?",
    ],
)
def test_questions_like_the_examples_are_refused(builtin_kb, question):
    assert not builtin_kb.ask(question).answered


def test_a_coordinators_answer_wins_over_an_example(data_dir, embeddings):
    """A coordinator may answer what the shipped examples call out of scope."""
    kb = KnowledgeBase.open(data_dir, embeddings=embeddings)
    question = "Welke cao geldt voor medewerkers in de contractcatering?"
    assert question in shipped_examples()
    assert not kb.ask(question).answered
    kb.add_curated(
        7, question, "Voor de contractcatering geldt de cao Contractcatering.", "2026-11"
    )
    answer = kb.ask(question)
    assert answer.answered and answer.via == "curated"
    assert "cao Contractcatering" in answer.text
