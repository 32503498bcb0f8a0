"""Building the python-telegram-bot Application: handlers, command menu, error handler."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

import httpx
from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import BadRequest, InvalidToken, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.reminders.jobs import start_reminders
from bot.services import Services
from bot.settings import Settings
from bot.tg.handlers import (
    admin,
    meetings,
    messages,
    privacy,
    progress,
    questions,
    sources,
    start,
    updates,
)
from bot.tg.handlers.common import remember_person, reply, utc_clock
from storage import people
from storage.db import open_flow_connection

log = logging.getLogger(__name__)

LOCAL_TOKEN = "123456:LOCAL-vonkje-chat"

COMMANDS = [  # (names, handler, Dutch description, English description)
    (["start"], start.start, "Begin of word lid via een uitnodiging", "Start or join"),
    (["help"], start.help_command, "Wat Vonkje kan", "What Vonkje can do"),
    (["vraag", "ask"], questions.ask_command, "Stel een vraag", "Ask a question"),
    (["update"], updates.update_command, "Geef voortgang door", "Report progress"),
    (
        ["voortgang", "progress"],
        progress.voortgang,
        "Voortgang van je proeftuin",
        "Your proeftuin's progress",
    ),
    (
        ["knelpunten", "obstacles"],
        progress.knelpunten_command,
        "Open knelpunten afsluiten",
        "Close open obstacles",
    ),
    (
        ["herstel", "correct"],
        updates.herstel,
        "Update corrigeren of intrekken",
        "Correct or withdraw an update",
    ),
    (
        ["bijeenkomsten", "meetings"],
        meetings.list_meetings,
        "De komende bijeenkomsten",
        "Upcoming meetings",
    ),
    (
        ["herinneringen", "reminders"],
        meetings.reminder_settings,
        "Herinneringen aan of uit",
        "Reminders on or off",
    ),
    (
        ["mijngegevens", "mydata"],
        privacy.my_data,
        "Wat Vonkje over je weet",
        "What Vonkje stores about you",
    ),
    (["vergeetmij", "forgetme"], privacy.forget_me, "Wis je gegevens", "Erase your data"),
    (
        ["taal", "language"],
        start.language_command,
        "Nederlands of English",
        "Nederlands or English",
    ),
    (["cancel", "stop"], start.cancel, "Stop wat je aan het doen was", "Stop the current step"),
]
ADMIN_COMMANDS = [
    (
        ["nieuweproeftuin", "newproeftuin"],
        admin.new_proeftuin,
        "Proeftuin aanmaken",
        "Create a proeftuin",
    ),
    (["uitnodiging", "invite"], admin.invite, "Uitnodigingslink maken", "Make an invite link"),
    (["intrekken", "revoke"], admin.revoke, "Uitnodiging intrekken", "Revoke an invite"),
    (["overzicht", "overview"], progress.overzicht, "Alle proeftuinen", "All proeftuinen"),
    (["export"], progress.export, "Updates als CSV en Excel", "Updates as CSV and Excel"),
    (["rapport", "report"], progress.rapport, "Resultatenrapport (PDF)", "Results report (PDF)"),
    (["onbeantwoord", "unanswered"], questions.open_questions, "Open vragen", "Open questions"),
    (
        ["bronnen", "sources"],
        sources.sources_command,
        "Documenten in de kennisbank",
        "Documents in the knowledge base",
    ),
    (
        ["antwoorden", "answers"],
        sources.answers_command,
        "Antwoorden van coördinatoren",
        "Answers by coordinators",
    ),
    (["plan"], meetings.plan, "Bijeenkomst plannen", "Plan a meeting"),
    (["checkin"], admin.checkin, "Check-ins per proeftuin", "Check-ins per proeftuin"),
    (["verplaats", "move"], meetings.move, "Bijeenkomst verplaatsen", "Move a meeting"),
    (["annuleer", "cancelmeeting"], meetings.cancel, "Bijeenkomst annuleren", "Cancel a meeting"),
    (
        ["koppel", "link"],
        admin.link_group,
        "Groep aan proeftuin koppelen",
        "Link a group to a proeftuin",
    ),
]
# Each handler module declares the exact shape of its buttons' data beside its handlers.
# Anything else, forged or left from an older version, gets "deze knop is niet meer geldig".
CALLBACKS = [
    *start.CALLBACKS,
    *questions.CALLBACKS,
    *updates.CALLBACKS,
    *messages.CALLBACKS,
    *progress.CALLBACKS,
    *privacy.CALLBACKS,
    *meetings.CALLBACKS,
    *sources.CALLBACKS,
    (r"", start.stale_button),  # last: whatever no pattern above took
]
NOT_TEXT = (
    filters.Sticker.ALL
    | filters.PHOTO
    | filters.VOICE
    | filters.VIDEO
    | filters.Document.ALL
    | filters.AUDIO
    | filters.ANIMATION
    | filters.VIDEO_NOTE
    | filters.LOCATION
    | filters.CONTACT
)


class RedactSecrets(logging.Filter):
    """Keeps the bot token and the webhook secret out of every log record: its message, its
    arguments, and the exception and stack text attached to it (httpx logs request URLs with
    the token; PTB's InvalidToken and a proxy's error page repeat it; PTB logs setWebhook's
    secret at DEBUG)."""

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "<geheim>")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        record.msg, record.args = self.redact(message), ()
        rejected = record.exc_info and isinstance(record.exc_info[1], InvalidToken)
        if rejected and logging.getLogger().getEffectiveLevel() > logging.DEBUG:
            record.exc_info = None  # `vonkje run` says what to do; the traceback adds nothing
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def install_secret_filter(*secrets: str) -> RedactSecrets:
    """On every handler of the root logger, so records of every library pass it."""
    redact = RedactSecrets(*secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    return redact


async def remember_sender(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Everyone who writes is known by name and language (reminders, summaries, /mijngegevens).
    Someone new (or forgotten with /vergeetmij) is first greeted and told what is kept,
    never stored silently; /start greets by itself."""
    user = update.effective_user
    if user is None or user.is_bot:
        return
    known = people.get_person(context.application.bot_data["services"].db, user.id)
    person = remember_person(update, context, known)
    is_new = known is None
    message = update.message
    private = message is not None and message.chat.type == "private"
    if is_new and private and not (message.text or "").startswith("/start"):
        await reply(update, context, "welcome_new", name=person.name.split(" ")[0])
        context.greeted = True  # a "hoi" then needs no second greeting


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """One place for every failure: log it, tell the user, keep the bot running."""
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(context.error, BadRequest) and "query is too old" in str(context.error).lower():
        # a double tap or a repeated delivery: the first press was answered, nothing failed
        log.info("Callback query of update %s was answered already", update_id)
        return
    log.error("Handler failed on update %s", update_id, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        try:
            await reply(update, context, "error")
        except Exception:  # the error message itself failed (network): the log has it
            log.exception("Could not tell the user about the failure")


def build_application(
    settings: Settings,
    *,
    db,
    kb,
    clock: Callable[[], datetime] = utc_clock,
    transport: httpx.AsyncBaseTransport | None = None,
    rate_limit: bool = False,
    extra_handlers: Callable[[Application], None] | None = None,
) -> Application:
    token = settings.telegram_bot_token or LOCAL_TOKEN
    builder = Application.builder().token(token).concurrent_updates(True)
    if settings.telegram_api_url:
        base = settings.telegram_api_url.rstrip("/")
        builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
    if transport is not None:
        kwargs = {"httpx_kwargs": {"transport": transport}}
        builder = builder.request(HTTPXRequest(**kwargs)).get_updates_request(
            HTTPXRequest(**kwargs)
        )
    if rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    application = builder.post_init(_post_init).post_shutdown(_post_shutdown).build()
    application.bot_data["services"] = Services(
        db=db,
        kb=kb,
        settings=settings,
        clock=clock,
        flows=open_flow_connection(db) if db is not None else None,
    )
    application.add_handler(TypeHandler(Update, remember_sender), group=-1)
    application.bot_data["command_names"] = {  # /help calls any other command unknown
        name for names, *_ in COMMANDS + ADMIN_COMMANDS for name in names
    }
    for names, handler, *_ in COMMANDS + ADMIN_COMMANDS:
        # an edited command is not run again (an edited /export sent the export twice)
        application.add_handler(CommandHandler(names, handler, filters=filters.UpdateType.MESSAGE))
    for pattern, handler in CALLBACKS:
        application.add_handler(CallbackQueryHandler(handler, pattern=pattern))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, messages.on_text))
    # a file in a private chat: a coordinator's may become a document; anyone else's, and
    # an edited caption, get the "I read text" reply from the handler below
    application.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & filters.Document.ALL & filters.UpdateType.MESSAGE,
            sources.on_document,
        )
    )
    application.add_handler(MessageHandler(filters.ChatType.PRIVATE & NOT_TEXT, start.not_text))
    application.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & filters.COMMAND & filters.UpdateType.MESSAGE,
            start.help_command,
        )
    )
    if extra_handlers:
        extra_handlers(application)
    application.add_error_handler(on_error)
    return application


def command_menu(commands, language: str) -> list[BotCommand]:
    """Each command under its name in the language (the English alias is the last name)."""
    if language == "en":
        return [BotCommand(names[-1], english) for names, _, _, english in commands]
    return [BotCommand(names[0], dutch) for names, _, dutch, _ in commands]


async def _post_init(application: Application) -> None:
    """The command menu, in Dutch and in English; coordinators see their commands too."""
    bot = application.bot
    services = application.bot_data["services"]
    try:
        await bot.set_my_commands(command_menu(COMMANDS, "nl"))  # the default
        await bot.set_my_commands(command_menu(COMMANDS, "en"), language_code="en")
        for admin_id in services.settings.admins:  # in the coordinator's stored language
            admin = people.get_person(services.db, admin_id)
            await bot.set_my_commands(
                command_menu(COMMANDS + ADMIN_COMMANDS, admin.language if admin else "nl"),
                scope=BotCommandScopeChat(admin_id),
            )
    except TelegramError as error:  # an admin who never opened the bot: not fatal
        log.warning("Could not set the command menu: %s", error)
    await start_reminders(application)


async def _post_shutdown(application: Application) -> None:
    services = application.bot_data.get("services")
    if services is not None and services.flows is not None and services.flows is not services.db:
        services.flows.close()
    if services is not None and hasattr(services.db, "close"):
        services.db.close()
