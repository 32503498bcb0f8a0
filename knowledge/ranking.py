"""Pure ranking logic: fusing rankings, deciding relevance, picking answer sentences."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .text import split_sentences, tokenize


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[str]], *, k: int = 60, weights: Sequence[float] | None = None
) -> list[tuple[str, float]]:
    """Fuse ranked id lists (Cormack et al. 2009).

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
    """Tuned on tests/eval/kennisbank.jsonl with `vonkje eval --sweep`; see README."""

    dense: float = 0.895  # this close in meaning: answer
    dense_known_words: float = 0.85  # close, and the question's words are known here
    unknown_words: float = 0.15  # at most this share of words the index never saw
    words_only: float = 0.6  # BM25 without embeddings (benchmark baseline): token coverage


def is_relevant(
    dense: float | None, lexical: float, unknown: float, thresholds: RelevanceThresholds
) -> bool:
    """Answer only when a passage, or a question it answers, is close in meaning.

    Questions about things the knowledge base never mentions ("vakantiedagen", "cao") often
    land close to a passage anyway; words the index has never seen tip those to a refusal.
    """
    if dense is None:
        return lexical >= thresholds.words_only
    if dense >= thresholds.dense:
        return True
    return dense >= thresholds.dense_known_words and unknown <= thresholds.unknown_words


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
