import asyncio

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from knowledge.base import KnowledgeBase


def test_builtin_answer_cites_title_section_and_stand_per(builtin_kb):
    answer = builtin_kb.ask("Hoeveel verloonde uren per week is één baan?")
    assert answer.answered
    assert "25,5" in answer.text
    assert "[1]" in answer.text
    first = answer.citations[0]
    assert first.title and first.section and first.stand_per
    assert first.url.startswith("http")


def test_out_of_scope_question_is_refused(builtin_kb):
    answer = builtin_kb.ask("Wat is de hoofdstad van Australië?")
    assert not answer.answered
    assert answer.text.startswith("Dat kan ik niet vinden in de kennisbank")
    assert "coördinator" in answer.text
    assert answer.citations == ()


def test_english_question_gets_english_framing(builtin_kb):
    answer = builtin_kb.ask("What is the penalty per missing job for government employers?")
    assert answer.answered and answer.language == "en"
    assert answer.text.startswith("From the (Dutch) sources")
    refusal = builtin_kb.ask("What is the capital of Australia?")
    assert refusal.text.startswith("I can't find that")


def test_how_long_gets_both_durations_not_only_the_others(builtin_kb):
    """Once answered with only "Voor andere werknemers … maximaal 5 jaar", leaving out that
    for the banenafspraak's doelgroep it lasts as long as the person works."""
    answer = builtin_kb.ask("Hoe lang duurt een no-riskpolis?")
    assert "zolang de werknemer werkt" in answer.text and "maximaal 5 jaar" in answer.text
    assert answer.text.index("zolang") < answer.text.index("andere werknemers")


def test_follow_up_is_read_with_the_previous_question(builtin_kb):
    previous = "Wat is de Prestatieladder Socialer Ondernemen?"
    alone = builtin_kb.find("en welke treden zijn er?")
    follow_up = builtin_kb.find("en welke treden zijn er?", previous=previous)
    assert "PSO" in follow_up.passages[0].chunk.title
    assert follow_up.query.startswith(previous)
    assert alone.query == "en welke treden zijn er?"


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_every_mode_finds_an_abbreviation(builtin_kb, mode):
    finding = builtin_kb.find("Wat is een WSP?", mode=mode)
    assert any("WSP" in p.chunk.text for p in finding.passages[:3])


def _kb_with_llm(builtin_kb, model, timeout=5.0):
    return KnowledgeBase(builtin_kb.index, chat_model=model, llm_timeout=timeout)


def test_llm_answer_with_valid_citation_is_used(builtin_kb):
    model = FakeListChatModel(responses=["Eén baan is 25,5 verloonde uren per week [1]."])
    answer = _kb_with_llm(builtin_kb, model).ask("Hoeveel uur is één baan?")
    assert answer.via == "llm"
    assert answer.text == "Eén baan is 25,5 verloonde uren per week [1]."
    assert answer.citations


@pytest.mark.parametrize(
    "reply",
    ["Een baan is 40 uur.", "Zie bron [9].", "NIET_GEVONDEN", ""],
    ids=["no-citation", "unknown-citation", "not-found", "empty"],
)
def test_unusable_llm_reply_falls_back_to_extractive(builtin_kb, reply):
    model = FakeListChatModel(responses=[reply])
    answer = _kb_with_llm(builtin_kb, model).ask("Hoeveel uur is één baan?")
    assert answer.via == "extractive" and "25,5" in answer.text


class BrokenChatModel(FakeListChatModel):
    async def _agenerate(self, *args, **kwargs):
        raise ConnectionError("LLM server weg")


def test_failing_llm_falls_back_to_extractive(builtin_kb):
    answer = _kb_with_llm(builtin_kb, BrokenChatModel(responses=["x"])).ask(
        "Hoeveel uur is één baan?"
    )
    assert answer.answered and answer.via == "extractive"


def test_slow_llm_times_out_to_extractive(builtin_kb):
    slow = FakeListChatModel(responses=["Te laat [1]."], sleep=2.0)
    answer = asyncio.run(
        _kb_with_llm(builtin_kb, slow, timeout=0.2).aask("Hoeveel uur is één baan?")
    )
    assert answer.via == "extractive"
    assert answer.ms < 1500


def test_llm_is_not_asked_when_nothing_relevant(builtin_kb):
    model = FakeListChatModel(responses=["Canberra [1]."])
    answer = _kb_with_llm(builtin_kb, model).ask("Wat is de hoofdstad van Australië?")
    assert not answer.answered and model.i == 0


def test_prompt_template_refuses_missing_values():
    from prompts import load_prompt

    with pytest.raises(KeyError):
        load_prompt("answer.txt", question="x", passages="y")


def test_curated_answer_is_found_by_later_questions(empty_kb):
    empty_kb.add_curated(
        7,
        "Mag een proeftuin een eigen logo gebruiken?",
        "Ja, een proeftuin mag een eigen logo gebruiken naast dat van DNZ.",
        "2026-11-25",
    )
    answer = empty_kb.ask("Mag onze proeftuin een eigen logo voeren?")
    assert answer.answered and answer.via == "curated"
    assert "eigen logo" in answer.text
