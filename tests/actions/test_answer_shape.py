"""Telling a misread answer from a real aside, inside the form."""

import pytest

from actions.answer_shape import is_not_now, looks_like_answer


@pytest.mark.parametrize(("part", "text"), [
    ("feeling", "lonely"),
    ("feeling", "kind of anxious tbh"),
    ("feeling", "ignored"),
    ("observation", "when you booked the flights and the hotel without asking me"),
    ("observation", "you ordered pizza for everyone but me"),
    ("observation", "yesterday at dinner"),
    ("observation", "my husband laughed at my idea"),
    ("need", "respect"),
    ("need", "some time to myself"),
    ("need", "to feel like a team"),
    ("request", "would you be willing to check with me before booking?"),
    ("request", "next time, ask me first"),
])
def test_answers_are_answers(part, text):
    assert looks_like_answer(part, text)


@pytest.mark.parametrize(("part", "text"), [
    ("feeling", "what's the weather tomorrow"),
    ("feeling", "tell me a joke"),
    ("observation", "what's the weather like tomorrow"),
    ("observation", "can you order me a pizza"),
    ("observation", "how are you today"),
    ("need", "who won the football"),
    ("request", "what's 2 plus 2"),
])
def test_asides_are_not_answers(part, text):
    assert not looks_like_answer(part, text)


@pytest.mark.parametrize("text", ["not today", "i don't want to", "Maybe later.", "not now thanks",
                                  "not in the mood tbh", "pass", "I'd rather not",
                                  "dont want to talk about it"])
def test_not_now_answers(text):
    assert is_not_now(text)


@pytest.mark.parametrize("text", ["nothing", "no", "", "later tonight he yelled at me",
                                  "i feel left out later", "he said not now and left",
                                  "i don't want to lose her"])
def test_answers_with_more_in_them_are_not_not_now(text):
    assert not is_not_now(text)
