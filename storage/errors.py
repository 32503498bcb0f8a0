"""Exceptions raised by the storage layer.

Each carries a `code` (what went wrong) and `details` (the values involved) rather than a
sentence: the front end words it in the user's language (bot/output/texts.py, `error_<code>`;
field names in `details["what"]` are codes too, `field_<what>`). str() is for logs. Every class
derives from StorageError so one `except` can catch them all.
"""


class StorageError(Exception):
    """Base class for all storage errors."""

    def __init__(self, code: str, **details) -> None:
        super().__init__(code)
        self.code = code
        self.details = details

    def __str__(self) -> str:
        values = ", ".join(f"{key}={value!r}" for key, value in self.details.items())
        return f"{self.code}({values})"


class NotFound(StorageError, LookupError):
    """The requested proeftuin, meeting, update, question, ... does not exist."""


class Invalid(StorageError, ValueError):
    """Input was rejected: empty name, number out of range, time in the past, ..."""


class AmbiguousName(Invalid):
    """A name matches more than one proeftuin; `matches` lists the candidates."""

    def __init__(self, code: str, matches: list, **details) -> None:
        super().__init__(code, **details)
        self.matches = matches


class InviteInvalid(StorageError):
    """The invite token is unknown, revoked, expired or used up."""


class NotAllowed(StorageError):
    """The caller may not do this (e.g. correct someone else's update)."""


class TooOld(NotAllowed):
    """An update outside the correction window can no longer be corrected or withdrawn."""


class MeetingCancelled(StorageError):
    """The meeting was cancelled, so it can no longer be moved or cancelled again."""
