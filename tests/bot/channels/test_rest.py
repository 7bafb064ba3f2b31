"""Request bodies for the REST channel: what is accepted and the clear errors otherwise."""

import json

import pytest

from bot.channels.rest import MAX_SENDER_CHARS, BadRequest, KindRestInput, parse_body


def _body(**fields):
    return json.dumps(fields).encode()


def test_a_normal_message():
    assert parse_body(_body(sender="u1", message="hi")) == ("u1", "hi", None)


def test_missing_message_is_an_empty_message_and_numbers_become_text():
    assert parse_body(_body(sender=42)) == ("42", "", None)
    assert parse_body(_body(sender="u", message=7)) == ("u", "7", None)
    assert parse_body(_body(sender="u", message="x", metadata={"a": 1})) == ("u", "x", {"a": 1})


@pytest.mark.parametrize(("raw", "says"), [
    (b"", "not valid JSON"),
    (b"hello", "not valid JSON"),
    (b"\xff\xfe\x00garbage", "not valid JSON"),
    (b"[1, 2]", "JSON object"),
    (_body(message="hi"), '"sender" is missing'),
    (_body(sender="   ", message="hi"), '"sender" is missing'),
    (_body(sender=True, message="hi"), '"sender" is missing'),
    (_body(sender="x" * (MAX_SENDER_CHARS + 1), message="hi"), "longer than"),
    (_body(sender="u", message=["a"]), '"message" must be text'),
    (_body(sender="u", message="hi", metadata="x"), '"metadata" must be'),
    (b"{" + b" " * 1_000_001 + b"}", "too large"),
])
def test_malformed_requests_get_a_clear_error(raw, says):
    with pytest.raises(BadRequest, match=says.replace("(", r"\(")):
        parse_body(raw)


def test_the_channel_keeps_rasas_url():
    assert KindRestInput.name() == "rest"
