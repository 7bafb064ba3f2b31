"""The real web server (bot.web) on loopback, in front of the fake Rasa."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any, AsyncIterator, Callable

from aiohttp import ClientSession, web

from bot.rasa_client import RasaClient
from bot.web.server import build_app
from bot.web.settings import WebSettings

SESSION = "0123456789abcdef0123456789abcdef"
ALLOWED = "https://counselling.example.org"


@dataclass
class Forgetter:
    """Records which senders were forgotten; fails on request (a database down)."""

    forgotten: list[str] = field(default_factory=list)
    fail: bool = False

    def __call__(self, sender_id: str) -> int:
        if self.fail:
            raise ConnectionError("the database is down")
        self.forgotten.append(sender_id)
        return 3


@dataclass
class Running:
    """A running web server: its address and an HTTP session to call it."""

    url: str
    http: ClientSession
    forgetter: Forgetter

    async def post(self, path: str, body: Any = None, *, raw: bytes | None = None,
                   headers: dict[str, str] | None = None) -> tuple[int, Any, Any]:
        """POST JSON (or raw bytes); return (status, parsed JSON, headers)."""
        kwargs: dict[str, Any] = {"data": raw} if raw is not None else {"json": body}
        async with self.http.post(self.url + path, headers=headers, **kwargs) as response:
            return response.status, await response.json(content_type=None), response.headers

    async def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, str, Any]:
        """GET; return (status, body text, headers)."""
        async with self.http.get(self.url + path, headers=headers) as response:
            return response.status, await response.text(), response.headers


@contextlib.asynccontextmanager
async def web_server(
    rasa_url: str,
    *,
    origins: frozenset[str] = frozenset({ALLOWED}),
    forgetter: Forgetter | None = None,
    forget: Callable[[str], int] | None = None,
) -> AsyncIterator[Running]:
    """Start the web server on a free port in front of ``rasa_url``."""
    settings = WebSettings(rasa_url=rasa_url, db_url="sqlite://", origins=origins,
                           rasa_timeout=5.0)
    rasa = RasaClient(rasa_url, timeout=5.0, retry_delay=0.01)
    await rasa.start()
    forgetter = forgetter or Forgetter()
    runner = web.AppRunner(build_app(settings, rasa, forget or forgetter), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    port = runner.addresses[0][1]
    try:
        async with ClientSession() as http:
            yield Running(f"http://127.0.0.1:{port}", http, forgetter)
    finally:
        await runner.cleanup()
        await rasa.close()
