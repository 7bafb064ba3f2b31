"""Safety check: finds disclosures of self-harm, partner violence and immediate danger.

Two rule layers, either of which firing is enough:

- ``detect`` / ``detect_all`` (detector.py): regexes over normalised text, pure Python;
- the Matcher layer (matcher.py): lemma patterns on spaCy's Matcher, with negation, reported
  speech, hypotheticals and idioms read on the dependency parse.

``check(text)`` parses the lower-cased text and runs both; ``check_doc(text, doc)`` does the
same with a Doc the caller already has (the Rasa component). The most urgent kind wins
(immediate_danger > self_harm > partner_violence). No rasa, rasa_sdk or SQLAlchemy import;
spaCy is loaded on the first ``check`` call, never at import, and no message text is cached.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, List, Optional, Tuple

from .detector import KINDS, SafetyHit, detect, detect_all, scan

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)


def _lowered(text: str) -> str:
    """The text the Matcher layer parses: lower case, typographic apostrophes made plain."""
    return (text or "").replace("\u2019", "'").replace("\u2018", "'").lower()


@dataclass(frozen=True)
class Reading:
    """What the rule layers made of one message."""

    hits: List[SafetyHit]
    #: Alarm words were there (a regex hit, a Matcher phrase or a listed idiom) before any
    #: context was read.
    alarm_words: bool

    @property
    def set_aside(self) -> bool:
        """The rules saw alarm words and the parse set every one aside: an idiom ("this
        deadline is killing me"), a denial, fiction, a hypothetical, a past that is over."""
        return self.alarm_words and not self.hits


def read_doc(
    text: str, doc: Optional["Doc"], scanned: Optional[Tuple[List[SafetyHit], bool]] = None
) -> Reading:
    """Every hit of both layers (as ``check_all_doc``) and whether alarm words were there.

    ``scanned`` is ``scan(text)`` when the caller already has it (the regexes run once).
    """
    from .matcher import review_all

    if doc is not None and not (doc.has_annotation("LEMMA") and doc.has_annotation("DEP")):
        from actions.coach.nlp import load_nlp

        doc = load_nlp()(_lowered(text))
    regex_hits, regex_matched = scan(text) if scanned is None else scanned
    hits, alarm_words = review_all(doc, regex_hits, regex_matched)
    return Reading(hits=hits, alarm_words=alarm_words)


def check_all_doc(text: str, doc: Optional["Doc"]) -> List[SafetyHit]:
    """Every hit of both layers, most urgent kind first (regex hits first within a kind).

    ``doc`` is a spaCy Doc of ``text`` (best of the lower-cased text, as ``check`` makes it).
    The regex hits are read on the parse too (see ``matcher.review``): one under a media frame
    ("the song says ..."), inside an "if" clause, in a past that is over or in an idiom is
    dropped, and partner violence happening now is reported as immediate_danger. With no Doc,
    this is the regex layer alone. A Doc without lemmas or a dependency parse (Rasa's SpacyNLP
    can leave the parser out) is parsed again here, since negation and the rest need the parse.
    """
    return read_doc(text, doc).hits


def check_doc(text: str, doc: "Doc") -> Optional[SafetyHit]:
    """The most urgent hit of both layers, for a caller that already parsed ``text``."""
    hits = check_all_doc(text, doc)
    return hits[0] if hits else None


def check(text: str) -> Optional[SafetyHit]:
    """The most urgent hit of both layers; parses the lower-cased text with the coach's spaCy
    pipeline. If spaCy cannot be loaded, the regex layer still answers (and it is logged)."""
    if not text or not text.strip():
        return None
    try:
        from actions.coach.nlp import load_nlp

        doc = load_nlp()(_lowered(text))
    except (ImportError, OSError, RuntimeError):  # pragma: no cover - broken install
        logger.exception("safety check: spaCy unavailable, using the regex layer only")
        return detect(text)
    return check_doc(text, doc)


def needs_parse(
    text: str, doc: Optional["Doc"], scanned: Optional[Tuple[List[SafetyHit], bool]] = None
) -> bool:
    """Whether either layer could fire on ``text``, judged without a dependency parse.

    ``doc`` is a Doc of the lower-cased text with lemmas (Rasa's, made without the parser);
    ``scanned`` is ``scan(text)`` when the caller has it. When this is False, ``read_doc``
    would find no hit and no alarm words, so the parse can be skipped.
    """
    from .matcher import may_fire

    if doc is None or "\u2019" in text or "\u2018" in text:
        return True
    return (scan(text) if scanned is None else scanned)[1] or may_fire(doc)


#: What a caller parses before ``check_doc`` (bot/components/safety_guard.py parses in batches).
lowered_text = _lowered

__all__ = ["KINDS", "Reading", "SafetyHit", "check", "check_all_doc", "check_doc", "detect",
           "detect_all", "lowered_text", "needs_parse", "read_doc", "scan"]
