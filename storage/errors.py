"""Exceptions raised by the storage layer.

Every message is written so the bot can show it to a user as-is (or log it),
and every class derives from StorageError so one `except` can catch them all.
"""


class StorageError(Exception):
    """Base class for all storage errors."""


class NotFound(StorageError, LookupError):
    """The requested proeftuin, meeting, update, question, ... does not exist."""


class Invalid(StorageError, ValueError):
    """Input was rejected: empty name, number out of range, time in the past, ..."""


class AmbiguousName(Invalid):
    """A name matches more than one proeftuin; `matches` lists the candidates."""

    def __init__(self, message: str, matches: list) -> None:
        super().__init__(message)
        self.matches = matches


class InviteInvalid(StorageError):
    """The invite token is unknown or has been revoked."""


class NotAllowed(StorageError):
    """The caller may not do this (e.g. correct someone else's update)."""


class TooOld(NotAllowed):
    """An update outside the correction window can no longer be corrected or withdrawn."""


class MeetingCancelled(StorageError):
    """The meeting was cancelled, so it can no longer be moved or cancelled again."""
