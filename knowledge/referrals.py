"""Who does answer a near-domain question the knowledge base does not: WW → UWV, taxes →
Belastingdienst, a cao → its text or sector fund, bijstand → the gemeente.

The table is data (`scope/verwijzingen.yaml`); matching it is pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from .text import fold, raw_tokens


@dataclass(frozen=True)
class Referral:
    topic: str
    words: tuple[str, ...]  # folded; several words ("kamer van koophandel") match as a phrase
    texts: dict[str, str]  # language -> where to go

    def text(self, language: str) -> str:
        return self.texts.get(language) or self.texts["nl"]


def read_referrals(text: str) -> list[Referral]:
    rows = yaml.safe_load(text) or []
    return [
        Referral(
            topic=str(row["topic"]),
            words=tuple(fold(str(w)) for w in row["words"]),
            texts={"nl": str(row["nl"]), "en": str(row.get("en") or row["nl"])},
        )
        for row in rows
    ]


@lru_cache(maxsize=1)
def shipped_referrals() -> tuple[Referral, ...]:
    path = resources.files("knowledge").joinpath("scope/verwijzingen.yaml")
    return tuple(read_referrals(path.read_text("utf-8")))


def find_referral(question: str, referrals: Sequence[Referral]) -> Referral | None:
    """The first topic one of whose words starts a word of the question (or, for a phrase,
    occurs in it): "ww-uitkering" and "WW" both find UWV."""
    words = raw_tokens(question)
    parts = {piece for word in words for piece in word.split("-")} | set(words)
    joined = " ".join(words)
    for referral in referrals:
        for word in referral.words:
            if " " in word and f" {word} " in f" {joined} ":
                return referral
            if any(part == word or (len(word) >= 5 and part.startswith(word)) for part in parts):
                return referral
    return None


def refers_elsewhere(
    question: str, passages: Sequence[str], referrals: Sequence[Referral] | None = None
) -> bool:
    """The question is about a topic another organisation answers ("Hoe vraag ik WW aan?")
    and none of the passages found for it speaks of that topic: refuse, and say who does."""
    referral = find_referral(question, shipped_referrals() if referrals is None else referrals)
    return referral is not None and not any(
        find_referral(text, [referral]) is not None for text in passages
    )
