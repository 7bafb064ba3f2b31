"""Composing the parts into one grammatical statement."""
from __future__ import annotations

import re

import pytest

from actions.coach import Parts, compose


def test_full_statement_with_request() -> None:
    parts = Parts(
        feeling="I feel lonely.",
        observation="When you looked at your phone while i was talking.",
        need="and I need connection",
        request="would you be willing to put it away at dinner",
    )
    assert compose(parts) == (
        "I feel lonely when you looked at your phone while I was talking, and I need connection. "
        "Would you be willing to put it away at dinner?"
    )


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (Parts("lonely", None, "connection"), "I feel lonely, and I need connection."),
        (Parts("Lonely", None, "I need connection."), "I feel lonely, and I need connection."),
        (Parts("hurt", "you forgot my birthday"), "I feel hurt when you forgot my birthday."),
        (Parts(None, None, "rest"), "I need rest."),
        (Parts("sad"), "I feel sad."),
        (Parts(None, "whenever you come home late", "reassurance"), "When you come home late, I need reassurance."),
        (Parts(None, None, None, "could we plan the week on Sunday"), "Could we plan the week on Sunday?"),
        (Parts("hurt", "every time you leave without saying goodbye"), "I feel hurt every time you leave without saying goodbye."),
        (Parts("scared", "because you drove fast", "safety"), "I feel scared when you drove fast, and I need safety."),
        (Parts("I feel I feel sad", "When when you shout"), "I feel sad when you shout."),
        (Parts("tired", "I do all the cooking", "and I need support"), "I feel tired when I do all the cooking, and I need support."),
        (Parts("really hurt, then angry", "you laughed at my accent", "respect"), "I feel really hurt, then angry when you laughed at my accent, and I need respect."),
    ],
)
def test_compose_grammar(parts: Parts, expected: str) -> None:
    assert compose(parts) == expected


@pytest.mark.parametrize(
    "parts",
    [
        Parts("I feel lonely", "When you left", "and I need connection"),
        Parts("i feel lonely when", "when you left.", "I need, connection"),
        Parts("I'm feeling lonely", "whenever you left", "and what I need is connection."),
    ],
)
def test_no_doubled_words(parts: Parts) -> None:
    out = compose(parts)
    low = out.lower()
    assert low.count("when") == 1
    assert low.count("i feel") == 1
    assert low.count("and i need") == 1
    assert out.endswith(".") and not out.endswith("..")
    assert re.search(r"\bi\b", out) is None  # every "i" is a capital I


def test_feeling_with_its_own_when_clause_moves_it_to_the_observation() -> None:
    assert compose(Parts("sad when you shout")) == "I feel sad when you shout."
    assert compose(Parts("sad when you shout", "you shouted at me")) == "I feel sad when you shouted at me."


def test_speaker_pronouns_in_the_observation_are_kept() -> None:
    out = compose(Parts("hurt", "you read my messages while I was asleep", "privacy"))
    assert "you read my messages while I was asleep" in out


def test_a_bare_action_becomes_a_willing_question() -> None:
    out = compose(Parts("lonely", "you were on the phone", "connection", "put the phone away at dinner"))
    assert out.endswith("Would you be willing to put the phone away at dinner?")


def test_a_demand_is_not_rewritten() -> None:
    out = compose(Parts("angry", "you left", None, "Stop being so lazy"))
    assert out.endswith("Stop being so lazy.")


def test_empty_parts_give_empty_statement() -> None:
    assert compose(Parts()) == ""
