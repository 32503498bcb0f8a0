"""Showing progress back: /voortgang for a proeftuin, /overzicht and /export for coordinators."""

from __future__ import annotations

from telegram import InputFile, Update
from telegram.ext import ContextTypes

from bot.output.texts import say
from bot.output.views import overview_text, progress_text
from bot.tg.handlers.common import (
    ID,
    argument_text,
    clear_buttons,
    coordinators_only,
    find_or_explain,
    is_admin,
    is_group,
    language_of,
    now,
    private_only,
    proeftuin_buttons,
    reply,
    reply_error,
    send_html,
    services,
)
from storage import people
from storage.access import group_proeftuin
from storage.errors import NotFound
from storage.meetings import previous_meeting
from storage.proeftuinen import list_proeftuinen
from storage.progress import export_rows, overview, progress


def _can_read(context, user_id: int, proeftuin_id: int) -> bool:
    return is_admin(context, user_id) or people.is_member(
        services(context).db, proeftuin_id, user_id
    )


async def voortgang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/voortgang [proeftuin]: totals against the target, latest updates, obstacles, chart."""
    db, user_id = services(context).db, update.effective_user.id
    name = argument_text(context)
    if is_group(update) and not name:
        linked = group_proeftuin(db, update.effective_chat.id)
        if linked is None:
            await reply(update, context, "group_not_linked")
            return
        choices = [linked]
    elif name:
        found = await find_or_explain(update, context, name)
        if found is None:
            return
        if is_group(update):  # only the group's own proeftuin is shown in a group
            linked = group_proeftuin(db, update.effective_chat.id)
            if linked is None or linked.id != found.id:
                await reply(update, context, "send_privately")
                return
        choices = [found]
    elif is_admin(context, user_id):
        choices = list_proeftuinen(db)
    else:
        choices = [m.proeftuin for m in people.memberships(db, user_id)]
    if not choices:
        await reply(update, context, "not_member")
        return
    if len(choices) > 1:
        await reply(update, context, "choose_proeftuin", buttons=proeftuin_buttons(choices, "pv"))
        return
    await show_progress(update, context, choices[0].id)


async def voortgang_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.callback_query.answer()
    await clear_buttons(update)
    await show_progress(update, context, int(update.callback_query.data.split(":")[1]))


async def show_progress(update: Update, context: ContextTypes.DEFAULT_TYPE, proeftuin_id: int):
    from bot.output.charts import progress_chart

    db = services(context).db
    try:
        summary = progress(db, proeftuin_id)
    except NotFound as problem:  # a button for a proeftuin that no longer exists
        await reply_error(update, context, problem)
        return
    if not _can_read(context, update.effective_user.id, proeftuin_id):
        await reply(update, context, "not_member_of_that")  # never name what they may not see
        return
    language, tz = language_of(update, context), services(context).settings.timezone
    chat_id = update.effective_chat.id
    await send_html(context, chat_id, progress_text(summary, language, tz))
    png = progress_chart(summary.proeftuin.name, summary.series, summary.target)
    await context.bot.send_photo(
        chat_id,
        InputFile(png, filename="voortgang.png"),
        caption=say(language, "chart_caption", target=summary.target),
    )


@private_only
@coordinators_only
async def overzicht(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/overzicht: every proeftuin in one table and one chart; ⚠️ = no update since the last
    bijeenkomst."""
    from bot.output.charts import overview_chart

    db = services(context).db
    language = language_of(update, context)
    last_meeting = previous_meeting(db, now(context))
    since = last_meeting.starts_at if last_meeting else None
    rows = overview(db, since=since)
    if not rows:
        await reply(update, context, "overview_empty")
        return
    tz = services(context).settings.timezone
    chat_id = update.effective_chat.id
    await send_html(context, chat_id, overview_text(rows, since, language, tz))
    png = overview_chart(
        [
            (
                r.proeftuin.name,
                r.totals.jobs_realised,
                r.target,
                bool(r.reported_since or since is None),
            )
            for r in rows
        ]
    )
    await context.bot.send_photo(chat_id, InputFile(png, filename="overzicht.png"))


@private_only
@coordinators_only
async def export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/export: all updates as CSV and as XLSX."""
    from bot.output.exports import to_csv, to_xlsx

    rows = export_rows(services(context).db)
    language = language_of(update, context)
    stamp = f"{now(context):%Y%m%d}"
    chat_id = update.effective_chat.id
    for kind, data in (("CSV", to_csv(rows)), ("XLSX", to_xlsx(rows))):
        await context.bot.send_document(
            chat_id,
            InputFile(data, filename=f"vonkje-updates-{stamp}.{kind.lower()}"),
            caption=say(language, "export_caption", count=len(rows), kind=kind),
        )


CALLBACKS = [(rf"^pv:{ID}$", voortgang_button)]
