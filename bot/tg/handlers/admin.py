"""Coordinators: creating proeftuinen, invite links, and linking a group to a proeftuin."""

from __future__ import annotations

import re

from telegram import ChatMember, Update
from telegram.ext import ContextTypes
from telegram.helpers import create_deep_linked_url

from bot.domain.meeting_dates import DAYS_EN, DAYS_NL, format_moment
from bot.domain.reminder_times import parse_cadence
from bot.output.texts import say
from bot.tg.handlers.common import (
    argument_text,
    await_reply,
    coordinators_only,
    find_or_explain,
    is_admin,
    is_group,
    language_of,
    now,
    reply,
    reply_error,
    services,
)
from storage import access, people
from storage.checkins import set_checkin, stop_checkin
from storage.errors import Invalid, InviteInvalid
from storage.proeftuinen import create_proeftuin

FORM_FIELDS = ("name", "opdrachtgever", "opdrachtnemer", "location", "jobs_target")


@coordinators_only
async def new_proeftuin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/nieuweproeftuin, or in one go: /nieuweproeftuin naam; opdrachtgever; opdrachtnemer;
    locatie; doel."""
    parts = [p.strip() for p in argument_text(context).split(";")]
    if len(parts) == len(FORM_FIELDS):
        await _create(update, context, dict(zip(FORM_FIELDS, parts, strict=True)))
        return
    await_reply(update, context, {"step": "new_proeftuin", "values": {}})
    await _ask_next(update, context, {})


async def _ask_next(update: Update, context: ContextTypes.DEFAULT_TYPE, values: dict) -> None:
    language = language_of(update, context)
    field = FORM_FIELDS[len(values)]
    await reply(update, context, "new_proeftuin_ask", question=say(language, f"ask_{field}"))


async def proeftuin_form_answer(
    update: Update, context: ContextTypes.DEFAULT_TYPE, state: dict, text: str
) -> None:
    """One answer of the step-by-step form; the last one creates the proeftuin."""
    values = state["values"]
    field = FORM_FIELDS[len(values)]
    if field == "jobs_target" and not (text.isdigit() and int(text) <= 10_000):
        await_reply(update, context, state)  # ask again for the same field
        await reply(update, context, "bad_target")
        return
    values[field] = text
    if len(values) < len(FORM_FIELDS):
        await_reply(update, context, state)
        await _ask_next(update, context, values)
        return
    await _create(update, context, values)


async def _create(update: Update, context: ContextTypes.DEFAULT_TYPE, values: dict) -> None:
    target = values["jobs_target"]
    if not target.isdigit():
        await reply(update, context, "bad_target")
        return
    try:
        proeftuin = create_proeftuin(
            services(context).db,
            name=values["name"],
            opdrachtgever=values["opdrachtgever"],
            opdrachtnemer=values["opdrachtnemer"],
            location=values["location"],
            jobs_target=int(target),
            created_by=update.effective_user.id,
            now=now(context),
        )
    except Invalid as problem:
        await reply_error(update, context, problem)
        return
    await reply(
        update, context, "proeftuin_created", name=proeftuin.name, target=proeftuin.jobs_target
    )
    await _send_invite(update, context, proeftuin)


async def _send_invite(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    proeftuin,
    *,
    valid_days: int | None = None,
    max_uses: int | None = None,
) -> None:
    db = services(context).db
    token = access.create_invite(
        db,
        proeftuin.id,
        update.effective_user.id,
        now=now(context),
        valid_days=valid_days,
        max_uses=max_uses,
    )
    link = create_deep_linked_url(context.bot.username, token)
    limits = invite_limits_text(access.invite_limits(db, token), language_of(update, context))
    await reply(
        update, context, "invite_link", name=proeftuin.name, link=link, token=token, limits=limits
    )


def invite_limits_text(limits: dict, language: str) -> str:
    """'geldig tot …; 0 van 5 keer gebruikt.' on a line of its own, or nothing."""
    parts = []
    if limits["expires_at"]:
        parts.append(
            say(language, "invite_until", date=format_moment(limits["expires_at"], language))
        )
    if limits["max_uses"]:
        parts.append(say(language, "invite_uses", uses=limits["uses"], most=limits["max_uses"]))
    return ("\n" + "; ".join(parts) + ".") if parts else ""


def invite_arguments(text: str) -> tuple[str, int | None, int | None] | None:
    """'naam[; N dagen][; M keer]' -> (name, days, uses); None when a part is unreadable."""
    name, *rest = [part.strip() for part in text.split(";")]
    days = uses = None
    for part in rest:
        match = re.fullmatch(
            r"([0-9]{1,5})\s*(dagen|dag|days?|d|keer|x|times?|maal)?", part.lower()
        )
        if not match:
            return None
        if match.group(2) in ("keer", "x", "times", "time", "maal"):
            uses = int(match.group(1))
        else:
            days = int(match.group(1))
    return name, days, uses


@coordinators_only
async def invite(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/uitnodiging <proeftuin>[; N dagen][; M keer]: a new invite deep link."""
    parsed = invite_arguments(argument_text(context)) if argument_text(context) else None
    if parsed is None or not parsed[0]:
        await reply(update, context, "usage_invite")
        return
    name, days, uses = parsed
    proeftuin = await find_or_explain(update, context, name)
    if proeftuin is None:
        return
    try:
        await _send_invite(update, context, proeftuin, valid_days=days, max_uses=uses)
    except Invalid as problem:
        await reply_error(update, context, problem)


@coordinators_only
async def revoke(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/intrekken <link or token>."""
    token = argument_text(context).rsplit("start=", 1)[-1]
    if not token:
        await reply(update, context, "usage_revoke")
        return
    try:
        revoked = access.revoke_invite(services(context).db, token, now=now(context))
    except InviteInvalid:
        await reply(update, context, "invite_invalid")
        return
    await reply(update, context, "invite_revoked" if revoked else "invite_revoked_already")


@coordinators_only
async def checkin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/checkin <proeftuin>; elke 2 weken donderdag 10:00 | aan | uit."""
    name, _, cadence_text = argument_text(context).partition(";")
    cadence = parse_cadence(cadence_text) if name.strip() else None
    if cadence is None or cadence == "weekend":
        await reply(update, context, "usage_checkin")
        return
    proeftuin = await find_or_explain(update, context, name.strip())
    if proeftuin is None:
        return
    if cadence == "off":
        stop_checkin(services(context).db, proeftuin.id)
        await reply(update, context, "checkin_off", name=proeftuin.name)
    else:
        await _start_checkins(update, context, proeftuin, cadence)


async def _start_checkins(update: Update, context: ContextTypes.DEFAULT_TYPE, proeftuin, cadence):
    every, weekday, at = cadence
    set_checkin(
        services(context).db,
        proeftuin.id,
        every_days=every,
        weekday=weekday,
        at=at,
        set_by=update.effective_user.id,
        now=now(context),
    )
    day = (DAYS_NL if language_of(update, context) == "nl" else DAYS_EN)[weekday]
    await reply(
        update, context, "checkin_on", name=proeftuin.name, weeks=every // 7, day=day, at=at
    )


async def is_group_admin(context: ContextTypes.DEFAULT_TYPE, chat_id: int, user_id: int) -> bool:
    member = await context.bot.get_chat_member(chat_id, user_id)
    return member.status in (ChatMember.ADMINISTRATOR, ChatMember.OWNER)


async def link_group(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/koppel <proeftuin> in a group, by a coordinator or a member of that proeftuin."""
    if not is_group(update):
        await reply(update, context, "group_only")
        return
    name = argument_text(context)
    if not name:
        await reply(update, context, "usage_link")
        return
    db, user_id = services(context).db, update.effective_user.id
    proeftuin = await find_or_explain(update, context, name)
    if proeftuin is None:
        return
    if not is_admin(context, user_id):
        if not people.is_member(db, proeftuin.id, user_id):
            await reply(update, context, "not_member_of_that")
            return
        # A member of proeftuin A inside B's group must not take B's messages over to A.
        if not await is_group_admin(context, update.effective_chat.id, user_id):
            await reply(update, context, "link_needs_group_admin", name=proeftuin.name)
            return
    access.link_group(db, update.effective_chat.id, proeftuin.id, user_id, now=now(context))
    await reply(update, context, "group_linked", name=proeftuin.name)
