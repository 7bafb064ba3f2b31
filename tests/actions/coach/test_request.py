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


# Unseen answers to "would you like to add a request?" that are demands.
MORE_DEMANDS = [
    "you need to stop texting your ex",
    "just put the phone away at dinner",
    "stop leaving your clothes on the floor",
    "I want you to apologise",
    "be more affectionate",
    "you should call your mum less",
    "tidy up after yourself",
    "pick up the kids on friday",
    "help me more with the baby",
    "don't ever talk to me like that again",
    "if you go out with them again we're done",
    "if you lie to me again, it's over.",
    "if you cheat again i'm moving out",
    "either you stop drinking or i'm leaving",
    "I expect you to be home by 6",
    "can you stop being so selfish",
    "show me some respect",
    "make more of an effort with my family",
    "just be nicer to my mum",
    "could you stop yelling",
    "you'd better be home for dinner",
    "ur gonna apologise to my mum",
    "you better not be late again",
    "go to therapy",
    "get rid of the xbox",
    "just listen to me for once",
    "stop making everything about you",
]


@pytest.mark.parametrize("text", MORE_DEMANDS)
def test_demand_in_everyday_phrasings(text: str) -> None:
    found = [f for f in check_request(text) if f.check == "demand"]
    assert found, text
    assert found[0].span.lower() in text.lower()


MORE_REQUESTS = [
    "would you be willing to text me if you're going to be later than 7?",
    "could we sit down on sunday evening and look at the budget together?",
    "would u be up for a walk after dinner tonight",
    "can we try putting our phones in the drawer during dinner this week?",
    "would you be willing to tell me before you make plans for the weekend",
    "I'd love it if we could have a date night this Friday",
    "would you mind doing bedtime with the kids on Tuesday and Thursday?",
    "How would you feel about us seeing a couples counsellor?",
    "could you give me a hug when you get home tonight?",
    "would you be open to talking about this after the kids are in bed?",
    "would you let me finish my sentence before you reply next time?",
    "Could you hold my hand when we're at your parents' on Saturday?",
    "maybe we could go to bed at the same time tonight?",
    "would you be willing to do the washing up on weeknights?",
    "can we agree on a time to talk about money this weekend",
    "Would you be willing to turn your phone off at 9 on weeknights?",
    "could we have a 'no phones' rule at dinner starting tonight?",
    "can you let me know if you're going out after work on friday?",
    "will you come with me to my mum's on sunday?",
    "if you were done by 6 could we eat together?",
    "could you tell me if you're running late tonight?",
]


@pytest.mark.parametrize("text", MORE_REQUESTS)
def test_everyday_requests_are_left_alone(text: str) -> None:
    assert check_request(text) == [], text


@pytest.mark.parametrize(
    ("text", "skip"),
    [("nah that's it", True), ("not really no", True), ("no request thanks", True),
     ("nope all good", True), ("nah im good thanks", True), ("i'm good thanks", True),
     ("no, but could you text me tonight?", False), ("yes, can we talk tonight", False)],
)
def test_is_skip_everyday(text: str, skip: bool) -> None:
    assert is_skip(text) is skip
