"""Many people at once: no cross-talk, each person's messages in order, and real
concurrency across people."""

from __future__ import annotations

import asyncio
import random
import time

from telegram import Update

from bot.telegram.ordering import PerPersonUpdateProcessor, person_key
from tests.bot.telegram.harness import harness, run_async

PEOPLE = 50


@run_async
async def test_fifty_people_at_once_each_get_only_their_own_replies_in_order():
    rng = random.Random(5)

    async def rasa(sender: str, message: str) -> list[dict]:
        await asyncio.sleep(rng.uniform(0.05, 0.25))  # replies finish out of order
        return [{"text": f"{sender} | {message}"}]

    async with harness(replier=rasa) as h:
        users = [5000 + i for i in range(PEOPLE)]
        started = time.monotonic()
        for round_ in ("one", "two", "three"):
            for user_id in users:
                await h.deliver(h.telegram.text(user_id, f"message {round_} from {user_id}"))
        await h.telegram.wait_for(
            lambda: all(len(h.telegram.texts(u)) == 3 for u in users), timeout=30)
        elapsed = time.monotonic() - started

        for user_id in users:
            assert h.telegram.texts(user_id) == [
                f"telegram-{user_id} | message {r} from {user_id}" for r in ("one", "two", "three")
            ]
            assert h.rasa.messages_from(f"telegram-{user_id}") == [
                f"message {r} from {user_id}" for r in ("one", "two", "three")]
        assert len(h.rasa.requests) == 3 * PEOPLE
        # 150 answers of 0.15 s on average would take over 20 s one after another.
        assert elapsed < 10, elapsed
        processor = h.running.application.update_processor
        await h.telegram.wait_for(lambda: processor.active_people() == 0)  # nothing kept


@run_async
async def test_one_persons_quick_messages_are_answered_in_the_order_written():
    delays = {"first": 0.4, "second": 0.1, "third": 0.0}

    async def rasa(sender: str, message: str) -> list[dict]:
        await asyncio.sleep(delays[message])
        return [{"text": f"re: {message}"}]

    async with harness(replier=rasa) as h:
        for message in delays:
            await h.deliver(h.telegram.text(7, message))
        assert await h.telegram.wait_texts(7, 3) == ["re: first", "re: second", "re: third"]
        assert h.rasa.messages_from("telegram-7") == ["first", "second", "third"]


def _update(user_id: int) -> Update:
    return Update.de_json({"update_id": user_id, "message": {
        "message_id": 1, "date": 0, "chat": {"id": user_id, "type": "private"},
        "from": {"id": user_id, "is_bot": False, "first_name": "P"}, "text": "x"}}, None)


def test_the_person_is_the_user_then_the_chat():
    assert person_key(_update(42)) == 42
    channel = Update.de_json({"update_id": 1, "channel_post": {
        "message_id": 1, "date": 0, "chat": {"id": -100, "type": "channel"}}}, None)
    assert person_key(channel) == -100
    assert person_key("not an update") is None


@run_async
async def test_the_processor_serialises_one_person_and_overlaps_two():
    processor = PerPersonUpdateProcessor(16)
    log: list[str] = []

    async def work(name: str, seconds: float) -> None:
        log.append(f"start {name}")
        await asyncio.sleep(seconds)
        log.append(f"end {name}")

    await asyncio.gather(
        processor.process_update(_update(1), work("1a", 0.2)),
        processor.process_update(_update(1), work("1b", 0.0)),
        processor.process_update(_update(2), work("2a", 0.1)),
    )
    assert log.index("end 1a") < log.index("start 1b")  # same person: one after the other
    assert log.index("start 2a") < log.index("end 1a")  # another person: at the same time
    assert processor.active_people() == 0
