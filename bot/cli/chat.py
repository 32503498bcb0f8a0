"""`vonkje chat`: the Telegram conversation in a terminal.

The real Application and handlers run; only the Bot API is local (bot.local_api), so what is
printed here is exactly what Telegram users would get. Buttons become numbered choices.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from telegram import Update

from storage.updates import last_telegram_update_id

from .app import build_application
from .local_api import ApiCall, LocalBotApi
from .update_factory import Sender, UpdateFactory

_TAG = re.compile(r"<[^>]+>")
QUIT = {"/quit", "/exit", "/stoppen", ":q"}


def html_to_text(text: str) -> str:
    text = re.sub(r'<a href="([^"]+)">([^<]*)</a>', r"\2 (\1)", text)
    return html.unescape(_TAG.sub("", text))


class Terminal:
    """Prints what the bot sends and remembers the buttons of the last message."""

    def __init__(self, files_dir: Path, write: Callable[[str], None] = print) -> None:
        self.files_dir = files_dir
        self.write = write
        self.buttons: list[str] = []

    def show(self, call: ApiCall) -> None:
        if call.method in ("sendMessage", "editMessageText"):
            self.write("vonkje> " + html_to_text(call.text).replace("\n", "\n        "))
        elif call.method in ("sendPhoto", "sendDocument"):
            for field, data in call.files.items():
                name = call.params.get("_filenames", {}).get(field, field)
                self.files_dir.mkdir(parents=True, exist_ok=True)
                (self.files_dir / name).write_bytes(data)
                self.write(
                    f"vonkje> [{name} opgeslagen in {self.files_dir}] " + html_to_text(call.text)
                )
        if call.buttons:
            self.buttons = [data for _, data in call.buttons]
            labels = "  ".join(f"[{n}] {label}" for n, (label, _) in enumerate(call.buttons, 1))
            self.write("        " + labels)


async def chat(
    settings,
    *,
    db,
    kb,
    sender: Sender,
    coordinator: bool,
    read: Callable[[str], str] = input,
    write: Callable[[str], None] = print,
) -> None:
    if coordinator and sender.id not in settings.admins:
        settings = replace(settings, admins=(*settings.admins, sender.id))
    terminal = Terminal(settings.data_dir / "chat-bestanden", write)
    api = LocalBotApi(on_call=terminal.show)
    application = build_application(settings, db=db, kb=kb, transport=api.transport)
    # past every stored Telegram update id: they are the dedup key of saved updates, so a
    # second session on the same folder must not look like a redelivery of the first
    factory = UpdateFactory(next_update_id=itertools.count(last_telegram_update_id(db) + 1))
    await application.initialize()
    write(
        "Vonkje in de terminal. Typ een vraag of een update; een cijfer kiest een knop; "
        "'/als ID NAAM' wisselt van gebruiker; /quit stopt."
    )
    try:
        while True:
            try:
                line = (await asyncio.to_thread(read, f"{sender.first_name}> ")).strip()
            except EOFError:
                break
            if line in QUIT:
                break
            if not line:
                continue
            if line.startswith("/als "):
                sender = _switch(line, sender)
                write(f"(je bent nu {sender.first_name}, id {sender.id})")
                continue
            if line.isdigit() and 1 <= int(line) <= len(terminal.buttons):
                data = factory.callback(sender, terminal.buttons[int(line) - 1])
                terminal.buttons = []
            else:
                data = factory.message(sender, line)
            await application.process_update(Update.de_json(data, application.bot))
    finally:
        await application.shutdown()


def _switch(line: str, current: Sender) -> Sender:
    parts = line.split(maxsplit=2)
    if len(parts) < 2 or not parts[1].lstrip("-").isdigit():
        return current
    name = parts[2] if len(parts) > 2 else f"Gebruiker {parts[1]}"
    return Sender(int(parts[1]), name, language_code=current.language_code)
