"""The request part: positive, concrete, doable now; a question, not an order."""
from __future__ import annotations

import pytest

from actions.coach import check_request, clean_request, is_skip

from .conftest import checks

DEMANDS = [
    "Stop being so lazy",
    "You have to call me",
    "you need to pick up your socks",
    "You must tell me where you are",
    "you better be home by 6",
    "Just do the dishes",
    "Put the phone away.",
    "take out the trash",
    "do it or else",
    "if you don't call me I'm leaving",
    "call me tonight or we're done",
    "don't yell at me",
    "stop",
    "no more lies",
    "be more considerate",
    "Respect me",
    "care more",
    "Be nicer",
    "Could you care more?",
    "Would you be willing to be nicer to me?",
    "grow up",
    "just stop",
    "why can't you just help me?",
    "you should apologise",
    "I need you to call me",
    "quit gaming so much",
    "pay more attention to me",
]


@pytest.mark.parametrize("text", DEMANDS)
def test_demand_is_caught(text: str) -> None:
    found = [f for f in check_request(text) if f.check == "demand"]
    assert found, text
    assert "Would you be willing to" in found[0].suggestion
    assert found[0].span and found[0].span.lower() in text.lower()


REQUESTS = [
    "Would you be willing to put your phone away during dinner tonight?",
    "Could we take 20 minutes on Sunday to plan the week?",
    "Would you tell me when you'll be late?",
    "Can you text me if you're going to be late tonight?",
    "would you be willing to help with the laundry this weekend",
    "I'd like us to go for a walk after dinner tonight",
    "Let's plan a date night on Friday",
    "Would you hug me when you get home?",
    "please text me when you leave work",
    "can u put ur phone away at dinner",
    "Would you be willing to do the school run on Tuesdays?",
    "Could you tell me what you heard me say?",
    "Would it be ok if we talked about it after the kids are asleep?",
    "How about we cook together on Saturday?",
]


@pytest.mark.parametrize("text", REQUESTS)
def test_demand_leaves_requests_alone(text: str) -> None:
    assert check_request(text) == []


def test_stop_being_is_demand_and_evaluation() -> None:
    assert {"demand", "evaluation"} <= checks(check_request("Stop being so lazy"))


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("would you be willing to put the phone away at dinner", "Would you be willing to put the phone away at dinner?"),
        ("Could we plan the week on Sunday.", "Could we plan the week on Sunday?"),
        ("so can you text me when you leave", "Can you text me when you leave?"),
        ("my request is: would you call me at lunch", "Would you call me at lunch?"),
        ("Put the phone away.", "Put the phone away."),
        ("i'd like us to eat together tonight", "I'd like us to eat together tonight."),
        ("Do you want to go for a walk tonight", "Do you want to go for a walk tonight?"),
    ],
)
def test_clean_request(raw: str, clean: str) -> None:
    assert clean_request(raw) == clean


@pytest.mark.parametrize(
    "text",
    ["skip", "Skip", "no", "No.", "no thanks", "nope", "not now", "none", "no request", "nah im good",
     "skip this one please", "no thank you", "nothing for now", "n/a", "pass"],
)
def test_is_skip(text: str) -> None:
    assert is_skip(text)


@pytest.mark.parametrize(
    "text",
    ["", "yes", "no, would you be willing to call me at lunch?", "no more yelling",
     "Would you be willing to text me?", "not now, but could we talk tonight?"],
)
def test_is_not_skip(text: str) -> None:
    assert not is_skip(text)
