"""Names shared by the reframing actions: the parts of the statement and their slots."""

from __future__ import annotations

from typing import Any, Dict, Optional

from rasa_sdk import Tracker

FEELING = "feeling"
OBSERVATION = "observation"
NEED = "need"
REQUEST = "request"
PARTS = (FEELING, OBSERVATION, NEED, REQUEST)

ATTEMPTS_SLOT = "coach_attempts"
STATEMENT_SLOT = "statement"
PART_SLOT = "part"

#: Stored in the ``request`` slot when the person chose not to add a request.
NO_REQUEST = "(none)"

#: How the parts are named to the person.
LABELS = {
    FEELING: "what you feel",
    OBSERVATION: "when it happens",
    NEED: "what you need",
    REQUEST: "the request",
}


def filled_parts(tracker: Tracker) -> Dict[str, Optional[str]]:
    """The four parts as they stand in the tracker (``None`` where empty or skipped)."""
    values: Dict[str, Optional[str]] = {}
    for part in PARTS:
        value = tracker.get_slot(part)
        values[part] = None if value in (None, "", NO_REQUEST) else str(value)
    return values


def attempts(tracker: Tracker) -> Dict[str, int]:
    """How many times each part has been coached so far."""
    raw: Any = tracker.get_slot(ATTEMPTS_SLOT)
    if not isinstance(raw, dict):
        return {}
    return {str(k): int(v) for k, v in raw.items() if isinstance(v, (int, float))}
