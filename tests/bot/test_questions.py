"""Questions on Telegram: answers with sources, feedback, curated answers, robustness."""

import asyncio
import json
import logging

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from storage import questions
from tests.bot.conftest import ANNA, BOB, COORDINATOR, EVA, STRANGER


async def test_question_answered_with_sources_typing_and_feedback_buttons(world):
    calls = await world.send(ANNA, "Wat is een no-riskpolis?")
    assert calls[0].method == "sendChatAction" and calls[0].params["action"] == "typing"
    answer = calls[-1]
    assert "no-riskpolis" in answer.text.lower()
    assert "<b>Bronnen</b>" in answer.text and "stand per" in answer.text
    assert '<a href="https://' in answer.text
    assert [label for label, _ in answer.buttons] == ["👍", "👎"]
    logged = questions.get_question(world.db, int(answer.buttons[0][1].split(":")[1]))
    assert logged["answered"] and logged["sources"][0]["title"]


async def test_anyone_may_ask_questions(world):
    calls = await world.send(STRANGER, "Hoeveel uur is één baan voor de banenafspraak?")
    assert "25,5" in calls[-1].text


async def test_feedback_counts_only_for_the_asker(world):
    calls = await world.send(ANNA, "Wat is de PSO?")
    thumbs_down = calls[-1].buttons[1][1]
    question_id = int(thumbs_down.split(":")[1])
    await world.press(BOB, thumbs_down)
    assert questions.get_question(world.db, question_id)["feedback"] is None
    calls = await world.press(ANNA, thumbs_down)
    assert "Wat miste er" in calls[-1].text
    assert questions.get_question(world.db, question_id)["feedback"] == -1
    calls = await world.press(ANNA, world.button(ANNA.id, "Overslaan"))
    assert calls[-1].text == "Dank je voor je reactie!"
    calls = await world.send(ANNA, "Wat is de PSO?")  # a question again, not a note
    assert "PSO" in calls[-1].text
    assert questions.get_question(world.db, question_id)["feedback_note"] is None


async def test_thumbs_down_asks_what_was_missing_and_onbeantwoord_shows_it(world):
    calls = await world.send(ANNA, "Wat is de PSO?")
    await world.press(ANNA, calls[-1].buttons[1][1])
    calls = await world.send(ANNA, "Ik wilde weten wat een trede kost.")
    assert calls[-1].text == "Dank je! Een coördinator kijkt ernaar."
    calls = await world.send(COORDINATOR, "/onbeantwoord")
    listing = calls[-1].text
    assert "<b>Wat is de PSO?</b>" in listing
    assert "Anna Opdrachtgever (Schoonmaak Utrecht)" in listing  # who asked, from where
    assert "antwoord: <i>" in listing and "PSO" in listing.split("antwoord:")[1]
    assert "👎 “Ik wilde weten wat een trede kost.”" in listing


async def test_thumbs_up_just_thanks(world):
    calls = await world.send(ANNA, "Wat is de PSO?")
    calls = await world.press(ANNA, calls[-1].buttons[0][1])
    assert calls[-1].text == "Dank je voor je reactie!"


async def test_unknown_question_is_refused_and_curated_by_coordinator(world):
    calls = await world.send(
        ANNA, "Mag onze proeftuin een eigen logo voeren op de bedrijfskleding?"
    )
    assert "Dat kan ik niet vinden in de kennisbank" in calls[-1].text
    calls = await world.send(COORDINATOR, "/onbeantwoord")
    assert "eigen logo" in calls[-1].text
    await world.press(COORDINATOR, calls[-1].buttons[0][1])
    assert "Typ je antwoord" in world.last_text(COORDINATOR.id)
    calls = await world.send(
        COORDINATOR, "Ja, een eigen logo mag, naast het logo van de opdrachtgever."
    )
    assert "persoonlijke gegevens" in calls[-1].text  # the question text is confirmed first
    calls = await world.send(COORDINATOR, "ok")
    to_asker = [c for c in calls if c.chat_id == ANNA.id]
    assert "De coördinator heeft je vraag beantwoord" in to_asker[0].text
    assert "toegevoegd aan de kennisbank" in world.last_text(COORDINATOR.id)
    calls = await world.send(BOB, "Mag een proeftuin een eigen logo gebruiken op kleding?")
    assert "eigen logo mag" in calls[-1].text
    assert "Antwoord van de coördinator" in calls[-1].text
    assert questions.open_questions(world.db) == []


async def test_follow_up_question_uses_previous_question(world):
    await world.send(ANNA, "Wat is de Prestatieladder Socialer Ondernemen?")
    calls = await world.send(ANNA, "en welke treden zijn er?")
    assert "PSO" in calls[-1].text


async def test_english_question_gets_english_framing(world):
    calls = await world.send(EVA, "What is the levy per missing job for government employers?")
    assert calls[-1].text.startswith("From the (Dutch) sources in the knowledge base:")
    assert "Een ontbrekende baan" in calls[-1].text


async def test_slow_answer_does_not_hold_up_other_users(world):
    world.kb.chat_model = FakeListChatModel(responses=["Een baan is 25,5 uur [1]."], sleep=1.5)
    world.kb.llm_timeout = 5
    order = []
    world.api.on_call = lambda call: order.append((call.chat_id, call.method))
    slow = asyncio.create_task(world.send(ANNA, "Hoeveel uur is één baan?"))
    await asyncio.sleep(0.3)
    await world.send(BOB, "/help")
    await slow
    sends = [chat for chat, method in order if method == "sendMessage"]
    assert sends == [BOB.id, ANNA.id]
    assert "25,5 uur [1]" in world.last_text(ANNA.id)


async def test_crash_in_handler_is_reported_logged_without_token_and_bot_goes_on(
    world, monkeypatch, caplog
):
    async def broken(*args, **kwargs):
        raise RuntimeError("index kapot")

    monkeypatch.setattr(world.kb, "aask", broken)
    with caplog.at_level(logging.ERROR):
        calls = await world.send(ANNA, "Wat is de PSO?")
    assert "er ging iets mis" in calls[-1].text
    assert "index kapot" in caplog.text
    assert world.app.bot.token not in caplog.text
    monkeypatch.undo()
    calls = await world.send(ANNA, "Wat is de PSO?")
    assert "Prestatieladder" in calls[-1].text


async def test_long_answer_is_split_under_telegram_limit(world, monkeypatch):
    from knowledge.types import Answer

    async def long_answer(question, previous=None, language=None):
        return Answer(question, True, "Een <lange> zin & meer. " * 400, "nl")

    monkeypatch.setattr(world.kb, "aask", long_answer)
    calls = await world.send(ANNA, "Vertel alles?")
    messages = [c for c in calls if c.method == "sendMessage"]
    assert len(messages) >= 3
    assert all(len(m.text) <= 4096 for m in messages)
    assert "&lt;lange&gt; zin &amp; meer" in messages[0].text
    assert messages[-1].buttons and not messages[0].buttons


async def test_mijngegevens_and_vergeetmij(world):
    await world.send(ANNA, "2 banen gerealiseerd")
    await world.press(ANNA, world.button(ANNA.id, "Opslaan"))
    await world.send(ANNA, "Wat is de PSO?")
    calls = await world.send(ANNA, "/mijngegevens")
    data = json.loads(calls[-1].files["document"])
    assert data["person"]["name"] == "Anna Opdrachtgever"
    assert len(data["updates"]) == 1 and len(data["questions"]) == 1
    cited = data["questions"][0]["sources"]
    assert cited and all("text" not in source and source["title"] for source in cited)
    await world.send(ANNA, "/vergeetmij")
    await world.press(ANNA, "fm:no")
    assert "niets gewist" in world.last_text(ANNA.id)
    await world.send(ANNA, "/vergeetmij")
    await world.press(ANNA, "fm:yes")
    assert "gewist" in world.last_text(ANNA.id)
    assert world.db["people"].count_where("telegram_id = ?", [ANNA.id]) == 0
    rows = list(world.db["updates"].rows)
    assert rows[0]["author_id"] is None and rows[0]["jobs_realised"] == 2
    assert rows[0]["raw_text"] == "" and rows[0]["telegram_message"] is None  # her words go
    calls = await world.send(COORDINATOR, "/voortgang Schoonmaak")
    assert "Banen: <b>2</b> van 10" in calls[0].text
    calls = await world.send(ANNA, "Wat is de PSO?")  # back later: greeted as new, and told
    assert "welkom bij <b>Vonkje</b>" in calls[0].text and "/vergeetmij" in calls[0].text
    assert "PSO" in calls[-1].text


async def test_cancel(world):
    await world.send(ANNA, "/update")
    calls = await world.send(ANNA, "/cancel")
    assert "gestopt" in calls[-1].text
    calls = await world.send(ANNA, "/cancel")
    assert "niets om te stoppen" in calls[-1].text


async def test_small_talk_gets_a_friendly_reply_and_no_buttons(world):
    for text in ("hoi", "bedankt!", "top", "👍", "?", "ok"):
        calls = await world.send(ANNA, text)
        sent = [c for c in calls if c.method == "sendMessage"]
        assert len(sent) == 1, text
        assert not sent[0].buttons, text  # never "vraag of update?", never 👍/👎
        assert "kennisbank" not in sent[0].text, text
    assert (await world.send(ANNA, "hoi"))[-1].text.startswith("Hoi!")
    assert questions.open_questions(world.db) == []  # nothing logged as a question


async def test_small_talk_in_english_for_an_english_user(world):
    calls = await world.send(EVA, "thanks!")
    assert calls[-1].text.startswith("You're welcome")


async def test_a_refusal_names_who_does_answer(world):
    calls = await world.send(ANNA, "Hoe vraag ik een WW-uitkering aan?")
    assert "Dat kan ik niet vinden" in calls[-1].text and "UWV" in calls[-1].text


async def test_a_curated_passage_holds_no_personal_data_and_goes_with_the_asker(world):
    """Issue 9, item 6: the asker's question held a BSN word for word, and a stranger found it
    after the asker was forgotten."""
    await world.send(ANNA, "Mijn BSN is 123456782, mag ik als Anna Jansen een eigen logo voeren?")
    calls = await world.send(COORDINATOR, "/onbeantwoord")
    await world.press(COORDINATOR, calls[-1].buttons[0][1])
    await world.send(COORDINATOR, "Een eigen logo mag, naast dat van de opdrachtgever.")
    await world.send(COORDINATOR, "Mag een proeftuin een eigen logo voeren?")
    passages = [c.text for c in world.kb.index.all_chunks() if "eigen logo" in c.text]
    assert passages and not any("123456782" in p or "Anna" in p for p in passages)
    found = await world.send(BOB, "Mag een proeftuin een eigen logo voeren?")
    assert "eigen logo mag" in found[-1].text
    await world.send(ANNA, "/vergeetmij")
    await world.press(ANNA, "fm:yes")
    assert not [c for c in world.kb.index.all_chunks() if "eigen logo mag" in c.text]


async def test_a_new_person_saying_hoi_gets_one_greeting_not_two(world):
    calls = await world.send(STRANGER, "hoi")
    sent = [c for c in calls if c.method == "sendMessage"]
    assert len(sent) == 1 and "welkom bij <b>Vonkje</b>" in sent[0].text
    calls = await world.send(STRANGER, "hoi")  # known now: the small-talk reply
    assert calls[-1].text.startswith("Hoi!")
