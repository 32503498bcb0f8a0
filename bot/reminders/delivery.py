"""Sending one kind of message about a meeting to its audience, each person at most once.

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
from datetime import datetime, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError

from bot.domain.reminder_times import checkin_due
from bot.output.render import CAPTION_LIMIT, utf16_length
from bot.output.texts import say
from bot.reminders.audience import audience, proeftuinen_without_update
from bot.reminders.messages import (
    CALENDAR_FILENAME,
    checkin_message,
    reminder_message,
    summary_text,
)
from bot.results import report_pdf
from storage import people, reminders
from storage.checkins import all_checkins, checkin_audience, claim_checkin, mark_checkin
from storage.meetings import Meeting, previous_meeting
from storage.proeftuinen import get_proeftuin
from storage.progress import last_update_at, overview

log = logging.getLogger(__name__)

PARALLEL_SENDS = 32  # the rate limiter, not the round trip, should set the pace
CHECKIN_LATE = timedelta(hours=20)  # a check-in missed by more (a long downtime) is skipped


@dataclass
class Delivery:
    kind: str
    counts: Counter = field(default_factory=Counter)


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
                bot, db, settings, meeting, kind, person, now, person.telegram_id not in had_one
            )
        reminders.mark_reminder(db, *key, kind, meeting.version, status, now=now)
        delivery.counts[status] += 1

    await asyncio.gather(*(one(p) for p in audience(db, settings, meeting, kind)))
    log.info("Meeting %s %s: %s", meeting.id, kind, dict(delivery.counts))
    return delivery


async def _send(bot, db, settings, meeting: Meeting, kind: str, person, now, first: bool) -> str:
    try:
        if kind == "summary":
            await send_summary(bot, db, settings, meeting, person.telegram_id, person.language, now)
        else:
            message = reminder_message(
                meeting, kind, person.language, settings, now=now, with_calendar=first
            )
            await send_reminder(bot, person.telegram_id, message)
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


async def deliver_checkins(bot, db, settings, now: datetime) -> Counter:
    """Ask each proeftuin with check-ins on how it is going, when its moment has come and it
    did not report in the period; each member once per moment (claimed first)."""
    counts: Counter = Counter()
    for checkin in all_checkins(db):
        due = checkin_due(
            now,
            every_days=checkin.every_days,
            weekday=checkin.weekday,
            at=checkin.at,
            tz=settings.timezone,
            since=checkin.set_at,
        )
        if due is None or now - due > CHECKIN_LATE:  # long missed: wait for the next one
            continue
        last = last_update_at(db, checkin.proeftuin_id)
        if last is not None and last > due - timedelta(days=checkin.every_days):
            counts["reported"] += 1  # it reported in the period: no need to ask
            continue
        name = get_proeftuin(db, checkin.proeftuin_id).name
        for person in checkin_audience(db, checkin.proeftuin_id):
            if not claim_checkin(db, checkin.proeftuin_id, person.telegram_id, due, now=now):
                continue
            status = await _send_checkin(bot, db, person, name)
            mark_checkin(db, checkin.proeftuin_id, person.telegram_id, due, status)
            counts[status] += 1
    return counts


async def _send_checkin(bot, db, person, name: str) -> str:
    try:
        await send_reminder(bot, person.telegram_id, checkin_message(name, person.language))
    except Forbidden:
        people.mark_inactive(db, person.telegram_id)
        return "blocked"
    except TelegramError as error:
        log.warning("Could not send a check-in to %s: %s", person.telegram_id, error)
        return "failed"
    return "sent"


async def send_reminder(bot, chat_id: int, message) -> None:
    markup = None
    if message.buttons:
        markup = InlineKeyboardMarkup(
            [[InlineKeyboardButton(label, callback_data=data) for label, data in message.buttons]]
        )
    if message.calendar is None:
        await bot.send_message(
            chat_id, message.text, parse_mode=ParseMode.HTML, reply_markup=markup
        )
        return
    calendar = InputFile(message.calendar, filename=CALENDAR_FILENAME)
    if utf16_length(message.text) <= CAPTION_LIMIT:
        await bot.send_document(chat_id, calendar, caption=message.text, parse_mode=ParseMode.HTML)
    else:  # a long agenda: Telegram refuses captions over 1,024 characters
        await bot.send_message(chat_id, message.text, parse_mode=ParseMode.HTML)
        await bot.send_document(chat_id, calendar)


async def send_summary(
    bot, db, settings, meeting: Meeting, chat_id: int, language: str, now: datetime
) -> None:
    """The coordinators' summary: each proeftuin's progress since the previous bijeenkomst."""
    before = previous_meeting(db, meeting.starts_at)
    since = before.starts_at if before else None
    rows = overview(db, since=since)
    silent = [p.name for p in proeftuinen_without_update(db, meeting)]
    text = summary_text(language, settings.timezone, meeting.title, since, rows, silent)
    await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)
    if rows:
        bars = [
            (r.proeftuin.name, r.totals.net_jobs, r.target, r.proeftuin.name not in silent)
            for r in rows
        ]
        from bot.output.charts import overview_chart  # matplotlib: loaded when first needed

        png = overview_chart(bars, language=language)
        caption = say(language, "overview_caption")
        await bot.send_photo(chat_id, InputFile(png, filename="samenvatting.png"), caption=caption)
        # the report the proeftuinen's results are shown with tomorrow
        pdf = report_pdf(db, now=now, since=since, language=language, tz=settings.timezone)
        name = f"vonkje-rapport-{now:%Y%m%d}.pdf"
        caption = say(language, "report_caption")
        await bot.send_document(chat_id, InputFile(pdf, filename=name), caption=caption)
