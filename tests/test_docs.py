"""The README stays true: every command, Telegram command and setting is documented."""

from dataclasses import fields
from pathlib import Path

import pytest

from bot.cli import cli
from bot.settings import Settings
from bot.tg.app import ADMIN_COMMANDS, COMMANDS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_cli_command_has_help_and_is_in_readme(name):
    assert cli.commands[name].help, f"vonkje {name} has no help text"
    assert f"`vonkje {name}" in README


SETTINGS = [f.metadata.get("env", f"VONKJE_{f.name.upper()}") for f in fields(Settings)]


@pytest.mark.parametrize("setting", SETTINGS)
def test_every_setting_is_in_the_configuration_table(setting):
    assert f"| `{setting}` |" in README


@pytest.mark.parametrize("names", [c[0] for c in COMMANDS + ADMIN_COMMANDS])
def test_every_telegram_command_is_in_readme(names):
    assert f"`/{names[0]}" in README


def test_readme_test_command_is_what_ci_runs():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    command = ci.strip().splitlines()[-1]
    assert command in README
