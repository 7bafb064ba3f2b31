"""Logging for the bridge: its own lines at the configured level, HTTP libraries quiet, and
the bot token (and webhook secret) redacted from every line that reaches a handler.

httpx logs each request URL at INFO, and Telegram's URLs contain the token
(``https://api.telegram.org/bot<token>/getUpdates``); python-telegram-bot logs it at DEBUG
and puts it in one error message.
"""

from __future__ import annotations

import logging
from typing import Iterable

REDACTED = "[redacted]"
#: Loggers that would print the token in a URL, or update contents, below WARNING.
QUIET = ("httpx", "httpcore", "telegram", "apscheduler", "aiohttp.access")


class RedactSecrets(logging.Filter):
    """Replaces each secret in a log record (message, arguments, traceback) with a marker."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def redact(self, text: str) -> str:
        """``text`` without any of the secrets."""
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place when it holds a secret; never drop it."""
        message = record.getMessage()
        clean = self.redact(message)
        if clean != message:
            record.msg, record.args = clean, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def configure(level: str, secrets: Iterable[str]) -> RedactSecrets:
    """Set up logging for ``unscripted telegram``: call once, after the token is read.

    The redaction is attached to every handler of the root logger, so it covers the
    records of every library; the HTTP and PTB loggers stay at WARNING whatever ``level``.
    """
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    redaction = RedactSecrets(secrets)
    for handler in root.handlers:
        handler.addFilter(redaction)
    own_level = logging.getLevelName(level.upper())
    logging.getLogger("bot").setLevel(own_level if isinstance(own_level, int) else logging.INFO)
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
    return redaction
