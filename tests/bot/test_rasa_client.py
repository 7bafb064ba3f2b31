"""The Rasa client: one retry when Rasa is down, failing or slow; none when it answered;
failures logged by kind, never with the message."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest

from bot.rasa_client import RasaClient, RasaUnavailable
from tests.bot.fake_rasa import FakeRasa
from tests.bot.telegram.harness import free_port, run_async

PRIVATE = "my partner zqxwv said something private"


async def _send(url: str, timeout: float = 2.0) -> list[dict]:
    client = RasaClient(url, timeout=timeout, retry_delay=0.01)
    await client.start()
    try:
        return await client.send("telegram-1", PRIVATE)
    finally:
        await client.close()


@run_async
async def test_an_answer_is_returned_after_one_request():
    async with FakeRasa() as rasa:
        replies = await _send(rasa.url)
    assert replies == [{"recipient_id": "telegram-1", "text": f"telegram-1 said: {PRIVATE}"}]
    assert len(rasa.requests) == 1  # no retry when it worked


@run_async
async def test_a_failure_is_retried_once_and_the_second_answer_used():
    async with FakeRasa() as rasa:
        rasa.fail_first = 1
        replies = await _send(rasa.url)
    assert replies[0]["text"].endswith(PRIVATE)
    assert len(rasa.requests) == 2


@run_async
async def test_two_failures_give_up_after_exactly_two_requests():
    async with FakeRasa() as rasa:
        rasa.fail_first = 5
        with pytest.raises(RasaUnavailable, match="HTTP 500"):
            await _send(rasa.url)
    assert len(rasa.requests) == 2


@run_async
async def test_a_server_that_is_down_is_a_clear_error():
    with pytest.raises(RasaUnavailable, match="cannot connect"):
        await _send(f"http://127.0.0.1:{free_port()}")


@run_async
async def test_a_slow_server_times_out_and_is_retried_once():
    async with FakeRasa() as rasa:
        rasa.delay = 1.0
        started = time.monotonic()
        with pytest.raises(RasaUnavailable, match="no answer within 0.3 s"):
            await _send(rasa.url, timeout=0.3)
        assert time.monotonic() - started < 0.9  # two tries of 0.3 s, not the full second
        # On a busy machine the fake server may see the second try a moment after the client
        # gave up on it; what counts is that it arrived, and that there was no third.
        deadline = time.monotonic() + 2.0
        while rasa.hits < 2 and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.1)
    assert rasa.hits == 2


@run_async
async def test_a_refused_request_is_not_retried():
    async with FakeRasa() as rasa:
        with pytest.raises(RasaUnavailable, match="HTTP 404"):
            await _send(rasa.url + "/no-such-path")  # a 4xx will not get better by retrying
    assert rasa.hits == 1


@run_async
async def test_an_answer_that_is_not_a_list_of_replies_is_an_error():
    async def odd(sender: str, message: str):
        return {"text": "not a list"}

    async with FakeRasa(odd) as rasa:
        with pytest.raises(RasaUnavailable, match="not a list"):
            await _send(rasa.url)


def test_failures_are_logged_without_the_message(caplog):
    caplog.set_level(logging.DEBUG)

    @run_async
    async def scenario():
        with pytest.raises(RasaUnavailable):
            await _send(f"http://127.0.0.1:{free_port()}")

    scenario()
    warnings = [r for r in caplog.records if r.name == "bot.rasa_client"]
    assert len(warnings) == 2 and "attempt 2 of 2" in warnings[1].getMessage()
    assert "zqxwv" not in caplog.text


@run_async
async def test_is_up_tells_whether_rasa_answers():
    async with FakeRasa() as rasa:
        client = RasaClient(rasa.url)
        await client.start()
        assert await client.is_up()
        await client.close()
    down = RasaClient(f"http://127.0.0.1:{free_port()}")
    await down.start()
    assert not await down.is_up()
    await down.close()
