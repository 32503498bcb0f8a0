"""Splitting a loaded document into passages that carry their title and section heading."""

from __future__ import annotations

import hashlib

from langchain_text_splitters import MarkdownHeaderTextSplitter, RecursiveCharacterTextSplitter

from .loaders import LoadedDocument
from .types import Chunk

# The plain baseline's size (langchain's splitter, 800/100) measured as well as larger passages
# on the dev documents, and smaller ones keep answers to one topic.
CHUNK_SIZE = 800
CHUNK_OVERLAP = 100

_HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3")]
_by_heading = MarkdownHeaderTextSplitter(headers_to_split_on=_HEADERS, strip_headers=True)
_by_size = RecursiveCharacterTextSplitter(
    chunk_size=CHUNK_SIZE,
    chunk_overlap=CHUNK_OVERLAP,
    separators=["\n\n", "\n", ". ", "; ", ", ", " ", ""],
)


def source_key(source: str) -> str:
    return hashlib.sha1(source.encode()).hexdigest()[:16]


def chunk_id(source: str, doc_hash: str, position: int) -> str:
    """Stable: the same file content always gives the same ids, so re-ingest adds nothing."""
    return f"{source_key(source)}-{doc_hash[:16]}-{position:05d}"


def split_document(document: LoadedDocument) -> list[Chunk]:
    chunks: list[Chunk] = []
    questions = dict(document.questions)
    for part in _by_heading.split_text(document.text):
        headings = [part.metadata[key] for key in ("h2", "h3") if part.metadata.get(key)]
        section = " › ".join(headings)
        key = part.metadata.get("h2") or part.metadata.get("h1") or document.title
        aliases = questions.get(key, ())
        link = document.section_sources.get(key) or (document.urls[0] if document.urls else "")
        for piece in _by_size.split_text(part.page_content):
            if not piece.strip():
                continue
            position = len(chunks)
            chunks.append(
                Chunk(
                    id=chunk_id(document.source, document.content_hash, position),
                    source=document.source,
                    doc_hash=document.content_hash,
                    position=position,
                    title=document.title,
                    section=section,
                    text=piece.strip(),
                    url=link,
                    stand_per=document.section_stand_per.get(key) or document.stand_per,
                    aliases=aliases,
                )
            )
    return chunks
