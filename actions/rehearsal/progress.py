"""Progress: this session's scores against an earlier one's, in plain words."""

from __future__ import annotations

from .scores import PROBLEM_CHECKS, labels, turns_word
from .summary import Summary


def _what(kind: str, check: str) -> str:
    """How a check reads in a progress line: "blame showed", "you named a feeling"."""
    good, bad = labels(kind, check)
    return bad if check in PROBLEM_CHECKS else f"you {good.split(',')[0]}"


def compare(previous: Summary, current: Summary, limit: int = 2) -> list[str]:
    """Progress lines against an earlier summary of the same kind, improvements first:
    "Last time blame showed in 2 of 5 turns; today 0 of 4." [] if nothing comparable changed."""
    if previous.kind != current.kind or not previous.turns or not current.turns:
        return []
    better, other = [], []
    for check, now in current.scores.items():
        before = previous.scores.get(check)
        if before is None or before.rate is None or now.rate is None or before.rate == now.rate:
            continue
        if check in PROBLEM_CHECKS:
            was = f"{before.failed} of {before.turns} {turns_word(before.turns)}"
            today = f"{now.failed} of {now.turns}"
        else:
            was = f"{before.passed} of {before.applied} {turns_word(before.applied)}"
            today = f"{now.passed} of {now.applied}"
        line = f"Last time {_what(current.kind, check)} in {was}; today {today}."
        (better if now.rate > before.rate else other).append(line)
    return (better + other)[:limit]
