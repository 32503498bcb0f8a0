"""Documents a coordinator sends to a front end (the bot): a safe name, and what a file holds
before it is added. Pure: reading the file and indexing it are the knowledge base's."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from .index import BUILTIN_PREFIX, CURATED_PREFIX, UPLOAD_PREFIX, DocumentRecord
from .ingest import looks_like_secrets
from .loaders import SUPPORTED_SUFFIXES, LoadedDocument, UnreadableFile
from .types import Chunk

__all__ = [
    "UPLOAD_PREFIX",
    "Preview",
    "preview_document",
    "safe_file_name",
    "source_kind",
]

MAX_NAME = 120
_UNSAFE = re.compile(r"[^\w .,()&+-]+")
MAX_SECTIONS_SHOWN = 8
OPENING_CHARS = 300
# Markdown emphasis and code marks at a word's edge; an underscore inside a word stays
_MARKUP = re.compile(r"(?<!\w)[*_`]+|[*_`]+(?!\w)")


def safe_file_name(name: str) -> str:
    """The file's own name without any folder, control or path characters, so a name that a
    sender chose ("../../etc/passwd.md", "a/b.pdf") can only ever name a file in one folder.
    Raises UnreadableFile for a type that cannot be read or a name that looks like secrets."""
    name = unicodedata.normalize("NFC", name or "")
    name = PureWindowsPath(PurePosixPath(name).name).name  # both kinds of folder separator
    name = _UNSAFE.sub("_", name).strip(" .")
    stem, dot, suffix = name.rpartition(".")
    if not dot or f".{suffix.lower()}" not in SUPPORTED_SUFFIXES:
        raise UnreadableFile(f"onbekend bestandstype '{name}'", "wrong_type")
    if looks_like_secrets(name):
        raise UnreadableFile("lijkt geheimen te bevatten; niet ingelezen", "secret")
    stem = stem[: MAX_NAME - len(suffix) - 1] or "document"
    return f"{stem}.{suffix.lower()}"


def source_kind(source: str) -> str:
    """builtin (shipped, removed only by a new version), answer (a coordinator's answer, see
    /antwoorden), upload (sent to the bot) or file (added with `vonkje ingest`)."""
    if source.startswith(BUILTIN_PREFIX):
        return "builtin"
    if source.startswith(CURATED_PREFIX):
        return "answer"
    if source.startswith(UPLOAD_PREFIX):
        return "upload"
    return "file"


@dataclass(frozen=True)
class Preview:
    """What the coordinator sees before *Toevoegen*."""

    source: str
    name: str
    title: str
    sections: tuple[str, ...]  # the first MAX_SECTIONS_SHOWN headings, in order
    section_count: int
    passages: int
    opening: str  # the first lines of text, cut at a word
    content_hash: str
    replaces: DocumentRecord | None  # the document of the same name it would replace
    unchanged: bool  # that document has exactly this content already


def preview_document(
    document: LoadedDocument, chunks: list[Chunk], known: dict[str, DocumentRecord]
) -> Preview:
    sections = list(dict.fromkeys(c.section for c in chunks if c.section))
    previous = known.get(document.source)
    opening = " ".join(chunks[0].text.split()) if chunks else ""
    opening = _MARKUP.sub("", opening)  # "*versie 2.1*" reads as "versie 2.1" in a chat
    if len(opening) > OPENING_CHARS:
        opening = opening[:OPENING_CHARS].rsplit(" ", 1)[0] + " …"
    return Preview(
        source=document.source,
        name=document.source.removeprefix(UPLOAD_PREFIX),
        title=document.title,
        sections=tuple(sections[:MAX_SECTIONS_SHOWN]),
        section_count=len(sections),
        passages=len(chunks),
        opening=opening,
        content_hash=document.content_hash,
        replaces=previous,
        unchanged=bool(
            previous and previous.doc_hash == document.content_hash and not previous.pending
        ),
    )
