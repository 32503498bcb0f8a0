"""Coordinators keep the knowledge base up from Telegram: a file sent to the bot becomes a
document after a preview and *Toevoegen*; /bronnen lists the documents and removes one;
/antwoorden edits or removes curated answers. Every change goes into the change log."""

from __future__ import annotations

import asyncio
import logging
import mimetypes
import secrets
import shutil
import time
from pathlib import Path

from telegram import Update
from telegram.constants import ChatAction
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.output.knowledge_views import answers_text, button_title, preview_text, sources_text
from bot.output.texts import say
from bot.tg.handlers.common import (
    ID,
    TOKEN,
    answer_flow_button,
    await_reply,
    clear_buttons,
    coordinators_only,
    is_admin,
    language_of,
    log_knowledge_change,
    now,
    private_only,
    reply,
    send_html,
    services,
    start_flow,
    take_flow,
)
from bot.tg.handlers.start import not_text
from knowledge.loaders import MAX_FILE_BYTES, UnreadableFile
from knowledge.uploads import UPLOAD_PREFIX, safe_file_name, source_kind
from storage import knowledge_log, questions
from storage.conversations import FLOW_LIFETIME
from storage.errors import NotFound

log = logging.getLogger(__name__)

KEEP_PREVIEWS = 3  # documents waiting for Toevoegen per coordinator; older buttons say "verlopen"
REMOVE_BUTTONS = 30  # documents with a remove button in /bronnen
ANSWERS_SHOWN = 20


def uploads_folder(context: ContextTypes.DEFAULT_TYPE) -> Path:
    """Where the files sent to the bot are kept, by name, beside the index that holds them."""
    return services(context).settings.data_dir / "bronnen"


# -- a document sent to the bot ------------------------------------------------------------


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A file in a private chat. A participant gets the usual "I read text" reply; a
    coordinator's file is fetched, read and previewed, and nothing is indexed yet."""
    if not is_admin(context, update.effective_user.id):
        await not_text(update, context)
        return
    document = update.effective_message.document
    name = _file_name(document)
    try:
        name = safe_file_name(name)
    except UnreadableFile as problem:
        await _unreadable(update, context, name, problem)
        return
    if (document.file_size or 0) > MAX_FILE_BYTES:
        await reply(update, context, "doc_too_big", name=name, size=_megabytes(document.file_size))
        return
    await reply(update, context, "doc_reading", name=name)
    staged = await _fetch(update, context, document, name)
    if staged is None:
        return
    try:
        preview = await asyncio.to_thread(services(context).kb.preview_file, staged, name)
    except Exception as problem:  # a reader may choke on a damaged file in its own way
        shutil.rmtree(staged.parent, ignore_errors=True)
        if not isinstance(problem, UnreadableFile):
            log.warning("Cannot read %s: %r", name, problem)
        await _unreadable(update, context, name, problem)
        return
    await _offer(update, context, preview, staged)


async def _fetch(update, context, document, name: str) -> Path | None:
    """The file's bytes from Telegram into a folder of its own under .wachtrij/; None after
    telling the user why not."""
    try:
        telegram_file = await document.get_file()
        data = await telegram_file.download_as_bytearray()
    except BadRequest as error:
        if "too big" in str(error).lower():  # Telegram's own 20 MB limit
            size = _megabytes(document.file_size or MAX_FILE_BYTES + 1)
            await reply(update, context, "doc_too_big", name=name, size=size)
        else:
            await reply(update, context, "doc_download_failed")
        return None
    except TelegramError:
        await reply(update, context, "doc_download_failed")
        return None
    queue = uploads_folder(context) / ".wachtrij"
    _clear_old(queue)
    staged = queue / secrets.token_hex(8) / name
    staged.parent.mkdir(parents=True, exist_ok=True)
    staged.write_bytes(bytes(data))
    return staged


def _clear_old(queue: Path) -> None:
    """Files whose preview was never answered go when their buttons would have expired."""
    if not queue.is_dir():
        return
    limit = time.time() - FLOW_LIFETIME.total_seconds()
    for folder in queue.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)


async def _offer(update, context, preview, staged: Path) -> None:
    language, tz = language_of(update, context), services(context).settings.timezone
    change = knowledge_log.origins(services(context).db).get(preview.source)
    if preview.unchanged:
        shutil.rmtree(staged.parent, ignore_errors=True)
        await reply(update, context, "doc_unchanged", title=preview.title, name=preview.name)
        return
    flow = {"staged": str(staged), "name": preview.name, "title": preview.title}
    token = start_flow(update, context, "document", flow, keep=KEEP_PREVIEWS)
    add = "doc_replace_button" if preview.replaces else "doc_add_button"
    buttons = [
        [
            (say(language, add), f"up:add:{token}"),
            (say(language, "doc_cancel_button"), f"up:no:{token}"),
        ]
    ]
    text = preview_text(preview, change, language, tz)
    await send_html(context, update.effective_chat.id, text, buttons=buttons)


async def document_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Toevoegen (index it now, replacing a document of the same name) or Annuleren."""
    _, choice, token = update.callback_query.data.split(":")
    flow = take_flow(update, context, token, "document")
    if not await answer_flow_button(update, context, flow):
        return
    staged = Path(flow.data["staged"])
    if choice == "no" or not is_admin(context, update.effective_user.id):
        shutil.rmtree(staged.parent, ignore_errors=True)
        await reply(update, context, "doc_not_added")
        return
    if not staged.is_file():  # cleared away with an expired preview: send it again
        await reply(update, context, "doc_gone")
        return
    await reply(update, context, "doc_indexing", title=flow.data["title"])
    await context.bot.send_chat_action(update.effective_chat.id, ChatAction.TYPING)
    try:
        record, replacing = await asyncio.to_thread(
            services(context).kb.add_file, staged, flow.data["name"]
        )
    except UnreadableFile as problem:
        shutil.rmtree(staged.parent, ignore_errors=True)
        await _unreadable(update, context, flow.data["name"], problem)
        return
    kept = uploads_folder(context) / flow.data["name"]
    staged.replace(kept)  # the file is kept by name: a later one of the same name replaces it
    shutil.rmtree(staged.parent, ignore_errors=True)
    action = "replaced" if replacing else "added"
    log_knowledge_change(
        update, context, action, record.source, title=record.title, passages=record.chunks
    )
    key = "doc_replaced" if replacing else "doc_added"
    await reply(update, context, key, title=record.title, passages=record.chunks)


async def _unreadable(update, context, name: str, problem: Exception) -> None:
    language = language_of(update, context)
    code = problem.code if isinstance(problem, UnreadableFile) else "corrupt"
    reason = say(language, f"doc_reason_{code}")
    await reply(update, context, "doc_unreadable", name=name, reason=reason)


def _file_name(document) -> str:
    """The sender's file name; Telegram may leave it out, and then the type says the suffix."""
    name = document.file_name or "document"
    if "." not in name and document.mime_type:
        name += mimetypes.guess_extension(document.mime_type) or ""
    return name


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


# -- /bronnen ------------------------------------------------------------------------------


@private_only
@coordinators_only
async def sources_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/bronnen: every document with who added it and when; added ones can be removed."""
    db, kb = services(context).db, services(context).kb
    language, tz = language_of(update, context), services(context).settings.timezone
    records = sorted(kb.sources(), key=lambda r: r.title.lower())
    answers = sum(source_kind(r.source) == "answer" for r in records)
    text = sources_text(records, knowledge_log.origins(db), source_kind, answers, language, tz)
    removable = [r for r in records if source_kind(r.source) in ("upload", "file")]
    buttons = []
    for record in removable[:REMOVE_BUTTONS]:
        flow = {"source": record.source, "title": record.title, "passages": record.chunks}
        token = start_flow(update, context, "source_remove", flow, keep=REMOVE_BUTTONS)
        label = say(language, "source_remove_button", title=button_title(record.title))
        buttons.append([(label, f"br:rm:{token}")])
    await send_html(context, update.effective_chat.id, text, buttons=buttons or None)


async def remove_source_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """🗑 under /bronnen: ask first."""
    _, _, token = update.callback_query.data.split(":")
    flow = take_flow(update, context, token, "source_remove")
    if not await answer_flow_button(update, context, flow):
        return
    language = language_of(update, context)
    confirm = start_flow(update, context, "source_remove_confirm", flow.data, keep=1)
    buttons = [
        [
            (say(language, "remove_button"), f"br:yes:{confirm}"),
            (say(language, "keep_button"), f"br:no:{confirm}"),
        ]
    ]
    await reply(
        update,
        context,
        "source_remove_confirm",
        title=flow.data["title"],
        passages=flow.data["passages"],
        buttons=buttons,
    )


async def confirm_remove_source(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    _, choice, token = update.callback_query.data.split(":")
    flow = take_flow(update, context, token, "source_remove_confirm")
    if not await answer_flow_button(update, context, flow):
        return
    if choice == "no" or not is_admin(context, update.effective_user.id):
        await reply(update, context, "source_kept")
        return
    source, title = flow.data["source"], flow.data["title"]
    if not await asyncio.to_thread(services(context).kb.forget, source):
        await reply(update, context, "source_gone")
        return
    if source_kind(source) == "upload":
        (uploads_folder(context) / source.removeprefix(UPLOAD_PREFIX)).unlink(missing_ok=True)
    log_knowledge_change(
        update, context, "removed", source, title=title, passages=flow.data["passages"]
    )
    await reply(update, context, "source_removed", title=title)


# -- /antwoorden ---------------------------------------------------------------------------


@private_only
@coordinators_only
async def answers_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/antwoorden: the curated answers, each with edit and remove."""
    rows = questions.curated_answers(services(context).db)[:ANSWERS_SHOWN]
    if not rows:
        await reply(update, context, "answers_none")
        return
    language, tz = language_of(update, context), services(context).settings.timezone
    buttons = [
        [
            (say(language, "answer_edit_button", id=row["id"]), f"aw:ed:{row['id']}"),
            (say(language, "answer_remove_button", id=row["id"]), f"aw:rm:{row['id']}"),
        ]
        for row in rows
    ]
    text = answers_text(rows, language, tz)
    await send_html(context, update.effective_chat.id, text, buttons=buttons)


async def answer_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """✏️ (the next message is the new text), 🗑 (asks first), and the answer to that."""
    query = update.callback_query
    _, action, question_id = query.data.split(":")
    await query.answer()
    if not is_admin(context, update.effective_user.id):
        return
    try:
        row = questions.curated_answer(services(context).db, int(question_id))
    except NotFound:
        await clear_buttons(update)
        await reply(update, context, "answer_gone", id=question_id)
        return
    question = row.get("curated_question") or row["question"]
    await ANSWER_ACTIONS[action](update, context, row, question)


async def _ask_new_text(update, context, row, question) -> None:
    await_reply(update, context, {"step": "answer_edit", "question_id": row["id"]})
    await reply(
        update,
        context,
        "answer_edit_prompt",
        id=row["id"],
        question=question,
        answer=row["curated_answer"],
    )


async def _ask_remove(update, context, row, question) -> None:
    language = language_of(update, context)
    buttons = [
        [
            (say(language, "remove_button"), f"aw:yes:{row['id']}"),
            (say(language, "keep_button"), f"aw:no:{row['id']}"),
        ]
    ]
    await reply(
        update, context, "answer_remove_confirm", id=row["id"], question=question, buttons=buttons
    )


async def _remove_answer(update, context, row, question) -> None:
    await clear_buttons(update)
    # out of the knowledge base first: what /antwoorden lists is then never less than what
    # questions can find
    await asyncio.to_thread(services(context).kb.forget_curated, row["id"])
    questions.remove_curated(services(context).db, row["id"], now=now(context))
    source = services(context).kb.curated_source(row["id"])
    log_knowledge_change(update, context, "answer_removed", source, title=question)
    await reply(update, context, "answer_removed", id=row["id"])


async def _keep_answer(update, context, row, question) -> None:
    await clear_buttons(update)
    await reply(update, context, "answer_kept")


ANSWER_ACTIONS = {
    "ed": _ask_new_text,
    "rm": _ask_remove,
    "yes": _remove_answer,
    "no": _keep_answer,
}


async def store_edited_answer(
    update: Update, context: ContextTypes.DEFAULT_TYPE, state: dict, text: str
) -> None:
    """The new text of a curated answer: stored, and the knowledge base passage replaced."""
    db, kb, moment = services(context).db, services(context).kb, now(context)
    try:
        row = questions.edit_curated(
            db, state["question_id"], update.effective_user.id, text, now=moment
        )
    except NotFound:
        await reply(update, context, "answer_gone", id=state["question_id"])
        return
    question = row.get("curated_question") or row["question"]
    source = await asyncio.to_thread(
        kb.add_curated, row["id"], question, text, stand_per=moment.date().isoformat()
    )
    log_knowledge_change(update, context, "answer_edited", source, title=question, passages=1)
    await reply(update, context, "answer_edited", id=row["id"])


CALLBACKS = [
    (rf"^up:(add|no):{TOKEN}$", document_button),
    (rf"^br:rm:{TOKEN}$", remove_source_button),
    (rf"^br:(yes|no):{TOKEN}$", confirm_remove_source),
    (rf"^aw:(ed|rm|yes|no):{ID}$", answer_button),
]
