"""The rehearsal state: one JSON-able dict that can live in a single Rasa slot.

Shape (version 1)::

    {
      "version": 1,
      "mode": "rehearsal" | "drill",
      "persona": "brush_off" | ... | None (drill),
      "scene": "what the person wants to raise" (may be ""),
      "openness": 0..4, "start_openness": 0..4, "opened_up": bool,
      "turns": [ {"text", "move", "tags", "checks", "reply_id", "openness"}  (rehearsal)
                 {"text", "prompt_id", "checks", "issues"}                   (drill) ],
      "partner_line": the partner's last line (to repeat on resume),
      "used": [reply or prompt ids already drawn], "last_reply": id | None,
      "prompt_id": the drill prompt being reflected | None,
      "seed": int, "attempt": int (restarts), "paused": bool, "feedback": bool, "done": bool,
    }

Functions here never change the dict they are given; they return a new one.
"""

from __future__ import annotations

import copy as _copy
import hashlib
import json
from typing import Any

from . import personas

VERSION = 1
MODES: tuple[str, ...] = ("rehearsal", "drill")
MAX_SCENE = 300  # characters kept of the scene


def seed_from(value: str | int) -> int:
    """A stable seed from a conversation id (or any string or number)."""
    if isinstance(value, int):
        return value
    return int.from_bytes(hashlib.sha256(str(value).encode("utf-8")).digest()[:8], "big")


def new_state(
    mode: str, *, persona: str | None, scene: str, seed: str | int, feedback: bool, attempt: int = 0
) -> dict[str, Any]:
    """A fresh state for a rehearsal (with a persona) or a listening drill."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    start = 0
    if mode == "rehearsal":
        if persona is None:
            raise ValueError("a rehearsal needs a persona")
        start = personas.get(persona).start
    return {
        "version": VERSION,
        "mode": mode,
        "persona": persona if mode == "rehearsal" else None,
        "scene": " ".join((scene or "").split())[:MAX_SCENE],
        "openness": start,
        "start_openness": start,
        "opened_up": False,
        "turns": [],
        "partner_line": None,
        "used": [],
        "last_reply": None,
        "prompt_id": None,
        "seed": seed_from(seed),
        "attempt": attempt,
        "paused": False,
        "feedback": bool(feedback),
        "done": False,
    }


def check(state: Any) -> dict[str, Any]:
    """A deep copy of ``state`` after checking its shape; ValueError if it isn't one."""
    if not isinstance(state, dict) or state.get("version") != VERSION:
        raise ValueError("not a rehearsal state")
    if state.get("mode") not in MODES:
        raise ValueError(f"unknown mode {state.get('mode')!r}")
    if state["mode"] == "rehearsal":
        personas.get(str(state.get("persona")))
    for key in ("turns", "used"):
        if not isinstance(state.get(key), list):
            raise ValueError(f"state[{key!r}] must be a list")
    return _copy.deepcopy(state)


def is_state(value: Any) -> bool:
    """Is ``value`` a rehearsal state (e.g. what a slot holds)?"""
    try:
        check(value)
    except (ValueError, KeyError, TypeError):
        return False
    return True


def is_json(state: dict[str, Any]) -> bool:
    """Does the state survive a JSON round trip unchanged (what a Rasa slot needs)?"""
    return json.loads(json.dumps(state)) == state
