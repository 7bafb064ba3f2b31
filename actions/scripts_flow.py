"""Naming a gender-role script: tentatively, with a two-sentence explanation, then an offer.

The script is the message's NLU intent (DIET plus the phrase rules). A script the person said
does not fit is not named again in the conversation; then, and below the detection
threshold, the story is simply reflected back as usual.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import scripts
from actions.input_check import strip_control
from actions.reflection import CONFIRM_BUTTONS, reflection_text, too_thin_to_reflect

SCRIPT_SLOT = "script"
OFFERED_SLOT = "script_offered"
DECLINED_SLOT = "scripts_declined"

FITS_BUTTONS = [
    {"title": "Yes, that fits", "payload": "/affirm"},
    {"title": "Not really", "payload": "/deny"},
]
OFFER_BUTTONS = [
    {"title": "Yes, let's", "payload": "/affirm"},
    {"title": "Not now", "payload": "/deny"},
]


def naming_text(script: scripts.Script) -> str:
    """"That sounds like it might be ...", the explanation, and one question."""
    return f"That sounds like it might be {script.name}. {script.explanation} Does that fit?"


#: Read as "not a story, not a yes or no" when they answer "Does that fit?": the NLU could not
#: tell, or it heard an answer to a part of the statement ("a bit", "sad").
UNCLEAR_INTENTS = frozenset({"nlu_fallback", "inform"})
UNSURE_FIT_BUTTONS = FITS_BUTTONS + [{"title": "I'm not sure", "payload": "/dont_know"}]

#: Asked again when the answer to "Does that fit?" was neither yes, no nor "not sure".
FIT_AGAIN_TEXT = (
    "Sorry, I didn't quite catch that. Does that idea fit what happened for you? It's okay "
    "if it only fits a little, or not at all: you know your situation best."
)
THANKS_TEXT = (
    "Thank you for looking at it with me. Noticing a script is often the first step to "
    "stepping out of it."
)
UNSURE_TEXT = (
    "That's fair. It may fit a little, or not at all, and you're the one who knows."
)
OFFER_TEXT = (
    "Would you like to put what's really going on for you into one sentence you could say to "
    "your partner?"
)
OFFER_AGAIN_TEXT = (
    "Sorry, I didn't quite catch that. Would you like to put what's going on for you into one "
    "sentence now? Tap \"Yes, let's\", or \"Not now\" if you'd rather leave it."
)


def previous_action(tracker: Tracker) -> Optional[str]:
    """The bot's last action before the latest message (``action_listen`` skipped)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "action" and \
                event.get("name") != "action_listen":
            return str(event.get("name"))
    return None


def awaiting_fit_answer(tracker: Tracker) -> bool:
    """Whether the latest message answers "Does that fit?" (a script was just named)."""
    return (previous_action(tracker) == "action_name_script"
            and tracker.get_slot(OFFERED_SLOT) is True and bool(tracker.get_slot(SCRIPT_SLOT)))


def latest_intent(tracker: Tracker) -> str:
    """The name of the latest message's intent."""
    return str((tracker.latest_message.get("intent") or {}).get("name") or "")


def declined(tracker: Tracker) -> List[str]:
    """Scripts the person has said do not fit, in this conversation."""
    value = tracker.get_slot(DECLINED_SLOT)
    return [str(v) for v in value] if isinstance(value, list) else []


def detected_script(tracker: Tracker) -> Optional[scripts.Script]:
    """The script in the latest message, if confident enough and not declined."""
    intent = tracker.latest_message.get("intent") or {}
    key = str(intent.get("name") or "")
    confidence = float(intent.get("confidence") or 0.0)
    if confidence < scripts.DETECT_THRESHOLD or key in declined(tracker):
        return None
    return scripts.get(key)


class ActionNameScript(Action):
    """Name the script the person's story seems to carry, or reflect the story."""

    def name(self) -> Text:
        """The action's name in the domain."""
        return "action_name_script"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """Name it and ask whether it fits; without a usable script, reflect instead.

        Right after a script was named, an answer that is neither yes nor no ("a bit", "hmm",
        one the NLU could not read, or a word or two with no one doing anything in it) asks
        again, with "I'm not sure" as a third choice.
        """
        story = strip_control(tracker.latest_message.get("text") or "")
        script = detected_script(tracker)
        if script is None and awaiting_fit_answer(tracker) and (
                latest_intent(tracker) in UNCLEAR_INTENTS or too_thin_to_reflect(story)):
            dispatcher.utter_message(text=FIT_AGAIN_TEXT, buttons=UNSURE_FIT_BUTTONS)
            return []
        if script is None:
            dispatcher.utter_message(text=reflection_text(story), buttons=CONFIRM_BUTTONS)
            return [
                SlotSet("story", story), SlotSet(SCRIPT_SLOT, None), SlotSet(OFFERED_SLOT, False)
            ]
        dispatcher.utter_message(text=naming_text(script), buttons=FITS_BUTTONS)
        return [
            SlotSet("story", story), SlotSet(SCRIPT_SLOT, script.key), SlotSet(OFFERED_SLOT, True)
        ]


class ActionScriptFits(Action):
    """The person says the script fits, or is not sure: offer to put it into one sentence.
    After that offer, an answer the NLU could not read gets the offer again, shorter."""

    def name(self) -> Text:
        """The action's name in the domain."""
        return "action_script_fits"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """Thank (or accept the doubt), and offer the statement."""
        if previous_action(tracker) == self.name():
            text = OFFER_AGAIN_TEXT
        elif latest_intent(tracker) == "dont_know":
            text = f"{UNSURE_TEXT} Either way: {OFFER_TEXT[0].lower()}{OFFER_TEXT[1:]}"
        else:
            text = f"{THANKS_TEXT} {OFFER_TEXT}"
        dispatcher.utter_message(text=text, buttons=OFFER_BUTTONS)
        return []


class ActionScriptDeclined(Action):
    """The script does not fit: thank, never name it again here, and reflect the story."""

    def name(self) -> Text:
        """The action's name in the domain."""
        return "action_script_declined"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """Remember the refusal and go back to what the person said."""
        key = tracker.get_slot(SCRIPT_SLOT)
        done = declined(tracker)
        if key and key not in done:
            done.append(str(key))
        story = str(tracker.get_slot("story") or "")
        text = "Thanks for telling me. You know your situation best, so I'll leave that idea alone."
        if story:
            text += " " + reflection_text(story)
        else:
            text += " What would you like to talk about?"
        dispatcher.utter_message(text=text, buttons=CONFIRM_BUTTONS if story else None)
        return [SlotSet(SCRIPT_SLOT, None), SlotSet(DECLINED_SLOT, done)]


def draft_script(tracker: Tracker, text: str) -> Optional[scripts.Script]:
    """The script in a draft part of the statement: the classifier's, else a phrase rule's."""
    found = detected_script(tracker)
    if found is None:
        hit = scripts.first(text)
        found = scripts.get(hit.script) if hit else None
    if found is None or found.key in declined(tracker):
        return None
    return found
