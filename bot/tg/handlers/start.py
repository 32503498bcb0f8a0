"""/start (with invite deep links), roles, /help, /cancel and messages that are not text."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import ContextTypes

from bot.output.texts import say
from bot.tg.handlers.common import (
    argument_text,
    clear_buttons,
    is_admin,
    is_group,
    language_of,
    now,
    reply,
    send_html,
    sender,
    services,
)
from storage import access, conversations, people
from storage.errors import InviteInvalid

ROLES = {"g": "opdrachtgever", "n": "opdrachtnemer", "a": "anders"}


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Welcome; with an invite token, offer the roles of that proeftuin."""
    person = sender(update, context)
    token = context.args[0] if context.args else ""
    if not token:
        await reply(update, context, "welcome", name=person.name.split(" ")[0])
        return
    if is_group(update):  # role buttons with the token would let anyone in the group join
        await reply(update, context, "send_privately")
        return
    try:
        proeftuin = access.invite_proeftuin(services(context).db, token, now=now(context))
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
        proeftuin = access.invite_proeftuin(db, token, now=now(context))
    except InviteInvalid:
        await reply(update, context, "invite_invalid")
        return
    role = ROLES.get(code, "anders")
    if not people.is_member(db, proeftuin.id, update.effective_user.id):
        access.use_invite(db, token)  # a role change by a member is not another use
    people.add_member(db, proeftuin.id, update.effective_user.id, role, now=now(context))
    await clear_buttons(update)
    language = language_of(update, context)
    await reply(
        update, context, "joined", name=proeftuin.name, as_role=say(language, f"joined_as_{role}")
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


LANGUAGE_WORDS = {"nl": "nl", "nederlands": "nl", "dutch": "nl", "en": "en", "english": "en"}
LANGUAGE_WORDS |= {"engels": "en"}


async def language_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/taal [nl|en]: switch the language; without a choice, two buttons."""
    choice = LANGUAGE_WORDS.get(argument_text(context).lower())
    if choice:
        await _set_language(update, context, choice)
        return
    buttons = [[("🇳🇱 Nederlands", "lg:nl"), ("🇬🇧 English", "lg:en")]]
    await reply(update, context, "language_choose", buttons=buttons)


async def language_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.callback_query.answer()
    await clear_buttons(update)
    await _set_language(update, context, update.callback_query.data.split(":")[1])


async def _set_language(update: Update, context: ContextTypes.DEFAULT_TYPE, language: str):
    """Chosen once, kept: it no longer follows the Telegram app's language."""
    context.sender = people.set_language(services(context).db, update.effective_user.id, language)
    await reply(update, context, "language_set")


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop any flow that waits for input; drafts are dropped, nothing is saved."""
    busy = conversations.end_flows(services(context).flow_db, update.effective_user.id) > 0
    await reply(update, context, "cancelled" if busy else "nothing_to_cancel")


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice and files get a friendly explanation."""
    await reply(update, context, "not_text")


# (pattern, handler) for this module's buttons; the app registers them
CALLBACKS = [
    (r"^j:[gna]:[A-Za-z0-9_-]{32}$", choose_role),
    (r"^lg:(nl|en)$", language_button),
]
