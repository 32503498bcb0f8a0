"""Bringing files into the index: what is new, changed, unchanged, removed or unreadable."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .chunking import split_document
from .index import INDEX_FORMAT, DocumentRecord, Index, now_iso
from .loaders import SUPPORTED_SUFFIXES, UnreadableFile, file_hash, load_file

log = logging.getLogger(__name__)


def _printable(path: Path) -> str:
    """A file name that is not valid UTF-8 still gets printed and logged."""
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


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


# Files that hold secrets or keys are never indexed, whatever their suffix: an answer could
# quote them to any Telegram user.
_SECRET_NAMES = re.compile(
    r"^(\.env(\..*)?|.*\.(pem|key|p12|pfx|kdbx|gpg|asc)|id_(rsa|dsa|ecdsa|ed25519).*|"
    r".*(secret|credential|password|wachtwoord|token).*\.(txt|md|json|ya?ml|ini|cfg))$",
    re.IGNORECASE,
)


def looks_like_secrets(name: str) -> bool:
    return bool(_SECRET_NAMES.match(name))


def collect(paths: Iterable[Path], report: IngestReport) -> tuple[list[FileToIngest], set[str]]:
    """Files to ingest, and the folders walked (whose vanished files are then removed).

    Hidden names are skipped only inside a folder ("../docs" is fine), a link never leads out of
    the folder it is in, files that look like secrets are refused, and a folder that holds no
    file at all is not "walked": an empty or wrong path never un-indexes what was there.
    """
    files: list[FileToIngest] = []
    folders: set[str] = set()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            root = path.resolve()
            found = _walk(root, report)
            if found:
                folders.add(str(root))
            files += [FileToIngest(child, _printable(child), str(root)) for child in found]
        elif path.is_file():
            if looks_like_secrets(path.name):
                report.skipped.append((str(path), "lijkt geheimen te bevatten; niet ingelezen"))
            else:
                files.append(FileToIngest(path, _printable(path.resolve())))
        else:
            report.skipped.append((str(path), "bestaat niet"))
    return files, folders


def _walk(root: Path, report: IngestReport) -> list[Path]:
    found = []
    for child in sorted(root.rglob("*")):
        inside = child.relative_to(root).parts
        if any(part.startswith(".") for part in inside):
            continue
        if looks_like_secrets(child.name):
            report.skipped.append((str(child), "lijkt geheimen te bevatten; niet ingelezen"))
            continue
        try:
            target = child.resolve(strict=True)
        except (OSError, RuntimeError):  # a dangling or looping link
            continue
        if not target.is_relative_to(root):
            report.skipped.append((str(child), "verwijzing naar buiten de map; niet gevolgd"))
            continue
        if target.is_file():
            found.append(target)
    return list(dict.fromkeys(found))


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
            report.skipped.append((_printable(item.path), str(problem)))
        except Exception as problem:  # a file the readers choke on must not stop the batch
            log.warning("Cannot read %s: %r", _printable(item.path), problem)
            report.skipped.append(
                (_printable(item.path), f"onleesbaar bestand ({type(problem).__name__})")
            )
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
        raise UnreadableFile(
            f"onbekend bestandstype '{item.path.suffix or item.path.name}'", "wrong_type"
        )
    try:
        digest = file_hash(item.path.read_bytes())
    except OSError as error:
        raise UnreadableFile(f"kan het bestand niet lezen ({error.strerror})") from error
    reindexed = previous is not None and previous.index_format != INDEX_FORMAT
    if reindexed:
        # cut and embedded by an older version: start afresh, since the new passages may share
        # ids and the document hash with the old ones
        index.forget(previous.source)
    elif previous and previous.doc_hash == digest and not previous.pending:
        report.unchanged.append(item.source)
        return
    was_committed = reindexed or (previous is not None and bool(previous.doc_hash))
    previous = None if reindexed else previous
    document = load_file(item.path, source=item.source)
    chunks = split_document(document)
    record = DocumentRecord(
        source=item.source,
        title=document.title,
        doc_hash=document.content_hash,
        chunks=len(chunks),
        indexed_at=now_iso(),
        origin=item.origin,
        index_format=INDEX_FORMAT,
    )
    index.write_document(record, chunks, previous=previous)
    (report.updated if was_committed else report.added).append(item.source)
    report.chunks += len(chunks)


def _progress_bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="bestand", desc="Inlezen", leave=False)
