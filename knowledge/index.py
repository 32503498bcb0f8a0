"""The index: passages in Chroma, a manifest of committed documents, and a BM25 view.

Chroma has no transactions, so each document is written in steps and the manifest record is
the commit point: readers only see passages whose `doc_hash` is the committed hash of their
source. A document whose record still has `pending` set was interrupted mid-ingest; ingesting
it again completes it. Everything lives in Chroma, so bot processes that share a Chroma server
(`VONKJE_CHROMA_URL`) share the same index, manifest included.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import bm25s
import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from .text import tokenize
from .types import Chunk

log = logging.getLogger(__name__)

CHUNKS = "vonkje_chunks"
ALIASES = "vonkje_aliases"  # one vector per alternative question, pointing at its passage
MANIFEST = "vonkje_manifest"
_GENERATION = "__generation__"
_PAGE = 2000
RECHECK_SECONDS = 1.0  # how stale another process's commit may look to this one


@dataclass(frozen=True)
class DocumentRecord:
    source: str
    title: str
    doc_hash: str
    chunks: int
    indexed_at: str
    origin: str = ""  # the folder the file was ingested from, to notice removed files
    pending: str = ""  # hash of a write that has not finished

    def to_metadata(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "source"}


def connect(data_dir: Path | None, chroma_url: str | None = None) -> chromadb.ClientAPI:
    settings = ChromaSettings(anonymized_telemetry=False)
    if chroma_url:
        from urllib.parse import urlparse

        url = urlparse(chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "localhost",
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=settings,
        )
    if data_dir is None:
        return chromadb.EphemeralClient(settings=settings)
    return chromadb.PersistentClient(path=str(Path(data_dir) / "chroma"), settings=settings)


def _chunk_from(document: str, metadata: dict, chunk_id: str) -> Chunk:
    _, _, text = document.partition("\n")
    return Chunk(
        id=chunk_id,
        source=metadata["source"],
        doc_hash=metadata["doc_hash"],
        position=int(metadata["position"]),
        title=metadata.get("title", ""),
        section=metadata.get("section", ""),
        text=text,
        url=metadata.get("url", ""),
        stand_per=metadata.get("stand_per", ""),
        aliases=tuple(a for a in metadata.get("aliases", "").split("\n") if a),
    )


class Index:
    def __init__(self, client: chromadb.ClientAPI, embeddings: Embeddings) -> None:
        self.client = client
        self.embeddings = embeddings
        # Our embeddings are passed everywhere: Chroma's default function would try to download.
        self.vectors = Chroma(
            collection_name=CHUNKS,
            embedding_function=embeddings,
            client=client,
            collection_configuration={"hnsw": {"space": "cosine"}},
        )
        self._chunks = client.get_or_create_collection(CHUNKS, embedding_function=None)
        self._aliases = client.get_or_create_collection(
            ALIASES, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        self._manifest = client.get_or_create_collection(MANIFEST, embedding_function=None)
        self.batch_size = 64
        self._lock = threading.Lock()
        self._lexical: _LexicalView | None = None
        self._checked_at = 0.0

    # -- manifest -------------------------------------------------------------------------

    def documents(self) -> dict[str, DocumentRecord]:
        got = self._manifest.get(include=["metadatas"])
        records = {}
        for source, meta in zip(got["ids"], got["metadatas"], strict=True):
            if source != _GENERATION:
                records[source] = DocumentRecord(source=source, **meta)
        return records

    def generation(self) -> str:
        got = self._manifest.get(ids=[_GENERATION], include=["metadatas"])
        return got["metadatas"][0]["value"] if got["ids"] else ""

    def _put_records(self, records: Sequence[DocumentRecord], *, bump: bool) -> None:
        ids = [r.source for r in records]
        metas = [r.to_metadata() for r in records]
        if bump:
            ids.append(_GENERATION)
            metas.append({"value": uuid.uuid4().hex})
        if ids:
            self._manifest.upsert(ids=ids, metadatas=metas, embeddings=[[1.0]] * len(ids))

    # -- writing --------------------------------------------------------------------------

    def write_document(
        self,
        record: DocumentRecord,
        chunks: Sequence[Chunk],
        *,
        previous: DocumentRecord | None,
        on_chunks: Callable[[int], None] | None = None,
    ) -> None:
        """Replace a source's passages; safe to interrupt and run again."""
        committed = previous or replace(record, doc_hash="", chunks=0)  # new: nothing visible
        self._put_records([replace(committed, pending=record.doc_hash)], bump=False)
        for start in range(0, len(chunks), self.batch_size):
            batch = chunks[start : start + self.batch_size]
            self.vectors.add_texts(
                texts=[c.indexed_text for c in batch],
                metadatas=[_metadata(c) for c in batch],
                ids=[c.id for c in batch],
            )
            self._add_aliases(batch)
            if on_chunks:
                on_chunks(len(batch))
        self._put_records([replace(record, pending=record.doc_hash)], bump=True)  # commit
        self._lexical = None
        self._delete_chunks(record.source, keep_hash=record.doc_hash)
        self._put_records([replace(record, pending="")], bump=False)

    def _add_aliases(self, chunks: Sequence[Chunk]) -> None:
        rows = [(f"{c.id}-q{n}", alias, c) for c in chunks for n, alias in enumerate(c.aliases)]
        if not rows:
            return
        # e5 compares question with question best when both carry the `query: ` prefix.
        vectors = [self.embeddings.embed_query(alias) for _, alias, _ in rows]
        self._aliases.upsert(
            ids=[alias_id for alias_id, _, _ in rows],
            documents=[alias for _, alias, _ in rows],
            embeddings=vectors,
            metadatas=[
                {"chunk_id": c.id, "source": c.source, "doc_hash": c.doc_hash} for _, _, c in rows
            ],
        )

    def forget(self, source: str) -> bool:
        if not self._manifest.get(ids=[source])["ids"]:
            return False
        self._manifest.delete(ids=[source])
        self._put_records([], bump=True)
        self._lexical = None
        self._delete_chunks(source, keep_hash=None)
        return True

    def _delete_chunks(self, source: str, keep_hash: str | None) -> None:
        where: dict = {"source": source}
        if keep_hash is not None:
            where = {"$and": [{"source": source}, {"doc_hash": {"$ne": keep_hash}}]}
        self._chunks.delete(where=where)
        self._aliases.delete(where=where)

    def stale_chunks(self) -> int:
        """Passages not visible to readers (left by an interrupted write); for diagnostics."""
        committed = {s: r.doc_hash for s, r in self.documents().items()}
        metas = self._chunks.get(include=["metadatas"])["metadatas"]
        return sum(committed.get(m["source"]) != m["doc_hash"] for m in metas)

    # -- reading --------------------------------------------------------------------------

    def dense_search(
        self, vector: Sequence[float], k: int
    ) -> tuple[list[tuple[Chunk, float]], list[tuple[Chunk, float]]]:
        """Two rankings by cosine similarity: of the passages, and of the questions they
        answer (each passage scored by its closest question)."""
        view = self.lexical_view()
        if not view.chunks:
            return [], []
        found = self._chunks.query(
            query_embeddings=[list(vector)],
            n_results=min(k + 8, len(view.chunks)),
            include=["distances"],
        )
        passages = [
            (view.by_id[chunk_id], 1.0 - float(distance))
            for chunk_id, distance in zip(found["ids"][0], found["distances"][0], strict=True)
            if chunk_id in view.by_id  # drops passages of an unfinished write
        ][:k]
        questions: dict[str, float] = {}
        if view.aliases:
            found = self._aliases.query(
                query_embeddings=[list(vector)],
                n_results=min(4 * k, view.aliases),
                include=["metadatas", "distances"],
            )
            for meta, distance in zip(found["metadatas"][0], found["distances"][0], strict=True):
                if meta["chunk_id"] in view.by_id:
                    similarity = 1.0 - float(distance)
                    questions[meta["chunk_id"]] = max(
                        questions.get(meta["chunk_id"], -1.0), similarity
                    )
        by_question = sorted(questions.items(), key=lambda pair: pair[1], reverse=True)[:k]
        return passages, [(view.by_id[i], score) for i, score in by_question]

    def lexical_search(self, tokens: Sequence[str], k: int) -> list[tuple[Chunk, float]]:
        return self.lexical_view().search(tokens, k)

    def lexical_view(self) -> _LexicalView:
        """The committed passages in memory, rebuilt when a writer committed.

        Our own commits are seen at once; another process's within RECHECK_SECONDS, so a
        question does not pay one manifest read per lookup.
        """
        with self._lock:
            fresh = self._lexical is not None and (
                time.monotonic() - self._checked_at < RECHECK_SECONDS
            )
            if fresh:
                return self._lexical
            generation = self.generation()
            if self._lexical is None or self._lexical.generation != generation:
                self._lexical = _LexicalView.build(self, generation)
            self._checked_at = time.monotonic()
            return self._lexical

    def all_chunks(self) -> list[Chunk]:
        chunks = []
        offset = 0
        while True:
            page = self._chunks.get(include=["documents", "metadatas"], limit=_PAGE, offset=offset)
            for chunk_id, doc, meta in zip(
                page["ids"], page["documents"], page["metadatas"], strict=True
            ):
                chunks.append(_chunk_from(doc, meta, chunk_id))
            if len(page["ids"]) < _PAGE:
                return chunks
            offset += _PAGE


def _metadata(chunk: Chunk) -> dict:
    return {
        "source": chunk.source,
        "doc_hash": chunk.doc_hash,
        "position": chunk.position,
        "title": chunk.title,
        "section": chunk.section,
        "url": chunk.url,
        "stand_per": chunk.stand_per,
        "aliases": "\n".join(chunk.aliases),
    }


@dataclass
class _LexicalView:
    """The committed passages in memory: BM25 over them, and lookup by id for dense hits."""

    generation: str
    committed: dict[str, str]
    chunks: list[Chunk]
    tokens: list[list[str]]
    bm25: bm25s.BM25 | None
    by_id: dict[str, Chunk]
    aliases: int

    def out_of_vocabulary(self, tokens: Sequence[str]) -> float:
        """Share of the query's tokens that occur nowhere in the index."""
        if not tokens or self.bm25 is None:
            return 1.0 if tokens else 0.0
        return sum(t not in self.bm25.vocab_dict for t in tokens) / len(tokens)

    def token_set(self, chunk_id: str) -> set[str]:
        return self._token_sets.get(chunk_id, set())

    def __post_init__(self) -> None:
        self._token_sets = {c.id: set(t) for c, t in zip(self.chunks, self.tokens, strict=True)}

    @classmethod
    def build(cls, index: Index, generation: str) -> _LexicalView:
        committed = {s: r.doc_hash for s, r in index.documents().items()}
        chunks = [c for c in index.all_chunks() if committed.get(c.source) == c.doc_hash]
        chunks.sort(key=lambda c: (c.source, c.position))
        tokens = [tokenize(c.lexical_text) for c in chunks]
        bm25 = None
        if chunks:
            bm25 = bm25s.BM25()
            bm25.index(tokens, show_progress=False)
        by_id = {c.id: c for c in chunks}
        return cls(generation, committed, chunks, tokens, bm25, by_id, index._aliases.count())

    def search(self, tokens: Sequence[str], k: int) -> list[tuple[Chunk, float]]:
        known = [t for t in tokens if self.bm25 is not None and t in self.bm25.vocab_dict]
        if not known:
            return []
        ids, scores = self.bm25.retrieve(
            [known], k=min(k, len(self.chunks)), show_progress=False, n_threads=1
        )
        return [
            (self.chunks[int(i)], float(s)) for i, s in zip(ids[0], scores[0], strict=True) if s > 0
        ]


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
