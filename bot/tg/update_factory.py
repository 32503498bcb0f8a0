"""Telegram `Update` JSON for updates that did not come from Telegram: typed in `vonkje chat`,
or made by tests and benchmarks. Plain dicts, as the Bot API would deliver them."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field

from bot.output.render import utf16_length


@dataclass
class Sender:
    id: int
    first_name: str
    last_name: str = ""
    username: str = ""
    language_code: str = "nl"

    def as_user(self) -> dict:
        user = {
            "id": self.id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": self.language_code,
        }
        if self.last_name:
            user["last_name"] = self.last_name
        if self.username:
            user["username"] = self.username
        return user


@dataclass
class UpdateFactory:
    # `vonkje chat` starts after the ids already stored (the dedup key of updates is global)
    next_update_id: itertools.count = field(default_factory=lambda: itertools.count(1))
    next_message_id: itertools.count = field(default_factory=lambda: itertools.count(1))

    def _chat(self, sender: Sender, chat_id: int | None) -> dict:
        if chat_id is None or chat_id == sender.id:
            return {"id": sender.id, "type": "private", "first_name": sender.first_name}
        return {"id": chat_id, "type": "supergroup", "title": "Proeftuingroep"}

    def message(
        self,
        sender: Sender,
        text: str | None = None,
        *,
        chat_id: int | None = None,
        update_id: int | None = None,
        reply_to_bot: dict | None = None,
        extra: dict | None = None,
    ) -> dict:
        message = {
            "message_id": next(self.next_message_id),
            "date": int(time.time()),
            "chat": self._chat(sender, chat_id),
            "from": sender.as_user(),
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [
                    {"type": "bot_command", "offset": 0, "length": utf16_length(command)}
                ]
            elif "@" in text:
                start = text.index("@")
                mention = text[start:].split()[0]
                message["entities"] = [
                    {
                        "type": "mention",
                        "offset": utf16_length(text[:start]),
                        "length": utf16_length(mention),
                    }
                ]
        if reply_to_bot:
            message["reply_to_message"] = reply_to_bot
        if extra:
            message.update(extra)
        return {"update_id": update_id or next(self.next_update_id), "message": message}

    def document(
        self,
        sender: Sender,
        file_id: str,
        file_name: str | None,
        *,
        size: int,
        mime_type: str | None = None,
        caption: str | None = None,
        forwarded_from: str | None = None,
    ) -> dict:
        """A file sent to the bot (or forwarded: `forwarded_from` names who first sent it)."""
        document = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": size}
        if file_name is not None:
            document["file_name"] = file_name
        if mime_type:
            document["mime_type"] = mime_type
        extra: dict = {"document": document}
        if caption:
            extra["caption"] = caption
        if forwarded_from:
            extra["forward_origin"] = {
                "type": "hidden_user",
                "sender_user_name": forwarded_from,
                "date": int(time.time()),
            }
        return self.message(sender, None, extra=extra)

    def callback(
        self, sender: Sender, data: str, *, chat_id: int | None = None, message_id: int = 1
    ) -> dict:
        return {
            "update_id": next(self.next_update_id),
            "callback_query": {
                "id": str(next(self.next_update_id)),
                "from": sender.as_user(),
                "chat_instance": "local",
                "data": data,
                "message": {
                    "message_id": message_id,
                    "date": int(time.time()),
                    "chat": self._chat(sender, chat_id),
                    "text": "…",
                    "from": {"id": 777000111, "is_bot": True, "first_name": "Vonkje"},
                },
            },
        }
