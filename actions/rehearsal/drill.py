"""The listening drill: the partner shares a feeling, the person reflects it back.

Feedback says whether the reflection named a feeling and a need, and whether it stayed with
the partner: no advice, no "at least", no judgement, no fixing, no turning it to oneself.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from actions.coach import lexicon as coach_lexicon
from actions.coach.grammar import in_ranges, prep_text, quoted_ranges
from actions.coach.text import find_phrases, norm

from .data import load, words

#: The drill's checks, in the order the summary shows them.
CHECKS: tuple[str, ...] = (
    "feeling",  # named a feeling they heard
    "need",  # named a need they heard
    "no_advice",  # no "you should", "why don't you"
    "no_minimising",  # no "at least", "don't worry"
    "no_judgement",  # no "you're overreacting", "that's silly"
    "no_fixing",  # no "I'll sort it", "leave it to me"
    "stayed_with_them",  # no "that's like when I", "me too"
)
# Each "no_" check and the word list behind it.
_LISTS = {
    "no_advice": "advice",
    "no_minimising": "minimising",
    "no_judgement": "judgement",
    "no_fixing": "fixing",
    "stayed_with_them": "about_me",
}
_NEED_VERB = re.compile(
    r"(?<![\w'])(?:you|u)(?:'d|\s+would)?\s+(?:really\s+|just\s+)?(?:need|needed|want|wanted|"
    r"wish|wished|could\s+use|long\s+for|miss|missed)\s+(?!to\b|me\b|us\b)(?:some|a|an|more|"
    r"your|to\s+be|someone|somebody|time|space|rest|help|support|[\w-]+)",
    re.IGNORECASE,
)

NOTES = {
    "named": "You named a feeling, '{feeling}'.",
    "matched": "You named '{feeling}', which is close to what they shared.",
    "need": "You named a need too, '{need}'.",
    "no_feeling": "Try naming the feeling you heard: 'It sounds like you feel …'.",
    "no_need": "You could add the need you heard: '… because you need …'.",
    "tentative": "Ending with a question leaves room for them to correct you.",
    "no_advice": "'{span}' is advice. Advice can wait; for now, just say back what you heard.",
    "no_minimising": "'{span}' can make a feeling sound smaller than it is. Try staying with it.",
    "no_judgement": "'{span}' judges the feeling. Every feeling makes sense from the inside.",
    "no_fixing": "'{span}' jumps to fixing it. Being heard often matters more first.",
    "stayed_with_them": "'{span}' turns it towards you. Try keeping the focus on them for now.",
}


@dataclass(frozen=True)
class Prompt:
    """Something the partner shares, with the feelings and needs in it."""

    id: str
    text: str
    feelings: tuple[str, ...]
    needs: tuple[str, ...]


@dataclass(frozen=True)
class DrillFeedback:
    """How one reflection landed."""

    checks: dict[str, str]  # check -> "pass" | "fail"
    feelings: tuple[str, ...]  # feelings the reflection named
    needs: tuple[str, ...]  # needs it named
    spans: dict[str, str]  # failed "no_" check -> the words that failed it
    tentative: bool  # offered as a question ("is that right?")
    matched: bool  # a named feeling is one the prompt carries
    notes: tuple[str, ...]

    @property
    def landed(self) -> str:
        """ "heard", "partly" or "missed": how the partner takes it."""
        if self.spans:
            return "missed"
        return "heard" if self.feelings else "partly"

    def failed(self) -> list[str]:
        return [c for c in CHECKS if self.checks.get(c) == "fail"]

    def text(self) -> str:
        return " ".join(self.notes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "checks": dict(self.checks),
            "feelings": list(self.feelings),
            "needs": list(self.needs),
            "spans": dict(self.spans),
            "tentative": self.tentative,
            "matched": self.matched,
            "notes": list(self.notes),
            "landed": self.landed,
        }


@lru_cache(maxsize=1)
def prompts() -> tuple[Prompt, ...]:
    """Every drill prompt."""
    return tuple(
        Prompt(
            id=str(p["id"]),
            text=str(p["text"]),
            feelings=tuple(p.get("feelings") or ()),
            needs=tuple(p.get("needs") or ()),
        )
        for p in load("drill")["prompts"]
    )


def get_prompt(prompt_id: str) -> Prompt:
    """The prompt with this id; KeyError if there is none."""
    for p in prompts():
        if p.id == prompt_id:
            return p
    raise KeyError(prompt_id)


def draw_prompt(state: dict[str, Any]) -> Prompt:
    """The next prompt: deterministic for the state, none repeated until all have been used."""
    used = set(state["used"])
    fresh = [p for p in prompts() if p.id not in used and p.id != state.get("prompt_id")]
    if not fresh:
        fresh = [p for p in prompts() if p.id != state.get("prompt_id")]
    rng = random.Random(f"{state['seed']}/{state['attempt']}/{len(state['used'])}/prompt")
    return rng.choice(fresh)


def ack(state: dict[str, Any], landed: str) -> str:
    """What the partner says after a reflection that ``landed`` heard, partly or missed."""
    lines = [str(x) for x in load("drill")["acks"][landed]]
    rng = random.Random(f"{state['seed']}/{state['attempt']}/{len(state['turns'])}/ack")
    return rng.choice(lines)


@lru_cache(maxsize=None)
def _feeling_phrases() -> tuple[str, ...]:
    return tuple(sorted(set(coach_lexicon.feeling_phrases()) | set(coach_lexicon.faux_feelings())))


@lru_cache(maxsize=None)
def _ambiguous() -> frozenset[str]:
    return frozenset(coach_lexicon.words("feelings", "ambiguous"))


def _found(
    text: str, phrases: tuple[str, ...], quotes: list[tuple[int, int]]
) -> list[tuple[int, str]]:
    return [(a, text[a:b]) for a, b in find_phrases(text, phrases) if not in_ranges(a, quotes)]


_FEELING_FRAME = re.compile(
    r"(?:feel|feels|feeling|felt|seem|seems|seemed|sound|sounds|sounded|you'?re|you\s+are|"
    r"you\s+were|you'?ve\s+been|look|looks)\s+(?:(?:so|really|a\s+bit|pretty|quite|kind\s+of|"
    r"very|a\s+little|like\s+you'?re|like\s+you\s+feel)\s+)*$"
)


def named_feelings(text: str, prompt: Prompt | None = None) -> list[str]:
    """Feelings a reflection names. Everyday words that are also feelings ("fine", "good")
    count only right after "feel", "you're", "sound" and the like, or when the prompt has them."""
    carried = set(prompt.feelings) if prompt else set()
    low_text = norm(text)
    out = []
    for at, word in _found(text, _feeling_phrases(), quoted_ranges(text)):
        low = norm(word)
        framed = bool(_FEELING_FRAME.search(low_text[max(0, at - 40) : at]))
        if low not in _ambiguous() or low in carried or framed:
            out.append(low)
    return list(dict.fromkeys(out))


def named_needs(text: str) -> list[str]:
    """Needs a reflection names: a universal need, or "you need some rest"."""
    found = [norm(w) for _, w in _found(text, tuple(sorted(coach_lexicon.universal_needs())), [])]
    m = _NEED_VERB.search(text)
    if m:
        found.append(norm(m.group(0)))
    return list(dict.fromkeys(found))


def assess_reflection(text: str, prompt: Prompt | None = None) -> DrillFeedback:
    """Feedback on one reflection of ``prompt`` (what the partner shared)."""
    t = prep_text(text or "").strip()
    quotes = quoted_ranges(t)
    spans: dict[str, str] = {}
    for check, key in _LISTS.items():
        hits = _found(t, words("drill", key), quotes)
        if hits:
            spans[check] = hits[0][1]
    feelings = tuple(named_feelings(t, prompt))
    needs = tuple(named_needs(t))
    checks = {
        "feeling": "pass" if feelings else "fail",
        "need": "pass" if needs else "fail",
        **{check: ("fail" if check in spans else "pass") for check in _LISTS},
    }
    tentative = bool(find_phrases(t, words("drill", "tentative")))
    matched = bool(prompt and set(feelings) & set(prompt.feelings))
    notes: list[str] = []
    if feelings:
        notes.append(
            NOTES["matched" if matched else "named"].format(
                feeling=next((f for f in feelings if prompt and f in prompt.feelings), feelings[0])
            )
        )
        if needs:
            notes.append(NOTES["need"].format(need=needs[0]))
    if spans:
        check = next(c for c in CHECKS if c in spans)
        notes.append(NOTES[check].format(span=spans[check]))
    elif not feelings:
        notes.append(NOTES["no_feeling"])
    elif not needs:
        notes.append(NOTES["no_need"])
    elif tentative:
        notes.append(NOTES["tentative"])
    return DrillFeedback(
        checks=checks,
        feelings=feelings,
        needs=needs,
        spans=spans,
        tentative=tentative,
        matched=matched,
        notes=tuple(notes),
    )
