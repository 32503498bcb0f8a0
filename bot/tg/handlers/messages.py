"""Plain text messages: a reply to a question the bot asked, a question, or a progress update."""

from __future__ import annotations

import html
import time
from collections import deque

from telegram import MessageEntity, Update
from telegram.ext import ContextTypes

from bot.domain.progress_parser import classify_message
from bot.output.texts import say
from bot.tg.handlers.admin import proeftuin_form_answer
from bot.tg.handlers.common import (
    MAX_INPUT,
    TOKEN,
    answer_flow_button,
    is_group,
    language_of,
    reply,
    send_html,
    services,
    start_flow,
    take_awaited,
    take_flow,
)
from bot.tg.handlers.meetings import plan_form_answer
from bot.tg.handlers.questions import (
    answer_question,
    finish_curating,
    store_curated,
    store_feedback_note,
)
from bot.tg.handlers.sources import store_edited_answer
from bot.tg.handlers.updates import message_key, receive_update
from knowledge.smalltalk import small_talk_reply
from storage import updates

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


def listening(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Someone to answer, not flooding, and in a group addressed to the bot."""
    if update.effective_user is None:  # a channel post: nobody to answer
        return False
    if flooding(update, context):
        return False
    return not is_group(update) or addressed_to_bot(update, context)


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Route a text message to the flow that waits for it, or classify it."""
    if not listening(update, context):
        return
    text = _without_mention(update.effective_message.text or "", context.bot.username)
    if update.edited_message is not None:
        await on_edit(update, context, text)
    elif len(text) > MAX_INPUT:
        await reply(update, context, "too_long", length=len(text), limit=MAX_INPUT)
    elif not text:
        await reply(update, context, "nothing_recognised")
    elif (state := take_awaited(update, context)) is not None:
        await AWAITING[state["step"]](update, context, state, text)
    elif (chat := small_talk_reply(text, language_of(update, context))) is not None:
        # never offered as a question or an update; a new person was just greeted
        if not context.__dict__.get("greeted"):
            await send_html(context, update.effective_chat.id, html.escape(chat, quote=False))
    else:
        await ROUTES[classify_message(text)](update, context, text)


async def ask_question_or_update(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str):
    """Unsure which it is: two buttons. Only the latest few unanswered prompts are kept."""
    pending = {"text": text, "update_id": update.update_id, "message": message_key(update)}
    token = start_flow(update, context, "pending", pending, keep=MAX_PENDING)
    language = language_of(update, context)
    buttons = [
        [
            (say(language, "is_question"), f"cl:q:{token}"),
            (say(language, "is_update"), f"cl:u:{token}"),
        ]
    ]
    await reply(update, context, "question_or_update", buttons=buttons)


async def on_edit(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """An edited message: if it was saved as an update, offer to correct that update (never
    add a second one: "2 banen" edited to "3 banen" is 3, not 5). Other edits are not read
    again, so an edited question is not answered twice."""
    saved = updates.update_for_message(services(context).db, message_key(update) or "")
    if saved is None or saved.author_id != update.effective_user.id:
        return
    await reply(update, context, "edit_corrects", id=saved.id)
    await receive_update(update, context, text, correcting=saved.id, explicit=True)


async def classify_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The answer to 'question or update?'."""
    query = update.callback_query
    _, kind, token = query.data.split(":")
    pending = take_flow(update, context, token, "pending")
    if not await answer_flow_button(update, context, pending):
        return
    text = pending.data["text"]
    if kind == "q":
        await answer_question(update, context, text)
    else:
        await receive_update(
            update,
            context,
            text,
            telegram_update_id=pending.data["update_id"],
            telegram_message=pending.data["message"],
            explicit=True,
        )


async def _question(update, context, state, text):
    await answer_question(update, context, text)


async def _update(update, context, state, text):
    await receive_update(update, context, text, explicit=True)


async def _edit_draft(update, context, state, text):
    old = state["draft"]
    await receive_update(
        update,
        context,
        text,
        correcting=old["correcting"],
        telegram_update_id=old["update_id"],
        explicit=True,  # a draft being rewritten is an update, figures or not
    )


async def _correct(update, context, state, text):
    await receive_update(update, context, text, correcting=state["update_id"], explicit=True)


async def receive_read_update(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str):
    """Read as an update (a figure, a verb in the past): when the parser finds nothing in it
    ("het contract is al getekend, ze begint volgende week"), it is offered as a note."""
    await receive_update(update, context, text, explicit=True)


ROUTES = {  # what classify_message said
    "question": answer_question,
    "update": receive_read_update,
    "unsure": ask_question_or_update,
}
AWAITING = {
    "question": _question,
    "update": _update,
    "edit_draft": _edit_draft,
    "correct": _correct,
    "curate": finish_curating,
    "feedback_note": store_feedback_note,
    "curate_question": store_curated,
    "new_proeftuin": proeftuin_form_answer,
    "plan": plan_form_answer,
    "answer_edit": store_edited_answer,
}


CALLBACKS = [(rf"^cl:[qu]:{TOKEN}$", classify_button)]
