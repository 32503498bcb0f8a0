"""`vonkje run` without a token, and `vonkje chat` driving every flow in the terminal."""

import pytest


@pytest.fixture
def runner(vonkje):
    return vonkje


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


def test_chat_names_the_recipient_of_a_message_to_someone_else(runner):
    script = "\n".join(
        [
            "/als 5 Eva",
            "Mag onze proeftuin een eigen logo voeren op de bedrijfskleding?",
            "/als 1 Carla",
            "/onbeantwoord",
            "1",  # Beantwoord
            "Ja, een eigen logo mag.",
            "ok",
            "/quit",
        ]
    )
    result = runner("chat", "--user-id", "1", "--name", "Carla", input=script)
    assert result.exit_code == 0, result.output
    assert "vonkje → Eva> De coördinator heeft je vraag beantwoord" in result.output
    assert "vonkje> Dank je! Het antwoord is verstuurd" in result.output


def test_chat_sends_a_file_from_disk_as_a_telegram_document(runner, tmp_path):
    report = tmp_path / "verslag-apeldoorn.md"
    report.write_text(
        "# Verslag Apeldoorn\n\nIn Apeldoorn begon de proeftuin met de KANARIEVOGEL-aanpak.",
        "utf-8",
    )
    script = "\n".join(
        [
            "/bestand /bestaat/niet.pdf",
            f"/bestand {report}",
            "1",  # Toevoegen
            "Met welke aanpak begon de proeftuin in Apeldoorn?",
            "/bronnen",
            "/quit",
        ]
    )
    result = runner("chat", "--user-id", "1", "--name", "Carla", input=script)
    assert result.exit_code == 0, result.output
    assert "(geen bestand: /bestaat/niet.pdf)" in result.output
    assert "Toevoegen aan de kennisbank?" in result.output
    assert "Verslag Apeldoorn is toegevoegd" in result.output
    answer = result.output.split("is toegevoegd")[1]
    assert "KANARIEVOGEL" in answer.split("Documenten in de kennisbank")[0]
    assert "toegevoegd door Carla" in result.output


def test_chat_banner_in_english(runner):
    result = runner("chat", "--english", input="/quit\n")
    assert "Vonkje in the terminal" in result.output
    assert "You> " in result.output and "Jij> " not in result.output


def test_chat_switches_user_and_ends_on_eof(runner):
    result = runner("chat", input="/als 5 Eva\n/start\n")
    assert "(je bent nu Eva, id 5)" in result.output
    assert "Hoi Eva!" in result.output


def test_meetings_add_list_cancel_and_remind_dry_run(runner):
    # next year's 15 March: always ahead, and within the two years a meeting may be planned
    from datetime import date, datetime, timedelta
    from zoneinfo import ZoneInfo

    from bot.domain.meeting_dates import format_moment_nl

    day = date(date.today().year + 1, 3, 15)
    zone = ZoneInfo("Europe/Amsterdam")
    at = datetime(day.year, 3, 15, 14, 0, tzinfo=zone)
    added = runner(
        "meetings",
        "add",
        "Bijeenkomst voorjaar",
        f"15 maart {day.year} om 14:00",
        "--place",
        "Utrecht",
    )
    assert added.exit_code == 0, added.output
    assert f"Gepland: #1 Bijeenkomst voorjaar op {format_moment_nl(at)}" in added.output
    listed = runner("meetings", "list")
    assert f"#1 {format_moment_nl(at)}: Bijeenkomst voorjaar — Utrecht" in listed.output
    plan = runner("remind", "--dry-run")
    assert plan.exit_code == 0
    week_before = (at - timedelta(days=7)).replace(hour=10)
    assert f"{format_moment_nl(week_before)}  d7" in plan.output
    assert f"{format_moment_nl(at.replace(hour=12))}  h2" in plan.output
    assert runner("meetings", "cancel", "1").exit_code == 0
    again = runner("meetings", "cancel", "1")
    assert again.exit_code == 2 and "al geannuleerd" in again.output
    assert "Geen bijeenkomsten gepland" in runner("meetings", "list").output


@pytest.mark.parametrize("when", ["gisteren 10 uur", "ooit eens"])
def test_meetings_add_refuses_past_and_unreadable_dates(runner, when):
    result = runner("meetings", "add", "X", when)
    assert result.exit_code == 2
    assert runner("meetings", "list").output.startswith("Geen bijeenkomsten")


def test_remind_without_dry_run_needs_a_token(runner):
    result = runner("remind")
    assert result.exit_code == 2 and "--dry-run" in result.output


def test_a_second_chat_session_saves_its_updates_too(runner, data_dir):
    """Update ids of a new session start past the stored ones (they are the dedup key)."""
    from storage.db import open_database

    setup = "/nieuweproeftuin Schoonmaak Zwolle; Gemeente Zwolle; CleanCo; Zwolle; 4\n/quit\n"
    token = runner("chat", input=setup).output.split("start=")[1].split()[0]
    runner("chat", "--participant", "--user-id", "7", input=f"/start {token}\n2\n/quit\n")
    for _ in range(2):
        result = runner(
            "chat", "--participant", "--user-id", "7", input="2 banen gerealiseerd\n1\n/quit\n"
        )
        assert "al opgeslagen" not in result.output
    db = open_database(data_dir / "vonkje.sqlite")
    assert db["updates"].count == 2


def test_update_factory_counts_entity_offsets_in_utf16():
    from bot.tg.update_factory import Sender, UpdateFactory

    message = UpdateFactory().message(Sender(1, "A"), "👍 @vonkje_bot Wat is SROI?")["message"]
    assert message["entities"] == [{"type": "mention", "offset": 3, "length": 11}]


def test_meetings_list_names_the_proeftuinen(runner):
    from datetime import date

    setup = "/nieuweproeftuin Schoonmaak Zwolle; Gemeente Zwolle; CleanCo; Zwolle; 4\n/quit\n"
    runner("chat", input=setup)
    when = f"15 maart {date.today().year + 1} om 14:00"
    added = runner("meetings", "add", "Overleg", when, "--proeftuin", "Schoonmaak Zwolle")
    assert added.exit_code == 0, added.output
    listed = runner("meetings", "list").output
    assert "Schoonmaak Zwolle" in listed and "(1,)" not in listed


def test_report_writes_a_pdf(runner, tmp_path):
    out = tmp_path / "rapport.pdf"
    result = runner("report", "--since", "alles", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:5] == b"%PDF-"
    result = runner("report", "--since", "volgend jaar", "--out", str(out))
    assert result.exit_code == 2 and "geen datum in het verleden" in result.output
