"""Reminders, nudges and coordinator summaries for bijeenkomsten.

What must survive a restart lives in SQLite (meetings, reminder_log); PTB's JobQueue only holds
the next firing times and is rebuilt from the database at start-up.

The crash rule: a reminder is *claimed* (a 'sending' row, unique per meeting, person, kind and
meeting version) before it is sent, and marked 'sent' after. A crash between sending and marking
leaves the 'sending' row: the reminder is never sent twice (the claim blocks it), and it is not
lost silently either — at start-up such rows are logged and reported to the coordinators, who
can check with the person. At most once, never silently.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError
from telegram.ext import Application, ContextTypes

from storage import people, reminders, updates
from storage.meetings import (
    Meeting,
    get_meeting,
    meeting_participants,
    previous_meeting,
    proeftuinen_of,
    upcoming_meetings,
)

from .ics import meeting_ics
from .meeting_dates import format_moment
from .reminder_plan import ReminderSpec, due_reminders, nudge_time, reminder_times, summary_time
from .render import CAPTION_LIMIT, utf16_length
from .texts import say

log = logging.getLogger(__name__)

PARALLEL_SENDS = 32  # the rate limiter, not the round trip, should set the pace
RESYNC_SECONDS = 300


@dataclass
class Delivery:
    kind: str
    counts: Counter = field(default_factory=Counter)


def specs_by_audience(meeting: Meeting, settings) -> dict[str, list[ReminderSpec]]:
    tz = settings.timezone
    return {
        "participants": reminder_times(
            meeting.starts_at,
            day_offsets=settings.reminder_days,
            at=settings.reminder_at,
            hour_offsets=settings.reminder_hours,
            tz=tz,
        ),
        "nudge": [
            ReminderSpec(
                "nudge",
                nudge_time(
                    meeting.starts_at,
                    days_before=settings.nudge_days,
                    at=settings.reminder_at,
                    tz=tz,
                ),
            )
        ],
        "summary": [
            ReminderSpec("summary", summary_time(meeting.starts_at, at=settings.reminder_at, tz=tz))
        ],
    }


def audience(db, settings, meeting: Meeting, kind: str) -> list:
    """Who gets this kind of message for this meeting."""
    if kind == "summary":
        return [
            p
            for p in (people.get_person(db, i) for i in settings.admins)
            if p is not None and p.active
        ]
    if kind in ("change", "cancel"):
        return meeting_participants(db, meeting)
    participants = meeting_participants(db, meeting, reminders_only=True)
    if kind != "nudge":
        return participants
    silent = {p.id for p in proeftuinen_without_update(db, meeting)}
    return [
        p
        for p in participants
        if any(m.proeftuin.id in silent for m in people.memberships(db, p.telegram_id))
    ]


def proeftuinen_without_update(db, meeting: Meeting):
    before = previous_meeting(db, meeting.starts_at)
    since = before.starts_at if before else None
    rows = {row.proeftuin.id: row for row in updates.overview(db, since=since)}
    return [
        p
        for p in proeftuinen_of(db, meeting)
        if not (
            rows.get(p.id) and (rows[p.id].reported_since if since else rows[p.id].last_update_at)
        )
    ]


def completed_kinds(db, settings, meeting: Meeting) -> set[str]:
    """Kinds handled for everyone who should get them (partly handled ones are finished)."""
    handled: dict[str, set[int]] = {}
    for row in reminders.sent_reminders(db, meeting.id):
        # a failed send is not done: the next rebuild (every 5 minutes) tries it again
        if row["meeting_version"] == meeting.version and row["status"] != "failed":
            handled.setdefault(row["kind"], set()).add(row["telegram_id"])
    done = set()
    for group in specs_by_audience(meeting, settings).values():
        for spec in group:
            wanted = {p.telegram_id for p in audience(db, settings, meeting, spec.kind)}
            if wanted and wanted <= handled.get(spec.kind, set()):
                done.add(spec.kind)
    return done


def plan(db, settings, meeting: Meeting, now: datetime):
    """(send now, folded kinds, future specs) per audience group, by the restart rule."""
    done = completed_kinds(db, settings, meeting)
    return [
        due_reminders(specs, now=now, already_sent=done, meeting_starts_at=meeting.starts_at)
        for specs in specs_by_audience(meeting, settings).values()
    ]


async def deliver(
    bot, db, settings, meeting: Meeting, kind: str, *, now: datetime, folded: Sequence[str] = ()
) -> Delivery:
    """Send one kind of message for a meeting to its audience; each person at most once."""
    delivery = Delivery(kind)
    gate = asyncio.Semaphore(PARALLEL_SENDS)
    # The first message about a meeting carries the calendar file.
    had_one = {
        row["telegram_id"]
        for row in reminders.sent_reminders(db, meeting.id)
        if row["status"] == "sent"
    }

    async def one(person) -> None:
        key = (meeting.id, person.telegram_id)
        if not reminders.claim_reminder(db, *key, kind, meeting.version, now=now):
            delivery.counts["already"] += 1
            return
        for covered in folded:
            if reminders.claim_reminder(db, *key, covered, meeting.version, now=now):
                reminders.mark_reminder(db, *key, covered, meeting.version, "folded", now=now)
        async with gate:
            status = await _send(
                bot,
                db,
                settings,
                meeting,
                kind,
                person,
                now,
                with_calendar=person.telegram_id not in had_one,
            )
        reminders.mark_reminder(db, *key, kind, meeting.version, status, now=now)
        delivery.counts[status] += 1

    await asyncio.gather(*(one(p) for p in audience(db, settings, meeting, kind)))
    log.info("Meeting %s %s: %s", meeting.id, kind, dict(delivery.counts))
    return delivery


async def _send(
    bot, db, settings, meeting: Meeting, kind: str, person, now, *, with_calendar: bool
) -> str:
    try:
        await _message(bot, db, settings, meeting, kind, person, now, with_calendar)
    except Forbidden:
        people.mark_inactive(db, person.telegram_id)  # blocked the bot: stop writing to them
        return "blocked"
    except TelegramError as error:
        log.warning("Could not send %s to %s: %s", kind, person.telegram_id, error)
        return "failed"
    except Exception:  # a chart or calendar file that failed: never leave the claim 'sending'
        log.exception("Could not make %s for %s", kind, person.telegram_id)
        return "failed"
    return "sent"


async def _message(
    bot, db, settings, meeting: Meeting, kind: str, person, now, with_calendar: bool
) -> None:
    language, tz = person.language, settings.timezone
    chat = person.telegram_id
    values = {
        "title": meeting.title,
        "when": format_moment(meeting.starts_at, language, tz),
        "place": meeting.place or "-",
        "agenda": meeting.agenda or "-",
    }
    if kind == "summary":
        await send_summary(bot, db, meeting, chat, language)
        return
    if kind == "nudge":
        keyboard = InlineKeyboardMarkup(
            [[InlineKeyboardButton(say(language, "nudge_button"), callback_data="nu:update")]]
        )
        await bot.send_message(
            chat, say(language, "nudge", **values), parse_mode=ParseMode.HTML, reply_markup=keyboard
        )
        return
    text = say(
        language, f"meeting_{kind}" if kind in ("change", "cancel") else "reminder", **values
    )
    if kind in ("change", "cancel") or with_calendar:
        ics = meeting_ics(
            uid=f"vonkje-meeting-{meeting.id}@vonkje",
            title=meeting.title,
            starts_at=meeting.starts_at,
            place=meeting.place,
            description=meeting.agenda,
            sequence=meeting.version - 1,
            cancelled=kind == "cancel",
            now=now,
        )
        calendar = InputFile(ics, filename="bijeenkomst.ics")
        if utf16_length(text) <= CAPTION_LIMIT:
            await bot.send_document(chat, calendar, caption=text, parse_mode=ParseMode.HTML)
        else:  # a long agenda: Telegram refuses captions over 1,024 characters
            await bot.send_message(chat, text, parse_mode=ParseMode.HTML)
            await bot.send_document(chat, calendar)
    else:
        await bot.send_message(chat, text, parse_mode=ParseMode.HTML)


async def send_summary(bot, db, meeting: Meeting, chat_id: int, language: str) -> None:
    """The coordinators' summary: each proeftuin's progress since the previous bijeenkomst."""
    from .charts import overview_chart
    from .render import pre_table

    before = previous_meeting(db, meeting.starts_at)
    since = before.starts_at if before else None
    rows = updates.overview(db, since=since)
    silent = [p.name for p in proeftuinen_without_update(db, meeting)]
    table = [("proeftuin", "banen", "doel", "kand.", "stage")] + [
        (
            r.proeftuin.name[:24],
            str(r.totals.jobs_realised),
            str(r.target),
            str(r.totals.candidates),
            str(r.totals.internships),
        )
        for r in rows
    ]
    text = say(
        language, "summary", title=meeting.title, since=f"{since:%d-%m-%Y}" if since else "-"
    )
    text += "\n" + pre_table(table)
    text += say(language, "summary_silent", names=", ".join(silent) if silent else "-")
    await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)
    if rows:
        png = overview_chart(
            [
                (r.proeftuin.name, r.totals.jobs_realised, r.target, r.proeftuin.name not in silent)
                for r in rows
            ]
        )
        await bot.send_photo(chat_id, InputFile(png, filename="samenvatting.png"))


# -- the JobQueue -----------------------------------------------------------------------------


def _job_prefix(meeting_id: int) -> str:
    return f"meeting-{meeting_id}-"


async def reminder_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """A scheduled reminder fired: send it if the meeting still stands as planned."""
    services = context.application.bot_data["services"]
    data = context.job.data
    meeting = get_meeting(services.db, data["meeting_id"])
    if meeting.cancelled or meeting.version != data["version"]:
        return
    await deliver(
        context.bot, services.db, services.settings, meeting, data["kind"], now=services.clock()
    )


async def sync_meeting(application: Application, meeting: Meeting) -> None:
    """Send what is due now (after downtime, folded), schedule the rest, drop stale jobs."""
    services = application.bot_data["services"]
    db, settings, now = services.db, services.settings, services.clock()
    queue = application.job_queue
    if queue is not None:
        for job in queue.jobs():
            if job.name and job.name.startswith(_job_prefix(meeting.id)):
                job.schedule_removal()
    if meeting.starts_at <= now:
        return
    if meeting.cancelled:
        await deliver(application.bot, db, settings, meeting, "cancel", now=now)
        return
    if meeting.version > 1:
        await deliver(application.bot, db, settings, meeting, "change", now=now)
    for due in plan(db, settings, meeting, now):
        for spec in due.send_now:
            await deliver(
                application.bot, db, settings, meeting, spec.kind, now=now, folded=due.folded
            )
        for spec in due.future:
            if queue is not None:
                queue.run_once(
                    reminder_job,
                    when=spec.when,
                    name=f"{_job_prefix(meeting.id)}{spec.kind}",
                    data={"meeting_id": meeting.id, "kind": spec.kind, "version": meeting.version},
                )


async def start_reminders(application: Application) -> None:
    """At start-up: report interrupted sends, then rebuild every meeting's jobs."""
    services = application.bot_data["services"]
    db, now = services.db, services.clock()
    interrupted = reminders.reminders_in_state(db, "sending")
    if interrupted:
        log.warning(
            "%d reminders were interrupted between sending and logging; not resent",
            len(interrupted),
        )
        await report_interrupted(application, interrupted)
        for row in interrupted:  # reported once; the claim still blocks a second send
            reminders.mark_reminder(
                db,
                row["meeting_id"],
                row["telegram_id"],
                row["kind"],
                row["meeting_version"],
                "unknown",
                now=now,
            )
    await sync_all(application)
    queue = application.job_queue
    if queue is not None:
        for job in queue.get_jobs_by_name("meetings-resync"):
            job.schedule_removal()
        queue.run_repeating(
            resync_job, interval=RESYNC_SECONDS, first=RESYNC_SECONDS, name="meetings-resync"
        )


async def sync_all(application: Application) -> None:
    services = application.bot_data["services"]
    for meeting in upcoming_meetings(services.db, now=services.clock(), include_cancelled=True):
        await sync_meeting(application, meeting)


async def resync_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Picks up changes made outside the bot (`vonkje meetings add|cancel`) while it runs."""
    await sync_all(context.application)


async def report_interrupted(application: Application, rows: list[dict]) -> None:
    services = application.bot_data["services"]
    lines = [f"• {row['meeting_title']} ({row['kind']}) → {row['telegram_id']}" for row in rows]
    for admin in services.settings.admins:
        try:
            await application.bot.send_message(
                admin, say("nl", "interrupted", count=len(rows)) + "\n" + "\n".join(lines)
            )
        except TelegramError as error:
            log.warning("Could not report interrupted reminders to %s: %s", admin, error)
