"""/start (with invite deep links), roles, /help, /cancel and messages that are not text."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import ContextTypes

from storage import people
from storage.errors import InviteInvalid

from ..texts import say
from .common import (
    clear_buttons,
    is_admin,
    is_group,
    language_of,
    now,
    reply,
    send_html,
    services,
)

ROLES = {"g": "opdrachtgever", "n": "opdrachtnemer", "a": "anders"}


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Welcome; with an invite token, offer the roles of that proeftuin."""
    person = people.get_person(services(context).db, update.effective_user.id)
    token = context.args[0] if context.args else ""
    if not token:
        await reply(update, context, "welcome", name=person.name.split(" ")[0])
        return
    if is_group(update):  # role buttons with the token would let anyone in the group join
        await reply(update, context, "send_privately")
        return
    try:
        proeftuin = people.invite_proeftuin(services(context).db, token, now=now(context))
    except InviteInvalid:
        await reply(update, context, "invite_invalid")
        return
    language = language_of(update, context)
    buttons = [
        [(say(language, f"role_{role}"), f"j:{code}:{token}")] for code, role in ROLES.items()
    ]
    await reply(update, context, "choose_role", buttons=buttons, name=proeftuin.name)


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button whose data no handler takes: forged, malformed, or from an older version."""
    await update.callback_query.answer(
        say(language_of(update, context), "button_invalid"), show_alert=True
    )


async def choose_role(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Join the proeftuin of the invite in the button, with the chosen role."""
    query = update.callback_query
    await query.answer()
    _, code, token = query.data.split(":", 2)
    db = services(context).db
    try:
        # checked again: it may be revoked, expired or used up by now
        proeftuin = people.invite_proeftuin(db, token, now=now(context))
    except InviteInvalid:
        await reply(update, context, "invite_invalid")
        return
    role = ROLES.get(code, "anders")
    if not people.is_member(db, proeftuin.id, update.effective_user.id):
        people.use_invite(db, token)  # a role change by a member is not another use
    people.add_member(db, proeftuin.id, update.effective_user.id, role, now=now(context))
    await clear_buttons(update)
    language = language_of(update, context)
    await reply(
        update, context, "joined", name=proeftuin.name, role=say(language, f"role_{role}").lower()
    )


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The commands, with the coordinator's commands for coordinators; an unknown command
    (this handler also takes those) is first said to be unknown."""
    language = language_of(update, context)
    text = say(language, "help")
    command = (update.effective_message.text or "").split()[0] if update.effective_message else ""
    known = context.bot_data.get("command_names", set())
    if command and command.split("@")[0].lstrip("/").lower() not in known:
        text = say(language, "unknown_command", command=html.escape(command)) + "\n\n" + text
    if is_admin(context, update.effective_user.id):
        text += say(language, "help_admin")
    await send_html(context, update.effective_chat.id, text)


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop any flow that waits for input; drafts are dropped, nothing is saved."""
    busy = bool(context.user_data.pop("awaiting", None) or context.user_data.get("drafts"))
    context.user_data.pop("drafts", None)
    await reply(update, context, "cancelled" if busy else "nothing_to_cancel")


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice and files get a friendly explanation."""
    await reply(update, context, "not_text")
