"""Button payloads as Telegram callback data, which may be at most 64 bytes.

A payload that fits travels inside the button itself (``p:<payload>``), so the button keeps
working across a restart of the bridge. A longer one is kept here, in memory, under a short
key (``k:<key>``) for the chat it was sent to; the newest entries are kept, and a tapped button
whose key is gone gets a kind "type your answer instead".
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

MAX_CALLBACK_BYTES = 64
INLINE = "p:"
KEYED = "k:"


class CallbackPayloads:
    """Encode payloads into callback data and back, per chat."""

    def __init__(self, max_entries: int = 10_000) -> None:
        self.max_entries = max_entries
        self._kept: OrderedDict[tuple[int, str], str] = OrderedDict()

    def encode(self, chat_id: int, payload: str) -> str:
        """Callback data for ``payload`` on a button sent to ``chat_id``."""
        data = INLINE + payload
        if len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES:
            return data
        key = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]
        self._kept[(chat_id, key)] = payload
        self._kept.move_to_end((chat_id, key))
        while len(self._kept) > self.max_entries:
            self._kept.popitem(last=False)
        return KEYED + key

    def decode(self, chat_id: int, data: str | None) -> str | None:
        """The payload behind ``data`` from ``chat_id``, or None when it is unknown."""
        if not data:
            return None
        if data.startswith(INLINE):
            return data[len(INLINE):] or None
        if data.startswith(KEYED):
            return self._kept.get((chat_id, data[len(KEYED):]))
        return None

    def forget(self, chat_id: int) -> int:
        """Drop every payload kept for ``chat_id``; return how many there were."""
        keys = [key for key in self._kept if key[0] == chat_id]
        for key in keys:
            del self._kept[key]
        return len(keys)

    def count(self, chat_id: int) -> int:
        """How many payloads are kept for ``chat_id``."""
        return sum(1 for key in self._kept if key[0] == chat_id)
