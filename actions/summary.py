"""Starting, resuming, changing and summing up the statement."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import coach
from actions.input_check import strip_control
from actions.parts import (
    ATTEMPTS_SLOT,
    LABELS,
    PART_SLOT,
    PARTS,
    REQUEST,
    STATEMENT_SLOT,
    attempts,
    filled_parts,
)
from actions.safety_flow import SCREEN_SLOT
from actions.scripts_flow import latest_intent, previous_action

#: The parts a first answer to the offer of a statement may fill straight away. The request
#: is never taken early: the screening question comes before it.
PREFILLABLE = ("feeling", "observation", "need")
FROM_YOUR_WORDS = "I'll start from what you wrote."

SUMMARY_BUTTONS = [
    {"title": "Change what I feel", "payload": '/change_part{"part": "feeling"}'},
    {"title": "Change when it happens", "payload": '/change_part{"part": "observation"}'},
    {"title": "Change what I need", "payload": '/change_part{"part": "need"}'},
    {"title": "Change the request", "payload": '/change_part{"part": "request"}'},
    {"title": "Start again", "payload": "/start_over"},
    {"title": "I'm happy with it", "payload": "/finish"},
]


def reset_events() -> List[Dict[Text, Any]]:
    """Events that empty every part of the statement."""
    return [SlotSet(part, None) for part in PARTS] + [
        SlotSet(ATTEMPTS_SLOT, None),
        SlotSet(STATEMENT_SLOT, None),
    ]


def first_words(tracker: Tracker) -> Dict[str, str]:
    """The parts given in an answer to the offer of a statement (action_script_fits) that
    was not a plain yes; empty otherwise, or when a part is already being written."""
    if previous_action(tracker) != "action_script_fits" or latest_intent(tracker) != "inform":
        return {}
    if any(tracker.get_slot(part) is not None for part in PARTS) \
            and not tracker.get_slot(STATEMENT_SLOT):
        return {}  # a paused statement: its parts are kept, not overwritten
    text = strip_control(str(tracker.latest_message.get("text") or ""))
    if coach.is_dont_know(text):
        return {}
    parts = coach.split_statement(text)
    found = {part: getattr(parts, part) for part in PREFILLABLE}
    return {part: value.strip() for part, value in found.items() if value and value.strip()}


class ActionBeginReframe(Action):
    """Start the statement, or resume it if parts were already written."""

    def name(self) -> Text:
        """The action's name in the domain."""
        return "action_begin_reframe"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """A finished statement starts fresh; a paused one carries on.

        A worried answer to the screening question is asked again before any request. When
        the person answered the offer of a statement with words of their own ("frustrated",
        "I feel hurt when he shuts down") instead of yes, those words fill the parts they
        give; the form then checks them like any other answer.
        """
        rescreen = [SlotSet(SCREEN_SLOT, None)] if tracker.get_slot(SCREEN_SLOT) is False else []
        start = reset_events() if tracker.get_slot(STATEMENT_SLOT) else []
        early = first_words(tracker)
        if early:
            dispatcher.utter_message(text=FROM_YOUR_WORDS)
            return start + rescreen + [SlotSet(part, value) for part, value in early.items()]
        if start:
            return start + rescreen
        if any(tracker.get_slot(part) is not None for part in PARTS):
            dispatcher.utter_message(text="Let's pick up where we left off.")
        return rescreen


class ActionSummarize(Action):
    """Compose the statement and offer to change a part, start again or finish."""

    def name(self) -> Text:
        """The action's name in the domain."""
        return "action_summarize"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """Show the composed statement as its own message, then the choices.

        When the form ended on a worried screening answer, the safety reply comes instead.
        """
        if tracker.get_slot(SCREEN_SLOT) is False:
            return [FollowupAction("action_safety_respond")]
        statement = coach.compose(coach.Parts(**filled_parts(tracker)))
        dispatcher.utter_message(text="Here is your statement:")
        # The mark lets the web widget show it as a card with a copy button.
        dispatcher.utter_message(text=statement, statement=True)
        dispatcher.utter_message(
            text="How does it sound? You can change one part, start again, or keep it.",
            buttons=SUMMARY_BUTTONS,
        )
        return [SlotSet(STATEMENT_SLOT, statement)]


class ActionChangePart(Action):
    """Empty the one part the person wants to redo; the form then asks for it again."""

    def name(self) -> Text:
        """The action's name in the domain."""
        return "action_change_part"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """Reset the named part, keeping the others."""
        part = tracker.get_slot(PART_SLOT)
        if part not in PARTS:
            return []
        counts = attempts(tracker)
        counts.pop(part, None)
        dispatcher.utter_message(text=f"Okay, let's redo {LABELS[part]}. The rest stays as it is.")
        rescreen = part == REQUEST and tracker.get_slot(SCREEN_SLOT) is False
        return [SlotSet(SCREEN_SLOT, None)] * int(rescreen) + [
            SlotSet(part, None),
            SlotSet(ATTEMPTS_SLOT, counts),
            SlotSet(STATEMENT_SLOT, None),
            SlotSet(PART_SLOT, None),
        ]


class ActionStartOver(Action):
    """Empty every part and begin again."""

    def name(self) -> Text:
        """The action's name in the domain."""
        return "action_start_over"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """Clear the statement's parts."""
        dispatcher.utter_message(text="Okay, a fresh start.")
        return reset_events()
