"""Webhook mode: only requests with Telegram's secret header get in; the health check."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.telegram.webhook import secret_matches
from tests.bot.telegram.harness import SECRET, get_json, harness, post_update, run_async


@run_async
async def test_the_webhook_is_registered_with_its_secret_and_no_polling_happens():
    async with harness(webhook=True) as h:
        registered = h.telegram.called("setWebhook")
        assert len(registered) == 1
        assert registered[0].params["url"] == "https://bot.example.org/telegram"
        assert registered[0].params["secret_token"] == SECRET
        assert set(registered[0].params["allowed_updates"]) == {
            "message", "edited_message", "channel_post", "edited_channel_post", "callback_query"}
        assert h.running.application.updater is None
        assert not h.telegram.called("deleteWebhook")


@run_async
async def test_the_right_secret_gets_200_and_the_update_is_answered():
    async with harness(webhook=True) as h:
        assert await h.say(1, "/start") == ["telegram-1 said: /greet"]
        assert await h.say(1, "hello") == ["telegram-1 said: hello"]


@pytest.mark.parametrize("secret", [None, "", "wrong-secret-0123456789", SECRET[:-1],
                                    SECRET + "x", SECRET.upper()])
def test_a_missing_or_wrong_secret_gets_403_and_nothing_happens(secret, caplog):
    caplog.set_level(logging.INFO)

    @run_async
    async def scenario() -> None:
        async with harness(webhook=True) as h:
            status, _ = await post_update(h.running.web_url, h.telegram.text(1, "sneaky"),
                                          secret)
            assert status == 403
            await asyncio.sleep(0.3)
            assert h.rasa.requests == []
            assert not h.telegram.called("sendMessage")

    scenario()
    assert "Refused a webhook request without the right secret" in caplog.text
    assert SECRET not in caplog.text


@run_async
async def test_a_body_that_is_not_an_update_gets_400_even_with_the_secret():
    async with harness(webhook=True) as h:
        for raw in (b"not json", b"[1, 2]", b'{"no_update_id": 1}'):
            status, _ = await post_update(h.running.web_url, None, SECRET, raw=raw)
            assert status == 400, raw
        assert h.rasa.requests == []


@run_async
async def test_health_says_ok_and_whether_rasa_answers():
    async with harness(webhook=True) as h:
        status, body = await asyncio.to_thread(get_json, f"{h.running.web_url}/health")
        assert (status, body) == (200, {"status": "ok", "rasa": "up"})
    async with harness(webhook=True, rasa_url="http://127.0.0.1:9") as h:
        status, body = await asyncio.to_thread(get_json, f"{h.running.web_url}/health")
        assert (status, body) == (200, {"status": "ok", "rasa": "down"})


@run_async
async def test_polling_mode_has_the_health_check_but_no_webhook_route():
    async with harness() as h:
        status, body = await asyncio.to_thread(get_json, f"{h.running.web_url}/health")
        assert (status, body["status"]) == (200, "ok")
        status, _ = await post_update(h.running.web_url, h.telegram.text(1, "x"), SECRET)
        assert status in (404, 405)
        assert h.rasa.requests == []


def test_secret_comparison():
    assert secret_matches(SECRET, SECRET)
    assert not secret_matches(None, SECRET)
    assert not secret_matches("", SECRET)
    assert not secret_matches(SECRET + " ", SECRET)
    assert not secret_matches("ünïcödé", SECRET)
