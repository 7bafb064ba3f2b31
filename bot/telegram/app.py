"""The python-telegram-bot Application: built, with the bridge's handlers, in one place."""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.telegram import commands
from bot.telegram.handlers import Bridge
from bot.telegram.ordering import PerPersonUpdateProcessor

#: The updates Telegram is asked for; others (inline queries, polls, reactions...) never come.
ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CHANNEL_POST,
    Update.EDITED_CHANNEL_POST,
    Update.CALLBACK_QUERY,
]
MAX_CONCURRENT_UPDATES = 256
#: Connections to the Bot API. httpx's pool scans every connection for each request, so PTB's
#: default of 256 costs more CPU than it saves under a burst (bench/telegram_latency.py);
#: requests beyond these wait up to POOL_TIMEOUT seconds for a free connection.
CONNECTION_POOL_SIZE = 32
POOL_TIMEOUT = 10.0


def file_url(api_base_url: str) -> str:
    """The file URL that goes with a Bot API URL (``.../bot`` → ``.../file/bot``)."""
    if api_base_url.endswith("/bot"):
        return api_base_url[: -len("bot")] + "file/bot"
    return api_base_url.rstrip("/") + "/file/bot"


def build_application(
    *, token: str, bridge: Bridge, api_base_url: str, webhook: bool = False
) -> Application:
    """An Application that talks to ``api_base_url`` (Telegram's, or a fake one in tests).

    In webhook mode it has no Updater: the bridge's own web server puts updates on
    ``application.update_queue``.
    """
    builder = (
        Application.builder()
        .token(token)
        .base_url(api_base_url)
        .base_file_url(file_url(api_base_url))
        .concurrent_updates(PerPersonUpdateProcessor(MAX_CONCURRENT_UPDATES))
        .connection_pool_size(CONNECTION_POOL_SIZE)
        .pool_timeout(POOL_TIMEOUT)
        .job_queue(None)
    )
    if webhook:
        builder = builder.updater(None)
    application = builder.build()
    add_handlers(application, bridge)
    return application


def add_handlers(application: Application, bridge: Bridge) -> None:
    """The handlers, in the order they are tried (the first that matches an update wins)."""
    private = filters.ChatType.PRIVATE
    new_message = filters.UpdateType.MESSAGE
    application.add_handlers([
        MessageHandler(filters.UpdateType.CHANNEL_POSTS, bridge.on_channel_post),
        CallbackQueryHandler(bridge.on_callback),
        MessageHandler(~private, bridge.on_not_private),
        MessageHandler(filters.UpdateType.EDITED_MESSAGE, bridge.on_edited),
        CommandHandler([c.name for c in commands.COMMANDS], bridge.on_command,
                       filters=private & new_message),
        MessageHandler(private & new_message & filters.COMMAND, bridge.on_unknown_command),
        MessageHandler(private & new_message & filters.TEXT, bridge.on_text),
        MessageHandler(private & filters.StatusUpdate.ALL, bridge.on_service_message),
        MessageHandler(private & new_message, bridge.on_unsupported),
    ])
    application.add_error_handler(bridge.on_error)
