"""The bridge's own small web server (aiohttp): the webhook and a health check.

- ``POST /telegram`` (webhook mode only): Telegram's updates. A request without the secret
  header ``X-Telegram-Bot-Api-Secret-Token``, or with a wrong one, gets 403 and is dropped.
  A good one is put on PTB's update queue and answered 200 at once.
- ``GET /health``: 200 while the bridge runs (503 otherwise), with whether Rasa answers.
"""

from __future__ import annotations

import hmac
import json
import logging

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.rasa_client import RasaClient

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
WEBHOOK_PATH = "/telegram"
HEALTH_PATH = "/health"
MAX_BODY_BYTES = 1_000_000

APPLICATION = web.AppKey("application", Application)
RASA = web.AppKey("rasa", RasaClient)
SECRET = web.AppKey("secret", str)


def secret_matches(given: str | None, expected: str) -> bool:
    """Constant-time comparison of the header with the configured secret."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


async def receive_update(request: web.Request) -> web.Response:
    """One update from Telegram, checked and queued."""
    if not secret_matches(request.headers.get(SECRET_HEADER), request.app[SECRET]):
        logger.warning("Refused a webhook request without the right secret")
        return web.Response(status=403, text="forbidden")
    try:
        data = json.loads(await request.read())
    except ValueError:
        return web.Response(status=400, text="the body is not JSON")
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
        return web.Response(status=400, text="not a Telegram update")
    application = request.app[APPLICATION]
    try:
        update = Update.de_json(data, application.bot)
    except Exception as exc:  # noqa: BLE001 - an update PTB cannot read must not crash us
        logger.warning("Could not read an update: %s", type(exc).__name__)
        return web.Response(status=400, text="not a Telegram update")
    await application.update_queue.put(update)
    return web.Response(text="ok")


async def health(request: web.Request) -> web.Response:
    """Whether the bridge is running, and whether the Rasa server answers."""
    application = request.app[APPLICATION]
    rasa_up = await request.app[RASA].is_up()
    running = application.running
    return web.json_response(
        {"status": "ok" if running else "stopped", "rasa": "up" if rasa_up else "down"},
        status=200 if running else 503,
    )


def build_web_app(
    application: Application, rasa: RasaClient, *, secret: str | None
) -> web.Application:
    """The web app; the webhook route exists only when a secret is given (webhook mode)."""
    app = web.Application(client_max_size=MAX_BODY_BYTES)
    app[APPLICATION] = application
    app[RASA] = rasa
    app.router.add_get(HEALTH_PATH, health)
    if secret is not None:
        if not secret:
            raise ValueError("An empty webhook secret would let anyone post updates.")
        app[SECRET] = secret
        app.router.add_post(WEBHOOK_PATH, receive_update)
    return app
