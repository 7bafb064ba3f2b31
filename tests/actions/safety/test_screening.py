"""The screening answer: safe, a worry (any hedge counts), or unclear."""

import pytest

from actions.safety.screening import screening_answer

SAFE = [
    "yes", "Yes, I feel safe", "yeah", "Yep!", "of course", "i do", "totally safe",
    "absolutely", "i feel safe with her", "100%", "sure", "he would never hurt me, yes",
    "of course, she'd never hurt me", "yes, I'm not scared of him at all", "ok", "always", "yes, she wouldn't hurt me",
]
WORRIED = [
    "no", "nope", "not always", "not really", "sometimes", "mostly", "kind of",
    "yeah but sometimes he scares me", "idk", "I don't know", "it depends on his mood",
    "I'm a bit scared of her", "usually, unless he's been drinking", "i have to be careful",
    "walking on eggshells tbh", "maybe", "I guess", "not when she's angry", "hmm",
    "yes except when he drinks", "I'm afraid of what he'd say", "not totally",
    "yes but he doesn't let me see my friends", "I can't always say no to her",
]
UNCLEAR = ["what do you mean", "why do you ask", "pizza", "🙂"]


@pytest.mark.parametrize("text", SAFE)
def test_safe(text):
    assert screening_answer(text) is True


@pytest.mark.parametrize("text", WORRIED)
def test_worried(text):
    assert screening_answer(text) is False


@pytest.mark.parametrize("text", UNCLEAR)
def test_unclear(text):
    assert screening_answer(text) is None


def test_buttons_and_intents():
    assert screening_answer("/affirm") is True
    assert screening_answer("/deny") is False
    assert screening_answer("pizza", intent="affirm") is True
    assert screening_answer("pizza", intent="deny") is False
    assert screening_answer("yes", intent="partner_violence") is False
