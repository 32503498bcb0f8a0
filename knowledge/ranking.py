"""Pure ranking logic: fusing rankings, deciding relevance, picking answer sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .text import fold, tokenize


@dataclass(frozen=True)
class FusionWeights:
    """How a passage's score is made: one dense similarity and two small lexical nudges.

    A passage's dense similarity is the best of its own vector (or its closest sentence, see
    `passage_closeness`) and, shifted down by
    `question_offset`, its closest alternative question: a question sits that much closer to
    another question than to a passage that answers it, so the shift puts both on the scale
    of passages, and a passage of an added document (no alternative questions) competes on
    equal terms. BM25 of the passage and of its whole document, each scaled to the query's
    best, then add a little: enough to lift a passage that holds the question's rare words
    ("KWARTELKONING", "Zoetermeer") over a passage that is only close in meaning.
    Chosen on the eval set and the dev documents set (tests/eval/README.md).
    """

    question_offset: float = 0.05
    # A passage is as close as its closest sentence, shifted down this much: the sentence
    # with the asked fact sits nearer a question than the passage around it ("En hoe lang
    # duurt dat?"). Chosen on the tuned sets (README, 2026-12-02): 0.005-0.01 is a plateau.
    sentence_offset: float = 0.01
    passage_bm25: float = 0.02
    document_bm25: float = 0.02
    # A coordinator's own answer to (all but) this very question beats a document's passage.
    own_answer: float = 0.05
    own_answer_from: float = 0.97


def passage_closeness(
    passage: np.ndarray, sentence: np.ndarray, weights: FusionWeights
) -> np.ndarray:
    """Per passage, the better of its own vector and its closest sentence (shifted down by
    `sentence_offset`); `sentence` holds -1 where a passage has no stored sentences."""
    return np.maximum(passage, sentence - weights.sentence_offset)


def fuse_scores(
    passage: np.ndarray,
    question: np.ndarray,
    passage_bm25: np.ndarray,
    document_bm25: np.ndarray,
    weights: FusionWeights,
    *,
    mode: str = "hybrid",
    curated: np.ndarray | None = None,
) -> np.ndarray:
    """One score per passage; `question` holds -1 where a passage has no questions;
    `curated` marks a coordinator's answers."""
    dense = np.maximum(passage, question - weights.question_offset)
    if curated is not None:
        dense = dense + weights.own_answer * (curated & (question >= weights.own_answer_from))
    if mode == "dense":
        return dense
    lexical = weights.passage_bm25 * _scaled(passage_bm25) + weights.document_bm25 * _scaled(
        document_bm25
    )
    if mode == "bm25":  # lexical only; passages without a shared token are left out
        return np.where(passage_bm25 > 0, _scaled(passage_bm25) + 0.5 * _scaled(document_bm25), 0)
    return dense + lexical


def _scaled(scores: np.ndarray) -> np.ndarray:
    top = float(scores.max()) if len(scores) else 0.0
    return scores / top if top > 0 else np.zeros_like(scores, dtype=float)


def lexical_coverage(query_tokens: Iterable[str], passage_tokens: Iterable[str]) -> float:
    """Share of the distinct query tokens that occur in the passage."""
    wanted = set(query_tokens)
    if not wanted:
        return 0.0
    return len(wanted & set(passage_tokens)) / len(wanted)


@dataclass(frozen=True)
class RelevanceThresholds:
    """Chosen on tests/eval/kennisbank.jsonl with `vonkje eval --sweep`, checked on
    tests/eval/kennisbank_heldout.jsonl; see README."""

    margin: float = 0.01  # this much closer to an answerable question than to an unanswerable one
    margin_many_unknown: float = 0.025  # ... when many of its words occur nowhere in the index
    many_unknown: float = 0.3  # share of such words that counts as many
    margin_words_found: float = 0.0  # ... when a top passage holds nearly all its words
    margin_passage_only: float = 0.03  # ... when what comes closest is a passage, not a question
    words_found: float = 0.75  # share of the question's words that counts as nearly all
    passage_offset: float = 0.05  # a question sits about this much closer to questions than to text
    certain: float = 0.97  # all but identical to a question answered here, e.g. a coordinator's
    floor: float = 0.83  # never answer below this closeness
    # Without examples of unanswerable questions (an index without the shipped ones):
    dense: float = 0.895  # this close in meaning: answer
    dense_known_words: float = 0.85  # close, and the question's words are known here
    unknown_words: float = 0.15  # at most this share of words the index never saw
    words_only: float = 0.6  # BM25 without embeddings (benchmark baseline): token coverage


@dataclass(frozen=True)
class Evidence:
    """What the refusal decision looks at; similarities are None without embeddings."""

    passage: float | None = None  # closest passage
    question: float | None = None  # closest question a passage answers (its aliases)
    out_of_scope: float | None = None  # closest example of a question nothing here answers
    lexical: float = 0.0  # best share of the question's tokens found in a top passage
    unknown: float = 0.0  # share of the question's tokens the index never saw

    def closeness(self, offset: float) -> float | None:
        """How close the question comes to something answered here, on the question scale."""
        passage = None if self.passage is None else self.passage + offset
        sims = [s for s in (self.question, passage) if s is not None]
        return max(sims) if sims else None


def is_relevant(evidence: Evidence, thresholds: RelevanceThresholds) -> bool:
    """Answer only when the question is closer to what the passages answer than to what they
    do not.

    Without examples of unanswerable questions, fall back to absolute thresholds: close in
    meaning, and few words the index never saw ("vakantiedagen", "cao").
    """
    t = thresholds
    close = evidence.closeness(t.passage_offset)
    if close is None:
        return evidence.lexical >= t.words_only
    if close >= t.certain:
        return True
    if evidence.out_of_scope is not None:
        # A new topic that no example covers ("een eigen logo op de bedrijfskleding") can sit
        # just closer to a passage; words never seen here then ask for a wider margin.
        margin = t.margin_many_unknown if evidence.unknown > t.many_unknown else t.margin
        if evidence.lexical >= t.words_found and evidence.unknown == 0:
            # "Wat moet ik doen als mijn werknemer ziek wordt?": every word is in a passage
            # that answers it, and an example about one's own sick leave is near as well.
            margin = min(margin, t.margin_words_found)
        from_passage = evidence.question is None or (
            evidence.passage is not None and evidence.passage + t.passage_offset > evidence.question
        )
        if from_passage:
            # Closest to a passage with no alternative questions (an added document): its
            # place names and topics draw unrelated questions ("droog weer in Apeldoorn?").
            margin = max(margin, t.margin_passage_only)
        return close >= t.floor and close - evidence.out_of_scope >= margin
    dense = max(s for s in (evidence.passage, evidence.question) if s is not None)
    if dense >= t.dense:
        return True
    return dense >= t.dense_known_words and evidence.unknown <= t.unknown_words


_REFERRING_START = re.compile(
    r"^(dat|dit|die|deze|daar\w*|hier(?:door|mee|bij|voor|van|in|om|op)|zo|ook dat|hij|zij|ze|"
    r"zulke|zo'n|this|that|these|those|it|they|such|there)\b"
    r"|^het\s+(is|was|zijn|geldt|gaat|kan|moet|mag|wordt|werd|heeft|had|betekent|blijft|hoeft)\b"
    # "Voor andere werknemers geldt …" contrasts with the sentence before: shown without it,
    # the answer says only what holds for the others
    r"|^((voor|bij|van)\s+(de\s+)?)?(andere|overige)\b|^(for\s+)?(the\s+)?other\b",
    re.IGNORECASE,
)
_LIST_QUESTION = re.compile(
    r"\b(welke|wat zijn de|noem|lijst|stappen|voorwaarden|onderdelen|soorten|vormen|"
    r"which|what are the|list|steps|conditions|kinds|types)\b",
    re.IGNORECASE,
)


_MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december "
    "january february march june july august october "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag "
    "monday tuesday wednesday thursday friday"
).split()
_ASKS = {  # what kind of fact a question asks for, and how to see it in a sentence
    # Facts that only a sentence of their own shape answers: a phone number, an e-mail
    # address, an amount of money, a street address, a time of day (see fact_missing)
    # the number itself, not "Moet ik UWV bellen?", which asks what to do
    "phone": re.compile(
        r"\b(telefoonnummer|telefoonnr|mobiele? nummer|06-nummer|op welk nummer|"
        r"(?:tele)?phone number|mobile number)\b",
        re.IGNORECASE,
    ),
    "email": re.compile(r"\b(e-?mail(?:adres)?|mailadres|email address|mail ik)\b", re.IGNORECASE),
    "money": re.compile(
        r"\b(wat verdien\w*|verdient|salaris|uurloon|maandloon|hoeveel euro|hoeveel geld|"
        r"wat kost\w*|kostte|kostten|wat zijn de kosten|prijs|tarief|"
        r"how much (?:does|did|do|is|are)\b.*\b(?:cost|pay|earn)|salary|wage|price|fee)\b",
        re.IGNORECASE,
    ),
    "address": re.compile(r"\b(adres|address|postcode|welke straat|which street)\b", re.IGNORECASE),
    "clock": re.compile(
        r"\b(hoe laat|om hoe laat|vanaf hoe laat|tot hoe laat|what time|at what time)\b",
        re.IGNORECASE,
    ),
    # "Hoe lang duurt een no-riskpolis?" asks for a duration, and "zolang de werknemer werkt"
    # is one too; any number ("een Wajong-uitkering") is not
    "duration": re.compile(
        r"\b(hoe lang|hoelang|how long|hoeveel (?:jaar|jaren|maanden|weken|dagen)|"
        r"welke (?:duur|periode|termijn)|looptijd|for how long)\b",
        re.IGNORECASE,
    ),
    # "Hoe vaak moet de leverancier rapporteren?" asks how often: "per kwartaal" has no number
    "frequency": re.compile(
        r"\b(hoe vaak|hoe regelmatig|met welke frequentie|welke frequentie|hoe dikwijls|"
        r"how often|how frequently)\b",
        re.IGNORECASE,
    ),
    "number": re.compile(
        r"\b(hoeveel|hoe ?veel|hoe hoog|hoe groot|welk percentage|"
        r"welk\w* (?:bedrag|contractbedrag|percentage|aandeel|deel|aantal)|"
        r"how many|how much|how high|what percentage)\b",
        re.IGNORECASE,
    ),
    "date": re.compile(
        r"\b(wanneer|vanaf wanneer|tot wanneer|welke datum|when|what date|"
        r"sinds wanneer|welk jaar|which year|what year)\b",
        re.IGNORECASE,
    ),
    "person": re.compile(
        r"\b(wie|who|whom|met wie|bij wie|contactpersoon|"
        r"aanspreekpunt|contact person)\b",
        re.IGNORECASE,
    ),
    "place": re.compile(
        r"\b(waar (?:is|was|vindt|vond|wordt|werd|zit)|where (?:is|was|will|does|did)|"
        r"op welke locatie|welke locatie|welk adres|in welke (?:stad|plaats|zaal))\b",
        re.IGNORECASE,
    ),
}
_HAS = {
    # "06-12345678", "(0570) 69 42 10", "+31 6 1234 5678", "030 123 4567"
    "phone": re.compile(r"(?:\+31[\s-]?(?:\(0\))?|\(0|\b0)\d{1,3}\)?(?:[\s-]?\d){6,8}\b"),
    "email": re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),
    "money": re.compile(
        r"€|\b\d[\d.,]*\s?(?:euro|eur|mln|miljoen)\b|\beuro\b|\b(gratis|kosteloos|"
        r"kosten(?:loos|vrij)|vergoed\w*|betaalt|betaald|free of charge|free|paid)\b",
        re.IGNORECASE,
    ),
    # a street and number, a postcode, or a line labelled as one ("Bezoekadres: Stadsplateau 1")
    "address": re.compile(
        r"\b[A-Z][\w.-]*(?:straat|weg|laan|plein|kade|gracht|singel|dijk|park|hof|plantsoen"
        r"|boulevard|markt|steeg)\s+\d+|\b\d{4}\s?[A-Z]{2}\b"
        r"|(?im:^\W*(?:bezoek|post)?adres\s*:\s*\S)|(?im:^\W*address\s*:\s*\S)"
    ),
    "clock": re.compile(
        r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?uur\b|\b\d{1,2}\s?(?:am|pm)\b", re.IGNORECASE
    ),
    "frequency": re.compile(
        r"\b(?:per|elke?|iedere?|eens per|om de|every|each)\s+(?:\w+\s+)?(?:dag|week|weken|"
        r"maand|maanden|kwartaal|jaar|halfjaar|day|week|month|quarter|year)\b|"
        r"\b(dagelijks|wekelijks|tweewekelijks|maandelijks|jaarlijks|halfjaarlijks|"
        r"driemaandelijks|daily|weekly|monthly|quarterly|yearly|annually|"
        r"(?:\d+|een|twee|drie|vier|vijf|zes)\s*(?:keer|maal|x)|once|twice)\b",
        re.IGNORECASE,
    ),
    "duration": re.compile(
        r"\b(?:\d+|een|twee|drie|vier|vijf|zes|half|anderhalf)\s*(?:jaar|jaren|maand|maanden|"
        r"week|weken|dag|dagen|years?|months?|weeks?|days?)\b|\b(zolang|onbepaalde tijd|"
        r"blijvend|levenslang|permanent|as long as|so long as|indefinitely)\b",
        re.IGNORECASE,
    ),
    "number": re.compile(
        r"\d|\b(een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|"
        r"half|helft|kwart|procent)\b",
        re.IGNORECASE,
    ),
    "date": re.compile(
        r"\b(\d{1,2}[-/ ]\d{1,2}|\d{4}|" + "|".join(_MONTHS) + r")\b", re.IGNORECASE
    ),
    "person": re.compile(r"(?<!^)(?<![.!?] )\b[A-Z][a-zé]+ (?:[a-z]{1,3} )*[A-Z][a-zé]+"),
}


_MUST_SHOW = ("phone", "email", "money", "address", "clock")


def fact_missing(question: str, texts: Iterable[str]) -> bool:
    """The question asks for a fact with a shape of its own (a phone number, an amount, an
    address, a time of day) and none of the texts holds one: "Wat is het telefoonnummer van
    de jobcoach?" is then not answered by a sentence about the jobcoach."""
    kind = asked_kind(question)
    return kind in _MUST_SHOW and not any(_HAS[kind].search(text) for text in texts)


def asked_kind(question: str) -> str | None:
    """What kind of fact the question asks for ('duration', 'frequency', 'number', 'date',
    'person', 'place'), or None."""
    return next((kind for kind, pattern in _ASKS.items() if pattern.search(question)), None)


_LABELS = {  # a report's "Datum: 14 januari" line is the answer to "wanneer ...?"
    "date": ("datum", "data", "wanneer", "tijd", "tijdstip", "periode", "deadline", "date", "when"),
    "frequency": ("frequentie", "frequency", "ritme", "cyclus"),
    "person": (
        "voorzitter",
        "notulist",
        "notulen",
        "verslag",
        "contactpersoon",
        "aanspreekpunt",
        "aanwezig",
        "organisatie",
        "chair",
        "minutes",
        "contact",
    ),
    "place": ("locatie", "plaats", "adres", "waar", "location", "venue", "address", "where"),
    "address": ("adres", "bezoekadres", "postadres", "address"),
}
_LABEL = re.compile(r"^(?:\d{1,2}[.)] +)?([^:]{2,30}):\s+\S")


def labelled_with(sentence: str, query_tokens: set[str]) -> bool:
    """A "Contractwaarde: 4,2 miljoen euro" line for "wat is de contractwaarde?": the line's
    label is words of the question."""
    label = _LABEL.match(sentence)
    words = set(tokenize(label.group(1))) if label else set()
    return bool(words) and words <= query_tokens


def holds_kind(sentence: str, kind: str | None) -> float:
    """1 when the sentence holds what the question asks for (a date, a number, ...), 2 when
    it is a line labelled with it ("Datum: …", "Locatie: …"), else 0."""
    if kind is None:
        return 0.0
    label = _LABEL.match(sentence)
    first = fold(label.group(1)).split()[:1] if label else []
    if first and first[0] in _LABELS.get(kind, ()):
        return 2.0
    return float(kind in _HAS and bool(_HAS[kind].search(sentence)))


def leans_on_previous(sentence: str) -> bool:
    """Opens with a word that points back ("Dat bepaalt ...", "Het geldt ..."), so it cannot
    be shown without the sentence before it."""
    return bool(_REFERRING_START.match(sentence.strip()))


def asks_for_list(question: str) -> bool:
    return bool(_LIST_QUESTION.search(question))


@dataclass(frozen=True)
class SentenceCandidate:
    passage_index: int  # 0 = best passage
    position: int  # place in the passage
    text: str
    similarity: float  # cosine of the question and the sentence vector


@dataclass(frozen=True)
class PickedSentence:
    passage_index: int
    position: int
    text: str
    list_item: bool = False  # follows a picked sentence that announced a list


@dataclass(frozen=True)
class AnswerLimits:
    """Chosen on the eval set and the dev documents set."""

    sentences: int = 3
    chars: int = 500
    list_chars: int = 1000  # a question that asks for a list or steps may get a longer answer
    within: float = 0.06  # a sentence joins the best one when it scores at most this much lower
    word_weight: float = 0.06  # weight of the share of the question's words a sentence has
    kind_weight: float = 0.06  # the sentence holds what the question asks for (a number, ...)
    passage_weight: float = 0.1  # the best passage's sentences come first, unless far worse
    # e5 puts any two sentences on one topic at 0.90-0.94, so only near-identical vectors
    # count; a shorter sentence whose words are mostly in another one repeats it too.
    duplicate: float = 0.97
    duplicate_words: float = 0.7


_META = ("dit document", "this document", "in dit stuk")


def _answers_something(sentence: str) -> bool:
    """Not a heading ("Het contract"), a question, a fragment cut off at the start of a
    passage ("initiatieven zoals ...") or a sentence about the document itself."""
    if any(marker in sentence.lower() for marker in _META) or sentence.endswith("?"):
        return False
    if sentence[:1].islower():
        return False
    return len(sentence.split()) >= 4 or any(ch.isdigit() for ch in sentence)


def pick_sentences(
    question: str,
    candidates: Sequence[SentenceCandidate],
    vectors: np.ndarray | None = None,
    limits: AnswerLimits = AnswerLimits(),
    *,
    extra_words: str = "",
) -> list[PickedSentence]:
    """The sentences that answer the question: chosen by meaning (the sentence vectors'
    similarity) and by shared words, in passage order, each readable on its own.

    A sentence that points back ("Dat ...") brings the sentence before it, or is left out;
    near-duplicates are left out; a sentence that announces a list (ends with ':') brings its
    items along.
    """
    query = set(tokenize(question)) | set(tokenize(extra_words))  # and an English one's Dutch
    by_place = {(c.passage_index, c.position): n for n, c in enumerate(candidates)}

    kind = asked_kind(question)
    scores = [
        c.similarity
        + (limits.word_weight * len(query & set(tokenize(c.text))) / len(query) if query else 0)
        + limits.kind_weight * max(holds_kind(c.text, kind), 2 * labelled_with(c.text, query))
        + limits.passage_weight / (1 + c.passage_index)
        for c in candidates
    ]
    score = scores.__getitem__  # computed once: sorting and the loop below ask often

    usable = [n for n, c in enumerate(candidates) if _answers_something(c.text)]
    if not usable:
        return []
    ranked = sorted(usable, key=score, reverse=True)
    wants_list = asks_for_list(question)
    budget = limits.list_chars if wants_list else limits.chars
    chosen: list[int] = []

    def with_referent(n: int) -> list[int] | None:
        c = candidates[n]
        if not leans_on_previous(c.text):
            return [n]
        before = by_place.get((c.passage_index, c.position - 1))
        if before is None:
            return None
        chain = with_referent(before)
        return None if chain is None else [*chain, n]

    best_score = score(ranked[0])
    for n in ranked:
        if len(chosen) >= limits.sentences:
            break
        if chosen and score(n) < best_score - limits.within:
            break
        if n in chosen or _repeats(n, chosen, candidates, vectors, limits):
            continue
        group = [m for m in (with_referent(n) or []) if m not in chosen]
        if not group:
            continue
        length = sum(len(candidates[m].text) for m in chosen + group)
        if chosen and (length > budget or len(chosen) + len(group) > limits.sentences + 1):
            continue
        chosen.extend(group)
    if not chosen:  # every sentence points back to one we do not have: show the best as is
        chosen = [ranked[0]]
    picked = sorted(
        (
            PickedSentence(candidates[n].passage_index, candidates[n].position, candidates[n].text)
            for n in chosen
        ),
        key=lambda s: (s.passage_index, s.position),
    )
    return _with_list_items(picked, candidates, by_place)


def _repeats(n, chosen, candidates, vectors, limits: AnswerLimits) -> bool:
    words = set(tokenize(candidates[n].text))
    for m in chosen:
        if vectors is not None and float(vectors[n] @ vectors[m]) >= limits.duplicate:
            return True
        other = set(tokenize(candidates[m].text))
        shorter = min(len(words), len(other))
        if shorter >= 3 and len(words & other) / shorter >= limits.duplicate_words:
            return True
    return False


def _with_list_items(
    picked: list[PickedSentence],
    candidates: Sequence[SentenceCandidate],
    by_place: dict[tuple[int, int], int],
    most: int = 8,
) -> list[PickedSentence]:
    result: list[PickedSentence] = []
    for sentence in picked:
        result.append(sentence)
        if sentence.text.endswith(":"):
            for step in range(1, most + 1):
                n = by_place.get((sentence.passage_index, sentence.position + step))
                if n is None:
                    break
                item = candidates[n].text
                result.append(
                    PickedSentence(sentence.passage_index, sentence.position + step, item, True)
                )
                if item.endswith("."):  # a list's last item closes with a full stop
                    break
    seen: set[tuple[int, int]] = set()
    unique = []
    for sentence in result:
        if (sentence.passage_index, sentence.position) not in seen:
            seen.add((sentence.passage_index, sentence.position))
            unique.append(sentence)
    return unique
