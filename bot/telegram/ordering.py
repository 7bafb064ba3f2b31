"""Many people at once, each person's messages in order.

PTB processes updates concurrently (``concurrent_updates``) through this processor: updates
of different people run side by side, and the updates of one person wait for each other, in
the order they arrived (asyncio locks wake their waiters first in, first out, and PTB starts
the update tasks in the order it received them).
"""

from __future__ import annotations

import asyncio
from typing import Any, Awaitable

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def person_key(update: object) -> int | None:
    """Whose update this is: the Telegram user, else the chat; None if neither."""
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    if update.effective_chat is not None:
        return update.effective_chat.id
    return None


class PerPersonUpdateProcessor(BaseUpdateProcessor):
    """Serialises the updates of each person; different people run concurrently."""

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._holders: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run ``coroutine`` once this person's earlier updates are done."""
        key = person_key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._holders[key] = self._holders.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._holders[key] -= 1
            if self._holders[key] == 0:  # nobody waits: drop the lock, keep nothing per person
                del self._holders[key]
                del self._locks[key]

    def active_people(self) -> int:
        """How many people have an update running or waiting (for tests and health)."""
        return len(self._locks)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""
