"""What goes out stays safe: export cells are no formulas (issue 9, item 7), split HTML stays
well formed, chart labels are plain text."""

import io

import pytest

from bot.output.exports import neutralised, to_csv, to_xlsx


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x","klik")', '\'=HYPERLINK("http://x","klik")'),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("2 banen", "2 banen"),
        (3, 3),
        (None, None),
    ],
)
def test_neutralised(value, expected):
    assert neutralised(value) == expected


def test_no_live_formula_in_csv_or_xlsx():
    from openpyxl import load_workbook

    row = {
        "id": 1,
        "proeftuin": "=SUM(A1)",
        "author_name": '=HYPERLINK("http://evil")',
        "obstacles": "=cmd|x",
        "jobs_realised": 2,
    }
    assert b"'=HYPERLINK" in to_csv([row]) and b";=cmd" not in to_csv([row])
    sheet = load_workbook(io.BytesIO(to_xlsx([row])))["Alle updates"]
    cells = [c for c in sheet[2]]
    assert all(c.data_type != "f" for c in cells)
    assert any(c.value == '\'=HYPERLINK("http://evil")' for c in cells)
    assert any(c.value == 2 for c in cells)


def test_split_html_stays_well_formed_in_every_piece():
    from bot.output.render import split_message
    from bot.tg.local_api import html_problem

    agenda = "\n".join(f"punt {n}: overleg &amp; <b>besluit</b>" for n in range(500))
    text = f'<b>Agenda</b>\n<i>{agenda}</i>\n<a href="https://x.nl">{"woord " * 900}</a>'
    pieces = split_message(text, 4096)
    assert len(pieces) > 3
    assert all(len(p) <= 4096 and html_problem(p) is None for p in pieces)


def test_a_name_with_dollar_signs_is_drawn_as_plain_text():
    from bot.output.charts import overview_chart

    png = overview_chart([("Proeftuin $x^$ en $$", 2, 5, True), ("Gewoon", 1, 3, False)])
    assert png[:4] == b"\x89PNG"


def test_charts_one_point_per_day_and_names_never_cut_mid_word():
    from datetime import UTC, datetime, timedelta

    from bot.output.charts import per_day, progress_chart, wrapped

    morning = datetime(2027, 12, 1, 8, 0, tzinfo=UTC)
    series = [(morning + timedelta(minutes=n), n) for n in range(8)]  # eight on one day
    series.append((morning + timedelta(days=3), 9))
    assert per_day(series, "Europe/Amsterdam") == [
        (morning.date(), 7),
        ((morning + timedelta(days=3)).date(), 9),
    ]
    late = datetime(2027, 12, 1, 23, 30, tzinfo=UTC)  # already 2 December in Amsterdam
    assert per_day([(late, 1)], "Europe/Amsterdam")[0][0].day == 2
    assert wrapped("Belastingdienst Apeldoorn schoonmaak") == (
        "Belastingdienst\nApeldoorn schoonmaak"
    )
    assert progress_chart("X", series, 10, language="en")[:4] == b"\x89PNG"
