"""Responsibility language in any part."""
from __future__ import annotations

import pytest

from actions.coach import check_feeling, check_need, check_observation, check_request

from .conftest import checks

BLAME = [
    (check_feeling, "you make me feel small"),
    (check_feeling, "u made me feel stupid"),
    (check_feeling, "he makes me feel worthless"),
    (check_observation, "you made me cry in front of everyone"),
    (check_observation, "it's your fault we were late"),
    (check_observation, "because of you I missed the train"),
    (check_observation, "I have to do all the cooking"),
    (check_observation, "I had to pick up the kids again"),
    (check_need, "I should be more grateful"),
    (check_need, "I'm supposed to keep the house clean"),
    (check_need, "a real man would help"),
    (check_need, "a real woman would cook for her husband"),
    (check_observation, "real men don't cry, you said, so I hid it"),
    (check_need, "a good wife would support me"),
    (check_need, "a good girlfriend would text back"),
    (check_need, "a good husband would provide"),
    (check_need, "a good boyfriend would pay"),
    (check_need, "a good partner would know what I need"),
    (check_request, "be a man about it"),
    (check_request, "man up and fix it"),
    (check_observation, "you drive me crazy when you do that"),
]


@pytest.mark.parametrize(("check", "text"), BLAME)
def test_blame_language_is_caught(check, text: str) -> None:  # type: ignore[no-untyped-def]
    found = [f for f in check(text) if f.check == "blame_language"]
    assert found, text
    assert found[0].span.lower() in text.lower()


@pytest.mark.parametrize(
    ("check", "text"),
    [
        (check_feeling, "I feel hurt"),
        (check_need, "I'd like to talk tonight"),
        (check_need, "I want us to plan the week together"),
        (check_observation, "you made me dinner and then left"),
        (check_observation, "I have to say it hurt when you left"),
        (check_observation, "you said I should lose weight"),
        (check_need, "I need to feel like I matter"),
        (check_observation, "she is a good partner most of the time but forgot our date"),
        (check_observation, "my wife and I argued about the bills"),
        # A partner's script, reported, is an observation of what was said, not blame.
        (check_observation, "she says women should stay home with the kids"),
        (check_observation, "he thinks that's a woman's job"),
        (check_observation, "when you said boys don't cry at dinner on Friday"),
        (check_observation, "you told me to 'man up' when I cried"),
    ],
)
def test_blame_language_leaves_ownership_alone(check, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "blame_language" not in checks(check(text))


def test_gender_script_suggests_own_words() -> None:
    finding = next(f for f in check_need("a real man would help") if f.check == "blame_language")
    assert "old script" in finding.suggestion
    assert finding.span == "a real man would"


@pytest.mark.parametrize(
    ("check", "text"),
    [
        (check_feeling, "he makes me feel like i'm crazy"),
        (check_feeling, "she makes me so anxious"),
        (check_feeling, "my husband makes me feel invisible"),
        (check_need, "a proper husband would sort the car out"),
        (check_need, "men are supposed to earn more"),
        (check_need, "any decent boyfriend would've remembered"),
        (check_need, "a good wife would be more supportive"),
        (check_observation, "you drive me up the wall when you leave the door open"),
    ],
)
def test_blame_language_in_everyday_phrasings(check, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "blame_language" in checks(check(text)), text


def test_i_have_to_admit_is_not_blame() -> None:
    assert check_observation("I have to admit I was hurt when you left") == []
