"""Both languages in full: the Telegram app's language first, /taal to choose, English command
names, progress and errors in English."""

from __future__ import annotations

from dataclasses import replace

from storage import people
from tests.bot.conftest import ANNA, COORDINATOR, EVA


async def test_english_help_and_menu_use_the_english_command_names(world):
    calls = await world.send(EVA, "/help")
    assert "/progress" in calls[-1].text and "/voortgang" not in calls[-1].text
    await world.app.post_init(world.app)
    menus = {
        c.params.get("language_code"): [item["command"] for item in c.params["commands"]]
        for c in world.api.sent("setMyCommands")
        if "scope" not in c.params
    }
    assert "progress" in menus["en"] and "voortgang" not in menus["en"]
    assert "voortgang" in menus[None] and "taal" in menus[None]


async def test_language_follows_the_telegram_app_until_chosen(world):
    anna_in_english = replace(ANNA, language_code="en")
    calls = await world.send(anna_in_english, "/help")  # she switched her app to English
    assert "What I can do" in calls[-1].text
    assert people.get_person(world.db, ANNA.id).language == "en"  # reminders follow too
    calls = await world.send(anna_in_english, "/taal nl")
    assert "Vonkje praat nu Nederlands met je" in calls[-1].text
    calls = await world.send(anna_in_english, "/help")  # chosen: the app no longer decides
    assert "Wat ik kan" in calls[-1].text


async def test_language_buttons_switch_and_unknown_choice_shows_them(world):
    calls = await world.send(EVA, "/language klingon")
    assert calls[-1].buttons == [("🇳🇱 Nederlands", "lg:nl"), ("🇬🇧 English", "lg:en")]
    calls = await world.press(EVA, "lg:nl")
    assert "Vonkje praat nu Nederlands" in calls[-1].text
    person = people.get_person(world.db, EVA.id)
    assert (person.language, person.language_chosen) == ("nl", True)


async def test_progress_view_and_chart_caption_in_english(world):
    await world.send(EVA, "2 jobs realised")
    await world.press(EVA, world.button(EVA.id, "Save"))
    calls = await world.send(EVA, "/progress Catering Den Haag")
    text = next(c.text for c in calls if c.method == "sendMessage")
    assert "Jobs: <b>2</b> of 5" in text and "Banen" not in text
    assert "(Other)" in text  # Eve's role, in English
    photo = next(c for c in calls if c.method == "sendPhoto")
    assert (
        photo.params["caption"] == "Net jobs (started minus ended) per day, against the target of 5"
    )


async def test_storage_errors_reach_an_english_coordinator_in_english(world):
    await world.send(COORDINATOR, "/taal en")
    calls = await world.send(COORDINATOR, "/invite Nergenshuizen")
    assert calls[-1].text == "No proeftuin found for 'Nergenshuizen'."
    calls = await world.send(COORDINATOR, "/newproeftuin Catering Den Haag; A; B; C; 3")
    assert calls[-1].text == "A proeftuin named 'Catering Den Haag' already exists."
