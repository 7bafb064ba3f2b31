"""Driving a rehearsal or a listening drill, one message at a time.

Every function takes the state dict (see ``state.py``) and returns a new one; the state passed
in is never changed, so a caller can keep it in one Rasa slot and set the returned one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import drill, hints, partner
from .feedback import Feedback, assess
from .moves import classify
from .state import check, new_state
from .summary import Summary, summarise

PAUSED = "Paused. Take your time. Say 'carry on' when you're ready, or ask for a hint."


class NotActive(ValueError):
    """A turn was sent to a rehearsal that is paused or finished."""


@dataclass(frozen=True)
class Step:
    """What happened on one call: the new state, what the partner says, and the feedback."""

    state: dict[str, Any]
    partner: str | None = None  # the partner's line (drill: their reply, or a new prompt)
    feedback: Feedback | drill.DrillFeedback | None = None  # for the turn just taken
    move: str | None = None  # rehearsal: what the person's turn was classified as
    opened_up: bool = False  # rehearsal: the partner just moved into the open band
    notes: tuple[str, ...] = field(default=())  # the assistant's own words to show now:
    # the turn's feedback when feedback is on, or the pause notice

    def messages(self) -> list[str]:
        """What to send, in order: the partner's line, then the assistant's notes as one."""
        out = [self.partner] if self.partner else []
        return out + ([" ".join(self.notes)] if self.notes else [])


def _notes(state: dict[str, Any], fb: Feedback | drill.DrillFeedback) -> tuple[str, ...]:
    return tuple(fb.notes) if state["feedback"] else ()


def start(persona: str, scene: str = "", *, seed: str | int, feedback: bool = False) -> Step:
    """Start a rehearsal with ``persona``; the partner opens. ``seed``: e.g. the sender id."""
    state, line = partner.opener(
        new_state("rehearsal", persona=persona, scene=scene, seed=seed, feedback=feedback)
    )
    return Step(state=state, partner=line.text)


def start_drill(*, seed: str | int, feedback: bool = True) -> Step:
    """Start a listening drill; the partner shares something to reflect back."""
    return next_prompt(new_state("drill", persona=None, scene="", seed=seed, feedback=feedback))


def next_prompt(state: dict[str, Any]) -> Step:
    """Drill: move on to a new prompt (none repeats until all have been used)."""
    new = check(state)
    if new["mode"] != "drill":
        raise ValueError("next_prompt is for the listening drill")
    prompt = drill.draw_prompt(new)
    new.update(
        prompt_id=prompt.id, used=[*new["used"], prompt.id], partner_line=prompt.text, paused=False
    )
    return Step(state=new, partner=prompt.text)


def is_active(state: Any) -> bool:
    """Can the state take a turn now (a valid state, not paused, not finished)?"""
    try:
        s = check(state)
    except (ValueError, KeyError, TypeError):
        return False
    return not s["paused"] and not s["done"]


def take_turn(state: dict[str, Any], text: str) -> Step:
    """The person says ``text`` to the partner (rehearsal) or reflects the prompt (drill).

    Raises NotActive if the state is paused or finished: resume() it first.
    """
    new = check(state)
    if new["done"] or new["paused"]:
        raise NotActive("paused" if new["paused"] and not new["done"] else "finished")
    if new["mode"] == "drill":
        return _drill_turn(new, text)
    move = classify(text)
    fb = assess(text, move)
    new, line, opened = partner.react(new, move)
    issues = sorted(
        {f.check for f in move.findings}
        & {"thought_as_feeling", "faux_feeling", "strategy_as_need"}
    )
    new["turns"] = [
        *new["turns"],
        {
            "text": text.strip(),
            "move": move.name,
            "tags": list(move.tags),
            "checks": dict(fb.checks),
            "issues": issues,
            "reply_id": line.id,
            "openness": new["openness"],
        },
    ]
    return Step(
        state=new,
        partner=line.text,
        feedback=fb,
        move=move.name,
        opened_up=opened,
        notes=_notes(new, fb),
    )


def _drill_turn(state: dict[str, Any], text: str) -> Step:
    prompt = drill.get_prompt(state["prompt_id"]) if state.get("prompt_id") else None
    fb = drill.assess_reflection(text, prompt)
    reply = drill.ack(state, fb.landed)
    state["turns"] = [
        *state["turns"],
        {
            "text": text.strip(),
            "prompt_id": state.get("prompt_id"),
            "checks": dict(fb.checks),
            "issues": fb.failed(),
        },
    ]
    state["partner_line"] = reply
    return Step(state=state, partner=reply, feedback=fb, notes=_notes(state, fb))


def pause(state: dict[str, Any]) -> Step:
    """Pause; nothing is lost. The message says how to carry on."""
    new = check(state)
    new["paused"] = True
    return Step(state=new, partner=None, notes=(PAUSED,))


def resume(state: dict[str, Any]) -> Step:
    """Carry on after a pause; the partner's last line is repeated."""
    new = check(state)
    if new["done"]:
        raise NotActive("finished")
    new["paused"] = False
    return Step(state=new, partner=new.get("partner_line"))


def hint(state: dict[str, Any]) -> str:
    """A concrete hint for the next turn (does not change the state)."""
    return hints.hint(check(state))


def restart(state: dict[str, Any]) -> Step:
    """Start again: same scene, persona and mode, fresh openness and turns, new lines."""
    old = check(state)
    fresh = new_state(
        old["mode"],
        persona=old["persona"],
        scene=old["scene"],
        seed=old["seed"],
        feedback=old["feedback"],
        attempt=old["attempt"] + 1,
    )
    if fresh["mode"] == "drill":
        return next_prompt(fresh)
    fresh, line = partner.opener(fresh)
    return Step(state=fresh, partner=line.text)


def stop(state: dict[str, Any]) -> tuple[dict[str, Any], Summary]:
    """Finish: the state is marked done, and the summary is returned (to show and to store)."""
    new = check(state)
    new.update(done=True, paused=False)
    return new, summarise(new)


def set_feedback(state: dict[str, Any], on: bool) -> dict[str, Any]:
    """Turn the per-turn feedback on or off (the checks are kept either way)."""
    new = check(state)
    new["feedback"] = bool(on)
    return new
