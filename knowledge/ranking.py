"""Pure ranking logic: fusing rankings, deciding relevance, picking answer sentences."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .text import split_sentences, tokenize


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[str]], *, k: int = 60, weights: Sequence[float] | None = None
) -> list[tuple[str, float]]:
    """Fuse ranked id lists (Cormack et al. 2009); a smaller k favours each list's top items
    over items that all lists rank middling.

    Written here rather than using langchain's EnsembleRetriever because that one returns
    documents without scores, and the refusal decision needs the dense and lexical scores
    of each fused passage.
    """
    weights = weights or [1.0] * len(rankings)
    fused: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank + 1)
    return sorted(fused.items(), key=lambda pair: pair[1], reverse=True)


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
        return close >= t.floor and close - evidence.out_of_scope >= margin
    dense = max(s for s in (evidence.passage, evidence.question) if s is not None)
    if dense >= t.dense:
        return True
    return dense >= t.dense_known_words and evidence.unknown <= t.unknown_words


@dataclass(frozen=True)
class PickedSentence:
    passage_index: int
    position: int
    text: str
    list_item: bool = False  # follows a picked sentence that announced a list


_META = ("dit document", "this document", "in dit stuk")


def pick_sentences(
    question: str, passages: Sequence[str], *, max_sentences: int = 3, max_chars: int = 700
) -> list[PickedSentence]:
    """The sentences that best answer the question, at least one from the best passage.

    Scored by shared stemmed tokens with a bonus for better-ranked passages and earlier
    sentences; with no shared token (a paraphrase) the opening of the best passage is used.
    Sentences about the document itself answer nothing and are left out; a sentence that
    announces a list (ends with ':') brings its list items along.
    """
    query = set(tokenize(question))
    split = [split_sentences(passage) for passage in passages]
    candidates: list[tuple[float, PickedSentence]] = []
    for p_index, sentences in enumerate(split):
        for s_index, sentence in enumerate(sentences):
            if any(marker in sentence.lower() for marker in _META):
                continue
            overlap = len(query & set(tokenize(sentence)))
            score = overlap + 0.5 / (1 + p_index) + 0.2 / (1 + s_index)
            candidates.append((score, PickedSentence(p_index, s_index, sentence)))
    if not candidates:
        return []
    candidates.sort(key=lambda pair: pair[0], reverse=True)
    picked: list[PickedSentence] = []
    length = 0
    for score, sentence in candidates:
        if len(picked) >= max_sentences:
            break
        if picked and (score < 1 or length + len(sentence.text) > max_chars):
            continue
        picked.append(sentence)
        length += len(sentence.text)
    if all(s.passage_index != 0 for s in picked):
        best_first = next(s for _, s in candidates if s.passage_index == 0)
        picked = [best_first, *picked[: max_sentences - 1]]
    return _with_list_items(sorted(picked, key=lambda s: (s.passage_index, s.position)), split)


def _with_list_items(
    picked: list[PickedSentence], split: Sequence[Sequence[str]], most: int = 6
) -> list[PickedSentence]:
    result: list[PickedSentence] = []
    for sentence in picked:
        if sentence in result:
            continue
        result.append(sentence)
        if sentence.text.endswith(":"):
            following = split[sentence.passage_index][sentence.position + 1 :][:most]
            for n, item in enumerate(following):
                position = sentence.position + 1 + n
                result.append(PickedSentence(sentence.passage_index, position, item, True))
                if item.endswith("."):  # a list's last item closes with a full stop
                    break
    seen: set[tuple[int, int]] = set()
    unique = []
    for sentence in result:
        if (sentence.passage_index, sentence.position) not in seen:
            seen.add((sentence.passage_index, sentence.position))
            unique.append(sentence)
    return unique
