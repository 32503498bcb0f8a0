import pytest

from knowledge.ranking import (
    AnswerLimits,
    Evidence,
    FusionWeights,
    RelevanceThresholds,
    SentenceCandidate,
    asked_kind,
    fuse_scores,
    is_relevant,
    leans_on_previous,
    lexical_coverage,
    pick_sentences,
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


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (  # a figure stays with the label it belongs to
            "De functies:\n- Receptie-assistent: bezoekers ontvangen. 28 uur per week.\n"
            "- Postcontrole: post scannen. 20 uur per week.",
            [
                "De functies:",
                "Receptie-assistent: bezoekers ontvangen. 28 uur per week.",
                "Postcontrole: post scannen. 20 uur per week.",
            ],
        ),
        (
            "1. eerst een herstelperiode;\n2. dan een korting.",
            ["1. eerst een herstelperiode;", "2. dan een korting."],
        ),
        ("- een punt dat\n  doorloopt\nNa de lijst.", ["een punt dat doorloopt", "Na de lijst."]),
        (  # a long item is cut, and each part keeps the label
            "- Datum: " + "Een lang verhaal. " * 20 + "Op 16 mei.",
            ["Datum: Een lang verhaal."] * 20 + ["Datum: Op 16 mei."],
        ),
        (  # ... and a long step keeps its number once, never as a sentence of its own
            "1. **Taakanalyse (februari):** " + "Een lang verhaal. " * 20 + "Op 16 mei.",
            ["1. Taakanalyse (februari): Een lang verhaal."] * 20
            + ["1. Taakanalyse (februari): Op 16 mei."],
        ),
        ("2. " + "Zonder kop. " * 30, ["2. Zonder kop."] + ["Zonder kop."] * 29),
    ],
)
def test_a_list_item_is_one_sentence_with_its_label(text, sentences):
    assert split_sentences(text) == sentences


def test_split_sentences_keeps_decimal_commas_and_lists():
    text = "Een baan is 25,5 uur. Het quotum is 1,93%.\n- eerste punt\n- tweede punt"
    assert split_sentences(text) == [
        "Een baan is 25,5 uur.",
        "Het quotum is 1,93%.",
        "eerste punt",
        "tweede punt",
    ]


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


def _candidates(passages, similarities=None):
    """Sentence candidates of passages; `similarities` maps a sentence to its cosine."""
    similarities = similarities or {}
    return [
        SentenceCandidate(p, n, sentence, similarities.get(sentence, 0.8))
        for p, passage in enumerate(passages)
        for n, sentence in enumerate(split_sentences(passage))
    ]


def _picked(question, passages, similarities=None, **limits):
    candidates = _candidates(passages, similarities)
    return [p.text for p in pick_sentences(question, candidates, None, AnswerLimits(**limits))]


@pytest.mark.parametrize(
    "question, passages, similarities, expected",
    [
        (  # by meaning: the closest sentence, even without shared words
            "Hoe lang duurt dat?",
            ["De polis beschermt de werkgever bij ziekte. De polis geldt tot 5 jaar."],
            {
                "De polis geldt tot 5 jaar.": 0.88,
                "De polis beschermt de werkgever bij ziekte.": 0.80,
            },
            ["De polis geldt tot 5 jaar."],
        ),
        (  # shared words count as well as meaning
            "Hoeveel verloonde uren telt een baan?",
            ["Intro over iets heel anders hier. Een baan telt 25,5 verloonde uren."],
            {},
            ["Een baan telt 25,5 verloonde uren."],
        ),
        (  # sentences about the document itself, headings and questions answer nothing
            "Wat is de PSO?",
            ["Dit document legt uit wat de PSO is.\nDe PSO\nWat is de PSO?\nDe PSO is een merk."],
            {},
            ["De PSO is een merk."],
        ),
        (  # a sentence that points back brings the sentence before it
            "Wie houdt het register bij?",
            ["Het doelgroepregister is een lijst van UWV. Dat bepaalt wie meetelt voor de wet."],
            {"Dat bepaalt wie meetelt voor de wet.": 0.9},
            ["Het doelgroepregister is een lijst van UWV.", "Dat bepaalt wie meetelt voor de wet."],
        ),
        (  # ... and is left out when that sentence is not there
            "Wie houdt het register bij?",
            ["Dat bepaalt wie meetelt voor de wet. UWV houdt het doelgroepregister bij."],
            {
                "Dat bepaalt wie meetelt voor de wet.": 0.9,
                "UWV houdt het doelgroepregister bij.": 0.86,
            },
            ["UWV houdt het doelgroepregister bij."],
        ),
        (  # a fragment cut off at the start of a passage is not shown
            "Sinds wanneer doet De Normaalste Zaak mee?",
            ["initiatieven zoals de proeftuin van 2018. De Normaalste Zaak is een netwerk."],
            {"initiatieven zoals de proeftuin die sinds 2018 loopt.": 0.95},
            ["De Normaalste Zaak is een netwerk."],
        ),
        (  # what the question asks for (a date) outweighs a little more closeness
            "Wanneer is de training voor werkbegeleiders?",
            [
                "We organiseren een training voor werkbegeleiders. "
                "De training is op donderdag 16 mei."
            ],
            {
                "We organiseren een training voor werkbegeleiders.": 0.90,
                "De training is op donderdag 16 mei.": 0.83,
            },
            [
                "We organiseren een training voor werkbegeleiders.",
                "De training is op donderdag 16 mei.",
            ],
        ),
        (  # near-duplicates: the second saying of the same thing is left out
            "Hoe lang geldt de no-riskpolis?",
            [
                "De no-riskpolis geldt meestal tot 5 jaar na de start van het dienstverband.",
                "Meestal geldt de no-riskpolis tot 5 jaar na de start van het dienstverband.",
            ],
            {},
            ["De no-riskpolis geldt meestal tot 5 jaar na de start van het dienstverband."],
        ),
    ],
)
def test_pick_sentences(question, passages, similarities, expected):
    assert _picked(question, passages, similarities) == expected


def test_pick_sentences_stays_within_three_sentences_and_500_characters():
    long = " ".join(f"Zin nummer {n} gaat over banen en {'heel ' * 12}veel meer." for n in range(9))
    picked = _picked("Hoeveel banen?", [long, long])
    assert 1 <= len(picked) <= 3
    assert sum(len(p) for p in picked) <= 500


def test_pick_sentences_keeps_passage_order():
    passages = ["Eerst dit over banen hier. Dan dat over banen daar."]
    similarities = {"Dan dat over banen daar.": 0.9, "Eerst dit over banen hier.": 0.89}
    assert _picked("banen", passages, similarities) == [
        "Eerst dit over banen hier.",
        "Dan dat over banen daar.",
    ]


def test_a_sentence_announcing_a_list_brings_its_items_and_stops_at_the_last():
    passages = [
        "Er zijn twee eisen:\n- het doel is integratie;\n- minstens 30% is kansarm.\n\n"
        "Daarna volgt iets heel anders."
    ]
    picked = pick_sentences(
        "Welke eisen zijn er?", _candidates(passages, {"Er zijn twee eisen:": 0.9})
    )
    assert [(p.text, p.list_item) for p in picked][:3] == [
        ("Er zijn twee eisen:", False),
        ("het doel is integratie;", True),
        ("minstens 30% is kansarm.", True),
    ]


def test_extractive_answer_cites_only_quoted_passages_renumbered():
    from knowledge.answering import extractive_answer
    from knowledge.ranking import PickedSentence
    from knowledge.types import Citation

    citations = [
        Citation(n, f"T{n}", "S", f"src{n}", f"https://x/{n}", "", "tekst", 1.0) for n in (1, 2, 3)
    ]
    picked = [
        PickedSentence(2, 0, "Uit de derde."),
        PickedSentence(2, 1, "Er zijn eisen:"),
        PickedSentence(2, 2, "doel;", True),
    ]
    text, cited = extractive_answer(picked, citations, "nl")
    assert text == "Uit de derde. [1] Er zijn eisen [1]:\n• doel;"
    assert [(c.number, c.title) for c in cited] == [(1, "T3")]


@pytest.mark.parametrize(
    "question, kind",
    [
        ("Hoeveel banen zijn er?", "number"),
        ("Vanaf welk contractbedrag geldt het?", "number"),
        ("How long does it take?", "duration"),
        ("Hoe lang duurt een no-riskpolis?", "duration"),
        ("Hoeveel jaar krijg je het loonkostenvoordeel?", "duration"),
        ("Wanneer is de volgende bijeenkomst?", "date"),
        ("Wie is de contactpersoon?", "person"),
        ("Waar vindt de training plaats?", "place"),
        ("Hoe vaak moet de leverancier rapporteren?", "frequency"),
        ("How often do we report?", "frequency"),
        ("Where is the kick-off held?", "place"),
        ("Wat is social return?", None),
        ("Wat is het telefoonnummer van de jobcoach?", "phone"),
        ("What is her email address?", "email"),
        ("Wat kost de HACCP-cursus?", "money"),
        ("Hoeveel euro loonkostensubsidie?", "money"),
        ("Wat is het adres van het Werkplein?", "address"),
        ("Hoe laat begint de bijeenkomst van 11 juni?", "clock"),
    ],
)
def test_asked_kind(question, kind):
    assert asked_kind(question) == kind


@pytest.mark.parametrize(
    "question, texts, missing",
    [
        ("Wat is het telefoonnummer van de consulent?", ["Telefoon: (0570) 69 42 10"], False),
        ("Wat is het telefoonnummer van de consulent?", ["De consulent helpt u gratis."], True),
        ("Op welk mobiel nummer is zij bereikbaar?", ["Bel haar op 06-12345678."], False),
        ("Wat kost de cursus?", ["De cursus is gratis voor deelnemers."], False),
        ("Wat kost de cursus?", ["De cursus duurt twee dagen."], True),
        ("Wat verdient een schoonmaker?", ["Het contract is € 4,2 miljoen waard."], False),
        ("Wat is het adres van het Werkplein?", ["Het Werkplein helpt werkgevers."], True),
        ("Wat is het adres van het Werkplein?", ["Bezoekadres: Stationsplein 4, 7411 HB"], False),
        ("Wat is het adres van het stadskantoor?", ["Bezoekadres: Stadsplateau 1, Utrecht"], False),
        ("Hoe laat begint de bijeenkomst?", ["De bijeenkomst begint om 10.00 uur."], False),
        ("Hoe laat begint de bijeenkomst?", ["De bijeenkomst is op 16 mei."], True),
        ("What is her email address?", ["Mail naar sroi@oosterveld.nl."], False),
        ("Wanneer is de bijeenkomst?", ["Geen datum hier."], False),  # not a strict kind
        ("Moet ik UWV bellen als mijn werknemer ziek is?", ["Meld het bij UWV."], False),
    ],
)
def test_a_fact_with_a_shape_of_its_own_must_be_in_the_passages(question, texts, missing):
    from knowledge.ranking import fact_missing

    assert fact_missing(question, texts) is missing


@pytest.mark.parametrize(
    "sentence, leans",
    [
        ("Dat bepaalt het doelgroepregister.", True),
        ("Dit geldt ook voor de gemeente.", True),
        ("Het geldt voor vijf jaar.", True),
        ("Het doelgroepregister wordt bijgehouden door UWV.", False),
        ("Daarnaast is er een bonus.", True),
        ("It lasts five years.", True),
        ("UWV betaalt.", False),
        ("Voor andere werknemers geldt de no-riskpolis maximaal 5 jaar.", True),
        ("Andere werkgevers doen dat ook.", True),
        ("For other employees it lasts five years.", True),
        ("Anderen noemen het SROI.", False),
    ],
)
def test_leans_on_previous(sentence, leans):
    assert leans_on_previous(sentence) is leans


@pytest.mark.parametrize(
    "sentence, holds",
    [
        ("Voor andere werknemers geldt de polis maximaal 5 jaar.", True),
        ("Dan geldt de no-riskpolis zolang de werknemer werkt.", True),
        ("Een werkgever krijgt een half jaar begeleiding.", True),
        ("De no-riskpolis beschermt een werkgever tegen de kosten van ziekte.", False),
        ("Er zijn 3 soorten loonkostenvoordeel.", False),
    ],
)
def test_a_duration_is_a_length_of_time_not_any_number(sentence, holds):
    from knowledge.ranking import holds_kind

    assert bool(holds_kind(sentence, "duration")) is holds


@pytest.mark.parametrize(
    "sentence, holds",
    [
        ("De leverancier levert per kwartaal een registratie aan.", True),
        ("Twee keer per jaar is er een resultaatgesprek.", True),
        ("Het overleg is maandelijks.", True),
        ("Elke week belt de jobcoach.", True),
        ("De leverancier levert een registratie aan.", False),
        ("Het contract loopt vier jaar.", False),
        ("Per 1 december gaat de dagschoonmaak in.", False),
    ],
)
def test_a_frequency_is_how_often_not_any_number(sentence, holds):
    from knowledge.ranking import holds_kind

    assert bool(holds_kind(sentence, "frequency")) is holds


@pytest.mark.parametrize(
    "sentence, kind, strength",
    [
        ("Datum: donderdag 16 mei, van 13.00 tot 16.30 uur", "date", 2),
        ("Op donderdag 16 mei is de training.", "date", 1),
        ("Locatie: Bezuidenhoutseweg 73, Den Haag", "place", 2),
        ("Voorzitter: Anouk de Graaf (BZK)", "person", 2),
        ("3. Deadline: 31 maart 2025", "date", 2),
        ("Kosten: 2.400 euro per persoon", "date", 0),
        ("Kosten: 2.400 euro per persoon", "number", 1),
        ("De training gaat over werkinstructies.", "place", 0),
        ("1.   : geen label", "date", 0),
        ("Frequentie: elk kwartaal", "frequency", 2),
    ],
)
def test_a_line_labelled_with_what_is_asked_counts_double(sentence, kind, strength):
    from knowledge.ranking import holds_kind

    assert holds_kind(sentence, kind) == strength


@pytest.mark.parametrize(
    "sentence, question, labelled",
    [
        ("Contractwaarde: ongeveer 4,2 miljoen euro", "wat is de contractwaarde?", True),
        ("Social return: 5 procent", "hoeveel social return zit erin?", True),
        ("Social return: 5 procent", "hoeveel return?", False),  # the label's words: all of them
        ("De contractwaarde is 4,2 miljoen euro.", "wat is de contractwaarde?", False),
    ],
)
def test_a_line_labelled_with_the_questions_words(sentence, question, labelled):
    from knowledge.ranking import labelled_with

    assert labelled_with(sentence, set(tokenize(question))) is labelled


def test_fuse_scores_puts_an_added_passage_on_the_scale_of_built_in_ones():
    import numpy as np

    # passage 0: built-in, its alternative question is close; passage 1: an added document's
    # passage (no questions) that holds the question's rare words.
    passage = np.array([0.86, 0.88])
    question = np.array([0.95, -1.0])
    bm25 = np.array([1.0, 9.0])
    document = np.array([2.0, 9.0])
    weights = FusionWeights()
    hybrid = fuse_scores(passage, question, bm25, document, weights)
    assert hybrid[0] == pytest.approx(0.95 - weights.question_offset + 0.02 * (1 / 9 + 2 / 9))
    assert hybrid[1] == pytest.approx(0.88 + 0.04)
    assert hybrid[1] > hybrid[0]
    dense = fuse_scores(passage, question, bm25, document, weights, mode="dense")
    assert list(dense) == pytest.approx([0.90, 0.88])
    only_words = fuse_scores(
        passage, question, np.array([0.0, 3.0]), document, weights, mode="bm25"
    )
    assert only_words[0] == 0 and only_words[1] > 0


@pytest.mark.parametrize(
    ("passage", "sentence", "closeness"),
    [
        (0.80, 0.86, 0.85),  # the sentence with the fact is closer than its passage
        (0.84, 0.84, 0.84),  # a one-sentence passage: its own vector counts
        (0.84, -1.0, 0.84),  # no stored sentences
        (0.84, 0.845, 0.84),  # a hair closer does not beat the passage
    ],
)
def test_passage_closeness_takes_its_closest_sentence(passage, sentence, closeness):
    import numpy as np

    from knowledge.ranking import passage_closeness

    weights = FusionWeights(sentence_offset=0.01)
    got = passage_closeness(np.array([passage]), np.array([sentence]), weights)
    assert got[0] == pytest.approx(closeness)


@pytest.mark.parametrize(
    ("question", "dutch"),
    [
        ("What is the target of the pilot?", "doel doelstelling streefcijfer proeftuin"),
        ("Who chaired the meeting?", "voorzitter bijeenkomst overleg vergadering"),
        ("Who is the contact person?", "contactpersoon contact"),
        ("Wat is het doel?", ""),  # no English word of the glossary
    ],
)
def test_dutch_terms_of_an_english_question(question, dutch):
    from knowledge.scope import shipped_glossary
    from knowledge.text import dutch_terms

    assert dutch_terms(question, shipped_glossary()) == dutch


def test_read_glossary_skips_comments_and_blank_lines():
    from knowledge.text import read_glossary

    assert read_glossary("# note\n\nTarget: doel doelstelling\nbad line\n") == {
        "target": ("doel", "doelstelling")
    }


def test_an_english_questions_dutch_words_pick_the_sentence_that_says_it_in_dutch():
    passages = ["Iedereen was aanwezig om tien uur. Voorzitter Anna opent de bijeenkomst."]
    similarities = {
        "Iedereen was aanwezig om tien uur.": 0.82,
        "Voorzitter Anna opent de bijeenkomst.": 0.80,
    }
    candidates = _candidates(passages, similarities)
    picked = pick_sentences("Who chaired it?", candidates, None, AnswerLimits(sentences=1))
    assert [p.text for p in picked] == ["Iedereen was aanwezig om tien uur."]
    picked = pick_sentences(
        "Who chaired it?", candidates, None, AnswerLimits(sentences=1), extra_words="voorzitter"
    )
    assert [p.text for p in picked] == ["Voorzitter Anna opent de bijeenkomst."]
