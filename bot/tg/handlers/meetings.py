"""Bijeenkomsten: coordinators plan, move and cancel them; everyone sees the coming ones and
turns reminders on or off."""

from __future__ import annotations

import re
from datetime import datetime

from telegram import Update
from telegram.ext import ContextTypes

from storage import people
from storage.errors import Invalid, MeetingCancelled, NotFound
from storage.meetings import (
    cancel_meeting,
    create_meeting,
    get_meeting,
    move_meeting,
    upcoming_meetings,
)
from storage.proeftuinen import find_proeftuin

from ..meeting_dates import format_moment, parse_meeting_datetime
from ..reminders import sync_meeting
from ..texts import say
from .common import (
    argument_text,
    clear_buttons,
    coordinators_only,
    is_admin,
    language_of,
    now,
    reply,
    send_html,
    services,
)

PLAN_FIELDS = ("title", "when", "place", "agenda", "who")
ALL = ("", "-", "alle", "all", "iedereen")


def _read_moment(update, context, text: str) -> tuple[datetime | None, bool, str | None]:
    """(moment, time given, problem key) for a typed date; the problem is None when fine."""
    settings = services(context).settings
    parsed = parse_meeting_datetime(text, now=now(context), tz=settings.timezone)
    if parsed is None:
        return None, False, "bad_date"
    if parsed.when <= now(context):
        return parsed.when, parsed.time_given, "past_date"
    return parsed.when, parsed.time_given, None


async def _refuse_moment(update, context, when, problem: str) -> None:
    language = language_of(update, context)
    tz = services(context).settings.timezone
    shown = format_moment(when, language, tz) if when else ""
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
    context.user_data["awaiting"] = {
        "chat_id": update.effective_chat.id,
        "kind": "plan",
        "values": {},
    }
    await reply(update, context, "plan_ask_title")


async def plan_form_answer(update, context, state: dict, text: str) -> None:
    """One answer of the step-by-step /plan form."""
    values = state["values"]
    field = PLAN_FIELDS[len(values)]
    if field == "when":
        when, _, problem = _read_moment(update, context, text)
        if problem:
            context.user_data["awaiting"] = state  # ask for the date again
            await _refuse_moment(update, context, when, problem)
            return
    values[field] = text
    if len(values) < len(PLAN_FIELDS):
        context.user_data["awaiting"] = state
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
        await reply(update, context, "unknown_proeftuin", problem=str(problem))
        return
    language = language_of(update, context)
    ids = None if chosen is None else [p.id for p in chosen]
    context.user_data["meeting_draft"] = {**values, "starts_at": when, "proeftuin_ids": ids}
    await reply(
        update,
        context,
        "plan_confirm",
        buttons=[[(say(language, "plan_yes"), "mp:yes"), (say(language, "plan_no"), "mp:no")]],
        title=values["title"],
        when=format_moment(when, language, services(context).settings.timezone),
        no_time="" if time_given else say(language, "plan_no_time"),
        place=values["place"],
        who=say(language, "plan_all") if chosen is None else ", ".join(p.name for p in chosen),
    )


async def plan_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    await query.answer()
    await clear_buttons(update)
    draft = context.user_data.pop("meeting_draft", None)
    if query.data != "mp:yes" or draft is None or not is_admin(context, update.effective_user.id):
        await reply(update, context, "cancelled")
        return
    try:
        meeting = create_meeting(
            services(context).db,
            title=draft["title"],
            starts_at=draft["starts_at"],
            place=None if draft["place"] in ("", "-") else draft["place"],
            agenda=None if draft["agenda"] in ("", "-") else draft["agenda"],
            proeftuin_ids=draft["proeftuin_ids"],
            created_by=update.effective_user.id,
            now=now(context),
        )
    except Invalid as problem:
        await reply(update, context, "unknown_proeftuin", problem=str(problem))
        return
    await sync_meeting(context.application, meeting)
    await reply(
        update,
        context,
        "planned",
        title=meeting.title,
        id=meeting.id,
        when=format_moment(
            meeting.starts_at, language_of(update, context), services(context).settings.timezone
        ),
    )


async def list_meetings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/bijeenkomsten: the coming ones; participants see those of their proeftuinen."""
    db, user_id = services(context).db, update.effective_user.id
    language = language_of(update, context)
    mine = {m.proeftuin.id for m in people.memberships(db, user_id)}
    meetings = [
        m
        for m in upcoming_meetings(db, now=now(context))
        if is_admin(context, user_id) or m.proeftuin_ids is None or mine & set(m.proeftuin_ids)
    ]
    if not meetings:
        await reply(update, context, "meetings_none")
        return
    tz = services(context).settings.timezone
    lines = [say(language, "meetings_title")] + [
        say(
            language,
            "meeting_line",
            id=m.id,
            when=format_moment(m.starts_at, language, tz),
            title=m.title,
            place=m.place or "-",
        )
        for m in meetings
    ]
    await send_html(context, update.effective_chat.id, "\n".join(lines))


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
    context.user_data["meeting_move"] = {"id": meeting_id, "starts_at": when}
    await reply(
        update,
        context,
        "move_confirm",
        buttons=[[(say(language, "plan_yes"), "mm:yes"), (say(language, "plan_no"), "mm:no")]],
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
    context.user_data["meeting_cancel"] = meeting_id
    await reply(
        update,
        context,
        "cancel_confirm",
        buttons=[[(say(language, "plan_yes"), "mc:yes"), (say(language, "plan_no"), "mc:no")]],
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
    action, answer = query.data.split(":")
    pending = context.user_data.pop("meeting_move" if action == "mm" else "meeting_cancel", None)
    if answer != "yes" or pending is None or not is_admin(context, update.effective_user.id):
        await reply(update, context, "cancelled")
        return
    db = services(context).db
    try:
        if action == "mm":
            meeting = move_meeting(db, pending["id"], pending["starts_at"], now=now(context))
        else:
            meeting = cancel_meeting(db, pending, now=now(context))
    except MeetingCancelled:
        await reply(
            update, context, "meeting_is_cancelled", id=pending["id"] if action == "mm" else pending
        )
        return
    except Invalid as problem:
        await reply(update, context, "unknown_proeftuin", problem=str(problem))
        return
    before = db["reminder_log"].count
    await sync_meeting(context.application, meeting)
    told = db["reminder_log"].count - before
    await reply(
        update, context, "moved" if action == "mm" else "meeting_cancelled_done", count=told
    )


async def reminder_settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/herinneringen: shows the setting with a button to flip it."""
    person = people.get_person(services(context).db, update.effective_user.id)
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
    people.set_reminders(services(context).db, update.effective_user.id, on)
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
    context.user_data["awaiting"] = {"chat_id": update.effective_chat.id, "kind": "update"}
    await reply(update, context, "update_prompt")
