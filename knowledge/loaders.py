"""Reading files into Markdown-like text: Markdown, plain text, HTML, PDF and DOCX.

Headings become Markdown headings so every format is chunked by section the same way.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx")
# Limits against small files that cost unbounded memory or time (zip bombs, alias bombs,
# deeply nested HTML, huge text dumps): a handreiking of 300 pages stays well inside them.
MAX_FILE_BYTES = 20 * 1024 * 1024  # also what a Telegram bot may download
MAX_TEXT_CHARS = 600_000  # about 750 passages
MAX_UNZIPPED_BYTES = 60 * 1024 * 1024  # all parts of a DOCX together
MAX_PDF_PAGES = 1_000


class UnreadableFile(Exception):
    """A file that cannot be ingested; the message says why, in Dutch (for the terminal and the
    log). `code` says it for a front end that words it in the user's language: wrong_type,
    too_big, empty, no_text, no_text_layer (a scan), too_much_text, not_language, corrupt,
    secret or unreadable."""

    def __init__(self, message: str, code: str = "unreadable") -> None:
        super().__init__(message)
        self.code = code


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
    # heading -> the date that section's facts were checked against its source
    section_stand_per: dict[str, str] = field(default_factory=dict)


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_file(path: Path, source: str | None = None) -> LoadedDocument:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableFile(f"onbekend bestandstype '{suffix or path.name}'", "wrong_type")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UnreadableFile(
                f"te groot ({path.stat().st_size // (1024 * 1024)} MB; "
                f"de grens is {MAX_FILE_BYTES // (1024 * 1024)} MB)",
                "too_big",
            )
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableFile(f"kan het bestand niet lezen ({error.strerror})") from error
    if not data.strip():
        raise UnreadableFile("leeg bestand", "empty")
    reader = _READERS[suffix]
    title, text, urls, stand_per, *extra = reader(path, data)
    if not text.strip():
        if suffix == ".pdf":  # pages without a text layer: a scan or a photo of paper
            raise UnreadableFile(
                "geen tekst in de PDF: waarschijnlijk een scan zonder tekstlaag", "no_text_layer"
            )
        raise UnreadableFile("geen tekst gevonden in het bestand", "no_text")
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableFile(
            f"te veel tekst ({len(text):,} tekens; de grens is {MAX_TEXT_CHARS:,})".replace(
                ",", "."
            ),
            "too_much_text",
        )
    if not looks_like_language(text):
        raise UnreadableFile(
            "de inhoud lijkt geen leesbare tekst (vooral tekens, geen woorden)", "not_language"
        )
    return LoadedDocument(
        source=source or str(path.resolve()),
        title=(title or path.stem.replace("-", " ").replace("_", " ")).strip(),
        text=text,
        content_hash=file_hash(data),
        urls=tuple(urls),
        stand_per=stand_per,
        questions=extra[0] if extra else (),
        section_sources=extra[1] if len(extra) > 1 else {},
        section_stand_per=extra[2] if len(extra) > 2 else {},
    )


def looks_like_language(text: str) -> bool:
    """Mostly words: random bytes decoded as text are mostly symbols and one-letter runs."""
    sample = text[:200_000]
    visible = [ch for ch in sample if not ch.isspace()]
    if not visible:
        return False
    letters = sum(ch.isalpha() for ch in visible) / len(visible)
    words = sample.split()
    wordlike = sum(1 for w in words if sum(c.isalpha() for c in w) >= max(2, len(w) // 2))
    return letters >= 0.6 and wordlike >= 0.5 * len(words)


# libyaml's loader where PyYAML was built with it: the pure-Python one took 2.4 s of a fresh
# folder's 13 s first start, reading the built-in documents' front matter (measured).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _safe_yaml(header: str):
    """Front matter without anchors and aliases: an alias bomb of a few hundred bytes would
    expand to gigabytes in yaml.safe_load."""
    for token in yaml.scan(header, Loader=_YAML_LOADER):
        if isinstance(token, yaml.AliasToken | yaml.AnchorToken):
            raise UnreadableFile("kopgegevens (front matter) met ankers of aliassen (&, *)")
    return yaml.load(header, Loader=_YAML_LOADER)  # a safe loader, C or Python


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise UnreadableFile("binair bestand, geen tekst", "not_language")
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
                meta = _safe_yaml(header) or {}
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
    links, dates = {}, {}
    for heading, value in section_sources.items():
        # "kop: url", or "kop: {url: …, stand_per: …}" for a section with its own date
        if isinstance(value, dict):
            links[str(heading)] = str(value.get("url") or "")
            if value.get("stand_per"):
                dates[str(heading)] = str(value["stand_per"])
        else:
            links[str(heading)] = str(value)
    return title, text, [str(s) for s in sources], str(stand_per), pairs, links, dates


def _read_text(path: Path, data: bytes):
    text = _decode(data)
    first = text.strip().splitlines()[0].strip() if text.strip() else ""
    title = first if len(first) <= 80 else ""
    return title, plain_text_headings(text, title), [], ""


_HEADING_END = re.compile(r"[.,;:!?…]$")
_STEP_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*[.)]?\s+")


def looks_like_heading(line: str) -> bool:
    """A plain-text heading: a short line on its own, in capitals ("VOLGEND OVERLEG", "2. STAND
    VAN ZAKEN") or a few words with a capital and no closing punctuation ("Het contract")."""
    line = line.strip()
    if not 3 <= len(line) <= 60 or _HEADING_END.search(line) or ": " in line or "|" in line:
        return False
    if line[0] in "-*•#>" or line.startswith("("):
        return False
    words = _STEP_NUMBER.sub("", line)
    letters = [ch for ch in words if ch.isalpha()]
    if len(letters) < 3:
        return False
    if all(ch.isupper() for ch in letters):
        return True
    # a numbered line in lower case is a list item ("1. Opening"), not a heading
    return words == line and words[0].isupper() and len(words.split()) <= 8


def plain_text_headings(text: str, title: str = "") -> str:
    """Plain text with its headings marked as Markdown ones ("## Het contract"), so that a .txt
    report is cut by section like the other formats and each passage carries its heading.

    A heading stands after a blank line and before a line of text. The title (the first line)
    becomes the document's heading: every passage carries it, and it is never shown as a
    sentence of an answer.
    """
    lines = text.split("\n")
    # a first line that is a sentence ("De codenaam is KWARTELKONING.") or all there is, is text
    filled = [n for n, line in enumerate(lines) if line.strip()]
    heads = bool(title) and len(filled) > 1 and not _HEADING_END.search(title)
    marked = []
    for n, line in enumerate(lines):
        if heads and n == filled[0]:
            marked.append(f"# {title}")
            continue
        after_blank = n > 0 and not lines[n - 1].strip()
        before_text = n + 1 < len(lines) and bool(lines[n + 1].strip())
        if after_blank and before_text and looks_like_heading(line):
            marked.append(f"## {line.strip()}")
        else:
            marked.append(line)
    return "\n".join(marked)


_HTML_BLOCKS = ("h1", "h2", "h3", "h4", "p", "li", "td", "th", "pre", "blockquote", "dd", "dt")


def _read_html(path: Path, data: bytes):
    from bs4 import BeautifulSoup, NavigableString
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    soup = BeautifulSoup(_decode(data), "html.parser")
    for tag in soup(["script", "style", "nav", "footer", "header", "noscript"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    if soup.title:
        soup.title.decompose()
    # Each piece of text belongs to its nearest block; walking the text once keeps deeply
    # nested markup (10,000 nested <p>) linear, where get_text per block would be quadratic.
    blocks: list[tuple[object, str, list[str]]] = []
    for piece in soup.find_all(string=True):
        if not isinstance(piece, NavigableString) or not piece.strip():
            continue
        if isinstance(piece, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue  # "<!DOCTYPE html>", "<!-- menu -->", "<?xml …?>": no text of the page
        block = piece.find_parent(_HTML_BLOCKS)
        if blocks and blocks[-1][0] is block:
            blocks[-1][2].append(piece.strip())
        else:
            blocks.append((block, block.name if block is not None else "", [piece.strip()]))
    lines = []
    for _, name, words in blocks:
        text = " ".join(words)
        if name in ("h1", "h2", "h3", "h4"):
            lines.append("#" * int(name[1]) + " " + text)
        elif name == "li":
            lines.append("- " + text)
        else:
            lines.append(text)
        if sum(len(line) for line in lines) > MAX_TEXT_CHARS:
            break  # load_file refuses it with a clear message
    text = "\n\n".join(lines)
    return title or _first_heading(text), text, [], ""


def _read_pdf(path: Path, data: bytes):
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) > MAX_PDF_PAGES:
            raise UnreadableFile(
                f"te veel pagina's ({len(reader.pages)}; de grens is {MAX_PDF_PAGES})",
                "too_much_text",
            )
        pages = []
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            if sum(map(len, pages)) > MAX_TEXT_CHARS:
                break
        title = (reader.metadata.title if reader.metadata else None) or ""
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise UnreadableFile(
            f"beschadigd of onleesbaar PDF-bestand ({error})", "corrupt"
        ) from error
    return str(title), "\n\n".join(pages), [], ""


def _read_docx(path: Path, data: bytes):
    import io
    import zipfile

    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
        if unzipped > MAX_UNZIPPED_BYTES:
            raise UnreadableFile(f"uitgepakt te groot ({unzipped // (1024 * 1024)} MB)", "too_big")
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnreadableFile(
            f"beschadigd of onleesbaar Word-bestand ({error})", "corrupt"
        ) from error
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
