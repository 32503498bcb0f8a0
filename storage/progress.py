"""Reading progress: the update record, per-proeftuin progress and the overview.

Each update reports what happened since the previous one, so totals are sums
over updates that were not withdrawn.
"""

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from storage.clock import from_iso
from storage.errors import NotFound
from storage.proeftuinen import Proeftuin, get_proeftuin, list_proeftuinen

LATEST_COUNT = 5
OBSTACLE_COUNT = 5


@dataclass(frozen=True)
class ProgressUpdate:
    id: int
    proeftuin_id: int
    author_id: int | None
    author_name: str | None
    role: str | None
    created_at: datetime
    raw_text: str
    jobs_realised: int
    candidates: int
    internships: int
    step: str | None
    obstacles: str | None
    next_step: str | None
    telegram_update_id: int | None
    withdrawn_at: datetime | None
    corrected_at: datetime | None
    telegram_message: str | None = None  # "chat:message" it came from (since migration 5)

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None


@dataclass(frozen=True)
class Totals:
    jobs_realised: int = 0
    candidates: int = 0
    internships: int = 0


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

    @property
    def target_share(self) -> float | None:
        """Jobs realised as a fraction of the target; None when there is no target."""
        return self.totals.jobs_realised / self.target if self.target else None


def update_from_row(row: dict[str, Any]) -> ProgressUpdate:
    fields = dict(row)
    for column in ("created_at", "withdrawn_at", "corrected_at"):
        fields[column] = from_iso(fields[column])
    return ProgressUpdate(**fields)


def get_update(db: Database, update_id: int) -> ProgressUpdate:
    rows = list(db.query("SELECT * FROM updates WHERE id = ?", [update_id]))
    if not rows:
        raise NotFound("update_not_found", id=update_id)
    return update_from_row(rows[0])


def totals(db: Database, proeftuin_id: int) -> Totals:
    """Only the sums, in SQL: what the bot needs right after saving an update."""
    row = next(
        db.query(
            """
            SELECT COALESCE(SUM(jobs_realised), 0) AS jobs_realised,
                   COALESCE(SUM(candidates), 0) AS candidates,
                   COALESCE(SUM(internships), 0) AS internships
            FROM updates WHERE proeftuin_id = ? AND withdrawn_at IS NULL
            """,
            [proeftuin_id],
        )
    )
    return Totals(**row)


def progress(db: Database, proeftuin_id: int) -> Progress:
    proeftuin = get_proeftuin(db, proeftuin_id)
    updates = [
        update_from_row(row)
        for row in db.query(
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
        running += update.jobs_realised
        series.append((update.created_at, running))
    return Progress(
        proeftuin=proeftuin,
        totals=Totals(
            jobs_realised=running,
            candidates=sum(u.candidates for u in updates),
            internships=sum(u.internships for u in updates),
        ),
        target=proeftuin.jobs_target,
        latest=latest,
        open_obstacles=_open_obstacles(latest),
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
    return list(
        db.query(
            """
            SELECT
                u.id, u.proeftuin_id, p.name AS proeftuin, u.created_at,
                u.author_name, u.role, u.jobs_realised, u.candidates, u.internships,
                u.step, u.obstacles, u.next_step, u.raw_text,
                CASE
                    WHEN u.withdrawn_at IS NOT NULL THEN 'withdrawn'
                    WHEN u.corrected_at IS NOT NULL THEN 'corrected'
                    ELSE 'active'
                END AS status,
                u.corrected_at, u.withdrawn_at
            FROM updates u JOIN proeftuinen p ON p.id = u.proeftuin_id
            ORDER BY u.created_at, u.id
            """
        )
    )


def _open_obstacles(latest: tuple[ProgressUpdate, ...]) -> tuple[str, ...]:
    # Obstacles from older reports are assumed dealt with; repeats are shown once
    seen: list[str] = []
    for update in latest:
        if update.obstacles and update.obstacles not in seen:
            seen.append(update.obstacles)
    return tuple(seen[:OBSTACLE_COUNT])
