"""Feedback on one rehearsal turn: the coach's checks, the script detector, and a warm note.

Each check is "pass", "fail" or None (did not apply to this turn). The caller decides whether
to show the notes (quiet by default); the checks are always kept for the summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from actions.coach import guess_feelings
from actions.coach.findings import Finding
from actions.coach.grammar import in_ranges, is_reported, prep_text, quoted_ranges, token_at
from actions.coach.nlp import parse

from .moves import Move, classify, eval_kind

#: The checks, in the order the summary shows them.
CHECKS: tuple[str, ...] = (
    "feeling",  # a real feeling, not "I feel like you..." or a faux feeling
    "observation",  # a moment a camera could record, not a verdict
    "need",  # a universal need, not "I need you to..."
    "no_blame",  # no blame, criticism or counter-attack
    "no_absolutes",  # no "you always / never" aimed at the partner
    "no_contempt",  # no sarcasm, eye-rolling or put-downs
    "listening",  # reflected back what the partner said (a bonus: never a fail)
    "own_words",  # no gender-role script in the person's own words
)

_OBSERVATION_MARKERS = ("when", "whenever", "because", "since", "after", "every time", "each time")

POSITIVE = {
    "reflection": "You reflected back what you heard. That often helps someone feel understood.",
    "feeling": "You named a feeling, '{span}', and owned it. That's often the hardest part.",
    "need": "You named a need, '{span}'. That gives your partner something to say yes to.",
    "request": "That's a clear request, and it leaves room for a yes.",
    "break": "Asking for a pause, with a time to come back, is a kind way to stop a spiral.",
    "appreciation": "Starting from appreciation makes it easier for them to keep listening.",
}
SUGGEST = {
    "contempt": "'{span}' might land as a put-down, and people usually close up when they hear "
    "one. What's the plain version of what you want to say?",
    "defensive": "'{span}' can sound like a counter-attack. You could acknowledge their side "
    "first, then say how it was for you.",
    "blame": "'{span}' may sound like blame, and blame tends to start a defence. You could try "
    "'I feel … when …' instead.",
    "blame_lead": "'{span}' can sound like an attack, so they may defend instead of listen.",
    "absolute": "'{span}' is a generalisation, and people tend to argue with it. One recent "
    "moment is easier to hear.",
    "script": "'{span}' sounds like it might come from {name}. Does that fit? You could say "
    "what you need in your own words.",
    "nothing": "If it fits, you could say how this is for you: 'I feel … when …'.",
}


@dataclass(frozen=True)
class Feedback:
    """What one turn did well and one thing to try, with the check results behind them."""

    move: str
    checks: dict[str, str | None]
    notes: tuple[str, ...] = ()
    scripts: tuple[str, ...] = ()  # script keys heard in the person's own words
    findings: tuple[Finding, ...] = field(default=(), compare=False)

    def failed(self) -> list[str]:
        """The checks this turn did not pass."""
        return [c for c in CHECKS if self.checks.get(c) == "fail"]

    def text(self) -> str:
        """The notes as one short message."""
        return " ".join(self.notes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "move": self.move,
            "checks": dict(self.checks),
            "notes": list(self.notes),
            "scripts": list(self.scripts),
        }


def own_scripts(text: str) -> list[tuple[str, str]]:
    """Gender-role script phrases in the person's own words: (script key, words).

    Quoting the partner ("when you said 'boys don't cry'") or reporting them ("you told me to
    man up") is an observation, not the person's own script.
    """
    from actions.scripts import rules

    t = prep_text(text or "")
    hits = rules.find(t)
    if not hits:
        return []
    doc = parse(t)
    quotes = quoted_ranges(t)
    out = []
    for hit in hits:
        tok = token_at(doc, hit.start)
        if in_ranges(hit.start, quotes) or (tok is not None and is_reported(tok)):
            continue
        out.append((hit.script, hit.text))
    return out


def _status(applies: bool, ok: bool) -> str | None:
    return None if not applies else ("pass" if ok else "fail")


def _checks(text: str, move: Move, scripts: list[tuple[str, str]]) -> dict[str, str | None]:
    found = {f.check for f in move.findings}
    parts = move.parts
    low = text.lower()
    feeling_bad = bool(found & {"thought_as_feeling", "faux_feeling"})
    feeling_ok = "i_statement" in move.tags and bool(parts.feeling) and not feeling_bad
    in_feeling = (parts.feeling or "").lower()  # "I feel ignored": the feeling check's business
    verdicts = [
        f
        for f in move.findings
        if (f.check == "criticism" or eval_kind(f) in ("label", "mind", "interpret", "judgement"))
        and f.span.lower() not in in_feeling
    ]
    absolute = "absolute" in move.tags
    observation_applies = (
        bool(verdicts)
        or absolute
        or any(re.search(rf"(?<![\w']){m}(?![\w'])", low) for m in _OBSERVATION_MARKERS)
    )
    return {
        "feeling": _status(feeling_ok or feeling_bad, feeling_ok),
        "observation": _status(observation_applies, not verdicts and not absolute),
        "need": _status(bool(parts.need), "strategy_as_need" not in found),
        "no_blame": _status(True, not {"blame", "defensive"} & set(move.tags)),
        "no_absolutes": _status(True, "absolute" not in move.tags),
        "no_contempt": _status(True, "contempt" not in move.tags),
        "listening": "pass" if "reflection" in move.tags else None,
        "own_words": _status(True, not scripts),
    }


def _positive(move: Move, checks: dict[str, str | None]) -> str | None:
    if checks["listening"] == "pass":
        return POSITIVE["reflection"]
    if checks["feeling"] == "pass" and move.parts.feeling:
        return POSITIVE["feeling"].format(span=_feeling_word(move.parts.feeling))
    if checks["need"] == "pass" and move.parts.need:
        return POSITIVE["need"].format(span=move.parts.need)
    for tag in ("request", "break", "appreciation"):
        if tag in move.tags:
            return POSITIVE[tag]
    return None


def _feeling_word(feeling: str) -> str:
    """The feeling word itself ("nervous" in "really nervous before these talks")."""
    low = feeling.lower()
    return next((w for w in guess_feelings(feeling) if w in low), feeling)


def _finding(move: Move, *checks: str) -> Finding | None:
    return next((f for f in move.findings if f.check in checks), None)


def _suggestion(move: Move, scripts: list[tuple[str, str]]) -> str | None:
    for tag in ("contempt", "defensive"):
        if tag in move.tags:
            return SUGGEST[tag].format(span=move.evidence[tag])
    thought = _finding(move, "thought_as_feeling")
    if thought:  # "I feel like you never listen": the thought is the way in
        return thought.suggestion
    if "blame" in move.tags:
        coach = _finding(move, "criticism", "blame_language")
        span = move.evidence["blame"]
        if coach is None:
            return SUGGEST["blame"].format(span=span)
        return f"{SUGGEST['blame_lead'].format(span=span)} {coach.suggestion}"
    if "absolute" in move.tags:
        return SUGGEST["absolute"].format(span=move.evidence["absolute"])
    coach = _finding(move, "faux_feeling", "strategy_as_need")
    if coach:
        return coach.suggestion
    if scripts:
        from actions.scripts import catalogue

        key, words = scripts[0]
        script = catalogue.get(key)
        return SUGGEST["script"].format(span=words, name=script.name if script else "an old script")
    coach = next(
        (
            f
            for f in move.findings
            if f.check == "demand"
            or f.check == "evaluation"
            and eval_kind(f) not in ("absolute", None)
        ),
        None,
    )
    if coach:
        return f"{coach.explanation} {coach.suggestion}"
    return None


def assess(text: str, move: Move | None = None) -> Feedback:
    """Check one turn and write at most two short notes: one thing that went well, one to try."""
    move = move or classify(text)
    scripts = own_scripts(text)
    checks = _checks(text, move, scripts)
    notes = [n for n in (_positive(move, checks), _suggestion(move, scripts)) if n]
    if not notes and move.name == "neutral":
        notes = [SUGGEST["nothing"]]
    return Feedback(
        move=move.name,
        checks=checks,
        notes=tuple(notes),
        scripts=tuple(key for key, _ in scripts),
        findings=move.findings,
    )
