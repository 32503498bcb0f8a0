"""Running the bot against Telegram: polling or webhook, with the rate limiter on."""

from __future__ import annotations

import logging
import secrets

from telegram import Update
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.services import open_storage
from bot.settings import Settings
from bot.tg.app import build_application, install_secret_filter

log = logging.getLogger(__name__)
# Start-up against a Telegram that is down or answers 5xx: PTB retries with growing pauses
# (up to 30 s) this many times, about ten minutes, before giving up. A rejected token is not
# retried.
STARTUP_RETRIES = 25


class StartupFailed(Exception):
    """Telegram could not be reached or refused the bot; the message is safe to print."""


def run_bot(settings: Settings, *, kb, extra_handlers=None) -> None:
    # Without a configured secret the webhook makes its own and registers it with setWebhook:
    # a listener that accepts any POST would take forged updates "from" a coordinator.
    secret = settings.webhook_secret or secrets.token_urlsafe(32)
    redact = install_secret_filter(settings.telegram_bot_token, secret)
    application = build_application(
        settings, db=open_storage(settings), kb=kb, rate_limit=True, extra_handlers=extra_handlers
    )
    try:
        if settings.webhook_url:
            log.info(
                "Starting webhook on %s:%s%s",
                settings.webhook_listen,
                settings.webhook_port,
                "" if settings.webhook_secret else " (secret generated and registered)",
            )
            application.run_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path="telegram",
                webhook_url=settings.webhook_url,
                secret_token=secret,
                allowed_updates=Update.ALL_TYPES,
                bootstrap_retries=STARTUP_RETRIES,
            )
        else:
            log.info("Starting long polling")
            application.run_polling(
                allowed_updates=Update.ALL_TYPES, bootstrap_retries=STARTUP_RETRIES
            )
    except InvalidToken as error:
        raise StartupFailed(
            "Telegram weigert het token (ingetrokken of verkeerd): maak een nieuw token met "
            "@BotFather en zet TELEGRAM_BOT_TOKEN. / Telegram rejected the token."
        ) from error
    except (NetworkError, TelegramError) as error:
        raise StartupFailed(
            "Telegram is niet bereikbaar, ook niet na herhaalde pogingen / Telegram cannot be "
            f"reached: {redact.redact(str(error))}"
        ) from error
