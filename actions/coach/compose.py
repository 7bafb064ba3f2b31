"""Putting the parts back together as one statement."""
from __future__ import annotations

import re

from . import lexicon
from .feeling import clean_feeling
from .findings import Parts
from .need import clean_need
from .observation import clean_observation
from .request import clean_request
from .text import capital_i, norm

# Openers an observation can keep instead of "when" ("every time you ...", "after you ...").
_OWN_CONNECTOR = re.compile(
    r"^(?:every\s+(?:single\s+)?time|each\s+time|after|before|while|if|as\s+soon\s+as|anytime|"
    r"any\s+time|the\s+moment|as)\b",
    re.IGNORECASE,
)
_INNER_WHEN = re.compile(r"\s+(?:when|whenever|because|since|every\s+time)\s+", re.IGNORECASE)
_INNER_NEED = re.compile(
    r",?\s*\b(?:and|so|but)\s+(?:what\s+)?I\s+(?:really\s+)?need(?:ed)?\s+(?:is\s+)?", re.IGNORECASE
)
_REQUEST_START = re.compile(
    r"^(?:would|could|can|will|shall|may|might|do|does|is|are|how|what|why|when|where|please|pls|"
    r"i|i'm|i'd|let's|let|maybe|perhaps|if|we|you|u|my|it|that|this|there|no|don't|stop|never)\b",
    re.IGNORECASE,
)


def _as_willing(request: str) -> str:
    """'Put the phone away at dinner.' -> 'Would you be willing to put the phone away at dinner?'"""
    body = request.rstrip(" .?!")
    low = norm(body)
    if low.startswith("to "):
        return f"Would you be willing {body[0].lower()}{body[1:]}?"
    first = low.split()[0] if low.split() else ""
    if first in lexicon.words("request", "imperative_verbs") and not _REQUEST_START.match(low):
        if first not in ("stop", "quit", "be", "just"):
            return f"Would you be willing to {body[0].lower()}{body[1:]}?"
    return request


def compose(parts: Parts) -> str:
    """One statement: "I feel X when Y, and I need Z." plus the request, if any."""
    feeling = clean_feeling(parts.feeling) if parts.feeling else ""
    observation = clean_observation(parts.observation) if parts.observation else ""
    need = clean_need(parts.need) if parts.need else ""
    request = clean_request(parts.request) if parts.request else ""

    # A feeling answer that carries its own "when ..." or "and I need ..." clause.
    m = _INNER_NEED.search(feeling)
    if m:
        need = need or clean_need(feeling[m.end() :])
        feeling = feeling[: m.start()].rstrip(" ,")
    m = _INNER_WHEN.search(feeling)
    if m:
        observation = observation or clean_observation(feeling[m.end() :])
        feeling = feeling[: m.start()].rstrip(" ,")
    m = _INNER_NEED.search(observation)
    if m:
        need = need or clean_need(observation[m.end() :])
        observation = observation[: m.start()].rstrip(" ,")

    sentence = ""
    if feeling:
        sentence = feeling if re.match(r"I\b", feeling) else f"I feel {feeling}"
    if observation:
        lead = "" if _OWN_CONNECTOR.match(observation) else "when "
        clause = f"{lead}{observation}"
        sentence = f"{sentence} {clause}" if sentence else clause
    if need:
        need_clause = need if re.match(r"I\b", need) else f"I need {need}"
        joiner = ", and " if feeling else ", "
        sentence = f"{sentence}{joiner}{need_clause}" if sentence else need_clause
    sentence = capital_i(re.sub(r"\s+", " ", sentence).strip(" ,"))
    if sentence:
        sentence = sentence[0].upper() + sentence[1:]
        sentence = re.sub(r"[\s.,;:!…]+$", "", sentence) + "."
    if request:
        request = _as_willing(request)
    return " ".join(p for p in (sentence, request) if p)
