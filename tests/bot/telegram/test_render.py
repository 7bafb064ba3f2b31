"""Rasa replies into Telegram messages: buttons joined to their text, long texts split at
sentence boundaries with nothing lost, line breaks kept."""

from __future__ import annotations

import re

import pytest

from bot.telegram import texts
from bot.telegram.render import (
    MAX_MESSAGE,
    Button,
    Outgoing,
    from_rasa,
    keyboard_rows,
    split_text,
    telegram_length,
)


def _sentences(count: int) -> str:
    return " ".join(f"This is sentence number {i}, which says a little about feelings."
                    for i in range(count))


def test_a_5000_character_reply_is_split_at_a_sentence_boundary_and_nothing_is_lost():
    text = _sentences(90)[:5000].rsplit(" ", 1)[0] + "."
    assert 4900 < len(text) <= 5000
    parts = split_text(text)
    assert len(parts) == 2
    assert "".join(parts) == text
    assert all(telegram_length(p.rstrip()) <= MAX_MESSAGE for p in parts)
    assert parts[0].rstrip().endswith("feelings.")  # cut after a whole sentence
    assert parts[1].startswith("This is sentence number")


def test_a_paragraph_break_is_preferred_to_a_sentence_end():
    first = _sentences(40)  # about 2,700 characters
    text = first + "\n\n" + _sentences(40)
    parts = split_text(text)
    assert parts[0] == first + "\n\n"
    assert "".join(parts) == text


def test_line_breaks_inside_a_part_are_kept():
    text = "Here are some, in groups:\nHurt: sad, lonely\nScared: anxious, worried"
    assert split_text(text) == [text]
    assert from_rasa([{"text": text}]) == [Outgoing(text)]


def test_a_short_text_is_not_split():
    text = "x" * MAX_MESSAGE
    assert split_text(text) == [text]
    assert split_text("Hello.") == ["Hello."]


def test_a_sentence_longer_than_a_message_is_split_between_words():
    text = " ".join(["word"] * 2000)  # 9,999 characters, no sentence end
    parts = split_text(text)
    assert "".join(parts) == text
    assert all(telegram_length(p.rstrip()) <= MAX_MESSAGE for p in parts)
    assert all(re.fullmatch(r"(word ?)+", p) for p in parts)  # no word cut in half


def test_one_word_longer_than_a_message_is_cut_where_it_must_be():
    text = "a" * 9000
    parts = split_text(text)
    assert [len(p) for p in parts] == [4096, 4096, 808]
    assert "".join(parts) == text


def test_length_is_counted_as_telegram_counts_it_so_emoji_count_twice():
    text = "😭" * 3000  # 3,000 characters, 6,000 UTF-16 units
    parts = split_text(text)
    assert len(parts) == 2
    assert all(telegram_length(p) <= MAX_MESSAGE for p in parts)
    assert "".join(parts) == text


def test_text_and_its_buttons_become_one_message():
    replies = [{"recipient_id": "u", "text": "Did I get that right?",
                "buttons": [{"title": "Yes, that's it", "payload": "/affirm"},
                            {"title": "Not quite", "payload": "/deny"}]}]
    assert from_rasa(replies) == [Outgoing("Did I get that right?", (
        Button("Yes, that's it", "/affirm"), Button("Not quite", "/deny")))]


def test_buttons_in_a_reply_of_their_own_join_the_text_before_them():
    replies = [{"text": "First."}, {"text": "What did you feel?"},
               {"buttons": [{"title": "I'm not sure", "payload": "I don't know"}]}]
    assert from_rasa(replies) == [
        Outgoing("First."),
        Outgoing("What did you feel?", (Button("I'm not sure", "I don't know"),)),
    ]


def test_buttons_never_replace_buttons_already_on_the_text_before():
    replies = [{"text": "Pick one", "buttons": [{"title": "A", "payload": "a"}]},
               {"buttons": [{"title": "B", "payload": "b"}]}]
    assert from_rasa(replies) == [Outgoing("Pick one", (Button("A", "a"),)),
                                  Outgoing(texts.CHOOSE, (Button("B", "b"),))]


def test_the_keyboard_goes_on_the_last_part_of_a_split_text():
    long_text = _sentences(120)
    messages = from_rasa([{"text": long_text, "buttons": [{"title": "Ok", "payload": "/affirm"}]}])
    assert len(messages) >= 2
    assert all(not m.buttons for m in messages[:-1])
    assert messages[-1].buttons == (Button("Ok", "/affirm"),)
    assert " ".join(m.text for m in messages) == long_text


def test_replies_telegram_cannot_show_are_skipped_and_images_become_links():
    replies = [{"custom": {"x": 1}}, {"text": "   "}, {"image": "https://example.org/a.png"}]
    assert from_rasa(replies) == [Outgoing("https://example.org/a.png")]


def test_markup_characters_are_left_as_they_are():
    text = "<b>not bold</b> *not italic* _nor this_ [a](b)"
    assert from_rasa([{"text": text}]) == [Outgoing(text)]


def test_a_button_without_a_payload_sends_its_title():
    assert from_rasa([{"text": "Pick", "buttons": [{"title": "sad"}, {"payload": "x"}, "junk"]}]) \
        == [Outgoing("Pick", (Button("sad", "sad"), Button("x", "x")))]


@pytest.mark.parametrize(("titles", "rows"), [
    (["hurt", "insecure", "sad"], [["hurt", "insecure", "sad"]]),
    (["Yes, that's it", "Not quite"], [["Yes, that's it", "Not quite"]]),
    (["Yes, I feel safe", "Not always", "No"], [["Yes, I feel safe"], ["Not always", "No"]]),
    (["Change what I feel", "Change when it happens", "Start again"],
     [["Change what I feel"], ["Change when it happens"], ["Start again"]]),
    (["a", "b", "c", "d"], [["a", "b", "c"], ["d"]]),
])
def test_short_titles_share_a_row_long_ones_get_their_own(titles, rows):
    laid_out = keyboard_rows([Button(t, t) for t in titles])
    assert [[b.title for b in row] for row in laid_out] == rows
