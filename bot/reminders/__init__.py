"""Reminders, nudges and coordinator summaries for bijeenkomsten, in four layers:

- `audience`: who gets which kind of message and which kinds are done (storage, no Telegram);
- `messages`: what a message says and which calendar file goes with it (pure);
- `delivery`: sending one kind to its audience, each person at most once (Telegram);
- `jobs`: PTB's JobQueue, rebuilt from SQLite at start-up and every five minutes.
"""
