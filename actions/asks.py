"""The reframing form's questions, one action per part.

If the coach has just replied with a question of its own (a suggestion, a choice of
feelings), the form's question is not asked again: one question per message.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import scripts
from actions.parts import FEELING, NEED, OBSERVATION, REQUEST
from actions.safety.screening import PRACTICE_QUESTION
from actions.safety.screening import QUESTION as SCREEN_QUESTION
from actions.safety_flow import SCREEN_SLOT

NOT_SURE = {"title": "I'm not sure", "payload": "I don't know"}
SCREEN_BUTTONS = [
    {"title": "Yes, I feel safe", "payload": "/affirm"},
    {"title": "Not always", "payload": "/deny"},
    {"title": "No", "payload": "/deny"},
]

QUESTIONS: Dict[str, Dict[str, Any]] = {
    FEELING: {
        "text": "When you think about that moment, what did you feel? One or two words is plenty.",
        "buttons": [NOT_SURE],
    },
    OBSERVATION: {
        "text": "What happened, the way a camera would have seen it? For example: "
        "\"when you looked at your phone while I was talking\".",
        "buttons": [],
    },
    NEED: {
        "text": "What do you need, deep down? Something like rest, connection, respect or support.",
        "buttons": [NOT_SURE],
    },
    REQUEST: {
        "text": "Would you like to add a request, something concrete your partner could do? "
        "For example: \"Would you be willing to ...?\" You can also skip this.",
        "buttons": [{"title": "Skip", "payload": "skip"}],
    },
    # Not a part of the statement: the safety question before any request (issue 4).
    SCREEN_SLOT: {"text": SCREEN_QUESTION, "buttons": SCREEN_BUTTONS},
}


def pending_question(tracker: Tracker) -> Optional[str]:
    """The bot's last message since the person's last message, if it asked a question."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return None
        if event.get("event") == "bot":
            text = (event.get("text") or "").strip()
            return text if text.endswith("?") else None
    return None


class _AskPart:
    """Ask for one part of the statement, unless a question is already waiting.

    A mixin, not an Action, so that rasa_sdk registers only the concrete actions.
    """

    part: str = ""

    def name(self) -> Text:
        """``action_ask_<part>``, which the form calls instead of a response."""
        return f"action_ask_{self.part}"

    def question(self, tracker: Tracker) -> Dict[str, Any]:
        """The question's text and buttons."""
        return QUESTIONS[self.part]

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """Ask the part's question."""
        if pending_question(tracker) is None:
            question = self.question(tracker)
            buttons = prefilled_options(self.part, tracker) + list(question["buttons"])
            dispatcher.utter_message(text=question["text"], buttons=buttons or None)
        return []


def prefilled_options(part: str, tracker: Tracker) -> List[Dict[str, str]]:
    """Needs that often sit under the script the person recognised, offered as buttons."""
    script = scripts.get(str(tracker.get_slot("script") or ""))
    if part != NEED or script is None:
        return []
    return [{"title": need, "payload": need} for need in script.needs]


class ActionAskFeeling(_AskPart, Action):
    """Ask what the person felt."""

    part = FEELING


class ActionAskObservation(_AskPart, Action):
    """Ask what happened, as a camera would see it."""

    part = OBSERVATION


class ActionAskNeed(_AskPart, Action):
    """Ask what the person needs."""

    part = NEED


class ActionAskRequest(_AskPart, Action):
    """Offer an optional request."""

    part = REQUEST


class ActionAskPartnerSafe(_AskPart, Action):
    """Ask the safety screening question before the request, or before practising."""

    part = SCREEN_SLOT

    def question(self, tracker: Tracker) -> Dict[str, Any]:
        """In the words that fit what comes next: a request, or practising."""
        if tracker.active_loop.get("name") == "practice_form":
            return {"text": PRACTICE_QUESTION, "buttons": SCREEN_BUTTONS}
        return QUESTIONS[self.part]
