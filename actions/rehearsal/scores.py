"""Scores per check over a session's turns, how each check reads, and the best line.

A score counts, per check, the turns it passed and the turns it failed, out of all the turns.
A check that did not apply to a turn (no feeling was attempted, say) counts in neither, so
"named a feeling in 2 of 3 turns" means 2 passes and 1 fail. "listening" in a rehearsal counts
every turn: the ones with a reflection pass (it is a bonus: its "fails" are never named as a
fault or picked as the thing to try next).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: How each check reads in a summary: (when it passes, when it fails).
LABELS: dict[str, tuple[str, str]] = {
    "feeling": ("named a feeling", "a thought stood in for a feeling"),
    "observation": ("described a moment, not a verdict", "a verdict stood in for a moment"),
    "need": ("named a need, not a strategy", "a strategy stood in for a need"),
    "no_blame": ("no blame", "blame showed"),
    "no_absolutes": ("no always or never", "'always' or 'never' showed"),
    "no_contempt": ("no sarcasm or put-downs", "sarcasm or a put-down showed"),
    "listening": ("reflected back what you heard", "no reflection"),
    "own_words": ("your own words", "an old script showed"),
    "no_advice": ("no advice", "advice showed"),
    "no_minimising": ("no 'at least'", "minimising showed"),
    "no_judgement": ("no judgement", "judgement showed"),
    "no_fixing": ("no fixing", "fixing showed"),
    "stayed_with_them": ("stayed with them", "it turned to you"),
}
#: The drill's own wording where a check name is shared with the rehearsal.
DRILL_LABELS: dict[str, tuple[str, str]] = {
    "feeling": ("named the feeling you heard", "no feeling named"),
    "need": ("named the need you heard", "no need named"),
}
#: Checks reported by how often the problem showed ("blame showed in 2 of 5 turns").
PROBLEM_CHECKS = frozenset(
    {
        "no_blame",
        "no_absolutes",
        "no_contempt",
        "own_words",
        "no_advice",
        "no_minimising",
        "no_judgement",
        "no_fixing",
        "stayed_with_them",
    }
)


@dataclass
class Score:
    """How one check went: passes and fails, out of all the turns."""

    passed: int = 0
    failed: int = 0
    turns: int = 0

    @property
    def applied(self) -> int:
        return self.passed + self.failed

    @property
    def rate(self) -> float | None:
        """Share of the turns it applied to that passed; None if it never applied."""
        return self.passed / self.applied if self.applied else None

    def to_dict(self) -> dict[str, int]:
        return {"passed": self.passed, "failed": self.failed, "turns": self.turns}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Score":
        return cls(
            int(data.get("passed", 0)), int(data.get("failed", 0)), int(data.get("turns", 0))
        )


def labels(kind: str, check: str) -> tuple[str, str]:
    """(pass wording, fail wording) of a check in a rehearsal or drill summary."""
    if kind == "drill" and check in DRILL_LABELS:
        return DRILL_LABELS[check]
    return LABELS.get(check, (check, check))


def turns_word(n: int) -> str:
    """ "turn" or "turns"."""
    return "turn" if n == 1 else "turns"


def score_turns(turns: list[dict[str, Any]], checks: tuple[str, ...]) -> dict[str, Score]:
    """Each check's score over the turns' "checks" dicts."""
    out = {c: Score(turns=len(turns)) for c in checks}
    for turn in turns:
        for check, status in (turn.get("checks") or {}).items():
            if check in out and status == "pass":
                out[check].passed += 1
            elif check in out and status == "fail":
                out[check].failed += 1
    if "listening" in out:  # a bonus: the turns without a reflection simply didn't have one
        out["listening"].failed = len(turns) - out["listening"].passed
    return out


def _line_score(turn: dict[str, Any]) -> int:
    checks = turn.get("checks") or {}
    weights = {"feeling": 2, "need": 2, "listening": 2, "observation": 1}
    score = sum(weights.get(c, 0) for c, s in checks.items() if s == "pass")
    score -= sum(3 if c in PROBLEM_CHECKS else 1 for c, s in checks.items() if s == "fail")
    tags = set(turn.get("tags") or [])
    score += len(tags & {"request", "break", "appreciation"})
    return score


def best_line(turns: list[dict[str, Any]]) -> str | None:
    """The person's best turn, quoted as typed; later turns win ties; None if none scored."""
    best, best_score = None, 0
    for turn in turns:
        score = _line_score(turn)
        if score > 0 and score >= best_score:
            best, best_score = turn["text"], score
    return best
