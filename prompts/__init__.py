"""Prompt templates, kept as plain files beside this module."""

from __future__ import annotations

import string
from importlib import resources


def load_prompt(name: str, **values: str) -> str:
    """Fill a template; a missing value raises KeyError rather than sending a half-filled prompt."""
    template = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return string.Template(template).substitute(values)
