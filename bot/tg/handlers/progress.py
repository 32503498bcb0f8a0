"""Showing progress back: /voortgang for a proeftuin, /overzicht and /export for coordinators."""

from __future__ import annotations

from telegram import InputFile, Update
from telegram.ext import ContextTypes

from bot.output.texts import say
from bot.output.views import knelpunten_text, overview_bars, overview_text, progress_text
from bot.results import report_pdf, report_period
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
from storage.knelpunten import all_knelpunten, get_knelpunt, knelpunten, solve_knelpunt
from storage.meetings import previous_meeting
from storage.proeftuinen import list_proeftuinen
from storage.progress import export_rows, overview, progress


def _can_read(context, user_id: int, proeftuin_id: int) -> bool:
    return is_admin(context, user_id) or people.is_member(
        services(context).db, proeftuin_id, user_id
    )


async def voortgang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/voortgang [proeftuin]: totals against the target, latest updates, obstacles, chart."""
    choices = await _proeftuinen_to_show(update, context, argument_text(context))
    if choices is None:  # the user was told why
        return
    if not choices:
        await reply(update, context, "not_member")
        return
    if len(choices) > 1:
        await reply(update, context, "choose_proeftuin", buttons=proeftuin_buttons(choices, "pv"))
        return
    await show_progress(update, context, choices[0].id)


async def _proeftuinen_to_show(update: Update, context: ContextTypes.DEFAULT_TYPE, name: str):
    """A group shows its own proeftuin only; a named one must be visible to the user; without
    a name, a coordinator chooses from all, a member from their own. None: refused, told."""
    db, user_id = services(context).db, update.effective_user.id
    group = is_group(update)
    linked = group_proeftuin(db, update.effective_chat.id) if group else None
    if not name:
        if group and linked is None:
            await reply(update, context, "group_not_linked")
            return None
        if group:
            return [linked]
        if is_admin(context, user_id):
            return list_proeftuinen(db)
        return [m.proeftuin for m in people.memberships(db, user_id)]
    found = await find_or_explain(update, context, name)
    if found is not None and group and (linked is None or linked.id != found.id):
        await reply(update, context, "send_privately")
        return None
    return None if found is None else [found]


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
    png = progress_chart(
        summary.proeftuin.name, summary.series, summary.target, language=language, tz=tz
    )
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
    png = overview_chart(overview_bars(rows, since), language=language)
    caption = say(language, "overview_caption")
    await context.bot.send_photo(chat_id, InputFile(png, filename="overzicht.png"), caption=caption)


@private_only
@coordinators_only
async def export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/export: all updates as CSV and as XLSX."""
    from bot.output.exports import knelpunt_rows, overview_rows, to_csv, to_xlsx

    db, tz = services(context).db, services(context).settings.timezone
    rows = export_rows(db)
    language = language_of(update, context)
    stamp = f"{now(context):%Y%m%d}"
    chat_id = update.effective_chat.id
    workbook = to_xlsx(
        rows,
        tz=tz,
        overview=overview_rows(overview(db)),
        knelpunten=knelpunt_rows(all_knelpunten(db)),
    )
    for kind, data in (("CSV", to_csv(rows, tz=tz)), ("XLSX", workbook)):
        await context.bot.send_document(
            chat_id,
            InputFile(data, filename=f"vonkje-updates-{stamp}.{kind.lower()}"),
            caption=say(language, "export_caption", count=len(rows), kind=kind),
        )


@private_only
@coordinators_only
async def rapport(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/rapport [sinds]: the results report for the bijeenkomst, as a PDF document."""
    db, settings = services(context).db, services(context).settings
    moment, language = now(context), language_of(update, context)
    since, readable = report_period(argument_text(context), db, moment, settings.timezone)
    if not readable:
        await reply(update, context, "usage_report")
        return
    pdf = report_pdf(db, now=moment, since=since, language=language, tz=settings.timezone)
    await context.bot.send_document(
        update.effective_chat.id,
        InputFile(pdf, filename=f"vonkje-rapport-{moment:%Y%m%d}.pdf"),
        caption=say(language, "report_caption"),
    )


async def knelpunten_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/knelpunten [proeftuin]: the open knelpunten, each with an Opgelost button."""
    choices = await _proeftuinen_to_show(update, context, argument_text(context))
    if choices is None:
        return
    if not choices:
        await reply(update, context, "not_member")
        return
    db, language = services(context).db, language_of(update, context)
    listed = [(p, knelpunten(db, p.id)) for p in choices]
    text, buttons = knelpunten_text(listed, language, services(context).settings.timezone)
    await send_html(context, update.effective_chat.id, text, buttons=buttons)


async def solved_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Opgelost under /knelpunten: for members of that proeftuin and coordinators."""
    await update.callback_query.answer()
    db = services(context).db
    try:
        knelpunt = get_knelpunt(db, int(update.callback_query.data.split(":")[1]))
    except NotFound as problem:
        await reply_error(update, context, problem)
        return
    if not _can_read(context, update.effective_user.id, knelpunt.proeftuin_id):
        await reply(update, context, "not_member_of_that")
        return
    await clear_buttons(update)
    solve_knelpunt(db, knelpunt.id, solved_by=update.effective_user.id, now=now(context))
    await reply(update, context, "knelpunt_solved", text=knelpunt.text)


CALLBACKS = [(rf"^pv:{ID}$", voortgang_button), (rf"^kp:{ID}$", solved_button)]
