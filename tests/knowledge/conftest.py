"""Small documents in every supported format, made on the fly."""

from __future__ import annotations

import pytest

MARKDOWN = """---
title: Proefdocument schoonmaak
stand_per: 2026-01-01
sources:
  - https://example.org/schoonmaak
---
# Proefdocument schoonmaak

## Rotatiebanen
Bij rotatiebanen wisselen medewerkers tussen vier facilitaire leveranciers. Zo ontstaat een volle
baan uit kleine taken.

## Begeleiding
Een stagebegeleider helpt leerlingen van het praktijkonderwijs op de werkvloer.
"""


def write_pdf(path, lines):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("Proef PDF")
    y = 800
    for line in lines:
        pdf.drawString(72, y, line)
        y -= 20
    pdf.save()


def write_docx(path, heading, body):
    import docx

    document = docx.Document()
    document.add_heading(heading, level=1)
    document.add_heading("Kantine", level=2)
    document.add_paragraph(body)
    document.save(str(path))


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "schoonmaak.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "notitie.txt").write_text(
        "Notitie beveiliging\n\nDe beveiligers van de receptie krijgen een buddy.", encoding="utf-8"
    )
    (folder / "pagina.html").write_text(
        "<html><head><title>Cateringpagina</title><script>var x=1;</script></head><body>"
        "<h1>Catering</h1><h2>Lunchbuffet</h2><p>Het lunchbuffet wordt bemand door twee "
        "leerlingen van de praktijkschool.</p></body></html>",
        encoding="utf-8",
    )
    write_pdf(
        folder / "verslag.pdf",
        ["Verslag van de bijeenkomst in Zwolle.", "De glazenwassers werken met een jobcoach."],
    )
    write_docx(
        folder / "plan.docx",
        "Plan van aanpak",
        "In de kantine werken drie medewerkers met loonkostensubsidie.",
    )
    return folder
