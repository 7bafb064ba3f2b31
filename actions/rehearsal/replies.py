"""The partner's lines: openers and reply pools, and drawing from them without repeats."""

from __future__ import annotations

import random
from dataclasses import dataclass

from .data import load


@dataclass(frozen=True)
class Reply:
    """One partner line, with an id stable for as long as the data file is unchanged."""

    id: str
    text: str


def openers(persona: str) -> list[Reply]:
    """The lines a persona may open a rehearsal with."""
    lines = load("replies")["openers"].get(persona) or []
    return [Reply(f"{persona}/opener/{i}", str(text)) for i, text in enumerate(lines)]


def pool(persona: str, band: str, key: str) -> list[Reply]:
    """Lines for one persona, openness band and kind of move ([] if none are written)."""
    lines = ((load("replies")["pools"].get(persona) or {}).get(band) or {}).get(key) or []
    return [Reply(f"{persona}/{band}/{key}/{i}", str(text)) for i, text in enumerate(lines)]


def first_pool(persona: str, band: str, keys: list[str]) -> list[Reply]:
    """The first non-empty pool among ``keys`` (most specific first)."""
    for key in keys:
        found = pool(persona, band, key)
        if found:
            return found
    raise LookupError(f"no replies for {persona}/{band} under {keys}")


def draw(
    candidates: list[Reply], used: list[str], last: str | None, key: str
) -> tuple[Reply, list[str]]:
    """One line from ``candidates``, deterministic for ``key``: never ``last`` (no immediate
    repeat) and, until the pool runs out, none in ``used`` (no replacement). Returns the line
    and the new ``used`` list; a spent pool starts over."""
    if not candidates:
        raise ValueError("no lines to draw from")
    ids = {r.id for r in candidates}
    fresh = [r for r in candidates if r.id not in used and r.id != last]
    if not fresh:  # spent: start this pool over, still avoiding the line just said
        used = [u for u in used if u not in ids]
        fresh = [r for r in candidates if r.id != last] or list(candidates)
    choice = random.Random(key).choice(fresh)
    return choice, [*used, choice.id]
