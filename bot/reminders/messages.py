"""What each reminder says, with its buttons and calendar file: pure, no Telegram, no storage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from bot.domain.ics import meeting_ics
from bot.domain.meeting_dates import format_day, format_moment
from bot.output.render import pre_table
from bot.output.texts import say
from bot.output.views import NAME_IN_TABLE, shorten

if TYPE_CHECKING:
    from storage.meetings import Meeting

NUDGE_BUTTON_DATA = "nu:update"
CALENDAR_FILENAME = "bijeenkomst.ics"


@dataclass(frozen=True)
class ReminderMessage:
    text: str  # HTML
    buttons: tuple[tuple[str, str], ...] = ()  # (label, callback data), one row
    calendar: bytes | None = None  # the .ics to attach


def meeting_values(meeting: Meeting, language: str, tz: str) -> dict[str, str]:
    return {
        "title": meeting.title,
        "when": format_moment(meeting.starts_at, language, tz),
        "place": meeting.place or "-",
        "agenda": meeting.agenda or "-",
    }


def calendar_file(meeting: Meeting, *, cancelled: bool, now: datetime, organizer: str) -> bytes:
    return meeting_ics(
        uid=f"vonkje-meeting-{meeting.id}@vonkje",
        title=meeting.title,
        starts_at=meeting.starts_at,
        place=meeting.place,
        description=meeting.agenda,
        sequence=meeting.version - 1,
        cancelled=cancelled,
        organizer=organizer,
        now=now,
    )


def reminder_message(
    meeting: Meeting,
    kind: str,
    language: str,
    settings,
    *,
    now: datetime,
    with_calendar: bool,
) -> ReminderMessage:
    """A nudge, a reminder, or the notice of a change or cancellation. A change, a
    cancellation and the first message a person gets about a meeting carry the .ics."""
    values = meeting_values(meeting, language, settings.timezone)
    if kind == "nudge":
        return ReminderMessage(
            say(language, "nudge", **values),
            buttons=((say(language, "nudge_button"), NUDGE_BUTTON_DATA),),
        )
    changed = kind in ("change", "cancel", "invitation")
    text = say(language, f"meeting_{kind}" if changed else "reminder", **values)
    calendar = None
    if changed or with_calendar:
        calendar = calendar_file(
            meeting, cancelled=kind == "cancel", now=now, organizer=settings.organizer_email
        )
    return ReminderMessage(text, calendar=calendar)


def checkin_message(proeftuin_name: str, language: str) -> ReminderMessage:
    """The question between bijeenkomsten; its button makes the next message the update."""
    return ReminderMessage(
        say(language, "checkin_question", name=proeftuin_name),
        buttons=((say(language, "nudge_button"), NUDGE_BUTTON_DATA),),
    )


def summary_text(
    language: str,
    tz: str,
    title: str,
    since: datetime | None,
    rows: Sequence,
    silent: Sequence[str],
) -> str:
    """The coordinators' summary: each proeftuin's figures since the previous bijeenkomst."""
    header = (
        ("proeftuin", "banen", "doel", "kand.", "stage")
        if language == "nl"
        else ("proeftuin", "jobs", "target", "cand.", "intern")
    )
    table = [header] + [
        (
            shorten(r.proeftuin.name, NAME_IN_TABLE),
            str(r.totals.net_jobs),
            str(r.target),
            "-" if r.totals.candidates is None else str(r.totals.candidates),
            str(r.totals.internships),
        )
        for r in rows
    ]
    when = format_day(since, language, tz, year=True) if since else "-"
    text = say(language, "summary", title=title, since=when)
    text += "\n" + pre_table(table)
    return text + say(language, "summary_silent", names=", ".join(silent) if silent else "-")
