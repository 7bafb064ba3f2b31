"""Malformed requests and a missing action server, against the real Rasa server."""

from __future__ import annotations

import json

import pytest

from bot import servers
from bot.channels.rest import TROUBLE
from tests.e2e.conftest import RasaController, texts

pytestmark = pytest.mark.servers


@pytest.mark.parametrize(("body", "says"), [
    (b"not json", "not valid JSON"),
    (b"[]", "JSON object"),
    (json.dumps({"message": "hi"}).encode(), "sender"),
    (json.dumps({"sender": "x", "message": {"a": 1}}).encode(), "must be text"),
])
def test_a_malformed_request_gets_a_clear_400(rasa: RasaController, body, says):
    status, reply = rasa.post_raw(body)
    assert status == 400
    assert says in reply["error"]


def test_without_the_action_server_the_person_gets_a_kind_reply_and_loses_nothing(
    rasa: RasaController, action_server: servers.Server, sender: str
):
    rasa.send(sender, "help me say how I feel")
    rasa.send(sender, "disappointed")
    action_server.stop()
    try:
        assert texts(rasa.send(sender, "when you cancelled our dinner on Friday")) == TROUBLE
    finally:
        action_server.start().wait_ready(timeout=120)
    tracker = rasa.tracker(sender)
    assert tracker["slots"]["feeling"] == "disappointed"
    assert tracker["active_loop"]["name"] == "reframe_form"
    assert "need" in texts(rasa.send(sender, "when you cancelled our dinner on Friday"))
    assert rasa.tracker(sender)["slots"]["observation"] == "you cancelled our dinner on Friday"
