"""The hardening signals in a turn: blame, "always/never", insults and character labels.

Built on the coach's evaluation and blame checks, narrowed to what is aimed at the partner.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from actions.coach.blame import OWNERSHIP_EXPLAIN, find_blame
from actions.coach.evaluation import EXPLAIN, find_criticism
from actions.coach.findings import Finding
from actions.coach.grammar import token_at
from actions.coach.split import sentence_spans
from actions.coach.text import find_phrases, norm

from .aim import about_partner, counted, speaker_experience, target
from .data import words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

Located = list[tuple[int, Finding]]

_INSULT_TO_YOU = re.compile(
    r"(?<![\w'])(?:you|u|ur|you're|youre|you\s+are|you\s+were|you\s+sound|you\s+look|"
    r"you\s+act|what|such|you\s+absolute|you\s+total|you\s+complete|you\s+big|you\s+little)"
    r"(?:\s+(?:so|such|a|an|being|really|totally|completely|absolutely|utterly|just|like|"
    r"such\s+an?|complete|total|absolute|big|little|fucking|bloody))*\s*$"
)


_YOU_WORD = re.compile(r"(?<![\w'])(?:you|u|your|ur|you're|youre)(?![\w'])", re.IGNORECASE)


def eval_kind(finding: Finding) -> str | None:
    """Which kind of evaluation a coach finding is (absolute, label, mind, ...), if any."""
    for kind, template in EXPLAIN.items():
        if finding.explanation == template.format(span=finding.span):
            return kind
    return None


def _ownership_kind(finding: Finding) -> str | None:
    for kind, template in OWNERSHIP_EXPLAIN.items():
        if finding.explanation == template.format(span=finding.span):
            return kind
    return None  # a script phrase ("man up"), not blame


def absolutes(evaluations: Located, doc: "Doc") -> list[str]:
    """ "always", "never", "every time" aimed at the partner or the couple, or in the speaker's
    complaint ("I never get any help"); not the speaker's own experience ("I always feel
    nervous") and not about someone else ("my mum always calls at dinner")."""
    out = []
    for start, f in evaluations:
        tok = token_at(doc, start)
        if eval_kind(f) != "absolute" or tok is None:
            continue
        aim = target(tok)
        if norm(f.span) in ("nothing", "everything"):
            if aim == "partner":
                out.append(f.span)
            continue
        if aim == "other" or (aim == "speaker" and speaker_experience(tok)):
            continue
        out.append(f.span)
    return out


def labels(evaluations: Located, doc: "Doc") -> list[str]:
    """Character labels the coach found that are aimed at the partner ("you're so lazy")."""
    out = []
    for start, f in evaluations:
        tok = token_at(doc, start)
        if eval_kind(f) == "label" and tok is not None and about_partner(tok, couple=False):
            out.append(f.span)
    return out


def insults(text: str, doc: "Doc", quotes: list[tuple[int, int]]) -> list[str]:
    """Insults and name-calling aimed at the partner ("you're pathetic", "what an idiot")."""
    out = []
    low = norm(text)
    for a, b in find_phrases(text, words("moves", "insults")):
        if not counted(text, doc, a, quotes):
            continue
        tok = token_at(doc, a)
        sentence = next((low[x:y] for x, y in sentence_spans(text) if x <= a < y), low)
        alone = len(re.sub(r"[^\w\s']", "", sentence).split()) <= 2  # "Pathetic." "Idiot!"
        aimed = tok is not None and about_partner(tok, couple=False)
        if alone or aimed or _INSULT_TO_YOU.search(low[max(0, a - 40) : a]):
            out.append(text[a:b])
    return out


def blame(
    text: str, doc: "Doc", quotes: list[tuple[int, int]], evaluations: Located
) -> tuple[list[str], list[Finding]]:
    """Blame aimed at the partner: criticism openers ("you never", "what's wrong with you"),
    "you make me feel", "it's your fault", mind-reading ("you don't care"). Returns the words
    and the coach's findings behind them."""
    spans: list[str] = []
    findings: list[Finding] = []
    for a, b in sentence_spans(text):
        for at, f in find_criticism(text[a:b]):
            # The coach reads a capitalised "We never" as a name; "we" is not blame.
            if counted(text, doc, a + at, quotes) and norm(f.span).split()[0] not in ("we", "i"):
                spans.append(f.span)
                findings.append(f)
    ownership = [f for _, f in find_blame(text)]
    findings += ownership
    spans += [  # "you make me feel", "your fault"; not "it makes me sad when we don't talk"
        f.span
        for f in ownership
        if _ownership_kind(f) in ("make", "fault") and _YOU_WORD.search(f.span)
    ]
    spans += [f.span for _, f in evaluations if eval_kind(f) == "mind"]
    return spans, findings
