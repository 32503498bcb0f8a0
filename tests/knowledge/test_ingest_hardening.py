"""Hostile and careless input to `ingest`: links out of the folder, secrets, hidden paths, broken
files among good ones, and small files that would cost unbounded memory or time."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from knowledge.ingest import looks_like_secrets

GOOD = "# Goed\n\nDe glazenwassers van proeftuin Lindeboom werken met een vaste jobcoach.\n"


def _names(paths):
    return sorted(os.path.basename(p) for p in paths)


def test_a_link_out_of_the_folder_is_not_followed(empty_kb, tmp_path):
    outside = tmp_path / "geheim"
    outside.mkdir()
    (outside / "notities.md").write_text("# Geheim\n\nHet token is 123456:ABCDEF.\n", "utf-8")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "goed.md").write_text(GOOD, "utf-8")
    (folder / "link.md").symlink_to(outside / "notities.md")
    (folder / "map").symlink_to(outside, target_is_directory=True)
    report = empty_kb.ingest([folder])
    assert _names(report.added) == ["goed.md"]
    assert all("buiten de map" in why for _, why in report.skipped)
    assert not any("123456" in c.text for c in empty_kb.index.all_chunks())


def test_a_link_inside_the_folder_is_read_once(empty_kb, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "goed.md").write_text(GOOD, "utf-8")
    (folder / "ook-goed.md").symlink_to(folder / "goed.md")
    assert _names(empty_kb.ingest([folder]).added) == ["goed.md"]


@pytest.mark.parametrize(
    "name, secret",
    [
        (".env", True),
        (".env.production", True),
        ("server.key", True),
        ("cert.pem", True),
        ("id_ed25519", True),
        ("wachtwoorden.txt", True),
        ("api-token.json", True),
        ("verslag.md", False),
        ("handreiking-keuzes.pdf", False),
    ],
)
def test_looks_like_secrets(name, secret):
    assert looks_like_secrets(name) is secret


def test_secret_files_are_never_indexed(empty_kb, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "goed.md").write_text(GOOD, "utf-8")
    (folder / "wachtwoorden.txt").write_text("Het wachtwoord is geheim123.", "utf-8")
    env = tmp_path / ".env"
    env.write_text("TELEGRAM_BOT_TOKEN=123456:ABCDEF\n", "utf-8")
    report = empty_kb.ingest([folder, env])
    assert _names(report.added) == ["goed.md"]
    assert {os.path.basename(p) for p, _ in report.skipped} == {"wachtwoorden.txt", ".env"}


def test_a_folder_below_a_dot_directory_is_read_and_hidden_names_inside_are_skipped(
    empty_kb, tmp_path, monkeypatch
):
    folder = tmp_path / ".werk" / "docs"
    folder.mkdir(parents=True)
    (folder / "goed.md").write_text(GOOD, "utf-8")
    (folder / ".verborgen.md").write_text(GOOD.replace("Goed", "Verborgen"), "utf-8")
    monkeypatch.chdir(tmp_path / ".werk")
    report = empty_kb.ingest(["../.werk/docs"])
    assert _names(report.added) == ["goed.md"]


def test_a_path_that_finds_nothing_removes_nothing(empty_kb, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "goed.md").write_text(GOOD, "utf-8")
    empty_kb.ingest([folder])
    (folder / "goed.md").rename(tmp_path / "weg.md")  # the folder is now empty
    report = empty_kb.ingest([folder, tmp_path / "bestaat-niet"])
    assert report.removed == []
    assert len(empty_kb.sources()) == 1


def _zip_bomb_docx(path, megabytes):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml", "<w:document>" + " " * (megabytes << 20) + "</w:document>"
        )
    path.write_bytes(buffer.getvalue())


ALIAS_BOMB = (
    "---\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
    "---\n# Bom\n\nTekst.\n"
)


def test_broken_and_hostile_files_are_skipped_by_name_and_the_rest_goes_in(empty_kb, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a-goed.md").write_text(GOOD, "utf-8")
    (folder / "kapot.docx").write_bytes(b"PK\x03\x04" + os.urandom(3000))
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(3000))
    (folder / "bom.md").write_text(ALIAS_BOMB, "utf-8")
    _zip_bomb_docx(folder / "bom.docx", 80)
    (folder / "ruis.md").write_bytes(bytes(b % 250 + 1 for b in os.urandom(20_000)))
    (folder / "te-lang.txt").write_text("Een zin over banen. " * 40_000, "utf-8")
    (folder / "z-ook-goed.txt").write_text("Notitie\n\nDe kantine opent om acht uur.", "utf-8")
    report = empty_kb.ingest([folder])
    assert _names(report.added) == ["a-goed.md", "z-ook-goed.txt"]
    reasons = {os.path.basename(p): why for p, why in report.skipped}
    assert set(reasons) == {
        "kapot.docx",
        "kapot.pdf",
        "bom.md",
        "bom.docx",
        "ruis.md",
        "te-lang.txt",
    }
    assert "aliassen" in reasons["bom.md"]
    assert "uitgepakt te groot" in reasons["bom.docx"]
    assert "geen leesbare tekst" in reasons["ruis.md"]
    assert "te veel tekst" in reasons["te-lang.txt"]


def test_deeply_nested_html_is_read_once(empty_kb, tmp_path):
    page = tmp_path / "diep.html"
    page.write_text(
        "<html><body>"
        + "<p>" * 10_000
        + "De receptie werkt met een buddy."
        + "</p>" * 10_000
        + "</body></html>",
        "utf-8",
    )
    report = empty_kb.ingest([page])
    assert len(report.added) == 1
    assert [c.text for c in empty_kb.index.all_chunks()] == ["De receptie werkt met een buddy."]


def test_a_file_name_that_is_not_utf8_does_not_stop_the_batch(empty_kb, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    odd = os.fsdecode(b"caf\xe9.md")
    try:
        (folder / odd).write_text(GOOD, "utf-8")
    except (UnicodeEncodeError, OSError):
        pytest.skip("this file system refuses such names")
    (folder / "goed.txt").write_text("Notitie\n\nDe kantine opent om acht uur.", "utf-8")
    report = empty_kb.ingest([folder])
    assert "goed.txt" in _names(report.added)
    assert len(report.added) + len(report.skipped) == 2
