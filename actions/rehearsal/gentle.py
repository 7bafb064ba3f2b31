"""The softening signals in a turn: a reflection, a clean feeling, and questions."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from actions.coach import check_feeling, guess_feelings
from actions.coach import lexicon as coach_lexicon
from actions.coach.findings import Finding, Parts
from actions.coach.split import sentence_spans
from actions.coach.text import find_phrases, norm

from .aim import counted
from .data import words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

_QUESTION_START = re.compile(
    r"^\W*(?:(?:what|how|why|when|where|who|which)(?:'s|\s+(?:do|does|did|is|are|was|were|can|"
    r"could|would|will|should|have|has|had|am|about|else|kind|sort|if|happened|made|helps?|"
    r"would))|(?:do|does|did|can|could|would|will|is|are|was|were|have|has|should|shall|may|"
    r"am|don'?t|won'?t|can'?t)\s+(?:you|u|we|i|they|it|there|that|this))(?![\w'])",
    re.IGNORECASE,
)
_YOU = re.compile(r"(?<![\w'])(?:you|u|your|ur|you're|youre|yourself)(?![\w'])", re.IGNORECASE)
_YOU_ARE = re.compile(
    r"(?<![\w'])(?:you'?re|youre|you\s+are|you\s+were|you'?ve\s+been)\s+"
    r"(?:(?:really|so|pretty|a\s+bit|quite|feeling|just|still)\s+)*([\w-]+(?:\s+out)?)"
)


@lru_cache(maxsize=None)
def _feeling_and_need_phrases() -> tuple[str, ...]:
    return tuple(
        sorted(
            set(coach_lexicon.feeling_phrases())
            | set(coach_lexicon.faux_feelings())
            | coach_lexicon.universal_needs()
        )
    )


def names_feeling_or_need(text: str) -> bool:
    """Does the text name a feeling, a faux feeling ("left out") or a universal need?"""
    return bool(find_phrases(text, _feeling_and_need_phrases()))


def reflection(text: str, doc: "Doc", quotes: list[tuple[int, int]]) -> str | None:
    """The words that reflect the partner back ("it sounds like you...", "you seem worried"),
    or None. "Sounds good" and a bare "I hear you" are not reflections."""
    low = norm(text)
    for a, b in find_phrases(text, words("moves", "reflection_openers")):
        if not counted(text, doc, a, quotes):
            continue
        if find_phrases(low[a : a + 30], words("moves", "reflection_not")):
            continue
        head = low[b:].split("?")[0]
        if _YOU.search(low[b : b + 60]) or names_feeling_or_need(head):
            return text[a:b]
        if len(re.findall(r"[\w']+", head)) >= 4:
            return text[a:b]
    m = _YOU_ARE.search(low)
    if m and counted(text, doc, m.start(), quotes):
        word = m.group(1)
        if find_phrases(word, _feeling_and_need_phrases()) == [(0, len(word))]:
            return text[m.start() : m.end()]
    return None


def clean_feeling(parts: Parts) -> tuple[bool, list[Finding]]:
    """Is the statement's feeling a real feeling (not a thought, a faux feeling or unknown)?
    Returns that and the coach's findings on it."""
    if not parts.feeling:
        return False, []
    found = check_feeling(parts.feeling)
    bad = {"thought_as_feeling", "faux_feeling", "unknown_feeling", "blame_language"}
    return (not any(f.check in bad for f in found) and bool(guess_feelings(parts.feeling))), found


def is_question(text: str) -> bool:
    """A question mark, or a sentence that opens like a question ("what do you ...")."""
    return "?" in text or any(_QUESTION_START.match(text[a:b]) for a, b in sentence_spans(text))
