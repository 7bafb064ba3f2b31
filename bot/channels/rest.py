"""The REST channel, made kind: clear errors for malformed requests, a kind reply when the
assistant cannot answer (the action server is down, say), and no message text in the logs.

Same URL and JSON as Rasa's own REST channel (``POST /webhooks/rest/webhook`` with
``{"sender": ..., "message": ...}``), so every client of it works unchanged.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

TROUBLE = (
    "I'm having trouble right now, sorry. Please try again in a minute; "
    "what you've written so far is kept."
)
MAX_SENDER_CHARS = 128
MAX_BODY_BYTES = 1_000_000
USAGE = 'Send a JSON object like {"sender": "some-id", "message": "hello"}.'


class BadRequest(ValueError):
    """A request the channel cannot use; the message says how to fix it."""


def parse_body(raw: bytes) -> Tuple[str, str, Optional[Dict[str, Any]]]:
    """Sender, message text and metadata from a request body, or :class:`BadRequest`."""
    if len(raw) > MAX_BODY_BYTES:
        raise BadRequest("The request is too large. " + USAGE)
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadRequest("The body is not valid JSON. " + USAGE) from exc
    if not isinstance(body, dict):
        raise BadRequest("The body must be a JSON object. " + USAGE)
    sender = body.get("sender")
    if isinstance(sender, (int, float)) and not isinstance(sender, bool):
        sender = str(sender)
    if not isinstance(sender, str) or not sender.strip():
        raise BadRequest('"sender" is missing or empty. ' + USAGE)
    if len(sender) > MAX_SENDER_CHARS:
        raise BadRequest(f'"sender" is longer than {MAX_SENDER_CHARS} characters.')
    message = body.get("message")
    if message is None:
        message = ""
    elif isinstance(message, (int, float)) and not isinstance(message, bool):
        message = str(message)
    elif not isinstance(message, str):
        raise BadRequest('"message" must be text. ' + USAGE)
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest('"metadata" must be a JSON object when given.')
    return sender.strip(), message, metadata


class MarkingCollector(CollectingOutputChannel):
    """Rasa's collector, keeping the ``statement`` mark an action puts on a text message.

    ``action_summarize`` sends the composed statement with ``statement=True``, so a client that
    can (the web widget) shows it as a card with a copy button; others just show the text.
    """

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        """Like Rasa's: one message per paragraph, each carrying the mark when there is one."""
        for paragraph in text.strip().split("\n\n"):
            message = self._message(recipient_id, text=paragraph)
            if kwargs.get("statement") is True:
                message["statement"] = True
            await self._persist_message(message)


class KindRestInput(RestInput):
    """Rasa's REST channel with input checks and a kind reply on failure."""

    @classmethod
    def name(cls) -> Text:
        """Keep Rasa's URL: /webhooks/rest/webhook."""
        return "rest"

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        """The health and webhook routes."""
        webhook = Blueprint("kind_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, text, metadata = parse_body(request.body or b"")
            except BadRequest as exc:
                return response.json({"error": str(exc)}, status=400)
            collector = MarkingCollector()
            try:
                await on_new_message(UserMessage(
                    text, collector, sender, input_channel=self.name(), metadata=metadata
                ))
            except Exception as exc:  # the person gets a kind reply; the log gets no text
                logger.error("Could not answer a message: %s", type(exc).__name__)
            if not collector.messages:
                collector.messages.append({"recipient_id": sender, "text": TROUBLE})
            return response.json(collector.messages)

        return webhook
