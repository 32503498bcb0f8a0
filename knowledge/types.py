"""Value types shared by the knowledge modules."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Chunk:
    """One indexed passage of a document, with what a citation needs."""

    id: str
    source: str
    doc_hash: str
    position: int
    title: str
    section: str
    text: str
    url: str = ""  # the section's own source if it has one, else the document's first
    stand_per: str = ""
    aliases: tuple[str, ...] = ()  # other phrasings of the questions this passage answers

    @property
    def heading(self) -> str:
        return f"{self.title} › {self.section}" if self.section else self.title

    @property
    def indexed_text(self) -> str:
        """What is embedded and BM25-indexed: the heading gives a passage its context."""
        return f"{self.heading}\n{self.text}"

    @property
    def lexical_text(self) -> str:
        """What BM25 indexes: the passage and the questions it answers."""
        return "\n".join([self.indexed_text, *self.aliases])


@dataclass(frozen=True)
class ScoredChunk:
    chunk: Chunk
    score: float  # fused score, used for ordering only
    dense: float = 0.0  # cosine similarity of query and passage, 0 when not retrieved densely
    lexical: float = 0.0  # share of the query's content tokens found in the passage


@dataclass(frozen=True)
class Citation:
    number: int
    title: str
    section: str
    source: str
    url: str
    stand_per: str
    text: str
    score: float

    @property
    def link(self) -> str:
        """The one link shown: the passage's own source (the first, for older indexes)."""
        first = self.url.split("\n")[0] if self.url else ""
        return first if first.startswith(("http://", "https://")) else ""


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    text: str
    language: str
    citations: tuple[Citation, ...] = ()
    via: str = "extractive"  # or "llm" / "curated"
    ms: float = 0.0
