"""Vonkje's front ends, one dependency layer per folder (tests/pure/test_layering.py):

domain/     pure logic: progress messages, meeting dates, reminder moments, calendar files
output/     pure presentation: texts (nl, en), HTML, charts, exports
reminders/  who gets what (storage), what it says (pure), delivery and jobs (Telegram)
tg/         the Telegram Application, its handlers, the runner, the local Bot API
cli/        the `vonkje` command, including the terminal chat
settings.py and services.py: configuration and the opened libraries, shared by tg and cli.
"""
