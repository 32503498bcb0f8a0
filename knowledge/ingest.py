"""Bringing files into the index: what is new, changed, unchanged, removed or unreadable."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .chunking import split_document
from .index import DocumentRecord, Index, now_iso
from .loaders import SUPPORTED_SUFFIXES, UnreadableFile, file_hash, load_file


@dataclass(frozen=True)
class FileToIngest:
    path: Path
    source: str
    origin: str = ""  # set when the file came from walking a folder


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    chunks: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{len(self.added)} toegevoegd, {len(self.updated)} bijgewerkt, "
            f"{len(self.unchanged)} ongewijzigd, {len(self.removed)} verwijderd, "
            f"{len(self.skipped)} overgeslagen ({self.chunks} passages in {self.seconds:.1f} s)"
        )


def collect(paths: Iterable[Path], report: IngestReport) -> tuple[list[FileToIngest], set[str]]:
    """Files to ingest, and the folders walked (whose vanished files are then removed)."""
    files: list[FileToIngest] = []
    folders: set[str] = set()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            origin = str(path.resolve())
            folders.add(origin)
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(p.startswith(".") for p in child.parts):
                    files.append(FileToIngest(child, str(child.resolve()), origin))
        elif path.is_file():
            files.append(FileToIngest(path, str(path.resolve())))
        else:
            report.skipped.append((str(path), "bestaat niet"))
    return files, folders


def ingest_files(
    index: Index,
    files: list[FileToIngest],
    folders: set[str],
    report: IngestReport | None = None,
    *,
    progress: bool = False,
) -> IngestReport:
    report = report or IngestReport()
    started = time.perf_counter()
    known = index.documents()
    bar = _progress_bar(len(files)) if progress and len(files) > 1 else None
    seen: set[str] = set()
    for item in files:
        seen.add(item.source)
        try:
            _ingest_one(index, item, known.get(item.source), report)
        except UnreadableFile as problem:
            report.skipped.append((str(item.path), str(problem)))
        if bar:
            bar.update(1)
    if bar:
        bar.close()
    for source, record in known.items():
        if record.origin in folders and source not in seen and index.forget(source):
            report.removed.append(source)
    report.seconds = time.perf_counter() - started
    return report


def ingest_paths(index: Index, paths: Iterable[Path], *, progress: bool = False) -> IngestReport:
    report = IngestReport()
    files, folders = collect(paths, report)
    return ingest_files(index, files, folders, report, progress=progress)


def _ingest_one(
    index: Index, item: FileToIngest, previous: DocumentRecord | None, report: IngestReport
) -> None:
    if item.path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise UnreadableFile(f"onbekend bestandstype '{item.path.suffix or item.path.name}'")
    try:
        digest = file_hash(item.path.read_bytes())
    except OSError as error:
        raise UnreadableFile(f"kan het bestand niet lezen ({error.strerror})") from error
    if previous and previous.doc_hash == digest and not previous.pending:
        report.unchanged.append(item.source)
        return
    document = load_file(item.path, source=item.source)
    chunks = split_document(document)
    record = DocumentRecord(
        source=item.source,
        title=document.title,
        doc_hash=document.content_hash,
        chunks=len(chunks),
        indexed_at=now_iso(),
        origin=item.origin,
    )
    index.write_document(record, chunks, previous=previous)
    (report.updated if previous else report.added).append(item.source)
    report.chunks += len(chunks)


def _progress_bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="bestand", desc="Inlezen", leave=False)
