"""The web server in front of a fake Rasa: messages, forgetting, health, bad requests, CORS,
security headers, and no message text in the logs."""

from __future__ import annotations

import logging
from typing import Any

from bot.web import api, security
from tests.bot.fake_rasa import FakeRasa
from tests.bot.telegram.harness import free_port, run_async
from tests.bot.web.harness import ALLOWED, SESSION, Forgetter, web_server

PRIVATE = "my partner qzxv said something private"


async def summary(sender: str, message: str) -> list[dict[str, Any]]:
    """Rasa's replies at the end of a statement: a plain text, the marked statement, buttons,
    and an image the widget has no place for."""
    return [
        {"recipient_id": sender, "text": "Here is your statement:"},
        {"recipient_id": sender, "text": "I feel lonely when…", "statement": True},
        {"recipient_id": sender, "text": "How does it sound?\nOne line\nat a time",
         "buttons": [{"title": "Keep it", "payload": "/finish"}, {"title": "", "payload": "/x"}]},
        {"recipient_id": sender, "image": "https://example.org/cat.png"},
    ]


@run_async
async def test_a_message_reaches_rasa_as_a_web_sender_and_the_replies_come_back():
    async with FakeRasa(summary) as rasa, web_server(rasa.url) as server:
        status, body, _ = await server.post("/api/message", {"session": SESSION, "text": "hi 😊"})
    assert status == 200
    assert rasa.requests == [{"sender": f"web-{SESSION}", "message": "hi 😊"}]
    assert body == {"messages": [
        {"text": "Here is your statement:"},
        {"text": "I feel lonely when…", "statement": True},
        {"text": "How does it sound?\nOne line\nat a time",
         "buttons": [{"title": "Keep it", "payload": "/finish"}]},
    ]}


@run_async
async def test_non_english_and_markup_text_travel_unchanged():
    text = "<img src=x onerror=alert(1)> — ich fühle mich allein, 我很难过"
    async with FakeRasa() as rasa, web_server(rasa.url) as server:
        status, body, _ = await server.post("/api/message", {"session": SESSION, "text": text})
    assert status == 200
    assert rasa.messages_from(f"web-{SESSION}") == [text]
    assert body["messages"][0]["text"].endswith(text)


BAD_REQUESTS = [
    ({"session": SESSION, "text": ""}, "nothing to send"),
    ({"session": SESSION, "text": "   \n "}, "nothing to send"),
    ({"session": SESSION, "text": "x" * (api.MAX_TEXT_CHARS + 1)}, "a few parts"),
    ({"session": SESSION}, '"text" must be a string'),
    ({"session": SESSION, "text": 42}, '"text" must be a string'),
    ({"text": "hi"}, '"session" must be'),
    ({"session": "telegram-12345", "text": "hi"}, '"session" must be'),
    ({"session": SESSION.upper(), "text": "hi"}, '"session" must be'),
    ({"session": SESSION + "0", "text": "hi"}, '"session" must be'),
    (["not", "an", "object"], "must be a JSON object"),
]


@run_async
async def test_bad_requests_get_a_kind_400_and_never_reach_rasa():
    async with FakeRasa() as rasa, web_server(rasa.url) as server:
        for body, words in BAD_REQUESTS:
            status, answer, _ = await server.post("/api/message", body)
            assert (status, words in answer["error"]) == (400, True), body
        for raw, words in [
            (b"\xff\xfe\x00binary", "wasn't readable text"),
            (b'{"session": ', "not valid JSON"),
            (b"x" * (api.MAX_BODY_BYTES + 10), "a few parts"),
        ]:
            status, answer, _ = await server.post("/api/message", raw=raw)
            assert (status, words in answer["error"]) == (400, True), raw[:20]
    assert rasa.requests == []


@run_async
async def test_the_longest_allowed_message_still_goes_through():
    async with FakeRasa() as rasa, web_server(rasa.url) as server:
        text = "a" * api.MAX_TEXT_CHARS
        status, _, _ = await server.post("/api/message", {"session": SESSION, "text": text})
    assert status == 200 and rasa.messages_from(f"web-{SESSION}") == [text]


@run_async
async def test_rasa_down_gives_503_with_retry_and_health_says_so():
    async with web_server(f"http://127.0.0.1:{free_port()}") as server:
        status, body, _ = await server.post("/api/message", {"session": SESSION, "text": "hi"})
        health = await server.get("/api/health")
    assert status == 503 and body["retry"] is True
    assert "Your message is kept" in body["error"]
    assert health[0] == 503 and '"unavailable"' in health[1]


@run_async
async def test_health_is_ok_while_rasa_answers():
    async with FakeRasa() as rasa, web_server(rasa.url) as server:
        status, text, _ = await server.get("/api/health")
    assert (status, text) == (200, '{"status": "ok"}')


@run_async
async def test_forget_deletes_the_web_sender_only():
    async with FakeRasa() as rasa, web_server(rasa.url) as server:
        status, body, _ = await server.post("/api/forget", {"session": SESSION})
        bad = await server.post("/api/forget", {"session": "telegram-1"})
    assert (status, body) == (200, {"forgotten": True})
    assert server.forgetter.forgotten == [f"web-{SESSION}"]
    assert bad[0] == 400


@run_async
async def test_forget_with_the_database_down_says_so_kindly():
    async with FakeRasa() as rasa, web_server(rasa.url, forgetter=Forgetter(fail=True)) as server:
        status, body, _ = await server.post("/api/forget", {"session": SESSION})
    assert status == 503 and "couldn't delete" in body["error"] and body["retry"] is True


@run_async
async def test_forget_really_deletes_the_stored_events(tmp_path):
    import sqlalchemy as sa

    from bot.forget import forget

    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as db:
        db.execute(sa.text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT)"))
        db.execute(sa.text("INSERT INTO events (sender_id) VALUES (:a), (:a), (:b)"),
                   {"a": f"web-{SESSION}", "b": "telegram-7"})
    async with FakeRasa() as rasa, web_server(
        rasa.url, forget=lambda sender: forget(sender_id=sender, db_url=url)
    ) as server:
        status, _, _ = await server.post("/api/forget", {"session": SESSION})
    with engine.connect() as db:
        left = db.execute(sa.text("SELECT sender_id FROM events")).scalars().all()
    engine.dispose()
    assert status == 200 and left == ["telegram-7"]


@run_async
async def test_cors_allows_listed_origins_and_refuses_others():
    async with FakeRasa() as rasa, web_server(rasa.url) as server:
        body = {"session": SESSION, "text": "hi"}
        ok = await server.post("/api/message", body, headers={"Origin": ALLOWED})
        refused = await server.post("/api/message", body,
                                    headers={"Origin": "https://evil.example"})
        no_origin = await server.post("/api/message", body)
        async with server.http.options(server.url + "/api/message", headers={
            "Origin": ALLOWED, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        }) as preflight:
            pre_status, pre_headers = preflight.status, preflight.headers
        async with server.http.options(server.url + "/api/message", headers={
            "Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
        }) as bad_preflight:
            bad_pre = bad_preflight.status, bad_preflight.headers
    assert ok[0] == 200 and ok[2]["Access-Control-Allow-Origin"] == ALLOWED
    assert refused[0] == 403 and "not allowed" in refused[1]["error"]
    assert "Access-Control-Allow-Origin" not in refused[2]
    assert no_origin[0] == 200 and "Access-Control-Allow-Origin" not in no_origin[2]
    assert len(rasa.requests) == 2  # the refused one never reached Rasa
    assert pre_status == 204 and pre_headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "POST" in pre_headers["Access-Control-Allow-Methods"]
    assert bad_pre[0] == 403 and "Access-Control-Allow-Origin" not in bad_pre[1]


@run_async
async def test_the_demo_pages_own_address_is_always_allowed():
    async with FakeRasa() as rasa, web_server(rasa.url, origins=frozenset()) as server:
        port = server.url.rsplit(":", 1)[1]
        # The test server's settings say port 8080; its own origins are derived from them.
        own = await server.post("/api/message", {"session": SESSION, "text": "hi"},
                                headers={"Origin": "http://127.0.0.1:8080"})
        other_port = await server.post("/api/message", {"session": SESSION, "text": "hi"},
                                       headers={"Origin": f"http://127.0.0.1:{port}1"})
    assert own[0] == 200 and other_port[0] == 403


@run_async
async def test_every_answer_carries_the_strict_csp_and_only_widget_files_are_served():
    async with FakeRasa() as rasa, web_server(rasa.url) as server:
        page = await server.get("/")
        script = await server.get("/widget/unscripted-widget.js")
        style = await server.get("/widget/unscripted-widget.css")
        hidden = [await server.get(p) for p in (
            "/widget/index.html", "/widget/..%2fserver.py", "/widget/../api.py", "/static/index.html",
        )]
        missing = await server.get("/api/nothing-here")
    for status, _, headers in (page, script, style, missing):
        assert headers["Content-Security-Policy"] == security.CSP
        assert headers["X-Content-Type-Options"] == "nosniff"
    assert page[0] == 200 and "unscripted-widget.js" in page[1]
    assert "<script>" not in page[1] and " style=" not in page[1] and "onclick" not in page[1]
    assert script[0] == 200 and "javascript" in script[2]["Content-Type"]
    assert script[2]["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert style[0] == 200 and style[2]["Content-Type"].startswith("text/css")
    assert [status for status, _, _ in hidden] == [404, 404, 404, 404]
    assert missing[0] == 404 and "nothing at this address" in missing[1]
    assert "script-src 'self'" in security.CSP and "unsafe-inline" not in security.CSP


@run_async
async def test_no_message_text_in_the_logs(caplog):
    caplog.set_level(logging.DEBUG, logger="bot")
    async with FakeRasa() as rasa, web_server(rasa.url) as server:
        await server.post("/api/message", {"session": SESSION, "text": PRIVATE})
        await server.post("/api/forget", {"session": SESSION})
    async with web_server(f"http://127.0.0.1:{free_port()}") as down:
        await down.post("/api/message", {"session": SESSION, "text": PRIVATE})
    assert any("could not answer" in r.getMessage() for r in caplog.records)
    assert all("qzxv" not in r.getMessage() for r in caplog.records)
