"""Questions: answered from the knowledge base with sources and 👍/👎, and curated by
coordinators when the knowledge base had no good answer."""

from __future__ import annotations

import html
import re
from dataclasses import asdict

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import ContextTypes

from bot.domain.meeting_dates import asks_for_next_meeting
from bot.output.render import answer_html
from bot.output.texts import say
from bot.output.views import open_questions_text
from bot.tg.handlers.common import (
    ID,
    argument_text,
    await_reply,
    clear_buttons,
    coordinators_only,
    is_admin,
    is_group,
    language_of,
    log_knowledge_change,
    now,
    private_only,
    reply,
    send_html,
    services,
    start_flow,
    take_awaited,
)
from bot.tg.handlers.meetings import list_meetings, visible_meetings
from knowledge.text import contextualize
from storage import conversations, people, questions
from storage.access import group_proeftuin
from storage.errors import NotAllowed, NotFound

_MEETING_WORDS = re.compile(r"bijeenkomst|overleg|vergader|terugkomdag|meeting", re.I)


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Answer from the knowledge base, log it, and offer 👍/👎 under the answer. "Wanneer is
    de volgende bijeenkomst?" is answered with the bijeenkomsten planned; with none planned
    and nothing in the knowledge base either, it says that none is planned."""
    chat_id = update.effective_chat.id
    language = language_of(update, context)
    next_meeting = asks_for_next_meeting(text)
    if next_meeting and visible_meetings(context, update.effective_user.id):
        await list_meetings(update, context)
        return
    await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
    kb = services(context).kb
    memory = conversations.latest_flow(
        services(context).flow_db, update.effective_user.id, "follow_up"
    )
    previous = memory.data["question"] if memory else None
    answer = await kb.aask(text, previous=previous, language=language)
    if next_meeting and not (answer.answered and _MEETING_WORDS.search(answer.text)):
        # an answer that speaks of no meeting at all ("When do we meet again?" drew the
        # doelgroepregister) is no answer to this question
        await reply(update, context, "meetings_none")
        return
    if answer.via == "chat":  # "hoi", "bedankt!": a friendly word, not logged, no 👍/👎
        await send_html(context, chat_id, html.escape(answer.text, quote=False))
        return
    follow_up = {"question": contextualize(text, previous)}  # follow-ups chain on
    start_flow(update, context, "follow_up", follow_up, keep=1)
    question_id = _log_question(update, context, text, answer)
    buttons = [[("👍", f"fb:{question_id}:1"), ("👎", f"fb:{question_id}:-1")]]
    await send_html(context, chat_id, answer_html(answer), buttons=buttons)


def _log_question(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str, answer) -> int:
    """Every answer is logged: /onbeantwoord, 👍/👎 and /mijngegevens read it."""
    db, chat_id = services(context).db, update.effective_chat.id
    proeftuin = group_proeftuin(db, chat_id) if is_group(update) else None
    return questions.log_question(
        db,
        asker_id=update.effective_user.id,
        chat_id=chat_id,
        proeftuin_id=proeftuin.id if proeftuin else None,
        question=text,
        answered=answer.answered,
        answer=answer.text,
        sources=[citation_reference(c) for c in answer.citations],
        now=now(context),
    )


def citation_reference(citation) -> dict:
    """What the log keeps of a citation: which source, not the passage's text."""
    reference = asdict(citation)
    return {
        key: reference[key] for key in ("number", "title", "section", "source", "url", "stand_per")
    }


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/vraag <question>."""
    text = argument_text(context)
    if not text:
        await_reply(update, context, {"step": "question"})
        await reply(update, context, "question_prompt")
        return
    await answer_question(update, context, text)


async def feedback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """👍/👎 under an answer; only the asker's press counts."""
    query = update.callback_query
    _, question_id, value = query.data.split(":")
    try:
        questions.set_feedback(
            services(context).db,
            int(question_id),
            update.effective_user.id,
            int(value),
            now=now(context),
        )
    except (NotAllowed, NotFound):
        await query.answer()
        return
    await query.answer()
    await clear_buttons(update)
    if value == "1":
        await reply(update, context, "thanks_feedback")
        return
    await_reply(update, context, {"step": "feedback_note", "question_id": int(question_id)})
    skip = [[(say(language_of(update, context), "feedback_skip"), f"fn:skip:{question_id}")]]
    await reply(update, context, "feedback_ask_note", buttons=skip)


async def skip_feedback_note(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """'Overslaan' under the 👎 question: nothing to add."""
    await update.callback_query.answer()
    await clear_buttons(update)
    take_awaited(update, context, "feedback_note")
    await reply(update, context, "thanks_feedback")


async def store_feedback_note(
    update: Update, context: ContextTypes.DEFAULT_TYPE, state: dict, text: str
) -> None:
    """The asker's one reply after 👎: what was missing or wrong; /onbeantwoord shows it."""
    try:
        questions.set_feedback_note(
            services(context).db,
            state["question_id"],
            update.effective_user.id,
            text,
            now=now(context),
        )
    except (NotAllowed, NotFound):
        return
    await reply(update, context, "feedback_note_thanks")


@private_only
@coordinators_only
async def open_questions(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/onbeantwoord: unanswered and 👎 questions, each with a button to answer it."""
    rows = questions.open_questions(services(context).db)[:15]
    if not rows:
        await reply(update, context, "open_questions_none")
        return
    language, tz = language_of(update, context), services(context).settings.timezone
    text = open_questions_text(rows, language, tz)
    buttons = [[(say(language, "answer_button", id=r["id"]), f"cq:{r['id']}")] for r in rows]
    await send_html(context, update.effective_chat.id, text, buttons=buttons)


async def start_curating(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A coordinator pressed 'Beantwoord': the next message is the answer."""
    query = update.callback_query
    await query.answer()
    if not is_admin(context, update.effective_user.id):
        return
    question_id = int(query.data.split(":")[1])
    row = questions.get_question(services(context).db, question_id)
    await_reply(update, context, {"step": "curate", "question_id": question_id})
    await reply(update, context, "curate_prompt", id=question_id, question=row["question"])


async def finish_curating(
    update: Update, context: ContextTypes.DEFAULT_TYPE, state: dict, text: str
) -> None:
    """The coordinator's answer: first confirm the question text that goes into the knowledge
    base, which anyone may find, so names, BSNs or phone numbers of the asker stay out."""
    row = questions.get_question(services(context).db, state["question_id"])
    await_reply(
        update,
        context,
        {"step": "curate_question", "question_id": state["question_id"], "answer": text},
    )
    await reply(update, context, "curate_confirm_question", question=row["question"])


KEEP_AS_IS = {"ok", "oké", "oke", "ja", "yes", "goed", "prima"}


async def store_curated(
    update: Update, context: ContextTypes.DEFAULT_TYPE, state: dict, text: str
) -> None:
    """Store the answer, send it to the asker, add the (confirmed) pair to the knowledge base."""
    db, kb = services(context).db, services(context).kb
    moment = now(context)
    answer = state["answer"]
    rewritten = None if text.strip().lower() in KEEP_AS_IS else text  # else the asker's words
    row = questions.curate(
        db,
        state["question_id"],
        update.effective_user.id,
        answer,
        now=moment,
        public_question=rewritten,
    )
    public_question = row["curated_question"]
    source = kb.add_curated(row["id"], public_question, answer, stand_per=moment.date().isoformat())
    log_knowledge_change(update, context, "answer_added", source, title=public_question, passages=1)
    if row.get("chat_id") and row.get("asker_id"):
        asker = people.get_person(db, row["asker_id"])
        language = asker.language if asker else "nl"
        await send_html(
            context,
            row["chat_id"],
            say(language, "curated_to_asker", question=row["question"], answer=answer),
        )
        await reply(update, context, "curated_done")
    else:
        await reply(update, context, "curated_no_asker")


CALLBACKS = [
    (rf"^fb:{ID}:(1|-1)$", feedback),
    (rf"^fn:skip:{ID}$", skip_feedback_note),
    (rf"^cq:{ID}$", start_curating),
]
