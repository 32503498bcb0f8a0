"""Nothing personal or of another proeftuin is shown in a group (issue 9, item 5)."""

import pytest

from storage.conversations import latest_flow
from tests.bot.conftest import ANNA, COORDINATOR

GROUP = -100500


@pytest.fixture
async def linked_group(world):
    world.api.group_admins[GROUP] = {ANNA.id}
    await world.send(ANNA, "/koppel Schoonmaak Utrecht", chat_id=GROUP)
    return GROUP


@pytest.mark.parametrize(
    "sender, command",
    [
        (ANNA, "/mijngegevens"),
        (ANNA, "/vergeetmij"),
        (ANNA, "/herstel"),
        (COORDINATOR, "/export"),
        (COORDINATOR, "/onbeantwoord"),
        (COORDINATOR, "/overzicht"),
        (COORDINATOR, "/voortgang Catering Den Haag"),
    ],
)
async def test_private_data_is_not_shown_in_a_group(world, linked_group, sender, command):
    calls = await world.send(sender, command, chat_id=linked_group)
    assert [c.method for c in calls] == ["sendMessage"]
    assert "privé" in calls[0].text
    assert not calls[0].buttons and not calls[0].files


async def test_the_groups_own_progress_is_shown_in_the_group(world, linked_group):
    calls = await world.send(ANNA, "/voortgang Schoonmaak Utrecht", chat_id=linked_group)
    assert "Schoonmaak Utrecht" in calls[0].text and "privé" not in calls[0].text


async def test_an_invite_pasted_in_a_group_puts_no_token_in_buttons(world, linked_group):
    calls = await world.send(COORDINATOR, "/uitnodiging Schoonmaak Utrecht")
    token = calls[-1].text.split("start=")[1].split()[0].strip("<>\"'")
    calls = await world.send(ANNA, f"/start {token}", chat_id=linked_group)
    assert all(not c.buttons for c in calls)
    assert all(token not in (c.text or "") for c in calls)


async def test_someone_elses_draft_buttons_in_a_group_change_nothing(world, linked_group):
    from tests.bot.conftest import BOB

    await world.send(ANNA, "@vonkje_bot 2 banen gerealiseerd", chat_id=linked_group)
    save = world.button(linked_group, "Opslaan")
    calls = await world.press(BOB, save, chat_id=linked_group)
    assert [c.method for c in calls] == ["answerCallbackQuery"]  # no keyboard taken away
    assert "iemand anders" in calls[0].params["text"]
    assert world.db["updates"].count == 0
    await world.press(ANNA, save, chat_id=linked_group)
    assert world.db["updates"].count == 1


async def test_a_step_pending_in_private_is_not_fed_from_a_group(world, linked_group):
    await world.send(COORDINATOR, "/plan")  # waits for the title in the private chat
    world.api.group_admins[linked_group].add(COORDINATOR.id)
    await world.send(COORDINATOR, "@vonkje_bot Wat is de PSO?", chat_id=linked_group)
    await world.send(COORDINATOR, "Bijeenkomst voorjaar")  # privately: the title
    state = latest_flow(world.db, COORDINATOR.id, "awaiting")
    assert state is not None and state.data["step"] == "plan"
    assert state.data["values"].get("title") == "Bijeenkomst voorjaar"
