"""Pure formatting for Telegram: answers with their sources as HTML, and splitting long text."""

from __future__ import annotations

import html
from collections.abc import Sequence

from knowledge.answering import texts as answer_texts

TELEGRAM_LIMIT = 4096


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


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Pieces of at most `limit` characters, cut at blank lines, then lines, then anywhere.

    Our HTML never spans a line break, so cutting between lines keeps every tag closed.
    """
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for block in _blocks(text, limit):
        joined = f"{current}\n{block}" if current else block
        if len(joined) <= limit:
            current = joined
        else:
            pieces.append(current)
            current = block
    if current:
        pieces.append(current)
    return pieces


def _blocks(text: str, limit: int) -> list[str]:
    blocks = []
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            blocks.append(line[:cut])
            line = line[cut:].lstrip()
        blocks.append(line)
    return blocks


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
