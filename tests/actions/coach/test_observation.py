"""The observation part: evaluation (NVC) and criticism (Gottman)."""
from __future__ import annotations

import pytest

from actions.coach import check_observation, clean_observation

from .conftest import checks

EVALUATIONS = [
    ("when you always ignore me", "always"),
    ("you never help with the dishes", "never"),
    ("u constantly check ur phone", "constantly"),
    ("every single time I talk about my day you look away", "every single time"),
    ("you're on your phone all the time", "all the time"),
    ("you took forever to answer my text", "forever"),
    ("nothing I do is ever good enough for you", "nothing"),
    ("you don't even talk to me anymore", "anymore"),
    ("you were so lazy on Sunday", "lazy"),
    ("my husband was being selfish at dinner", "selfish"),
    ("you were rude to my mom", "rude"),
    ("she's so controlling about money", "controlling"),
    ("you acted like a total slob", "slob"),
    ("you were cold to me all night", "cold"),
    ("you rudely interrupted me", "rudely"),
    ("my gf was being dramatic at the party", "dramatic"),
    ("you don't care about me", "care"),
    ("you don't love me", "love me"),
    ("you wanted to hurt me", "hurt me"),
    ("you think I'm stupid", "think"),
    ("you did it on purpose", "on purpose"),
    ("you obviously didn't want to come", "obviously"),
    ("oh great, you forgot again", "oh great"),
    ("thanks a lot for leaving me with the kids", "thanks a lot"),
    ("as usual you were late", "as usual"),
    ("of course you forgot the milk", "of course you"),
    ("you clearly prefer your friends", "clearly"),
    ("you drink too much", "too much"),
    ("he ignored me at the party", "ignored"),
    ("you blew me off on Friday", "blew me off"),
    ("my wife is such a nag", "nag"),
    ("you couldn't care less about my job", "care less"),
    ("you were being immature and inconsiderate", "immature"),
]


@pytest.mark.parametrize(("text", "word"), EVALUATIONS)
def test_evaluation_is_caught(text: str, word: str) -> None:
    found = [f for f in check_observation(text) if f.check == "evaluation"]
    assert found, text
    assert any(word.lower() in f.span.lower() or f.span.lower() in word.lower() for f in found)
    assert all("camera" in f.suggestion for f in found)


OBSERVATIONS = [
    "you came home at 11 last night",
    "you said you'd call and didn't",
    "we haven't had dinner together this week",
    "I was talking about my day and you looked at your phone",
    "you forgot my birthday on Saturday",
    "I had never seen that before",
    "you looked at your phone while I was talking last night",
    "you said nothing when I asked about the trip",
    "the dinner was cold when you got home",
    "you called me lazy in front of your mom",
    "you told me I was being dramatic",
    "there was nothing in the fridge",
    "it was a terrible day at work and you didn't ask about it",
    "you went out with your friends on Friday without telling me",
    "my girlfriend didn't reply to my texts for 6 hours yesterday",
    "when my husband left the dishes in the sink this morning",
    "I was cold and you took the blanket",
    "you were late to dinner on Tuesday",
    "you said 'you never listen' in front of my sister",
    "my boyfriend cancelled our date an hour before",
    "she rolled her eyes when I mentioned my job",
    "you put the game on while I was telling you about my mum",
    "you left the wet towels on the bed this morning",
    "we had planned to go out and you stayed at work till 9",
]


@pytest.mark.parametrize("text", OBSERVATIONS)
def test_evaluation_leaves_observations_alone(text: str) -> None:
    assert check_observation(text) == []


CRITICISMS = [
    ("you always leave your stuff everywhere", "you always"),
    ("You never listen to me", "You never"),
    ("when you never help", "you never"),
    ("what is wrong with you", "what is wrong with you"),
    ("whats wrong with u", "whats wrong with u"),
    ("why would you say that to my mom", "why would you"),
    ("why do you always do this", "why do you always"),
    ("why can't you just put the phone down", "why can't you"),
    ("how could you forget our anniversary", "how could you"),
    ("you're such a slob", "you're such a"),
    ("you are so selfish", "you are so"),
    ("ur so lazy", "ur so"),
    ("my husband never helps", "my husband never"),
    ("she always does this", "she always"),
    ("Jordan never texts back", "Jordan never"),
]


@pytest.mark.parametrize(("text", "span"), CRITICISMS)
def test_criticism_opener_is_caught(text: str, span: str) -> None:
    crit = [f for f in check_observation(text) if f.check == "criticism"]
    assert crit, text
    assert crit[0].span.lower() == span.lower()
    assert "'I'" in crit[0].suggestion


@pytest.mark.parametrize(
    "text",
    [
        "I was talking and you looked at your phone",
        "you came home late without texting",
        "yesterday you said you would always be there",
        "you're a great dad but you missed the school play",
        "we argued about money last night",
        "my wife forgot to pick me up",
        "when you said you never wanted kids",
    ],
)
def test_criticism_leaves_other_openers_alone(text: str) -> None:
    assert "criticism" not in checks(check_observation(text))


def test_criticism_and_evaluation_both_fire_for_you_always() -> None:
    findings = check_observation("you always ignore me")
    assert [f.check for f in findings][:2] == ["criticism", "evaluation"]
    assert findings[0].span == "you always"
    assert findings[1].span == "always"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("When you left the dishes.", "you left the dishes"),
        ("whenever you come home late!!", "you come home late"),
        ("because you forgot", "you forgot"),
        ("It's when you look at your phone", "you look at your phone"),
        ("You looked at your phone while i was talking", "you looked at your phone while I was talking"),
        ("every time you leave", "every time you leave"),
    ],
)
def test_clean_observation(raw: str, clean: str) -> None:
    assert clean_observation(raw) == clean
