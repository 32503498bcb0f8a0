"""Opening the libraries with the settings: the one place front ends get their services from."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from bot.settings import Settings

if TYPE_CHECKING:  # the types only: opening them is what the functions below are for
    from sqlite_utils import Database

    from knowledge.base import KnowledgeBase

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Services:
    """What every handler works with; kept in application.bot_data['services'], made by
    `build_application`, closed in post_shutdown."""

    db: Database
    kb: KnowledgeBase
    settings: Settings
    clock: Callable[[], datetime]  # () -> aware datetime; replaced in tests
    flows: Database | None = None  # conversation flows (storage.db.open_flow_connection)

    @property
    def flow_db(self) -> Database:
        return self.flows if self.flows is not None else self.db


def open_knowledge(settings: Settings, *, sync_builtin: bool = True):
    from knowledge.base import KnowledgeBase
    from knowledge.embeddings import load_embeddings

    chat_model = None
    if settings.llm:
        from knowledge.llm import load_chat_model

        try:
            chat_model = load_chat_model(settings.llm, settings.llm_base_url or None)
        except Exception as error:  # a bad LLM setting must not stop the extractive answers
            log.warning(
                "VONKJE_LLM=%r could not be loaded (%s); answering without LLM", settings.llm, error
            )
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return KnowledgeBase.open(
        settings.data_dir,
        chroma_url=settings.chroma_url or None,
        embeddings=load_embeddings(settings.embeddings),
        chat_model=chat_model,
        llm_timeout=settings.llm_timeout,
        sync_builtin=sync_builtin,
        progress=sys.stderr.isatty(),  # a first index or a model change can take minutes
    )


def open_storage(settings: Settings):
    from storage.db import open_database

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return open_database(settings.database_path)
