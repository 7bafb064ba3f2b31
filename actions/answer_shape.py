"""Does a message inside the form read like an answer to the current question?

The classifier sometimes reads a real answer as small talk or as off-topic ("when you booked
the flights without asking me" looks like travel booking). Inside the form, those two
intents only count as an interruption when the message does not look like an answer.
Pure Python: the coach's word lists, no Rasa import.
"""

from __future__ import annotations

import re

from actions import coach
from actions.coach import lexicon
from actions.coach.text import find_phrases, norm
from actions.parts import FEELING, NEED, OBSERVATION, REQUEST

_OBSERVATION_START = re.compile(
    r"^\s*(?:when|whenever|because|after|before|while|yesterday|today|tonight|last|this|"
    r"on|at|i|i'm|i'd|i've|you|you're|he|she|they|we|my|our|his|her|their|it|there|"
    r"every|the|she's|he's|they're)\b",
    re.IGNORECASE,
)
_REQUEST_START = re.compile(
    r"^\s*(?:would|could|can|will|please|i'd|i would|let's|maybe|how about|what if|"
    r"next time|from now on|when)\b",
    re.IGNORECASE,
)
_PARTNER = re.compile(r"\b(?:you|your|we|us|our|he|she|they|him|her|them)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z']+")
# A question or an order to the assistant, not an answer about the person's own moment.
_ASIDE_START = re.compile(
    r"^\s*(?:what|what's|whats|how|who|where|which|can|could|are|is|do|does|did|will|tell me|"
    r"give me|show me|play|order|book|find)\b",
    re.IGNORECASE,
)


def looks_like_answer(part: str, text: str) -> bool:
    """True when ``text`` reads like an answer to the question for ``part``."""
    if part != REQUEST and _ASIDE_START.match(text):
        return False
    if part == FEELING:
        return not any(f.check == "unknown_feeling" for f in coach.check_feeling(text))
    if part == OBSERVATION:
        return bool(_OBSERVATION_START.match(text))
    if part == NEED:
        words = set(_WORD.findall(text.lower()))
        return bool(words & lexicon.universal_needs()) or text.lower().lstrip().startswith(
            ("i need", "to ", "more ", "some ", "a bit", "for ")
        )
    if part == REQUEST:
        return bool(_REQUEST_START.match(text) or _PARTNER.search(text))
    return False


#: "Not now" inside the statement, for any part but the optional request (which has the
#: coach's "skip"): the person would rather not answer at the moment.
NOT_NOW_PHRASES = (
    "not now", "not today", "not right now", "not yet", "maybe later", "later",
    "another time", "some other time", "rather not", "i'd rather not", "id rather not",
    "leave it", "skip", "skip it", "skip this", "pass", "don't want to", "dont want to",
    "do not want to", "no thanks", "no thank you", "can we stop", "i want to stop",
    "not in the mood", "don't want to talk about it", "dont want to talk about it",
    "don't want to talk", "dont want to talk",
)


def is_not_now(text: str) -> bool:
    """Would the person rather not answer now ("not today", "I don't want to", "maybe
    later"), with nothing else said? Besides the phrase, only the coach's filler words for
    skipping ("thanks", "really", "tbh", ...) may be there."""
    t = re.sub(r"[.!?,;:…]+", " ", norm(text or "")).strip()
    if not t:
        return False
    if not find_phrases(t, NOT_NOW_PHRASES):
        return False
    filler = set(lexicon.words("phrases", "skip_filler")) | {
        w for phrase in NOT_NOW_PHRASES for w in phrase.split()}
    return all(w in filler for w in re.findall(r"[\w']+", t))
