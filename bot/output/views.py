"""What /voortgang, /overzicht and /herstel show, composed from storage's plain values: pure, so
the handlers stay short and these are tested with tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.domain.meeting_dates import format_day, format_moment
from bot.output.render import bullet_list, pre_table
from bot.output.texts import say

LINE_TEXT = 120  # characters of an update's own text in a list
NAME_IN_TABLE = 28  # a proeftuin's name in a monospaced table (a phone shows ~40 columns)


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary with '…'."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:") + "…"


def role_name(role: str | None, language: str) -> str:
    return say(language, f"role_{role}") if role else "-"


def update_line(update, language: str, tz: str) -> str:
    author = update.author_name or say(language, "anonymous")
    role = role_name(update.role, language)
    when = format_day(update.created_at, language, tz)
    return f"{when} {author} ({role}): {shorten(update.raw_text, LINE_TEXT)}"


def progress_text(summary, language: str, tz: str) -> str:
    """A proeftuin's figures, open knelpunten and latest updates."""
    proeftuin = summary.proeftuin
    share = round(100 * summary.totals.jobs_realised / summary.target) if summary.target else 0
    text = say(
        language,
        "progress",
        name=proeftuin.name,
        opdrachtgever=proeftuin.opdrachtgever or "-",
        opdrachtnemer=proeftuin.opdrachtnemer or "-",
        location=proeftuin.location or "-",
        jobs=summary.totals.jobs_realised,
        target=summary.target,
        share=share,
        candidates=summary.totals.candidates,
        internships=summary.totals.internships,
        step=summary.last_step or say(language, "none"),
    )
    if summary.open_obstacles:
        text += say(language, "progress_obstacles") + "\n" + bullet_list(summary.open_obstacles)
    if not summary.latest:
        return text + say(language, "progress_none")
    lines = [update_line(u, language, tz) for u in summary.latest]
    return text + say(language, "progress_latest") + "\n" + bullet_list(lines)


def overview_text(rows: Sequence, since: datetime | None, language: str, tz: str) -> str:
    """Every proeftuin in one table; ⚠️ marks those without an update since `since`."""
    table = [tuple(say(language, "overview_columns").split("|"))]
    for row in rows:
        last = format_day(row.last_update_at, language, tz) if row.last_update_at else "-"
        table.append(
            (
                "⚠️" if since and not row.reported_since else "",
                shorten(row.proeftuin.name, NAME_IN_TABLE),
                str(row.totals.jobs_realised),
                str(row.target),
                str(row.totals.candidates),
                str(row.totals.internships),
                last,
            )
        )
    note = (
        say(language, "overview_since", date=format_day(since, language, tz, year=True))
        if since
        else say(language, "overview_no_meeting")
    )
    return f"{say(language, 'overview_title')}\n{pre_table(table)}\n{note}"


ANSWER_IN_LIST = 150  # characters of the bot's answer shown in /onbeantwoord


def open_questions_text(rows: Sequence[dict], language: str, tz: str) -> str:
    """Questions that need a coordinator: who asked, from which proeftuin, what the bot said
    and, after a 👎, what the asker missed."""
    lines = [say(language, "open_questions")]
    for row in rows:
        item = say(
            language,
            "open_question_item",
            id=row["id"],
            date=format_day(datetime.fromisoformat(row["created_at"]), language, tz),
            flag="👎" if row["feedback"] == -1 else "❔",
            question=row["question"],
            who=row.get("asker_name") or say(language, "anonymous"),
            proeftuin=row.get("proeftuin_name") or row.get("asker_proeftuinen") or "-",
            answer=shorten(row.get("answer") or "-", ANSWER_IN_LIST),
        )
        if row.get("feedback_note"):
            item += say(language, "open_question_note", note=row["feedback_note"])
        lines.append(item)
    return "\n".join(lines)


def meetings_text(
    meetings: Sequence, language: str, tz: str
) -> tuple[str, list[list[tuple[str, str]]]]:
    """The coming meetings with place and agenda, and a button for each one's .ics."""
    lines = [say(language, "meetings_title")] + [
        say(
            language,
            "meeting_line",
            id=m.id,
            when=format_moment(m.starts_at, language, tz),
            title=m.title,
            place=m.place or "-",
            agenda=m.agenda or "-",
        )
        for m in meetings
    ]
    buttons = [[(say(language, "calendar_button", id=m.id), f"ic:{m.id}")] for m in meetings]
    return "\n".join(lines), buttons


def herstel_text(
    items: Sequence, names: dict[int, str], language: str, tz: str
) -> tuple[str, list[list[tuple[str, str]]]]:
    """The sender's recent updates with a correct and a withdraw button each."""
    lines = [say(language, "herstel_list")]
    buttons = []
    for item in items:
        lines.append(
            say(
                language,
                "herstel_item",
                id=item.id,
                date=format_day(item.created_at, language, tz),
                name=names.get(item.proeftuin_id, "?"),
                jobs=item.jobs_realised,
                candidates=item.candidates,
                internships=item.internships,
            )
        )
        buttons.append(
            [
                (say(language, "correct", id=item.id), f"hc:{item.id}"),
                (say(language, "withdraw", id=item.id), f"hw:{item.id}"),
            ]
        )
    return "\n".join(lines), buttons
