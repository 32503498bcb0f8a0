"""Plain text messages: a reply to a question the bot asked, a question, or a progress update."""

from __future__ import annotations

import html
import itertools
import time
from collections import deque

from telegram import MessageEntity, Update
from telegram.ext import ContextTypes

from knowledge.smalltalk import small_talk_reply
from storage import updates

from ..progress_parser import classify_message
from ..texts import say
from .admin import proeftuin_form_answer
from .common import MAX_INPUT, clear_buttons, is_group, language_of, reply, send_html, services
from .meetings import plan_form_answer
from .progress import message_key, receive_update
from .questions import answer_question, finish_curating, store_curated

_pending_ids = itertools.count(1)
MAX_PENDING = 5  # "vraag of update?" prompts kept per person; older buttons say "verlopen"
FLOOD_MESSAGES, FLOOD_SECONDS = 20, 60  # more than this from one sender: ignored for a while


def flooding(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """A sender of more than FLOOD_MESSAGES texts in FLOOD_SECONDS is told once and then
    ignored until the window has passed. A sliding window of times per sender; written here
    because PTB's rate limiter only paces what the bot sends."""
    user_id = update.effective_user.id
    most, seconds = context.bot_data.get("flood_limit", (FLOOD_MESSAGES, FLOOD_SECONDS))
    times = context.bot_data.setdefault("recent_messages", {}).setdefault(user_id, deque())
    moment = time.monotonic()
    while times and moment - times[0] > seconds:
        times.popleft()
    times.append(moment)
    if len(times) == most + 1:
        context.application.create_task(
            context.bot.send_message(user_id, say(language_of(update, context), "slow_down"))
        )
    return len(times) > most


def addressed_to_bot(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """In a group the bot only listens when mentioned or replied to (Telegram privacy mode)."""
    message = update.effective_message
    replied = message.reply_to_message
    if replied and replied.from_user and replied.from_user.id == context.bot.id:
        return True
    mentions = message.parse_entities([MessageEntity.MENTION]).values()
    return f"@{context.bot.username}".lower() in (m.lower() for m in mentions)


def _without_mention(text: str, username: str) -> str:
    return text.replace(f"@{username}", "").strip()


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Route a text message to the flow that waits for it, or classify it."""
    if update.effective_user is None:  # a channel post: nobody to answer
        return
    if flooding(update, context):
        return
    if is_group(update) and not addressed_to_bot(update, context):
        return
    text = _without_mention(update.effective_message.text or "", context.bot.username)
    if update.edited_message is not None:
        await on_edit(update, context, text)
        return
    if len(text) > MAX_INPUT:
        await reply(update, context, "too_long", length=len(text), limit=MAX_INPUT)
        return
    if not text:
        await reply(update, context, "nothing_recognised")
        return
    state = context.user_data.get("awaiting")
    # a step waiting in a private chat (/plan, a curated answer) is never fed from a group
    if state and state.get("chat_id", update.effective_chat.id) == update.effective_chat.id:
        context.user_data.pop("awaiting")
        await AWAITING[state["kind"]](update, context, state, text)
        return
    chat = small_talk_reply(text, language_of(update, context))
    if chat is not None:  # never offered as a question or an update
        await send_html(context, update.effective_chat.id, html.escape(chat, quote=False))
        return
    kind = classify_message(text)
    if kind == "question":
        await answer_question(update, context, text)
    elif kind == "update":
        await receive_update(update, context, text)
    else:
        pending_id = str(next(_pending_ids))
        pending = context.user_data.setdefault("pending", {})
        pending[pending_id] = (text, update.update_id, message_key(update))
        while len(pending) > MAX_PENDING:  # unanswered prompts: keep the latest few only
            pending.pop(next(iter(pending)))
        language = language_of(update, context)
        await reply(
            update,
            context,
            "question_or_update",
            buttons=[
                [
                    (say(language, "is_question"), f"cl:q:{pending_id}"),
                    (say(language, "is_update"), f"cl:u:{pending_id}"),
                ]
            ],
        )


async def on_edit(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """An edited message: if it was saved as an update, offer to correct that update (never
    add a second one: "2 banen" edited to "3 banen" is 3, not 5). Other edits are not read
    again, so an edited question is not answered twice."""
    saved = updates.update_for_message(services(context).db, message_key(update) or "")
    if saved is None or saved.author_id != update.effective_user.id:
        return
    await reply(update, context, "edit_corrects", id=saved.id)
    await receive_update(update, context, text, correcting=saved.id)


async def classify_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The answer to 'question or update?'."""
    query = update.callback_query
    _, kind, pending_id = query.data.split(":")
    pending = context.user_data.get("pending", {}).pop(pending_id, None)
    if pending is None and is_group(update):  # someone else's message: their buttons stay
        await query.answer(say(language_of(update, context), "not_your_button"), show_alert=True)
        return
    await query.answer()
    await clear_buttons(update)
    if pending is None:
        await reply(update, context, "draft_gone")
        return
    text, original_update_id, original_message = pending
    if kind == "q":
        await answer_question(update, context, text)
    else:
        await receive_update(
            update,
            context,
            text,
            telegram_update_id=original_update_id,
            telegram_message=original_message,
        )


async def _question(update, context, state, text):
    await answer_question(update, context, text)


async def _update(update, context, state, text):
    await receive_update(update, context, text)


async def _edit_draft(update, context, state, text):
    old = context.user_data.get("drafts", {}).pop(state["draft_id"], None)
    if old is None:
        await reply(update, context, "draft_gone")
        return
    await receive_update(
        update, context, text, correcting=old["correcting"], telegram_update_id=old["update_id"]
    )


async def _correct(update, context, state, text):
    await receive_update(update, context, text, correcting=state["update_id"])


AWAITING = {
    "question": _question,
    "update": _update,
    "edit_draft": _edit_draft,
    "correct": _correct,
    "curate": finish_curating,
    "curate_question": store_curated,
    "new_proeftuin": proeftuin_form_answer,
    "plan": plan_form_answer,
}
