"""Reading files into Markdown-like text: Markdown, plain text, HTML, PDF and DOCX.

Headings become Markdown headings so every format is chunked by section the same way.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx")


class UnreadableFile(Exception):
    """A file that cannot be ingested; the message says why, in Dutch."""


@dataclass(frozen=True)
class LoadedDocument:
    source: str
    title: str
    text: str
    content_hash: str
    urls: tuple[str, ...] = ()
    stand_per: str = ""
    # heading -> questions that section answers, from the front matter's `questions:`
    questions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # heading -> that section's own source, from the front matter's `section_sources:`
    section_sources: dict[str, str] = field(default_factory=dict)


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_file(path: Path, source: str | None = None) -> LoadedDocument:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableFile(f"onbekend bestandstype '{suffix or path.name}'")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableFile(f"kan het bestand niet lezen ({error.strerror})") from error
    if not data.strip():
        raise UnreadableFile("leeg bestand")
    reader = _READERS[suffix]
    title, text, urls, stand_per, *extra = reader(path, data)
    if not text.strip():
        raise UnreadableFile("geen tekst gevonden in het bestand")
    return LoadedDocument(
        source=source or str(path.resolve()),
        title=(title or path.stem.replace("-", " ").replace("_", " ")).strip(),
        text=text,
        content_hash=file_hash(data),
        urls=tuple(urls),
        stand_per=stand_per,
        questions=extra[0] if extra else (),
        section_sources=extra[1] if len(extra) > 1 else {},
    )


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise UnreadableFile("binair bestand, geen tekst")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise UnreadableFile("geen leesbare tekstcodering (UTF-8 of Windows-1252)") from error


def _first_heading(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def _read_markdown(path: Path, data: bytes):
    text = _decode(data)
    meta: dict = {}
    if text.startswith("---"):
        _, _, rest = text.partition("\n")
        header, sep, body = rest.partition("\n---")
        if sep:
            try:
                meta = yaml.safe_load(header) or {}
            except yaml.YAMLError as error:
                raise UnreadableFile(f"ongeldige kopgegevens (front matter): {error}") from error
            text = body.partition("\n")[2]
            if not isinstance(meta, dict):
                raise UnreadableFile("kopgegevens (front matter) zijn geen sleutel-waardelijst")
    sources = meta.get("sources") or []
    if isinstance(sources, str):
        sources = [sources]
    stand_per = meta.get("stand_per") or ""
    title = str(meta.get("title") or _first_heading(text))
    questions = meta.get("questions") or {}
    if not isinstance(questions, dict):
        raise UnreadableFile("'questions' in de kopgegevens moet kop: [vragen] zijn")
    pairs = tuple((str(k), tuple(str(q) for q in v or ())) for k, v in questions.items())
    section_sources = meta.get("section_sources") or {}
    if not isinstance(section_sources, dict):
        raise UnreadableFile("'section_sources' in de kopgegevens moet kop: url zijn")
    links = {str(k): str(v) for k, v in section_sources.items()}
    return title, text, [str(s) for s in sources], str(stand_per), pairs, links


def _read_text(path: Path, data: bytes):
    text = _decode(data)
    first = text.strip().splitlines()[0].strip() if text.strip() else ""
    return (first if len(first) <= 80 else ""), text, [], ""


def _read_html(path: Path, data: bytes):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(data), "html.parser")
    for tag in soup(["script", "style", "nav", "footer", "header", "noscript"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    blocks = []
    for element in soup.find_all(["h1", "h2", "h3", "h4", "p", "li", "td", "pre"]):
        words = element.get_text(" ", strip=True)
        if not words:
            continue
        if element.name in ("h1", "h2", "h3", "h4"):
            blocks.append("#" * int(element.name[1]) + " " + words)
        elif element.name == "li":
            blocks.append("- " + words)
        else:
            blocks.append(words)
    text = "\n\n".join(blocks)
    return title or _first_heading(text), text, [], ""


def _read_pdf(path: Path, data: bytes):
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or ""
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise UnreadableFile(f"beschadigd of onleesbaar PDF-bestand ({error})") from error
    return str(title), "\n\n".join(pages), [], ""


def _read_docx(path: Path, data: bytes):
    import io
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnreadableFile(f"beschadigd of onleesbaar Word-bestand ({error})") from error
    blocks = []
    for paragraph in document.paragraphs:
        words = paragraph.text.strip()
        if not words:
            continue
        style = (paragraph.style.name or "").lower() if paragraph.style else ""
        level = next((int(ch) for ch in style if ch.isdigit()), 0) if "heading" in style else 0
        if style == "title":
            level = 1
        blocks.append("#" * level + " " + words if level else words)
    text = "\n\n".join(blocks)
    return document.core_properties.title or _first_heading(text), text, [], ""


_READERS = {
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".txt": _read_text,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
}
