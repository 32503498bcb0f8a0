"""The export for Dutch civil servants: Dutch headers, local time, real dates, a status per
update, an overview sheet, one sheet per proeftuin and the knelpunten."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from bot.output.exports import sheet_title, to_csv, to_xlsx

ROWS = [
    {
        "id": 1,
        "proeftuin": "Schoonmaak Utrecht",
        "created_at": "2027-03-01T08:05:09.123456+00:00",
        "author_name": "Anna",
        "jobs_realised": 2,
        "status": "active",
        "raw_text": "2 banen",
    },
    {
        "id": 2,
        "proeftuin": "Catering: Den Haag / BZK",
        "created_at": "2027-07-01T08:05:00+00:00",
        "jobs_ended": 1,
        "status": "withdrawn",
        "raw_text": "1 uitgevallen",
    },
    {"id": 3, "proeftuin": "Schoonmaak Utrecht", "status": "corrected", "raw_text": "x"},
]


def test_csv_has_dutch_headers_local_time_and_a_status():
    lines = to_csv(ROWS).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("nr;proeftuin;datum;door;rol;gestart;uitval;")
    assert "status;bericht" in lines[0]
    assert ";2027-03-01 09:05;" in lines[1]  # winter: UTC+1, no seconds, no microseconds
    assert ";2027-07-01 10:05;" in lines[2]  # summer: UTC+2
    assert [line.split(";")[-2] for line in lines[1:]] == ["geldig", "ingetrokken", "gecorrigeerd"]


def test_workbook_sheets_real_dates_and_knelpunten():
    moment = datetime(2027, 3, 2, 9, 0, tzinfo=UTC)
    workbook = load_workbook(
        io.BytesIO(
            to_xlsx(
                ROWS,
                overview=[["Schoonmaak Utrecht", 10, 2, 2, 0, 0, None, 1, moment]],
                knelpunten=[["Schoonmaak Utrecht", "vervoer", moment, None]],
            )
        )
    )
    assert workbook.sheetnames == [
        "Overzicht",
        "Alle updates",
        "Schoonmaak Utrecht",
        "Catering  Den Haag   BZK",
        "Knelpunten",
    ]
    updates = workbook["Alle updates"]
    assert [c.value for c in updates[1]][:3] == ["nr", "proeftuin", "datum"]
    date_cell = updates["C2"]
    assert date_cell.value == datetime(2027, 3, 1, 9, 5, 9) and date_cell.number_format == (
        "dd-mm-yyyy hh:mm"
    )
    assert [c.value for c in workbook["Schoonmaak Utrecht"]["A"]][1:] == [1, 3]
    assert workbook["Overzicht"]["I2"].value == datetime(2027, 3, 2, 10, 0)
    assert [c.value for c in workbook["Knelpunten"][2]][:3] == [
        "Schoonmaak Utrecht",
        "vervoer",
        datetime(2027, 3, 2, 10, 0),
    ]


@pytest.mark.parametrize(
    ("name", "taken", "title"),
    [
        ("Schoonmaak Utrecht", set(), "Schoonmaak Utrecht"),
        (
            "Belastingdienst Apeldoorn schoonmaak en catering",
            set(),
            "Belastingdienst Apeldoorn schoo",
        ),
        ("a/b?", set(), "a b"),
        ("Knelpunten", {"knelpunten"}, "Knelpunten (2)"),
        ("[]", set(), "proeftuin"),
    ],
)
def test_sheet_titles_are_valid_and_unique(name, taken, title):
    assert sheet_title(name, set(taken)) == title
    assert len(title) <= 31
