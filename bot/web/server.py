"""The web server's routes: the demo page, the widget's files and the API."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable

from aiohttp import web

from bot.forget import forget as forget_everything
from bot.rasa_client import RasaClient
from bot.web import api, security
from bot.web.settings import WebSettings

STATIC = Path(__file__).parent / "static"
#: The files other pages load; nothing else from ``static/`` is served under /widget/.
WIDGET_FILES = ("unscripted-widget.js", "unscripted-widget.css")
PAGE_FILES = {"/": "index.html", "/demo.css": "demo.css"}


def _file(name: str) -> Callable[[web.Request], "web.FileResponse"]:
    async def serve(request: web.Request) -> web.FileResponse:
        response = web.FileResponse(STATIC / name)
        response.headers["Cache-Control"] = "no-cache"
        return response

    return serve


async def _widget_file(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    if name not in WIDGET_FILES:
        raise web.HTTPNotFound()
    return await _file(name)(request)


def build_app(
    settings: WebSettings,
    rasa: RasaClient,
    forget: Callable[[str], int] | None = None,
) -> web.Application:
    """The aiohttp application; ``forget`` deletes one sender's data (default: ``bot.forget``)."""
    app = web.Application(
        middlewares=[security.security_headers, security.cors],
        client_max_size=api.MAX_BODY_BYTES,
    )
    app[security.ORIGINS] = settings.allowed_origins
    app[api.RASA] = rasa
    app[api.FORGET] = forget or functools.partial(_forget, db_url=settings.db_url)
    for path, name in PAGE_FILES.items():
        app.router.add_get(path, _file(name))
    app.router.add_get("/widget/{name}", _widget_file)
    app.router.add_post("/api/message", api.message)
    app.router.add_post("/api/forget", api.forget)
    app.router.add_get("/api/health", api.health)
    app.router.add_route("*", "/api/{tail:.*}", api.not_found)
    return app


def _forget(sender_id: str, *, db_url: str) -> int:
    return forget_everything(sender_id=sender_id, db_url=db_url)
