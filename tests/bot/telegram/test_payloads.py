"""Button payloads as callback data: Telegram allows 64 bytes, longer payloads still work."""

from __future__ import annotations

from bot.telegram.payloads import MAX_CALLBACK_BYTES, CallbackPayloads

LONG = '/change_part{"part": "observation", "note": "' + "x" * 80 + '"}'


def test_a_short_payload_travels_inside_the_button():
    payloads = CallbackPayloads()
    data = payloads.encode(1, "/affirm")
    assert data == "p:/affirm"
    assert payloads.decode(1, data) == "/affirm"
    assert payloads.decode(2, data) == "/affirm"  # nothing kept, so it survives a restart
    assert payloads.count(1) == 0


def test_a_payload_of_exactly_64_bytes_with_its_prefix_is_inline_one_more_is_keyed():
    payloads = CallbackPayloads()
    fits = "y" * (MAX_CALLBACK_BYTES - 2)
    assert payloads.encode(1, fits) == "p:" + fits
    keyed = payloads.encode(1, fits + "y")
    assert keyed.startswith("k:") and len(keyed.encode()) <= MAX_CALLBACK_BYTES
    assert payloads.decode(1, keyed) == fits + "y"


def test_multibyte_payloads_are_measured_in_bytes():
    payloads = CallbackPayloads()
    feeling = "überwältigt " * 5  # 60 characters, 70 bytes
    data = payloads.encode(1, feeling)
    assert data.startswith("k:")
    assert payloads.decode(1, data) == feeling


def test_a_long_payload_is_kept_for_its_own_chat_only():
    payloads = CallbackPayloads()
    data = payloads.encode(1, LONG)
    assert len(data.encode()) <= MAX_CALLBACK_BYTES
    assert payloads.decode(1, data) == LONG
    assert payloads.decode(2, data) is None  # another chat cannot replay it


def test_unknown_and_foreign_callback_data_decode_to_nothing():
    payloads = CallbackPayloads()
    assert payloads.decode(1, "k:0123456789abcdef") is None
    assert payloads.decode(1, "something else") is None
    assert payloads.decode(1, "p:") is None
    assert payloads.decode(1, None) is None


def test_forget_drops_one_chat_and_keeps_the_others():
    payloads = CallbackPayloads()
    mine, theirs = payloads.encode(1, LONG), payloads.encode(2, LONG)
    assert payloads.forget(1) == 1
    assert payloads.decode(1, mine) is None
    assert payloads.decode(2, theirs) == LONG


def test_only_the_newest_payloads_are_kept():
    payloads = CallbackPayloads(max_entries=3)
    datas = [payloads.encode(1, LONG + str(i)) for i in range(5)]
    assert [payloads.decode(1, d) is not None for d in datas] == [False, False, True, True, True]
