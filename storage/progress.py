"""Reading progress: the update record, per-proeftuin progress and the overview.

Each update reports what happened since the previous one: people who started, whose job
ended, internships and hours are sums over updates that were not withdrawn; progress
toward the target is net (started minus ended). Candidates in beeld is a stock: the latest
figure reported. Hours give jobs in the banenafspraak's unit (25.5 hours a week).
"""

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from storage.clock import from_iso, to_iso
from storage.db import select_row, select_rows
from storage.errors import NotFound
from storage.knelpunten import knelpunten
from storage.proeftuinen import Proeftuin, get_proeftuin, list_proeftuinen

LATEST_COUNT = 5
OBSTACLE_COUNT = 5
NOTES_COUNT = 3  # latest activities and lessons shown
BANENAFSPRAAK_HOURS = 25.5  # one job in the banenafspraak's unit (hours a week)


@dataclass(frozen=True)
class ProgressUpdate:
    id: int
    proeftuin_id: int
    author_id: int | None
    author_name: str | None
    role: str | None
    created_at: datetime
    raw_text: str
    jobs_realised: int  # people who started
    candidates: int | None  # in beeld now, if stated
    internships: int
    step: str | None
    obstacles: str | None
    next_step: str | None
    telegram_update_id: int | None
    withdrawn_at: datetime | None
    corrected_at: datetime | None
    telegram_message: str | None = None  # "chat:message" it came from (since migration 5)
    jobs_ended: int = 0  # since migration 10
    hours: float | None = None
    lesson: str | None = None
    activity: str | None = None

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None


@dataclass(frozen=True)
class Totals:
    jobs_realised: int = 0  # people who started
    candidates: int | None = None  # the latest figure reported
    internships: int = 0
    jobs_ended: int = 0
    hours: float = 0.0  # weekly hours of those who started, where given

    @property
    def net_jobs(self) -> int:
        """Progress toward the target: started minus ended."""
        return self.jobs_realised - self.jobs_ended

    @property
    def banen_units(self) -> float | None:
        """The hours in the banenafspraak's unit (1 job = 25.5 hours a week), where given."""
        return self.hours / BANENAFSPRAAK_HOURS if self.hours else None


@dataclass(frozen=True)
class Progress:
    proeftuin: Proeftuin
    totals: Totals
    target: int
    latest: tuple[ProgressUpdate, ...]  # newest first
    open_obstacles: tuple[str, ...]  # newest first
    last_step: str | None
    next_step: str | None
    series: tuple[tuple[datetime, int], ...]  # (moment, cumulative jobs), oldest first
    last_update_at: datetime | None
    reported_since: bool = False  # only meaningful in overview()
    open_knelpunten: tuple = ()  # Knelpunt, newest first
    lessons: tuple[ProgressUpdate, ...] = ()  # newest first
    activities: tuple[ProgressUpdate, ...] = ()  # newest first
    solved_knelpunten: tuple = ()

    @property
    def target_share(self) -> float | None:
        """Net jobs as a fraction of the target; None when there is no target."""
        return self.totals.net_jobs / self.target if self.target else None


def update_from_row(row: dict[str, Any]) -> ProgressUpdate:
    fields = dict(row)
    for column in ("created_at", "withdrawn_at", "corrected_at"):
        fields[column] = from_iso(fields[column])
    return ProgressUpdate(**fields)


def get_update(db: Database, update_id: int) -> ProgressUpdate:
    row = select_row(db, "SELECT * FROM updates WHERE id = ?", [update_id])
    if row is None:
        raise NotFound("update_not_found", id=update_id)
    return update_from_row(row)


def totals(db: Database, proeftuin_id: int, *, since: datetime | None = None) -> Totals:
    """Only the sums, in SQL: what the bot needs right after saving an update; with `since`,
    what the updates after that moment added (the period of a results report)."""
    after = " AND created_at > :since" if since is not None else ""
    row = select_row(
        db,
        """
        SELECT COALESCE(SUM(jobs_realised), 0) AS jobs_realised,
               COALESCE(SUM(jobs_ended), 0) AS jobs_ended,
               COALESCE(SUM(internships), 0) AS internships,
               COALESCE(SUM(hours), 0.0) AS hours,
               (SELECT candidates FROM updates WHERE proeftuin_id = :id
                AND withdrawn_at IS NULL AND candidates IS NOT NULL
                ORDER BY created_at DESC, id DESC LIMIT 1) AS candidates
        FROM updates WHERE proeftuin_id = :id AND withdrawn_at IS NULL"""
        + after,
        {"id": proeftuin_id, "since": to_iso(since) if since else None},
    )
    return Totals(**row)  # an aggregate without GROUP BY: always one row


def last_update_at(db: Database, proeftuin_id: int) -> datetime | None:
    """When the proeftuin last reported (an update not withdrawn), without loading them all."""
    row = db.execute(
        "SELECT MAX(created_at) FROM updates WHERE proeftuin_id = ? AND withdrawn_at IS NULL",
        [proeftuin_id],
    ).fetchone()
    return from_iso(row[0]) if row and row[0] else None


def progress(db: Database, proeftuin_id: int) -> Progress:
    proeftuin = get_proeftuin(db, proeftuin_id)
    updates = [
        update_from_row(row)
        for row in select_rows(
            db,
            """
            SELECT * FROM updates WHERE proeftuin_id = ? AND withdrawn_at IS NULL
            ORDER BY created_at, id
            """,
            [proeftuin_id],
        )
    ]
    newest_first = updates[::-1]
    latest = tuple(newest_first[:LATEST_COUNT])
    series, running = [], 0
    for update in updates:
        running += update.jobs_realised - update.jobs_ended
        series.append((update.created_at, running))
    open_knelpunten = tuple(knelpunten(db, proeftuin_id))
    return Progress(
        proeftuin=proeftuin,
        totals=Totals(
            jobs_realised=sum(u.jobs_realised for u in updates),
            candidates=next((u.candidates for u in newest_first if u.candidates is not None), None),
            internships=sum(u.internships for u in updates),
            jobs_ended=sum(u.jobs_ended for u in updates),
            hours=sum(u.hours or 0.0 for u in updates),
        ),
        target=proeftuin.jobs_target,
        latest=latest,
        open_obstacles=tuple(k.text for k in open_knelpunten[:OBSTACLE_COUNT]),
        open_knelpunten=open_knelpunten,
        solved_knelpunten=tuple(knelpunten(db, proeftuin_id, solved=True)),
        lessons=tuple(u for u in newest_first if u.lesson)[:NOTES_COUNT],
        activities=tuple(u for u in newest_first if u.activity)[:NOTES_COUNT],
        last_step=next((u.step for u in newest_first if u.step), None),
        next_step=next((u.next_step for u in newest_first if u.next_step), None),
        series=tuple(series),
        last_update_at=updates[-1].created_at if updates else None,
    )


def overview(db: Database, *, since: datetime | None = None) -> list[Progress]:
    """Progress of every proeftuin, flagging which reported after `since`.

    With since=None, reported_since means 'has ever reported'.
    """
    rows = []
    for proeftuin in list_proeftuinen(db):
        row = progress(db, proeftuin.id)
        last = row.last_update_at
        reported = last is not None and (since is None or last > since)
        rows.append(replace(row, reported_since=reported))
    return rows


def export_rows(db: Database) -> list[dict[str, Any]]:
    """Every update with its proeftuin name, ready for CSV/XLSX.

    Withdrawn updates are included (status 'withdrawn') so an export can be
    reconciled with what people remember reporting. Telegram ids are left out:
    the export goes to spreadsheets that get forwarded.
    """
    return select_rows(
        db,
        """
        SELECT
            u.id, u.proeftuin_id, p.name AS proeftuin, u.created_at,
            u.author_name, u.role, u.jobs_realised, u.jobs_ended, u.candidates,
            u.internships, u.hours, u.step, u.obstacles, u.activity, u.lesson, u.next_step,
            u.raw_text,
            CASE
                WHEN u.withdrawn_at IS NOT NULL THEN 'withdrawn'
                WHEN u.corrected_at IS NOT NULL THEN 'corrected'
                ELSE 'active'
            END AS status,
            u.corrected_at, u.withdrawn_at
        FROM updates u JOIN proeftuinen p ON p.id = u.proeftuin_id
        ORDER BY u.created_at, u.id
        """,
    )
