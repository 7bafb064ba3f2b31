"""The screening question asked before coaching a request of a partner, and its answer.

Safety first: any hedge ("not always", "mostly", "sometimes", "idk") counts as a worry, and
a worry beats a yes ("yeah but sometimes he scares me").
"""

from __future__ import annotations

import re
from typing import Optional

from .detector import KINDS

QUESTION = (
    "One question before we think about a request: do you feel safe with your partner, "
    "safe enough to ask them for something, or to disagree?"
)
#: The same question before practising a conversation with them.
PRACTICE_QUESTION = (
    "One question before we practise: do you feel safe with your partner, safe enough to "
    "bring something up with them, or to disagree?"
)

_WORRY = re.compile(
    r"\b(?:no+|nope|nah|not(?! (?:worried|scared|afraid|at all scared))|never|"
    r"sometimes|mostly|usually|kind of|kinda|sort of|sorta|depends|complicated|unsure|"
    r"idk|dunno|scared|scare[sd]?|afraid|frighten\w*|fear\w*|unsafe|nervous|worried|"
    r"careful|eggshells|temper|angry|hurts?|hit\w*|hmm+|maybe|guess|unless|except|but)\b",
    re.IGNORECASE,
)
_CONTRACTED_NOT = re.compile(r"n['’]t\b|\b(?:dont|doesnt|didnt|cant|isnt|wont|wouldnt|aint)\b",
                             re.IGNORECASE)
_NOT_AT_ALL_WORRIED = re.compile(
    r"\b(?:not (?:worried|scared|afraid)|never (?:scared|afraid|worried)|no (?:fear|worries)"
    r"(?: at all)?|nothing to (?:worry|fear)|(?:would|'?d|has|have|had|is)? ?never (?:once )?"
    r"(?:hurt|hit|harm|scare|frighten|threaten)\w* (?:me|us)|(?:would|does|did)n['’]?t (?:ever )?"
    r"(?:hurt|hit|harm|scare|frighten|threaten)\w* (?:me|us))\b",
    re.IGNORECASE,
)
_SAFE = re.compile(
    r"^\W*(?:yes|yeah|yea|yep|yup|ya|y|sure|of course|definitely|absolutely|totally|"
    r"completely|always|very|i do|i am|i'?m safe|i feel safe|safe|100\s*%?|for sure|"
    r"ok(?:ay)?|fine)\b",
    re.IGNORECASE,
)


def screening_answer(text: str, intent: Optional[str] = None) -> Optional[bool]:
    """True when the answer says safe, False for any worry, None when it is unclear."""
    cleaned = (text or "").strip()
    if intent in KINDS:
        return False
    if cleaned.startswith("/"):
        # A button: "/affirm" or "/deny".
        return {"affirm": True, "deny": False}.get(cleaned[1:].split("{")[0])
    without_reassurance = _NOT_AT_ALL_WORRIED.sub(" ", cleaned)
    if _WORRY.search(without_reassurance) or _CONTRACTED_NOT.search(without_reassurance):
        return False
    if _SAFE.search(without_reassurance) or _NOT_AT_ALL_WORRIED.search(cleaned):
        return True
    if intent == "affirm":
        return True
    if intent == "deny":
        return False
    return None
