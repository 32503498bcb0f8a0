"""Progress updates by message: understood, confirmed with buttons, saved once; corrected or
withdrawn with /herstel."""

from __future__ import annotations

import itertools

from telegram import Update
from telegram.ext import ContextTypes

from storage import people, updates
from storage.access import group_proeftuin
from storage.errors import Invalid, NotAllowed, NotFound, TooOld

from ..progress_parser import parse_progress
from ..texts import say
from .common import (
    argument_text,
    clear_buttons,
    is_group,
    language_of,
    now,
    private_only,
    proeftuin_buttons,
    reply,
    send_html,
    services,
)

_draft_ids = itertools.count(1)


def _member_choices(update: Update, context: ContextTypes.DEFAULT_TYPE):
    """The proeftuinen this message can report for: the group's, or the sender's own."""
    db = services(context).db
    if is_group(update):
        linked = group_proeftuin(db, update.effective_chat.id)
        return [linked] if linked else []
    return [m.proeftuin for m in people.memberships(db, update.effective_user.id)]


def message_key(update: Update) -> str | None:
    """'chat:message' of the message an update came in, to find it again when it is edited."""
    message = update.effective_message
    if message is None or update.callback_query is not None:
        return None
    return f"{message.chat_id}:{message.message_id}"


async def receive_update(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    text: str,
    *,
    correcting: int | None = None,
    telegram_update_id: int | None = None,
    telegram_message: str | None = None,
) -> None:
    """Read the fields from the text and ask for confirmation; nothing is saved yet.

    The draft keeps the id of the Telegram update the text came in, so that saving the same
    message twice (a redelivery, a double tap) stores it once.
    """
    parsed = parse_progress(text)
    if parsed.problems:
        await reply(
            update, context, "unclear_number" if "unclear" in parsed.problems else "bad_number"
        )
        return
    if not parsed.recognised:
        await reply(update, context, "nothing_recognised")
        return
    choices = _member_choices(update, context)
    if correcting is not None:
        existing = updates.get_update(services(context).db, correcting)
        choices = [c for c in choices if c.id == existing.proeftuin_id]
    if not choices:
        await reply(update, context, "group_not_linked" if is_group(update) else "not_member")
        return
    draft_id = str(next(_draft_ids))
    context.user_data.setdefault("drafts", {})[draft_id] = {
        "text": text,
        "fields": parsed,
        "correcting": correcting,
        "update_id": None if correcting else (telegram_update_id or update.update_id),
        "message": None if correcting else (telegram_message or message_key(update)),
        "proeftuin_id": choices[0].id if len(choices) == 1 else None,
    }
    if len(choices) > 1:
        await reply(
            update,
            context,
            "choose_proeftuin",
            buttons=proeftuin_buttons(choices, f"dp:{draft_id}"),
        )
        return
    await show_draft(update, context, draft_id)


async def show_draft(update: Update, context: ContextTypes.DEFAULT_TYPE, draft_id: str) -> None:
    draft = context.user_data["drafts"][draft_id]
    fields = draft["fields"]
    language = language_of(update, context)
    proeftuin = services(context).db["proeftuinen"].get(draft["proeftuin_id"])
    dash = say(language, "none")
    text = say(
        language,
        "draft",
        name=proeftuin["name"],
        jobs=fields.jobs_realised,
        candidates=fields.candidates,
        internships=fields.internships,
        step=fields.step or dash,
        obstacles=fields.obstacles or dash,
        next_step=fields.next_step or dash,
    )
    if draft["correcting"]:
        text = say(language, "draft_correction", id=draft["correcting"]) + text
    buttons = [
        [
            (say(language, "save"), f"ds:{draft_id}"),
            (say(language, "edit"), f"de:{draft_id}"),
            (say(language, "cancel"), f"dc:{draft_id}"),
        ]
    ]
    await send_html(context, update.effective_chat.id, text, buttons=buttons)


def _take_draft(context: ContextTypes.DEFAULT_TYPE, draft_id: str, *, keep: bool = False):
    drafts = context.user_data.get("drafts", {})
    return drafts.get(draft_id) if keep else drafts.pop(draft_id, None)


async def draft_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Opslaan / Wijzigen / Annuleren under a draft, or the proeftuin chosen for it."""
    query = update.callback_query
    action, draft_id, *rest = query.data.split(":")
    draft = _take_draft(context, draft_id, keep=action in ("dp", "de"))
    if draft is None and is_group(update):  # someone else's draft: their keyboard stays
        await query.answer(say(language_of(update, context), "not_your_button"), show_alert=True)
        return
    await query.answer()
    await clear_buttons(update)
    if draft is None:
        await reply(update, context, "draft_gone")
        return
    if action == "dp":
        choices = {p.id: p for p in _member_choices(update, context)}
        chosen = choices.get(int(rest[0]))
        if chosen is None:  # a button this user was never shown
            context.user_data["drafts"].pop(draft_id, None)
            await reply(update, context, "not_member")
            return
        draft["proeftuin_id"] = chosen.id
        await show_draft(update, context, draft_id)
    elif action == "de":
        context.user_data["awaiting"] = {
            "chat_id": update.effective_chat.id,
            "kind": "edit_draft",
            "draft_id": draft_id,
        }
        await reply(update, context, "edit_prompt")
    elif action == "dc":
        await reply(update, context, "cancelled")
    else:
        await save_draft(update, context, draft)


async def save_draft(update: Update, context: ContextTypes.DEFAULT_TYPE, draft: dict) -> None:
    db = services(context).db
    user = update.effective_user
    proeftuin_id = draft["proeftuin_id"]
    if proeftuin_id is None:  # saved before a proeftuin was chosen
        await reply(update, context, "draft_gone")
        return
    membership = next(
        (m for m in people.memberships(db, user.id) if m.proeftuin.id == proeftuin_id), None
    )
    if membership is None:
        name = db["proeftuinen"].get(proeftuin_id)["name"]
        await reply(update, context, "not_member_of", name=name)
        return
    fields = draft["fields"]
    values = {
        "raw_text": draft["text"],
        "jobs_realised": fields.jobs_realised,
        "candidates": fields.candidates,
        "internships": fields.internships,
        "step": fields.step,
        "obstacles": fields.obstacles,
        "next_step": fields.next_step,
    }
    if draft["correcting"]:
        try:
            updates.correct_update(db, draft["correcting"], user.id, now=now(context), **values)
        except TooOld:
            await reply(update, context, "too_old_to_change", id=draft["correcting"])
            return
        except (NotAllowed, NotFound):
            await reply(update, context, "not_yours")
            return
        await reply(update, context, "corrected", id=draft["correcting"])
        return
    try:
        _, created = updates.save_update(
            db,
            proeftuin_id=proeftuin_id,
            author_id=user.id,
            author_name=user.full_name,
            role=membership.role,
            telegram_update_id=draft["update_id"],
            telegram_message=draft.get("message"),
            now=now(context),
            **values,
        )
    except Invalid:
        await reply(update, context, "bad_number")
        return
    if not created:
        await reply(update, context, "already_saved")
        return
    summed = updates.totals(db, proeftuin_id)
    await reply(
        update,
        context,
        "saved",
        name=membership.proeftuin.name,
        jobs=summed.jobs_realised,
        target=membership.proeftuin.jobs_target,
    )


async def update_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/update <text>, or /update and then the text."""
    text = argument_text(context)
    if text:
        await receive_update(update, context, text)
        return
    context.user_data["awaiting"] = {"chat_id": update.effective_chat.id, "kind": "update"}
    await reply(update, context, "update_prompt")


@private_only
async def herstel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/herstel: the sender's updates of the last 7 days, to correct or withdraw."""
    db = services(context).db
    recent = updates.recent_updates_by(db, update.effective_user.id, now=now(context))[:5]
    if not recent:
        await reply(update, context, "herstel_none")
        return
    language = language_of(update, context)
    lines = [say(language, "herstel_list")]
    buttons = []
    for item in recent:
        name = db["proeftuinen"].get(item.proeftuin_id)["name"]
        lines.append(
            say(
                language,
                "herstel_item",
                id=item.id,
                date=item.created_at.strftime("%d-%m"),
                name=name,
                jobs=item.jobs_realised,
                candidates=item.candidates,
                internships=item.internships,
            )
        )
        buttons.append(
            [
                (say(language, "correct", id=item.id), f"hc:{item.id}"),
                (say(language, "withdraw", id=item.id), f"hw:{item.id}"),
            ]
        )
    await send_html(context, update.effective_chat.id, "\n".join(lines), buttons=buttons)


async def herstel_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    await query.answer()
    action, update_id = query.data.split(":")
    update_id = int(update_id)
    db = services(context).db
    try:
        item = updates.get_update(db, update_id)
    except NotFound:
        item = None
    if item is None or item.author_id != update.effective_user.id:
        await reply(update, context, "not_yours")
        return
    await clear_buttons(update)
    if action == "hw":
        try:
            updates.withdraw_update(db, update_id, update.effective_user.id, now=now(context))
        except TooOld:
            await reply(update, context, "too_old_to_change", id=update_id)
            return
        await reply(update, context, "withdrawn", id=update_id)
    else:
        context.user_data["awaiting"] = {
            "chat_id": update.effective_chat.id,
            "kind": "correct",
            "update_id": update_id,
        }
        await reply(update, context, "edit_prompt")
