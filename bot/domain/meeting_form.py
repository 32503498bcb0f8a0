"""The /plan form: its fields in order and what a confirmed form becomes. Pure."""

from __future__ import annotations

from datetime import datetime

PLAN_FIELDS = ("title", "when", "place", "agenda", "who")
NOTHING = ("", "-")  # "no place" / "no agenda"


def optional(text: str | None) -> str | None:
    return None if (text or "").strip() in NOTHING else text.strip()


def meeting_values(form: dict, starts_at: datetime) -> dict:
    """The keyword arguments of storage.meetings.create_meeting for a confirmed form."""
    return {
        "title": form["title"],
        "starts_at": starts_at,
        "place": optional(form.get("place")),
        "agenda": optional(form.get("agenda")),
        "proeftuin_ids": form.get("proeftuin_ids"),
    }
