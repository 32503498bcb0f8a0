"""Several bot processes can share one index through a Chroma server."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from knowledge.index import RECHECK_SECONDS


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = _free_port()
    process = subprocess.Popen(
        [
            chroma,
            "run",
            "--path",
            str(tmp_path / "server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("chroma run did not start within 30 s")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def test_two_processes_share_one_index_through_server(chroma_server, tmp_path, embeddings):
    writer = KnowledgeBase.open(
        None, chroma_url=chroma_server, embeddings=embeddings, sync_builtin=False
    )
    reader = KnowledgeBase.open(
        None, chroma_url=chroma_server, embeddings=embeddings, sync_builtin=False
    )
    doc = tmp_path / "server.md"
    doc.write_text("# Servertest\n\n## Glazenwassers\nDe glazenwassers werken in duo's.", "utf-8")
    assert reader.find("glazenwassers").passages == ()
    writer.ingest([doc])
    time.sleep(RECHECK_SECONDS)  # another process's commit shows within this time
    answer = reader.ask("Hoe werken de glazenwassers?")
    assert answer.answered
    assert "duo's" in answer.citations[0].text
