"""What a coordinator sees of the knowledge base: pure text from plain values."""

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from bot.output.knowledge_views import origin_text, preview_text, sources_text
from knowledge.loaders import UnreadableFile
from knowledge.uploads import safe_file_name, source_kind

TZ = "Europe/Amsterdam"


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("verslag.pdf", "verslag.pdf"),
        ("Verslag Zwolle.DOCX", "Verslag Zwolle.docx"),
        ("../../etc/passwd.md", "passwd.md"),
        ("C:\\Users\\carla\\Bureaublad\\nota.txt", "nota.txt"),
        ("we<ird>|name?.html", "we_ird_name_.html"),
        ("...verborgen.md", "verborgen.md"),
        ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),
    ],
)
def test_a_senders_file_name_can_only_name_one_file_in_one_folder(name, safe):
    assert safe_file_name(name) == safe


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("foto.png", "wrong_type"),
        ("geen-punt", "wrong_type"),
        ("tabel.xlsx", "wrong_type"),
        (".env", "wrong_type"),
        ("wachtwoorden.txt", "secret"),
        ("api-token.md", "secret"),
    ],
)
def test_names_that_are_refused_say_why(name, code):
    with pytest.raises(UnreadableFile) as refused:
        safe_file_name(name)
    assert refused.value.code == code


def test_the_opening_lines_lose_markdown_emphasis():
    from knowledge.loaders import LoadedDocument
    from knowledge.types import Chunk
    from knowledge.uploads import preview_document

    text = "*Versie 2.1, maart 2024.* Zie **hoofdstuk 3** en bestand_naam.pdf."
    document = LoadedDocument("vonkje:bron/h.md", "H", text, "x")
    chunk = Chunk("c", document.source, "x", 0, "H", "", text)
    opening = preview_document(document, [chunk], {}).opening
    assert opening == "Versie 2.1, maart 2024. Zie hoofdstuk 3 en bestand_naam.pdf."


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("vonkje:kennisbank/sroi.md", "builtin"),
        ("vonkje:antwoord/12", "answer"),
        ("vonkje:bron/verslag.pdf", "upload"),
        ("/srv/docs/verslag.pdf", "file"),
    ],
)
def test_source_kinds(source, kind):
    assert source_kind(source) == kind


@dataclass
class Record:
    source: str
    title: str
    chunks: int
    indexed_at: str = "2026-11-02T10:00:00+00:00"


@dataclass
class Change:
    via: str
    person_name: str | None
    at: datetime = datetime(2026, 12, 1, 13, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("change", "language", "text"),
    [
        (Change("telegram", "Carla"), "nl", "toegevoegd door Carla op 1 dec 2026"),
        (Change("telegram", None), "nl", "toegevoegd door anoniem op 1 dec 2026"),
        (Change("cli", "root"), "nl", "ingelezen met vonkje ingest op 1 dec 2026"),
        (None, "nl", "ingelezen op 2 nov 2026"),
        (Change("telegram", "Carla"), "en", "added by Carla on 1 Dec 2026"),
    ],
)
def test_origin_says_who_and_when(change, language, text):
    assert origin_text(Record("s", "T", 1), change, language, TZ) == text


def test_sources_lists_added_then_builtin_and_counts_answers():
    records = [
        Record("vonkje:kennisbank/sroi.md", "Social return", 12),
        Record("vonkje:bron/zwolle.pdf", "Verslag <Zwolle>", 4),
        Record("vonkje:antwoord/3", "Antwoord van de coördinator", 1),
    ]
    origins = {"vonkje:bron/zwolle.pdf": Change("telegram", "Carla")}
    text = sources_text(records, origins, source_kind, 1, "nl", TZ)
    assert "(2)" in text  # two documents; the answer is counted apart
    assert text.index("Verslag &lt;Zwolle&gt;") < text.index("Ingebouwd") < text.index("Social")
    assert "toegevoegd door Carla" in text and "1 antwoord(en)" in text
    empty = sources_text(records[:1], {}, source_kind, 0, "en", TZ)
    assert "None yet" in empty and "/answers" not in empty


@dataclass
class Preview:
    title: str = "Verslag"
    name: str = "verslag.pdf"
    sections: tuple = ("Doel", "Resultaten")
    section_count: int = 2
    passages: int = 5
    opening: str = "Dit is het verslag …"
    replaces: Record | None = None


def test_a_preview_names_sections_and_what_it_replaces():
    text = preview_text(Preview(), None, "nl", TZ)
    assert "• Doel\n• Resultaten" in text and "5 passages in 2" in text and "vervangt" not in text
    more = Preview(sections=("A",) * 8, section_count=11)
    assert "\n…" in preview_text(more, None, "nl", TZ)
    replacing = Preview(replaces=Record("vonkje:bron/verslag.pdf", "Verslag", 3))
    text = preview_text(replacing, Change("telegram", "Bea"), "en", TZ)
    assert "replaces the version Bea added on 1 Dec 2026 (3 passages)" in text
