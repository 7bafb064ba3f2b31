"""The token and the webhook secret never reach a log line; neither does what people write."""

from __future__ import annotations

import logging

import pytest

from bot.telegram import logs
from bot.telegram.logs import REDACTED, RedactSecrets
from tests.bot.telegram.fakes import TOKEN
from tests.bot.telegram.harness import harness, run_async

PRIVATE = "my partner zqxwv said something private"


@pytest.fixture
def restore_logging():
    """Undo what logs.configure does to the process's loggers and handlers."""
    names = ["bot", *logs.QUIET]
    levels = {name: logging.getLogger(name).level for name in names}
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
    for handler in logging.getLogger().handlers:
        for f in [f for f in handler.filters if isinstance(f, RedactSecrets)]:
            handler.removeFilter(f)


async def _conversation() -> None:
    async with harness() as h:
        await h.say(1, "/start")
        await h.say(1, PRIVATE)


def test_without_the_bridges_logging_setup_the_token_would_leak(caplog, restore_logging):
    """The check below can see a leak: PTB and httpx do log the token at DEBUG and INFO."""
    caplog.set_level(logging.DEBUG)
    run_async(_conversation)()
    assert TOKEN in caplog.text


@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
def test_with_it_neither_the_token_nor_the_message_text_appear(caplog, restore_logging, level):
    caplog.set_level(logging.DEBUG)  # every logger lets everything through to the handler
    logs.configure(level, [TOKEN])  # ...then the bridge's setup quiets the HTTP loggers
    run_async(_conversation)()
    assert "Answered a message" in caplog.text  # the bridge does log, at INFO
    assert TOKEN not in caplog.text
    assert "zqxwv" not in caplog.text


def test_even_ptbs_own_debug_lines_have_the_token_redacted(caplog, restore_logging):
    caplog.set_level(logging.DEBUG)
    logs.configure("DEBUG", [TOKEN])
    logging.getLogger("telegram").setLevel(logging.DEBUG)  # someone turns PTB's debug on
    logging.getLogger("httpx").setLevel(logging.DEBUG)
    run_async(_conversation)()
    assert "Calling Bot API endpoint" in caplog.text and "HTTP Request" in caplog.text
    assert TOKEN not in caplog.text
    assert all(TOKEN not in record.getMessage() for record in caplog.records)


def test_redaction_covers_arguments_and_tracebacks():
    redact = RedactSecrets(["s3cret-token", ""])
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "url=%s", ("/bots3cret-token/",),
                               None)
    assert redact.filter(record)
    assert record.getMessage() == f"url=/bot{REDACTED}/"
    try:
        raise ValueError("The token `s3cret-token` was rejected by the server.")
    except ValueError:
        import sys
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    redact.filter(record)
    formatted = logging.Formatter().format(record)
    assert "s3cret-token" not in formatted and REDACTED in formatted


def test_redaction_leaves_other_lines_alone():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%d replies", (3,), None)
    RedactSecrets(["s3cret-token"]).filter(record)
    assert (record.msg, record.args) == ("%d replies", (3,))


def test_configure_quiets_the_http_loggers(restore_logging):
    logs.configure("DEBUG", ["x"])
    assert logging.getLogger("httpx").level == logging.WARNING
    assert logging.getLogger("telegram").level == logging.WARNING
    assert logging.getLogger("bot").level == logging.DEBUG
