"""The optional LLM path through the real provider package (langchain-openai) against an
OpenAI-compatible chat-completions server on loopback: a good reply, a slow one, garbage, an
uncited reply and a server error. Every failure falls back to the extractive answer."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from knowledge.base import KnowledgeBase
from knowledge.llm import load_chat_model


class StandIn(ThreadingHTTPServer):
    """Answers POST /v1/chat/completions with the next queued behaviour."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.behaviours: list[tuple[str, str]] = []
        self.prompts: list[str] = []


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest's output clean
        pass

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.prompts.append(body["messages"][-1]["content"])
        kind, content = self.server.behaviours.pop(0) if self.server.behaviours else ("ok", "")
        if kind == "slow":
            time.sleep(3)
        if kind == "garbage":
            self._send(200, b"<html>502 Bad Gateway</html>", "text/html")
            return
        if kind == "error":
            self._send(500, b'{"error": {"message": "boom"}}', "application/json")
            return
        reply = {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "stand-in"),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        self._send(200, json.dumps(reply).encode(), "application/json")

    def _send(self, status, data, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def server():
    stand_in = StandIn()
    thread = threading.Thread(target=stand_in.serve_forever, daemon=True)
    thread.start()
    yield stand_in
    stand_in.shutdown()
    stand_in.server_close()


@pytest.fixture
def llm_kb(builtin_kb, server, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")  # any value: the stand-in does not check
    model = load_chat_model("openai:gpt-4o-mini", f"http://127.0.0.1:{server.server_address[1]}/v1")
    model.max_retries = 0  # a failure should fall back at once, not after the client's retries
    return KnowledgeBase(builtin_kb.index, chat_model=model, llm_timeout=1.5)


QUESTION = "Hoeveel verloonde uren per week is één baan?"


def test_a_cited_reply_is_the_answer_and_lists_only_what_it_cites(llm_kb, server):
    server.behaviours.append(("ok", "Eén baan is 25,5 verloonde uren per week [1]."))
    answer = llm_kb.ask(QUESTION)
    assert answer.via == "llm"
    assert answer.text == "Eén baan is 25,5 verloonde uren per week [1]."
    assert [c.number for c in answer.citations] == [1]
    assert QUESTION in server.prompts[0] and "[1]" in server.prompts[0]


async def test_the_bot_path_uses_the_same_server(llm_kb, server):
    server.behaviours.append(("ok", "Dat is 25,5 uur per week [1]."))
    answer = await llm_kb.aask(QUESTION)
    assert answer.via == "llm" and "25,5" in answer.text


@pytest.mark.parametrize(
    "behaviour",
    [
        ("slow", "Te laat [1]."),
        ("garbage", ""),
        ("error", ""),
        ("ok", "Eén baan is 25,5 uur per week."),  # no citation
        ("ok", "Zie bron [7]."),  # a passage it was not given
        ("ok", "NIET_GEVONDEN"),
    ],
    ids=["slow", "garbage", "server-error", "uncited", "unknown-citation", "not-found"],
)
def test_every_failure_falls_back_to_the_extractive_answer(llm_kb, server, behaviour):
    server.behaviours.append(behaviour)
    started = time.perf_counter()
    answer = llm_kb.ask(QUESTION)
    assert answer.via == "extractive"
    assert "25,5" in answer.text and "[1]" in answer.text
    assert time.perf_counter() - started < 3  # the slow reply is not waited for
