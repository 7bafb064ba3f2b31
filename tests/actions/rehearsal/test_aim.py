"""Whom words are aimed at: the partner, the speaker, or someone else."""

from __future__ import annotations

import pytest

from actions.coach.grammar import quoted_ranges, token_at
from actions.coach.nlp import parse
from actions.rehearsal.aim import counted, speaker_experience, target


def _at(text: str, word: str):  # type: ignore[no-untyped-def]
    doc = parse(text)
    return doc, token_at(doc, text.index(word))


@pytest.mark.parametrize(
    ("text", "word", "who"),
    [
        ("You never listen to me.", "never", "partner"),
        ("Every time I bring it up, you walk away.", "Every", "partner"),
        ("We never talk anymore.", "never", "partner"),
        ("I always feel nervous.", "always", "speaker"),
        ("My mum always calls at dinner.", "always", "other"),
    ],
)
def test_target(text: str, word: str, who: str) -> None:
    assert target(_at(text, word)[1]) == who


def test_we_is_the_couple_only_when_asked() -> None:
    tok = _at("We never talk anymore.", "never")[1]
    assert target(tok, couple=False) != "partner"


def test_the_speakers_own_experience() -> None:
    assert speaker_experience(_at("I always feel nervous.", "always")[1])
    assert speaker_experience(_at("I never know how to start.", "never")[1])
    assert not speaker_experience(_at("I never get any help.", "never")[1])


def test_quoted_and_reported_words_are_not_counted() -> None:
    text = 'You said "whatever" and left.'
    doc = parse(text)
    assert not counted(text, doc, text.index("whatever"), quoted_ranges(text))
    text = "You told me to calm down."
    doc = parse(text)
    assert not counted(text, doc, text.index("calm"), quoted_ranges(text))
    text = "Calm down."
    assert counted(text, parse(text), 0, [])
