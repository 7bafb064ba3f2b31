"""What counts as a message with no usable words, and what must pass through."""

import pytest

from actions.input_check import MAX_CHARS, REPLIES, classify_input, reply_for, strip_control


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("\x00\x01\x02", "empty"),
        (None, "empty"),
        ("😀", "emoji"),
        ("😭😭😭", "emoji"),
        ("👩‍❤️‍👩", "emoji"),
        ("🇬🇧", "emoji"),
        ("?", "punctuation"),
        ("...", "punctuation"),
        ("?!?!", "punctuation"),
        ("\ufffd\ufffd\ufffd\ufffd", "unreadable"),
        ("Je suis très triste parce que mon mari ne m'écoute pas", "non_english"),
        ("Estoy muy triste con mi novio", "non_english"),
        ("Ich bin traurig, weil meine Frau nie zuhört", "non_english"),
        ("мне очень грустно", "non_english"),
        ("我很难过", "non_english"),
        ("x" * (MAX_CHARS + 1), "too_long"),
        ("word " * 2000, "too_long"),
    ],
)
def test_unusable_messages_are_recognised(text, kind):
    assert classify_input(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "lonely",
        "I feel sad",
        "sad tired angry",
        "I am sad 😢",
        "ok",
        "no",
        "5",
        "he said no problemo and walked off",
        "mi novio is so annoying lol",
        "my wife said 'c'est la vie' and left the room",
        "when you came home at 11pm without texting",
        "café with my girlfriend was awkward",
        "x" * MAX_CHARS,
    ],
)
def test_ordinary_messages_pass_through(text):
    assert classify_input(text) is None
    assert reply_for(text) is None


def test_control_characters_are_stripped_but_words_kept():
    assert strip_control("I feel\x00 sad\x07\n today") == "I feel sad today"
    assert classify_input("\x1b[31msad\x1b[0m") is None


def test_every_kind_has_a_short_kind_reply():
    for kind, reply in REPLIES.items():
        assert 20 < len(reply) < 200, kind
        assert reply.rstrip().endswith(("?", ".")), kind
    assert reply_for("") == REPLIES["empty"]
    assert reply_for("🙂🙂") == REPLIES["emoji"]
