"""Ways into a proeftuin: invite links and Telegram group chats linked to it."""

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from storage.clock import from_iso, now_iso, to_iso, utc_now
from storage.db import select_row
from storage.errors import Invalid, InviteInvalid
from storage.proeftuinen import Proeftuin, get_proeftuin


def create_invite(
    db: Database,
    proeftuin_id: int,
    created_by: int | None,
    now: datetime | None = None,
    *,
    valid_days: int | None = None,
    max_uses: int | None = None,
) -> str:
    """A token for a t.me/<bot>?start=<token> link, optionally expiring after `valid_days`
    and usable `max_uses` times.

    token_urlsafe(24) is 32 characters from A-Z a-z 0-9 _ -, which is exactly
    what Telegram accepts in a deep-link payload (max 64).
    """
    get_proeftuin(db, proeftuin_id)
    if valid_days is not None and not 1 <= valid_days <= 366:
        raise Invalid("invite_days", most=366)
    if max_uses is not None and not 1 <= max_uses <= 10_000:
        raise Invalid("invite_uses", most=10_000)
    token = secrets.token_urlsafe(24)
    expires = utc_now(now) + timedelta(days=valid_days) if valid_days else None
    db["invites"].insert(
        {
            "token": token,
            "proeftuin_id": proeftuin_id,
            "created_by": created_by,
            "created_at": now_iso(now),
            "revoked_at": None,
            "expires_at": to_iso(expires) if expires else None,
            "max_uses": max_uses,
            "uses": 0,
        }
    )
    return token


def invite_limits(db: Database, token: str) -> dict[str, Any]:
    """expires_at (datetime or None), max_uses and uses of an invite."""
    row = _invite_row(db, token)
    expires = from_iso(row["expires_at"]) if row.get("expires_at") else None
    return {"expires_at": expires, "max_uses": row.get("max_uses"), "uses": row.get("uses") or 0}


def use_invite(db: Database, token: str) -> None:
    """Count one use (someone joined through it)."""
    db.execute("UPDATE invites SET uses = COALESCE(uses, 0) + 1 WHERE token = ?", [token])


def revoke_invite(db: Database, token: str, now: datetime | None = None) -> bool:
    """True when this call revoked it; False when it was revoked already (harmless).
    An unknown token raises InviteInvalid."""
    _invite_row(db, token)
    cursor = db.execute(
        "UPDATE invites SET revoked_at = ? WHERE token = ? AND revoked_at IS NULL",
        [now_iso(now), token],
    )
    return cursor.rowcount == 1


def invite_proeftuin(db: Database, token: str, now: datetime | None = None) -> Proeftuin:
    """The proeftuin an invite grants access to; InviteInvalid if unknown, revoked, expired
    or used up."""
    row = _invite_row(db, token)
    if row["revoked_at"] is not None:
        raise InviteInvalid("invite_revoked")
    if row.get("expires_at") and from_iso(row["expires_at"]) <= utc_now(now):
        raise InviteInvalid("invite_expired")
    if row.get("max_uses") is not None and (row.get("uses") or 0) >= row["max_uses"]:
        raise InviteInvalid("invite_used_up")
    return get_proeftuin(db, row["proeftuin_id"])


def link_group(
    db: Database,
    chat_id: int,
    proeftuin_id: int,
    linked_by: int | None,
    now: datetime | None = None,
) -> Proeftuin:
    """Link a group chat to a proeftuin; linking again moves it to the new proeftuin."""
    proeftuin = get_proeftuin(db, proeftuin_id)
    db.execute(
        """
        INSERT INTO group_links (chat_id, proeftuin_id, linked_by, linked_at)
        VALUES (?, ?, ?, ?)
        ON CONFLICT (chat_id) DO UPDATE SET
            proeftuin_id = excluded.proeftuin_id,
            linked_by = excluded.linked_by,
            linked_at = excluded.linked_at
        """,
        [chat_id, proeftuin_id, linked_by, now_iso(now)],
    )
    return proeftuin


def group_proeftuin(db: Database, chat_id: int) -> Proeftuin | None:
    row = db.execute("SELECT proeftuin_id FROM group_links WHERE chat_id = ?", [chat_id]).fetchone()
    return get_proeftuin(db, row[0]) if row else None


def _invite_row(db: Database, token: str) -> dict[str, Any]:
    row = select_row(db, "SELECT * FROM invites WHERE token = ?", [token])
    if row is None:
        raise InviteInvalid("invite_unknown")
    return row
