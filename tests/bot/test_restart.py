"""Conversations that take more than one message survive a restart and are shared between
workers: each flow is restarted in the middle, and the old button is pressed on the new
Application."""

from __future__ import annotations

import re

from storage import questions
from storage.conversations import TOKEN_PATTERN
from storage.meetings import upcoming_meetings
from storage.proeftuinen import find_proeftuin
from tests.bot.conftest import ANNA, BOB, COORDINATOR


def _token(data: str) -> str:
    return data.split(":")[-1] if data.count(":") == 1 else data.split(":")[1]


async def test_a_draft_awaiting_opslaan_is_saved_after_a_restart(world):
    await world.send(ANNA, "2 banen gerealiseerd")
    save = world.button(ANNA.id, "Opslaan")
    await world.restart()
    await world.press(ANNA, save)
    assert "Opgeslagen" in world.last_text(ANNA.id)
    assert world.db["updates"].count == 1
    await world.press(ANNA, save)  # the old button again: gone, nothing saved twice
    assert "verlopen of al afgehandeld" in world.last_text(ANNA.id)
    assert world.db["updates"].count == 1


async def test_a_proeftuin_chosen_for_a_draft_survives_a_restart(world):
    await world.send(BOB, "1 stage gestart")
    choice = world.button(BOB.id, "Catering")
    await world.restart()
    await world.press(BOB, choice)
    await world.restart()
    await world.press(BOB, world.button(BOB.id, "Opslaan"))
    saved = world.db["updates"].get(1)
    assert saved["internships"] == 1
    assert saved["proeftuin_id"] == find_proeftuin(world.db, "Catering").id


async def test_plan_step_by_step_goes_on_after_restarts(world):
    await world.send(COORDINATOR, "/plan")
    await world.send(COORDINATOR, "Voorjaarsbijeenkomst")
    await world.restart()
    await world.send(COORDINATOR, "15 april 2027 14:00")
    await world.send(COORDINATOR, "Den Haag")
    await world.restart()
    await world.send(COORDINATOR, "Resultaten delen")
    await world.send(COORDINATOR, "alle")
    yes = world.button(COORDINATOR.id, "Ja")
    await world.restart()
    await world.press(COORDINATOR, yes)
    assert "Gepland" in world.last_text(COORDINATOR.id)
    [meeting] = upcoming_meetings(world.db, now=world.clock())
    assert (meeting.title, meeting.place) == ("Voorjaarsbijeenkomst", "Den Haag")


async def test_new_proeftuin_form_goes_on_after_a_restart(world):
    await world.send(COORDINATOR, "/nieuweproeftuin")
    await world.send(COORDINATOR, "Beveiliging Zwolle")
    await world.restart()
    for answer in ("Belastingdienst Zwolle", "SecureCo", "Zwolle", "4"):
        await world.send(COORDINATOR, answer)
    assert "Beveiliging Zwolle" in world.last_text(COORDINATOR.id)
    assert find_proeftuin(world.db, "Beveiliging Zwolle").jobs_target == 4


async def test_question_or_update_choice_survives_a_restart(world):
    await world.send(ANNA, "intentieverklaring")
    as_update = world.button(ANNA.id, "Voortgang")
    await world.restart()
    calls = await world.press(ANNA, as_update)
    assert "Stap: intentieverklaring" in calls[-1].text


async def test_an_awaited_curated_answer_survives_restarts(world):
    await world.send(ANNA, "Mag onze proeftuin een eigen logo voeren op de bedrijfskleding?")
    calls = await world.send(COORDINATOR, "/onbeantwoord")
    await world.press(COORDINATOR, calls[-1].buttons[0][1])
    await world.restart()
    await world.send(COORDINATOR, "Ja, een eigen logo mag, naast dat van de opdrachtgever.")
    await world.restart()
    calls = await world.send(COORDINATOR, "ok")
    assert any("eigen logo mag" in c.text for c in calls if c.chat_id == ANNA.id)
    assert questions.open_questions(world.db) == []


async def test_a_second_worker_continues_a_flow_and_a_button_acts_once(world):
    await world.send(ANNA, "3 kandidaten in beeld")
    save = world.button(ANNA.id, "Opslaan")
    other = await world.second_worker()
    try:
        await other.press(ANNA, save)
        await world.press(ANNA, save)  # the same button on the first worker: already taken
    finally:
        await other.stop()
    texts = world.api.texts(ANNA.id)
    assert "Opgeslagen" in texts[-2] and "verlopen of al afgehandeld" in texts[-1]
    assert world.db["updates"].count == 1


async def test_draft_tokens_are_random_never_counters(world):
    await world.send(ANNA, "1 baan gerealiseerd")
    first = _token(world.button(ANNA.id, "Opslaan"))
    await world.restart()
    await world.send(ANNA, "1 baan gerealiseerd")
    second = _token(world.button(ANNA.id, "Opslaan"))
    assert first != second
    assert re.fullmatch(TOKEN_PATTERN, first) and re.fullmatch(TOKEN_PATTERN, second)


async def test_cancel_ends_every_flow(world):
    await world.send(ANNA, "2 banen gerealiseerd")
    save = world.button(ANNA.id, "Opslaan")
    await world.send(ANNA, "intentieverklaring")
    as_update = world.button(ANNA.id, "Voortgang")
    await world.send(ANNA, "/update")  # waits for the text of an update
    calls = await world.send(ANNA, "/cancel")
    assert calls[-1].text == "Oké, gestopt. Er is niets opgeslagen."
    await world.press(ANNA, save)
    assert "verlopen of al afgehandeld" in world.last_text(ANNA.id)
    await world.press(ANNA, as_update)
    assert "verlopen of al afgehandeld" in world.last_text(ANNA.id)
    calls = await world.send(ANNA, "/cancel")
    assert calls[-1].text == "Er was niets om te stoppen."
    assert world.db["updates"].count == 0
