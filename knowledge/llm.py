"""Optional LLM answers through langchain; any failure falls back to the extractive answer."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Sequence

from langchain_core.language_models import BaseChatModel

from prompts import load_prompt

from .types import Citation

log = logging.getLogger(__name__)

NOT_FOUND = "NIET_GEVONDEN"
_LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
_CITATION = re.compile(r"\[(\d+)\]")


def load_chat_model(spec: str, base_url: str | None = None) -> BaseChatModel:
    """`provider:model` as langchain's init_chat_model reads it, e.g. 'ollama:llama3.1'."""
    from langchain.chat_models import init_chat_model

    kwargs = {"base_url": base_url} if base_url else {}
    return init_chat_model(spec, **kwargs)


def build_prompt(question: str, citations: Sequence[Citation], language: str) -> str:
    passages = "\n\n".join(f"[{c.number}] {c.title} › {c.section}\n{c.text}" for c in citations)
    return load_prompt(
        "answer.txt",
        question=question,
        passages=passages,
        language=_LANGUAGE_NAMES.get(language, "Nederlands"),
    )


def usable_reply(reply: str, citations: Sequence[Citation]) -> str | None:
    """The reply if it cites only the given passages and at least one; otherwise None."""
    reply = reply.strip()
    if not reply or NOT_FOUND in reply:
        return None
    numbers = {int(n) for n in _CITATION.findall(reply)}
    valid = {c.number for c in citations}
    if not numbers or not numbers <= valid:
        return None
    return reply


async def llm_answer(
    model: BaseChatModel,
    question: str,
    citations: Sequence[Citation],
    language: str,
    *,
    timeout: float,
) -> str | None:
    """The model's cited answer, or None when it failed, timed out or did not cite."""
    prompt = build_prompt(question, citations, language)
    try:
        message = await asyncio.wait_for(model.ainvoke(prompt), timeout=timeout)
    except Exception as error:  # the user gets the extractive answer; the cause goes to the log
        log.warning("LLM answer failed, using the extractive answer: %r", error)
        return None
    content = message.content if isinstance(message.content, str) else str(message.content)
    reply = usable_reply(content, citations)
    if reply is None:
        log.info("LLM reply unusable (no valid citation or not found), using extractive answer")
    return reply
