"""The real PTB Application in process: Update JSON in, Bot API calls caught by LocalBotApi."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from telegram import Update

from bot.settings import Settings
from bot.tg.app import build_application
from bot.tg.local_api import LocalBotApi
from bot.tg.update_factory import Sender, UpdateFactory
from knowledge.base import KnowledgeBase
from storage.db import open_database

COORDINATOR = Sender(1, "Carla", "Coördinator", username="carla")
ANNA = Sender(11, "Anna", "Opdrachtgever")  # member of Schoonmaak Utrecht
BOB = Sender(12, "Bob", "Schoonmaker")  # member of Schoonmaak Utrecht and Catering Den Haag
EVA = Sender(13, "Eve", "English", language_code="en")  # member of Catering Den Haag
STRANGER = Sender(99, "Sam", "Onbekend")


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta) -> None:
        self.moment += timedelta(**delta)


class BotKit:
    def __init__(self, app, api: LocalBotApi, db, kb, clock: Clock, settings=None) -> None:
        self.app, self.api, self.db, self.kb, self.clock = app, api, db, kb, clock
        self.settings = settings
        self.factory = UpdateFactory()

    async def restart(self) -> None:
        """Stop the Application as a restart would and start a new one on the same data
        folder, with a new database connection and nothing carried over in memory."""
        await self.app.stop()
        await self.app.shutdown()  # closes the database connection
        self.db = open_database(self.settings.data_dir / "vonkje.sqlite")
        self.app = await started_application(self.settings, self.db, self.kb, self.clock, self.api)

    async def second_worker(self):
        """Another Application on the same SQLite file, as a second webhook worker would be."""
        db = open_database(self.settings.data_dir / "vonkje.sqlite")
        app = await started_application(self.settings, db, self.kb, self.clock, self.api)
        worker = BotKit(app, self.api, db, self.kb, self.clock, self.settings)
        worker.factory = self.factory  # update ids stay unique across both
        return worker

    async def stop(self) -> None:
        await self.app.stop()
        await self.app.shutdown()

    async def feed(self, data: dict) -> None:
        await self.app.process_update(Update.de_json(data, self.app.bot))

    async def send(self, sender: Sender, text: str | None = None, **kwargs) -> list:
        before = len(self.api.calls)
        await self.feed(self.factory.message(sender, text, **kwargs))
        return self.api.calls[before:]

    async def press(self, sender: Sender, data: str, **kwargs) -> list:
        before = len(self.api.calls)
        kwargs.setdefault("message_id", self.api.message_with_button(data))
        await self.feed(self.factory.callback(sender, data, **kwargs))
        return self.api.calls[before:]

    def last_text(self, chat_id: int) -> str:
        return self.api.texts(chat_id)[-1]

    def last_buttons(self, chat_id: int) -> list[tuple[str, str]]:
        with_buttons = [c for c in self.api.sent(chat_id=chat_id) if c.buttons]
        return with_buttons[-1].buttons

    def button(self, chat_id: int, label_part: str) -> str:
        return next(data for label, data in self.last_buttons(chat_id) if label_part in label)


@pytest.fixture
async def kit(data_dir, embeddings, request):
    db = open_database(data_dir / "vonkje.sqlite")
    kb = KnowledgeBase.open(data_dir, embeddings=embeddings)
    api = LocalBotApi()
    clock = Clock(datetime(2027, 3, 1, 9, 0, tzinfo=UTC))
    settings = Settings(data_dir=data_dir, admins=(COORDINATOR.id,))
    app = await started_application(
        settings, db, kb, clock, api, rate_limit=request_rate_limit(request)
    )
    kit = BotKit(app, api, db, kb, clock, settings)
    yield kit
    await kit.stop()


async def started_application(settings, db, kb, clock, api, *, rate_limit: bool = False):
    app = build_application(
        settings, db=db, kb=kb, clock=clock, transport=api.transport, rate_limit=rate_limit
    )
    await app.initialize()
    await app.start()  # the JobQueue runs on real time; test dates lie far ahead of it
    return app


def request_rate_limit(request) -> bool:
    return request.node.get_closest_marker("rate_limited") is not None


async def join(kit: BotKit, sender: Sender, proeftuin_name: str, role: str = "n") -> None:
    """A coordinator makes an invite for the proeftuin; the sender opens it and picks a role."""
    calls = await kit.send(COORDINATOR, f"/uitnodiging {proeftuin_name}")
    token = calls[-1].text.split("start=")[1].split()[0]
    await kit.send(sender, f"/start {token}")
    await kit.press(sender, f"j:{role}:{token}")


@pytest.fixture
async def world(kit):
    """Two proeftuinen; Anna in one, Bob in both, Eve (English) in the second."""
    await kit.send(
        COORDINATOR,
        "/nieuweproeftuin Schoonmaak Utrecht; Rijkskantoor Utrecht; CleanCo; Utrecht; 10",
    )
    await kit.send(
        COORDINATOR, "/nieuweproeftuin Catering Den Haag; Ministerie BZK; FoodServ; Den Haag; 5"
    )
    await join(kit, ANNA, "Schoonmaak Utrecht", "g")
    await join(kit, BOB, "Schoonmaak Utrecht", "n")
    await join(kit, BOB, "Catering Den Haag", "n")
    await join(kit, EVA, "Catering Den Haag", "a")
    kit.api.clear()
    return kit
