"""Active listening: paraphrase what the person shared and ask whether it fits."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import coach
from actions.input_check import strip_control

CONFIRM_BUTTONS = [
    {"title": "Yes, that's it", "payload": "/affirm"},
    {"title": "Not quite", "payload": "/deny"},
]


def reflection_text(story: str) -> str:
    """"It sounds like ..." built from the person's own words, offered as a question."""
    paraphrase = coach.paraphrase(story).strip().rstrip(".!?")
    feelings = coach.guess_feelings(story)[:2]
    if paraphrase:
        text = f"It sounds like {paraphrase}"
    else:
        text = "It sounds like that moment stayed with you"
    if feelings:
        text += f", and maybe you felt {' or '.join(feelings)}"
    return text + ". Did I get that right?"


class ActionReflect(Action):
    """Reflect the story back, tentatively, and keep it in the ``story`` slot."""

    def name(self) -> Text:
        """The action's name in the domain."""
        return "action_reflect"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """Paraphrase the latest message and ask whether it fits."""
        story = strip_control(tracker.latest_message.get("text") or "")
        dispatcher.utter_message(text=reflection_text(story), buttons=CONFIRM_BUTTONS)
        return [SlotSet("story", story), SlotSet("script", None)]
