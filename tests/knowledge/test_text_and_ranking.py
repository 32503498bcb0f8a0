import pytest

from knowledge.ranking import (
    Evidence,
    RelevanceThresholds,
    is_relevant,
    lexical_coverage,
    pick_sentences,
    reciprocal_rank_fusion,
)
from knowledge.text import contextualize, detect_language, split_sentences, tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eén baan is 25,5 verloonde uren", ["baan", "25,5", "verloond", "uur"]),
        ("Het quotum is 1,93%", ["quotum", "1,93%"]),
        ("PSO en WSP", ["pso", "wsp"]),
        ("LKV: € 1,01 per uur", ["lkv", "1,01", "per", "uur"]),
        ("de het een", []),
    ],
)
def test_tokenize_keeps_figures_and_abbreviations(text, expected):
    assert tokenize(text) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hoeveel uur telt een baan?", "nl"),
        ("How many hours count as one job?", "en"),
        ("What is the PSO?", "en"),
        ("Wat is de PSO?", "nl"),
        ("PSO", "nl"),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("question", "previous", "query"),
    [
        (
            "en bij het Rijk?",
            "Hoeveel procent social return?",
            "Hoeveel procent social return? en bij het Rijk?",
        ),
        ("Wat is de PSO?", "Hoeveel procent social return?", "Wat is de PSO?"),
        ("en bij het Rijk?", None, "en bij het Rijk?"),
        ("And for the Rijk?", "What percentage?", "What percentage? And for the Rijk?"),
    ],
)
def test_contextualize_follow_up(question, previous, query):
    assert contextualize(question, previous) == query


def test_split_sentences_keeps_decimal_commas_and_lists():
    text = "Een baan is 25,5 uur. Het quotum is 1,93%.\n- eerste punt\n- tweede punt"
    assert split_sentences(text) == [
        "Een baan is 25,5 uur.",
        "Het quotum is 1,93%.",
        "eerste punt",
        "tweede punt",
    ]


def test_rrf_rewards_agreement():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "d"]])
    assert [item for item, _ in fused] == ["b", "a", "d", "c"]


@pytest.mark.parametrize(
    ("query", "passage", "coverage"),
    [(["a", "b"], ["a", "c"], 0.5), ([], ["a"], 0.0), (["a"], ["a"], 1.0)],
)
def test_lexical_coverage(query, passage, coverage):
    assert lexical_coverage(query, passage) == coverage


@pytest.mark.parametrize(
    ("evidence", "relevant"),
    [
        # closer to a question answered here than to one that is not
        (Evidence(passage=0.90, question=0.95, out_of_scope=0.85), True),
        (Evidence(passage=0.85, question=0.90, out_of_scope=0.93), False),
        (Evidence(question=0.90, out_of_scope=0.895), False),  # within the margin
        (Evidence(question=0.98, out_of_scope=1.0), True),  # e.g. a coordinator's own answer
        (Evidence(passage=0.86, out_of_scope=0.88), True),  # passages without questions: offset
        (Evidence(passage=0.83, out_of_scope=0.88), False),
        (Evidence(question=0.82, out_of_scope=0.60), False),  # below the floor
        (Evidence(question=0.90, out_of_scope=0.885, unknown=0.4), False),  # new words: wider
        (Evidence(question=0.90, out_of_scope=0.87, unknown=0.4), True),
        # without examples of unanswerable questions: absolute thresholds
        (Evidence(passage=0.95, unknown=0.8), True),  # very close outweighs unknown words
        (Evidence(question=0.88, unknown=0.0), True),  # close, every word known
        (Evidence(question=0.88, unknown=0.5), False),  # half the words never seen here
        (Evidence(passage=0.70, question=0.72), False),
        # BM25 only: share of the question's tokens found
        (Evidence(lexical=0.9), True),
        (Evidence(lexical=0.1), False),
    ],
)
def test_is_relevant(evidence, relevant):
    assert is_relevant(evidence, RelevanceThresholds()) is relevant


def test_pick_sentences_prefers_overlap_and_keeps_order():
    passages = ["Intro zin. Een baan telt 25,5 verloonde uren.", "Iets anders over PSO."]
    picked = pick_sentences("Hoeveel verloonde uren telt een baan?", passages)
    assert picked[0].text == "Een baan telt 25,5 verloonde uren."
    assert all(p.passage_index == 0 for p in picked[:1])


def test_pick_sentences_skips_sentences_about_the_document():
    passages = ["Dit document legt uit wat de PSO is. De PSO is een keurmerk."]
    assert [p.text for p in pick_sentences("Wat is de PSO?", passages)] == [
        "De PSO is een keurmerk."
    ]


def test_a_sentence_announcing_a_list_brings_its_items_and_stops_at_the_last():
    passages = [
        "Er zijn twee eisen:\n- het doel is integratie;\n- minstens 30% is kansarm.\n\n"
        "Daarna volgt iets anders."
    ]
    picked = pick_sentences("Welke eisen zijn er?", passages)
    assert [(p.text, p.list_item) for p in picked][:3] == [
        ("Er zijn twee eisen:", False),
        ("het doel is integratie;", True),
        ("minstens 30% is kansarm.", True),
    ]


def test_extractive_answer_formats_lists_with_citation_before_the_colon():
    from knowledge.answering import extractive_answer
    from knowledge.types import Citation

    citation = Citation(1, "T", "S", "src", "", "", "Er zijn twee eisen:\n- doel;\n- 30%.", 1.0)
    assert extractive_answer("Welke eisen zijn er?", [citation], "nl") == (
        "Er zijn twee eisen [1]:\n• doel;\n• 30%."
    )
