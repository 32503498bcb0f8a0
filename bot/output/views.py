"""What /voortgang, /overzicht and /herstel show, composed from storage's plain values: pure, so
the handlers stay short and these are tested with tables."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime

from bot.domain.meeting_dates import format_day, format_moment
from bot.output.render import bullet_list, pre_table
from bot.output.texts import say

LINE_TEXT = 120  # characters of an update's own text in a list
BANEN_HOURS = 25.5  # one job in the banenafspraak's unit, hours a week
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


DRAFT_LINES = (  # (field, shown when) in the order a draft lists them
    ("started", lambda f: f["jobs_realised"]),
    ("ended", lambda f: f["jobs_ended"]),
    ("internships", lambda f: f["internships"]),
    ("candidates", lambda f: f["candidates"] is not None),
    ("hours", lambda f: f["hours"]),
    ("step", lambda f: f["step"]),
    ("obstacles", lambda f: f["obstacles"]),
    ("solved", lambda f: f["solved"]),
    ("lesson", lambda f: f["lesson"]),
    ("activity", lambda f: f["activity"]),
    ("next_step", lambda f: f["next_step"]),
)
_VALUE = {"started": "jobs_realised", "ended": "jobs_ended"}


def draft_text(
    fields: dict, name: str, language: str, *, note: str | None = None, asking: bool = True
) -> str:
    """What was read from a progress message, only the fields it holds, and what is unsure;
    `asking=False`: the same lines once it is decided, without "Klopt dit?"."""
    lines = []
    for key, shown in DRAFT_LINES:
        if shown(fields):
            value = fields[_VALUE.get(key, key)]
            units = f"{value / BANEN_HOURS:.1f}" if key == "hours" else ""
            units = units.replace(".", ",") if language == "nl" else units
            value = f"{value:g}" if key == "hours" else value
            lines.append(say(language, f"draft_{key}", value=value, units=units))
    if note:
        lines.append(say(language, "draft_note", value=note))
    key = "draft" if asking else "draft_saved"
    text = say(language, key, name=name, html_values={"lines": "\n".join(lines)})
    if fields.get("ask") and asking:
        unsure = ", ".join(say(language, f"field_{f}") for f in fields["ask"])
        text += "\n" + say(language, "draft_unsure", fields=unsure)
    return text


def role_name(role: str | None, language: str) -> str:
    return say(language, f"role_{role}") if role else "-"


def update_line(update, language: str, tz: str) -> str:
    author = update.author_name or say(language, "anonymous")
    role = role_name(update.role, language)
    when = format_day(update.created_at, language, tz)
    return f"{when} {author} ({role}): {shorten(update.raw_text, LINE_TEXT)}"


def notes_line(update, note: str, language: str, tz: str) -> str:
    author = update.author_name or say(language, "anonymous")
    return f"{format_day(update.created_at, language, tz)} {author}: {shorten(note, LINE_TEXT)}"


def progress_text(summary, language: str, tz: str) -> str:
    """A proeftuin's figures, open knelpunten and latest updates."""
    proeftuin, totals = summary.proeftuin, summary.totals
    share = round(100 * totals.net_jobs / summary.target) if summary.target else 0
    detail = (
        say(language, "progress_detail", started=totals.jobs_realised, ended=totals.jobs_ended)
        if totals.jobs_ended
        else ""
    )
    units = ""
    if totals.banen_units:
        shown = f"{totals.banen_units:.1f}"
        units = say(
            language, "progress_units", units=shown.replace(".", ",") if language == "nl" else shown
        )
    text = say(
        language,
        "progress",
        name=proeftuin.name,
        opdrachtgever=proeftuin.opdrachtgever or "-",
        opdrachtnemer=proeftuin.opdrachtnemer or "-",
        location=proeftuin.location or "-",
        jobs=totals.net_jobs,
        target=summary.target,
        share=share,
        detail=detail,
        units=units,
        candidates=say(language, "none") if totals.candidates is None else totals.candidates,
        internships=totals.internships,
        step=summary.last_step or say(language, "none"),
    )
    if summary.open_knelpunten:
        items = [shorten(k.text, LINE_TEXT) for k in summary.open_knelpunten]
        text += say(language, "progress_obstacles") + "\n" + bullet_list(items)
    if summary.activities:
        items = [notes_line(u, u.activity, language, tz) for u in summary.activities]
        text += say(language, "progress_activities") + "\n" + bullet_list(items)
    if summary.lessons:
        items = [notes_line(u, u.lesson, language, tz) for u in summary.lessons]
        text += say(language, "progress_lessons") + "\n" + bullet_list(items)
    if not summary.latest:
        return text + say(language, "progress_none")
    lines = [update_line(u, language, tz) for u in summary.latest]
    return text + say(language, "progress_latest") + "\n" + bullet_list(lines)


def overview_bars(rows: Sequence, since: datetime | None) -> list[tuple[str, int, int, bool]]:
    """(name, net jobs, target, reported) per proeftuin, for the overview chart."""
    return [
        (r.proeftuin.name, r.totals.net_jobs, r.target, bool(r.reported_since or since is None))
        for r in rows
    ]


def overview_text(rows: Sequence, since: datetime | None, language: str, tz: str) -> str:
    """Every proeftuin in one table; ⚠️ marks those without an update since `since`."""
    table = [tuple(say(language, "overview_columns").split("|"))]
    for row in rows:
        last = format_day(row.last_update_at, language, tz) if row.last_update_at else "-"
        table.append(
            (
                "⚠️" if since and not row.reported_since else "",
                shorten(row.proeftuin.name, NAME_IN_TABLE),
                str(row.totals.net_jobs),
                str(row.target),
                "-" if row.totals.candidates is None else str(row.totals.candidates),
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


SUMMARY_FIELDS = (  # (text key, attribute) of what an update recorded, in this order
    ("started", "jobs_realised"),
    ("ended", "jobs_ended"),
    ("internships", "internships"),
    ("candidates", "candidates"),
    ("hours", "hours"),
    ("obstacles", "obstacles"),
    ("activity", "activity"),
    ("lesson", "lesson"),
    ("step", "step"),
    ("next_step", "next_step"),
)
SUMMARY_TEXT = 40


def update_summary(update, language: str) -> str:
    """What an update recorded, by kind: '2 gestart, knelpunt: vervoer' or 'activiteit: …'
    (never '0 banen, 0 kandidaten, 0 stages' for an update that only logged a knelpunt)."""
    parts = []
    for key, attribute in SUMMARY_FIELDS:
        value = getattr(update, attribute, None)
        if value is None or value == 0 or value == "":
            continue
        if isinstance(value, str):
            value = shorten(value, SUMMARY_TEXT)
        elif isinstance(value, float):
            value = f"{value:g}"
        parts.append(say(language, f"summary_{key}", value=value))
    return ", ".join(parts) or shorten(update.raw_text, SUMMARY_TEXT)


def knelpunten_text(
    listed: Sequence, language: str, tz: str
) -> tuple[str, list[list[tuple[str, str]]]]:
    """Per proeftuin its open knelpunten since when, each with an Opgelost button."""
    lines, buttons = [say(language, "knelpunten_title")], []
    for proeftuin, open_ones in listed:
        lines.append(f"\n<b>{html.escape(proeftuin.name, quote=False)}</b>")
        if not open_ones:
            lines.append(say(language, "knelpunten_none"))
        for k in open_ones:
            since = format_day(k.opened_at, language, tz)
            lines.append(
                f"#{k.id} ({since}) {html.escape(shorten(k.text, LINE_TEXT), quote=False)}"
            )
            buttons.append([(say(language, "solved_button", id=k.id), f"kp:{k.id}")])
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
                summary=update_summary(item, language),
            )
        )
        buttons.append(
            [
                (say(language, "correct", id=item.id), f"hc:{item.id}"),
                (say(language, "withdraw", id=item.id), f"hw:{item.id}"),
            ]
        )
    return "\n".join(lines), buttons
