"""The need part: a universal need, not a strategy that names who must do what."""
from __future__ import annotations

import re

from . import lexicon
from .blame import find_blame
from .evaluation import find_evaluations
from .findings import Finding, dedupe
from .grammar import PERSON_NOUNS, partner_nouns, prep_text
from .nlp import parse
from .text import norm, strip_end_punct, strip_lead_fillers, strip_repeatedly, tidy_part

_LEAD = re.compile(
    r"^(?:(?:and|so|but|also|which\s+is\s+why)\s+)*"
    r"(?:what\s+i\s+(?:really\s+|actually\s+|most\s+)?(?:need|needed|want|wanted)\s+(?:most\s+)?(?:is|was)|"
    r"my\s+need\s+(?:is|was)|the\s+need\s+(?:is|was)|"
    r"i\s+(?:really\s+|just\s+|also\s+|actually\s+|think\s+i\s+|guess\s+i\s+|kind\s+of\s+|kinda\s+|"
    r"probably\s+|still\s+|honestly\s+)*(?:need|needed|needs|am\s+needing|'m\s+needing)|"
    r"i'm\s+needing|im\s+needing|need|needing)(?![\w'])[\s,:]*",
    re.IGNORECASE,
)
# A person after "I need": a strategy names who should do something.
_PERSON = r"(?:you|u|ya|him|her|them|us|he|she|they|y'all)"


def clean_need(text: str) -> str:
    """The need alone: "I need some rest" -> "some rest"; "and I need connection" -> "connection"."""
    return tidy_part(strip_repeatedly(prep_text(text or ""), _LEAD), drop_dangling=False)


def _strategy_start(text: str) -> int | None:
    """Where the person-and-action of a strategy starts in text, or None."""
    low = norm(text)
    lead = len(low) - len(strip_lead_fillers(low))  # "honestly, I need you to ..."
    m = _LEAD.match(low[lead:])
    rest_at = lead + (m.end() if m else 0)
    # "I want you to", "I'd like him to", "I expect her to"
    m2 = re.compile(
        r"(?:(?:and|so|but|also)\s+)*i(?:\s+|(?=')|(?=d\s))(?:really\s+|just\s+)?(?:want|wanted|would\s+(?:really\s+)?like|"
        r"'?d\s+(?:really\s+)?like|expect|wish|would\s+(?:really\s+)?love|'?d\s+(?:really\s+)?love)\s+",
    ).match(low, lead)
    if m2 and m2.end() > rest_at:
        rest_at = m2.end()
    rest = low[rest_at:]
    skip = re.match(r"(?:for\s+|that\s+|is\s+for\s+|is\s+that\s+)?", rest)
    at = rest_at + (skip.end() if skip else 0)
    tail = low[at:]
    people = "|".join(
        re.escape(p) for p in sorted(partner_nouns() | PERSON_NOUNS, key=len, reverse=True)
    )
    if re.match(rf"{_PERSON}(?![\w'])", tail) or re.match(
        rf"(?:my|our|the)\s+(?:{people})s?(?![\w'])\s+\S", tail
    ):
        return at
    # A name: "Sam to help with the kids"
    if re.match(r"[A-Z][a-z]+\s+(?:to|would|will|should|could|needs)\b", text[at:]):
        return at
    # "more help from you", "an apology from him"
    m3 = re.search(rf"\bfrom\s+(?:{_PERSON}|my\s+(?:{people}))(?![\w'])", low)
    if m3:
        return rest_at + (skip.end() if skip else 0)
    # "you" as a subject anywhere ("someone who ... no", "that you listen")
    doc = parse(text)
    for tok in doc:
        if tok.lower_ in ("you", "u") and tok.dep_ in ("nsubj", "nsubjpass") and tok.idx >= rest_at:
            return tok.idx
    return None


def guess_needs(text: str) -> list[str]:
    """Universal needs often behind a strategy ("you to text me" -> reassurance, ...)."""
    low = norm(text)
    doc = parse(prep_text(text))
    lemmas = {t.lemma_.lower() for t in doc} | set(re.findall(r"[\w']+", low))
    named = [n for n in sorted(lexicon.universal_needs(), key=len, reverse=True)
             if re.search(rf"(?<![\w']){re.escape(n)}(?![\w'])", low)]
    for keys, needs in lexicon.strategy_map():
        for key in keys:
            if (" " in key and re.search(rf"(?<![\w']){re.escape(key)}", low)) or key in lemmas:
                return _unique(named[:1] + list(needs))
    return _unique(named[:1] + list(lexicon.words("needs", "default_needs")))


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in items if not (x in seen or seen.add(x))]  # type: ignore[func-returns-value]


def _as_request(strategy: str) -> str | None:
    """'you to text me when you're late' -> 'Would you be willing to text me when you're late?'"""
    m = re.match(r"(?:for\s+|that\s+)?(?:you|u)\s+to\s+(.+)$", strategy, re.IGNORECASE)
    if not m:
        return None
    action = strip_end_punct(m.group(1))
    if re.match(r"(?:stop|not|quit|never)\b", action, re.IGNORECASE):
        return None
    return f"Would you be willing to {action}?"


def _strategy_finding(span: str) -> Finding:
    needs = guess_needs(span)[:4]
    pair = " or ".join(needs[:2])
    request = _as_request(span)
    move = (
        f"and keep the specific part for your request: '{request}'"
        if request
        else "and turn the specific part into a request: 'Would you be willing to ...?'"
    )
    return Finding(
        check="strategy_as_need",
        span=span,
        explanation=f"'{span}' is a way to meet a need, one that depends on someone else doing it.",
        suggestion=f"Underneath it there may be a need for {pair}. Try 'I need {needs[0]}', {move}",
        options=tuple(needs),
    )


def check_need(text: str) -> list[Finding]:
    """Check what the person said they need: strategies, evaluations, blame and scripts."""
    if not text or not text.strip():
        return []
    t = prep_text(text)
    located: list[tuple[int, Finding]] = []
    start = _strategy_start(t)
    if start is not None:
        span = strip_end_punct(t[start:].strip())
        if span:
            located.append((start, _strategy_finding(span)))
    located += find_evaluations(t)
    located += find_blame(t)
    located.sort(key=lambda x: x[0])
    return dedupe([f for _, f in located])
