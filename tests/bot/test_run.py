"""`vonkje run` end to end: a real process, long polling or a webhook, against a Bot API
server on loopback that answers like Telegram (bot.local_api behind a tiny HTTP server)."""

import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from bot.tg.local_api import LocalBotApi
from bot.tg.update_factory import UpdateFactory
from tests.bot.conftest import ANNA

TOKEN = "42:TESTTOKEN"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def bot_api():
    api = LocalBotApi()
    api.failures = []  # (method, status, body) answered before the real Bot API, in order

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the http.server naming
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            method = self.path.rsplit("/", 1)[-1]
            failure = next((f for f in api.failures if f[0] == method), None)
            if failure is not None:
                api.failures.remove(failure)
                self.send_response(failure[1])
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(failure[2].replace("{path}", self.path).encode())
                return
            request = httpx.Request(
                "POST", f"http://bot-api{self.path}", headers=dict(self.headers), content=body
            )
            response = api._handle(request)
            self.send_response(response.status_code)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(response.content)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", _free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    api.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield api
    server.shutdown()
    server.server_close()  # the listening socket, else a ResourceWarning


def _start(data_dir, api, **env):
    environment = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "VONKJE_TELEGRAM_API_URL": api.url,
        **env,
    }
    vonkje = Path(sys.executable).parent / "vonkje"
    return subprocess.Popen(
        [str(vonkje), "--data-dir", str(data_dir), "run"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _wait_for(condition, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        if process.poll() is not None:
            pytest.fail(f"vonkje run stopped: {process.stdout.read()}")
        time.sleep(0.2)
    pytest.fail("timed out")


def _stop(process) -> str:
    process.send_signal(signal.SIGINT)
    try:
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return output


def test_run_long_polling_answers_and_never_logs_the_token(data_dir, bot_api):
    bot_api.pending_updates.append(UpdateFactory().message(ANNA, "/start"))
    process = _start(data_dir, bot_api, VONKJE_LOG_LEVEL="DEBUG")
    _wait_for(lambda: bot_api.sent("sendMessage"), process)
    output = _stop(process)
    assert "Ik ben <b>Vonkje</b>" in bot_api.sent("sendMessage")[0].text
    assert any(c.method == "setMyCommands" for c in bot_api.calls)
    assert "getUpdates" in output  # httpx logged its requests, with the token removed
    assert TOKEN not in output


def test_run_webhook_checks_the_secret_and_answers(data_dir, bot_api):
    port = _free_port()
    process = _start(
        data_dir,
        bot_api,
        VONKJE_WEBHOOK_URL="https://vonkje.example/hook",
        VONKJE_WEBHOOK_PORT=str(port),
        VONKJE_WEBHOOK_SECRET="s3cret",
        VONKJE_LOG_LEVEL="DEBUG",  # PTB logs setWebhook's parameters at DEBUG
    )
    _wait_for(lambda: bot_api.sent("setWebhook"), process)
    hook = bot_api.sent("setWebhook")[0].params
    assert hook["url"] == "https://vonkje.example/hook" and hook["secret_token"] == "s3cret"
    update = UpdateFactory().message(ANNA, "/start")
    url = f"http://127.0.0.1:{port}/telegram"
    _wait_for(lambda: _posts(url, update, "wrong") == 403, process)
    assert _posts(url, update, "s3cret") == 200
    _wait_for(lambda: bot_api.sent("sendMessage"), process)
    output = _stop(process)
    assert len(bot_api.sent("sendMessage")) == 1
    assert "s3cret" not in output and TOKEN not in output


def test_run_webhook_without_a_secret_makes_one_and_refuses_forged_updates(data_dir, bot_api):
    port = _free_port()
    process = _start(
        data_dir,
        bot_api,
        VONKJE_WEBHOOK_URL="https://vonkje.example/hook",
        VONKJE_WEBHOOK_PORT=str(port),
        VONKJE_LOG_LEVEL="DEBUG",
    )
    _wait_for(lambda: bot_api.sent("setWebhook"), process)
    secret = bot_api.sent("setWebhook")[0].params["secret_token"]
    assert len(secret) >= 32
    forged = UpdateFactory().message(ANNA, "/export")
    url = f"http://127.0.0.1:{port}/telegram"
    _wait_for(lambda: _posts(url, forged, "") == 403, process)
    assert _posts(url, forged, secret) == 200
    output = _stop(process)
    assert secret not in output and TOKEN not in output
    assert "127.0.0.1" in output  # listens on loopback by default, behind a reverse proxy


def test_a_rejected_token_ends_with_a_clear_message_and_no_token(data_dir, bot_api):
    bot_api.failures.append(
        ("getMe", 401, '{"ok": false, "error_code": 401, "description": "Unauthorized"}')
    )
    process = _start(data_dir, bot_api)
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "Telegram weigert het token" in output
    assert TOKEN not in output and "Traceback" not in output


def test_a_failing_telegram_at_start_is_retried_and_its_error_pages_are_redacted(data_dir, bot_api):
    page = "<html><h1>502 Bad Gateway</h1><p>upstream error for {path}</p></html>"
    bot_api.failures += [("getMe", 502, page), ("getMe", 502, page)]
    bot_api.pending_updates.append(UpdateFactory().message(ANNA, "/start"))
    process = _start(data_dir, bot_api, VONKJE_LOG_LEVEL="DEBUG")
    _wait_for(lambda: bot_api.sent("sendMessage"), process, seconds=120)
    output = _stop(process)
    assert bot_api.failures == []  # both failures were met, and the bot started after them
    assert TOKEN not in output


def _posts(url: str, update: dict, secret: str) -> int | None:
    try:
        return httpx.post(
            url, json=update, timeout=5, headers={"X-Telegram-Bot-Api-Secret-Token": secret}
        ).status_code
    except httpx.TransportError:
        return None
