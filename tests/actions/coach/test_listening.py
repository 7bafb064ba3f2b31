"""Active listening: paraphrase and "I don't know"."""
from __future__ import annotations

import pytest

from actions.coach import is_dont_know, paraphrase


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My husband said I was overreacting when I cried last night.",
         "your husband said you were overreacting when you cried last night"),
        ("Sam told me I never listen", "Sam told you you never listen"),
        ("I am tired and we were arguing", "you are tired and you two were arguing"),
        ("Was I wrong to be upset?", "were you wrong to be upset"),
        ("so basically my boyfriend forgot our anniversary", "your boyfriend forgot your anniversary"),
        ("Ugh. My wife was on her phone all through dinner.", "your wife was on her phone all through dinner"),
        ("I'm the one who does everything myself", "you're the one who does everything yourself"),
        ("My girlfriend and I had a fight about her ex.", "your girlfriend and you had a fight about her ex"),
        ("He told us we were being loud", "he told you both you two were being loud"),
    ],
)
def test_paraphrase(text: str, expected: str) -> None:
    assert paraphrase(text) == expected


def test_paraphrase_is_trimmed() -> None:
    text = (
        "We had a fight about money and I said some things I regret, and then she left the room "
        "and didn't talk to me for the rest of the evening which made me feel awful and I couldn't sleep"
    )
    out = paraphrase(text)
    assert len(out.split()) <= 30
    assert out.startswith("you two had a fight about money")
    assert not out.endswith((".", ",", "!"))


@pytest.mark.parametrize(
    "text",
    ["I don't know", "no idea", "idk", "not sure what I feel", "dunno", "I can't tell", "IDK tbh",
     "honestly no clue lol", "i dont really know what im feeling", "no idea what i need",
     "I'm not sure", "hmm idk"],
)
def test_is_dont_know(text: str) -> None:
    assert is_dont_know(text)


@pytest.mark.parametrize(
    "text",
    ["I don't know why he did it, I feel sad", "sad", "I'm not sure he cares", "", "???", "lonely I think",
     "not sure, maybe hurt", "I don't know if she loves me"],
)
def test_is_not_dont_know(text: str) -> None:
    assert not is_dont_know(text)


@pytest.mark.parametrize(
    ("text", "dont_know"),
    [("honestly no idea", True), ("idk tbh", True), ("not sure tbh", True),
     ("i genuinely don't know what i need", True), ("dunno, hard to say", True),
     ("no clue what im feeling rn", True), ("idk, maybe lonely", False),
     ("I don't know why but I feel hurt", False), ("i dont know if he loves me", False)],
)
def test_is_dont_know_everyday(text: str, dont_know: bool) -> None:
    assert is_dont_know(text) is dont_know


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('she said "no worries, I\'ve got this" and booked everything',
         'she said "no worries, I\'ve got this" and booked everything'),
        ('my husband told me "man up" when I cried',
         'your husband told you "man up" when you cried'),
        ("he said “I'm handling it, babe” and walked off",
         "he said “I'm handling it, babe” and walked off"),
        ("she said 'I don't care' and I left", "she said 'I don't care' and you left"),
    ],
)
def test_quoted_words_are_someone_elses_and_keep_their_pronouns(text: str, expected: str) -> None:
    assert paraphrase(text) == expected
