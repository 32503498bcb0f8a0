"""Pure domain logic of the front end: reading progress messages and meeting dates, the
moments of reminders, calendar files. Plain values in and out, no I/O, no Telegram, no storage."""
