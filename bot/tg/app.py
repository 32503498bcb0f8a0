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

from .handlers import admin, meetings, messages, privacy, progress, questions, start, views
from .handlers.common import Services, remember_person, reply, utc_clock
from .reminders import start_reminders
from .settings import Settings

log = logging.getLogger(__name__)

LOCAL_TOKEN = "123456:LOCAL-vonkje-chat"

COMMANDS = [  # (names, handler, Dutch description, English description)
    (["start"], start.start, "Begin of word lid via een uitnodiging", "Start or join"),
    (["help"], start.help_command, "Wat Vonkje kan", "What Vonkje can do"),
    (["vraag", "ask"], questions.ask_command, "Stel een vraag", "Ask a question"),
    (["update"], progress.update_command, "Geef voortgang door", "Report progress"),
    (
        ["voortgang", "progress"],
        views.voortgang,
        "Voortgang van je proeftuin",
        "Your proeftuin's progress",
    ),
    (
        ["herstel", "correct"],
        progress.herstel,
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
    (["overzicht", "overview"], views.overzicht, "Alle proeftuinen", "All proeftuinen"),
    (["export"], views.export, "Updates als CSV en Excel", "Updates as CSV and Excel"),
    (["onbeantwoord", "unanswered"], questions.open_questions, "Open vragen", "Open questions"),
    (["plan"], meetings.plan, "Bijeenkomst plannen", "Plan a meeting"),
    (["verplaats", "move"], meetings.move, "Bijeenkomst verplaatsen", "Move a meeting"),
    (["annuleer", "cancelmeeting"], meetings.cancel, "Bijeenkomst annuleren", "Cancel a meeting"),
    (
        ["koppel", "link"],
        admin.link_group,
        "Groep aan proeftuin koppelen",
        "Link a group to a proeftuin",
    ),
]
# Button data is checked here, whole, in one place: a handler only ever sees data of the exact
# shape it makes. Ids are 1 to 18 ASCII digits (inside SQLite's integer range; `\d` would let
# in other scripts' digits). Anything else, forged or left from an older version, gets
# "deze knop is niet meer geldig" from `start.stale_button`.
_ID = "[0-9]{1,18}"
CALLBACKS = [
    (r"^j:[gna]:[A-Za-z0-9_-]{32}$", start.choose_role),
    (rf"^fb:{_ID}:(1|-1)$", questions.feedback),
    (rf"^cq:{_ID}$", questions.start_curating),
    (rf"^(ds|de|dc):{_ID}$|^dp:{_ID}:{_ID}$", progress.draft_button),
    (rf"^(hw|hc):{_ID}$", progress.herstel_button),
    (rf"^cl:[qu]:{_ID}$", messages.classify_button),
    (rf"^pv:{_ID}$", views.voortgang_button),
    (r"^fm:(yes|no)$", privacy.forget_me_button),
    (r"^mp:(yes|no)$", meetings.plan_button),
    (r"^(mm|mc):(yes|no)$", meetings.change_button),
    (r"^rm:(on|off)$", meetings.reminder_button),
    (r"^nu:update$", meetings.nudge_button),
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
    """Everyone who writes is known by name and language (reminders, summaries, /mijngegevens)."""
    if update.effective_user and not update.effective_user.is_bot:
        remember_person(update, context)


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
    application.bot_data["services"] = Services(db=db, kb=kb, settings=settings, clock=clock)
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


async def _post_init(application: Application) -> None:
    """The command menu, in Dutch and in English; coordinators see their commands too."""
    bot = application.bot
    services = application.bot_data["services"]
    try:
        for language, column in ((None, 2), ("en", 3)):
            await bot.set_my_commands(
                [BotCommand(c[0][0], c[column]) for c in COMMANDS], language_code=language
            )
        for admin_id in services.settings.admins:
            await bot.set_my_commands(
                [BotCommand(c[0][0], c[2]) for c in COMMANDS + ADMIN_COMMANDS],
                scope=BotCommandScopeChat(admin_id),
            )
    except TelegramError as error:  # an admin who never opened the bot: not fatal
        log.warning("Could not set the command menu: %s", error)
    await start_reminders(application)


async def _post_shutdown(application: Application) -> None:
    services = application.bot_data.get("services")
    if services is not None and hasattr(services.db, "close"):
        services.db.close()
