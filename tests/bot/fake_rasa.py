"""A fake of the Rasa server's REST channel, an aiohttp server on loopback, shared by the
tests of everything that talks to Rasa over REST (the Telegram bridge, the web server)."""

from __future__ import annotations

import asyncio
from typing import Any, Awaitable, Callable

from aiohttp import web


class LoopbackServer:
    """An aiohttp app on a free port of 127.0.0.1, for ``async with``."""

    _runner: web.AppRunner | None = None
    port = 0

    def _app(self) -> web.Application:
        raise NotImplementedError

    async def __aenter__(self) -> Any:
        self._runner = web.AppRunner(self._app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


Replier = Callable[[str, str], Awaitable[list[dict[str, Any]]]]


async def echo(sender: str, message: str) -> list[dict[str, Any]]:
    """The default fake Rasa: one reply naming the sender and the message."""
    return [{"recipient_id": sender, "text": f"{sender} said: {message}"}]


class FakeRasa(LoopbackServer):
    """A fake of the REST channel: ``replier`` decides the replies; failures on request."""

    def __init__(self, replier: Replier = echo) -> None:
        self.replier = replier
        self.requests: list[dict[str, Any]] = []
        self.fail_first = 0  # answer 500 to this many requests first
        self.delay = 0.0  # seconds before answering
        self.hits = 0  # every HTTP request, whatever its path

    def _app(self) -> web.Application:
        @web.middleware
        async def count(request: web.Request, handler: Any) -> web.StreamResponse:
            self.hits += 1
            return await handler(request)

        app = web.Application(middlewares=[count])
        app.router.add_post("/webhooks/rest/webhook", self._webhook)
        app.router.add_get("/", self._status)
        return app

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _status(self, request: web.Request) -> web.Response:
        return web.Response(text="Hello from Rasa: 3.6.21")

    async def _webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.fail_first > 0:
            self.fail_first -= 1
            return web.Response(status=500, text="internal error")
        return web.json_response(await self.replier(body["sender"], body["message"]))

    def messages_from(self, sender: str) -> list[str]:
        return [r["message"] for r in self.requests if r["sender"] == sender]
