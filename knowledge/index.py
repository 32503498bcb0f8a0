"""The index: passages in Chroma, a manifest of committed documents, and an in-memory view.

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
import numpy as np
import threadpoolctl
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from .text import split_sentences, tokenize
from .types import Chunk

log = logging.getLogger(__name__)
# bm25s sets its own logger to DEBUG on import; its index-building lines are noise for users.
logging.getLogger("bm25s").setLevel(logging.WARNING)
# The similarity products here are small: with several BLAS threads they gain nothing, and the
# threads spinning after each product slow the embedding model down (measured: a question took
# 93 ms instead of 35 ms on 2 cores).
threadpoolctl.threadpool_limits(limits=1, user_api="blas")

CHUNKS = "vonkje_chunks"
ALIASES = "vonkje_aliases"  # one vector per alternative question, pointing at its passage
SENTENCES = "vonkje_sentences"  # one vector per sentence of a passage, for answers
# the same sentences embedded under their passage's heading: "Datum: 14 januari" alone says
# nothing of a "startbijeenkomst"; under "Verslag startbijeenkomst ..." it does (ranking only)
SENTENCES_IN_CONTEXT = "vonkje_sentences_in_context"
MANIFEST = "vonkje_manifest"
_GENERATION = "__generation__"
CURATED_PREFIX = "vonkje:antwoord/"  # sources of coordinators' answers
BUILTIN_PREFIX = "vonkje:kennisbank/"  # the documents shipped in knowledge/docs
UPLOAD_PREFIX = "vonkje:bron/"  # documents a coordinator sent to the bot, by file name
# v2: 800-character passages, sentence vectors; v3: a list item is one sentence (text.py), so
# its sentence vectors differ and an older folder is indexed again; v4: a plain-text file is
# cut by its headings, and a long numbered step keeps its number once (loaders.py, text.py);
# v5: sentence vectors under their heading (SENTENCES_IN_CONTEXT)
INDEX_FORMAT = 5
_PAGE = 2000
# Chroma's own nearest-neighbour search is never used on these collections: IndexView scores
# every vector exactly. The graph Chroma builds on each write is wasted work, so it is kept
# sparse: 3,000 vectors were written in 2.8 s instead of 7.4 s (measured). A folder made
# before keeps the collections' old settings (Chroma ignores a new configuration), and works.
_UNSEARCHED = {"hnsw": {"space": "cosine", "ef_construction": 8, "max_neighbors": 4}}
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
    # how it was cut and embedded; records from before v2 have none (1). An older format is
    # ingested again, so an upgraded data folder gets the new passages and sentence vectors.
    index_format: int = 1

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
            collection_configuration=_UNSEARCHED,
        )
        self._chunks = client.get_or_create_collection(CHUNKS, embedding_function=None)
        self._aliases = client.get_or_create_collection(
            ALIASES, embedding_function=None, configuration=_UNSEARCHED
        )
        self._sentences = client.get_or_create_collection(
            SENTENCES, embedding_function=None, configuration=_UNSEARCHED
        )
        self._sentences_in_context = client.get_or_create_collection(
            SENTENCES_IN_CONTEXT, embedding_function=None, configuration=_UNSEARCHED
        )
        self._manifest = client.get_or_create_collection(MANIFEST, embedding_function=None)
        self.batch_size = 64
        self._lock = threading.Lock()
        self._lexical: IndexView | None = None
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
            self._add_sentences(batch)
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

    def _add_sentences(self, chunks: Sequence[Chunk]) -> None:
        rows = [
            (f"{c.id}-s{n}", sentence, c)
            for c in chunks
            for n, sentence in enumerate(split_sentences(c.text))
        ]
        if not rows:
            return
        ids = [sentence_id for sentence_id, _, _ in rows]
        metadatas = [
            {"chunk_id": c.id, "source": c.source, "doc_hash": c.doc_hash} for _, _, c in rows
        ]
        alone = [sentence for _, sentence, _ in rows]
        in_context = [f"{c.heading}\n{sentence}" for _, sentence, c in rows]
        vectors = self.embeddings.embed_documents(alone + in_context)  # one call: full batches
        self._sentences.upsert(
            ids=ids, documents=alone, embeddings=vectors[: len(rows)], metadatas=metadatas
        )
        self._sentences_in_context.upsert(
            ids=ids, embeddings=vectors[len(rows) :], metadatas=metadatas
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
        self._sentences.delete(where=where)
        self._sentences_in_context.delete(where=where)

    def stale_chunks(self) -> int:
        """Passages not visible to readers (left by an interrupted write); for diagnostics."""
        committed = {s: r.doc_hash for s, r in self.documents().items()}
        metas = self._chunks.get(include=["metadatas"])["metadatas"]
        return sum(committed.get(m["source"]) != m["doc_hash"] for m in metas)

    # -- reading --------------------------------------------------------------------------

    def view(self) -> IndexView:
        """The committed passages and their vectors in memory, rebuilt when a writer committed.

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
                self._lexical = IndexView.build(self, generation)
            self._checked_at = time.monotonic()
            return self._lexical

    def all_chunks(self) -> list[Chunk]:
        return [chunk for chunk, _ in self._chunks_with_vectors()]

    def _chunks_with_vectors(self) -> list[tuple[Chunk, np.ndarray]]:
        rows = []
        for chunk_id, doc, meta, vector in _pages(self._chunks, ["documents", "metadatas"]):
            rows.append((_chunk_from(doc, meta, chunk_id), vector))
        return rows


def _pages(collection, include: list[str]):
    """Every row of a collection with its embedding, a page at a time."""
    offset = 0
    while True:
        page = collection.get(include=[*include, "embeddings"], limit=_PAGE, offset=offset)
        columns = [page["ids"], *(page[name] for name in include), page["embeddings"]]
        yield from zip(*columns, strict=True)
        if len(page["ids"]) < _PAGE:
            return
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
class IndexView:
    """The committed passages in memory: their vectors, their questions' and sentences'
    vectors, and BM25 over the passages and over whole documents.

    Dense scores are computed exactly for every passage with one matrix product instead of
    Chroma's approximate top-k: the passage and question rankings are pooled into one score
    per passage, which needs both similarities of every candidate, and the answer needs the
    vectors of the sentences of the passages it quotes. At this size (a few thousand to some
    ten thousand vectors) the product takes milliseconds.
    """

    generation: str
    committed: dict[str, str]
    chunks: list[Chunk]
    tokens: list[list[str]]
    bm25: bm25s.BM25 | None
    by_id: dict[str, Chunk]
    passage_vectors: np.ndarray  # one row per chunk
    alias_vectors: np.ndarray
    alias_owner: np.ndarray  # chunk row of each alias, sorted
    sentence_vectors: np.ndarray
    sentence_context_vectors: np.ndarray  # the same rows, each embedded under its heading
    sentence_owner: np.ndarray  # chunk row of each sentence, sorted
    sentences: list[str]
    document_of: np.ndarray  # document number of each chunk
    document_bm25: bm25s.BM25 | None

    @property
    def aliases(self) -> int:
        return len(self.alias_owner)

    def __post_init__(self) -> None:
        self._token_sets = {c.id: set(t) for c, t in zip(self.chunks, self.tokens, strict=True)}
        self.row_of = {c.id: row for row, c in enumerate(self.chunks)}
        self._alias_passages, self._alias_starts = np.unique(self.alias_owner, return_index=True)
        self._sentence_passages, self._sentence_starts = np.unique(
            self.sentence_owner, return_index=True
        )
        self.curated = np.array(
            [c.source.startswith(CURATED_PREFIX) for c in self.chunks], dtype=bool
        )

    def out_of_vocabulary(self, tokens: Sequence[str]) -> float:
        """Share of the query's tokens that occur nowhere in the index."""
        if not tokens or self.bm25 is None:
            return 1.0 if tokens else 0.0
        return sum(t not in self.bm25.vocab_dict for t in tokens) / len(tokens)

    def token_set(self, chunk_id: str) -> set[str]:
        return self._token_sets.get(chunk_id, set())

    def passage_similarities(self, vector: Sequence[float]) -> np.ndarray:
        if not self.chunks:
            return np.zeros(0)
        return self.passage_vectors @ np.asarray(vector, dtype=np.float32)

    def question_similarities(self, vector: Sequence[float]) -> np.ndarray:
        """Per passage, the similarity of its closest alternative question (-1 if none)."""
        return self._closest_per_passage(
            self.alias_vectors, self._alias_passages, self._alias_starts, vector
        )

    def sentence_similarities(self, vector: Sequence[float]) -> np.ndarray:
        """Per passage, the similarity of its closest stored sentence, read alone or under
        its heading, whichever is closer (-1 if none). On the tuned sets the better of the
        two beat either one alone (README, 2026-12-02 late): alone, "Datum: 14 januari" is
        far from "wanneer was de startbijeenkomst?"; under its heading, a sentence about
        one detail can be drowned by a heading about another."""
        alone = self._closest_per_passage(
            self.sentence_vectors, self._sentence_passages, self._sentence_starts, vector
        )
        if not len(self.sentence_context_vectors):
            return alone
        in_context = self._closest_per_passage(
            self.sentence_context_vectors, self._sentence_passages, self._sentence_starts, vector
        )
        return np.maximum(alone, in_context)

    def _closest_per_passage(self, vectors, passages, starts, vector) -> np.ndarray:
        best = np.full(len(self.chunks), -1.0, dtype=np.float32)
        if len(passages):
            sims = vectors @ np.asarray(vector, dtype=np.float32)
            # rows are sorted by passage: one reduceat instead of np.maximum.at (4 ms)
            best[passages] = np.maximum.reduceat(sims, starts)
        return best

    def sentences_of(self, chunk_id: str) -> tuple[list[str], np.ndarray]:
        """The stored sentences of a passage and their vectors, in passage order."""
        row = self.row_of.get(chunk_id)
        if row is None or not len(self.sentence_owner):
            return [], np.zeros((0, 0), dtype=np.float32)
        # sentences are sorted by passage, so a passage's are one slice
        start, end = np.searchsorted(self.sentence_owner, [row, row + 1])
        return self.sentences[start:end], self.sentence_vectors[start:end]

    def section_around(self, chunk_id: str) -> list[Chunk]:
        """The passage with its neighbours in the same section of the same document."""
        row = self.row_of.get(chunk_id)
        if row is None:
            return []
        chunk = self.chunks[row]
        return [
            self.chunks[n]
            for n in (row - 1, row, row + 1)
            if 0 <= n < len(self.chunks)
            and self.chunks[n].source == chunk.source
            and self.chunks[n].section == chunk.section
        ]

    @classmethod
    def build(cls, index: Index, generation: str) -> IndexView:
        committed = {s: r.doc_hash for s, r in index.documents().items()}
        rows = [
            (c, v) for c, v in index._chunks_with_vectors() if committed.get(c.source) == c.doc_hash
        ]
        rows.sort(key=lambda row: (row[0].source, row[0].position))
        chunks = [c for c, _ in rows]
        row_of = {c.id: n for n, c in enumerate(chunks)}
        aliases = sorted(
            (
                (row_of[meta["chunk_id"]], vector)
                for _, meta, vector in _pages(index._aliases, ["metadatas"])
                if meta["chunk_id"] in row_of
            ),
            key=lambda row: row[0],
        )
        sentence_rows = sorted(
            (
                (
                    row_of[meta["chunk_id"]],
                    int(sentence_id.rsplit("-s", 1)[1]),
                    text,
                    vector,
                    sentence_id,
                )
                for sentence_id, text, meta, vector in _pages(
                    index._sentences, ["documents", "metadatas"]
                )
                if meta["chunk_id"] in row_of
            ),
            key=lambda row: row[:2],
        )
        in_context = {
            sentence_id: vector
            for sentence_id, meta, vector in _pages(index._sentences_in_context, ["metadatas"])
            if meta["chunk_id"] in row_of
        }
        # a sentence without one (never, since format 5 re-indexes older folders) is far
        width = len(sentence_rows[0][3]) if sentence_rows else 0
        context_vectors = [in_context.get(row[4], np.zeros(width)) for row in sentence_rows]
        tokens = [tokenize(c.indexed_text) for c in chunks]
        sources = sorted({c.source for c in chunks})
        document_number = {source: n for n, source in enumerate(sources)}
        document_of = np.array([document_number[c.source] for c in chunks], dtype=int)
        document_tokens: list[list[str]] = [[] for _ in sources]
        for chunk, chunk_tokens in zip(chunks, tokens, strict=True):
            document_tokens[document_number[chunk.source]].extend(chunk_tokens)
        return cls(
            generation=generation,
            committed=committed,
            chunks=chunks,
            tokens=tokens,
            bm25=_bm25(tokens),
            by_id={c.id: c for c in chunks},
            passage_vectors=_matrix([v for _, v in rows]),
            alias_vectors=_matrix([v for _, v in aliases]),
            alias_owner=np.array([owner for owner, _ in aliases], dtype=int),
            sentence_vectors=_matrix([row[3] for row in sentence_rows]),
            sentence_context_vectors=_matrix(context_vectors),
            sentence_owner=np.array([row[0] for row in sentence_rows], dtype=int),
            sentences=[row[2] for row in sentence_rows],
            document_of=document_of,
            document_bm25=_bm25(document_tokens),
        )

    def bm25_scores(self, tokens: Sequence[str]) -> np.ndarray:
        """BM25 of every passage (0 where it shares no token with the query)."""
        return _all_scores(self.bm25, tokens, len(self.chunks))

    def document_bm25_scores(self, tokens: Sequence[str]) -> np.ndarray:
        """BM25 of each passage's whole document, per passage."""
        if self.document_bm25 is None:
            return np.zeros(len(self.chunks))
        per_document = _all_scores(self.document_bm25, tokens, int(self.document_of.max()) + 1)
        return per_document[self.document_of]


def _bm25(tokens: list[list[str]]) -> bm25s.BM25 | None:
    if not tokens:
        return None
    model = bm25s.BM25()
    model.index(tokens, show_progress=False)
    return model


def _all_scores(model: bm25s.BM25 | None, tokens: Sequence[str], size: int) -> np.ndarray:
    scores = np.zeros(size)
    known = [t for t in tokens if model is not None and t in model.vocab_dict]
    if not known:
        return scores
    ids, values = model.retrieve([known], k=size, show_progress=False, n_threads=1)
    scores[ids[0]] = values[0]
    return scores


def _matrix(vectors: list) -> np.ndarray:
    if not vectors:
        return np.zeros((0, 0), dtype=np.float32)
    return np.asarray(vectors, dtype=np.float32)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
