"""Presentation: the user-facing texts in Dutch and English, Telegram HTML, charts and exports.
Pure: bytes and strings out, no Telegram, no storage."""
