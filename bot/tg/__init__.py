"""The Telegram front end: the python-telegram-bot Application, its handlers, the runner
(polling or webhook) and the local Bot API stand-in that `vonkje chat` and the tests use."""
