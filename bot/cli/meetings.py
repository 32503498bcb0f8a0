"""`vonkje meetings list|add|cancel` and `vonkje remind`."""

from __future__ import annotations

import click

from bot.cli.context import knowledge_of as _knowledge
from bot.cli.context import settings_of as _settings
from bot.cli.context import storage_of as _storage
from bot.output.texts import describe


@click.group()
def meetings() -> None:
    """Plan, list and cancel bijeenkomsten (the bot tells participants when it runs)."""


@meetings.command(name="list")
@click.option("--all", "include_cancelled", is_flag=True, help="Include cancelled meetings.")
@click.pass_context
def meetings_list(ctx: click.Context, include_cancelled: bool) -> None:
    """List the coming bijeenkomsten."""
    from bot.domain.meeting_dates import format_moment_nl
    from storage.meetings import upcoming_meetings
    from storage.proeftuinen import list_proeftuinen

    settings = _settings(ctx)
    db = _storage(ctx)
    rows = upcoming_meetings(db, include_cancelled=include_cancelled)
    if not rows:
        click.echo("Geen bijeenkomsten gepland.")
    names = {p.id: p.name for p in list_proeftuinen(db)}
    for m in rows:
        status = " (geannuleerd)" if m.cancelled else ""
        who = (
            "alle proeftuinen"
            if m.proeftuin_ids is None
            else ", ".join(names.get(i, f"proeftuin {i}") for i in m.proeftuin_ids)
        )
        click.echo(
            f"#{m.id} {format_moment_nl(m.starts_at, settings.timezone)}: {m.title}"
            f"{status} — {m.place or '-'} — {who}"
        )


@meetings.command(name="add", short_help="Plan a bijeenkomst (WHEN in Dutch words or digits).")
@click.argument("title")
@click.argument("when")
@click.option("--place", help="Address or video link.")
@click.option("--agenda", help="What is on the agenda.")
@click.option(
    "--proeftuin",
    "proeftuinen",
    multiple=True,
    help="Only for this proeftuin (repeatable); all by default.",
)
@click.pass_context
def meetings_add(
    ctx: click.Context,
    title: str,
    when: str,
    place: str | None,
    agenda: str | None,
    proeftuinen: tuple[str, ...],
) -> None:
    """Plan a bijeenkomst; WHEN in Dutch, e.g. "vrijdag 15 maart 14:00"."""
    from datetime import UTC, datetime

    from bot.domain.meeting_dates import format_moment_nl, parse_meeting_datetime
    from storage.errors import Invalid, NotFound
    from storage.meetings import create_meeting
    from storage.proeftuinen import find_proeftuin

    settings = _settings(ctx)
    db = _storage(ctx)
    now = datetime.now(UTC)
    parsed = parse_meeting_datetime(when, now=now, tz=settings.timezone)
    if parsed is None:
        raise click.UsageError(f"Kan de datum niet lezen: {when!r}")
    if parsed.when <= now:
        raise click.UsageError(f"De datum ligt in het verleden: {format_moment_nl(parsed.when)}")
    try:
        ids = [find_proeftuin(db, name).id for name in proeftuinen] or None
        meeting = create_meeting(
            db,
            title=title,
            starts_at=parsed.when,
            place=place,
            agenda=agenda,
            proeftuin_ids=ids,
            created_by=None,
            now=now,
        )
    except (Invalid, NotFound) as problem:
        raise click.UsageError(describe(problem, "nl", as_html=False)) from problem
    click.echo(
        f"Gepland: #{meeting.id} {title} op "
        f"{format_moment_nl(meeting.starts_at, settings.timezone)}"
    )


@meetings.command(name="cancel")
@click.argument("meeting_id", type=int)
@click.pass_context
def meetings_cancel(ctx: click.Context, meeting_id: int) -> None:
    """Cancel a bijeenkomst; the running bot tells the participants."""
    from storage.errors import MeetingCancelled, NotFound
    from storage.meetings import cancel_meeting

    try:
        meeting = cancel_meeting(_storage(ctx), meeting_id)
    except (NotFound, MeetingCancelled) as problem:
        raise click.UsageError(describe(problem, "nl", as_html=False)) from problem
    click.echo(f"Geannuleerd: #{meeting.id} {meeting.title}. De bot licht de deelnemers in.")


@click.command()
@click.option("--dry-run", is_flag=True, help="Only print what would be sent, to whom and when.")
@click.pass_context
def remind(ctx: click.Context, dry_run: bool) -> None:
    """Send the reminders that are due now, or with --dry-run print the whole plan."""
    from bot.cli.remind import print_plan, send_due_now

    settings = _settings(ctx)
    if dry_run:
        print_plan(settings, _storage(ctx), click.echo)
        return
    if not settings.telegram_bot_token:
        raise click.UsageError("TELEGRAM_BOT_TOKEN is not set; use --dry-run to see the plan.")
    send_due_now(settings, _storage(ctx), _knowledge(ctx))
