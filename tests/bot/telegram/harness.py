"""Run the real bridge (PTB Application, handlers, web server) against the fakes.

Tests are plain functions that call ``asyncio.run`` through :func:`run_async`, so no pytest
plugin is needed.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, AsyncIterator, Awaitable, Callable

from aiohttp import ClientSession

from bot.forget import forget as real_forget
from bot.telegram.handlers import ForgetFunction
from bot.telegram.service import RunningBridge, running_bridge
from bot.telegram.settings import BridgeSettings
from bot.telegram.webhook import SECRET_HEADER
from tests.bot.telegram.fakes import FakeRasa, FakeTelegram, Replier, echo

SECRET = "test-secret-0123456789abcdef"
TEST_TIMEOUT = 90.0

def run_async(
    test: Callable[..., Awaitable[None]] | None = None, *, timeout: float = TEST_TIMEOUT
) -> Any:
    """Run an async test function in a fresh event loop, with a time limit
    (``@run_async``, or ``@run_async(timeout=...)`` for a longer one)."""

    def decorate(function: Callable[..., Awaitable[None]]) -> Callable[..., None]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> None:
            asyncio.run(asyncio.wait_for(function(*args, **kwargs), timeout))

        return wrapper

    return decorate(test) if test is not None else decorate


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now (for "Rasa is down")."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def settings_for(
    telegram: FakeTelegram, rasa_url: str, *, db_url: str = "sqlite://", timeout: float = 5.0,
    webhook: bool = False,
) -> BridgeSettings:
    """Bridge settings that point at the fakes, on a free port."""
    return BridgeSettings(
        token=telegram.token,
        rasa_url=rasa_url,
        db_url=db_url,
        host="127.0.0.1",
        port=0,
        rasa_timeout=timeout,
        webhook_url="https://bot.example.org/telegram" if webhook else None,
        webhook_secret=SECRET if webhook else None,
        api_base_url=telegram.base_url,
    )


@dataclass
class Harness:
    """The fakes and the running bridge, with a way to deliver updates."""

    telegram: FakeTelegram
    rasa: FakeRasa
    running: RunningBridge

    async def deliver(self, update: dict[str, Any]) -> None:
        """Polling: the next getUpdates returns it. Webhook: POST it with the secret."""
        if not self.running.webhook:
            self.telegram.push(update)
            return
        status, _ = await post_update(self.running.web_url, update, SECRET)
        assert status == 200

    async def say(self, user_id: int, text: str, replies: int = 1) -> list[str]:
        """Send ``text`` as ``user_id`` and wait for ``replies`` more messages to them."""
        before = len(self.telegram.texts(user_id))
        await self.deliver(self.telegram.text(user_id, text))
        texts = await self.telegram.wait_texts(user_id, before + replies)
        return texts[before:]

    async def tap(self, user_id: int, title: str, replies: int = 1) -> list[str]:
        """Tap the button called ``title`` on the bot's latest keyboard in this chat."""
        message = next(m for m in reversed(self.telegram.bot_messages(user_id))
                       if m.get("reply_markup"))
        data = next(b["callback_data"] for row in message["reply_markup"]["inline_keyboard"]
                    for b in row if b["text"] == title)
        before = len(self.telegram.texts(user_id))
        await self.deliver(self.telegram.callback(user_id, message, data))
        texts = await self.telegram.wait_texts(user_id, before + replies)
        return texts[before:]


async def post_update(
    web_url: str, update: Any, secret: str | None, raw: bytes | None = None
) -> tuple[int, str]:
    """POST to the bridge's webhook; return the status and body."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[SECRET_HEADER] = secret
    async with ClientSession() as session:
        async with session.post(f"{web_url}/telegram", data=raw or json.dumps(update).encode(),
                                headers=headers) as response:
            return response.status, await response.text()


def get_json(url: str) -> tuple[int, Any]:
    """GET a URL (blocking; call through asyncio.to_thread)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


@contextlib.asynccontextmanager
async def harness(
    *,
    replier: Replier = echo,
    webhook: bool = False,
    timeout: float = 5.0,
    db_url: str = "sqlite://",
    forget: ForgetFunction = real_forget,
    rasa_url: str | None = None,
) -> AsyncIterator[Harness]:
    """The fake Bot API, a fake Rasa and the real bridge between them."""
    async with FakeTelegram() as telegram, FakeRasa(replier) as rasa:
        settings = settings_for(telegram, rasa_url or rasa.url, db_url=db_url,
                                timeout=timeout, webhook=webhook)
        async with running_bridge(settings, webhook=webhook, forget=forget, retry_delay=0.05,
                                  typing_every=0.2) as running:
            yield Harness(telegram, rasa, running)
