"""Edited messages (issue 9, item 9): an edit of a saved update corrects it, never adds one;
an edited command is not run again."""

from storage.progress import totals
from tests.bot.conftest import ANNA, COORDINATOR


def _edited(world, original: dict, text: str) -> dict:
    message = dict(original["message"], text=text, edit_date=original["message"]["date"] + 5)
    return {"update_id": next(world.factory.next_update_id), "edited_message": message}


async def test_an_edit_of_a_saved_update_corrects_it(world):
    original = world.factory.message(ANNA, "2 banen gerealiseerd")
    await world.feed(original)
    await world.press(ANNA, world.button(ANNA.id, "Opslaan"))
    saved = list(world.db["updates"].rows)
    assert len(saved) == 1 and saved[0]["jobs_realised"] == 2

    before = len(world.api.calls)
    await world.feed(_edited(world, original, "3 banen gerealiseerd"))
    texts = [c.text for c in world.api.calls[before:] if c.text]
    assert any("gecorrigeerd" in t for t in texts)
    await world.press(ANNA, world.button(ANNA.id, "Opslaan"))
    rows = list(world.db["updates"].rows)
    assert len(rows) == 1 and rows[0]["jobs_realised"] == 3  # 3, not 2 + 3
    assert totals(world.db, rows[0]["proeftuin_id"]).jobs_realised == 3


async def test_an_edit_of_another_message_is_not_read_again(world):
    original = world.factory.message(ANNA, "Wat is de PSO?")
    await world.feed(original)
    before = len(world.api.calls)
    await world.feed(_edited(world, original, "Wat is de PSO precies?"))
    assert world.api.calls[before:] == []


async def test_an_edited_command_is_not_run_again(world):
    original = world.factory.message(COORDINATOR, "/export")
    await world.feed(original)
    assert len(world.api.sent("sendDocument")) == 2  # CSV and XLSX
    before = len(world.api.calls)
    await world.feed(_edited(world, original, "/export "))
    assert world.api.calls[before:] == []
