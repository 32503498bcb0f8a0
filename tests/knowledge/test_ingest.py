from pathlib import Path

import pytest

from knowledge.ingest import IngestReport, collect, ingest_files


def _sources(kb):
    return {Path(r.source).name: r for r in kb.sources()}


def test_ingest_every_format_and_answer_from_each(empty_kb, corpus):
    report = empty_kb.ingest([corpus])
    assert sorted(Path(s).name for s in report.added) == [
        "notitie.txt",
        "pagina.html",
        "plan.docx",
        "schoonmaak.md",
        "verslag.pdf",
    ]
    assert report.skipped == []
    titles = {name: r.title for name, r in _sources(empty_kb).items()}
    assert titles["schoonmaak.md"] == "Proefdocument schoonmaak"
    assert titles["pagina.html"] == "Cateringpagina"
    assert titles["plan.docx"] == "Plan van aanpak"
    for question, expected in [
        ("Wie bemant het lunchbuffet?", "lunchbuffet"),
        ("Met wie werken de glazenwassers?", "jobcoach"),
        ("Hoeveel medewerkers met loonkostensubsidie werken in de kantine?", "kantine"),
        ("Wat krijgen de beveiligers van de receptie?", "buddy"),
        ("Hoe werken rotatiebanen bij facilitaire leveranciers?", "rotatiebanen"),
    ]:
        finding = empty_kb.find(question)
        assert expected in finding.passages[0].chunk.text.lower(), question


def test_chunks_carry_title_section_and_stand_per(empty_kb, corpus):
    empty_kb.ingest([corpus / "schoonmaak.md"])
    top = empty_kb.find("stagebegeleider praktijkonderwijs").passages[0].chunk
    assert top.title == "Proefdocument schoonmaak"
    assert top.section == "Begeleiding"
    assert top.stand_per == "2026-01-01"
    assert top.url == "https://example.org/schoonmaak"


def test_reingest_unchanged_adds_nothing_and_changed_replaces(empty_kb, corpus):
    first = empty_kb.ingest([corpus])
    chunk_ids = set(empty_kb.index._chunks.get()["ids"])
    again = empty_kb.ingest([corpus])
    assert again.added == [] and again.updated == [] and len(again.unchanged) == 5
    assert set(empty_kb.index._chunks.get()["ids"]) == chunk_ids
    assert first.chunks > 0 and again.chunks == 0

    note = corpus / "notitie.txt"
    note.write_text("Notitie beveiliging\n\nDe beveiligers krijgen een mentor.", encoding="utf-8")
    changed = empty_kb.ingest([corpus])
    assert [Path(s).name for s in changed.updated] == ["notitie.txt"]
    texts = " ".join(c.text for c in empty_kb.index.all_chunks())
    assert "mentor" in texts and "buddy" not in texts
    assert empty_kb.index.stale_chunks() == 0


def test_removed_file_is_forgotten_on_next_folder_ingest(empty_kb, corpus):
    empty_kb.ingest([corpus])
    (corpus / "pagina.html").unlink()
    report = empty_kb.ingest([corpus])
    assert [Path(s).name for s in report.removed] == ["pagina.html"]
    assert "pagina.html" not in _sources(empty_kb)


def test_forget_removes_document_and_its_passages(empty_kb, corpus):
    empty_kb.ingest([corpus])
    assert empty_kb.forget(str(corpus / "notitie.txt"))
    assert "notitie.txt" not in _sources(empty_kb)
    assert all("buddy" not in c.text for c in empty_kb.index.all_chunks())
    assert not empty_kb.forget("bestaat-niet.md")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("kapot.pdf", b"%PDF-1.4 dit is geen echte pdf", "PDF"),
        ("leeg.md", b"   \n", "leeg"),
        ("binair.txt", b"\x00\x01\x02\x03binary", "binair"),
        ("foto.jpg", b"\xff\xd8\xff\xe0", "onbekend bestandstype"),
        ("kapot.docx", b"PK\x03\x04 geen zip", "Word"),
    ],
)
def test_unreadable_file_is_named_and_skipped_rest_goes_in(empty_kb, corpus, name, content, reason):
    (corpus / name).write_bytes(content)
    report = empty_kb.ingest([corpus])
    assert len(report.added) == 5
    assert [(Path(p).name, reason in why) for p, why in report.skipped] == [(name, True)]


def test_missing_path_is_reported(empty_kb, tmp_path):
    report = empty_kb.ingest([tmp_path / "nergens"])
    assert report.skipped == [(str(tmp_path / "nergens"), "bestaat niet")]


def test_interrupted_ingest_leaves_no_half_document_and_rerun_completes(
    empty_kb, corpus, monkeypatch
):
    from knowledge.chunking import CHUNK_SIZE

    big = corpus / "groot.md"
    big.write_text(
        "# Groot\n\n" + ("Zin over de kantine en de jobcoach. " * 40 + "\n\n") * 12,
        encoding="utf-8",
    )
    assert big.stat().st_size > 4 * CHUNK_SIZE
    empty_kb.index.batch_size = 4
    vectors = empty_kb.index.vectors
    real_add = vectors.add_texts
    calls = {"n": 0}

    def crash_after_first_batch(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt("stroomstoring")
        return real_add(*args, **kwargs)

    monkeypatch.setattr(vectors, "add_texts", crash_after_first_batch)
    files, folders = collect([big], IngestReport())
    with pytest.raises(KeyboardInterrupt):
        ingest_files(empty_kb.index, files, folders)
    monkeypatch.setattr(vectors, "add_texts", real_add)

    # Readers see nothing of the half-written document...
    assert empty_kb.index.view().chunks == []
    assert empty_kb.find("kantine jobcoach").passages == ()
    record = empty_kb.index.documents()[str(big.resolve())]
    assert record.pending
    # ...and running it again completes it, reported as added: it was never there before.
    report = empty_kb.ingest([big])
    assert report.added == [str(big.resolve())] and report.updated == []
    assert empty_kb.find("kantine jobcoach").passages
    assert empty_kb.index.stale_chunks() == 0
    assert not empty_kb.index.documents()[str(big.resolve())].pending


def test_interrupted_rewrite_keeps_old_version_visible(empty_kb, corpus, monkeypatch):
    note = corpus / "notitie.txt"
    empty_kb.ingest([note])
    note.write_text("Notitie beveiliging\n\nDe beveiligers krijgen een mentor.", encoding="utf-8")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(empty_kb.index.vectors, "add_texts", crash)
    with pytest.raises(KeyboardInterrupt):
        empty_kb.ingest([note])
    monkeypatch.undo()
    assert "buddy" in empty_kb.find("beveiligers").passages[0].chunk.text
    empty_kb.ingest([note])
    assert "mentor" in empty_kb.find("beveiligers").passages[0].chunk.text


def test_a_document_indexed_by_an_older_version_is_indexed_again(empty_kb, corpus):
    """An upgraded data folder gets the new passages and sentence vectors, without duplicates."""
    from dataclasses import replace

    from knowledge.index import INDEX_FORMAT

    note = corpus / "schoonmaak.md"
    empty_kb.ingest([note])
    record = empty_kb.index.documents()[str(note.resolve())]
    empty_kb.index._put_records([replace(record, index_format=1)], bump=True)  # as v1 left it
    report = empty_kb.ingest([note])
    assert report.updated == [str(note.resolve())] and report.unchanged == []
    again = empty_kb.index.documents()[str(note.resolve())]
    assert again.index_format == INDEX_FORMAT
    texts = [c.text for c in empty_kb.index.view().chunks]
    assert len(texts) == len(set(texts)) == again.chunks
    assert empty_kb.ingest([note]).unchanged == [str(note.resolve())]


def test_a_section_cites_its_own_source_and_date(tmp_path):
    """Issue 12: each section may carry its own source and 'stand per' date."""
    from knowledge.chunking import split_document
    from knowledge.loaders import load_file

    path = tmp_path / "lkv.md"
    path.write_text(
        "---\ntitle: LKV\nstand_per: 2025-04-01\nsources:\n  - https://example.org/doc\n"
        "section_sources:\n  Hoe hoog?: https://example.org/hoog\n"
        "  Wat verandert er?:\n    url: https://example.org/nieuw\n    stand_per: '2026-01-13'\n"
        "---\n# LKV\n\n## Wat is het?\n\nEen tegemoetkoming.\n\n## Hoe hoog?\n\n€ 1,01 per uur.\n\n"
        "## Wat verandert er?\n\nZolang de werknemer in dienst is.\n",
        encoding="utf-8",
    )
    by_section = {c.section: (c.url, c.stand_per) for c in split_document(load_file(path))}
    assert by_section["Wat is het?"] == ("https://example.org/doc", "2025-04-01")
    assert by_section["Hoe hoog?"] == ("https://example.org/hoog", "2025-04-01")
    assert by_section["Wat verandert er?"] == ("https://example.org/nieuw", "2026-01-13")


def test_html_doctype_and_comments_are_no_text(tmp_path):
    """A coordinator's saved web page: "<!DOCTYPE html>" once opened its preview as "html"."""
    from knowledge.loaders import load_file

    path = tmp_path / "faq.html"
    path.write_text(
        "<!DOCTYPE html>\n<html lang='nl'><head><title>FAQ</title></head><body>"
        "<!-- menu: verborgen -->\n<h1>Vragen</h1><p>Social return geldt vanaf € 100.000.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    document = load_file(path)
    assert document.text.startswith("# Vragen")
    assert "verborgen" not in document.text and "html" not in document.text.split()[:2]


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("VOLGEND OVERLEG", True),
        ("2. STAND VAN ZAKEN PLAATSINGEN", True),
        ("Het contract", True),
        ("Resultaten tot nu toe (stand 1 maart 2025)", True),
        ("Kosten en wie ze betaalt", True),
        ("1. Opening en mededelingen", False),  # a numbered line in lower case: a list item
        ("Datum: dinsdag 14 oktober 2025", False),  # a labelled line
        ("MH opent om 13:35.", False),
        ("- Opdrachtnemer: Wachtpost", False),
        ("3.1 | Rooster uitwerken | BO | 14-11-2025", False),
        ("Met vriendelijke groet,", False),
        ("De leverancier levert elk kwartaal een registratie aan, per kandidaat", False),
        ("12", False),
    ],
)
def test_a_plain_text_heading_is_short_alone_and_unpunctuated(line, heading):
    from knowledge.loaders import looks_like_heading

    assert looks_like_heading(line) is heading


def test_a_plain_text_report_is_cut_by_its_headings(tmp_path, empty_kb):
    """Notulen in a .txt file: each section's passage carries its heading, so "wanneer is het
    volgende overleg?" finds the section called VOLGEND OVERLEG."""
    from knowledge.loaders import load_file

    path = tmp_path / "notulen.txt"
    path.write_text(
        "Notulen werkgroep Zwolle\n\nDatum: 3 maart 2025\nLocatie: Zwolle\n\n"
        "1. OPENING\nDe voorzitter opent om 10:00.\n\n"
        "Het doel\nTwaalf extra banen in de schoonmaak.\n\n"
        "VOLGEND OVERLEG\nDonderdag 17 april 2025, 10:00 uur, Zwolle.\n",
        encoding="utf-8",
    )
    document = load_file(path)
    assert document.title == "Notulen werkgroep Zwolle"
    assert document.text.startswith("# Notulen werkgroep Zwolle\n")
    headings = [line for line in document.text.splitlines() if line.startswith("## ")]
    assert headings == ["## 1. OPENING", "## Het doel", "## VOLGEND OVERLEG"]
    empty_kb.ingest([path])
    sections = {c.section for c in empty_kb.index.all_chunks() if c.source.endswith("notulen.txt")}
    assert {"1. OPENING", "Het doel", "VOLGEND OVERLEG"} <= sections
