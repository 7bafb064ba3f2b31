"""Rasa down, failing or slow: the person gets a kind word, the message is retried once,
and the log says what failed without what was written."""

from __future__ import annotations

import asyncio
import logging

from bot.telegram import texts
from tests.bot.telegram.harness import free_port, harness, run_async

PRIVATE = "my partner zqxwv said something private"


def test_rasa_down_gets_the_kind_reply_and_a_log_line_without_the_text(caplog):
    caplog.set_level(logging.INFO)

    @run_async
    async def scenario() -> None:
        async with harness(rasa_url=f"http://127.0.0.1:{free_port()}") as h:
            assert await h.say(1, PRIVATE) == [texts.TROUBLE]
            assert "try again in a minute" in texts.TROUBLE

    scenario()
    failures = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any("cannot connect" in m and "attempt 2 of 2" in m for m in failures)
    assert any("could not answer a message: cannot connect" in m for m in failures)
    assert "zqxwv" not in caplog.text


@run_async
async def test_a_failure_is_retried_once_and_the_person_never_notices():
    async with harness() as h:
        h.rasa.fail_first = 1
        assert await h.say(1, "hello") == ["telegram-1 said: hello"]
        assert len(h.rasa.requests) == 2
        assert h.rasa.messages_from("telegram-1") == ["hello", "hello"]


@run_async
async def test_two_failures_give_the_kind_reply_after_exactly_two_tries():
    async with harness() as h:
        h.rasa.fail_first = 2
        assert await h.say(1, "hello") == [texts.TROUBLE]
        assert len(h.rasa.requests) == 2
        assert await h.say(1, "again") == ["telegram-1 said: again"]  # back once Rasa is


@run_async
async def test_a_slow_rasa_gets_the_kind_reply_and_typing_shows_meanwhile():
    async with harness(timeout=0.3) as h:
        h.rasa.delay = 2.0
        assert await h.say(1, "hello") == [texts.TROUBLE]
        assert len(h.rasa.requests) == 2
        assert h.telegram.called("sendChatAction")


@run_async
async def test_a_failing_telegram_send_is_handled_and_the_next_message_works():
    async with harness() as h:
        h.telegram.fail_next["sendMessage"] = {"error_code": 400,
                                               "description": "Bad Request: chat not found"}
        await h.deliver(h.telegram.text(1, "first"))
        # the failed reply is followed by the kind message from the error handler
        assert await h.telegram.wait_texts(1, 1) == [texts.TROUBLE]
        assert [c.failed for c in h.telegram.called("sendMessage")] == [True, False]
        assert await h.say(1, "second") == ["telegram-1 said: second"]


@run_async
async def test_flood_control_is_waited_out_once():
    async with harness() as h:
        h.telegram.fail_next["sendMessage"] = {
            "error_code": 429, "description": "Too Many Requests: retry after 1",
            "parameters": {"retry_after": 1}}
        loop = asyncio.get_running_loop()
        started = loop.time()
        assert await h.say(1, "hello") == ["telegram-1 said: hello"]
        assert loop.time() - started >= 1.0
        assert [c.failed for c in h.telegram.called("sendMessage")] == [True, False]
