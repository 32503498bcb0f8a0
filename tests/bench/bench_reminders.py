"""Reminder fan-out benchmark: one reminder to many participants through the local Bot API,
with PTB's AIORateLimiter on (Telegram allows about 30 messages/s overall).

Prints the elapsed time against the floor of participants / 30 s, and checks that nobody got
the reminder twice and nobody who should have it was missed. A few chats answer with a flood
limit once (RetryAfter) and a few have blocked the bot.

    python tests/bench/bench_reminders.py [--participants 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.reminders.jobs import start_reminders  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.tg.app import build_application  # noqa: E402
from bot.tg.local_api import LocalBotApi  # noqa: E402
from storage import people  # noqa: E402
from storage.db import open_database, transaction  # noqa: E402
from storage.meetings import create_meeting  # noqa: E402
from storage.proeftuinen import create_proeftuin  # noqa: E402

OVERALL_RATE = 30  # messages per second, Telegram's broadcast limit


async def run(participants: int) -> dict:
    data_dir = Path(tempfile.mkdtemp(prefix="vonkje-remindbench-"))
    db = open_database(data_dir / "vonkje.sqlite")
    start = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
    proeftuin = create_proeftuin(
        db,
        name="Bench",
        opdrachtgever="A",
        opdrachtnemer="B",
        location="C",
        jobs_target=10,
        created_by=None,
        now=start,
    )
    with transaction(db):
        for i in range(participants):
            people.upsert_person(db, 10_000 + i, name=f"Deelnemer {i}", now=start)
            people.add_member(db, proeftuin.id, 10_000 + i, "opdrachtnemer", now=start)
    meeting = create_meeting(
        db, title="Bijeenkomst", starts_at=start + timedelta(days=20), created_by=None, now=start
    )
    api = LocalBotApi()
    blocked = {10_000 + i for i in range(0, participants, participants // 10)}  # 10 chats
    flooded = {10_001 + i for i in range(0, participants, participants // 10)}  # 10 chats
    api.blocked_chats |= blocked
    api.flood_once |= {chat: 1 for chat in flooded}
    clock = {"now": meeting.starts_at - timedelta(days=6)}  # the 7-day reminder is due
    app = build_application(
        Settings(data_dir=data_dir),
        db=db,
        kb=None,
        clock=lambda: clock["now"],
        transport=api.transport,
        rate_limit=True,
    )
    await app.initialize()
    started = time.perf_counter()
    await start_reminders(app)
    elapsed = time.perf_counter() - started
    await app.shutdown()

    per_chat = Counter(c.chat_id for c in api.calls if c.method in ("sendDocument", "sendMessage"))
    expected = {10_000 + i for i in range(participants)} - blocked
    statuses = Counter(row["status"] for row in db["reminder_log"].rows)
    return {
        "participants": participants,
        "elapsed_s": elapsed,
        "floor_s": (participants - len(blocked)) / OVERALL_RATE,
        "delivered": len(per_chat),
        "duplicates": sum(1 for n in per_chat.values() if n > 1),
        "missing": len(expected - set(per_chat)),
        "blocked_marked_inactive": sum(not people.get_person(db, c).active for c in blocked),
        "retry_after_chats": len(flooded),
        "log": dict(statuses),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=2000)
    result = asyncio.run(run(parser.parse_args().participants))
    print(
        f"{result['delivered']} reminders to {result['participants']} participants in "
        f"{result['elapsed_s']:.1f} s (floor at {OVERALL_RATE}/s: {result['floor_s']:.1f} s); "
        f"{result['duplicates']} duplicates, {result['missing']} missing; "
        f"{result['blocked_marked_inactive']} blocked marked inactive; "
        f"{result['retry_after_chats']} RetryAfter retried; log {result['log']}; "
        f"peak RSS {result['peak_rss_mb']:.0f} MB"
    )


if __name__ == "__main__":
    main()
