"""Trackers built from a dict, as rasa_sdk receives them, and the domain the form needs."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker

FORM = "reframe_form"
DOMAIN: Dict[str, Any] = {
    "forms": {FORM: {"required_slots": ["feeling", "observation", "need", "partner_safe",
                                        "request"]}},
    "slots": {
        name: {"type": "text"}
        for name in ["feeling", "observation", "need", "request", "story", "statement"]
    },
}


def make_tracker(
    text: str = "",
    intent: str = "inform",
    slots: Optional[Dict[str, Any]] = None,
    events: Optional[List[Dict[str, Any]]] = None,
    active_loop: Optional[str] = FORM,
    entities: Optional[List[Dict[str, Any]]] = None,
    confidence: float = 1.0,
    safety: Optional[Dict[str, Any]] = None,
) -> Tracker:
    """A tracker whose latest message is ``text``; ``events`` follow that user event.
    ``safety`` is what the NLU's safety guard added to the message, if anything."""
    latest: Dict[str, Any] = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": entities or [],
    }
    if safety is not None:
        latest["safety"] = safety
    all_slots = {"requested_slot": None, "coach_attempts": None, "part": None,
                 "story": None, "statement": None, "script": None,
                 "script_offered": None, "scripts_declined": None,
                 "feeling": None, "observation": None, "need": None, "request": None,
                 "partner_safe": None, "safety_kind": None, "safety_checking": None}
    all_slots.update(slots or {})
    user_event = {"event": "user", "text": text, "parse_data": latest}
    return Tracker.from_dict({
        "sender_id": "test-user",
        "slots": all_slots,
        "latest_message": latest,
        "events": [user_event, *(events or [])],
        "paused": False,
        "followup_action": None,
        "active_loop": {"name": active_loop} if active_loop else {},
        "latest_action_name": "action_listen",
    })


@pytest.fixture
def domain() -> Dict[str, Any]:
    """The parts of the domain the actions read."""
    return DOMAIN
