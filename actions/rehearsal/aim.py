"""Whom words are aimed at: the partner ("you"), the speaker ("I") or someone else.

Quoted words and reported speech ("you said I was overreacting") are the partner's words, not
the person's, and are never counted against them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from actions.coach import lexicon as coach_lexicon
from actions.coach.grammar import in_ranges, is_person, is_reported, subjects, token_at
from actions.coach.text import find_phrases

from .data import words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_SPEAKER = frozenset({"i"})
_ADDRESSED = frozenset({"you", "u", "ya", "ur", "yourself", "we", "us"})


def counted(text: str, doc: "Doc", start: int, quotes: list[tuple[int, int]]) -> bool:
    """Is the phrase at ``start`` the person's own words (not quoted or reported)?"""
    if in_ranges(start, quotes):
        return False
    tok = token_at(doc, start)
    return tok is None or not is_reported(tok)


def own_phrases(text: str, doc: "Doc", key: str, quotes: list[tuple[int, int]]) -> list[str]:
    """Phrases from ``data/moves.yml[key]`` in the person's own words."""
    found = find_phrases(text, words("moves", key))
    return [text[a:b] for a, b in found if counted(text, doc, a, quotes)]


def _verb_chain(tok: "Token") -> list["Token"]:
    """The verbs from a token up to the root of its sentence."""
    out = []
    cur = tok
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX"):
            out.append(cur)
        if cur.head is cur:
            break
        cur = cur.head
    return out


def _addressed(tok: "Token", couple: bool) -> bool:
    low = tok.lower_
    return low in _ADDRESSED and (couple or low not in ("we", "us"))


def target(tok: "Token", couple: bool = True) -> str | None:
    """Whom the clause around a token is about: "partner" if a verb above it has "you" (with
    ``couple`` also "we") as its subject, "speaker" for "I", "other" for someone else ("my
    mum"), None if unclear."""
    chain = _verb_chain(tok)
    for verb in chain:
        if any(_addressed(s, couple) for s in subjects(verb)):
            return "partner"
    for verb in chain:
        subs = subjects(verb)
        if subs:
            if subs[0].lower_ in _SPEAKER:
                return "speaker"
            return "other" if is_person(subs[0]) else None
    return None


def about_partner(tok: "Token", couple: bool = True) -> bool:
    """Is the clause around the token about the partner (or, with ``couple``, the two of you)?"""
    return target(tok, couple) == "partner"


@lru_cache(maxsize=None)
def _self_verbs() -> frozenset[str]:
    return frozenset(words("moves", "self_verbs"))


def speaker_experience(tok: "Token") -> bool:
    """ "I always feel nervous", "I never know how to start": the speaker's own experience."""
    chain = _verb_chain(tok)
    if not chain:
        return False
    verb = chain[0]
    lemma = verb.lemma_.lower()
    if lemma not in _self_verbs():
        return False
    if lemma in ("be", "get", "become"):
        feelings = coach_lexicon.feeling_adjectives()
        return any(t.lower_ in feelings or t.lemma_.lower() in feelings for t in verb.subtree)
    return True
