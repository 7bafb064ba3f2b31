"""A fake Telegram Bot API, an aiohttp server on loopback (the fake Rasa: tests/bot/fake_rasa.py).

The fake Bot API answers the methods the bridge's real python-telegram-bot code calls
(pointed here with ``base_url``), records every call, and hands out updates through
``getUpdates`` (polling) or builds them for a test to POST to the webhook.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from aiohttp import web

from tests.bot.fake_rasa import FakeRasa, Replier, LoopbackServer, echo

TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghij"
BOT_ID = 123456789
BOT_USERNAME = "unscripted_test_bot"
#: Parameters PTB sends JSON-encoded; the others are plain strings.
JSON_FIELDS = {
    "chat_id", "reply_markup", "commands", "allowed_updates", "offset", "limit", "timeout",
    "message_id", "show_alert", "drop_pending_updates", "scope", "cache_time",
}


@dataclass
class Call:
    """One Bot API request as the fake saw it."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    failed: bool = False  # answered with an error (see ``fail_next``)


def private_chat(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "type": "private", "first_name": f"Person{user_id}"}


def user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"Person{user_id}"}


class FakeTelegram(LoopbackServer):
    """The fake Bot API server. Start with ``async with FakeTelegram() as tg``."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.calls: list[Call] = []
        self._pending: list[dict[str, Any]] = []
        self._new_update = asyncio.Event()
        self._new_call = asyncio.Event()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._callback_ids = itertools.count(1)
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.fail_next: dict[str, dict[str, Any]] = {}

    # ---- server ----------------------------------------------------------------------------

    def _app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        return app

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        params = dict(await request.post()) if request.method == "POST" else {}
        params = {k: (json.loads(v) if k in JSON_FIELDS and isinstance(v, str) else v)
                  for k, v in params.items()}
        error = self.fail_next.pop(method, None)
        if method != "getUpdates":
            self.calls.append(Call(method, params, failed=error is not None))
            self._new_call.set()
        if error is not None:
            return web.json_response({"ok": False, **error}, status=error["error_code"])
        handler = getattr(self, f"_m_{method}", None)
        result = await handler(params) if handler else True
        return web.json_response({"ok": True, "result": result})

    # ---- Bot API methods -------------------------------------------------------------------

    async def _m_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"id": BOT_ID, "is_bot": True, "first_name": "Unscripted",
                "username": BOT_USERNAME, "can_join_groups": True,
                "can_read_all_group_messages": False, "supports_inline_queries": False}

    async def _m_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        self._pending = [u for u in self._pending if u["update_id"] >= offset]
        if not self._pending:
            self._new_update.clear()
            wait = min(float(params.get("timeout") or 0), 0.5)
            if wait > 0:
                try:
                    await asyncio.wait_for(self._new_update.wait(), wait)
                except asyncio.TimeoutError:
                    pass
        limit = int(params.get("limit") or 100)
        return self._pending[:limit]

    async def _m_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": private_chat(chat_id) if chat_id > 0 else {"id": chat_id, "type": "group",
                                                               "title": "A group"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Unscripted",
                     "username": BOT_USERNAME},
            "text": params["text"],
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.messages[(chat_id, message["message_id"])] = message
        return message

    async def _m_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        key = (int(params["chat_id"]), int(params["message_id"]))
        message = dict(self.messages[key])
        message["text"] = params["text"]
        message.pop("reply_markup", None)
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.messages[key] = message
        return message

    async def _m_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        key = (int(params["chat_id"]), int(params["message_id"]))
        message = dict(self.messages[key])
        message.pop("reply_markup", None)
        self.messages[key] = message
        return message

    # ---- updates ---------------------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Hand ``update`` to the next getUpdates (polling)."""
        self._pending.append(update)
        self._new_update.set()
        return update

    def _update(self, **content: Any) -> dict[str, Any]:
        return {"update_id": next(self._update_ids), **content}

    def _message(self, chat: dict[str, Any], sender: dict[str, Any] | None,
                 **content: Any) -> dict[str, Any]:
        message = {"message_id": next(self._message_ids), "date": int(time.time()),
                   "chat": chat, **content}
        if sender is not None:
            message["from"] = sender
        return message

    def text(self, user_id: int, text: str) -> dict[str, Any]:
        """A text message in a private chat (commands get their bot_command entity)."""
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
            ]
        return self._update(message=self._message(private_chat(user_id), user(user_id),
                                                   **content))

    def media(self, user_id: int, **content: Any) -> dict[str, Any]:
        """A non-text message in a private chat (a sticker, a photo, a voice note...)."""
        return self._update(message=self._message(private_chat(user_id), user(user_id),
                                                  **content))

    def edited(self, user_id: int, text: str) -> dict[str, Any]:
        message = self._message(private_chat(user_id), user(user_id), text=text)
        message["edit_date"] = int(time.time())
        return self._update(edited_message=message)

    def group_text(self, chat_id: int, user_id: int, text: str,
                   chat_type: str = "group") -> dict[str, Any]:
        chat = {"id": chat_id, "type": chat_type, "title": "Friends"}
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
            ]
        return self._update(message=self._message(chat, user(user_id), **content))

    def channel_post(self, chat_id: int, text: str) -> dict[str, Any]:
        chat = {"id": chat_id, "type": "channel", "title": "News"}
        return self._update(channel_post=self._message(chat, None, text=text,
                                                       sender_chat=chat))

    def callback(self, user_id: int, message: dict[str, Any], data: str) -> dict[str, Any]:
        """A tap on a button of ``message`` (a message the bot sent) with ``data``."""
        return self._update(callback_query={
            "id": str(next(self._callback_ids)),
            "from": user(user_id),
            "chat_instance": f"ci-{user_id}",
            "message": self.messages.get((message["chat"]["id"], message["message_id"]),
                                         message),
            "data": data,
        })

    # ---- what the bridge did ---------------------------------------------------------------

    def called(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def bot_messages(self, chat_id: int) -> list[dict[str, Any]]:
        """The bot's messages in one chat as they are now (edits applied), in order."""
        return [m for (cid, _), m in self.messages.items() if cid == chat_id]

    def texts(self, chat_id: int) -> list[str]:
        """Texts delivered to one chat with sendMessage, in order (as first sent)."""
        return [c.params["text"] for c in self.called("sendMessage")
                if int(c.params["chat_id"]) == chat_id and not c.failed]

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        """Wait until ``predicate()`` holds after some call, or fail."""
        deadline = time.monotonic() + timeout
        while not predicate():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"timed out after {timeout} s; calls: "
                                     f"{[c.method for c in self.calls][-20:]}")
            self._new_call.clear()
            try:
                await asyncio.wait_for(self._new_call.wait(), min(remaining, 0.2))
            except asyncio.TimeoutError:
                pass

    async def wait_texts(self, chat_id: int, count: int, timeout: float = 10.0) -> list[str]:
        """Wait until ``count`` messages were sent to ``chat_id``; return all its texts."""
        await self.wait_for(lambda: len(self.texts(chat_id)) >= count, timeout)
        return self.texts(chat_id)


__all__ = ["FakeRasa", "FakeTelegram", "Replier", "echo"]
