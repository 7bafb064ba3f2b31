"""A concrete hint for the person, from their last turn and the partner they are facing."""

from __future__ import annotations

import random
from typing import Any

from . import personas
from .data import load

# Order matters: the first issue found in the last turn picks the hint.
_ISSUES: tuple[str, ...] = (
    "contempt",
    "defensive",
    "blame",
    "absolute",
    "thought_as_feeling",
    "faux_feeling",
    "strategy_as_need",
)


def _pick(lines: list[str] | tuple[str, ...], state: dict[str, Any], key: str) -> str:
    rng = random.Random(f"{state['seed']}/{state['attempt']}/{len(state['turns'])}/hint/{key}")
    return rng.choice(list(lines))


def _lines(key: str) -> list[str]:
    return [str(x) for x in load("hints").get(key) or []]


def hint_key(state: dict[str, Any]) -> str:
    """Which hint fits: an issue in the last turn, the persona's own tip, or the next step."""
    if state["mode"] == "drill":
        return "drill"
    turns = state["turns"]
    if not turns:
        return "persona" if personas.band(state["openness"]) == "closed" else "start"
    last = turns[-1]
    found = set(last.get("tags") or []) | set(last.get("issues") or [])
    for issue in _ISSUES:
        if issue in found:
            return issue
    if personas.band(state["openness"]) != "open":
        return "persona"
    checks = last.get("checks") or {}
    if (
        state.get("opened_up")
        and last.get("move") != "reflection"
        and not any(t.get("move") == "reflection" for t in turns)
    ):
        return "reflect"
    if checks.get("feeling") == "pass" and checks.get("need") is None:
        return "add_need"
    if not any("request" in (t.get("tags") or []) for t in turns):
        return "add_request"
    return "reflect"


def hint(state: dict[str, Any]) -> str:
    """One hint, the same for the same state (so a replay shows the same words)."""
    key = hint_key(state)
    if key == "persona":
        lines = list(personas.get(state["persona"]).hint) or _lines("start")
    else:
        lines = _lines(key) or _lines("start")
    return _pick(lines, state, key)
