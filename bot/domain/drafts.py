"""A progress update between reading and saving: pure decisions, so the handlers stay short."""

from __future__ import annotations

from dataclasses import asdict, replace

STORED_FIELDS = ("jobs_realised", "jobs_ended", "candidates", "internships", "hours")
STORED_FIELDS += ("step", "obstacles", "next_step", "lesson", "activity")


def reading_problem(parsed) -> str | None:
    """The reply for a message that cannot become a draft, or None when it can."""
    if parsed.problems:
        return "unclear_number" if "unclear" in parsed.problems else "bad_number"
    if not parsed.recognised:
        return "nothing_recognised"
    return None


def as_note(parsed, text: str):
    """A message the person says is an update, with nothing the parser reads: kept whole as
    an activity or note, never a dead end."""
    return replace(parsed, activity=text.strip(), recognised=True)


def new_draft(
    text: str,
    parsed,
    *,
    proeftuin_ids: list[int],
    correcting: int | None,
    update_id: int | None,
    message: str | None,
) -> dict:
    """What a draft keeps (as JSON): the text, what was read, which update it corrects, and
    the Telegram update and message it came in, so a redelivery or an edit finds it again. A
    correction has no message of its own: it changes the saved update."""
    return {
        "text": text,
        "fields": asdict(parsed),
        "correcting": correcting,
        "update_id": None if correcting else update_id,
        "message": None if correcting else message,
        "proeftuin_id": proeftuin_ids[0] if len(proeftuin_ids) == 1 else None,
    }


# An unsure figure is answered with a button: its code in the button's data, and its field.
UNSURE_CODES = {"s": "started", "e": "ended", "i": "internships", "c": "candidates"}
_FIELD_KEY = {"started": "jobs_realised", "ended": "jobs_ended"}
BUTTON_VALUES = range(6)  # 0 … 5: "2 à 3", "een paar" are small numbers


def answer_unsure(fields: dict, field: str, value: int) -> dict:
    """The draft's fields with the unsure `field` answered: no longer asked about."""
    key = _FIELD_KEY.get(field, field)
    return {**fields, key: value, "ask": [f for f in fields.get("ask", []) if f != field]}


def unsure_buttons(fields: dict, token: str) -> list[tuple[str, str]]:
    """A row of numbers for the first unsure figure that a button can answer (not hours)."""
    code = next((c for c, f in UNSURE_CODES.items() if f in fields.get("ask", [])), None)
    return [(str(n), f"da:{token}:{code}:{n}") for n in BUTTON_VALUES] if code else []


def stored_values(draft: dict) -> dict:
    """The columns a saved or corrected update gets from a draft."""
    return {"raw_text": draft["text"], **{key: draft["fields"][key] for key in STORED_FIELDS}}
