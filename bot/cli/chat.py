"""`vonkje chat`: the Telegram conversation in a terminal.

The real Application and handlers run; only the Bot API is local (bot.local_api), so what is
printed here is exactly what Telegram users would get. Buttons become numbered choices.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from telegram import Update

from bot.tg.app import build_application
from bot.tg.local_api import ApiCall, LocalBotApi
from bot.tg.update_factory import Sender, UpdateFactory
from storage.updates import last_telegram_update_id

# input() through readline reads a line of any length; a bare terminal (canonical mode) cuts
# a line at 4,096 bytes and feeds the rest in as the next message. Not on every platform.
with contextlib.suppress(ImportError):
    import readline  # noqa: F401

_TAG = re.compile(r"<[^>]+>")
BANNER = {
    "nl": (
        "Vonkje in de terminal. Typ een vraag of een update; een cijfer kiest een knop; "
        "'/als ID NAAM' wisselt van gebruiker; '/bestand PAD' stuurt een bestand; /quit stopt."
    ),
    "en": (
        "Vonkje in the terminal. Type a question or an update; a number picks a button; "
        "'/als ID NAME' switches user; '/file PATH' sends a file; /quit stops."
    ),
}
QUIT = {"/quit", "/exit", "/stoppen", ":q"}
SEND_FILE = ("/bestand ", "/file ")  # a file from this computer, sent as a Telegram document


def html_to_text(text: str) -> str:
    text = re.sub(r'<a href="([^"]+)">([^<]*)</a>', r"\2 (\1)", text)
    return html.unescape(_TAG.sub("", text))


class Terminal:
    """Prints what the bot sends and remembers the buttons of the last message to the person
    typing; a message to someone else (a curated answer, a reminder) names its recipient."""

    def __init__(self, files_dir: Path, write: Callable[[str], None] = print) -> None:
        self.files_dir = files_dir
        self.write = write
        self.buttons: list[str] = []
        self.current: Sender | None = None
        self.names: dict[int, str] = {}

    def prompt(self, call: ApiCall) -> str:
        if self.current is None or call.chat_id in (None, self.current.id):
            return "vonkje> "
        return f"vonkje → {self.names.get(call.chat_id, call.chat_id)}> "

    def show(self, call: ApiCall) -> None:
        prompt = self.prompt(call)
        indent = "\n" + " " * len(prompt)
        if call.method in ("sendMessage", "editMessageText"):
            self.write(prompt + html_to_text(call.text).replace("\n", indent))
        elif call.method in ("sendPhoto", "sendDocument"):
            for field, data in call.files.items():
                name = call.params.get("_filenames", {}).get(field, field)
                self.files_dir.mkdir(parents=True, exist_ok=True)
                (self.files_dir / name).write_bytes(data)
                self.write(
                    f"{prompt}[{name} opgeslagen in {self.files_dir}] " + html_to_text(call.text)
                )
        if call.buttons and prompt == "vonkje> ":  # another person's buttons are not yours
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
    write(BANNER["en" if sender.language_code == "en" else "nl"])
    terminal.current, terminal.names[sender.id] = sender, sender.first_name
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
                terminal.current, terminal.names[sender.id] = sender, sender.first_name
                write(f"(je bent nu {sender.first_name}, id {sender.id})")
                continue
            if line.startswith(SEND_FILE):
                data = _document(line, sender, api, factory, write)
                if data is None:
                    continue
            elif line.isdigit() and 1 <= int(line) <= len(terminal.buttons):
                pressed = terminal.buttons[int(line) - 1]
                data = factory.callback(
                    sender, pressed, message_id=api.message_with_button(pressed)
                )
                terminal.buttons = []
            else:
                data = factory.message(sender, line)
            await application.process_update(Update.de_json(data, application.bot))
    finally:
        await application.shutdown()


def _document(line: str, sender: Sender, api: LocalBotApi, factory: UpdateFactory, write):
    """The Update of a file sent to the bot, as Telegram delivers it: a document with a
    file_id that getFile and the download serve."""
    path = Path(line.split(maxsplit=1)[1].strip().strip("'\"")).expanduser()
    if not path.is_file():
        write(f"(geen bestand: {path})")
        return None
    content = path.read_bytes()
    file_id = api.add_file(content)
    return factory.document(sender, file_id, path.name, size=len(content))


def _switch(line: str, current: Sender) -> Sender:
    parts = line.split(maxsplit=2)
    if len(parts) < 2 or not parts[1].lstrip("-").isdigit():
        return current
    name = parts[2] if len(parts) > 2 else f"Gebruiker {parts[1]}"
    return Sender(int(parts[1]), name, language_code=current.language_code)
