"""What every `vonkje` subcommand needs from the group: settings and opened services."""

from __future__ import annotations

import click

from bot.settings import Settings


def settings_of(ctx: click.Context) -> Settings:
    return ctx.obj["settings"]


def knowledge_of(ctx: click.Context):
    """The knowledge base, opened once per command (loads the model, syncs built-in docs)."""
    from bot.services import open_knowledge

    if "kb" not in ctx.obj:
        ctx.obj["kb"] = open_knowledge(settings_of(ctx))
    return ctx.obj["kb"]


def storage_of(ctx: click.Context):
    from bot.services import open_storage

    if "db" not in ctx.obj:
        ctx.obj["db"] = open_storage(settings_of(ctx))
    return ctx.obj["db"]
