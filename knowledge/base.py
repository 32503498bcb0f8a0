"""The knowledge base: one object to ingest, search and answer, used by every front end."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel

from .answering import citations_for, extractive_answer, texts
from .chunking import split_document
from .embeddings import load_embeddings
from .index import DocumentRecord, Index, connect, now_iso
from .ingest import FileToIngest, IngestReport, ingest_files, ingest_paths
from .llm import llm_answer
from .loaders import LoadedDocument, file_hash
from .ranking import (
    Evidence,
    RelevanceThresholds,
    is_relevant,
    lexical_coverage,
    reciprocal_rank_fusion,
)
from .scope import OutOfScope, shipped_examples
from .text import contextualize, detect_language, tokenize
from .types import Answer, Chunk, ScoredChunk

BUILTIN_PREFIX = "vonkje:kennisbank/"
CURATED_PREFIX = "vonkje:antwoord/"
MODES = ("hybrid", "dense", "bm25")
# passages, the questions they answer, BM25: measured on the eval set, BM25 at half weight
# ranks paraphrased questions better than equal weights (hit@3 0.85 against 0.79).
FUSION_WEIGHTS = (1.0, 1.0, 0.5)
# With 20 candidates per list, k=10 lets one list's clear first choice beat a passage that all
# lists rank middling; the usual k=60 suits lists of 1,000. Eval hit@3 0.868 -> 0.906,
# held-out set 0.727 -> 0.795.
FUSION_K = 10


@dataclass(frozen=True)
class Finding:
    question: str
    query: str
    language: str
    passages: tuple[ScoredChunk, ...]
    relevant: bool
    evidence: Evidence = Evidence()


class KnowledgeBase:
    def __init__(
        self,
        index: Index,
        *,
        chat_model: BaseChatModel | None = None,
        llm_timeout: float = 20.0,
        thresholds: RelevanceThresholds | None = None,
        candidates: int = 20,
    ) -> None:
        self.index = index
        self.out_of_scope = OutOfScope(index.client, index.embeddings)
        self.chat_model = chat_model
        self.llm_timeout = llm_timeout
        self.thresholds = thresholds or RelevanceThresholds()
        self.candidates = candidates

    @classmethod
    def open(
        cls,
        data_dir: Path | None,
        *,
        chroma_url: str | None = None,
        embeddings: Embeddings | None = None,
        chat_model: BaseChatModel | None = None,
        sync_builtin: bool = True,
        **options,
    ) -> KnowledgeBase:
        client = connect(data_dir, chroma_url)
        kb = cls(Index(client, embeddings or load_embeddings()), chat_model=chat_model, **options)
        if sync_builtin:
            kb.sync_builtin()
        return kb

    # -- writing --------------------------------------------------------------------------

    def ingest(self, paths, *, progress: bool = False) -> IngestReport:
        return ingest_paths(self.index, [Path(p) for p in paths], progress=progress)

    def sync_builtin(self) -> IngestReport:
        """Index the shipped documents on first use and whenever they changed."""
        folder = resources.files("knowledge").joinpath("docs")
        files = [
            FileToIngest(Path(str(entry)), BUILTIN_PREFIX + entry.name, origin=BUILTIN_PREFIX)
            for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith(".md")
        ]
        self.out_of_scope.sync(shipped_examples())
        return ingest_files(self.index, files, {BUILTIN_PREFIX})

    def forget(self, source: str) -> bool:
        return self.index.forget(self._resolve_source(source))

    def sources(self) -> list[DocumentRecord]:
        return sorted(self.index.documents().values(), key=lambda r: r.source)

    def add_curated(self, question_id: int, question: str, answer: str, stand_per: str) -> str:
        """A coordinator's answer becomes a passage that later questions find."""
        source = f"{CURATED_PREFIX}{question_id}"
        text = f"# Antwoord van de coördinator\n\n## {question.strip()}\n\n{answer.strip()}\n"
        document = LoadedDocument(
            source=source,
            title="Antwoord van de coördinator",
            text=text,
            content_hash=file_hash(text.encode()),
            stand_per=stand_per,
            questions=((question.strip(), (question.strip(),)),),  # found by similar questions
        )
        chunks = split_document(document)
        previous = self.index.documents().get(source)
        record = DocumentRecord(
            source=source,
            title=document.title,
            doc_hash=document.content_hash,
            chunks=len(chunks),
            indexed_at=now_iso(),
        )
        self.index.write_document(record, chunks, previous=previous)
        return source

    def _resolve_source(self, source: str) -> str:
        known = self.index.documents()
        if source in known:
            return source
        path = str(Path(source).resolve())
        return path if path in known else source

    # -- reading --------------------------------------------------------------------------

    def find(self, question: str, *, previous: str | None = None, mode: str = "hybrid") -> Finding:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        language = detect_language(question)
        query = contextualize(question, previous)
        query_tokens = tokenize(query)
        view = self.index.lexical_view()
        passages_hits, question_hits, out_of_scope = [], [], None
        if mode != "bm25":
            vector = self.index.embeddings.embed_query(query)
            passages_hits, question_hits = self.index.dense_search(vector, self.candidates)
            out_of_scope = self.out_of_scope.nearest(vector)
        lexical_hits = []
        if mode != "dense":
            lexical_hits = self.index.lexical_search(query_tokens, self.candidates)
        rankings = [passages_hits, question_hits, lexical_hits]
        by_id = {c.id: c for ranking in rankings for c, _ in ranking}
        dense_score: dict[str, float] = {}
        for chunk, score in passages_hits + question_hits:
            dense_score[chunk.id] = max(dense_score.get(chunk.id, -1.0), score)
        fused = reciprocal_rank_fusion(
            [[c.id for c, _ in ranking] for ranking in rankings],
            k=FUSION_K,
            weights=FUSION_WEIGHTS,
        )
        passages = tuple(
            ScoredChunk(
                chunk=by_id[chunk_id],
                score=score,
                dense=dense_score.get(chunk_id, 0.0),
                lexical=lexical_coverage(query_tokens, view.token_set(chunk_id)),
            )
            for chunk_id, score in fused[: self.candidates]
        )
        evidence = Evidence(
            passage=_best(passages_hits),
            question=_best(question_hits),
            out_of_scope=out_of_scope,
            lexical=max((p.lexical for p in passages[:3]), default=0.0),
            # The index is Dutch: an English question's words are unknown by nature.
            unknown=view.out_of_vocabulary(tokenize(question)) if language == "nl" else 0.0,
        )
        relevant = bool(passages) and is_relevant(evidence, self.thresholds)
        return Finding(question, query, language, passages, relevant, evidence)

    def compose(self, finding: Finding) -> Answer:
        if not finding.relevant:
            return Answer(
                finding.question, False, texts(finding.language)["refusal"], finding.language
            )
        citations = tuple(citations_for(finding.passages))
        text = extractive_answer(finding.question, citations, finding.language)
        via = "curated" if citations[0].source.startswith(CURATED_PREFIX) else "extractive"
        return Answer(finding.question, True, text, finding.language, citations, via=via)

    async def aask(
        self, question: str, *, previous: str | None = None, mode: str = "hybrid"
    ) -> Answer:
        """For the bot: retrieval runs in a worker thread so other chats are not held up."""
        started = time.perf_counter()
        finding = await asyncio.to_thread(self.find, question, previous=previous, mode=mode)
        answer = await self._with_llm(self.compose(finding))
        return replace(answer, ms=(time.perf_counter() - started) * 1000)

    def ask(self, question: str, *, previous: str | None = None, mode: str = "hybrid") -> Answer:
        started = time.perf_counter()
        answer = self.compose(self.find(question, previous=previous, mode=mode))
        if self.chat_model is not None and answer.answered:
            answer = asyncio.run(self._with_llm(answer))
        return replace(answer, ms=(time.perf_counter() - started) * 1000)

    async def _with_llm(self, answer: Answer) -> Answer:
        if self.chat_model is None or not answer.answered:
            return answer
        reply = await llm_answer(
            self.chat_model,
            answer.question,
            answer.citations,
            answer.language,
            timeout=self.llm_timeout,
        )
        return replace(answer, text=reply, via="llm") if reply else answer


def _best(hits: list[tuple[Chunk, float]]) -> float | None:
    return max((score for _, score in hits), default=None)
