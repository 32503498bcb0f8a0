"""AVG: /mijngegevens sends everything stored about a person; /vergeetmij erases it."""

from __future__ import annotations

import json

from telegram import InputFile, Update
from telegram.ext import ContextTypes

from bot.output.texts import say
from bot.tg.handlers.common import clear_buttons, language_of, now, private_only, reply, services
from storage import questions
from storage.privacy import export_person, forget_person


@private_only
async def my_data(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/mijngegevens: a JSON file with everything about the sender."""
    data = export_person(services(context).db, update.effective_user.id, now=now(context))
    payload = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()
    await context.bot.send_document(
        update.effective_chat.id,
        InputFile(payload, filename="mijn-gegevens-vonkje.json"),
        caption=say(language_of(update, context), "my_data_caption"),
    )


@private_only
async def forget_me(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/vergeetmij: ask for confirmation first."""
    language = language_of(update, context)
    await reply(
        update,
        context,
        "forget_confirm",
        buttons=[[(say(language, "forget_yes"), "fm:yes"), (say(language, "forget_no"), "fm:no")]],
    )


async def forget_me_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    await query.answer()
    await clear_buttons(update)
    if query.data != "fm:yes":
        await reply(update, context, "forget_cancelled")
        return
    language = language_of(update, context)
    db, kb = services(context).db, services(context).kb
    curated = questions.curated_question_ids(db, update.effective_user.id)
    forget_person(db, update.effective_user.id)
    context.__dict__.pop("sender", None)
    for question_id in curated:  # their question, now a passage anyone could retrieve
        kb.forget_curated(question_id)
    await context.bot.send_message(update.effective_chat.id, say(language, "forgotten"))


CALLBACKS = [(r"^fm:(yes|no)$", forget_me_button)]
