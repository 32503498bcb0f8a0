"""Progress updates by message: understood, confirmed with buttons, saved once; corrected or
withdrawn with /herstel."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.domain.drafts import (
    UNSURE_CODES,
    answer_unsure,
    as_note,
    new_draft,
    reading_problem,
    stored_values,
    unsure_buttons,
)
from bot.domain.progress_parser import parse_progress
from bot.output.texts import say
from bot.output.views import draft_text, herstel_text, update_summary
from bot.tg.handlers.common import (
    ID,
    TOKEN,
    answer_flow_button,
    argument_text,
    await_reply,
    clear_buttons,
    get_flow,
    is_group,
    language_of,
    now,
    private_only,
    proeftuin_buttons,
    reply,
    send_html,
    services,
    start_flow,
    take_flow,
)
from storage import conversations, people, updates
from storage.access import group_proeftuin
from storage.errors import Invalid, NotAllowed, NotFound, TooOld
from storage.knelpunten import solve_by_topic
from storage.proeftuinen import Proeftuin, get_proeftuin, list_proeftuinen
from storage.progress import get_update, totals

DRAFT = "draft"


def _member_choices(update: Update, context: ContextTypes.DEFAULT_TYPE):
    """The proeftuinen this message can report for: the group's, or the sender's own."""
    db = services(context).db
    if is_group(update):
        linked = group_proeftuin(db, update.effective_chat.id)
        return [linked] if linked else []
    return [m.proeftuin for m in people.memberships(db, update.effective_user.id)]


def _choices_for(update: Update, context: ContextTypes.DEFAULT_TYPE, correcting: int | None):
    """Where this update can go: a correction stays in the proeftuin of the update it fixes."""
    choices = _member_choices(update, context)
    if correcting is None:
        return choices
    existing = get_update(services(context).db, correcting)
    return [c for c in choices if c.id == existing.proeftuin_id]


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
    explicit: bool = False,
) -> None:
    """Read the fields from the text and ask for confirmation; nothing is saved yet.

    The draft keeps the id of the Telegram update the text came in, so that saving the same
    message twice (a redelivery, a double tap) stores it once.
    """
    parsed = parse_progress(text)
    problem = reading_problem(parsed)
    if problem == "nothing_recognised" and explicit:  # an update without figures: a note
        parsed, problem = as_note(parsed, text), None
    if problem:
        await reply(update, context, problem)
        return
    choices = _choices_for(update, context, correcting)
    if not choices:
        await reply(update, context, "group_not_linked" if is_group(update) else "not_member")
        return
    draft = new_draft(
        text,
        parsed,
        proeftuin_ids=[c.id for c in choices],
        correcting=correcting,
        update_id=telegram_update_id or update.update_id,
        message=telegram_message or message_key(update),
    )
    token = start_flow(update, context, DRAFT, draft)
    if len(choices) > 1:
        buttons = proeftuin_buttons(choices, f"dp:{token}")
        await reply(update, context, "choose_proeftuin", buttons=buttons)
    else:
        await show_draft(update, context, token, draft, choices[0])


async def show_draft(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    token: str,
    draft: dict,
    proeftuin: Proeftuin | None = None,
) -> None:
    """`proeftuin`: the draft's, when the caller has just read it (it is not read again)."""
    language = language_of(update, context)
    text = _draft_message(context, draft, language, proeftuin=proeftuin)
    buttons = [
        [
            (say(language, "save"), f"ds:{token}"),
            (say(language, "edit"), f"de:{token}"),
            (say(language, "cancel"), f"dc:{token}"),
        ]
    ]
    numbers = unsure_buttons(draft["fields"], token)  # "2 à 3 mensen": which is it?
    await send_html(
        context, update.effective_chat.id, text, buttons=[numbers] * bool(numbers) + buttons
    )


def _draft_message(
    context: ContextTypes.DEFAULT_TYPE,
    draft: dict,
    language: str,
    *,
    asking: bool = True,
    proeftuin: Proeftuin | None = None,
) -> str:
    if proeftuin is None or proeftuin.id != draft["proeftuin_id"]:
        proeftuin = get_proeftuin(services(context).db, draft["proeftuin_id"])
    name = proeftuin.name
    text = draft_text(draft["fields"], name, language, note=draft.get("note"), asking=asking)
    if draft["correcting"]:
        text = say(language, "draft_correction", id=draft["correcting"]) + text
    return text


async def draft_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Opslaan / Wijzigen / Annuleren under a draft, or the proeftuin chosen for it."""
    query = update.callback_query
    action, token, *rest = query.data.split(":")
    flow = (get_flow if action in ("dp", "da") else take_flow)(update, context, token, DRAFT)
    saving = action == "ds"  # the draft itself is edited into what became of it, see below
    if not await answer_flow_button(update, context, flow, keep_buttons=saving):
        return
    draft = flow.data
    if action == "dp":
        await _choose_proeftuin(update, context, flow, int(rest[0]))
    elif action == "da":  # a number for an unsure figure
        fields = answer_unsure(draft["fields"], UNSURE_CODES[rest[0]], int(rest[1]))
        conversations.update_flow(services(context).flow_db, flow, {**draft, "fields": fields})
        await show_draft(update, context, token, {**draft, "fields": fields})
    elif action == "de":
        await_reply(update, context, {"step": "edit_draft", "draft": draft})
        await reply(update, context, "edit_prompt")
    elif action == "dc":
        await reply(update, context, "cancelled")
    else:
        key, values, proeftuin = save_draft(update, context, draft)
        outcome = say(language_of(update, context), key, **values)
        await _close_draft(update, context, draft, outcome, proeftuin)


async def _close_draft(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    draft: dict,
    outcome: str,
    proeftuin: Proeftuin | None = None,
) -> None:
    """The pressed draft shows what was saved and loses its buttons, in one edit: the chat
    keeps one message per update, and a busy bot makes one Bot API call fewer per save."""
    language = language_of(update, context)
    text = outcome
    if draft.get("proeftuin_id") is not None:
        draft_part = _draft_message(context, draft, language, asking=False, proeftuin=proeftuin)
        text = draft_part + "\n\n" + outcome
    try:
        await update.callback_query.edit_message_text(
            text, parse_mode=ParseMode.HTML, reply_markup=None, disable_web_page_preview=True
        )
    except BadRequest:  # the draft is gone or can no longer be edited: say it below instead
        await clear_buttons(update, quietly=True)
        await send_html(context, update.effective_chat.id, outcome)


async def _choose_proeftuin(update: Update, context: ContextTypes.DEFAULT_TYPE, flow, chosen_id):
    chosen = {p.id: p for p in _member_choices(update, context)}.get(chosen_id)
    if chosen is None:  # a button this user was never shown
        take_flow(update, context, flow.token, DRAFT)
        await reply(update, context, "not_member")
        return
    data = {**flow.data, "proeftuin_id": chosen.id}
    conversations.update_flow(services(context).flow_db, flow, data)
    await show_draft(update, context, flow.token, data, chosen)


def save_draft(
    update: Update, context: ContextTypes.DEFAULT_TYPE, draft: dict
) -> tuple[str, dict, Proeftuin | None]:
    """Opslaan: a correction changes the saved update, anything else is saved once. Returns
    the text key (and its values) that says what happened, and the draft's proeftuin as read
    here (None if it was not), so the closed draft need not read it again."""
    db, user_id = services(context).db, update.effective_user.id
    if draft["proeftuin_id"] is None:  # saved before a proeftuin was chosen
        return "draft_gone", {}, None
    memberships = people.memberships(db, user_id)
    membership = next((m for m in memberships if m.proeftuin.id == draft["proeftuin_id"]), None)
    if membership is None:
        proeftuin = get_proeftuin(db, draft["proeftuin_id"])
        return "not_member_of", {"name": proeftuin.name}, proeftuin
    if draft["correcting"]:
        return (*_save_correction(update, context, draft), membership.proeftuin)
    return (*_save_new(update, context, draft, membership), membership.proeftuin)


def _save_correction(
    update: Update, context: ContextTypes.DEFAULT_TYPE, draft: dict
) -> tuple[str, dict]:
    db, target = services(context).db, draft["correcting"]
    try:
        updates.correct_update(
            db, target, update.effective_user.id, now=now(context), **stored_values(draft)
        )
    except TooOld:
        return "too_old_to_change", {"id": target}
    except (NotAllowed, NotFound):
        return "not_yours", {}
    return "corrected", {"id": target}


def _save_new(
    update: Update, context: ContextTypes.DEFAULT_TYPE, draft: dict, membership
) -> tuple[str, dict]:
    db, user = services(context).db, update.effective_user
    try:
        _, created = updates.save_update(
            db,
            proeftuin_id=membership.proeftuin.id,
            author_id=user.id,
            author_name=user.full_name,
            role=membership.role,
            telegram_update_id=draft["update_id"],
            telegram_message=draft.get("message"),
            now=now(context),
            **stored_values(draft),
        )
    except Invalid:
        return "bad_number", {}
    if not created:
        return "already_saved", {}
    solved = draft["fields"].get("solved")
    if solved:  # "knelpunt vervoer is opgelost"
        solve_by_topic(db, membership.proeftuin.id, solved, solved_by=user.id, now=now(context))
    jobs = totals(db, membership.proeftuin.id).net_jobs
    target = membership.proeftuin.jobs_target
    return "saved", {"name": membership.proeftuin.name, "jobs": jobs, "target": target}


async def update_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/update <text>, or /update and then the text."""
    text = argument_text(context)
    if text:
        await receive_update(update, context, text, explicit=True)
        return
    await_reply(update, context, {"step": "update"})
    await reply(update, context, "update_prompt")


@private_only
async def herstel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/herstel: the sender's updates of the last 7 days, to correct or withdraw."""
    db = services(context).db
    recent = updates.recent_updates_by(db, update.effective_user.id, now=now(context))[:5]
    if not recent:
        await reply(update, context, "herstel_none")
        return
    names = {p.id: p.name for p in list_proeftuinen(db)}
    language, tz = language_of(update, context), services(context).settings.timezone
    text, buttons = herstel_text(recent, names, language, tz)
    await send_html(context, update.effective_chat.id, text, buttons=buttons)


async def herstel_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    await query.answer()
    action, update_id = query.data.split(":")
    update_id = int(update_id)
    db = services(context).db
    try:
        item = get_update(db, update_id)
    except NotFound:
        item = None
    if item is None or item.author_id != update.effective_user.id:
        await reply(update, context, "not_yours")
        return
    await clear_buttons(update)
    if action == "hw":  # asked first: withdrawing takes figures out of the totals
        await _confirm_withdrawal(update, context, item)
    elif action == "hy":
        await _withdraw(update, context, item.id)
    elif action == "hn":
        await reply(update, context, "cancelled")
    else:
        await_reply(update, context, {"step": "correct", "update_id": update_id})
        await reply(update, context, "edit_prompt")


async def _confirm_withdrawal(update: Update, context: ContextTypes.DEFAULT_TYPE, item) -> None:
    language = language_of(update, context)
    buttons = [
        [
            (say(language, "withdraw_yes"), f"hy:{item.id}"),
            (say(language, "withdraw_no"), f"hn:{item.id}"),
        ]
    ]
    summary = update_summary(item, language)
    await reply(update, context, "withdraw_confirm", buttons=buttons, id=item.id, summary=summary)


async def _withdraw(update: Update, context: ContextTypes.DEFAULT_TYPE, update_id: int) -> None:
    db, user_id = services(context).db, update.effective_user.id
    try:
        updates.withdraw_update(db, update_id, user_id, now=now(context))
    except TooOld:
        await reply(update, context, "too_old_to_change", id=update_id)
        return
    await reply(update, context, "withdrawn", id=update_id)


CALLBACKS = [
    (rf"^(ds|de|dc):{TOKEN}$|^dp:{TOKEN}:{ID}$|^da:{TOKEN}:[seic]:[0-5]$", draft_button),
    (rf"^(hw|hc|hy|hn):{ID}$", herstel_button),
]
