"""What every handler needs: who is writing, in which language, and how to reply."""

from __future__ import annotations

import functools
import html
from collections.abc import Sequence
from datetime import UTC, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.output.render import split_message
from bot.output.texts import describe, say
from bot.services import Services
from storage import conversations, knowledge_log, people
from storage.errors import AmbiguousName, Invalid, NotFound
from storage.proeftuinen import Proeftuin, find_proeftuin

MAX_INPUT = 2000
# Button data is checked whole, by each module's CALLBACKS patterns: a handler only ever sees
# data of the exact shape it makes. Ids are 1 to 18 ASCII digits (inside SQLite's integer
# range; `\d` would let in other scripts' digits); a flow's buttons carry its random token.
ID = "[0-9]{1,18}"
TOKEN = conversations.TOKEN_PATTERN


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.application.bot_data["services"]


def now(context: ContextTypes.DEFAULT_TYPE) -> datetime:
    return services(context).clock()


def utc_clock() -> datetime:
    return datetime.now(UTC)


def is_admin(context: ContextTypes.DEFAULT_TYPE, user_id: int | None) -> bool:
    return user_id is not None and user_id in services(context).settings.admins


def coordinators_only(handler):
    """Lets only the coordinators in VONKJE_ADMINS through; others get a clear refusal."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not is_admin(context, update.effective_user.id):
            await reply(update, context, "admin_only")
            return
        await handler(update, context)

    return guarded


def private_only(handler):
    """Personal or cross-proeftuin data is never shown in a group: "stuur dit privé"."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if is_group(update):
            await reply(update, context, "send_privately")
            return
        await handler(update, context)

    return guarded


async def find_or_explain(update: Update, context: ContextTypes.DEFAULT_TYPE, name: str):
    """The proeftuin by name or number, or None after telling the user why not. An ambiguous
    name lists only the proeftuinen this user may see (a member, or a coordinator)."""
    db, user_id = services(context).db, update.effective_user.id
    try:
        return find_proeftuin(db, name)
    except AmbiguousName as problem:
        visible = [
            p
            for p in problem.matches
            if is_admin(context, user_id) or people.is_member(db, p.id, user_id)
        ]
        if len(visible) == 1:
            return visible[0]
        if not visible:
            await reply(update, context, "not_member_of_that")
        else:
            names = ", ".join(p.name for p in visible)
            await reply(update, context, "ambiguous_proeftuin", name=name, names=names)
        return None
    except (NotFound, Invalid) as problem:
        await reply_error(update, context, problem)
        return None


def is_group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


def telegram_language(user) -> str | None:
    """The language of the person's Telegram app: English only when it says so; None when
    Telegram does not say."""
    if user is None or not user.language_code:
        return None
    return "en" if user.language_code.startswith("en") else "nl"


def sender(update: Update, context: ContextTypes.DEFAULT_TYPE):
    """The sender as stored, read once per update: PTB makes one context per update, and
    remember_person (group -1) puts the person there; a change of person data replaces it."""
    user = update.effective_user
    cached = context.__dict__.get("sender")
    if cached is not None and cached.telegram_id == user.id:
        return cached
    return people.get_person(services(context).db, user.id)


def language_of(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """A language chosen with /taal, else the Telegram app's, else the last one known."""
    user = update.effective_user
    if user is None:
        return "nl"
    person = sender(update, context)
    if person is not None and (person.language_chosen or telegram_language(user) is None):
        return person.language
    return telegram_language(user) or "nl"


def remember_person(update: Update, context: ContextTypes.DEFAULT_TYPE, known):
    """The sender as stored (`known`: as read by the caller, None when new); written only when
    new or changed (this runs on every update).
    Until a language is chosen with /taal, the stored one follows the Telegram app (reminders
    are sent in it)."""
    user = update.effective_user
    db = services(context).db
    app_language = telegram_language(user)
    follows = known is None or not known.language_chosen
    language = app_language if follows else None
    same = (
        known and known.active and (known.name, known.username) == (user.full_name, user.username)
    )
    if same and language in (None, known.language):
        context.sender = known
        return known
    if known is None and language is None:
        language = "nl"
    context.sender = people.upsert_person(
        db,
        user.id,
        name=user.full_name,
        username=user.username,
        language=language,
        now=now(context),
    )
    return context.sender


async def reply(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    key: str,
    *,
    buttons: Sequence[Sequence[tuple[str, str]]] | None = None,
    **values,
) -> None:
    await send_html(
        context,
        update.effective_chat.id,
        say(language_of(update, context), key, **values),
        buttons=buttons,
    )


async def reply_error(update: Update, context: ContextTypes.DEFAULT_TYPE, error) -> None:
    """A storage error, worded in the user's language."""
    text = describe(error, language_of(update, context))
    await send_html(context, update.effective_chat.id, text)


async def send_html(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    text: str,
    *,
    buttons: Sequence[Sequence[tuple[str, str]]] | None = None,
) -> None:
    """Send HTML, split at Telegram's limit; buttons go under the last piece."""
    pieces = split_message(text)
    for index, piece in enumerate(pieces):
        markup = keyboard(buttons) if buttons and index == len(pieces) - 1 else None
        await context.bot.send_message(
            chat_id,
            piece,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            disable_web_page_preview=True,
        )


def keyboard(rows: Sequence[Sequence[tuple[str, str]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def escape(text: str | None) -> str:
    return html.escape(text or "", quote=False)


def argument_text(context: ContextTypes.DEFAULT_TYPE) -> str:
    return " ".join(context.args or []).strip()


def proeftuin_buttons(choices: Sequence[Proeftuin], prefix: str) -> list[list[tuple[str, str]]]:
    return [[(p.name, f"{prefix}:{p.id}")] for p in choices]


async def clear_buttons(update: Update, *, quietly: bool = False) -> None:
    """Take the buttons off the message that was pressed, so it cannot be pressed twice.
    `quietly`: a message that can no longer be edited keeps them (its flow is ended anyway)."""
    query = update.callback_query
    if query and query.message:
        try:
            await query.edit_message_reply_markup(reply_markup=None)
        except BadRequest:
            if not quietly:
                raise


def log_knowledge_change(
    update: Update, context: ContextTypes.DEFAULT_TYPE, action: str, source: str, **values
) -> None:
    """Who changed the knowledge base from Telegram, and what (see storage.knowledge_log)."""
    user = update.effective_user
    knowledge_log.log_change(
        services(context).db,
        action=action,
        source=source,
        via="telegram",
        person_id=user.id,
        person_name=user.full_name,
        now=now(context),
        **values,
    )


# -- conversations that take more than one message (stored in SQLite: storage.conversations) --


def start_flow(
    update: Update, context: ContextTypes.DEFAULT_TYPE, kind: str, data: dict, *, keep=None
) -> str:
    """A new flow for the sender in this chat; returns the token its buttons carry."""
    flow = conversations.start_flow(
        services(context).flow_db,
        update.effective_user.id,
        kind,
        data,
        now=now(context),
        chat_id=update.effective_chat.id,
        keep=keep,
    )
    return flow.token


def take_flow(update: Update, context: ContextTypes.DEFAULT_TYPE, token: str, kind: str):
    """The sender's flow of this kind with this token, ended; None if gone or someone else's."""
    return conversations.take_flow(services(context).flow_db, token, update.effective_user.id, kind)


def get_flow(update: Update, context: ContextTypes.DEFAULT_TYPE, token: str, kind: str):
    return conversations.get_flow(services(context).flow_db, token, update.effective_user.id, kind)


async def answer_flow_button(
    update: Update, context: ContextTypes.DEFAULT_TYPE, flow, *, keep_buttons: bool = False
) -> bool:
    """Answer a press on a flow's button; False (and told) when the flow is gone. In a group
    another person's buttons stay where they are, with an alert for the one who pressed.
    `keep_buttons`: the caller edits the pressed message itself (a live flow only)."""
    query = update.callback_query
    if flow is None and is_group(update):
        await query.answer(say(language_of(update, context), "not_your_button"), show_alert=True)
        return False
    await query.answer()
    if flow is None or not keep_buttons:
        await clear_buttons(update)
    if flow is None:
        await reply(update, context, "draft_gone")
        return False
    return True


def await_reply(update: Update, context: ContextTypes.DEFAULT_TYPE, state: dict) -> None:
    """The sender's next text in this chat goes to `state['step']`; one waiting step at a time
    (a new one replaces the old)."""
    start_flow(update, context, "awaiting", state, keep=1)


def take_awaited(
    update: Update, context: ContextTypes.DEFAULT_TYPE, step: str | None = None
) -> dict | None:
    """The step waiting for this text (or only this `step`), ended. A step waiting in a
    private chat (/plan, a curated answer) is never fed from a group, and the other way round."""
    db, user_id = services(context).flow_db, update.effective_user.id
    flow = conversations.latest_flow(db, user_id, "awaiting")
    if flow is None or flow.chat_id != update.effective_chat.id:
        return None
    if step is not None and flow.data.get("step") != step:
        return None
    taken = conversations.take_flow(db, flow.token, user_id, "awaiting")
    return taken.data if taken else None
