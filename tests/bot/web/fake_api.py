"""A stand-in for the Unscripted web server, for the widget's browser tests.

It serves the real files in ``bot/web/static/`` the way ``bot.web.server`` does (the demo page
at ``/``, its style sheet at ``/demo.css``, the widget at ``/widget/<file>``) with the same
strict Content-Security-Policy, and answers the widget's three API routes with scripted
replies. Tests switch it to 503 ("the assistant is restarting") or stop it listening
("connection refused") and read back what it received.

Test-only pages: ``/page.html?config=<json>`` is the demo page with another ``data-config``
(and ``&global=<json>`` adds a script that sets ``window.UnscriptedConfig`` first), and
``/canary.html`` breaks the CSP on purpose, to prove the tests notice violations.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Awaitable, Callable
from urllib.parse import quote

from aiohttp import web

STATIC = Path(__file__).resolve().parents[3] / "bot" / "web" / "static"
WIDGET_FILES = ("unscripted-widget.js", "unscripted-widget.css")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SESSION_SHAPE = re.compile(r"^[0-9a-f]{32}$")
DATA_CONFIG = re.compile(r"data-config='[^']*'")

STATEMENT = (
    "I feel hurt when you booked the flights for our trip on Sunday without asking me,\n"
    "and I need respect. Would you be willing to plan the next trip with me?"
)
GREETING = [
    {"text": "Hi, I'm Unscripted. I help you find words for a hard moment with your partner. "
             "(Self-help, not therapy, and not an emergency service.)"},
    {"text": "How did the conversation go?",
     "buttons": [{"title": "It went well", "payload": "/went_well"},
                 {"title": "It was hard", "payload": "/hard"}]},
]
BAD_REQUEST = "That message didn't come through right. Could you write it again?"


def reply_to(text: str) -> tuple[int, dict[str, Any]]:
    """The scripted answer to one message: (HTTP status, JSON body)."""
    if text == "/greet":
        return 200, {"messages": GREETING}
    if text == "/went_well":
        return 200, {"messages": [{"text": "That's good to hear. What went well?"}]}
    if text == "/hard":
        return 200, {"messages": [
            {"text": "Here is your statement:"},
            {"text": STATEMENT, "statement": True},
            {"text": "How does it sound?",
             "buttons": [{"title": "I'm happy with it", "payload": "/affirm"}]},
        ]}
    if text == "!bad":
        return 400, {"error": BAD_REQUEST}
    if text == "!forbidden":
        return 403, {"error": "This page is not allowed to use this assistant."}
    return 200, {"messages": [{"text": f"You said: {text}"}]}


@dataclass
class FakeApi:
    """The scripted API and what it saw. ``mode`` is "up" or "503" (assistant restarting)."""

    mode: str = "up"
    received: list[tuple[str, str]] = field(default_factory=list)  # answered (session, text)
    refused: list[tuple[str, str]] = field(default_factory=list)  # answered with 503
    forgotten: list[str] = field(default_factory=list)
    health_checks: int = 0

    def reset(self) -> None:
        """Forget everything from the previous test."""
        self.mode = "up"
        self.received.clear()
        self.refused.clear()
        self.forgotten.clear()
        self.health_checks = 0

    def texts(self) -> list[str]:
        """The texts answered, in order."""
        return [text for _, text in self.received]

    def sessions(self) -> list[str]:
        """The distinct session ids answered, in order of first use."""
        return list(dict.fromkeys(session for session, _ in self.received))

    # --- routes -------------------------------------------------------------------------------

    def app(self) -> web.Application:
        """The aiohttp application."""
        app = web.Application(middlewares=[_headers])
        app.router.add_get("/", self._page)
        app.router.add_get("/page.html", self._page)
        app.router.add_get("/demo.css", _static("demo.css"))
        app.router.add_get("/widget/{name}", _widget_file)
        app.router.add_get("/global-config.js", _global_config)
        app.router.add_get("/canary.html", _canary)
        app.router.add_get("/api/health", self._health)
        app.router.add_post("/api/message", self._message)
        app.router.add_post("/api/forget", self._forget)
        return app

    async def _page(self, request: web.Request) -> web.Response:
        page = (STATIC / "index.html").read_text(encoding="utf-8")
        config = request.query.get("config")
        if config is not None:
            attribute = f'data-config="{html.escape(config, quote=True)}"'
            page = DATA_CONFIG.sub(lambda _: attribute, page, count=1)
        if "global" in request.query:
            src = "/global-config.js?config=" + quote(request.query["global"], safe="")
            page = page.replace("<script ", f'<script src="{src}"></script>\n  <script ', 1)
        return web.Response(text=page, content_type="text/html")

    async def _health(self, request: web.Request) -> web.Response:
        self.health_checks += 1
        if self.mode == "503":
            return web.json_response({"status": "unavailable"}, status=503)
        return web.json_response({"status": "ok"})

    async def _message(self, request: web.Request) -> web.Response:
        body = await request.json()
        session, text = body.get("session"), body.get("text")
        if not isinstance(session, str) or not SESSION_SHAPE.match(session):
            return web.json_response({"error": "bad session"}, status=400)
        if not isinstance(text, str) or not text.strip():
            return web.json_response({"error": "empty text"}, status=400)
        if self.mode == "503":
            self.refused.append((session, text))
            return web.json_response({"error": "restarting", "retry": True}, status=503)
        if text == "!slow":
            await asyncio.sleep(0.8)  # long enough to see the typing indicator
        status, answer = reply_to(text)
        if status == 200:
            self.received.append((session, text))
        return web.json_response(answer, status=status)

    async def _forget(self, request: web.Request) -> web.Response:
        session = (await request.json()).get("session")
        if not isinstance(session, str) or not SESSION_SHAPE.match(session):
            return web.json_response({"error": "bad session"}, status=400)
        if self.mode == "503":
            return web.json_response(
                {"error": "I couldn't delete the conversation just now, sorry.", "retry": True},
                status=503)
        self.forgotten.append(session)
        return web.json_response({"forgotten": True})


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def _headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The real server's CSP on everything; no keep-alive, so "stop listening" really refuses."""
    response = await handler(request)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    response.force_close()
    return response


def _static(name: str) -> Handler:
    async def serve(request: web.Request) -> web.StreamResponse:
        return web.FileResponse(STATIC / name)

    return serve


async def _widget_file(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    if name not in WIDGET_FILES:
        raise web.HTTPNotFound()
    return web.FileResponse(STATIC / name)


async def _global_config(request: web.Request) -> web.Response:
    config = json.loads(request.query.get("config", "{}"))
    return web.Response(text=f"window.UnscriptedConfig = {json.dumps(config)};\n",
                        content_type="text/javascript")


async def _canary(request: web.Request) -> web.Response:
    page = ('<!doctype html><html><head><style>body{color:red}</style></head>'
            '<body><p style="color:blue">canary</p></body></html>')
    return web.Response(text=page, content_type="text/html")


class FakeServer:
    """Runs a :class:`FakeApi` on loopback in a background thread with its own event loop."""

    def __init__(self, api: FakeApi) -> None:
        self.api = api
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="fake-api",
                                        daemon=True)
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None

    @property
    def url(self) -> str:
        """The server's base address, e.g. ``http://127.0.0.1:41234``."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start listening on a free port."""
        self._thread.start()
        self._call(self._start())

    def refuse_connections(self) -> None:
        """Stop listening: the browser's next request gets "connection refused"."""
        self._call(self._stop_listening())

    def accept_connections(self) -> None:
        """Listen again on the same port (nothing to do if it is listening)."""
        if self._site is None:
            self._call(self._listen(self.port))

    def close(self) -> None:
        """Stop the server and its thread."""
        if self._runner is not None:
            self._call(self._runner.cleanup())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()

    def _call(self, coroutine: Awaitable[Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=10)

    async def _start(self) -> None:
        self._runner = web.AppRunner(self.api.app(), access_log=None)
        await self._runner.setup()
        await self._listen(0)

    async def _listen(self, port: int) -> None:
        assert self._runner is not None
        site = web.TCPSite(self._runner, "127.0.0.1", port, reuse_address=True)
        await site.start()
        self._site = site
        server = site._server  # noqa: SLF001 - the only way to learn the port chosen for 0
        assert server is not None and server.sockets
        self.port = int(server.sockets[0].getsockname()[1])

    async def _stop_listening(self) -> None:
        if self._site is not None:
            await self._site.stop()
            self._site = None
