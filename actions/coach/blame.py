"""Responsibility language: "you make me feel", "I have to", "a real man would"."""
from __future__ import annotations

import re

from . import lexicon
from .findings import Finding
from .grammar import in_ranges, quoted_ranges
from .text import find_phrases, norm

Located = tuple[int, Finding]

OWNERSHIP_EXPLAIN = {
    "make": "'{span}' puts your feeling in your partner's hands; it is easier to hear as yours.",
    "fault": "'{span}' is blame, and blame invites defence rather than listening.",
    "must": "'{span}' leaves out your choice; naming what you value is easier to hear.",
}
OWNERSHIP_SUGGEST = {
    "make": "Try owning the feeling: 'I feel hurt when you ...', and say what you need.",
    "fault": "Try: 'I feel ... when you ..., because I need ...'. It says the same thing "
    "without blame.",
    "must": "Try 'I choose to ... because I value ...', or 'I'd like ...', which keeps your "
    "choice in view.",
}
SCRIPT_EXPLAIN = "'{span}' leans on an old script about how a man or a woman should be."
SCRIPT_SUGGEST = (
    "That sounds like an old script about what a man or woman should be. What do you need, in "
    "your own words? For example: 'I need support with the bills.'"
)


def _kind(span: str) -> str:
    low = norm(span)
    if re.search(r"\bmak|\bmade\b|\bdriv|\bdrove\b|\bforc|\bchoice\b", low):
        return "make"
    if "fault" in low or "because of" in low or "thanks to" in low:
        return "fault"
    return "must"


def _reported(text: str, start: int) -> bool:
    """Is the phrase reported speech ("you said I should ...")?"""
    before = norm(text[max(0, start - 40) : start])
    markers = lexicon.words("blame", "reported_markers")
    tail = " ".join(before.split()[-4:])
    return bool(find_phrases(tail, markers))


def find_blame(text: str) -> list[Located]:
    """Responsibility language in text, each with the offset where it starts."""
    if not text or not text.strip():
        return []
    quotes = quoted_ranges(text)
    out: list[Located] = []
    exempt = lexicon.words("blame", "ownership_exempt_next")
    for start, end in find_phrases(text, lexicon.words("blame", "scripts")):
        if in_ranges(start, quotes) or _reported(text, start):
            continue  # "when you said boys don't cry": an observation of what was said
        span = text[start:end]
        out.append(
            (
                start,
                Finding(
                    check="blame_language",
                    span=span,
                    explanation=SCRIPT_EXPLAIN.format(span=span),
                    suggestion=SCRIPT_SUGGEST,
                ),
            )
        )
    for start, end in find_phrases(text, lexicon.words("blame", "ownership")):
        if in_ranges(start, quotes) or any(s <= start < s + len(f.span) for s, f in out):
            continue
        after = norm(text[end : end + 30]).strip()
        span = text[start:end]
        low = norm(span)
        if re.match(r"^i\b", low) and (
            find_phrases(" ".join(after.split()[:4]), exempt)
            and any(after.startswith(e) for e in exempt)
            or _reported(text, start)
        ):
            continue  # "I have to say", "you said I should"
        kind = _kind(span)
        out.append(
            (
                start,
                Finding(
                    check="blame_language",
                    span=span,
                    explanation=OWNERSHIP_EXPLAIN[kind].format(span=span),
                    suggestion=OWNERSHIP_SUGGEST[kind],
                ),
            )
        )
    out.sort(key=lambda x: x[0])
    return out
