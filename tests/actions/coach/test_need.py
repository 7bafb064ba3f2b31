"""The need part: universal needs, not strategies."""
from __future__ import annotations

import pytest

from actions.coach import check_need, clean_need

from .conftest import checks

STRATEGIES = [
    ("I need you to text me", "reassurance"),
    ("you to listen", "understanding"),
    ("for you to help with the kids", "support"),
    ("him to stop yelling", "respect"),
    ("I need her to stop nagging me", None),
    ("I need him to do the dishes", "support"),
    ("I need you to stop", None),
    ("I need that you call when you're late", "reassurance"),
    ("you to stop", None),
    ("more help from you with the dishes", "support"),
    ("I need my wife to respect me", "respect"),
    ("us to spend more time together", "connection"),
    ("Sam to help with the kids", "support"),
    ("what I need is for you to listen", "understanding"),
    ("I need my partner to come home on time", None),
    ("i need u to put ur phone away", "connection"),
    ("I want you to hug me more", "connection"),
    ("I need you to thank me sometimes", "appreciation"),
    ("I need my boyfriend to tell me the truth", "honesty"),
    ("I need you", None),
]


@pytest.mark.parametrize(("text", "need"), STRATEGIES)
def test_strategy_as_need_is_caught(text: str, need: str | None) -> None:
    found = [f for f in check_need(text) if f.check == "strategy_as_need"]
    assert found, text
    assert found[0].options
    if need:
        assert need in found[0].options
    assert "request" in found[0].suggestion


def test_strategy_suggestion_moves_the_action_into_a_request() -> None:
    finding = next(f for f in check_need("I need you to text me when you're late"))
    assert "Would you be willing to text me when you're late?" in finding.suggestion


NEEDS = [
    "connection",
    "some rest",
    "to feel heard",
    "to be taken seriously",
    "reassurance",
    "more time together",
    "I need to know I matter to you",
    "I need space",
    "a bit of support tbh",
    "I need some appreciation",
    "respect",
    "partnership",
    "to feel like a team",
    "I need understanding",
    "honesty and trust",
    "I need to rest",
    "safety",
]


@pytest.mark.parametrize("text", NEEDS)
def test_strategy_as_need_leaves_needs_alone(text: str) -> None:
    assert check_need(text) == []


def test_need_with_a_gender_script() -> None:
    findings = check_need("a real man would help")
    assert "blame_language" in checks(findings)
    script = next(f for f in findings if f.check == "blame_language")
    assert "own words" in script.suggestion


def test_need_with_evaluation() -> None:
    assert {"strategy_as_need", "evaluation"} <= checks(check_need("I need you to stop being so lazy"))


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("I need some rest", "some rest"),
        ("and I need connection", "connection"),
        ("what I really need is reassurance.", "reassurance"),
        ("I really need to be heard", "to be heard"),
        ("Connection", "connection"),
        ("I'm needing space", "space"),
        ("I need you to listen", "you to listen"),
    ],
)
def test_clean_need(raw: str, clean: str) -> None:
    assert clean_need(raw) == clean


# Unseen answers to "what do you need?" that name who must do what.
MORE_STRATEGIES = [
    "i need him to actually listen for once",
    "I need my wife to back me up in front of the kids",
    "I need my girlfriend to stop texting her ex",
    "for my husband to help more with the baby",
    "I just need you to be there",
    "i need him to put the phone down at dinner",
    "i want my partner to plan a date night sometimes",
    "need my boyfriend to tell me when he's going out",
    "I need her to apologise",
    "I need them to respect my boundaries",
    "honestly i need u to text me back",
    "I'd like my husband to do his share of the housework",
    "I need you to give me some space",
    "an apology from her",
    "I'd like him to come to bed at the same time as me",
    "tbh i need my gf to stop checking my phone",
    "I need my husband to stop comparing me to his ex",
    "i need her to include me in her plans",
    "I need him to take my feelings seriously",
    "i'd really like you to check in with me during the day",
    "id like my gf to be more open with me",
]


@pytest.mark.parametrize("text", MORE_STRATEGIES)
def test_strategy_as_need_in_everyday_phrasings(text: str) -> None:
    found = [f for f in check_need(text) if f.check == "strategy_as_need"]
    assert found, text
    assert found[0].options


MORE_NEEDS = [
    "some reassurance tbh",
    "to feel like we're a team",
    "i need to feel safe",
    "more quality time together",
    "I need to be able to trust you",
    "honesty",
    "a bit of peace and quiet",
    "I need rest, I'm shattered",
    "respect and kindness",
    "time to myself",
    "to know I matter to him",
    "I need some space to think",
    "consideration",
    "to feel appreciated",
    "fairness in how we split the chores",
    "I need support with the kids",
    "a sense of security about money",
    "ngl i need some reassurance that we're ok",
    "i need to feel heard by my partner",
    "closeness and a bit of affection",
    "I need to feel like I'm not doing it all alone",
    "to feel close to my wife again",
    "i need more balance between work and us",
    "reassurance that i'm still wanted",
    "a bit more help around the house tbh",
]


@pytest.mark.parametrize("text", MORE_NEEDS)
def test_everyday_needs_are_left_alone(text: str) -> None:
    assert check_need(text) == [], text
