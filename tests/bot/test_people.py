"""Coordinators, invites, roles and groups."""

import pytest

from storage import people
from tests.bot.conftest import ANNA, BOB, COORDINATOR, EVA, STRANGER, join


async def test_start_welcomes_in_dutch_and_english(kit):
    calls = await kit.send(ANNA, "/start")
    assert "Ik ben <b>Vonkje</b>" in calls[-1].text
    assert calls[-1].params["parse_mode"] == "HTML"
    calls = await kit.send(EVA, "/start")
    assert "I'm <b>Vonkje</b>" in calls[-1].text


async def test_coordinator_creates_proeftuin_step_by_step_and_gets_invite(kit):
    await kit.send(COORDINATOR, "/nieuweproeftuin")
    for answer in ["Beveiliging Zwolle", "Gemeente Zwolle", "SecureNL", "Zwolle"]:
        await kit.send(COORDINATOR, answer)
    bad = await kit.send(COORDINATOR, "veel")
    assert "geen geldig doel" in bad[-1].text
    calls = await kit.send(COORDINATOR, "8")
    assert "Beveiliging Zwolle</b> is aangemaakt (doel: 8 banen)" in calls[0].text
    assert "https://t.me/vonkje_bot?start=" in calls[1].text


async def test_only_coordinators_create_proeftuinen_and_invites(kit):
    for command in [
        "/nieuweproeftuin A; B; C; D; 1",
        "/uitnodiging X",
        "/overzicht",
        "/export",
        "/onbeantwoord",
    ]:
        calls = await kit.send(STRANGER, command)
        assert calls[-1].text == "Dit kan alleen een coördinator."
    assert people.memberships(kit.db, STRANGER.id) == []
    assert kit.db["proeftuinen"].count == 0


async def test_invite_link_join_with_role_and_two_proeftuinen(world):
    roles = {m.proeftuin.name: m.role for m in people.memberships(world.db, BOB.id)}
    assert roles == {"Schoonmaak Utrecht": "opdrachtnemer", "Catering Den Haag": "opdrachtnemer"}
    assert [m.role for m in people.memberships(world.db, ANNA.id)] == ["opdrachtgever"]


async def test_role_buttons_are_offered_in_the_users_language(world):
    calls = await world.send(COORDINATOR, "/uitnodiging Catering")
    token = calls[-1].text.split("start=")[1].split()[0]
    calls = await world.send(EVA, f"/start {token}")
    assert [label for label, _ in calls[-1].buttons] == [
        "Buyer (opdrachtgever)",
        "Supplier (opdrachtnemer)",
        "Other",
    ]


async def test_revoked_and_unknown_invites_are_refused(world):
    calls = await world.send(COORDINATOR, "/uitnodiging Schoonmaak")
    token = calls[-1].text.split("start=")[1].split()[0]
    await world.send(COORDINATOR, f"/intrekken https://t.me/vonkje_bot?start={token}")
    assert "ingetrokken" in world.last_text(COORDINATOR.id)
    calls = await world.send(STRANGER, f"/start {token}")
    assert "onbekend, ingetrokken" in calls[-1].text
    # a role button pressed after revocation does not join either
    await world.press(STRANGER, f"j:g:{token}")
    calls = await world.send(STRANGER, "/start nietbestaand123")
    assert "onbekend, ingetrokken" in calls[-1].text
    assert people.memberships(world.db, STRANGER.id) == []


async def test_tokens_are_unguessable(world):
    tokens = set()
    for _ in range(20):
        calls = await world.send(COORDINATOR, "/uitnodiging Schoonmaak")
        tokens.add(calls[-1].text.split("start=")[1].split()[0])
    assert len(tokens) == 20 and all(len(t) >= 32 for t in tokens)


async def test_group_linked_to_proeftuin_answers_mentions_and_replies(world):
    group = -100123
    world.api.group_admins[group] = {ANNA.id}
    calls = await world.send(ANNA, "/koppel Schoonmaak Utrecht", chat_id=group)
    assert "hoort nu bij proeftuin <b>Schoonmaak Utrecht</b>" in calls[-1].text
    assert await world.send(ANNA, "gewoon gepraat onder elkaar", chat_id=group) == []
    calls = await world.send(ANNA, "@vonkje_bot Wat is de PSO?", chat_id=group)
    assert any("Prestatieladder" in c.text for c in calls)
    calls = await world.send(BOB, "/voortgang", chat_id=group)
    assert "Schoonmaak Utrecht" in calls[0].text


async def test_a_member_who_is_no_group_admin_cannot_link_or_relink_a_group(world):
    """A member of Catering Den Haag inside Schoonmaak Utrecht's group cannot take it over."""
    group = -100124
    world.api.group_admins[group] = {ANNA.id}
    await world.send(ANNA, "/koppel Schoonmaak Utrecht", chat_id=group)
    calls = await world.send(EVA, "/koppel Catering Den Haag", chat_id=group)
    assert "admin of this group" in calls[-1].text
    links = list(world.db["group_links"].rows)
    assert len(links) == 1 and links[0]["chat_id"] == group
    calls = await world.send(COORDINATOR, "/koppel Catering Den Haag", chat_id=group)
    assert "Catering Den Haag" in calls[-1].text  # a coordinator may re-link


async def test_stranger_cannot_link_a_group(world):
    calls = await world.send(STRANGER, "/koppel Schoonmaak Utrecht", chat_id=-100999)
    assert "geen lid" in calls[-1].text
    assert world.db["group_links"].count == 0


async def test_command_menu_in_dutch_and_english(kit):
    await kit.app.post_init(kit.app)
    menus = kit.api.sent("setMyCommands")
    by_language = {
        c.params.get("language_code"): c.params["commands"]
        for c in menus
        if "scope" not in c.params
    }
    assert by_language[None][0] == {
        "command": "start",
        "description": "Begin of word lid via een uitnodiging",
    }
    assert by_language["en"][1]["description"] == "What Vonkje can do"
    admin_menu = [c for c in menus if "scope" in c.params]
    assert admin_menu[0].params["scope"] == {"type": "chat", "chat_id": COORDINATOR.id}


async def test_help_shows_coordinator_commands_only_to_coordinators(kit):
    member = await kit.send(ANNA, "/help")
    coordinator = await kit.send(COORDINATOR, "/help")
    assert "/overzicht" not in member[-1].text and "/overzicht" in coordinator[-1].text


async def join_helper_is_used():
    assert join


async def test_self_hosted_bot_api_server_is_used_when_configured(tmp_path):
    from bot.settings import Settings
    from bot.tg.app import build_application
    from bot.tg.local_api import LocalBotApi

    api = LocalBotApi()
    settings = Settings(
        data_dir=tmp_path, telegram_bot_token="42:SECRET", telegram_api_url="http://127.0.0.1:8081"
    )
    app = build_application(settings, db=None, kb=None, transport=api.transport)
    await app.initialize()
    await app.shutdown()
    assert api.calls[0].method == "getMe"
    assert api.calls[0].url == "http://127.0.0.1:8081/bot42:SECRET/getMe"


async def test_an_invite_may_expire_and_be_used_a_limited_number_of_times(world):
    """Issue 9, item 6: an optional expiry and use count, shown with the link."""
    from datetime import timedelta

    from tests.bot.conftest import Sender

    calls = await world.send(COORDINATOR, "/uitnodiging Schoonmaak Utrecht; 7 dagen; 2 keer")
    text = calls[-1].text
    assert "geldig tot" in text and "0 van 2 keer gebruikt" in text
    token = text.split("start=")[1].split()[0]
    for n in range(3):
        newcomer = Sender(900 + n, f"Nieuw {n}")
        calls = await world.send(newcomer, f"/start {token}")
        if n < 2:
            await world.press(newcomer, calls[-1].buttons[0][1])
            assert "Je bent lid" in world.last_text(newcomer.id)
        else:
            assert "al zo vaak gebruikt als mocht" in calls[-1].text and not calls[-1].buttons
    calls = await world.send(COORDINATOR, "/uitnodiging Schoonmaak Utrecht; 1 dag")
    token = calls[-1].text.split("start=")[1].split()[0]
    world.clock.moment = world.clock() + timedelta(days=2)
    calls = await world.send(Sender(950, "Laat"), f"/start {token}")
    assert not calls[-1].buttons


@pytest.mark.parametrize(
    "arguments", ["Schoonmaak Utrecht; morgen", "Schoonmaak Utrecht; 0 dagen", "; 3 keer"]
)
async def test_unreadable_invite_limits_get_the_usage(world, arguments):
    calls = await world.send(COORDINATOR, f"/uitnodiging {arguments}")
    assert "start=" not in calls[-1].text


async def test_help_for_coordinators_lists_every_coordinator_command(world):
    from bot.tg.app import ADMIN_COMMANDS

    text = (await world.send(COORDINATOR, "/help"))[-1].text
    for names, *_ in ADMIN_COMMANDS:
        assert f"/{names[0]}" in text, names[0]


async def test_an_unknown_command_says_so_then_shows_help(world):
    text = (await world.send(ANNA, "/bestaatniet"))[-1].text
    assert text.startswith("Het commando /bestaatniet ken ik niet")
    assert "/vraag" in text
    assert "ken ik niet" not in (await world.send(ANNA, "/help"))[-1].text


async def test_revoking_an_invite_twice_says_it_was_revoked_already(world):
    calls = await world.send(COORDINATOR, "/uitnodiging Schoonmaak Utrecht")
    token = calls[-1].text.split("start=")[1].split()[0]
    assert "is ingetrokken" in (await world.send(COORDINATOR, f"/intrekken {token}"))[-1].text
    assert "al ingetrokken" in (await world.send(COORDINATOR, f"/intrekken {token}"))[-1].text
