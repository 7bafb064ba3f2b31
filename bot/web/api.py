"""The widget's API: send a message, forget a conversation, and is the assistant there.

- ``POST /api/message`` ``{"session": "<32 hex>", "text": "..."}`` →
  ``{"messages": [{"text", "buttons"?, "statement"?}]}``. The session becomes Rasa's sender id
  ``web-<session>``, so a web page can neither write into nor delete another channel's
  conversations. When Rasa cannot answer: 503 with ``retry: true`` (the widget keeps the
  message and sends it again once the assistant is back).
- ``POST /api/forget`` ``{"session": "<32 hex>"}`` → ``{"forgotten": true}``: everything
  stored about the conversation is deleted (``bot.forget``).
- ``GET /api/health`` → 200 ``{"status": "ok"}`` while Rasa answers, 503 otherwise.

Nothing here logs what people write.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from typing import Any, Callable

from aiohttp import web

from bot.rasa_client import RasaClient, RasaUnavailable
from bot.web.replies import to_widget

logger = logging.getLogger(__name__)

SENDER_PREFIX = "web-"
SESSION_SHAPE = re.compile(r"^[0-9a-f]{32}$")
MAX_BODY_BYTES = 64_000
MAX_TEXT_CHARS = 10_000

RASA = web.AppKey("rasa", RasaClient)
FORGET = web.AppKey("forget", Callable[[str], int])

USAGE = 'Send JSON like {"session": "<32 hex characters>", "text": "hello"}.'
EMPTY = "There's nothing to send yet. Write a few words whenever you're ready."
TOO_LONG = (
    f"That's longer than I can take in one message ({MAX_TEXT_CHARS:,} characters). "
    "Could you send it in a few parts?"
)
UNAVAILABLE = (
    "I can't reach the assistant right now. Your message is kept and will be sent as soon "
    "as it's back."
)
FORGET_FAILED = (
    "I couldn't delete the conversation just now, sorry. Nothing was lost; please try again "
    "in a minute."
)


class BadRequest(ValueError):
    """A request the API cannot use; the message says kindly how to fix it."""


def sender_id(session: str) -> str:
    """Rasa's sender id for a widget session."""
    return SENDER_PREFIX + session


async def _body(request: web.Request) -> dict[str, Any]:
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise BadRequest(TOO_LONG)
    raw = await request.content.read(MAX_BODY_BYTES + 1)
    if len(raw) > MAX_BODY_BYTES:
        raise BadRequest(TOO_LONG)
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadRequest("That message wasn't readable text. Could you type it again?") from None
    except ValueError:
        raise BadRequest("The request is not valid JSON. " + USAGE) from None
    if not isinstance(body, dict):
        raise BadRequest("The request must be a JSON object. " + USAGE)
    return body


def _session(body: dict[str, Any]) -> str:
    session = body.get("session")
    if not isinstance(session, str) or not SESSION_SHAPE.match(session):
        raise BadRequest('"session" must be 32 lower-case hex characters. ' + USAGE)
    return session


def _text(body: dict[str, Any]) -> str:
    text = body.get("text")
    if not isinstance(text, str):
        raise BadRequest('"text" must be a string. ' + USAGE)
    if not text.strip():
        raise BadRequest(EMPTY)
    if len(text) > MAX_TEXT_CHARS:
        raise BadRequest(TOO_LONG)
    return text


def _error(message: str, status: int, **extra: Any) -> web.Response:
    return web.json_response({"error": message, **extra}, status=status)


async def message(request: web.Request) -> web.Response:
    """One message from the widget, answered with the assistant's replies."""
    try:
        body = await _body(request)
        session, text = _session(body), _text(body)
    except BadRequest as exc:
        return _error(str(exc), 400)
    try:
        replies = await request.app[RASA].send(sender_id(session), text)
    except RasaUnavailable as exc:
        logger.warning("The assistant could not answer a web message: %s", exc.reason)
        return _error(UNAVAILABLE, 503, retry=True)
    return web.json_response({"messages": to_widget(replies)})


async def forget(request: web.Request) -> web.Response:
    """Delete everything stored about one widget conversation."""
    try:
        session = _session(await _body(request))
    except BadRequest as exc:
        return _error(str(exc), 400)
    try:
        deleted = await asyncio.to_thread(request.app[FORGET], sender_id(session))
    except Exception as exc:  # noqa: BLE001 - a database down gets a kind answer, not a 500
        logger.error("Could not forget a web conversation: %s", type(exc).__name__)
        return _error(FORGET_FAILED, 503, retry=True)
    logger.info("Forgot a web conversation (%d stored events deleted)", deleted)
    return web.json_response({"forgotten": True})


async def health(request: web.Request) -> web.Response:
    """Whether the assistant can answer right now."""
    if await request.app[RASA].is_up():
        return web.json_response({"status": "ok"})
    return web.json_response({"status": "unavailable"}, status=503)


async def not_found(request: web.Request) -> web.Response:
    """Unknown API paths and methods get JSON, not an HTML page."""
    return _error("There is nothing at this address for this method. " + USAGE, 404)
