"""Questions the knowledge base does not answer, kept as vectors for the refusal decision.

How close a question comes to the knowledge base says little on its own: "Hoe vraag ik een
WW-uitkering aan?" lands as close to a passage as a hard paraphrase that the passage does
answer. What separates them is which side it is closer to: the questions the passages answer
(their alias questions) or these examples of questions they do not. The examples ship in
`scope/buiten_bereik.txt`, written without sight of the eval sets.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import chromadb
from langchain_core.embeddings import Embeddings

from .text import read_glossary

COLLECTION = "vonkje_out_of_scope"


def shipped_examples() -> list[str]:
    text = resources.files("knowledge").joinpath("scope/buiten_bereik.txt").read_text("utf-8")
    return read_examples(text)


@lru_cache(maxsize=1)
def shipped_glossary() -> dict[str, tuple[str, ...]]:
    """English domain words and the Dutch words of the documents (scope/engels_nederlands.txt)."""
    text = resources.files("knowledge").joinpath("scope/engels_nederlands.txt").read_text("utf-8")
    return read_glossary(text)


def read_examples(text: str) -> list[str]:
    """One question per line; blank lines and `#` comments skipped, duplicates once."""
    lines = (line.strip() for line in text.splitlines())
    return list(dict.fromkeys(line for line in lines if line and not line.startswith("#")))


def example_id(question: str) -> str:
    return hashlib.sha1(question.encode("utf-8")).hexdigest()[:20]


class OutOfScope:
    def __init__(self, client: chromadb.ClientAPI, embeddings: Embeddings) -> None:
        self.embeddings = embeddings
        self._collection = client.get_or_create_collection(
            COLLECTION, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        self._count = self._collection.count()  # read once: every question asks for it

    def sync(self, questions: Sequence[str]) -> tuple[int, int]:
        """Make the stored examples equal to `questions`; returns (added, removed)."""
        wanted = {example_id(q): q for q in questions}
        stored = set(self._collection.get(include=[])["ids"])
        new = [(i, q) for i, q in wanted.items() if i not in stored]
        old = sorted(stored - wanted.keys())
        if new:
            self._collection.upsert(
                ids=[i for i, _ in new],
                documents=[q for _, q in new],
                # compared with questions, so embedded as questions (e5's `query: ` prefix)
                embeddings=[self.embeddings.embed_query(q) for _, q in new],
            )
        if old:
            self._collection.delete(ids=old)
        self._count = len(wanted)
        return len(new), len(old)

    def nearest(self, vector: Sequence[float]) -> float | None:
        """Cosine similarity of the closest example, or None when there are none."""
        if not self._count:
            return None
        found = self._collection.query(
            query_embeddings=[list(vector)], n_results=1, include=["distances"]
        )
        return 1.0 - float(found["distances"][0][0])
