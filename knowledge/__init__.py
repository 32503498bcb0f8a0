"""Vonkje's knowledge engine: ingest, index, retrieve and answer. Knows nothing of Telegram."""
