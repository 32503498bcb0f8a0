"""Running the bot against Telegram: polling or webhook, with the rate limiter on."""

from __future__ import annotations

import logging

from telegram import Update

from .app import build_application, install_token_filter
from .services import open_storage
from .settings import Settings

log = logging.getLogger(__name__)


def run_bot(settings: Settings, *, kb, extra_handlers=None) -> None:
    install_token_filter(settings.telegram_bot_token)
    application = build_application(
        settings, db=open_storage(settings), kb=kb, rate_limit=True, extra_handlers=extra_handlers
    )
    if settings.webhook_url:
        log.info("Starting webhook on port %s", settings.webhook_port)
        application.run_webhook(
            listen="0.0.0.0",
            port=settings.webhook_port,
            url_path="telegram",
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret or None,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        log.info("Starting long polling")
        application.run_polling(allowed_updates=Update.ALL_TYPES)
