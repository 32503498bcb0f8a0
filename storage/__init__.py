"""Vonkje's persistent state in SQLite: plain functions over a sqlite_utils.Database.

Start with storage.db.open_database(); errors the bot can show to users are in
storage.errors. This package must not depend on telegram, the LLM stack or the bot.
"""
