"""The `vonkje` command: each subcommand opens a service and calls one library function."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from bot.cli.context import knowledge_of as _knowledge
from bot.cli.context import settings_of as _settings
from bot.cli.context import storage_of as _storage
from bot.cli.meetings import meetings, remind
from bot.settings import Settings, SettingsError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the SQLite file and the Chroma index (VONKJE_DATA_DIR).",
)
@click.version_option(package_name="vonkje")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None) -> None:
    """Vonkje: de assistent van de proeftuinen 'Partnerships voor meer banen'."""
    try:
        settings = Settings.from_env().with_data_dir(data_dir)
    except SettingsError as error:
        raise click.UsageError(str(error)) from error
    logging.basicConfig(
        level=settings.log_level.upper(),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for noisy in ("chromadb", "httpx", "apscheduler", "bm25s"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    ctx.obj = {"settings": settings}


def answer_json(answer) -> dict:
    return {
        "question": answer.question,
        "answered": answer.answered,
        "answer": answer.text,
        "sources": [
            {
                "title": c.title,
                "source": c.link or c.source,
                "section": c.section,
                "text": c.text,
                "score": c.score,
            }
            for c in answer.citations
        ],
        "ms": round(answer.ms, 1),
    }


@cli.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per question.")
@click.option(
    "--mode",
    type=click.Choice(["hybrid", "dense", "bm25"]),
    default="hybrid",
    show_default=True,
    help="Retrieval mode.",
)
@click.pass_context
def ask(ctx: click.Context, question: str | None, as_json: bool, mode: str) -> None:
    """Answer QUESTION from the knowledge base; without QUESTION, one question per stdin line."""
    from knowledge.answering import format_sources

    if question is not None and not question.strip():
        raise click.UsageError("De vraag is leeg.")
    questions = [question] if question else (line.strip() for line in sys.stdin)
    kb = _knowledge(ctx)
    for text in questions:
        if not text:
            continue
        answer = kb.ask(text, mode=mode)
        if as_json:
            click.echo(json.dumps(answer_json(answer), ensure_ascii=False))
            sys.stdout.flush()
            continue
        click.echo(answer.text)
        if answer.citations:
            click.echo("\n" + format_sources(answer.citations, answer.language))
        if not question:
            click.echo()


@cli.command(name="eval")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--mode", type=click.Choice(["hybrid", "dense", "bm25"]), default="hybrid", show_default=True
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--sweep", is_flag=True, help="Also try a grid of refusal thresholds.")
@click.pass_context
def eval_command(ctx: click.Context, file: Path, mode: str, as_json: bool, sweep: bool) -> None:
    """Score a question set (JSONL: {"q": ..., "expect": [...]}; no expect = out of scope)."""
    from knowledge.evaluation import evaluate, read_cases, sweep_thresholds

    try:
        cases = read_cases(file)
    except ValueError as error:
        raise click.UsageError(str(error)) from error
    kb = _knowledge(ctx)
    report = evaluate(kb, cases, mode=mode)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        click.echo(
            f"{report.questions} vragen ({report.in_scope} binnen, {report.out_of_scope} buiten "
            f"de kennisbank), modus {mode}\n"
            f"hit@1 {report.hit_at_1:.3f}  hit@3 {report.hit_at_3:.3f}  "
            f"antwoord {report.answer_accuracy:.3f}  weigering {report.refusal_accuracy:.3f}  "
            f"onterecht geweigerd {report.false_refusals}\n"
            f"hit@3 direct {report.hit_at_3_direct:.3f}  "
            f"hit@3 parafrase {report.hit_at_3_paraphrase:.3f}\n"
            f"latentie p50 {report.p50_ms:.1f} ms  p95 {report.p95_ms:.1f} ms"
        )
        for miss in report.misses:
            click.echo(f"  - {miss}")
    if sweep:
        for t, refusal, answered in sweep_thresholds(kb, cases)[:10]:
            click.echo(
                f"marge {t.margin:+.3f}  bodem {t.floor:.2f}  "
                f"weigering {refusal:.3f}  beantwoord {answered:.3f}"
            )


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar (default: when the terminal is interactive).",
)
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], progress: bool | None) -> None:
    """Add files and folders (Markdown, text, HTML, PDF, DOCX) to the knowledge base."""
    kb = _knowledge(ctx)
    report = kb.ingest(paths, progress=sys.stderr.isatty() if progress is None else progress)
    for path, reason in report.skipped:
        click.echo(f"overgeslagen: {path}: {reason}", err=True)
    _log_ingest(ctx, kb, report)
    click.echo(report.summary())


def _log_ingest(ctx: click.Context, kb, report) -> None:
    """What `vonkje ingest` changed goes into the same log as changes from Telegram."""
    from storage import knowledge_log

    db, records = _storage(ctx), {r.source: r for r in kb.sources()}
    changed = [("added", s) for s in report.added] + [("replaced", s) for s in report.updated]
    for action, source in changed + [("removed", s) for s in report.removed]:
        record = records.get(source)
        knowledge_log.log_change(
            db,
            action=action,
            source=source,
            via="cli",
            title=record.title if record else "",
            passages=record.chunks if record else None,
            person_name=_terminal_user(),
        )


def _terminal_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in this container
        return "terminal"


@cli.command()
@click.argument("source")
@click.pass_context
def forget(ctx: click.Context, source: str) -> None:
    """Remove a document (its path or source name as `vonkje sources` shows it)."""
    from storage import knowledge_log

    kb = _knowledge(ctx)
    record = {r.source: r for r in kb.sources()}.get(kb.resolve_source(source))
    if record is None or not kb.forget(record.source):
        click.echo(f"Niet gevonden in de kennisbank: {source}", err=True)
        ctx.exit(1)
    knowledge_log.log_change(
        _storage(ctx),
        action="removed",
        source=record.source,
        via="cli",
        title=record.title,
        passages=record.chunks,
        person_name=_terminal_user(),
    )
    click.echo(f"Verwijderd: {source}")


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def sources(ctx: click.Context, as_json: bool) -> None:
    """List the indexed documents: title, source, passages, and where each came from (built in,
    sent to the bot by whom, `vonkje ingest`, a coordinator's answer) and when."""
    from knowledge.uploads import source_kind
    from storage import knowledge_log

    records = _knowledge(ctx).sources()
    origins = knowledge_log.origins(_storage(ctx))
    if as_json:
        for r in records:
            change = origins.get(r.source)
            click.echo(
                json.dumps(
                    {
                        "title": r.title,
                        "source": r.source,
                        "chunks": r.chunks,
                        "indexed_at": r.indexed_at,
                        "pending": bool(r.pending),
                        "kind": source_kind(r.source),
                        "added_by": change.person_name if change else None,
                        "added_via": change.via if change else None,
                        "added_at": change.at.isoformat() if change else None,
                    },
                    ensure_ascii=False,
                )
            )
        return
    for r in records:
        if r.pending and not r.doc_hash:  # a new document whose ingest was interrupted
            state = "onderbroken: `vonkje ingest` maakt het af"
        elif r.pending:
            state = f"{r.chunks} passages; een nieuwere versie is half ingelezen"
        else:
            state = f"{r.chunks} passages, ingelezen {r.indexed_at}"
        origin = _origin(source_kind(r.source), origins.get(r.source))
        click.echo(f"{r.title}\n  {r.source}\n  {state}\n  {origin}")


ORIGIN_KINDS = {
    "builtin": "ingebouwd (komt met Vonkje mee)",
    "answer": "antwoord van een coördinator (/antwoorden)",
    "upload": "naar de bot gestuurd",
    "file": "ingelezen met vonkje ingest",
}
ORIGIN_ACTIONS = {"added": "toegevoegd", "replaced": "vervangen"}


def _origin(kind: str, change) -> str:
    if change is None:
        return ORIGIN_KINDS[kind]
    via = "via Telegram" if change.via == "telegram" else "met vonkje ingest"
    done = ORIGIN_ACTIONS.get(change.action, "bijgewerkt")
    who = change.person_name or "anoniem"
    return f"{done} door {who} {via}, {change.at.strftime('%Y-%m-%d %H:%M')} UTC"


@cli.command()
@click.option(
    "--user-id", type=int, default=1, show_default=True, help="Telegram user id to act as."
)
@click.option("--name", help="Your name in the chat (default: Jij, or You with --english).")
@click.option(
    "--participant", is_flag=True, help="Act as a participant; by default you are a coordinator."
)
@click.option("--english", is_flag=True, help="Act as a user whose Telegram is in English.")
@click.pass_context
def chat(
    ctx: click.Context, user_id: int, name: str | None, participant: bool, english: bool
) -> None:
    """Talk to Vonkje in the terminal: the same handlers and texts as on Telegram."""
    import asyncio

    from bot.cli.chat import chat as run_chat
    from bot.cli.context import storage_of
    from bot.tg.update_factory import Sender

    settings = _settings(ctx)
    if settings.log_level.upper() == "INFO":  # log lines would interleave with the talk
        logging.getLogger().setLevel(logging.WARNING)
    name = name or ("You" if english else "Jij")
    sender = Sender(user_id, name, language_code="en" if english else "nl")
    asyncio.run(
        run_chat(
            settings,
            db=storage_of(ctx),
            kb=_knowledge(ctx),
            sender=sender,
            coordinator=not participant,
        )
    )


@cli.command()
@click.pass_context
def run(ctx: click.Context) -> None:
    """Run the Telegram bot (long polling, or a webhook when VONKJE_WEBHOOK_URL is set)."""
    from bot.tg.runner import StartupFailed, run_bot

    settings = _settings(ctx)
    if not settings.telegram_bot_token:
        raise click.UsageError(
            "TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather and set the token "
            "(see README), or try Vonkje without Telegram: `vonkje chat`."
        )
    try:
        run_bot(settings, kb=_knowledge(ctx))
    except StartupFailed as problem:  # a clear line, no traceback with the token in it
        click.echo(str(problem), err=True)
        ctx.exit(1)


@cli.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write (default: knowledge/vectors/<model>.npz in the package).",
)
@click.option("--fresh", is_flag=True, help="Embed every text again, also the unchanged ones.")
@click.pass_context
def vectors(ctx: click.Context, out: Path | None, fresh: bool) -> None:
    """Make the vectors that ship with the built-in knowledge base (after changing
    knowledge/docs or knowledge/scope), for the model in VONKJE_EMBEDDINGS."""
    from knowledge.embeddings import load_embeddings
    from knowledge.shipped import build_shipped_vectors

    model = load_embeddings(_settings(ctx).embeddings)
    path, count = build_shipped_vectors(model, out, fresh=fresh)
    click.echo(f"{count} vectoren geschreven naar {path}")


@cli.command()
@click.option(
    "--since",
    help='Start of the period ("1 maart", "2027-01-15", "alles"); default: the previous '
    "bijeenkomst.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the PDF (default: vonkje-rapport-<date>.pdf here).",
)
@click.option("--english", is_flag=True, help="The report in English.")
@click.pass_context
def report(ctx: click.Context, since: str | None, out: Path | None, english: bool) -> None:
    """Make the results report for the bijeenkomst as a PDF."""
    from datetime import UTC, datetime

    from bot.results import report_pdf, report_period

    settings, db = _settings(ctx), _storage(ctx)
    now = datetime.now(UTC)
    start, readable = report_period(since, db, now, settings.timezone)
    if not readable:
        raise click.UsageError(f"--since {since!r}: geen datum in het verleden.")
    language = "en" if english else "nl"
    pdf = report_pdf(db, now=now, since=start, language=language, tz=settings.timezone)
    out = out or Path(f"vonkje-rapport-{now:%Y%m%d}.pdf")
    out.write_bytes(pdf)
    click.echo(f"Rapport geschreven naar {out} ({len(pdf) // 1024} kB)")


cli.add_command(meetings)
cli.add_command(remind)


def main() -> None:
    cli(prog_name="vonkje")
