"""One module per thing a user does; each declares its commands' handlers and, beside them,
the exact shape of its buttons' data (CALLBACKS). Handlers stay short: they read the update,
call storage or knowledge, and reply."""
