"""Coordinators keep the knowledge base up from Telegram: a document message with a file_id,
getFile and the download served by the local Bot API stand-in, the real Application, Chroma
and SQLite."""

from __future__ import annotations

import io

import pytest

from bot.tg.update_factory import Sender
from knowledge.uploads import UPLOAD_PREFIX
from storage import knowledge_log, questions
from tests.bot.conftest import ANNA, COORDINATOR, EVA

FACT = (
    "# Proeftuin Zeeslag\n\n## Codenaam\n\nDe codenaam van proeftuin Zeeslag is KWARTELKONING. "
    "Die naam kozen de deelnemers zelf bij de start in maart.\n\n"
    "## Planning\n\nDe eerste medewerkers beginnen in mei bij de schoonmaak van het "
    "rijkskantoor.\n"
)


def text_pdf(lines: list[str]) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    for n, line in enumerate(lines):
        page.drawString(72, 760 - 18 * n, line)
    page.save()
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    """A page with only a picture on it, as a scanner makes: no text layer."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    png = io.BytesIO()
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure = plt.figure(figsize=(2, 1))
    figure.text(0.1, 0.5, "gescande tekst")
    figure.savefig(png, format="png")
    plt.close(figure)
    png.seek(0)
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawImage(ImageReader(png), 72, 600, width=300, height=150)
    page.save()
    return buffer.getvalue()


def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Verslag bijeenkomst Zwolle", level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


async def send_file(kit, sender, content: bytes, name: str | None, *, size=None, **kwargs):
    file_id = kit.api.add_file(content, size=size)
    data = kit.factory.document(
        sender, file_id, name, size=len(content) if size is None else size, **kwargs
    )
    before = len(kit.api.calls)
    await kit.feed(data)
    return kit.api.calls[before:]


def indexed(kit) -> dict:
    return {r.source: r for r in kit.kb.sources()}


async def test_a_coordinators_document_is_previewed_added_and_answers_at_once(kit):
    calls = await send_file(kit, COORDINATOR, FACT.encode(), "zeeslag.md")
    preview = calls[-1].text
    assert "Proeftuin Zeeslag" in preview and "zeeslag.md" in preview
    assert "Codenaam" in preview and "Planning" in preview  # the sections
    assert "passages" in preview and "De codenaam van proeftuin Zeeslag" in preview
    assert UPLOAD_PREFIX + "zeeslag.md" not in indexed(kit)  # nothing indexed before the choice
    assert [label for label, _ in calls[-1].buttons] == ["✅ Toevoegen", "Annuleren"]

    calls = await kit.press(COORDINATOR, kit.button(COORDINATOR.id, "Toevoegen"))
    assert "is toegevoegd" in calls[-1].text
    assert indexed(kit)[UPLOAD_PREFIX + "zeeslag.md"].chunks >= 1
    assert (kit.settings.data_dir / "bronnen" / "zeeslag.md").read_text() == FACT

    calls = await kit.send(ANNA, "Wat is de codenaam van proeftuin Zeeslag?")
    answer = [c for c in calls if c.method == "sendMessage"][-1].text
    assert "KWARTELKONING" in answer and "Proeftuin Zeeslag" in answer

    (change,) = knowledge_log.changes(kit.db)
    assert (change.action, change.person_id, change.via) == ("added", COORDINATOR.id, "telegram")


async def test_a_changed_file_of_the_same_name_replaces_the_old_after_the_same_question(kit):
    await send_file(kit, COORDINATOR, FACT.encode(), "zeeslag.md")
    await kit.press(COORDINATOR, kit.button(COORDINATOR.id, "Toevoegen"))

    same = await send_file(kit, COORDINATOR, FACT.encode(), "zeeslag.md")
    assert "staat al precies zo" in same[-1].text and not same[-1].buttons

    changed = FACT.replace("KWARTELKONING", "ZILVERREIGER")
    calls = await send_file(kit, COORDINATOR, changed.encode(), "zeeslag.md")
    assert "vervangt de versie die Carla Coördinator" in calls[-1].text
    assert [label for label, _ in calls[-1].buttons][0] == "✅ Vervangen"
    calls = await kit.press(COORDINATOR, kit.button(COORDINATOR.id, "Vervangen"))
    assert "is vervangen door de nieuwe versie" in calls[-1].text

    calls = await kit.send(ANNA, "Wat is de codenaam van proeftuin Zeeslag?")
    answer = [c for c in calls if c.method == "sendMessage"][-1].text
    assert "ZILVERREIGER" in answer and "KWARTELKONING" not in answer
    assert [c.action for c in knowledge_log.changes(kit.db)] == ["replaced", "added"]


async def test_cancel_changes_nothing_and_the_old_button_then_says_so(kit):
    before = indexed(kit)
    await send_file(kit, COORDINATOR, FACT.encode(), "zeeslag.md")
    add = kit.button(COORDINATOR.id, "Toevoegen")
    calls = await kit.press(COORDINATOR, kit.button(COORDINATOR.id, "Annuleren"))
    assert "niet toegevoegd" in calls[-1].text
    calls = await kit.press(COORDINATOR, add)  # the other button of the same preview
    assert "Toegevoegd" not in calls[-1].text
    assert indexed(kit).keys() == before.keys()
    assert knowledge_log.changes(kit.db) == []
    assert not list((kit.settings.data_dir / "bronnen" / ".wachtrij").rglob("*.md"))
    assert not list((kit.settings.data_dir / "bronnen" / ".wachtrij").iterdir())


async def test_a_file_a_reader_chokes_on_is_called_damaged_and_changes_nothing(kit, monkeypatch):
    def choke(*args, **kwargs):
        raise KeyError("/Root")  # as pypdf may, on a damaged cross-reference table

    monkeypatch.setattr(kit.kb, "preview_file", choke)
    calls = await send_file(kit, COORDINATOR, b"%PDF-1.7 ...", "raar.pdf")
    assert "beschadigd" in calls[-1].text and "Er is niets veranderd" in calls[-1].text
    assert not [p for p in (kit.settings.data_dir / "bronnen").rglob("*") if p.is_file()]


async def test_a_preview_whose_file_was_cleared_says_send_it_again(kit):
    import shutil

    await send_file(kit, COORDINATOR, FACT.encode(), "zeeslag.md")
    shutil.rmtree(kit.settings.data_dir / "bronnen" / ".wachtrij")
    calls = await kit.press(COORDINATOR, kit.button(COORDINATOR.id, "Toevoegen"))
    assert "wacht niet meer" in calls[-1].text
    assert UPLOAD_PREFIX + "zeeslag.md" not in indexed(kit)


async def test_the_preview_survives_a_restart(kit):
    await send_file(kit, COORDINATOR, FACT.encode(), "zeeslag.md")
    add = kit.button(COORDINATOR.id, "Toevoegen")
    await kit.restart()
    calls = await kit.press(COORDINATOR, add)
    assert "is toegevoegd" in calls[-1].text
    assert UPLOAD_PREFIX + "zeeslag.md" in indexed(kit)


@pytest.mark.parametrize(
    ("name", "content", "title"),
    [
        ("notulen.txt", "Notulen regiegroep\n\nDe regiegroep kwam op 3 maart bijeen.", "notulen"),
        (
            "verslag.html",
            "<html><head><title>Verslag Deventer</title></head><body><h2>Resultaten</h2>"
            "<p>In Deventer startten 5 mensen.</p></body></html>",
            "Verslag Deventer",
        ),
    ],
)
async def test_text_and_html_files(kit, name, content, title):
    calls = await send_file(kit, COORDINATOR, content.encode(), name)
    assert title in calls[-1].text and calls[-1].buttons
    await kit.press(COORDINATOR, kit.button(COORDINATOR.id, "Toevoegen"))
    assert UPLOAD_PREFIX + name in indexed(kit)


async def test_pdf_and_docx_files_and_a_forwarded_one(kit):
    pdf = text_pdf(["Verslag Doesburg", "In Doesburg werken nu 4 mensen via de proeftuin."])
    calls = await send_file(kit, COORDINATOR, pdf, "verslag-doesburg.pdf")
    assert "In Doesburg werken nu 4 mensen" in calls[-1].text
    word = docx_bytes(["Bij de catering in Zwolle begonnen 3 mensen met een leerwerkplek."])
    calls = await send_file(
        kit, COORDINATOR, word, "Verslag Zwolle.docx", forwarded_from="Marieke van BZK"
    )
    assert "Verslag bijeenkomst Zwolle" in calls[-1].text and calls[-1].buttons
    await kit.press(COORDINATOR, kit.button(COORDINATOR.id, "Toevoegen"))
    assert UPLOAD_PREFIX + "Verslag Zwolle.docx" in indexed(kit)


@pytest.mark.parametrize(
    ("content", "name", "size", "says"),
    [
        (b"x", "groot.pdf", 25 * 1024 * 1024, "tot 20 MB"),  # Telegram's download limit
        (b"%PDF-1.4 kapot \x00\x01\x02", "kapot.pdf", None, "beschadigd"),
        ("scan", "scan.pdf", None, "lijkt een scan"),
        (b"PK\x03\x04 niet echt", "rapport.docx", None, "beschadigd"),
        (b"\x89PNG\r\n\x1a\n....", "foto.png", None, "ik lees PDF, Word"),
        (b"col1;col2\n1;2\n", "cijfers.xlsx", None, "ik lees PDF, Word"),
        (b"   \n", "leeg.txt", None, "is leeg"),
        (b"PASSWORD=hunter2", "wachtwoorden.txt", None, "wachtwoorden of sleutels"),
    ],
)
async def test_files_that_cannot_be_added_get_a_clear_reply_and_change_nothing(
    kit, content, name, size, says
):
    content = scanned_pdf() if content == "scan" else content
    before = indexed(kit)
    calls = await send_file(kit, COORDINATOR, content, name, size=size)
    assert says in calls[-1].text and "Er is niets veranderd" in calls[-1].text
    assert not calls[-1].buttons
    assert indexed(kit).keys() == before.keys()
    assert not [p for p in (kit.settings.data_dir / "bronnen").rglob("*") if p.is_file()]


async def test_a_file_without_a_name_is_named_by_its_type(kit):
    calls = await send_file(kit, COORDINATOR, FACT.encode(), None, mime_type="text/markdown")
    assert "document.md" in calls[-1].text and calls[-1].buttons


async def test_the_oversize_refusal_is_said_before_anything_is_downloaded(kit):
    calls = await send_file(kit, COORDINATOR, b"x", "groot.pdf", size=25 * 1024 * 1024)
    assert {c.method for c in calls} == {"sendMessage"}
    assert "25 MB" in calls[-1].text


async def test_a_participants_file_gets_the_friendly_reply_and_is_never_fetched(world):
    calls = await send_file(world, ANNA, FACT.encode(), "zeeslag.md")
    assert {c.method for c in calls} == {"sendMessage"}
    assert "alleen tekstberichten" in calls[-1].text
    assert UPLOAD_PREFIX + "zeeslag.md" not in indexed(world)
    calls = await world.send(ANNA, "/bronnen")
    assert "coördinator" in calls[-1].text


async def test_bronnen_lists_who_added_what_and_removes_after_confirmation(kit):
    await send_file(kit, COORDINATOR, FACT.encode(), "zeeslag.md")
    await kit.press(COORDINATOR, kit.button(COORDINATOR.id, "Toevoegen"))
    calls = await kit.send(COORDINATOR, "/bronnen")
    listing = "\n".join(c.text for c in calls)
    assert "Proeftuin Zeeslag" in listing and "toegevoegd door Carla Coördinator op" in listing
    assert "Ingebouwd" in listing and "Social return" in listing
    labels = [label for label, _ in calls[-1].buttons]
    assert labels == ["🗑 Proeftuin Zeeslag"]  # built-in documents have no remove button

    calls = await kit.press(COORDINATOR, kit.button(COORDINATOR.id, "Zeeslag"))
    assert "verwijderen?" in calls[-1].text
    calls = await kit.press(COORDINATOR, kit.button(COORDINATOR.id, "Laten staan"))
    assert "blijft staan" in calls[-1].text and UPLOAD_PREFIX + "zeeslag.md" in indexed(kit)

    await kit.send(COORDINATOR, "/bronnen")
    await kit.press(COORDINATOR, kit.button(COORDINATOR.id, "Zeeslag"))
    calls = await kit.press(COORDINATOR, kit.button(COORDINATOR.id, "Verwijderen"))
    assert "is uit de kennisbank verwijderd" in calls[-1].text
    assert UPLOAD_PREFIX + "zeeslag.md" not in indexed(kit)
    assert not (kit.settings.data_dir / "bronnen" / "zeeslag.md").exists()
    assert [c.action for c in knowledge_log.changes(kit.db)] == ["removed", "added"]
    calls = await kit.send(ANNA, "Wat is de codenaam van proeftuin Zeeslag?")
    assert "KWARTELKONING" not in calls[-1].text


async def test_sources_in_english(kit):
    calls = await send_file(kit, EVA, FACT.encode(), "zeeslag.md")  # not a coordinator
    assert "only read text" in calls[-1].text
    english = Sender(COORDINATOR.id, "Carla", "Coördinator", language_code="en")
    calls = await send_file(kit, english, b"%PDF-1.4 broken", "broken.pdf")
    assert "I can't add" in calls[-1].text and "Nothing was changed" in calls[-1].text
    calls = await kit.send(english, "/sources")
    assert "Documents in the knowledge base" in calls[-1].text and "Built in" in calls[-1].text


async def curated(kit, question="Hoeveel kost een jobcoach per uur in de proeftuin?"):
    """A question nobody could answer, answered by the coordinator through /onbeantwoord."""
    question_id = questions.log_question(
        kit.db,
        asker_id=ANNA.id,
        chat_id=ANNA.id,
        proeftuin_id=None,
        question=question,
        answered=False,
        answer=None,
        sources=[],
    )
    await kit.send(COORDINATOR, "/onbeantwoord")
    await kit.press(COORDINATOR, f"cq:{question_id}")
    await kit.send(COORDINATOR, "In de proeftuin betaalt de opdrachtnemer de jobcoach zelf.")
    await kit.send(COORDINATOR, "ok")
    return question_id


async def test_antwoorden_lists_edits_and_removes_curated_answers(kit):
    question_id = await curated(kit)
    calls = await kit.send(COORDINATOR, "/antwoorden")
    assert "betaalt de opdrachtnemer de jobcoach zelf" in calls[-1].text
    assert [label for label, _ in calls[-1].buttons] == [f"✏️ #{question_id}", f"🗑 #{question_id}"]

    await kit.press(COORDINATOR, f"aw:ed:{question_id}")
    calls = await kit.send(COORDINATOR, "De gemeente betaalt de jobcoach, via de Participatiewet.")
    assert "is bijgewerkt" in calls[-1].text
    calls = await kit.send(ANNA, "Wie betaalt de jobcoach in de proeftuin?")
    answer = [c for c in calls if c.method == "sendMessage"][-1].text
    assert "De gemeente betaalt de jobcoach" in answer and "opdrachtnemer" not in answer

    await kit.press(COORDINATOR, f"aw:rm:{question_id}")
    calls = await kit.press(COORDINATOR, f"aw:yes:{question_id}")
    assert "is uit de kennisbank verwijderd" in calls[-1].text
    assert kit.kb.curated_source(question_id) not in indexed(kit)
    calls = await kit.send(COORDINATOR, "/antwoorden")
    assert "nog geen antwoorden" in calls[-1].text
    calls = await kit.send(COORDINATOR, "/onbeantwoord")  # decided on: not back on the list
    assert f"#{question_id}" not in calls[-1].text
    actions = [c.action for c in knowledge_log.changes(kit.db)]
    assert actions == ["answer_removed", "answer_edited", "answer_added"]
    calls = await kit.press(COORDINATOR, f"aw:yes:{question_id}")  # a second press
    assert f"#{question_id}" in calls[-1].text and "niet (meer)" in calls[-1].text


async def test_participants_cannot_touch_curated_answers(world):
    question_id = await curated(world)
    calls = await world.send(ANNA, "/antwoorden")
    assert "coördinator" in calls[-1].text
    await world.press(ANNA, f"aw:rm:{question_id}")
    await world.press(ANNA, f"aw:yes:{question_id}")
    assert world.kb.curated_source(question_id) in indexed(world)
