"""Rehearsal: practise a hard conversation with a simulated partner, or drill listening.

Pure Python on spaCy via the coach (no Rasa, no SQLAlchemy; nothing loads at import). The
state is one JSON-able dict (see ``state.py``) that can live in one Rasa slot; every function
returns a new state. Turn by turn::

    step = start("stonewalling", "the chores", seed=sender_id)   # step.partner opens
    step = take_turn(step.state, "I feel tired when ...")        # step.partner replies
    hint(step.state); pause(...); resume(...); restart(...); set_feedback(state, True)
    state, summary = stop(step.state)                            # summary.lines(), .to_dict()
"""

from __future__ import annotations

from .drill import DrillFeedback, Prompt, assess_reflection
from .feedback import CHECKS, Feedback, assess
from .moves import MOVES, Move, classify
from .personas import PERSONAS, Persona, all_personas
from .personas import get as get_persona
from .progress import compare
from .scores import Score
from .session import (
    NotActive,
    Step,
    hint,
    is_active,
    next_prompt,
    pause,
    restart,
    resume,
    set_feedback,
    start,
    start_drill,
    stop,
    take_turn,
)
from .state import is_state, seed_from
from .summary import Summary, summarise

__all__ = [
    "CHECKS",
    "MOVES",
    "PERSONAS",
    "DrillFeedback",
    "Feedback",
    "Move",
    "NotActive",
    "Persona",
    "Prompt",
    "Score",
    "Step",
    "Summary",
    "all_personas",
    "assess",
    "assess_reflection",
    "classify",
    "compare",
    "get_persona",
    "hint",
    "is_active",
    "is_state",
    "next_prompt",
    "pause",
    "restart",
    "resume",
    "seed_from",
    "set_feedback",
    "start",
    "start_drill",
    "stop",
    "summarise",
    "take_turn",
]
