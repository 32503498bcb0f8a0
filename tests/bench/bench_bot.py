"""Bot throughput benchmark: Telegram updates per second through the whole bot in process.

The real Application, handlers, SQLite and Chroma run; only the Bot API is local. Progress:
each flow is a message (parsed, draft shown) and an *Opslaan* press (saved) — two Telegram
updates. Questions: retrieval, extractive answer, question log, reply with buttons.

    python tests/bench/bench_bot.py [--updates 2000] [--questions 300] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from telegram import Update  # noqa: E402

from bot.settings import Settings  # noqa: E402
from bot.tg.app import build_application  # noqa: E402
from bot.tg.local_api import LocalBotApi  # noqa: E402
from bot.tg.update_factory import Sender, UpdateFactory  # noqa: E402
from knowledge.base import KnowledgeBase  # noqa: E402
from storage.db import open_database  # noqa: E402

MESSAGES = [  # --same-four: the four messages of the earlier runs (the parser's cache hits)
    "twee nieuwe collega's bij de schoonmaak",
    "3 stageplaatsen en 4 kandidaten in beeld",
    "We hebben 1 medewerker aangenomen in de catering, knelpunt: vervoer",
    "intentieverklaring getekend, volgende stap: locatie in kaart brengen",
]


def real_messages() -> list[str]:
    """Progress messages as participants wrote them (the message sets of tests/eval), each
    one read as an update with no figure to ask about: every flow reads a new text, as in
    use, instead of four that the parser's cache answers after the first time."""
    from bot.domain.drafts import reading_problem
    from bot.domain.progress_parser import classify_message, parse_progress

    texts = [
        json.loads(line)["text"]
        for path in sorted((ROOT / "tests" / "eval").glob("voortgang_berichten*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    chosen = [t for t in dict.fromkeys(texts) if classify_message(t) == "update"]
    readable = [
        t for t in chosen if reading_problem(parse_progress(t)) in (None, "nothing_recognised")
    ]
    return [t for t in readable if not parse_progress(t).ask and len(t) < 1000]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def run(args) -> dict:
    data_dir = Path(tempfile.mkdtemp(prefix="vonkje-botbench-"))
    kb = KnowledgeBase.open(data_dir)
    db = open_database(data_dir / "vonkje.sqlite")
    api = LocalBotApi()
    coordinator = Sender(1, "Carla")
    settings = Settings(data_dir=data_dir, admins=(coordinator.id,))
    app = build_application(
        settings, db=db, kb=kb, transport=api.transport, clock=lambda: datetime.now(UTC)
    )
    await app.initialize()
    app.bot_data["flood_limit"] = (10**9, 60)  # 50 members send thousands: no flood guard here
    factory = UpdateFactory()

    async def feed(data):
        await app.process_update(Update.de_json(data, app.bot))

    await feed(factory.message(coordinator, "/nieuweproeftuin Bench; A; B; C; 10000"))
    token = api.texts()[-1].split("start=")[1].split()[0]
    members = [Sender(100 + i, f"Lid {i}") for i in range(50)]
    for member in members:
        await feed(factory.message(member, f"/start {token}"))
        await feed(factory.callback(member, f"j:n:{token}"))

    messages = MESSAGES if args.same_four else real_messages()

    async def progress_flow(i: int) -> None:
        member = members[i % len(members)]
        before = len(api.calls)
        await feed(factory.message(member, messages[i % len(messages)]))
        drafts = [c for c in api.calls[before:] if c.buttons and c.chat_id == member.id]
        if not drafts:
            replies = [c.text for c in api.calls[before:] if c.chat_id == member.id]
            raise RuntimeError(f"no draft for {messages[i % len(messages)]!r}: {replies}")
        draft = drafts[0]
        await feed(factory.callback(member, draft.buttons[0][1], message_id=draft.message_id))

    async def batches(job, total: int) -> float:
        started = time.perf_counter()
        for start in range(0, total, args.concurrency):
            await asyncio.gather(
                *(job(i) for i in range(start, min(start + args.concurrency, total)))
            )
        return time.perf_counter() - started

    flows = args.updates // 2
    seconds = await batches(progress_flow, flows)
    saved = db["updates"].count
    result = {
        "progress_messages": "the same four" if args.same_four else f"{len(messages)} different",
        "progress_flows": flows,
        "telegram_updates": 2 * flows,
        "saved": saved,
        "progress_updates_per_s": 2 * flows / seconds,
        "saved_per_s": saved / seconds,
    }

    questions = [
        json.loads(line)["q"]
        for line in (ROOT / "tests" / "eval" / "kennisbank.jsonl").read_text().splitlines()
    ]
    asker = members[0]

    async def question(i: int) -> None:
        await feed(factory.message(asker, questions[i % len(questions)]))

    await question(0)  # warm-up: BM25 view
    seconds = await batches(question, args.questions)
    result |= {
        "questions": args.questions,
        "questions_per_s": args.questions / seconds,
        "peak_rss_mb": peak_rss_mb(),
    }
    result |= report_timing(db)
    await app.shutdown()
    shutil.rmtree(data_dir, ignore_errors=True)
    return result


def report_timing(db, proeftuinen: int = 20, updates: int = 2000) -> dict:
    """The results report (PDF, a chart per proeftuin) for 20 proeftuinen, 2,000 updates."""
    from bot.results import report_pdf
    from storage.proeftuinen import create_proeftuin
    from storage.updates import save_update

    now = datetime.now(UTC)
    ids = [
        create_proeftuin(
            db,
            name=f"Proeftuin {n} schoonmaak en catering",
            opdrachtgever="Ministerie",
            opdrachtnemer="Leverancier",
            location="Utrecht",
            jobs_target=20,
            created_by=None,
        ).id
        for n in range(proeftuinen)
    ]
    for n in range(updates):
        save_update(
            db,
            proeftuin_id=ids[n % proeftuinen],
            author_id=None,
            author_name="Bench",
            role=None,
            raw_text="2 gestart, knelpunt: vervoer, geleerd: begin klein",
            jobs_realised=2 if n % 3 else 0,
            jobs_ended=1 if n % 7 == 0 else 0,
            obstacles="vervoer naar de locatie" if n % 5 == 0 else None,
            lesson="begin klein" if n % 11 == 0 else None,
            now=now - timedelta(days=updates - n),
        )
    started = time.perf_counter()
    pdf = report_pdf(db, now=now, since=None, tz="Europe/Amsterdam")
    return {
        "report_seconds": time.perf_counter() - started,
        "report_kb": len(pdf) // 1024,
        "report_proeftuinen": db["proeftuinen"].count,  # the bench's own one too
        "report_updates": db["updates"].count,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--same-four", action="store_true", help="the four messages of the runs before 12-02"
    )
    args = parser.parse_args()
    result = asyncio.run(run(args))
    print(
        f"progress ({result['progress_messages']} messages): "
        f"{result['telegram_updates']} Telegram updates "
        f"({result['progress_flows']} messages + Opslaan) at "
        f"{result['progress_updates_per_s']:.0f} updates/s; {result['saved']} saved "
        f"({result['saved_per_s']:.0f}/s)"
    )
    print(f"questions: {result['questions']} at {result['questions_per_s']:.1f} questions/s")
    print(f"peak RSS: {result['peak_rss_mb']:.0f} MB")
    print(
        f"report: {result['report_proeftuinen']} proeftuinen, {result['report_updates']} updates "
        f"in {result['report_seconds']:.1f} s "
        f"({result['report_kb']} kB PDF)"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
