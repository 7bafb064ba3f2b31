"""The request part: positive, concrete, doable now, and a question rather than an order."""
from __future__ import annotations

import re

from . import lexicon
from .blame import find_blame
from .evaluation import find_evaluations
from .findings import Finding, dedupe
from .grammar import prep_text
from .nlp import parse
from .text import capital_i, find_phrases, norm, starts_with_phrase, strip_lead_fillers

_LEAD = re.compile(
    r"^(?:(?:and|so|but|also|then|my\s+request\s+(?:is|would\s+be)|the\s+request\s+is|"
    r"request|i\s+would\s+ask|i'?d\s+ask)(?![\w'])[\s,:-]*)+",
    re.IGNORECASE,
)
_QUESTION = re.compile(
    r"^(?:(?:would|could|can|will|shall|may|might|should|do|does|did|are|is|won'?t|wouldn'?t|"
    r"can'?t|couldn'?t|don'?t|is\s+it|are\s+you)\s+(?:you|u|ya|we|i|they|he|she|there|"
    r"ok|okay|possible|alright)|how|what|when|where|why|which|who|would\s+you\s+mind|"
    r"maybe\s+(?:we|you)\s+could)(?![\w'])",
    re.IGNORECASE,
)
_SOFT_OPENER = re.compile(r"^(?:(?:please|pls|plz|just|now|so|ok(?:ay)?|and|babe|honey|love|hey)[\s,]+)+", re.IGNORECASE)

EXPLAIN = {
    "threat": "'{span}' is a threat, and a threat turns a request into a demand.",
    "obligation": "'{span}' is an order; a request leaves your partner free to say yes or no.",
    "negative": "'{span}' asks for what you don't want; it is easier to say yes to what you do want.",
    "vague": "'{span}' is hard to act on; it doesn't say what your partner could do, or when.",
    "imperative": "'{span}' reads as an instruction; a question leaves room for a yes or a no.",
}
SUGGEST = (
    "Ask for one concrete thing your partner could do soon, as a question: 'Would you be "
    "willing to put your phone away during dinner tonight?'"
)


def _words(key: str) -> tuple[str, ...]:
    return lexicon.words("request", key)


def is_question(text: str) -> bool:
    """Is the request a question (by its mark or its opening words)?"""
    t = norm(text).strip()
    return t.endswith("?") or bool(_QUESTION.match(strip_lead_fillers(_LEAD.sub("", t))))


def clean_request(text: str) -> str:
    """The request as one sentence, capitalised, with a question mark if it is a question."""
    t = strip_lead_fillers(prep_text(text or "").strip())
    t = _LEAD.sub("", t).strip()
    t = re.sub(r"\s+", " ", t)
    if not t:
        return ""
    question = is_question(t)
    t = re.sub(r"[\s.,;:!?…]+$", "", t)
    if not t:
        return ""
    t = capital_i(t)
    t = t[0].upper() + t[1:]
    return t + ("?" if question else ".")


def is_skip(text: str) -> bool:
    """Does the person want to skip the (optional) request? ("skip", "no thanks", "nope")"""
    t = norm(text or "").strip()
    if not t:
        return False
    t = re.sub(r"[.!,;:…]+", " ", t).strip()
    if not find_phrases(t, _words_phrases("skip")):
        return False
    filler = set(_words_phrases("skip_filler")) | {w for p in _words_phrases("skip") for w in p.split()}
    rest = re.findall(r"[\w'/]+", t)
    return all(w in filler for w in rest)


def _words_phrases(key: str) -> tuple[str, ...]:
    return lexicon.words("phrases", key)


def _concrete(text: str) -> bool:
    return bool(find_phrases(text, _words("concrete_markers")))


def _imperative(text: str) -> tuple[int, int] | None:
    """An order at the start of a sentence ("Put the phone away."): its first word's span."""
    soft = _SOFT_OPENER.match(text)
    at = soft.end() if soft else 0
    rest = text[at:]
    if not rest.strip() or _QUESTION.match(norm(rest)) or re.match(r"(?i)let'?s\b|let\s+us\b", rest):
        return None
    first = re.match(r"[\w']+", rest)
    if not first:
        return None
    word = first.group(0).lower()
    doc = parse(rest)
    tok = doc[0]
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.head.children) if tok.dep_ == "ROOT" else False
    verb_like = tok.tag_ == "VB" and tok.dep_ == "ROOT" and not has_subject
    if word in _words("imperative_verbs") or verb_like:
        return (at, at + first.end())
    return None


def check_request(text: str) -> list[Finding]:
    """Check a request: demands (orders, threats, negative or vague asks), evaluation, blame."""
    if not text or not text.strip():
        return []
    t = prep_text(text)
    body = _LEAD.sub("", t)
    offset = len(t) - len(body)
    located: list[tuple[int, Finding]] = []
    demand = _demand(body)
    if demand:
        kind, (start, end) = demand
        span = body[start:end].strip()
        located.append(
            (
                offset + start,
                Finding(
                    check="demand",
                    span=span,
                    explanation=EXPLAIN[kind].format(span=span),
                    suggestion=SUGGEST,
                ),
            )
        )
    located += find_evaluations(t)
    located += find_blame(t)
    located.sort(key=lambda x: x[0])
    return dedupe([f for _, f in located])


def _demand(text: str) -> tuple[str, tuple[int, int]] | None:
    threats = find_phrases(text, _words("threats"))
    if threats:
        return "threat", threats[0]
    soft = _SOFT_OPENER.match(text)
    at = soft.end() if soft else 0
    rest = text[at:]
    hit = starts_with_phrase(rest, _words("obligation"))
    if hit:
        return "obligation", (at + hit[0], at + hit[1])
    hit = starts_with_phrase(rest, _words("negative_openers"))
    if hit:
        # "stop" alone or "don't ..." as the whole ask
        end = at + hit[1]
        nxt = re.match(r"\s+([\w']+)", text[end:])
        if nxt and norm(text[at + hit[0] : end]) in ("stop", "quit") and nxt.group(1).lower() == "being":
            end += nxt.end()
        return "negative", (at + hit[0], end)
    vague = find_phrases(text, _words("vague"))
    if vague and not _concrete(text):
        return "vague", vague[0]
    if not is_question(text):
        imp = _imperative(text)
        if imp:
            polite = bool(soft and re.match(r"(?i)(?:please|pls|plz)\b", text.strip()))
            just = bool(soft and re.search(r"(?i)\bjust\b", soft.group(0)))
            if not polite or just:
                start = soft.start() if just and soft else imp[0]
                end = len(text.rstrip(" .!?"))
                return "imperative", (start, end)
    return None
