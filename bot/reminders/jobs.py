"""PTB's JobQueue for reminders: it only holds the next firing times and is rebuilt from SQLite
at start-up and every five minutes, so a restart or a change made outside the bot
(`vonkje meetings add|cancel`) is picked up."""

from __future__ import annotations

import logging

from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.output.texts import say
from bot.reminders.audience import due_by_audience
from bot.reminders.delivery import deliver, deliver_checkins
from storage import reminders
from storage.meetings import Meeting, get_meeting, upcoming_meetings

log = logging.getLogger(__name__)

RESYNC_SECONDS = 300


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
    for due in due_by_audience(db, settings, meeting, now):
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
    await checkin_round(application)
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
    """Picks up changes made outside the bot (`vonkje meetings add|cancel`) while it runs,
    and asks the proeftuinen whose check-in moment has come."""
    await sync_all(context.application)
    await checkin_round(context.application)


async def checkin_round(application: Application) -> None:
    services = application.bot_data["services"]
    counts = await deliver_checkins(
        application.bot, services.db, services.settings, services.clock()
    )
    if counts:
        log.info("Check-ins: %s", dict(counts))


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
