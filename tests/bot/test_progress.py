"""Progress updates by message: understood, confirmed, saved once; shown back."""

from storage.proeftuinen import find_proeftuin
from storage.progress import progress
from tests.bot.conftest import ANNA, BOB, COORDINATOR, EVA, STRANGER


def _saved(kit, name):
    return progress(kit.db, find_proeftuin(kit.db, name).id)


async def test_update_is_shown_and_saved_only_on_opslaan(world):
    calls = await world.send(ANNA, "twee nieuwe collega's bij de schoonmaak en 3 stageplaatsen")
    draft = calls[-1]
    assert "Gestart in een baan: <b>2</b>" in draft.text
    assert "Stage-/leerwerkplekken gestart: <b>3</b>" in draft.text
    assert [label for label, _ in draft.buttons] == ["✅ Opslaan", "✏️ Wijzigen", "✖️ Annuleren"]
    assert _saved(world, "Schoonmaak").totals.jobs_realised == 0
    calls = await world.press(ANNA, world.button(ANNA.id, "Opslaan"))
    # the draft itself now says what was saved, without buttons; no second message
    assert [c.method for c in calls] == ["answerCallbackQuery", "editMessageText"]
    assert calls[-1].params["message_id"] == world.api.sent("sendMessage")[-1].message_id
    assert "Gestart in een baan: <b>2</b>" in calls[-1].text
    assert "staat nu op 2 van 10 banen" in calls[-1].text
    assert "Klopt dit?" not in calls[-1].text  # decided: the question is gone
    assert "reply_markup" not in calls[-1].params
    saved = _saved(world, "Schoonmaak").latest[0]
    assert (saved.jobs_realised, saved.internships, saved.role) == (2, 3, "opdrachtgever")
    assert saved.raw_text.startswith("twee nieuwe collega's")
    assert saved.author_id == ANNA.id


async def test_a_draft_deleted_before_opslaan_is_saved_and_said_below(world):
    await world.send(ANNA, "3 nieuwe medewerkers aangenomen")
    world.api.deleted_messages.add(world.api.sent("sendMessage")[-1].message_id)
    calls = await world.press(ANNA, world.button(ANNA.id, "Opslaan"))
    assert calls[-1].method == "sendMessage" and "staat nu op 3 van 10" in calls[-1].text
    assert _saved(world, "Schoonmaak").totals.jobs_realised == 3


async def test_annuleren_and_wijzigen(world):
    await world.send(ANNA, "/update 4 kandidaten in beeld")
    await world.press(ANNA, world.button(ANNA.id, "Annuleren"))
    assert "niets opgeslagen" in world.last_text(ANNA.id)
    await world.send(ANNA, "/update 4 kandidaten in beeld")
    await world.press(ANNA, world.button(ANNA.id, "Wijzigen"))
    calls = await world.send(ANNA, "5 kandidaten in beeld en 1 geplaatst")
    assert "Kandidaten in beeld nu: <b>5</b>" in calls[-1].text
    await world.press(ANNA, world.button(ANNA.id, "Opslaan"))
    totals = _saved(world, "Schoonmaak").totals
    assert (totals.candidates, totals.jobs_realised) == (5, 1)


async def test_member_of_two_proeftuinen_is_asked_which(world):
    calls = await world.send(BOB, "We hebben 2 mensen geplaatst in de catering")
    assert calls[-1].text == "Voor welke proeftuin?"
    await world.press(BOB, world.button(BOB.id, "Catering"))
    await world.press(BOB, world.button(BOB.id, "Opslaan"))
    assert _saved(world, "Catering").totals.jobs_realised == 2
    assert _saved(world, "Schoonmaak").totals.jobs_realised == 0


async def test_same_telegram_update_twice_is_stored_once(world):
    data = world.factory.message(ANNA, "3 nieuwe medewerkers aangenomen")
    await world.feed(data)
    first = world.button(ANNA.id, "Opslaan")
    await world.feed(data)  # Telegram redelivers the same update
    second = world.button(ANNA.id, "Opslaan")
    await world.press(ANNA, first)
    calls = await world.press(ANNA, second)
    assert "al opgeslagen" in calls[-1].text
    assert _saved(world, "Schoonmaak").totals.jobs_realised == 3
    await world.press(ANNA, first)  # a double tap on a handled button
    assert _saved(world, "Schoonmaak").totals.jobs_realised == 3


async def test_unsure_message_asks_question_or_update(world):
    calls = await world.send(ANNA, "intentieverklaring")
    assert calls[-1].text == "Is dit een vraag of een voortgangsupdate?"
    calls = await world.press(ANNA, world.button(ANNA.id, "Voortgang"))
    assert "Stap: intentieverklaring" in calls[-1].text


async def test_stranger_cannot_post_or_read(world):
    calls = await world.send(STRANGER, "2 banen gerealiseerd")
    assert "geen lid van een proeftuin" in calls[-1].text
    calls = await world.send(STRANGER, "/voortgang Schoonmaak Utrecht")
    assert "kan ik je niet laten zien" in calls[-1].text
    calls = await world.send(ANNA, "/voortgang Catering Den Haag")
    assert "kan ik je niet laten zien" in calls[-1].text
    assert world.db["updates"].count == 0


async def test_forged_button_for_other_proeftuin_saves_nothing(world):
    await world.send(ANNA, "1 baan gerealiseerd")
    draft = world.button(ANNA.id, "Opslaan").split(":")[1]
    catering = find_proeftuin(world.db, "Catering").id
    await world.press(ANNA, f"dp:{draft}:{catering}")
    assert "geen lid van een proeftuin" in world.last_text(ANNA.id)
    await world.press(ANNA, f"dp:{draft}:999")
    await world.press(ANNA, f"ds:{draft}")
    assert "verlopen of al afgehandeld" in world.last_text(ANNA.id)
    assert world.db["updates"].count == 0


async def test_forged_progress_buttons_reveal_nothing(world):
    catering = find_proeftuin(world.db, "Catering").id
    calls = await world.press(ANNA, f"pv:{catering}")
    assert "kan ik je niet laten zien" in calls[-1].text and "Catering" not in calls[-1].text
    assert not any(c.method == "sendPhoto" for c in calls)
    calls = await world.press(ANNA, "pv:999")
    assert "er ging iets mis" not in calls[-1].text and "999" in calls[-1].text


async def test_bad_input_gets_clear_reply_and_changes_nothing(world):
    await world.send(ANNA, "5 banen")
    await world.press(ANNA, world.button(ANNA.id, "Opslaan"))
    cases = [
        ("/update -2 banen", "kan niet kloppen"),
        ("/update 20000 banen gerealiseerd", "kan niet kloppen"),
        ("x" * 2500, "te lang"),
    ]
    for text, expected in cases:
        calls = await world.send(ANNA, text)
        assert expected in calls[-1].text, text
    for extra in [
        {
            "sticker": {
                "file_id": "s",
                "file_unique_id": "s",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
                "type": "regular",
            }
        },
        {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]},
        {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 1}},
    ]:
        calls = await world.send(ANNA, None, extra=extra)
        assert "alleen tekstberichten" in calls[-1].text
    assert _saved(world, "Schoonmaak").totals.jobs_realised == 5
    assert world.db["updates"].count == 1


async def test_herstel_correct_and_withdraw_own_update(world):
    await world.send(ANNA, "2 banen gerealiseerd")
    await world.press(ANNA, world.button(ANNA.id, "Opslaan"))
    update_id = _saved(world, "Schoonmaak").latest[0].id
    calls = await world.send(ANNA, "/herstel")
    assert f"#{update_id}" in calls[-1].text
    await world.press(ANNA, f"hc:{update_id}")
    await world.send(ANNA, "3 banen gerealiseerd")
    calls = await world.press(ANNA, world.button(ANNA.id, "Opslaan"))
    assert f"Update #{update_id} is gecorrigeerd" in calls[-1].text
    assert _saved(world, "Schoonmaak").totals.jobs_realised == 3
    # Bob may not withdraw Anna's update
    await world.press(BOB, f"hw:{update_id}")
    assert "eigen updates" in world.last_text(BOB.id)
    await world.press(ANNA, f"hw:{update_id}")
    assert "intrekken? Hij telt dan niet meer mee" in world.last_text(ANNA.id)  # asked first
    assert _saved(world, "Schoonmaak").totals.jobs_realised == 3
    await world.press(ANNA, f"hy:{update_id}")
    assert "ingetrokken" in world.last_text(ANNA.id)
    assert _saved(world, "Schoonmaak").totals.jobs_realised == 0


async def test_voortgang_shows_totals_obstacles_latest_and_chart(world):
    await world.send(
        ANNA,
        "2 nieuwe collega's bij de schoonmaak. Knelpunt: het vervoer naar de locatie is lastig.",
    )
    await world.press(ANNA, world.button(ANNA.id, "Opslaan"))
    calls = await world.send(ANNA, "/voortgang")
    text = calls[0].text
    assert "Banen: <b>2</b> van 10 (20%)" in text
    assert "Open knelpunten" in text and "vervoer" in text
    assert "Laatste updates" in text and "Anna Opdrachtgever" in text
    photo = calls[-1]
    assert photo.method == "sendPhoto"
    assert photo.files["photo"].startswith(b"\x89PNG")


async def test_english_member_gets_english_texts(world):
    calls = await world.send(EVA, "We hired two new colleagues in the kitchen")
    assert "This is what I understood" in calls[-1].text
    assert [label for label, _ in calls[-1].buttons][0] == "✅ Save"


async def test_overzicht_marks_proeftuinen_without_update_since_last_meeting(world):
    from datetime import timedelta

    from storage.meetings import create_meeting

    create_meeting(
        world.db,
        title="Bijeenkomst maart",
        starts_at=world.clock() + timedelta(hours=1),
        created_by=COORDINATOR.id,
        now=world.clock(),
    )
    world.clock.advance(days=1)
    await world.send(ANNA, "2 banen gerealiseerd")
    await world.press(ANNA, world.button(ANNA.id, "Opslaan"))
    calls = await world.send(COORDINATOR, "/overzicht")
    table = calls[0].text
    lines = {
        line.split()[1] if line.startswith("⚠") else line.split()[0]: line
        for line in table.split("\n")
        if "Utrecht" in line or "Den Haag" in line
    }
    assert not lines["Schoonmaak"].startswith("⚠")
    assert lines["Catering"].startswith("⚠")
    assert "geen update sinds de bijeenkomst van 1 mrt 2027" in table
    assert calls[-1].method == "sendPhoto"


async def test_export_sends_csv_and_xlsx(world):
    await world.send(ANNA, "2 banen gerealiseerd")
    await world.press(ANNA, world.button(ANNA.id, "Opslaan"))
    calls = await world.send(COORDINATOR, "/export")
    documents = [c for c in calls if c.method == "sendDocument"]
    assert len(documents) == 2
    csv_bytes = documents[0].files["document"]
    assert "Schoonmaak Utrecht" in csv_bytes.decode("utf-8-sig")
    assert documents[1].files["document"][:2] == b"PK"  # XLSX is a zip
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(documents[1].files["document"]))
    assert workbook["Alle updates"]["B2"].value == "Schoonmaak Utrecht"
    overview = {row[0].value: row[2].value for row in workbook["Overzicht"].iter_rows(min_row=2)}
    assert overview == {"Schoonmaak Utrecht": 2, "Catering Den Haag": 0}  # net jobs
    assert "Schoonmaak Utrecht" in workbook.sheetnames
