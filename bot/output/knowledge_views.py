"""What a coordinator sees when keeping the knowledge base up: the preview of a document sent to
the bot, /bronnen and /antwoorden. Pure: composed from plain values (index records, the change
log, question rows), so the handlers stay short and these are tested with tables."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from bot.domain.meeting_dates import format_day
from bot.output.render import bullet_list
from bot.output.texts import say
from bot.output.views import shorten

TITLE_ON_BUTTON = 40  # characters; a phone shows about that many on one button
ANSWER_SHOWN = 200  # characters of a curated answer in /antwoorden
QUESTION_SHOWN = 120


def _when(moment: datetime | str, language: str, tz: str) -> str:
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return format_day(moment, language, tz, year=True)


def origin_text(record, change, language: str, tz: str) -> str:
    """Who brought this document in and when: the change log's latest entry for it, else
    the index's own date (a file ingested before the log existed)."""
    if change is not None and change.via == "telegram":
        who = change.person_name or say(language, "anonymous")
        return say(language, "origin_telegram", who=who, when=_when(change.at, language, tz))
    if change is not None:
        return say(language, "origin_cli", when=_when(change.at, language, tz))
    return say(language, "origin_unknown", when=_when(record.indexed_at, language, tz))


def preview_text(preview, change, language: str, tz: str) -> str:
    """The document as read: title, sections, passages, the first lines, and what it replaces."""
    sections = bullet_list(preview.sections) if preview.sections else ""
    if preview.section_count > len(preview.sections):
        sections += "\n…"
    text = say(
        language,
        "doc_preview",
        title=preview.title,
        name=preview.name,
        passages=preview.passages,
        sections=preview.section_count or 1,
        opening=preview.opening,
        html_values={"section_list": ":\n" + sections if sections else ""},
    )
    if preview.replaces is not None:
        who = (
            change.person_name
            if change is not None and change.person_name
            else say(language, "anonymous")
        )
        moment = change.at if change is not None else preview.replaces.indexed_at
        text += say(
            language,
            "doc_preview_replaces",
            who=who,
            when=_when(moment, language, tz),
            passages=preview.replaces.chunks,
        )
    return text + say(language, "doc_preview_ask")


def sources_text(
    records: Sequence,
    origins: Mapping[str, object],
    kind_of: Callable[[str], str],
    answers: int,
    language: str,
    tz: str,
) -> str:
    """/bronnen: added documents with who and when, then the built-in ones, marked."""
    documents = [r for r in records if kind_of(r.source) != "answer"]
    added = [r for r in documents if kind_of(r.source) != "builtin"]
    builtin = [r for r in documents if kind_of(r.source) == "builtin"]
    lines = [say(language, "sources_header", count=len(documents))]
    lines.append(say(language, "sources_added_header"))
    for record in added:
        origin = origin_text(record, origins.get(record.source), language, tz)
        lines.append(
            say(language, "source_line", title=record.title, passages=record.chunks, origin=origin)
        )
    if not added:
        lines.append(say(language, "sources_none_added"))
    if builtin:
        lines.append(say(language, "sources_builtin_header"))
        lines += [
            say(language, "source_builtin_line", title=r.title, passages=r.chunks) for r in builtin
        ]
    if answers:
        lines.append(say(language, "sources_answers", count=answers))
    lines.append(say(language, "sources_how_to_add"))
    return "\n".join(lines)


def button_title(title: str) -> str:
    return shorten(title, TITLE_ON_BUTTON)


def answers_text(rows: Sequence[Mapping], language: str, tz: str) -> str:
    """/antwoorden: each curated answer with its question, who gave it and when."""
    lines = [say(language, "answers_header", count=len(rows))]
    for row in rows:
        lines.append(
            say(
                language,
                "answer_item",
                id=row["id"],
                question=shorten(row.get("curated_question") or row["question"], QUESTION_SHOWN),
                answer=shorten(row["curated_answer"], ANSWER_SHOWN),
                who=row.get("curator_name") or say(language, "anonymous"),
                when=_when(row["curated_at"], language, tz),
            )
        )
    return "\n".join(lines)
