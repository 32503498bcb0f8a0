"""`vonkje remind`: the reminder plan printed, or what is due sent once."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

from bot.domain.meeting_dates import format_moment_nl
from bot.reminders.audience import audience, completed_kinds, specs_by_audience
from storage.meetings import upcoming_meetings


def print_plan(settings, db, echo: Callable[[str], None], now: datetime | None = None) -> None:
    """Every reminder still to come: when, which kind, for which meeting, to whom."""
    now = now or datetime.now(UTC)
    meetings = upcoming_meetings(db, now=now)
    if not meetings:
        echo("Geen bijeenkomsten gepland; er gaat niets uit.")
    for meeting in meetings:
        when = format_moment_nl(meeting.starts_at, settings.timezone)
        echo(f"#{meeting.id} {meeting.title} — {when}")
        done = completed_kinds(db, settings, meeting)
        for group in specs_by_audience(meeting, settings).values():
            for spec in group:
                names = (
                    ", ".join(
                        f"{p.name} ({p.telegram_id})"
                        for p in audience(db, settings, meeting, spec.kind)
                    )
                    or "-"
                )
                state = (
                    "al verstuurd"
                    if spec.kind in done
                    else "nu (gemist)"
                    if spec.when <= now
                    else "gepland"
                )
                echo(
                    f"  {format_moment_nl(spec.when, settings.timezone)}  {spec.kind:7} "
                    f"[{state}] → {names}"
                )


def send_due_now(settings, db, kb) -> None:
    """Send what is due (the bot does this itself at start-up and on schedule)."""
    from bot.reminders.jobs import start_reminders
    from bot.tg.app import build_application, install_secret_filter

    install_secret_filter(settings.telegram_bot_token)
    application = build_application(settings, db=db, kb=kb, rate_limit=True)

    async def once() -> None:
        await application.initialize()
        try:
            await start_reminders(application)
        finally:
            await application.shutdown()

    asyncio.run(once())
