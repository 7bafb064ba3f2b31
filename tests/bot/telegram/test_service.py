"""Starting the bridge: a clear error for a missing or rejected token, never showing it."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from bot import paths
from bot.cli import build_parser
from bot.telegram.app import file_url
from bot.telegram.service import REJECTED_TOKEN, running_bridge
from tests.bot.telegram.fakes import FakeRasa, FakeTelegram
from tests.bot.telegram.harness import run_async, settings_for

WRONG_TOKEN = "987654321:AAWrongTokenWrongTokenWrongToken_x"


@run_async
async def test_a_token_telegram_rejects_is_a_clear_error_without_the_token():
    async with FakeTelegram() as telegram, FakeRasa() as rasa:
        settings = settings_for(telegram, rasa.url)
        settings = type(settings)(**{**settings.__dict__, "token": WRONG_TOKEN})
        with pytest.raises(SystemExit) as exc:
            async with running_bridge(settings):
                pass
    assert str(exc.value) == REJECTED_TOKEN
    assert WRONG_TOKEN not in str(exc.value)
    assert exc.value.__cause__ is None and exc.value.__suppress_context__


def test_unscripted_telegram_without_a_token_stops_at_once_with_a_clear_message():
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "bot", "telegram"], cwd=paths.ROOT, env=env,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode != 0
    assert "TELEGRAM_BOT_TOKEN is not set" in result.stderr
    assert "Training" not in result.stdout and "Loading" not in result.stdout
    assert time.monotonic() - started < 30  # no server was started first


def test_the_telegram_command_and_its_options():
    args = build_parser().parse_args(["telegram"])
    assert (args.webhook, args.rasa_url) == (False, None)
    args = build_parser().parse_args(["telegram", "--webhook", "--rasa-url", "http://r:5005"])
    assert (args.webhook, args.rasa_url) == (True, "http://r:5005")


def test_the_file_url_follows_the_api_url():
    assert file_url("https://api.telegram.org/bot") == "https://api.telegram.org/file/bot"
    assert file_url("http://127.0.0.1:8081/bot") == "http://127.0.0.1:8081/file/bot"
    assert file_url("http://local:8081/") == "http://local:8081/file/bot"
