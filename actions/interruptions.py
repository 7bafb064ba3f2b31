"""Answers to interruptions that depend on where the person is: "why?" and unusable input."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.input_check import REPLIES, reply_for
from actions.parts import FEELING, NEED, OBSERVATION, REQUEST

WHY = {
    FEELING: "I ask what you feel because a feeling is hard to argue with. \"I feel lonely\" "
    "invites your partner closer, where \"you ignore me\" invites a defence.",
    OBSERVATION: "I ask what happened, as a camera would see it, so your partner hears one "
    "moment they can recognise, instead of a verdict about who they are.",
    NEED: "I ask what you need because every feeling points to a need. Naming it tells your "
    "partner what would actually help.",
    REQUEST: "A request turns the need into one small thing your partner could do. It's "
    "optional, and a question (\"Would you be willing to...?\") leaves room for a yes.",
    "partner_safe": "I ask because a request only makes sense with someone who is safe to "
    "ask. If a partner hurts or frightens you, I won't coach you to ask them for things; "
    "there's better help for that, and I can show you where.",
}
WHY_DEFAULT = (
    "I ask so I can help you put what happened into words that your partner can hear. "
    "You never have to answer anything you'd rather not."
)


class ActionExplainStep(Action):
    """Explain why the current question is asked."""

    def name(self) -> Text:
        """The action's name in the domain."""
        return "action_explain_step"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """Say why the requested part matters."""
        dispatcher.utter_message(text=WHY.get(tracker.get_slot("requested_slot"), WHY_DEFAULT))
        return []


class ActionUnusableInput(Action):
    """A kind reply to an empty, emoji-only, garbled, non-English or very long message."""

    def name(self) -> Text:
        """The action's name in the domain."""
        return "action_unusable_input"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """Pick the reply that fits what was sent."""
        reply = reply_for(tracker.latest_message.get("text")) or REPLIES["punctuation"]
        dispatcher.utter_message(text=reply)
        return []
