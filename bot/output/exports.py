"""All updates as CSV and XLSX bytes, for coordinators and the civil servants they report to.

Dutch column headers; times in the local zone without microseconds (real dates in XLSX); a
status per update (geldig, gecorrigeerd, ingetrokken). The workbook has an overview sheet,
all updates, one sheet per proeftuin, and the knelpunten. Pure: rows in, bytes out.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

COLUMNS = (  # (key in the export rows, header)
    ("id", "nr"),
    ("proeftuin", "proeftuin"),
    ("created_at", "datum"),
    ("author_name", "door"),
    ("role", "rol"),
    ("jobs_realised", "gestart"),
    ("jobs_ended", "uitval"),
    ("internships", "stages en leerwerkplekken"),
    ("candidates", "kandidaten in beeld"),
    ("hours", "uren per week"),
    ("step", "stap"),
    ("obstacles", "knelpunt"),
    ("activity", "activiteit"),
    ("lesson", "geleerd"),
    ("next_step", "volgende stap"),
    ("status", "status"),
    ("raw_text", "bericht"),
)
STATUS = {"active": "geldig", "corrected": "gecorrigeerd", "withdrawn": "ingetrokken"}
OVERVIEW_COLUMNS = (
    "proeftuin",
    "doel",
    "banen netto",
    "gestart",
    "uitval",
    "stages en leerwerkplekken",
    "kandidaten in beeld",
    "open knelpunten",
    "laatste update",
)
KNELPUNT_COLUMNS = ("proeftuin", "knelpunt", "sinds", "opgelost op")
DATE_FORMAT = "dd-mm-yyyy hh:mm"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """Text that a spreadsheet would run as a formula ("=HYPERLINK(...)", "=cmd|...", "@SUM")
    gets a leading apostrophe, the OWASP advice for CSV and XLSX alike; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def local_time(value: str | datetime | None, tz: str) -> datetime | None:
    """A stored moment as local wall time without seconds' fractions (naive, for Excel)."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.astimezone(ZoneInfo(tz)).replace(tzinfo=None, microsecond=0)


def _cells(row: dict, tz: str) -> list:
    cells = []
    for key, _ in COLUMNS:
        value = row.get(key)
        if key == "created_at":
            value = local_time(value, tz)
        elif key == "status":
            value = STATUS.get(value, value)
        cells.append(neutralised(value))
    return cells


def to_csv(rows: Sequence[dict], *, tz: str = "Europe/Amsterdam") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")  # Dutch Excel opens ';'-separated files directly
    writer.writerow(header for _, header in COLUMNS)
    for row in rows:
        cells = _cells(row, tz)
        writer.writerow(f"{c:%Y-%m-%d %H:%M}" if isinstance(c, datetime) else c for c in cells)
    return buffer.getvalue().encode("utf-8-sig")


def sheet_title(name: str, taken: set[str]) -> str:
    """A proeftuin's name as an Excel sheet title: at most 31 characters, none of []:*?/\\,
    unique in the workbook."""
    title = _SHEET_FORBIDDEN.sub(" ", name).strip()[:31] or "proeftuin"
    base, number = title, 2
    while title.casefold() in taken:
        suffix = f" ({number})"
        title, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(title.casefold())
    return title


def to_xlsx(
    rows: Sequence[dict],
    *,
    tz: str = "Europe/Amsterdam",
    overview: Sequence[Sequence] = (),
    knelpunten: Sequence[Sequence] = (),
) -> bytes:
    """`overview`: one row per proeftuin in OVERVIEW_COLUMNS order; `knelpunten`: rows in
    KNELPUNT_COLUMNS order (moments as datetimes)."""
    from openpyxl import Workbook

    workbook = Workbook()
    summary = workbook.active
    summary.title = "Overzicht"
    _fill(summary, OVERVIEW_COLUMNS, [[neutralised(v) for v in r] for r in overview], tz)
    _fill(workbook.create_sheet("Alle updates"), _headers(), [_cells(r, tz) for r in rows], tz)
    taken = {"overzicht", "alle updates", "knelpunten"}
    for name in dict.fromkeys(row["proeftuin"] for row in rows):
        own = [_cells(r, tz) for r in rows if r["proeftuin"] == name]
        _fill(workbook.create_sheet(sheet_title(name, taken)), _headers(), own, tz)
    cells = [[neutralised(v) for v in r] for r in knelpunten]
    _fill(workbook.create_sheet("Knelpunten"), KNELPUNT_COLUMNS, cells, tz)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def overview_rows(progress_rows: Sequence) -> list[list]:
    """The overview sheet: one row per proeftuin from storage's Progress."""
    return [
        [
            p.proeftuin.name,
            p.target,
            p.totals.net_jobs,
            p.totals.jobs_realised,
            p.totals.jobs_ended,
            p.totals.internships,
            p.totals.candidates,
            len(p.open_knelpunten),
            p.last_update_at,
        ]
        for p in progress_rows
    ]


def knelpunt_rows(rows: Sequence[dict]) -> list[list]:
    def moment(value):
        return datetime.fromisoformat(value) if value else None

    return [
        [r["proeftuin"], r["text"], moment(r["opened_at"]), moment(r["solved_at"])] for r in rows
    ]


def _headers() -> list[str]:
    return [header for _, header in COLUMNS]


def _fill(sheet, headers: Sequence[str], rows: Sequence[Sequence], tz: str) -> None:
    sheet.append(list(headers))
    for row in rows:
        sheet.append(
            [local_time(v, tz) if isinstance(v, datetime) and v.tzinfo else v for v in row]
        )
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if cell.data_type == "f":  # openpyxl reads a leading "=" as a formula: never
                cell.data_type = "s"
            elif isinstance(cell.value, datetime):
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"
