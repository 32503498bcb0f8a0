"""Who gets which reminder for a meeting, and which kinds are done: storage only, no Telegram
(`vonkje remind --dry-run` prints this without importing telegram)."""

from __future__ import annotations

from datetime import datetime

from bot.domain.reminder_times import (
    DueReminders,
    ReminderSpec,
    due_reminders,
    nudge_time,
    reminder_times,
    summary_time,
)
from storage import people, reminders
from storage.meetings import (
    Meeting,
    meeting_participants,
    previous_meeting,
    proeftuinen_of,
)
from storage.progress import overview


def specs_by_audience(meeting: Meeting, settings) -> dict[str, list[ReminderSpec]]:
    """The moments of each kind of message, grouped by who receives them."""
    tz = settings.timezone
    return {
        "participants": reminder_times(
            meeting.starts_at,
            day_offsets=settings.reminder_days,
            at=settings.reminder_at,
            hour_offsets=settings.reminder_hours,
            tz=tz,
        ),
        "nudge": [
            ReminderSpec(
                "nudge",
                nudge_time(
                    meeting.starts_at,
                    days_before=settings.nudge_days,
                    at=settings.reminder_at,
                    tz=tz,
                ),
            )
        ],
        "summary": [
            ReminderSpec("summary", summary_time(meeting.starts_at, at=settings.reminder_at, tz=tz))
        ],
    }


def audience(db, settings, meeting: Meeting, kind: str) -> list:
    """Who gets this kind of message for this meeting."""
    if kind == "summary":
        return [
            p
            for p in (people.get_person(db, i) for i in settings.admins)
            if p is not None and p.active
        ]
    if kind in ("change", "cancel", "invitation"):  # news about the meeting goes to everyone
        return meeting_participants(db, meeting)
    participants = meeting_participants(db, meeting, reminders_only=True)
    if kind != "nudge":
        return participants
    silent = {p.id for p in proeftuinen_without_update(db, meeting)}
    return [
        p
        for p in participants
        if any(m.proeftuin.id in silent for m in people.memberships(db, p.telegram_id))
    ]


def proeftuinen_without_update(db, meeting: Meeting):
    """The meeting's proeftuinen that reported nothing since the previous bijeenkomst."""
    before = previous_meeting(db, meeting.starts_at)
    since = before.starts_at if before else None
    rows = {row.proeftuin.id: row for row in overview(db, since=since)}
    return [
        p
        for p in proeftuinen_of(db, meeting)
        if not (
            rows.get(p.id) and (rows[p.id].reported_since if since else rows[p.id].last_update_at)
        )
    ]


def completed_kinds(db, settings, meeting: Meeting) -> set[str]:
    """Kinds handled for everyone who should get them (partly handled ones are finished)."""
    handled: dict[str, set[int]] = {}
    for row in reminders.sent_reminders(db, meeting.id):
        # a failed send is not done: the next rebuild (every 5 minutes) tries it again
        if row["meeting_version"] == meeting.version and row["status"] != "failed":
            handled.setdefault(row["kind"], set()).add(row["telegram_id"])
    done = set()
    for group in specs_by_audience(meeting, settings).values():
        for spec in group:
            wanted = {p.telegram_id for p in audience(db, settings, meeting, spec.kind)}
            if wanted and wanted <= handled.get(spec.kind, set()):
                done.add(spec.kind)
    return done


def due_by_audience(db, settings, meeting: Meeting, now: datetime) -> list[DueReminders]:
    """(send now, folded kinds, future specs) per audience group, by the restart rule."""
    done = completed_kinds(db, settings, meeting)
    return [
        due_reminders(specs, now=now, already_sent=done, meeting_starts_at=meeting.starts_at)
        for specs in specs_by_audience(meeting, settings).values()
    ]
