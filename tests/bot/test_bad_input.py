"""Malformed buttons and arguments never crash a handler (issue 9, item 15)."""

import asyncio

import pytest

from tests.bot.conftest import ANNA, COORDINATOR

BAD_BUTTONS = [  # Telegram's callback_data is 1 to 64 bytes, so never empty
    "fb",
    "fb:",
    "fb::1",
    "fb:abc:1",
    "fb:1:2",
    "fb:1:1:extra",
    "fb:99999999999999999999:1",
    "fb:١٢:1",  # Arabic-Indic digits
    "cq:",
    "cq:-1",
    "hw:x",
    "hc:1:2",
    "hw:99999999999999999999999",
    "ds:",
    "ds:1",  # a counter id of an older version
    "ds:" + "a" * 15,
    "ds:" + "a" * 17,
    "dp:1",
    "dp:" + "a" * 16 + ":x",
    "cl:x:" + "a" * 16,
    "cl:q:",
    "cl:q:1",
    "pv:²",
    "j:g:short",
    "j:z:" + "a" * 32,
    "fm:maybe",
    "mp:",
    "mp:yes",  # an older version's plan button
    "mm:yes:" + "a" * 15,
    "rm:toggle",
    "nu:",
    "onbekend:1",
    "💥",
]


@pytest.mark.parametrize("data", BAD_BUTTONS)
async def test_a_malformed_button_is_answered_as_no_longer_valid(world, data, caplog):
    calls = await world.press(ANNA, data)
    answers = [c for c in calls if c.method == "answerCallbackQuery"]
    assert len(answers) == 1
    assert answers[0].params.get("text") == "Deze knop is niet meer geldig."
    assert not [c for c in calls if c.method == "sendMessage" and "mis" in (c.text or "")]
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


@pytest.mark.parametrize(
    "sender, command",
    [
        (ANNA, "/voortgang 99999999999999999999"),
        (ANNA, "/voortgang ²"),
        (ANNA, "/voortgang ١٢"),
        (ANNA, "/koppel ²"),
        (COORDINATOR, "/uitnodiging 99999999999999999999"),
        (COORDINATOR, "/verplaats 99999999999999999999 morgen 10:00"),
        (COORDINATOR, "/annuleer ²"),
        (COORDINATOR, "/intrekken " + "x" * 500),
    ],
)
async def test_a_malformed_argument_gets_a_clear_reply(world, sender, command, caplog):
    calls = await world.send(sender, command, chat_id=-100777 if "koppel" in command else None)
    assert calls and calls[-1].method == "sendMessage"
    assert "er ging iets mis" not in calls[-1].text.lower()
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


async def test_a_refusal_does_not_name_a_proeftuin_the_user_is_not_in(world):
    """Probing: /voortgang with another proeftuin's number reveals nothing (issue 9, item 8)."""
    from storage.proeftuinen import list_proeftuinen

    other = next(p for p in list_proeftuinen(world.db) if p.name == "Catering Den Haag")
    calls = await world.send(ANNA, f"/voortgang {other.id}")
    assert "Catering" not in calls[-1].text and "geen lid" in calls[-1].text


async def test_an_ambiguous_name_lists_only_what_the_user_may_see(world):
    calls = await world.send(ANNA, "/voortgang a")  # in both "Schoonmaak …" and "Catering …"
    assert "Catering" not in " ".join(c.text or "" for c in calls)


async def test_a_repeated_callback_is_answered_once_without_an_error(world, caplog):
    """A double tap or a duplicate delivery of the same callback query (issue 9, item 15)."""
    await world.send(ANNA, "Wat is de PSO?")
    thumbs_up = world.button(ANNA.id, "👍")
    update = world.factory.callback(ANNA, thumbs_up)
    first_len = len(world.api.calls)
    await world.feed(update)
    await world.feed(update)  # the same query id again
    calls = world.api.calls[first_len:]
    assert [c.method for c in calls].count("answerCallbackQuery") == 1
    assert not any("er ging iets mis" in (c.text or "").lower() for c in calls)
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


async def test_a_channel_post_is_ignored(world, caplog):
    post = {
        "update_id": 987654,
        "channel_post": {
            "message_id": 5,
            "date": 0,
            "chat": {"id": -100888, "type": "channel", "title": "Kanaal"},
            "text": "Nieuws uit de proeftuinen",
        },
    }
    before = len(world.api.calls)
    await world.feed(post)
    assert world.api.calls[before:] == []
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


async def test_a_flooding_sender_is_told_once_and_then_ignored(world):
    """Issue 9, item 18: 3,000 stranger messages must not mean 3,000 prompts kept."""
    from bot.tg.handlers.messages import FLOOD_MESSAGES, MAX_PENDING
    from tests.bot.conftest import STRANGER

    sent = []
    for n in range(FLOOD_MESSAGES + 10):
        sent += await world.send(STRANGER, f"iets over de schoonmaak nummer {n}")
    await asyncio.sleep(0)  # the one "slow down" message is sent as a task
    texts = world.api.texts(STRANGER.id)
    assert sum("veel berichten" in t for t in texts) == 1
    pending = world.db.execute(
        "SELECT count(*) FROM conversation_flows WHERE telegram_id = ? AND kind = 'pending'",
        [STRANGER.id],
    ).fetchone()[0]
    assert pending == MAX_PENDING
    replies = [c for c in sent if c.method == "sendMessage"]
    assert "welkom bij <b>Vonkje</b>" in replies[0].text  # a new sender is greeted once
    assert len(replies) - 1 <= FLOOD_MESSAGES
