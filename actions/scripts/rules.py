"""High-precision phrase rules for the scripts, on spaCy's Matcher.

The rules catch the stock phrases ("boys don't cry", "that's women's work", "no worries, I've
got this babe") in any inflection, so the trained classifier does not have to. Counter-
statements ("he doesn't believe boys don't cry") are left to the classifier: a phrase inside
a sentence that rejects it is not reported. The pattern syntax is compiled by
``actions.phrase_patterns``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

# The compact pattern syntax lives in actions.phrase_patterns (shared with the safety Matcher);
# its names stay importable from here.
from actions.phrase_patterns import (  # noqa: F401
    _NOT,
    Gate,
    _RANGE,
    _expand,
    common_words,
    compile_pattern,
    expand_spec,
)
from actions.scripts.catalogue import SCRIPTS, all_scripts

if TYPE_CHECKING:  # pragma: no cover
    from spacy.matcher import Matcher
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

#: Words that, in the same sentence before the phrase, mean it is being rejected.
_REJECT = re.compile(
    r"\b(?:doesn'?t|don'?t|never|not|no longer|didn'?t|won'?t)\s+(?:believe|buy|think|say|said|"
    r"agree|do|go for|subscribe)\b[^.!?]{0,25}$|\b(?:myth|nonsense|rubbish|bs|bullshit|not true|"
    r"isn'?t true|outdated|proved wrong|grew out of|unlearn(?:ed|ing)?|reject(?:ed|s)?)\b"
    r"[^.!?]{0,25}$|\b(?:not|isn'?t|wasn'?t|aren'?t)\s+(?:one of those|the type|that kind)\b",
    re.I,
)


@dataclass(frozen=True)
class RuleHit:
    """A script phrase found in a text: which script, and where."""

    script: str
    start: int
    end: int
    text: str


def _patterns() -> Dict[str, List[List[Dict[str, Any]]]]:
    """Every script's Matcher patterns, by script name."""
    return {key: [p for spec in script.patterns for p in expand_spec(spec)]
            for key, script in all_scripts().items()}


@lru_cache(maxsize=4)
def _matcher(vocab: "Vocab") -> "Matcher":
    from spacy.matcher import Matcher

    matcher = Matcher(vocab)
    for key, patterns in _patterns().items():
        matcher.add(key, patterns)
    return matcher


@lru_cache(maxsize=1)
def _gate() -> Gate:
    """Skips the Matcher for a message without the words some phrase needs."""
    return Gate((p for patterns in _patterns().values() for p in patterns),
                common_words())  # spaCy is loaded: a Doc exists


def _rejected(doc: "Doc", start_char: int) -> bool:
    sentence_start = 0
    for sent in doc.sents if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else []:
        if sent.start_char <= start_char < sent.end_char:
            sentence_start = sent.start_char
            break
    before = doc.text[sentence_start:start_char]
    return bool(_REJECT.search(before))


def find_in_doc(doc: "Doc") -> List[RuleHit]:
    """Every script phrase in a parsed text, longest first at each place, in text order."""
    hits: List[RuleHit] = []
    if not _gate().open_for(doc):
        return hits
    taken: List[Tuple[int, int]] = []
    matches = sorted(_matcher(doc.vocab)(doc), key=lambda m: (m[1], -(m[2] - m[1])))
    for match_id, start, end in matches:
        if any(s < end and start < e for s, e in taken):
            continue
        span = doc[start:end]
        if _rejected(doc, span.start_char):
            continue
        taken.append((start, end))
        hits.append(
            RuleHit(doc.vocab.strings[match_id], span.start_char, span.end_char, span.text)
        )
    return hits


def find(text: str) -> List[RuleHit]:
    """Every script phrase in ``text`` (parses it with the coach's spaCy pipeline).

    The text is lower-cased first (as the NLU pipeline does), so "BOYS DON'T CRY" is read as
    words; the hits' offsets and text refer to what was typed.
    """
    if not text or not text.strip():
        return []
    from actions.coach.nlp import load_nlp
    from actions.coach.text import norm

    lowered = norm(text)
    return [
        RuleHit(h.script, h.start, h.end, text[h.start:h.end])
        for h in find_in_doc(load_nlp()(lowered))
    ]


def first(text: str) -> Optional[RuleHit]:
    """The first script phrase in ``text``, if any."""
    hits = find(text)
    return hits[0] if hits else None


__all__ = ["RuleHit", "SCRIPTS", "compile_pattern", "find", "find_in_doc", "first"]
