"""What the person just did in a rehearsal turn: the "move" the partner reacts to.

Softening moves: a clean I-statement, a reflection, a clean request, asking for a break,
appreciation. Hardening moves (Gottman's horsemen): contempt, blame, defensiveness, and
"always/never" aimed at the partner. The rest: a question, or neutral. Quoted words and
reported speech ("you said I was overreacting") are never counted against the person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from actions.coach import check_need, check_request
from actions.coach.evaluation import find_evaluations
from actions.coach.findings import Finding, Parts, dedupe
from actions.coach.grammar import prep_text, quoted_ranges
from actions.coach.nlp import parse
from actions.coach.split import split_statement
from actions.coach.text import norm

from . import gentle, harsh
from .aim import own_phrases
from .harsh import eval_kind

HARDENING: tuple[str, ...] = ("contempt", "blame", "defensive", "absolute")
SOFTENING: tuple[str, ...] = ("reflection", "i_statement", "request", "break", "appreciation")
OTHER: tuple[str, ...] = ("question", "neutral")
#: Every move, in priority order: the first one found is the turn's move.
MOVES: tuple[str, ...] = HARDENING + SOFTENING + OTHER

_OWNER = re.compile(r"(?<![\w'])(?:i|i'm|im|i've|ive|i'd|me|my)(?![\w'])", re.IGNORECASE)

__all__ = ["HARDENING", "MOVES", "OTHER", "SOFTENING", "Move", "classify", "eval_kind", "group_of"]


@dataclass(frozen=True)
class Move:
    """One turn, classified: its main move, every move found, and the words that showed each."""

    name: str
    tags: tuple[str, ...] = ()
    evidence: dict[str, str] = field(default_factory=dict)
    parts: Parts = field(default_factory=Parts)
    findings: tuple[Finding, ...] = ()  # what the coach noticed in the turn

    @property
    def effect(self) -> int:
        """-1 if anything hardens, else +1 if anything softens, else 0."""
        if any(t in HARDENING for t in self.tags):
            return -1
        if any(t in SOFTENING for t in self.tags):
            return 1
        return 0

    @property
    def group(self) -> str:
        """The reply family for this move: "hard", "soft" or "other"."""
        return group_of(self.name)


def group_of(move: str) -> str:
    """The reply family ("hard", "soft", "other") a move belongs to."""
    if move in HARDENING:
        return "hard"
    if move in SOFTENING:
        return "soft"
    if move in OTHER:
        return "other"
    raise ValueError(f"unknown move {move!r}")


def classify(text: str) -> Move:
    """Classify one thing the person said to their partner."""
    t = prep_text(text or "").strip()
    if not t:
        return Move(name="neutral", tags=("neutral",))
    doc = parse(t)
    quotes = quoted_ranges(t)
    evaluations = find_evaluations(t)
    findings: list[Finding] = [f for _, f in evaluations]
    evidence: dict[str, str] = {}

    def note(move: str, found: list[str]) -> None:
        if found:
            evidence[move] = found[0]

    # Hardening.
    rude = harsh.insults(t, doc, quotes)
    note("contempt", own_phrases(t, doc, "contempt", quotes) + rude)
    blamed, blame_findings = harsh.blame(t, doc, quotes, evaluations)
    findings += blame_findings
    insulted = {norm(w) for w in rude}
    labels = [w for w in harsh.labels(evaluations, doc) if norm(w) not in insulted]
    note("blame", blamed + labels)
    note("defensive", own_phrases(t, doc, "defensive", quotes))
    note("absolute", harsh.absolutes(evaluations, doc))

    # Softening.
    note("reflection", [r for r in [gentle.reflection(t, doc, quotes)] if r])
    owned = bool(_OWNER.search(t))  # the speaker's own feeling or need, not "sounds good"
    parts = split_statement(t)
    if parts.feeling and not owned:  # a short "you never help" read as an answer
        parts = replace(parts, feeling=None)
    clean, feeling_findings = gentle.clean_feeling(parts)
    need_findings = check_need(parts.need) if parts.need else []
    findings += feeling_findings + need_findings
    clean_need = bool(parts.need) and not any(
        f.check in ("strategy_as_need", "evaluation", "blame_language") for f in need_findings
    )
    if owned and (clean or clean_need):
        evidence["i_statement"] = (parts.feeling if clean else parts.need) or ""
    if parts.request:
        request_findings = check_request(parts.request)
        findings += request_findings
        note("request", [] if request_findings else [parts.request])
    note("break", own_phrases(t, doc, "break", quotes))
    note("appreciation", own_phrases(t, doc, "appreciation", quotes))
    note("question", [t] if gentle.is_question(t) else [])

    tags = tuple(m for m in MOVES if m in evidence) or ("neutral",)
    return Move(
        name=tags[0], tags=tags, evidence=evidence, parts=parts, findings=tuple(dedupe(findings))
    )
