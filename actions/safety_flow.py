"""Stepping out of coaching when someone may be in danger.

Any message the NLU reads as ``self_harm``, ``partner_violence`` or ``immediate_danger`` (the
phrase rules or the trained intents, see bot/components/safety_guard.py) runs
``action_safety_respond``, whatever was going on: an active form is paused with its parts kept.
The reply acknowledges without judging, gives the helplines for the owner's country
(actions/safety/data/resources.yml), says this is not an emergency service, and checks whether
it understood. A reading only the classifier made, and less surely (the ``check`` tier), gets
the question first, with the emergency number; the helplines follow on "yes". After that, coaching a request of the partner does not start again unless the
person asks for it (``safety_kind`` stays set until they say it was a misreading).
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.safety.resources import KINDS, place_for, resources_text

#: The kind of concern last raised in this conversation, or ``None``.
KIND_SLOT = "safety_kind"
#: True while a check-in question waits for its answer (the helplines come on "yes").
CHECKING_SLOT = "safety_checking"
#: The tier the NLU gave a classifier-only reading (bot/components/safety_guard.py).
CHECK_TIER = "check"
#: The answer to the screening question: True (safe), False (worried), None (not asked).
SCREEN_SLOT = "partner_safe"
#: Set as the kind when the screening answer was the worry.
SCREENING = "screening"
#: The environment variable naming the owner's country (ISO code such as GB or US).
COUNTRY_ENV = "UNSCRIPTED_COUNTRY"
#: Intents by which a person asks for coaching themselves.
ASKED_FOR_COACHING = ("start_reframe", "continue_reframe")

START_TEXT = (
    "Let's put it into one sentence, one part at a time: \"I feel ___ when ___, and I need ___.\""
)
CONFIRM_BUTTONS = [
    {"title": "Yes", "payload": "/affirm"},
    {"title": "No, I didn't mean that", "payload": "/deny"},
]
GROUNDING_BUTTONS = [
    {"title": "Yes, let's try", "payload": "/affirm"},
    {"title": "Not now", "payload": "/deny"},
]

NOT_EMERGENCY = "I'm a computer program, not an emergency service: I can't call anyone or send help."
CHECK_OPENING = (
    "Before we go on, can I check something? Your safety matters more than anything we're "
    "working on here. If you're ever in danger, call {emergency}."
)
GROUNDING_OFFER = (
    "Thank you for telling me. Would you like to try one small grounding step with me, right now?"
)

_OPENING = {
    "immediate_danger": (
        "I'm really glad you told me. Your safety matters most right now. If you are in "
        "danger, please call {emergency} now if you can do it safely, or get to a place "
        "with other people around."
    ),
    "self_harm": (
        "Thank you for telling me. That sounds really heavy, and you don't have to carry it "
        "on your own. The people at these lines are there for exactly this, day and night:"
    ),
    "partner_violence": (
        "Thank you for trusting me with this. Nobody deserves to be hurt, threatened or "
        "controlled, and it isn't your fault. Your safety comes first, so I'll set the "
        "coaching aside. These services can talk it through with you in confidence:"
    ),
    SCREENING: (
        "Thank you for being honest with me. When someone doesn't always feel safe with a "
        "partner, asking them for something can carry a risk, so I'll leave the request out. "
        "What you've written so far is kept. These services can talk it through with you in "
        "confidence:"
    ),
}
_CLOSING = {
    "immediate_danger": "Did I understand that right, that you might not be safe right now?",
    "self_harm": "Did I understand that right, that you've been having thoughts of hurting "
    "yourself or of not wanting to be here?",
    "partner_violence": "Did I understand that right, that your partner hurts, threatens or "
    "frightens you?",
    SCREENING: "Did I understand that right, that you don't always feel safe with your partner?",
}
_RESOURCE_KIND = {SCREENING: "partner_violence"}


def country() -> Optional[str]:
    """The owner's country code from the environment, if set."""
    return os.environ.get(COUNTRY_ENV) or None


def response_text(kind: str, where: Optional[str] = None) -> str:
    """The whole reply for ``kind``: acknowledgement, help, the limits, one question."""
    place = place_for(where)
    opening = _OPENING[kind].format(emergency=place.emergency)
    parts = [opening, resources_text(_RESOURCE_KIND.get(kind, kind), where)]
    tail = NOT_EMERGENCY
    if kind != "immediate_danger":
        tail += f" If you're in danger right now, call {place.emergency}."
    parts += [tail, _CLOSING[kind]]
    return "\n\n".join(parts)


def check_text(kind: str, where: Optional[str] = None) -> str:
    """A check-in for a reading the classifier was less sure of: one question, and the
    emergency number; the helplines follow on "yes"."""
    place = place_for(where)
    return "\n\n".join([CHECK_OPENING.format(emergency=place.emergency), _CLOSING[kind]])


def help_text(kind: str, where: Optional[str] = None) -> str:
    """The reply without its closing question: after a check-in was answered "yes"."""
    return response_text(kind, where).rsplit("\n\n", 1)[0]


def is_check(tracker: Tracker) -> bool:
    """Whether the NLU asked for a check-in rather than the full reply."""
    safety = tracker.latest_message.get("safety") or {}
    return isinstance(safety, dict) and safety.get("tier") == CHECK_TIER


def concern_of(tracker: Tracker) -> str:
    """Which reply fits: the message's safety intent, else the screening answer."""
    intent = str((tracker.latest_message.get("intent") or {}).get("name") or "")
    if intent in KINDS:
        return intent
    if tracker.get_slot(SCREEN_SLOT) is False:
        return SCREENING
    kind = tracker.get_slot(KIND_SLOT)
    return str(kind) if kind in _OPENING else "partner_violence"


def in_safety_mode(tracker: Tracker) -> bool:
    """Whether a concern was raised and not taken back in this conversation."""
    return tracker.get_slot(KIND_SLOT) is not None


class ActionSafetyRespond(Action):
    """Stop whatever was going on, acknowledge, give help, and check the reading."""

    def name(self) -> Text:
        """The action's name in the domain."""
        return "action_safety_respond"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """One message, with yes / no buttons; an active form is paused, its parts kept."""
        kind = concern_of(tracker)
        checking = kind in KINDS and is_check(tracker)
        text = check_text(kind, country()) if checking else response_text(kind, country())
        dispatcher.utter_message(text=text, buttons=CONFIRM_BUTTONS)
        events: List[Dict[Text, Any]] = [SlotSet(KIND_SLOT, kind), SlotSet(CHECKING_SLOT, checking)]
        if tracker.active_loop.get("name"):
            events += [ActiveLoop(None), SlotSet("requested_slot", None)]
        if kind == SCREENING:
            # Reached from the summary (a follow-up action), where no rule says what is next.
            events.append(FollowupAction("action_listen"))
        return events


class ActionSafetyConfirmed(Action):
    """The person says the reading was right: the helplines if only a check-in was shown,
    then one grounding step offered."""

    def name(self) -> Text:
        """The action's name in the domain."""
        return "action_safety_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """Help first where it was held back, then the grounding offer with its buttons."""
        if tracker.get_slot(CHECKING_SLOT):
            kind = str(tracker.get_slot(KIND_SLOT) or "")
            dispatcher.utter_message(
                text=help_text(kind if kind in KINDS else "partner_violence", country())
            )
        dispatcher.utter_message(text=GROUNDING_OFFER, buttons=GROUNDING_BUTTONS)
        return [SlotSet(CHECKING_SLOT, False)]


class ActionSafetyMisread(Action):
    """The person says the concern was a misreading: apologise, and carry on as before."""

    def name(self) -> Text:
        """The action's name in the domain."""
        return "action_safety_misread"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """Clear the concern; a screening misread counts as feeling safe."""
        text = (
            "Thank you for putting me right, and I'm sorry for jumping in: I'd rather check "
            "than miss something."
        )
        if not tracker.get_slot(CHECKING_SLOT):  # the helplines were shown
            text += " The numbers are there if you ever need them."
        events: List[Dict[Text, Any]] = [SlotSet(KIND_SLOT, None), SlotSet(CHECKING_SLOT, False)]
        if tracker.get_slot(KIND_SLOT) == SCREENING or tracker.get_slot(SCREEN_SLOT) is False:
            events.append(SlotSet(SCREEN_SLOT, True))
        if any(tracker.get_slot(part) for part in ("feeling", "observation", "need")):
            text += " Your statement is kept: say \"continue\" to pick it up."
        dispatcher.utter_message(text=text + " What would you like to talk about?")
        return events


class ActionStartReframe(Action):
    """Begin a statement, unless a safety concern is open and the person did not ask."""

    def name(self) -> Text:
        """The action's name in the domain."""
        return "action_start_reframe"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """Say how the statement works, or step back and wait."""
        intent = str((tracker.latest_message.get("intent") or {}).get("name") or "")
        if in_safety_mode(tracker) and intent not in ASKED_FOR_COACHING:
            dispatcher.utter_message(
                text="Thank you. After what you told me earlier, I won't start on words for "
                "your partner unless you ask me to. If you want to, just say \"help me say how "
                "I feel\". I'm here and listening."
            )
            return [FollowupAction("action_listen")]
        dispatcher.utter_message(text=START_TEXT)
        return []
