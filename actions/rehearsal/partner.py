"""The partner: openness that moves with what the person does, and the next line to say.

Openness runs 0 (closed) to 4 (open). Any hardening move (blame, a counter-attack,
always/never, contempt) lowers it by one; otherwise any softening move (a clean I-statement,
a reflection, a clean request, asking for a break, appreciation) raises it by one. The reply
comes from the pool for persona x openness band x move, drawn without replacement.
"""

from __future__ import annotations

from typing import Any

from . import personas, replies
from .moves import HARDENING, OTHER, SOFTENING, Move
from .replies import Reply


def _rng_key(state: dict[str, Any], what: str) -> str:
    return f"{state['seed']}/{state['attempt']}/{len(state['turns'])}/{what}"


def opener(state: dict[str, Any]) -> tuple[dict[str, Any], Reply]:
    """The partner's first line; returns the updated state and the line."""
    new = dict(state)
    persona = new["persona"]
    line, used = replies.draw(
        replies.openers(persona), list(new["used"]), new["last_reply"], _rng_key(new, "opener")
    )
    new.update(used=used, last_reply=line.id, partner_line=line.text)
    return new, line


def reply_keys(move: Move, opened_up: bool) -> list[str]:
    """Pool keys to try, most specific first: "opens_up", the move's own tags, its family."""
    keys = ["opens_up"] if opened_up else []
    if move.effect < 0:
        keys += [t for t in move.tags if t in HARDENING]
    else:
        keys += [t for t in move.tags if t in SOFTENING + OTHER]
    family = "hard" if move.effect < 0 else "soft" if move.effect > 0 else "other"
    return keys + [family, "other"]


def react(state: dict[str, Any], move: Move) -> tuple[dict[str, Any], Reply, bool]:
    """Move openness for this move and pick the partner's reply.

    Returns the updated state (openness, opened_up, used, last_reply, partner_line), the reply,
    and whether the partner just opened up (moved into the open band for the first time).
    """
    new = dict(state)
    persona = new["persona"]
    before = personas.band(new["openness"])
    openness = personas.clamp(new["openness"] + move.effect)
    band = personas.band(openness)
    opened_up = band == "open" and before != "open" and not new["opened_up"]
    keys = reply_keys(move, opened_up)
    if opened_up and not replies.pool(persona, band, "opens_up"):
        opened_up = False
    candidates = replies.first_pool(persona, band, keys)
    line, used = replies.draw(
        candidates, list(new["used"]), new["last_reply"], _rng_key(new, candidates[0].id)
    )
    new.update(
        openness=openness,
        opened_up=bool(new["opened_up"] or opened_up),
        used=used,
        last_reply=line.id,
        partner_line=line.text,
    )
    return new, line, opened_up
