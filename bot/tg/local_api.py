"""A Bot API stand-in inside the process: the `httpx` transport that `vonkje chat`, the tests and
the benchmarks give python-telegram-bot instead of the network.

It answers every method the bot uses with a plausible result and records each call, so the
conversation can be printed (chat) or asserted (tests). Failures Telegram really sends — a
blocked user, a flood limit — can be switched on per chat.
"""

from __future__ import annotations

import email.parser
import email.policy
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl

import httpx

from bot.output.render import CAPTION_LIMIT, TELEGRAM_LIMIT, utf16_length

BOT_USER = {
    "id": 777000111,
    "is_bot": True,
    "first_name": "Vonkje",
    "username": "vonkje_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


@dataclass
class ApiCall:
    method: str
    params: dict
    files: dict[str, bytes] = field(default_factory=dict)
    url: str = ""
    message_id: int | None = None  # of the message this call sent or edited

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def text(self) -> str:
        return self.params.get("text") or self.params.get("caption") or ""

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback_data or url) of an inline keyboard, row by row."""
        markup = self.params.get("reply_markup") or {}
        return [
            (b["text"], b.get("callback_data") or b.get("url", ""))
            for row in markup.get("inline_keyboard", [])
            for b in row
        ]


CALLBACK_DATA_LIMIT = 64  # bytes
DOWNLOAD_LIMIT = 20 * 1024 * 1024  # what getFile lets a bot download from Telegram's servers
_TELEGRAM_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "span",
    "blockquote",
    "tg-emoji",
}


class _TelegramHtmlChecker(HTMLParser):
    """Telegram's rules for HTML messages: only its tags, each one closed in order."""

    def check(self, text: str) -> str | None:
        self.reset()
        self.problems: list[str] = []
        self.stack: list[str] = []
        self.feed(text)
        self.close()
        if self.stack:
            self.problems.append(
                f'can\'t find end tag corresponding to start tag "{self.stack[-1]}"'
            )
        return self.problems[0] if self.problems else None

    def handle_starttag(self, tag, attrs):
        if tag not in _TELEGRAM_TAGS:
            self.problems.append(f'unsupported start tag "{tag}"')
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f'unexpected end tag "{tag}"')
        else:
            self.stack.pop()


_html_checker = _TelegramHtmlChecker(convert_charrefs=True)  # one, reset per message


def html_problem(text: str) -> str | None:
    """Why Telegram's HTML parser would refuse `text`: an unknown tag, or one not closed."""
    if "<" not in text and "&" not in text:  # plain text: nothing to check
        return None
    return _html_checker.check(text)


class LocalBotApi:
    def __init__(self, on_call: Callable[[ApiCall], None] | None = None) -> None:
        self.calls: list[ApiCall] = []
        self.on_call = on_call
        self.blocked_chats: set[int] = set()
        self.flood_once: dict[int, int] = {}  # chat id -> retry_after seconds, sent once
        self.fail_once: set[int] = set()  # chat ids whose next call gets a 500
        self.pending_updates: list[dict] = []  # handed out by getUpdates (long polling)
        self.group_admins: dict[int, set[int]] = {}  # chat id -> user ids that administer it
        self.rejected: list[tuple[ApiCall, str]] = []  # calls refused as Telegram would
        self.deleted_messages: set[int] = set()  # message ids a user deleted: edits fail
        self._answered: set[str] = set()  # callback queries answered (only once is allowed)
        self._message_ids = itertools.count(1000)
        # file id -> (content, size Telegram states); served by getFile and the file URL, as
        # a document or photo sent to the bot is. The size may be stated without the bytes.
        self.files: dict[str, tuple[bytes, int]] = {}
        self._file_ids = itertools.count(1)
        self.transport = httpx.MockTransport(self._handle)

    # -- for tests ------------------------------------------------------------------------

    def sent(self, method: str | None = None, chat_id: int | None = None) -> list[ApiCall]:
        return [
            c
            for c in self.calls
            if (method is None or c.method == method) and (chat_id is None or c.chat_id == chat_id)
        ]

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [c.text for c in self.calls if c.text and (chat_id is None or c.chat_id == chat_id)]

    def message_with_button(self, data: str) -> int:
        """The id of the latest message that carries a button with this callback data: the
        message a press of it comes from (1 when none is known)."""
        for call in reversed(self.calls):
            if call.message_id and any(d == data for _, d in call.buttons):
                return call.message_id
        return 1

    def clear(self) -> None:
        self.calls.clear()

    def add_file(self, content: bytes, *, size: int | None = None) -> str:
        """A file as if a user had sent it to Telegram; returns its file_id."""
        file_id = f"BQACAgQAAx{next(self._file_ids):06d}"
        self.files[file_id] = (content, len(content) if size is None else size)
        return file_id

    # -- the transport --------------------------------------------------------------------

    def _handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/file/bot"):
            return self._download(request)
        method = request.url.path.rsplit("/", 1)[-1]
        params, files = _parse_body(request)
        call = ApiCall(method, params, files, str(request.url))
        chat_id = call.chat_id
        if chat_id in self.blocked_chats:
            return _error(403, "Forbidden: bot was blocked by the user")
        if chat_id in self.fail_once:
            self.fail_once.discard(chat_id)
            return _error(500, "Internal Server Error")
        if chat_id in self.flood_once:
            retry_after = self.flood_once.pop(chat_id)
            return _error(
                429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
            )
        rejected = self._reject(call)
        if rejected is not None:
            self.rejected.append((call, rejected))
            return _error(400, rejected)
        self.calls.append(call)
        if self.on_call:
            self.on_call(call)
        return httpx.Response(200, json={"ok": True, "result": self._result(call)})

    def _download(self, request: httpx.Request) -> httpx.Response:
        """GET {base_file_url}{token}/{file_path}: the bytes of a file getFile handed out."""
        file_id = request.url.path.rsplit("/", 1)[-1]
        self.calls.append(ApiCall("downloadFile", {"file_id": file_id}, url=str(request.url)))
        if file_id not in self.files:
            return httpx.Response(404, text="Not Found")
        return httpx.Response(200, content=self.files[file_id][0])

    def _reject(self, call: ApiCall) -> str | None:
        """What Telegram answers with 400 Bad Request, so tests meet it here too."""
        if call.method == "getFile":
            file_id = str(call.params.get("file_id"))
            if file_id not in self.files:
                return "Bad Request: invalid file_id"
            if self.files[file_id][1] > DOWNLOAD_LIMIT:
                return "Bad Request: file is too big"
        if call.method.startswith("editMessage") and (
            int(call.params.get("message_id") or 0) in self.deleted_messages
        ):
            return "Bad Request: message to edit not found"
        if call.method == "answerCallbackQuery":
            query_id = str(call.params.get("callback_query_id"))
            if query_id in self._answered:
                return (
                    "Bad Request: query is too old and response timeout expired "
                    "or query ID is invalid"
                )
            self._answered.add(query_id)
        text, caption = call.params.get("text"), call.params.get("caption")
        if isinstance(text, str) and utf16_length(text) > TELEGRAM_LIMIT:
            return "Bad Request: message is too long"
        if isinstance(caption, str) and utf16_length(caption) > CAPTION_LIMIT:
            return "Bad Request: message caption is too long"
        for _, data in call.buttons:
            if (
                data
                and not data.startswith(("http://", "https://", "tg://"))
                and (len(data.encode()) > CALLBACK_DATA_LIMIT)
            ):
                return "Bad Request: BUTTON_DATA_INVALID"
        if call.params.get("parse_mode") == "HTML":
            problem = html_problem(text if isinstance(text, str) else caption or "")
            if problem:
                return f"Bad Request: can't parse entities: {problem}"
        return None

    def _result(self, call: ApiCall):
        if call.method == "getMe":
            return BOT_USER
        if call.method in (
            "sendMessage",
            "sendPhoto",
            "sendDocument",
            "editMessageText",
            "editMessageReplyMarkup",
            "editMessageCaption",
        ):
            return self._message(call)
        if call.method == "getMyCommands":
            return []
        if call.method == "getFile":
            file_id = str(call.params["file_id"])
            return {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_size": self.files[file_id][1],
                "file_path": f"documents/{file_id}",
            }
        if call.method == "getChatMember":
            user_id = int(call.params["user_id"])
            user = {"id": user_id, "is_bot": False, "first_name": str(user_id)}
            if user_id in self.group_admins.get(call.chat_id, set()):
                return {"status": "creator", "user": user, "is_anonymous": False}
            return {"status": "member", "user": user}
        if call.method == "getUpdates":
            offset = int(call.params.get("offset") or 0)
            ready = [u for u in self.pending_updates if u["update_id"] >= offset]
            self.pending_updates = ready
            return ready
        return True

    def _message(self, call: ApiCall) -> dict:
        chat_id = call.chat_id or 0
        call.message_id = int(call.params.get("message_id") or next(self._message_ids))
        message = {
            "message_id": call.message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": BOT_USER,
        }
        if call.method == "sendPhoto":
            message["photo"] = [
                {"file_id": "photo", "file_unique_id": "photo", "width": 1, "height": 1}
            ]
            message["caption"] = call.text
        elif call.method == "sendDocument":
            message["document"] = {"file_id": "doc", "file_unique_id": "doc"}
            message["caption"] = call.text
        else:
            message["text"] = call.text
        if call.params.get("reply_markup"):
            message["reply_markup"] = call.params["reply_markup"]
        return message


def _error(status: int, description: str, parameters: dict | None = None) -> httpx.Response:
    body = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return httpx.Response(status, json=body)


def _decode(value: str):
    try:
        return json.loads(value)
    except (json.JSONDecodeError, TypeError):
        return value


def _parse_body(request: httpx.Request) -> tuple[dict, dict[str, bytes]]:
    """PTB posts JSON-encoded values as a form, or as multipart when it sends files."""
    content_type = request.headers.get("content-type", "")
    body = request.read()
    if content_type.startswith("multipart/form-data"):
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        params, files = {}, {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if part.get_filename():
                files[name] = payload
                params.setdefault("_filenames", {})[name] = part.get_filename()
            else:
                params[name] = _decode(payload.decode())
        return params, files
    if not body:
        return {}, {}
    if content_type.startswith("application/json"):
        return json.loads(body), {}
    return {k: _decode(v) for k, v in parse_qsl(body.decode(), keep_blank_values=True)}, {}
