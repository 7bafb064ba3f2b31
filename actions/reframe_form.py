"""The reframing form's validation: the coach checks each part as it is given.

A part with a finding is re-asked once with the coach's concrete suggestion. On the second
try it is accepted, and the person hears what could still be sharpened.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Callable, Dict, List, Optional, Text

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import coach
from actions.answer_shape import is_not_now, looks_like_answer
from actions.asks import SCREEN_BUTTONS
from actions.coach.blame import SCRIPT_SUGGEST
from actions.input_check import reply_for, strip_control
from actions.safety.screening import screening_answer
from actions.safety_flow import SCREEN_SLOT
from actions.scripts_flow import draft_script
from actions.parts import (
    ATTEMPTS_SLOT,
    FEELING,
    NEED,
    NO_REQUEST,
    OBSERVATION,
    REQUEST,
    attempts,
)

#: After this many tries a part is accepted as it is.
MAX_TRIES = 2

_CHECKS: Dict[str, Callable[[str], List[coach.Finding]]] = {
    FEELING: coach.check_feeling,
    OBSERVATION: coach.check_observation,
    NEED: coach.check_need,
    REQUEST: coach.check_request,
}
_CLEAN: Dict[str, Callable[[str], str]] = {
    FEELING: coach.clean_feeling,
    OBSERVATION: coach.clean_observation,
    NEED: coach.clean_need,
    REQUEST: coach.clean_request,
}
_GROUP_PICK = re.compile(
    r"^\s*(?:show\s+(?:me\s+)?)?feelings?\s+(?:like|close to)\s+(\w+)\s*$", re.I
)
GROUP_PAYLOAD = "show feelings like {group}"
#: A shrug means "I don't know", even without words.
SHRUGS = frozenset({"🤷", "🤷\u200d♀️", "🤷\u200d♂️", "🤷‍♀", "🤷‍♂", "¯\\_(ツ)_/¯"})


def validate_screening(
    slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
) -> Dict[Text, Any]:
    """The screening answer (before a request, or before practising with a partner): safe
    goes on; any worry ends the form, and what comes next hands over to the safety reply."""
    intent = str((tracker.latest_message.get("intent") or {}).get("name") or "")
    answer = screening_answer(strip_control(str(slot_value or "")), intent)
    if answer is None:
        dispatcher.utter_message(
            text="Sorry, I didn't quite follow. Yes, no and \"not always\" are all fine "
            "answers. Do you feel safe with your partner?",
            buttons=SCREEN_BUTTONS,
        )
        return {SCREEN_SLOT: None}
    if answer:
        return {SCREEN_SLOT: True}
    return {SCREEN_SLOT: False, "requested_slot": None}


def _buttons(options: List[str]) -> List[Dict[str, str]]:
    return [{"title": option, "payload": option} for option in options]


def offer_feeling_groups(dispatcher: CollectingDispatcher) -> None:
    """Offer groups of feelings as buttons (the first step of "I don't know what I feel")."""
    groups = coach.feeling_groups()
    lines = [f"{name.capitalize()}: {', '.join(words[:4])}" for name, words in groups.items()]
    dispatcher.utter_message(
        text="That's okay, feelings can be hard to name. Here are some, in groups:\n"
        + "\n".join(lines)
        + "\nYou can also type any word that fits. Which group comes closest?",
        buttons=[{"title": name.capitalize(), "payload": GROUP_PAYLOAD.format(group=name)}
                 for name in groups],
    )


def _offer_group(dispatcher: CollectingDispatcher, group: str) -> bool:
    words = coach.feeling_groups().get(group.lower())
    if not words:
        return False
    dispatcher.utter_message(
        text=f"Here are some feelings close to {group.lower()}. Does one of them fit?",
        buttons=_buttons(words),
    )
    return True


#: Ends a coaching message whose suggestion is not itself a question, so that the coaching
#: message carries the one question (and its buttons) and the form does not ask again.
RETRY_QUESTIONS = {
    FEELING: "What do you feel, in a word or two?",
    OBSERVATION: "How would you describe that moment now?",
    NEED: "What need sits underneath it?",
    REQUEST: "How would you put the request now?",
}


def coaching_text(part: str, finding: coach.Finding) -> str:
    """The explanation and suggestion, ending with exactly one question."""
    text = f"{finding.explanation} {finding.suggestion}".strip()
    return text if text.endswith("?") else f"{text} {RETRY_QUESTIONS[part]}"


#: Intents that may be an aside or may be a misread answer, with their replies.
#: The reply to "not today" / "I don't want to" inside the statement; the form then asks its
#: question again, so the way out and the way on are both there.
NOT_NOW_TEXT = (
    "That's okay, there's no rush. If you'd like to leave it here, say \"stop\": I'll keep "
    "what you've written so far. Or answer whenever you're ready."
)

#: Replies to a message that is not an answer to the part asked: small talk, an off-topic
#: remark, or a plain "yes please" / "ok" (the form then asks its question again).
ASIDES = {"chitchat": "utter_chitchat", "out_of_scope": "utter_out_of_scope",
          "affirm": "utter_go_on"}
ASIDE_CONFIDENCE = 0.8


def _aside_response(part: str, text: str, tracker: Tracker) -> Optional[str]:
    """The reply to small talk or an off-topic remark, unless it reads like an answer."""
    intent = tracker.latest_message.get("intent") or {}
    response = ASIDES.get(intent.get("name") or "")
    if response is None or float(intent.get("confidence") or 0.0) < ASIDE_CONFIDENCE:
        return None
    return None if looks_like_answer(part, text) else response


def cite_script(
    findings: List[coach.Finding], tracker: Tracker, text: str
) -> List[coach.Finding]:
    """Name the script behind a "that's what a real man does" finding, when it is known."""
    if not findings or findings[0].suggestion != SCRIPT_SUGGEST:
        return findings
    script = draft_script(tracker, text)
    if script is None:
        return findings
    first = findings[0]
    cited = replace(
        first,
        explanation=f"'{first.span}' sounds like it might be {script.name}: "
        "an old idea about how someone should be because of their gender.",
    )
    return [cited] + findings[1:]


class ValidateReframeForm(FormValidationAction):
    """Coach each part of "I feel ___ when ___, and I need ___" as it is filled."""

    def name(self) -> Text:
        """The action's name in the domain."""
        return "validate_reframe_form"

    async def validate_feeling(
        self, slot_value: Any, dispatcher: CollectingDispatcher,
        tracker: Tracker, domain: DomainDict,
    ) -> Dict[Text, Any]:
        """Feeling: a real feeling, not a thought or a judgement of the partner."""
        return self._coach_part(FEELING, slot_value, dispatcher, tracker)

    async def validate_observation(
        self, slot_value: Any, dispatcher: CollectingDispatcher,
        tracker: Tracker, domain: DomainDict,
    ) -> Dict[Text, Any]:
        """Observation: one specific moment, not a verdict."""
        return self._coach_part(OBSERVATION, slot_value, dispatcher, tracker)

    async def validate_need(
        self, slot_value: Any, dispatcher: CollectingDispatcher,
        tracker: Tracker, domain: DomainDict,
    ) -> Dict[Text, Any]:
        """Need: a universal need, not a strategy for the partner."""
        return self._coach_part(NEED, slot_value, dispatcher, tracker)

    async def validate_partner_safe(
        self, slot_value: Any, dispatcher: CollectingDispatcher,
        tracker: Tracker, domain: DomainDict,
    ) -> Dict[Text, Any]:
        """The screening answer: safe goes on to the request; any worry ends the form.

        The summary then hands over to the safety reply (actions/safety_flow.py).
        """
        return validate_screening(slot_value, dispatcher, tracker)

    async def validate_request(
        self, slot_value: Any, dispatcher: CollectingDispatcher,
        tracker: Tracker, domain: DomainDict,
    ) -> Dict[Text, Any]:
        """Request (optional): positive, concrete and doable, not a demand."""
        return self._coach_part(REQUEST, slot_value, dispatcher, tracker)

    def _coach_part(
        self, part: str, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> Dict[Text, Any]:
        text = strip_control(str(slot_value or ""))
        early = self._special_answer(part, text, dispatcher)
        if early is not None:
            return early
        aside = _aside_response(part, text, tracker)
        if aside is not None:
            dispatcher.utter_message(response=aside)
            return {part: None}
        unusable = reply_for(text)
        if unusable is not None:
            dispatcher.utter_message(text=unusable)
            return {part: None}

        findings = cite_script(_CHECKS[part](text), tracker, text)
        counts = attempts(tracker)
        tries = counts.get(part, 0) + 1
        if findings and tries < MAX_TRIES:
            dispatcher.utter_message(
                text=coaching_text(part, findings[0]),
                buttons=_buttons(list(findings[0].options)) or None,
            )
            counts[part] = tries
            return {part: None, ATTEMPTS_SLOT: counts}
        if findings:
            dispatcher.utter_message(
                text="Thanks, I'll keep it as you wrote it. One thing you could still "
                f"sharpen later: {findings[0].explanation[0].lower()}{findings[0].explanation[1:]}"
            )
        counts.pop(part, None)
        return {part: _CLEAN[part](text) or text, ATTEMPTS_SLOT: counts}

    @staticmethod
    def _special_answer(
        part: str, text: str, dispatcher: CollectingDispatcher
    ) -> Optional[Dict[Text, Any]]:
        """'I don't know', picking a feeling group, skipping the optional request, and 'not
        now' (any other part: the way out is offered, and the question asked again)."""
        not_sure = coach.is_dont_know(text) or text in SHRUGS
        if part == REQUEST and (not_sure or coach.is_skip(text)):
            return {REQUEST: NO_REQUEST}
        if is_not_now(text) and not looks_like_answer(part, text):
            dispatcher.utter_message(text=NOT_NOW_TEXT)
            return {part: None}
        if part == FEELING:
            picked = _GROUP_PICK.match(text)
            if picked and _offer_group(dispatcher, picked.group(1)):
                return {FEELING: None}
        if not not_sure:
            return None
        if part == FEELING:
            offer_feeling_groups(dispatcher)
        elif part == NEED:
            dispatcher.utter_message(
                text="That's okay. Needs are the things everyone needs sometimes. "
                "Does one of these come close?",
                buttons=_buttons(coach.need_options()),
            )
        else:
            dispatcher.utter_message(
                text="That's okay. Think of the most recent time it happened: where were you, "
                "and what did your partner say or do, word for word if you can?"
            )
        return {part: None}
