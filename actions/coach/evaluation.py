"""Evaluation (NVC) and criticism (Gottman) in what someone says about their partner."""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon
from .findings import Finding
from .grammar import (
    in_ranges,
    is_person,
    is_reported,
    is_speaker,
    predicate_subject,
    prep_text,
    quoted_ranges,
    subjects,
    token_at,
)
from .nlp import parse
from .text import find_phrases, norm, starts_with_phrase

Located = tuple[int, Finding]

CAMERA = (
    "Think of one recent moment a camera could have recorded: what did your partner say or do? "
    "For example: 'when you looked at your phone while I was talking last night'."
)
EXPLAIN = {
    "absolute": "'{span}' is a generalisation; your partner will likely argue with it instead "
    "of hearing you.",
    "label": "'{span}' judges who your partner is rather than describing what they did.",
    "mind": "'{span}' guesses what is in your partner's mind; they can only answer for what "
    "they did.",
    "sarcasm": "'{span}' can land as sarcasm, which tends to start a fight rather than a talk.",
    "interpret": "'{span}' is how you read what happened; a camera would show something more "
    "specific.",
    "judgement": "'{span}' is a judgement of amount; a specific moment is easier to hear.",
}
_MODALS = {"could", "would", "can", "will", "might", "may", "should", "wo", "ca"}
_PERFECT = {"have", "had", "'ve", "'d", "has"}


def _words(key: str) -> tuple[str, ...]:
    return lexicon.words("evaluation", key)


@lru_cache(maxsize=None)
def _labels() -> tuple[frozenset[str], tuple[str, ...]]:
    labels = _words("labels")
    return frozenset(w for w in labels if " " not in w), tuple(w for w in labels if " " in w)


@lru_cache(maxsize=None)
def _noun_label_re() -> re.Pattern[str]:
    nouns = sorted(_words("label_nouns"), key=len, reverse=True)
    alt = "|".join(re.escape(n).replace("'", "'?").replace(r"\ ", r"\s+") for n in nouns)
    lead = (
        r"(?:such\s+an?|like\s+an?|acting\s+like\s+an?|act\s+like\s+an?|what\s+an?|"
        r"(?:you|u|ur|you're|youre|you\s+are|he's|she's|he\s+is|she\s+is)\s+(?:such\s+)?(?:an?\s+)?|"
        r"an?\s+(?:total|complete|absolute|real|typical|selfish|lazy|big|fucking|bloody|useless)|"
        r"total|complete|absolute|such)"
    )
    return re.compile(rf"(?<![\w']){lead}\s+(?:[\w-]+\s+)?(?:{alt})s?(?![\w'])")


def _find(text: str, key: str) -> list[tuple[int, int]]:
    return find_phrases(text, _words(key))


def _make(kind: str, span: str) -> Finding:
    return Finding(
        check="evaluation",
        span=span,
        explanation=EXPLAIN[kind].format(span=span),
        suggestion=CAMERA,
    )


def _skip_token(tok, quotes) -> bool:  # type: ignore[no-untyped-def]
    return tok is None or in_ranges(tok.idx, quotes) or is_reported(tok)


def _absolutes(text: str, doc, quotes) -> list[Located]:  # type: ignore[no-untyped-def]
    out: list[Located] = []
    for start, end in _find(text, "absolutes"):
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "'"):
            start -= 1  # a pattern that began inside a word ("n't ... anymore")
        span = text[start:end]
        low = span.lower()
        tok = token_at(doc, start)
        if _skip_token(tok, quotes):
            continue
        head = tok.head
        subs = subjects(head) if head is not None else []
        speaker_subject = any(is_speaker(s) for s in subs)
        if low in ("never", "always", "ever") or low.startswith(("never", "always")):
            perfect = any(c.lower_ in _PERFECT and c.dep_ == "aux" for c in head.children)
            if speaker_subject and perfect:
                continue  # "I had never seen that": the speaker's own experience
        if low in ("nothing", "everything"):
            if any(c.dep_ == "expl" for c in head.children):
                continue  # "there was nothing in the fridge"
            if speaker_subject and tok.dep_ in ("dobj", "pobj") and not head.lemma_ == "do":
                continue  # "I had nothing to wear"
        out.append((start, _make("absolute", span)))
    return out


def _label_words(doc, quotes) -> list[Located]:  # type: ignore[no-untyped-def]
    single, _multi = _labels()
    out: list[Located] = []
    for tok in doc:
        low = tok.lower_
        base = low
        if low.endswith("ly") and low not in single:
            stem = low[:-2]
            base = stem[:-1] + "y" if stem.endswith("i") else stem
            if base not in single and stem + "e" in single:
                base = stem + "e"
        if base not in single:
            continue
        if _skip_token(tok, quotes):
            continue
        if tok.pos_ in ("VERB", "AUX") and tok.tag_ != "VBG":
            continue  # "what do you mean", "I mean"
        if base != low:  # an adverb: "you rudely interrupted me"
            verb = tok.head
            subs = subjects(verb)
            if subs and is_speaker(subs[0]):
                continue
            out.append((tok.idx, _make("label", tok.text)))
            continue
        who = predicate_subject(tok)
        if who is not None and who is not tok:
            if is_speaker(who):
                continue  # "I was cold"
            if not is_person(who) and who.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
                continue  # "the dinner was cold", "it was awful"
        elif tok.dep_ == "amod" and not is_person(tok.head):
            continue
        out.append((tok.idx, _make("label", tok.text)))
    return out


def _label_phrases(text: str, doc, quotes) -> list[Located]:  # type: ignore[no-untyped-def]
    out: list[Located] = []
    _single, multi = _labels()
    for start, end in find_phrases(text, multi):
        tok = token_at(doc, start)
        if not _skip_token(tok, quotes):
            out.append((start, _make("label", text[start:end])))
    for m in _noun_label_re().finditer(norm(text)):
        tok = token_at(doc, m.start())
        if not _skip_token(tok, quotes):
            out.append((m.start(), _make("label", text[m.start() : m.end()])))
    return out


def _interpretive(doc, quotes) -> list[Located]:  # type: ignore[no-untyped-def]
    verbs = frozenset(_words("interpretive_verbs"))
    particles = lexicon.load("evaluation").get("interpretive_particles") or {}
    out: list[Located] = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma not in verbs:
            continue
        if lemma in particles:
            prts = [c for c in tok.children if c.dep_ == "prt" and c.lower_ in particles[lemma]]
            if not prts:
                continue
        if _skip_token(tok, quotes):
            continue
        subs = subjects(tok)
        if subs and is_speaker(subs[0]) and tok.tag_ != "VBN":
            continue  # "I ignored it" is the speaker's own act
        end = tok.idx + len(tok.text)
        objs = [c for c in tok.children if c.dep_ in ("dobj", "prt") and c.i <= tok.i + 3]
        if objs:
            last = max(objs, key=lambda c: c.i)
            end = last.idx + len(last.text)
        out.append((tok.idx, _make("interpret", doc.text[tok.idx : end])))
    return out


def _mind_reading(text: str, doc, quotes) -> list[Located]:  # type: ignore[no-untyped-def]
    out: list[Located] = []
    for start, end in _find(text, "mind_reading"):
        tok = token_at(doc, start)
        if not _skip_token(tok, quotes):
            out.append((start, _make("mind", text[start:end])))
    mind = frozenset(_words("mind_verbs"))
    intent = frozenset(_words("intent_verbs"))
    hostile = frozenset(_words("hostile_verbs"))
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("VERB", "AUX") or lemma not in mind | intent:
            continue
        subs = subjects(tok)
        if not subs or not is_person(subs[0]) or _skip_token(tok, quotes):
            continue
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in tok.children):
            continue  # "could you care more?" asks; it doesn't read minds
        if lemma not in mind:
            comps = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]
            objs = [c for c in tok.children if c.dep_ == "dobj" and c.lower_ == "me"]
            if not any(c.lemma_.lower() in hostile for c in comps) and not (
                lemma == "want" and objs and any(n.dep_ == "neg" for n in tok.children)
            ):
                continue
        elif lemma in ("love", "want") and not any(n.dep_ == "neg" for n in tok.children):
            continue  # "you love cooking" is not mind-reading; "you don't love me" is
        first = min([subs[0].i, tok.i] + [c.i for c in tok.children if c.dep_ in ("aux", "neg")])
        last = tok.i
        for c in tok.children:
            if c.dep_ in ("dobj", "xcomp", "ccomp") and c.i > tok.i:
                last = max(last, c.i if c.dep_ == "dobj" else c.i)
                if c.dep_ != "dobj":
                    kids = [k for k in c.children if k.dep_ == "dobj" and k.i > c.i]
                    last = max([last] + [k.i for k in kids])
                break
        if last - first > 8:
            last = tok.i
        span = doc[first : last + 1].text
        out.append((doc[first].idx, _make("mind", span)))
    return out


def find_evaluations(text: str) -> list[Located]:
    """Evaluations in text, each with the offset where it starts."""
    if not text or not text.strip():
        return []
    doc = parse(prep_text(text))
    quotes = quoted_ranges(text)
    found: list[Located] = []
    found += _absolutes(text, doc, quotes)
    found += _label_phrases(text, doc, quotes)
    found += _label_words(doc, quotes)
    found += _interpretive(doc, quotes)
    found += _mind_reading(text, doc, quotes)
    for kind, key in (("sarcasm", "sarcasm"), ("judgement", "judgements"), ("interpret", "interpretive_phrases")):
        for start, end in _find(text, key):
            tok = token_at(doc, start)
            if not _skip_token(tok, quotes):
                found.append((start, _make(kind, text[start:end])))
    return _drop_overlaps(found)


def _drop_overlaps(found: list[Located]) -> list[Located]:
    """Keep the longest finding where two cover the same words."""
    found.sort(key=lambda x: (-len(x[1].span), x[0]))
    out: list[Located] = []
    for start, f in found:
        end = start + len(f.span)
        if any(s < end and start < s + len(g.span) for s, g in out):
            continue  # overlaps one already kept (earlier, or same start and longer)
        out.append((start, f))
    return sorted(out, key=lambda x: x[0])


# ---- criticism -------------------------------------------------------------------------------

_LEAD = re.compile(
    r"^\s*(?:(?:and|so|but|well|honestly|tbh|ngl|like|um+|uh+|ok(?:ay)?|just|because|cause|"
    r"'cause|cuz|coz|since|when|whenever|that|it'?s\s+when|it\s+is\s+when|it\s+was\s+when|"
    r"the\s+way|the\s+fact\s+that|it'?s\s+that|it'?s\s+because|i\s+mean)\b[\s,.:;-]*)*",
    re.IGNORECASE,
)
CRITICISM_EXPLAIN = (
    "Opening with '{span}' tends to sound like an attack on who your partner is, so they defend "
    "instead of listen."
)
CRITICISM_SUGGEST = (
    "Start with 'I' and one moment, for example: 'I felt alone when you went to bed without "
    "saying goodnight last night.'"
)


@lru_cache(maxsize=None)
def _third_person_re() -> re.Pattern[str]:
    partners = "|".join(re.escape(p) for p in sorted(_words("partner_words"), key=len, reverse=True))
    who = rf"(?:he|she|they|(?:my|our|your)\s+(?:{partners}))"
    what = (
        r"(?:always|never|constantly|(?:is|was|'s|are|were|'re)\s+(?:always|never|so|such\s+an?)|"
        r"(?:just|only)\s+(?:never|always)|never\s+ever|can'?t\s+ever|won'?t\s+ever|"
        r"(?:doesn'?t|don'?t|does\s+not|do\s+not)\s+(?:ever|even))"
    )
    # "he's always", "hes never", "they're so": the verb may be glued on as a contraction.
    glued = r"(?:'?s|'?re)\s+(?:always|never|constantly|so|such\s+an?)"
    return re.compile(rf"{who}(?:\s+{what}|{glued})(?![\w'])")


def _label_follows(after: str) -> bool:
    """Does a character label come within the next four words ("so <lazy>", "such a <slob>")?"""
    window = " ".join(norm(after).split()[:4])
    single, multi = _labels()
    nouns = set(_words("label_nouns"))
    return bool(
        any(w.strip(".,!?") in single | nouns for w in window.split()) or find_phrases(window, multi)
    )


def find_criticism(text: str) -> list[Located]:
    """A criticism opener at the start of text ("you always...", "why can't you...")."""
    if not text or not text.strip():
        return []
    lead = _LEAD.match(text)
    offset = lead.end() if lead else 0
    rest = text[offset:]
    hit = starts_with_phrase(rest, _words("criticism_openers"))
    if hit:
        start, end = hit
        opener = norm(rest[start:end])
        needs_label = find_phrases(opener, _words("criticism_need_label"))
        if needs_label and needs_label[0][0] == 0 and needs_label[0][1] == len(opener):
            if not _label_follows(rest[end:]):
                hit = None
    if hit is None:
        m = _third_person_re().match(norm(rest))
        if m is None:
            # A name: "Sam always ..." (capitalised in what the user typed)
            m2 = re.match(r"([A-Z][a-z]+)\s+(always|never|constantly)(?![\w'])", rest)
            if m2 is None:
                return []
            hit = (m2.start(), m2.end())
        else:
            hit = (m.start(), m.end())
            if re.search(r"(?:so|such\s+an?)$", m.group(0)) and not _label_follows(rest[m.end() :]):
                return []  # "she's so excited about the trip", "he is so tired after work"
    start, end = hit
    span = rest[start:end].strip()
    return [
        (
            offset + start,
            Finding(
                check="criticism",
                span=span,
                explanation=CRITICISM_EXPLAIN.format(span=span),
                suggestion=CRITICISM_SUGGEST,
            ),
        )
    ]
