"""Splitting a whole statement into parts."""
from __future__ import annotations

import pytest

from actions.coach import Parts, split_statement

CASES = [
    (
        "I feel lonely when you looked at your phone while I was talking, and I need connection. "
        "Would you be willing to put it away at dinner?",
        Parts("lonely", "you looked at your phone while I was talking", "connection",
              "Would you be willing to put it away at dinner?"),
    ),
    (
        "i feel lonely when you look at your phone and i need connection",
        Parts("lonely", "you look at your phone", "connection"),
    ),
    (
        "I'm feeling hurt because you forgot my birthday, and what I need is reassurance.",
        Parts("hurt", "you forgot my birthday", "reassurance"),
    ),
    (
        "I felt ignored when you were on your phone all evening.",
        Parts("ignored", "you were on your phone all evening"),
    ),
    (
        "When you came home at 11 without texting, I felt scared, and I need reassurance.",
        Parts("scared", "you came home at 11 without texting", "reassurance"),
    ),
    ("I feel lonely and I need connection.", Parts("lonely", None, "connection")),
    (
        "I feel like you don't care when you cancel our plans. I need to know I matter to you.",
        Parts("like you don't care", "you cancel our plans", "to know I matter to you"),
    ),
    (
        "So yesterday was rough. I feel tired when I do all the cooking, and I need support. "
        "Could we split it this week?",
        Parts("tired", "I do all the cooking", "support", "Could we split it this week?"),
    ),
    ("I'm sad when you don't call, I need reassurance", Parts("sad", "you don't call", "reassurance")),
    (
        "I feel frustrated when you interrupt me, and I need to be heard, so would you be willing "
        "to let me finish?",
        Parts("frustrated", "you interrupt me", "to be heard", "would you be willing to let me finish?"),
    ),
    (
        "I feel scared every time you drive fast and I need safety",
        Parts("scared", "every time you drive fast", "safety"),
    ),
    (
        "I feel hurt. You laughed at me in front of your friends. I need respect.",
        Parts("hurt", "You laughed at me in front of your friends", "respect"),
    ),
    (
        "I feel hurt when you come home at 11 p.m. without calling. I need reassurance.",
        Parts("hurt", "you come home at 11 p.m. without calling", "reassurance"),
    ),
    (
        "I feel overwhelmed when the house is a mess, and I need help. Would you tidy the living "
        "room tonight? Thanks love you",
        Parts("overwhelmed", "the house is a mess", "help", "Would you tidy the living room tonight?"),
    ),
    (
        "When my wife says I'm overreacting I feel dismissed and I need understanding",
        Parts("dismissed", "my wife says I'm overreacting", "understanding"),
    ),
    (
        "I feel anxious when you don't text back. I need reassurance. Text me when you get there.",
        Parts("anxious", "you don't text back", "reassurance", "Text me when you get there"),
    ),
    ("I feel sad when you leave without saying goodbye", Parts("sad", "you leave without saying goodbye")),
]


@pytest.mark.parametrize(("text", "parts"), CASES)
def test_split_statement(text: str, parts: Parts) -> None:
    assert split_statement(text) == parts


def test_split_without_markers_is_an_observation() -> None:
    assert split_statement("You always leave your dishes everywhere") == Parts(
        observation="You always leave your dishes everywhere"
    )


def test_split_a_bare_feeling() -> None:
    assert split_statement("lonely") == Parts(feeling="lonely")


def test_split_empty() -> None:
    assert split_statement("  ") == Parts()
