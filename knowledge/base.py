"""The knowledge base: one object to ingest, search and answer, used by every front end."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel

from .answering import citations_for, extractive_answer, texts
from .chunking import split_document
from .embeddings import load_embeddings
from .index import (
    BUILTIN_PREFIX,
    CURATED_PREFIX,
    INDEX_FORMAT,
    DocumentRecord,
    Index,
    connect,
    now_iso,
)
from .ingest import FileToIngest, IngestReport, ingest_files, ingest_paths
from .llm import llm_answer
from .loaders import LoadedDocument, UnreadableFile, file_hash, load_file
from .ranking import (
    AnswerLimits,
    Evidence,
    FusionWeights,
    RelevanceThresholds,
    SentenceCandidate,
    fact_missing,
    fuse_scores,
    is_relevant,
    lexical_coverage,
    passage_closeness,
    pick_sentences,
)
from .referrals import find_referral, refers_elsewhere, shipped_referrals
from .scope import OutOfScope, shipped_examples, shipped_glossary
from .smalltalk import small_talk_reply
from .text import contextualize, detect_language, dutch_terms, split_sentences, tokenize
from .types import Answer, ScoredChunk
from .uploads import UPLOAD_PREFIX, Preview, preview_document, safe_file_name

log = logging.getLogger(__name__)

MODES = ("hybrid", "dense", "bm25")


@dataclass(frozen=True)
class Finding:
    question: str
    query: str
    language: str
    passages: tuple[ScoredChunk, ...]
    relevant: bool
    evidence: Evidence = Evidence()
    # what the answer's sentences are compared with: the question itself, also for a
    # follow-up ("En hoe lang duurt dat?" asks for a duration, not the topic again)
    sentence_vector: tuple[float, ...] | None = None
    small_talk: str | None = None  # the reply, when the message was small talk
    # an English question's Dutch words (the glossary's): searched for and matched in answers
    dutch_words: str = ""


class KnowledgeBase:
    def __init__(
        self,
        index: Index,
        *,
        chat_model: BaseChatModel | None = None,
        llm_timeout: float = 20.0,
        thresholds: RelevanceThresholds | None = None,
        weights: FusionWeights | None = None,
        limits: AnswerLimits | None = None,
        candidates: int = 20,
    ) -> None:
        self.index = index
        self.out_of_scope = OutOfScope(index.client, index.embeddings)
        self.chat_model = chat_model
        self.llm_timeout = llm_timeout
        self.thresholds = thresholds or RelevanceThresholds()
        self.weights = weights or FusionWeights()
        self.limits = limits or AnswerLimits()
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
        progress: bool = False,
        **options,
    ) -> KnowledgeBase:
        client = connect(data_dir, chroma_url)
        kb = cls(Index(client, embeddings or load_embeddings()), chat_model=chat_model, **options)
        if sync_builtin:
            kb.sync_builtin(progress=progress)
        return kb

    # -- writing --------------------------------------------------------------------------

    def ingest(self, paths, *, progress: bool = False) -> IngestReport:
        return ingest_paths(self.index, [Path(p) for p in paths], progress=progress)

    def sync_builtin(self, *, progress: bool = False) -> IngestReport:
        """Index the shipped documents on first use and whenever they changed; one log line
        per stage, and a progress bar on a terminal."""
        folder = resources.files("knowledge").joinpath("docs")
        files = [
            FileToIngest(Path(str(entry)), BUILTIN_PREFIX + entry.name, origin=BUILTIN_PREFIX)
            for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith(".md")
        ]
        started = time.perf_counter()
        added, removed = self.out_of_scope.sync(shipped_examples())
        # INFO when there was work to do (a first start, a model change), else DEBUG: a ready
        # folder's `vonkje ask` prints only the answer.
        log.log(
            logging.INFO if added or removed else logging.DEBUG,
            "Kennisbank: voorbeelden buiten bereik bijgewerkt (%d nieuw, %d weg) in %.1f s",
            added,
            removed,
            time.perf_counter() - started,
        )
        report = ingest_files(self.index, files, {BUILTIN_PREFIX}, progress=progress)
        changed = report.added or report.updated or report.removed
        log.log(
            logging.INFO if changed else logging.DEBUG,
            "Kennisbank: ingebouwde documenten: %s",
            report.summary(),
        )
        return report

    def preview_file(self, path: Path, name: str) -> Preview:
        """What a file sent to the bot holds, read and cut but not yet indexed. Raises
        UnreadableFile (with a `code`) when it cannot be added."""
        name = safe_file_name(name)
        source = UPLOAD_PREFIX + name
        document = load_file(Path(path), source=source)
        return preview_document(document, split_document(document), self.index.documents())

    def add_file(self, path: Path, name: str) -> tuple[DocumentRecord, bool]:
        """Index a file under its name, and say whether it replaced one: a later file of the
        same name replaces it. Raises UnreadableFile when it cannot be read."""
        source = UPLOAD_PREFIX + safe_file_name(name)
        item = FileToIngest(Path(path), source, origin=UPLOAD_PREFIX)
        report = ingest_files(self.index, [item], folders=set())
        if report.skipped:
            _, reason = report.skipped[0]
            raise UnreadableFile(reason)
        return self.index.documents()[source], bool(report.updated)

    @staticmethod
    def curated_source(question_id: int) -> str:
        return f"{CURATED_PREFIX}{question_id}"

    def forget_curated(self, question_id: int) -> bool:
        return self.index.forget(self.curated_source(question_id))

    def forget(self, source: str) -> bool:
        return self.index.forget(self.resolve_source(source))

    def sources(self) -> list[DocumentRecord]:
        return sorted(self.index.documents().values(), key=lambda r: r.source)

    def add_curated(self, question_id: int, question: str, answer: str, stand_per: str) -> str:
        """A coordinator's answer becomes a passage that later questions find."""
        source = self.curated_source(question_id)
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
            index_format=INDEX_FORMAT,
        )
        self.index.write_document(record, chunks, previous=previous)
        return source

    def resolve_source(self, source: str) -> str:
        """A source as the index knows it: as given, or a path made absolute."""
        known = self.index.documents()
        if source in known:
            return source
        path = str(Path(source).resolve())
        return path if path in known else source

    # -- reading --------------------------------------------------------------------------

    def find(
        self,
        question: str,
        *,
        previous: str | None = None,
        mode: str = "hybrid",
        language: str | None = None,
    ) -> Finding:
        """The top passages for a question and whether to answer it. `language` is the
        user's (Telegram's) language; without it, the question's own language is used."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        asked_in = detect_language(question)
        language = language or asked_in
        chat = small_talk_reply(question, language)
        if chat is not None:
            return Finding(question, question, language, (), False, small_talk=chat)
        query = contextualize(question, previous)
        query_tokens = tokenize(query)
        dutch = dutch_terms(query, shipped_glossary()) if asked_in == "en" else ""
        search_tokens = query_tokens + tokenize(dutch)  # "target" also finds "doelstelling"
        view = self.index.view()
        size = len(view.chunks)
        passage, alias = np.full(size, -1.0), np.full(size, -1.0)
        out_of_scope, sentence_vector = None, None
        if mode != "bm25":
            # an English question is searched with the documents' Dutch words beside it; its
            # answer's sentences are still compared with the question itself (below)
            searched = f"{query} ({dutch})" if dutch else query
            vector = self.index.embeddings.embed_query(searched)
            passage = passage_closeness(
                view.passage_similarities(vector), view.sentence_similarities(vector), self.weights
            )
            alias = view.question_similarities(vector)
            out_of_scope = self.out_of_scope.nearest(vector)
            sentence_vector = vector
            if query != question or dutch:
                sentence_vector = self.index.embeddings.embed_query(question)
        chunk_bm25, document_bm25 = np.zeros(size), np.zeros(size)
        if mode != "dense":
            chunk_bm25 = view.bm25_scores(search_tokens)
            document_bm25 = view.document_bm25_scores(search_tokens)
        scores = fuse_scores(
            passage,
            alias,
            chunk_bm25,
            document_bm25,
            self.weights,
            mode=mode,
            curated=view.curated,
        )
        order = [int(i) for i in np.argsort(-scores, kind="stable")[: self.candidates]]
        if mode == "bm25":
            order = [i for i in order if scores[i] > 0]
        passages = tuple(
            ScoredChunk(
                chunk=view.chunks[i],
                score=float(scores[i]),
                dense=float(max(passage[i], alias[i])),
                lexical=lexical_coverage(query_tokens, view.token_set(view.chunks[i].id)),
            )
            for i in order
        )
        has_aliases = bool(view.aliases) and mode != "bm25"
        evidence = Evidence(
            passage=float(passage.max()) if size and mode != "bm25" else None,
            question=float(alias.max()) if size and has_aliases else None,
            out_of_scope=out_of_scope,
            lexical=max((p.lexical for p in passages[:3]), default=0.0),
            # The index is Dutch: an English question's words are unknown by nature.
            unknown=view.out_of_vocabulary(tokenize(question)) if asked_in == "nl" else 0.0,
        )
        relevant = bool(passages) and is_relevant(evidence, self.thresholds)
        # Only a Dutch question: an English one's words ("disability benefit") are never in
        # the Dutch passages, so every such question would look uncovered.
        if relevant and asked_in == "nl":
            relevant = not refers_elsewhere(question, [p.chunk.text for p in passages[:3]])
        if relevant:  # "Wat is het telefoonnummer van …?" and no passage near holds one
            # a generator: read only when the question asks for such a fact (most do not)
            around = (c.text for p in passages[:3] for c in view.section_around(p.chunk.id))
            relevant = not fact_missing(question, around)
        return Finding(
            question,
            query,
            language,
            passages,
            relevant,
            evidence,
            tuple(sentence_vector) if sentence_vector is not None else None,
            dutch_words=dutch,
        )

    def compose(self, finding: Finding) -> Answer:
        if finding.small_talk is not None:
            return Answer(finding.question, False, finding.small_talk, finding.language, via="chat")
        if not finding.relevant:
            return Answer(
                finding.question,
                False,
                self.refusal(finding.question, finding.language),
                finding.language,
            )
        top = citations_for(finding.passages)
        if top[0].source.startswith(CURATED_PREFIX):  # a coordinator's answer, shown as written
            text = f"{texts(finding.language)['intro']}{top[0].text} [1]"
            return Answer(finding.question, True, text, finding.language, (top[0],), via="curated")
        candidates, vectors = self._sentence_candidates(finding, len(top))
        picked = pick_sentences(
            finding.question, candidates, vectors, self.limits, extra_words=finding.dutch_words
        )
        text, cited = extractive_answer(picked, top, finding.language)
        return Answer(finding.question, True, text, finding.language, cited)

    @staticmethod
    def refusal(question: str, language: str) -> str:
        """The refusal, with who does answer a near-domain question (WW → UWV, ...)."""
        text = texts(language)["refusal"]
        referral = find_referral(question, shipped_referrals())
        return f"{text}\n\n{referral.text(language)}" if referral else text

    def _sentence_candidates(self, finding: Finding, quoted: int):
        """The sentences of the quoted passages with their similarity to the question.

        A passage brings the sentences of its neighbours in the same section: where the
        splitter cut a section in two, the sentence with the fact may sit just across the cut.
        """
        view = self.index.view()
        question = (
            np.asarray(finding.sentence_vector, dtype=np.float32)
            if finding.sentence_vector is not None
            else None
        )
        candidates: list[SentenceCandidate] = []
        rows = []
        for rank, scored in enumerate(finding.passages[:quoted]):
            seen: set[str] = set()
            for chunk in view.section_around(scored.chunk.id):
                sentences, vectors = view.sentences_of(chunk.id)
                if not sentences or question is None:  # bm25 mode, or an index before v2
                    sentences, vectors = split_sentences(chunk.text), None
                for n, sentence in enumerate(sentences):
                    if sentence in seen:  # the splitter's overlap repeats a sentence
                        continue
                    seen.add(sentence)
                    similarity = float(vectors[n] @ question) if vectors is not None else 0.0
                    position = len(seen) - 1
                    candidates.append(SentenceCandidate(rank, position, sentence, similarity))
                    rows.append(vectors[n] if vectors is not None else None)
        matrix = np.stack(rows) if rows and all(r is not None for r in rows) else None
        return candidates, matrix

    async def aask(
        self,
        question: str,
        *,
        previous: str | None = None,
        mode: str = "hybrid",
        language: str | None = None,
    ) -> Answer:
        """For the bot: retrieval runs in a worker thread so other chats are not held up."""
        started = time.perf_counter()
        finding = await asyncio.to_thread(
            self.find, question, previous=previous, mode=mode, language=language
        )
        answer = await self._with_llm(self.compose(finding), finding)
        return replace(answer, ms=(time.perf_counter() - started) * 1000)

    def ask(
        self,
        question: str,
        *,
        previous: str | None = None,
        mode: str = "hybrid",
        language: str | None = None,
    ) -> Answer:
        started = time.perf_counter()
        finding = self.find(question, previous=previous, mode=mode, language=language)
        answer = self.compose(finding)
        if self.chat_model is not None and answer.answered:
            answer = asyncio.run(self._with_llm(answer, finding))
        return replace(answer, ms=(time.perf_counter() - started) * 1000)

    async def _with_llm(self, answer: Answer, finding: Finding) -> Answer:
        """The LLM answers from the same top passages; only those it cites are listed."""
        if self.chat_model is None or not answer.answered:
            return answer
        passages = tuple(citations_for(finding.passages))
        reply = await llm_answer(
            self.chat_model,
            answer.question,
            passages,
            answer.language,
            timeout=self.llm_timeout,
        )
        if not reply:
            return answer
        cited = tuple(c for c in passages if f"[{c.number}]" in reply)
        return replace(answer, text=reply, via="llm", citations=cited)
