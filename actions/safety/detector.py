"""The rule layer of the safety check: regexes over normalised text, with context rules.

Built for recall. A match is dropped only when its context clearly removes the danger:
a negator just before it ("he has never hit me"), talk about a film or a class ("the movie was
about suicide"), a hypothetical ("what if he hit me"), someone else's danger that is over
("my friends ex used to check her phone, glad she left"), a suicide someone else died by, or
money and phone arrangements the user asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .literals import Needed, may_match, required
from .text import normalise

KINDS = ("self_harm", "partner_violence", "immediate_danger")
# Most urgent first.
_URGENCY = ("immediate_danger", "self_harm", "partner_violence")

# Where a clause starts: punctuation or a linking word that can turn the meaning round.
_CLAUSE_BREAK = re.compile(
    r"(?:[.!?;,:]|\b(?:but|and|so|though|although|because|then|yet|except|just that|only|"
    r"however|plus|also|tho|while|whereas|instead)\b)"
)
_MACRO = re.compile(r"\{([A-Z]+)\}")


@dataclass(frozen=True)
class SafetyHit:
    """One safety concern found in a message."""

    kind: str  # one of KINDS
    span: str  # the words that triggered it (from the normalised text)
    layer: str = "regex"  # which layer fired: "regex" (this module) or "matcher" (matcher.py)


@lru_cache(maxsize=None)
def _load(name: str) -> dict[str, Any]:
    source = resources.files(__package__).joinpath("data").joinpath(f"{name}.yml")
    return yaml.safe_load(source.read_text(encoding="utf-8")) or {}


def _expand(pattern: str, macros: dict[str, str], macro: re.Pattern[str] = _MACRO) -> str:
    """``pattern`` with its ``{NAME}`` macros replaced (macros may use macros)."""
    for _ in range(5):
        expanded = macro.sub(lambda m: macros.get(m.group(1), m.group(0)), pattern)
        if expanded == pattern:
            break
        pattern = expanded
    return pattern


@lru_cache(maxsize=None)
def _rules() -> tuple[tuple[str, re.Pattern[str], Needed], ...]:
    """Every (kind, compiled pattern, the text it needs), most urgent kind first."""
    data = _load("patterns")
    macros = {str(k): str(v) for k, v in (data.get("macros") or {}).items()}
    rules: list[tuple[str, re.Pattern[str], Needed]] = []
    for kind in _URGENCY:
        for pattern in data.get(kind) or []:
            compiled = re.compile(_expand(str(pattern), macros))
            rules.append((kind, compiled, required(compiled)))
    return tuple(rules)


@lru_cache(maxsize=None)
def _context() -> dict[str, Any]:
    data = _load("context")
    compiled: dict[str, Any] = {"window": int(data.get("negation_window_words", 4))}
    for key in (
        "negators",
        "not_negation",
        "media_lead",
        "media_tail",
        "hypothetical_lead",
        "keep_if_tail",
        "third_party_lead",
        "resolved",
        "bereavement",
        "consent",
        "consent_kinds_patterns",
        "past_lead",
        "recovered",
        "nonpartner_subject",
    ):
        compiled[key] = re.compile(str(data[key]))
    return compiled


def _clause_start(text: str, start: int) -> int:
    """Index where the clause holding position ``start`` begins."""
    begin = 0
    for found in _CLAUSE_BREAK.finditer(text, 0, start):
        begin = found.end()
    return begin


def _clause_end(text: str, end: int) -> int:
    found = _CLAUSE_BREAK.search(text, end)
    return found.start() if found else len(text)


def _negated(lead: str, ctx: dict[str, Any]) -> bool:
    """A negator among the last few words before the match."""
    cleaned = ctx["not_negation"].sub(" ", lead)
    words = cleaned.split()[-ctx["window"] :]
    return bool(ctx["negators"].search(" ".join(words)))


def _dropped(kind: str, text: str, match: re.Match[str]) -> bool:
    """Whether the context of ``match`` clearly removes the danger."""
    ctx = _context()
    start, end = match.start(), match.end()
    lead = text[_clause_start(text, start) : start]
    tail = text[end : _clause_end(text, end)]
    span = match.group(0)
    if ctx["negators"].search(lead) and _negated(lead, ctx):
        return True
    sentence_lead = text[max(0, text.rfind(".", 0, start)) : start]
    if ctx["media_lead"].search(sentence_lead) or ctx["media_tail"].search(text[end:]):
        return True
    if ctx["hypothetical_lead"].search(sentence_lead) and not ctx["keep_if_tail"].search(
        span + tail
    ):
        return True
    if kind != "immediate_danger" and ctx["third_party_lead"].search(text[:start]):
        if ctx["resolved"].search(text) and not re.search(r"\b(?:i|im|me|my ?self)\b", span):
            return True
    if kind == "self_harm" and ctx["bereavement"].search(text[max(0, start - 20) : end + 5]):
        if not re.search(r"\b(?:i|im|ive|id)\b", text[max(0, start - 40) : start]):
            return True
    if kind == "partner_violence" and ctx["nonpartner_subject"].search(lead.strip()):
        return True
    if kind != "immediate_danger" and ctx["past_lead"].search(lead):
        if ctx["recovered"].search(text[end:]):
            return True
    if kind == "partner_violence" and ctx["consent"].search(text):
        if ctx["consent_kinds_patterns"].search(span):
            return True
    return False


def _scan(text: str) -> tuple[list[SafetyHit], bool]:
    """The hits, and whether any pattern matched at all (a dropped match included)."""
    normal = normalise(text)
    if not normal:
        return [], False
    hits: list[SafetyHit] = []
    seen: set[tuple[str, str]] = set()
    matched = False
    for kind, pattern, needed in _rules():
        if not may_match(needed, normal):
            continue  # none of the words this rule needs: it cannot match
        for match in pattern.finditer(normal):
            if not match.group(0).strip():
                continue
            matched = True
            if _dropped(kind, normal, match):
                continue
            key = (kind, match.group(0).strip())
            if key not in seen:
                seen.add(key)
                hits.append(SafetyHit(kind=kind, span=match.group(0).strip()))
    return hits, matched


def detect_all(text: str) -> list[SafetyHit]:
    """Every safety hit in ``text``, most urgent kind first, then in order of the rules.

    Not cached: the scan is cheap, and a cache would keep what people wrote in memory."""
    return _scan(text or "")[0]


def scan(text: str) -> tuple[list[SafetyHit], bool]:
    """``detect_all``'s hits, and whether any pattern matched before its context was read
    ("he has never hit me" matched, and the negation dropped it)."""
    return _scan(text or "")


def detect(text: str) -> SafetyHit | None:
    """The most urgent hit: immediate_danger, then self_harm, then partner_violence."""
    hits = detect_all(text)
    return hits[0] if hits else None
