"""Turning retrieved passages into an answer: extractive by default, texts in Dutch or English."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .ranking import PickedSentence
from .types import Citation, ScoredChunk

MAX_PASSAGES = 3
_NUMBERED = re.compile(r"\d+[.)]\s")  # "1. als contractvoorwaarde" keeps its own number

TEXTS = {
    "nl": {
        "refusal": (
            "Dat kan ik niet vinden in de kennisbank. Stel je vraag gerust aan de "
            "coördinator van je proeftuin, of probeer het met andere woorden."
        ),
        "intro": "",
        "sources": "Bronnen",
        "stand_per": "stand per",
        "link": "bron",
    },
    "en": {
        "refusal": (
            "I can't find that in the knowledge base. Please ask the coordinator of your "
            "proeftuin, or try other words."
        ),
        "intro": "From the (Dutch) sources in the knowledge base:\n",
        "sources": "Sources",
        "stand_per": "as of",
        "link": "source",
    },
}


def texts(language: str) -> dict[str, str]:
    return TEXTS.get(language, TEXTS["nl"])


def citations_for(passages: Sequence[ScoredChunk]) -> list[Citation]:
    return [
        Citation(
            number=i + 1,
            title=p.chunk.title,
            section=p.chunk.section,
            source=p.chunk.source,
            url=p.chunk.url,
            stand_per=p.chunk.stand_per,
            text=p.chunk.text,
            score=round(p.score, 4),
        )
        for i, p in enumerate(passages[:MAX_PASSAGES])
    ]


def extractive_answer(
    picked: Sequence[PickedSentence], citations: Sequence[Citation], language: str
) -> tuple[str, tuple[Citation, ...]]:
    """The picked sentences, each followed by its citation; only the passages quoted are
    returned as sources, numbered in the order they are first quoted."""
    numbers: dict[int, int] = {}
    for sentence in picked:
        numbers.setdefault(sentence.passage_index, len(numbers) + 1)
    text = ""
    for sentence in picked:
        number = numbers[sentence.passage_index]
        if sentence.list_item:
            bullet = "" if _NUMBERED.match(sentence.text) else "• "
            text += f"\n{bullet}{sentence.text}"
        elif sentence.text.endswith(":"):
            text += f"{_separator(text)}{sentence.text[:-1]} [{number}]:"
        else:
            text += f"{_separator(text)}{sentence.text} [{number}]"
    cited = tuple(replace(citations[index], number=number) for index, number in numbers.items())
    return texts(language)["intro"] + text, cited


def _separator(text: str) -> str:
    """A new line after a list, a space between sentences."""
    if not text:
        return ""
    last_line = text.rsplit("\n", 1)[-1]
    return "\n" if "\n" in text and not last_line.endswith("]") else " "


def format_sources(citations: Sequence[Citation], language: str) -> str:
    """A plain-text source list: number, title › section, stand per, and one link."""
    words = texts(language)
    lines = [f"{words['sources']}:"]
    for c in citations:
        heading = f"{c.title} › {c.section}" if c.section else c.title
        when = f" ({words['stand_per']} {c.stand_per})" if c.stand_per else ""
        lines.append(f"[{c.number}] {heading}{when} — {c.link or c.source}")
    return "\n".join(lines)
