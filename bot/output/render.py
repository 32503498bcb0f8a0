"""Pure formatting for Telegram: answers with their sources as HTML, and splitting long text."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from knowledge.answering import texts as answer_texts

TELEGRAM_LIMIT = 4096  # a message's text, in UTF-16 code units
CAPTION_LIMIT = 1024  # a photo's or document's caption


def utf16_length(text: str) -> int:
    """Telegram counts lengths and entity offsets in UTF-16 code units: 👍 counts 2."""
    return len(text.encode("utf-16-le")) // 2


def answer_html(answer) -> str:
    """The answer text and a numbered source list (title › section, stand per, link)."""
    body = html.escape(answer.text, quote=False)
    if not answer.citations:
        return body
    words = answer_texts(answer.language)
    lines = [body, "", f"<b>{words['sources']}</b>"]
    for c in answer.citations:
        heading = html.escape(f"{c.title} › {c.section}" if c.section else c.title, quote=False)
        when = f" ({words['stand_per']} {html.escape(c.stand_per)})" if c.stand_per else ""
        link = f' — <a href="{html.escape(c.link)}">{words["link"]}</a>' if c.link else ""
        lines.append(f"[{c.number}] {heading}{when}{link}")
    return "\n".join(lines)


_TAG = re.compile(r"<(/?)([a-z][a-z0-9-]*)[^>]*>")


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Pieces of at most `limit` characters, cut at blank lines, then lines, then anywhere.

    HTML stays well formed in every piece: a tag open at a cut (an agenda in <i>…</i> that
    spans lines) is closed at the end of the piece and opened again at the next one.
    """
    if len(text) <= limit:
        return [text]
    room = limit - 200  # space for the closing and reopening tags
    pieces: list[str] = []
    current = ""
    for block in _blocks(text, room):
        joined = f"{current}\n{block}" if current else block
        if len(joined) <= room:
            current = joined
        else:
            pieces.append(current)
            current = block
    if current:
        pieces.append(current)
    return _balanced(pieces)


def _balanced(pieces: list[str]) -> list[str]:
    result, carried = [], []  # carried: the full opening tags still open before this piece
    for piece in pieces:
        opened = list(carried)
        for match in _TAG.finditer(piece):
            closing, name = match.group(1), match.group(2)
            if not closing:
                opened.append(match.group(0))
            elif opened and _TAG.match(opened[-1]).group(2) == name:
                opened.pop()
        closing_tags = "".join(f"</{_TAG.match(tag).group(2)}>" for tag in reversed(opened))
        result.append("".join(carried) + piece + closing_tags)
        carried = opened
    return result


def _blocks(text: str, limit: int) -> list[str]:
    blocks = []
    for line in text.split("\n"):
        while len(line) > limit:
            cut = _safe_cut(line, line.rfind(" ", 0, limit) if " " in line[:limit] else limit)
            cut = cut if cut > limit // 2 else _safe_cut(line, limit)
            blocks.append(line[:cut])
            line = line[cut:].lstrip()
        blocks.append(line)
    return blocks


def _safe_cut(line: str, cut: int) -> int:
    """Never inside a tag or an entity ("<a href=...", "&amp;")."""
    tag_start, entity_start = line.rfind("<", 0, cut), line.rfind("&", 0, cut)
    if tag_start > line.rfind(">", 0, cut):
        cut = tag_start
    if entity_start > line.rfind(";", 0, cut) and cut - entity_start < 10:
        cut = entity_start
    return max(cut, 1)


def bullet_list(items: Sequence[str]) -> str:
    return "\n".join(f"• {html.escape(item, quote=False)}" for item in items)


def pre_table(rows: Sequence[Sequence[str]]) -> str:
    """A monospaced table; column widths from the widest cell."""
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    return "<pre>" + html.escape("\n".join(lines), quote=False) + "</pre>"
