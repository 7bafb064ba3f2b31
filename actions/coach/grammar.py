"""Small questions about a spaCy parse: who is the subject, is this reported speech."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from . import lexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

PARTNER_PRONOUNS = frozenset({"you", "u", "ya", "he", "she", "they", "him", "her", "them", "ur"})
SPEAKER_PRONOUNS = frozenset({"i", "we", "me", "us", "myself", "ourselves"})
PERSON_NOUNS = frozenset(
    {
        "mom", "mum", "mother", "dad", "father", "sister", "brother", "kid", "kids", "child",
        "children", "son", "daughter", "family", "friend", "friends", "boss", "parents",
        "in-laws", "people", "everyone", "someone", "somebody", "person", "guy", "girl", "man",
        "woman", "lady", "mate", "roommate", "flatmate", "ex", "babe", "baby", "honey", "love",
    }
)
# Verbs that report what someone said: words under them are quoted, not judged.
SPEECH_VERBS = frozenset(
    {
        "say", "tell", "text", "write", "yell", "shout", "scream", "call", "reply", "answer",
        "claim", "mutter", "whisper", "post", "message", "accuse", "joke", "snap", "announce",
        "insist", "complain", "comment", "laugh", "ask", "go",
    }
)


@lru_cache(maxsize=None)
def partner_nouns() -> frozenset[str]:
    """Words for a partner ("husband", "gf", ...)."""
    return frozenset(lexicon.words("evaluation", "partner_words"))


def is_person(tok: "Token") -> bool:
    """Does the token refer to a person other than the speaker?"""
    low = tok.lower_
    if low in PARTNER_PRONOUNS:
        return True
    if tok.pos_ == "PROPN" and tok.text[:1].isupper():
        return True
    return low in partner_nouns() or low in PERSON_NOUNS or tok.lemma_.lower() in PERSON_NOUNS


def is_speaker(tok: "Token") -> bool:
    """Does the token refer to the speaker ("I", "we")?"""
    return tok.lower_ in SPEAKER_PRONOUNS


def subjects(verb: "Token") -> list["Token"]:
    """Subjects of a verb, following conjunctions ("you came and left")."""
    found = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not found and verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
        return subjects(verb.head)
    return found


def predicate_subject(tok: "Token") -> "Token | None":
    """Whom an adjective or noun describes ("you are lazy" -> you, "a lazy man" -> man)."""
    cur = tok
    for _ in range(4):
        if cur.dep_ == "conj" and cur.head is not cur:
            cur = cur.head
            continue
        break
    if cur.dep_ == "amod" or cur.dep_ == "compound":
        return cur.head
    if cur.dep_ in ("acomp", "attr", "oprd", "advmod", "xcomp", "ccomp", "dobj"):
        verb = cur.head
        if cur.dep_ == "oprd":
            objs = [c for c in verb.children if c.dep_ == "dobj"]
            if objs:
                return objs[0]
        subs = subjects(verb)
        return subs[0] if subs else None
    if cur.dep_ in ("nsubj", "ROOT"):
        subs = subjects(cur)
        return subs[0] if subs else None
    return None


def is_reported(tok: "Token") -> bool:
    """Is the token inside something a person said ("you said I was lazy", "called me lazy")?"""
    child = tok
    for anc in tok.ancestors:
        if anc.lemma_.lower() in SPEECH_VERBS and child.dep_ in (
            "ccomp", "xcomp", "oprd", "dobj", "parataxis", "advcl", "acomp", "attr", "dep"
        ):
            if anc.lemma_.lower() == "go" and anc.tag_ != "VBG":
                return False
            return True
        child = anc
    return False


_QUOTED = re.compile(r'"[^"]+"|(?<![\w])\'[^\']{3,}\'(?![\w])|\u201c[^\u201d]+\u201d|\u2018[^\u2019]{3,}\u2019')


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted speech."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def in_ranges(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in ranges)


def token_at(doc: "Doc", char: int) -> "Token | None":
    """The token that covers a character offset."""
    for tok in doc:
        if tok.idx <= char < tok.idx + len(tok.text):
            return tok
        if tok.idx > char:
            return tok
    return None


def prep_text(text: str) -> str:
    """Text as given to spaCy: curly apostrophes straightened (same length)."""
    return text.replace("\u2019", "'").replace("\u2018", "'")
