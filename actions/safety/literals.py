"""The plain text a regular expression needs, so a rule that cannot match is not run.

``required(pattern)`` reads a compiled pattern's syntax tree and returns a set of strings of
which every match contains at least one (or None when it cannot tell). ``"\\b(?:hit|hits)
me\\b"`` needs " me"; ``"\\b(?:kill|hurt)(?: my ?self)?"`` needs "kill" or "hurt". Checking
``any(s in text for s in needed)`` first is then exact: it only skips patterns that would
find nothing. Most messages hold none of the alarm words, so most of the safety regexes are
skipped (bench/analyze_speed.py).

Pure Python; nothing happens at import time.
"""

from __future__ import annotations

import re
from typing import Any, FrozenSet, List, Optional

try:  # Python 3.11+
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

Needed = Optional[FrozenSet[str]]

_REPEATS = tuple(op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT,
                                getattr(_c, "POSSESSIVE_REPEAT", None)) if op is not None)


def _better(a: Needed, b: Needed) -> Needed:
    """The more selective of two sets: longer shortest string, then fewer strings."""
    if a is None:
        return b
    if b is None:
        return a

    def score(s: FrozenSet[str]) -> tuple[int, int]:
        return (min((len(x) for x in s), default=0), -len(s))

    return a if score(a) >= score(b) else b


def _sequence(items: Any) -> Needed:
    """What a sequence of items needs: its longest run of plain characters, or the best of
    what its required parts need."""
    best: Needed = None
    run: List[str] = []

    def close_run() -> None:
        nonlocal best
        if run:
            best = _better(best, frozenset(["".join(run)]))
            run.clear()

    for op, arg in items:
        if op is _c.LITERAL:
            run.append(chr(arg))
            continue
        if op is _c.AT:  # \b, ^, $: zero width, the run goes on
            continue
        close_run()
        best = _better(best, _item(op, arg))
    close_run()
    return best


def _item(op: Any, arg: Any) -> Needed:
    """What one non-literal item needs (None: nothing can be said)."""
    if op is _c.SUBPATTERN:
        add_flags = arg[1] or 0
        if add_flags & (_c.SRE_FLAG_IGNORECASE | _c.SRE_FLAG_VERBOSE):
            return None
        return _sequence(arg[-1])
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in arg[1]:
            needed = _sequence(branch)
            if needed is None:
                return None
            union.update(needed)
        return frozenset(union)
    if op in _REPEATS:
        low, _high, body = arg
        return _sequence(body) if low >= 1 else None
    # IN, ANY, CATEGORY, NOT_LITERAL, lookarounds, group references: no fixed text.
    return None


def required(pattern: "re.Pattern[str]") -> Needed:
    """Strings of which every match of ``pattern`` contains one; None if it cannot tell (the
    pattern must then always be run). Case-insensitive patterns get None."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        tree = _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - an internal parser that changed shape
        return None
    needed = _sequence(tree)
    if needed is not None and "" in needed:
        return None
    return needed


def may_match(needed: Needed, text: str) -> bool:
    """False only when ``text`` holds none of the strings the pattern needs."""
    return needed is None or any(s in text for s in needed)


__all__ = ["Needed", "may_match", "required"]
