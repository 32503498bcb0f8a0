"""Pure text helpers: Dutch-stemmed tokens, sentences, language and follow-up questions.

No I/O here; the retriever, the extractive answerer and the bot all share these rules.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

# Numbers keep their decimal comma and percent sign ("25,5", "1,93%") because participants
# search for exactly those figures; "€" is dropped, the amount stays.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+", re.UNICODE)

DUTCH_STOPWORDS = frozenset(
    """aan al als alle alles ben bij daar dan dat de der deze die dit doe doen door dus een en er
    ge geen had heb hebben heeft het hier hij hoe hun ik in is je jij kan kun kunnen maar me meer
    men met mij mijn moet na naar niet niets nog nu of om omdat ons onze ook op over te tegen toch
    tot u uit uw van veel voor waar wat we wel werd wie wij wil worden wordt zal ze zelf zich zij
    zijn zo zonder zou welke welk wanneer waarom hoeveel hoe mag mogen iets iemand er ervan
    erbij""".split()
)
ENGLISH_STOPWORDS = frozenset(
    """a an and are as at be been but by can could do does did for from had has have how i if in
    into is it its me my no not of on or our should so than that the their them then there these
    they this to too us was we were what when where which who whom why will with would you your
    about any many much""".split()
)
STOPWORDS = DUTCH_STOPWORDS | ENGLISH_STOPWORDS

# A sentence ends at . ! ? before a capital, and at a line break unless the next line goes on
# in lower case (a wrapped sentence): in plain text, DOCX and PDF a line is a heading, a list
# item or a paragraph of its own.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9À-Ý€\"'(])|\s*\n(?![ \t]*[a-zß-ÿ])\s*")
_EMPHASIS = re.compile(r"\*\*|__")
# A full stop after these is no sentence end: "werkgroepoverleg nr. 5", "mevr. K.", "bijv. 3".
_ABBREVIATION_END = re.compile(
    r"\b(nr|mevr|dhr|mr|mw|drs|ir|dr|ing|prof|ca|bijv|bv|b\.v|o\.a|m\.b\.t|t\.a\.v|i\.v\.m|"
    r"resp|incl|excl|max|min|art|jl|vs|tel|e\.d|etc|z\.s\.m|p\.p|st|[A-Z])\.$",
)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("dutch")


def fold(text: str) -> str:
    """Lower-case and strip accents, so "één" and "een", "Maatwerk" and "maatwerk" match."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def raw_tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def tokenize(text: str) -> list[str]:
    """Stemmed content tokens: what BM25 indexes and what sentence scoring compares."""
    words = [w for w in raw_tokens(text) if w not in STOPWORDS]
    return _stemmer().stemWords(words)


def read_glossary(text: str) -> dict[str, tuple[str, ...]]:
    """ "english: dutch dutch" per line; blank lines and `#` comments skipped."""
    glossary: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or ":" not in line:
            continue
        english, dutch = line.split(":", 1)
        glossary[fold(english.strip())] = tuple(dutch.split())
    return glossary


def dutch_terms(question: str, glossary: dict[str, tuple[str, ...]]) -> str:
    """The Dutch words of the glossary for an English question's words ("target" →
    "doel doelstelling streefcijfer"), each once: added to its word search, as a dictionary
    translation of the query; the meaning search is multilingual already."""
    words = (dutch for word in raw_tokens(question) for dutch in glossary.get(word, ()))
    return " ".join(dict.fromkeys(words))


_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]+(?=\S)")
_BULLET = re.compile(r"^[ \t]*[-*•][ \t]+")
_STEP = re.compile(r"\d{1,2}[.)] +")
MAX_ITEM = 300  # characters: a list item up to this long is one sentence, label and all


def split_sentences(text: str) -> list[str]:
    """Sentences, each readable on its own. A list item is one unit ("Receptie-assistent:
    bezoekers ontvangen … 28 uur per week."), so a figure is never shown without the label it
    belongs to; a longer item is cut into sentences that each keep the item's label."""
    sentences: list[str] = []
    prose: list[str] = []
    item: str | None = None  # the list item being read; an indented line continues it
    for line in text.split("\n"):
        if item is not None and line[:1] in (" ", "\t") and line.strip():
            item += " " + line.strip()
            continue
        if item is not None:
            sentences += _item_sentences(item)
            item = None
        if _LIST_ITEM.match(line):  # a bullet goes, a step keeps its number ("1. …")
            sentences += _prose_sentences("\n".join(prose))
            prose, item = [], _BULLET.sub("", line).strip()
        else:
            prose.append(line)
    if item is not None:
        sentences += _item_sentences(item)
    return sentences + _prose_sentences("\n".join(prose))


def _item_sentences(item: str) -> list[str]:
    item = " ".join(_EMPHASIS.sub("", item).split()).strip(" |")
    if len(item) <= MAX_ITEM:
        return [item] if len(item) > 1 else []
    # A step's number ("1. ") is no sentence of its own: cut off, it would be shown as "1."
    # and put the label twice on the step's first sentence.
    number = _STEP.match(item)
    step = number.group(0) if number else ""
    body = item[len(step) :]
    parts = _prose_sentences(body)
    if parts:
        parts[0] = step + parts[0]
    label, colon, _ = body.partition(":")
    if not colon or len(label) > 40:
        return parts
    return parts[:1] + [
        f"{step}{p}" if p.startswith(label) else f"{step}{label}: {p}" for p in parts[1:]
    ]


def _prose_sentences(text: str) -> list[str]:
    parts = [_EMPHASIS.sub("", p).strip(" \t\n-*•#|") for p in _SENTENCE_END.split(text)]
    merged: list[str] = []
    for part in parts:
        if merged and _ABBREVIATION_END.search(merged[-1]):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return [" ".join(p.split()) for p in merged if len(p) > 1]


def detect_language(text: str) -> str:
    """'en' when the text has clearly more English than Dutch function words, else 'nl'."""
    words = raw_tokens(text)
    english = sum(w in ENGLISH_STOPWORDS and w not in DUTCH_STOPWORDS for w in words)
    dutch = sum(w in DUTCH_STOPWORDS and w not in ENGLISH_STOPWORDS for w in words)
    return "en" if english > dutch else "nl"


_FOLLOW_UP_OPENERS = ("en ", "and ", "ook ", "wat als", "what about", "maar ", "but ", "en wat")
_QUESTION_WORDS = frozenset(
    "wat wie hoe waar wanneer waarom welke welk hoeveel kan mag moet is zijn "
    "what who how where when why which can does do is are".split()
)


def is_follow_up(question: str) -> bool:
    """A question that leans on the previous one: "en bij het Rijk?", "bij de gemeente?"."""
    folded = fold(question).strip()
    if folded.startswith(_FOLLOW_UP_OPENERS):
        return True
    words = raw_tokens(question)
    content = tokenize(question)
    return not content or (len(content) <= 2 and bool(words) and words[0] not in _QUESTION_WORDS)


def contextualize(question: str, previous: str | None) -> str:
    """The text to search with: the question, joined to the previous one when it is a follow-up."""
    if previous and is_follow_up(question):
        return f"{previous} {question}"
    return question
