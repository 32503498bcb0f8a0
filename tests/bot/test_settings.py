"""Settings.from_env with a plain dict: each setting read, converted, or refused by name."""

from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError


@pytest.mark.parametrize(
    ("environ", "field", "value"),
    [
        ({}, "webhook_listen", "127.0.0.1"),
        ({}, "reminder_days", (7, 1)),
        ({"TELEGRAM_BOT_TOKEN": " 1:abc "}, "telegram_bot_token", "1:abc"),
        ({"VONKJE_DATA_DIR": "/tmp/v"}, "data_dir", Path("/tmp/v")),
        ({"VONKJE_ADMINS": "1, 2;3"}, "admins", (1, 2, 3)),
        ({"VONKJE_WEBHOOK_PORT": "9000"}, "webhook_port", 9000),
        ({"VONKJE_WEBHOOK_LISTEN": "0.0.0.0"}, "webhook_listen", "0.0.0.0"),
        ({"VONKJE_LLM_TIMEOUT": "2.5"}, "llm_timeout", 2.5),
        ({"VONKJE_REMINDER_AT": "9:05"}, "reminder_at", "09:05"),
        ({"VONKJE_REMINDER_DAYS": ""}, "reminder_days", (7, 1)),  # empty: the default
        ({}, "organizer_email", "noreply@vonkje.invalid"),
        ({"VONKJE_ORGANIZER_EMAIL": "a@b.nl"}, "organizer_email", "a@b.nl"),
    ],
)
def test_a_setting_is_read_and_converted(environ, field, value):
    assert getattr(Settings.from_env(environ, env_file=None), field) == value


@pytest.mark.parametrize(
    ("environ", "named"),
    [
        ({"VONKJE_ADMINS": "anna"}, "VONKJE_ADMINS"),
        ({"VONKJE_WEBHOOK_PORT": "80,81"}, "VONKJE_WEBHOOK_PORT"),
        ({"VONKJE_LLM_TIMEOUT": "soon"}, "VONKJE_LLM_TIMEOUT"),
        ({"VONKJE_REMINDER_AT": "25:00"}, "VONKJE_REMINDER_AT"),
        ({"VONKJE_ORGANIZER_EMAIL": "a@b.nl\r\nX:1"}, "VONKJE_ORGANIZER_EMAIL"),  # no injection
        ({"VONKJE_ORGANIZER_EMAIL": "niemand"}, "VONKJE_ORGANIZER_EMAIL"),
    ],
)
def test_a_bad_value_is_refused_with_the_settings_name(environ, named):
    with pytest.raises(SettingsError, match=named):
        Settings.from_env(environ, env_file=None)


def test_the_environment_wins_over_the_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("VONKJE_NUDGE_DAYS=3\nVONKJE_TIMEZONE=Europe/London\n", encoding="utf-8")
    settings = Settings.from_env({"VONKJE_NUDGE_DAYS": "4"}, env_file=env_file)
    assert settings.nudge_days == 4 and settings.timezone == "Europe/London"
