"""Bijeenkomsten: coordinators plan, move and cancel them; everyone sees the coming ones and
turns reminders on or off."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InputFile, Update
from telegram.ext import ContextTypes

from bot.domain.meeting_dates import DAYS_EN, DAYS_NL, format_moment, parse_meeting_datetime
from bot.domain.meeting_form import PLAN_FIELDS, meeting_values
from bot.output.texts import say
from bot.output.views import meetings_text
from bot.reminders.delivery import deliver
from bot.reminders.jobs import sync_meeting
from bot.reminders.messages import CALENDAR_FILENAME, calendar_file
from bot.tg.handlers.common import (
    ID,
    TOKEN,
    argument_text,
    await_reply,
    clear_buttons,
    coordinators_only,
    is_admin,
    language_of,
    now,
    reply,
    reply_error,
    send_html,
    sender,
    services,
    start_flow,
    take_flow,
)
from storage import people
from storage.clock import from_iso, to_iso
from storage.errors import Invalid, MeetingCancelled, NotFound
from storage.meetings import (
    cancel_meeting,
    create_meeting,
    get_meeting,
    move_meeting,
    upcoming_meetings,
)
from storage.proeftuinen import find_proeftuin

ALL = ("", "-", "alle", "all", "iedereen")


def _read_moment(update, context, text: str) -> tuple[datetime | None, bool, str | None]:
    """(moment, time given, problem key) for a typed date; the problem is None when fine."""
    settings = services(context).settings
    parsed = parse_meeting_datetime(text, now=now(context), tz=settings.timezone)
    if parsed is None:
        return None, False, "bad_date"
    if parsed.when <= now(context):
        return parsed.when, parsed.time_given, "past_date"
    if parsed.named_weekday is not None:  # asked about, never corrected either way
        return parsed.when, parsed.time_given, f"weekday_mismatch:{parsed.named_weekday}"
    return parsed.when, parsed.time_given, None


async def _refuse_moment(update, context, when, problem: str) -> None:
    language = language_of(update, context)
    tz = services(context).settings.timezone
    shown = format_moment(when, language, tz) if when else ""
    if problem.startswith("weekday_mismatch:"):
        days = DAYS_NL if language == "nl" else DAYS_EN
        named, actual = (
            days[int(problem.split(":")[1])],
            days[when.astimezone(ZoneInfo(tz)).weekday()],
        )
        await reply(update, context, "weekday_mismatch", named=named, actual=actual, when=shown)
        return
    await reply(update, context, problem, when=shown)


@coordinators_only
async def plan(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/plan, or in one go: /plan titel; datum en tijd; plaats; agenda[; proeftuinen]."""
    parts = [p.strip() for p in argument_text(context).split(";")]
    if len(parts) in (len(PLAN_FIELDS) - 1, len(PLAN_FIELDS)):
        await _confirm_plan(update, context, dict(zip(PLAN_FIELDS, parts, strict=False)))
        return
    if parts != [""]:
        await reply(update, context, "usage_plan")
        return
    await_reply(update, context, {"step": "plan", "values": {}})
    await reply(update, context, "plan_ask_title")


async def plan_form_answer(update, context, state: dict, text: str) -> None:
    """One answer of the step-by-step /plan form."""
    values = state["values"]
    field = PLAN_FIELDS[len(values)]
    if field == "when":
        when, _, problem = _read_moment(update, context, text)
        if problem:
            await_reply(update, context, state)  # ask for the date again
            await _refuse_moment(update, context, when, problem)
            return
    values[field] = text
    if len(values) < len(PLAN_FIELDS):
        await_reply(update, context, state)
        await reply(update, context, f"plan_ask_{PLAN_FIELDS[len(values)]}")
        return
    await _confirm_plan(update, context, values)


def _chosen_proeftuinen(context, text: str | None):
    """None for all proeftuinen, else the named ones (comma-separated); raises on unknown."""
    if (text or "").strip().lower() in ALL:
        return None
    db = services(context).db
    return [find_proeftuin(db, name.strip()) for name in text.split(",") if name.strip()]


async def _confirm_plan(update, context, values: dict) -> None:
    when, time_given, problem = _read_moment(update, context, values["when"])
    if problem:
        await _refuse_moment(update, context, when, problem)
        return
    try:
        chosen = _chosen_proeftuinen(context, values.get("who"))
    except (NotFound, Invalid) as problem:
        await reply_error(update, context, problem)
        return
    language = language_of(update, context)
    ids = None if chosen is None else [p.id for p in chosen]
    draft = {**values, "starts_at": to_iso(when), "proeftuin_ids": ids}
    token = start_flow(update, context, "meeting_plan", draft, keep=1)
    await reply(
        update,
        context,
        "plan_confirm",
        buttons=_yes_no(language, "mp", token),
        title=values["title"],
        when=format_moment(when, language, services(context).settings.timezone),
        no_time="" if time_given else say(language, "plan_no_time"),
        place=values["place"],
        who=say(language, "plan_all") if chosen is None else ", ".join(p.name for p in chosen),
    )


def _yes_no(language: str, action: str, token: str) -> list[list[tuple[str, str]]]:
    return [
        [
            (say(language, "plan_yes"), f"{action}:yes:{token}"),
            (say(language, "plan_no"), f"{action}:no:{token}"),
        ]
    ]


async def plan_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    await query.answer()
    await clear_buttons(update)
    _, answer, token = query.data.split(":")
    flow = take_flow(update, context, token, "meeting_plan")
    if answer != "yes" or flow is None or not is_admin(context, update.effective_user.id):
        await reply(update, context, "cancelled")
        return
    values = meeting_values(flow.data, from_iso(flow.data["starts_at"]))
    try:
        meeting = create_meeting(
            services(context).db, **values, created_by=update.effective_user.id, now=now(context)
        )
    except Invalid as problem:
        await reply_error(update, context, problem)
        return
    await sync_meeting(context.application, meeting)
    language, tz = language_of(update, context), services(context).settings.timezone
    invite = [[(say(language, "invite_now_button"), f"mi:{meeting.id}")]]
    when = format_moment(meeting.starts_at, language, tz)
    await reply(
        update, context, "planned", buttons=invite, title=meeting.title, id=meeting.id, when=when
    )


async def list_meetings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/bijeenkomsten: the coming ones; participants see those of their proeftuinen."""
    language = language_of(update, context)
    meetings = visible_meetings(context, update.effective_user.id)
    if not meetings:
        await reply(update, context, "meetings_none")
        return
    settings = services(context).settings
    text, buttons = meetings_text(meetings, language, settings.timezone)
    await send_html(context, update.effective_chat.id, text, buttons=buttons)


def visible_meetings(context, user_id: int):
    """The coming meetings this person may see: all for a coordinator, else those of their
    proeftuinen and those for everyone."""
    db = services(context).db
    mine = {m.proeftuin.id for m in people.memberships(db, user_id)}
    return [
        m
        for m in upcoming_meetings(db, now=now(context))
        if is_admin(context, user_id) or m.proeftuin_ids is None or mine & set(m.proeftuin_ids)
    ]


async def calendar_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """'Agenda-bestand' under /bijeenkomsten: the meeting's .ics again."""
    await update.callback_query.answer()
    meeting_id = int(update.callback_query.data.split(":")[1])
    meeting = next(
        (m for m in visible_meetings(context, update.effective_user.id) if m.id == meeting_id),
        None,
    )
    if meeting is None:
        await reply(update, context, "unknown_meeting", id=meeting_id)
        return
    settings = services(context).settings
    data = calendar_file(
        meeting, cancelled=False, now=now(context), organizer=settings.organizer_email
    )
    await context.bot.send_document(
        update.effective_chat.id, InputFile(data, filename=CALENDAR_FILENAME)
    )


async def invite_now_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """'Uitnodiging nu sturen' under a planned meeting: the invitation with its .ics to every
    participant at once (logged like a reminder, so nobody gets it twice)."""
    await update.callback_query.answer()
    if not is_admin(context, update.effective_user.id):
        return
    await clear_buttons(update)
    meeting = await _existing(update, context, int(update.callback_query.data.split(":")[1]))
    if meeting is None:
        return
    db, settings = services(context).db, services(context).settings
    sent = await deliver(context.bot, db, settings, meeting, "invitation", now=now(context))
    await reply(update, context, "invitation_sent", count=sent.counts["sent"])


def _meeting_from_args(context) -> tuple[int | None, str]:
    args = context.args or []
    number = args[0].lstrip("#") if args else ""
    # ASCII digits only ("²".isdigit() is true), and within SQLite's integer range
    if not re.fullmatch(r"[0-9]{1,18}", number):
        return None, ""
    return int(number), " ".join(args[1:]).strip()


@coordinators_only
async def move(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/verplaats <nummer> <nieuwe datum>: asks for confirmation, then tells the participants."""
    meeting_id, text = _meeting_from_args(context)
    if meeting_id is None or not text:
        await reply(update, context, "usage_move")
        return
    meeting = await _existing(update, context, meeting_id)
    if meeting is None:
        return
    when, _, problem = _read_moment(update, context, text)
    if problem:
        await _refuse_moment(update, context, when, problem)
        return
    language = language_of(update, context)
    token = start_flow(
        update, context, "meeting_move", {"id": meeting_id, "starts_at": to_iso(when)}, keep=1
    )
    await reply(
        update,
        context,
        "move_confirm",
        buttons=_yes_no(language, "mm", token),
        title=meeting.title,
        when=format_moment(when, language, services(context).settings.timezone),
    )


@coordinators_only
async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/annuleer <nummer>: asks for confirmation, then tells the participants."""
    meeting_id, _ = _meeting_from_args(context)
    if meeting_id is None:
        await reply(update, context, "usage_cancel_meeting")
        return
    meeting = await _existing(update, context, meeting_id)
    if meeting is None:
        return
    language = language_of(update, context)
    token = start_flow(update, context, "meeting_cancel", {"id": meeting_id}, keep=1)
    await reply(
        update,
        context,
        "cancel_confirm",
        buttons=_yes_no(language, "mc", token),
        title=meeting.title,
        when=format_moment(meeting.starts_at, language, services(context).settings.timezone),
    )


async def _existing(update, context, meeting_id: int):
    try:
        meeting = get_meeting(services(context).db, meeting_id)
    except NotFound:
        await reply(update, context, "unknown_meeting", id=meeting_id)
        return None
    if meeting.cancelled:
        await reply(update, context, "meeting_is_cancelled", id=meeting_id)
        return None
    return meeting


async def change_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Yes/no under a move or a cancellation."""
    query = update.callback_query
    await query.answer()
    await clear_buttons(update)
    action, answer, token = query.data.split(":")
    flow = take_flow(update, context, token, "meeting_move" if action == "mm" else "meeting_cancel")
    if answer != "yes" or flow is None or not is_admin(context, update.effective_user.id):
        await reply(update, context, "cancelled")
        return
    db, pending = services(context).db, flow.data
    try:
        meeting = _change(db, action, pending, now(context))
    except MeetingCancelled:
        await reply(update, context, "meeting_is_cancelled", id=pending["id"])
        return
    except Invalid as problem:
        await reply_error(update, context, problem)
        return
    before = db["reminder_log"].count
    await sync_meeting(context.application, meeting)  # tells the participants
    told = db["reminder_log"].count - before
    done = "moved" if action == "mm" else "meeting_cancelled_done"
    await reply(update, context, done, count=told)


def _change(db, action: str, pending: dict, moment):
    if action == "mm":
        return move_meeting(db, pending["id"], from_iso(pending["starts_at"]), now=moment)
    return cancel_meeting(db, pending["id"], now=moment)


async def reminder_settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/herinneringen: shows the setting with a button to flip it."""
    person = sender(update, context)
    await _show_reminder_setting(update, context, person.reminders_on)


async def _show_reminder_setting(update, context, on: bool) -> None:
    language = language_of(update, context)
    flip = ("reminders_turn_off", "rm:off") if on else ("reminders_turn_on", "rm:on")
    await reply(
        update,
        context,
        "reminders_state",
        state=say(language, "reminders_on" if on else "reminders_off"),
        buttons=[[(say(language, flip[0]), flip[1])]],
    )


async def reminder_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    await query.answer()
    await clear_buttons(update)
    on = query.data == "rm:on"
    context.sender = people.set_reminders(services(context).db, update.effective_user.id, on)
    language = language_of(update, context)
    await reply(
        update,
        context,
        "reminders_state",
        state=say(language, "reminders_on" if on else "reminders_off"),
    )


async def nudge_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """'Nu een update sturen' under a nudge: the next message is the update."""
    await update.callback_query.answer()
    await clear_buttons(update)
    await_reply(update, context, {"step": "update"})
    await reply(update, context, "update_prompt")


CALLBACKS = [
    (rf"^mp:(yes|no):{TOKEN}$", plan_button),
    (rf"^ic:{ID}$", calendar_button),
    (rf"^mi:{ID}$", invite_now_button),
    (rf"^(mm|mc):(yes|no):{TOKEN}$", change_button),
    (r"^rm:(on|off)$", reminder_button),
    (r"^nu:update$", nudge_button),
]
