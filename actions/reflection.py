"""Active listening: paraphrase what the person shared and ask whether it fits."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import coach
from actions.coach import nlp as coach_nlp
from actions.input_check import strip_control

CONFIRM_BUTTONS = [
    {"title": "Yes, that's it", "payload": "/affirm"},
    {"title": "Not quite", "payload": "/deny"},
]


#: At most this many words, with no verb, pronoun or name, is an answer ("maybe", "a bit",
#: "sort of", "hmm"), not a story: "It sounds like maybe" would be no reflection at all.
THIN_WORDS = 3
STORY_POS = frozenset({"VERB", "AUX", "PRON", "PROPN"})
TELL_ME_MORE = "Could you tell me a little more about what happened?"


def too_thin_to_reflect(text: str) -> bool:
    """Whether ``text`` is a short answer with nothing to paraphrase (no one doing anything)."""
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text or "")
    if len(words) > THIN_WORDS:
        return False
    if not words:
        return True
    return not any(token.pos_ in STORY_POS for token in coach_nlp.parse(" ".join(words)))


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
        """Paraphrase the latest message and ask whether it fits; a word or two with no one
        doing anything in it gets a gentle "tell me more" instead, and is not kept."""
        story = strip_control(tracker.latest_message.get("text") or "")
        if too_thin_to_reflect(story):
            dispatcher.utter_message(text=TELL_ME_MORE)
            return []
        dispatcher.utter_message(text=reflection_text(story), buttons=CONFIRM_BUTTONS)
        return [SlotSet("story", story), SlotSet("script", None)]
