"""All updates as CSV and XLSX bytes, for coordinators."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

COLUMNS = (
    "id",
    "proeftuin",
    "created_at",
    "author_name",
    "role",
    "jobs_realised",
    "candidates",
    "internships",
    "step",
    "obstacles",
    "next_step",
    "status",
    "raw_text",
)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """Text that a spreadsheet would run as a formula ("=HYPERLINK(...)", "=cmd|...", "@SUM")
    gets a leading apostrophe, the OWASP advice for CSV and XLSX alike; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _cells(row: dict) -> list:
    return [neutralised(row.get(column)) for column in COLUMNS]


def to_csv(rows: Sequence[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")  # Dutch Excel opens ';'-separated files directly
    writer.writerow(COLUMNS)
    writer.writerows(_cells(row) for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: Sequence[dict]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "updates"
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(_cells(row))
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if cell.data_type == "f":  # openpyxl reads a leading "=" as a formula: never
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
