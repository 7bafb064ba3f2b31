"""Helpers shared by the rehearsal tests."""

from __future__ import annotations

from typing import Any

from actions.rehearsal import session

#: Turns that soften any partner: clean I-statements and reflections.
SOFT_TURNS = [
    "I feel tired when the dishes pile up after dinner, and I need support.",
    "It sounds like you've had a really long week.",
    "I feel lonely when you're on your phone at dinner, and I need connection.",
    "So you're worried about money too?",
    "I felt hurt on Sunday when the plans changed without me.",
    "You seem exhausted lately.",
    "I'm scared when we argue about the bills, and I need reassurance.",
    "It sounds like you feel stuck at work.",
]
#: Turns that harden any partner: blame, absolutes, contempt.
HARD_TURNS = [
    "You never help with anything.",
    "Whatever.",
    "It's your fault we're always late.",
    "You always do this.",
    "Oh great, thanks for nothing.",
    "What is wrong with you?",
]


def play(
    persona: str, turns: list[str], seed: str | int = "test-conversation"
) -> list[session.Step]:
    """Start a rehearsal and take every turn; returns the start step and each turn's step."""
    steps = [session.start(persona, "the chores", seed=seed)]
    for text in turns:
        steps.append(session.take_turn(steps[-1].state, text))
    return steps


def at_openness(state: dict[str, Any], openness: int) -> dict[str, Any]:
    """A copy of ``state`` with the partner at ``openness``."""
    new = dict(state)
    new["openness"] = openness
    return new
