"""Practising a hard conversation, in the conversation: setting it up, each turn, the end.

``practice_form`` asks the safety question first (nobody rehearses asking something of a
partner who hurts them), then what the person wants to raise and how their partner tends to
react. ``rehearsal_form`` then takes every message as one turn, for the rehearsal and for the
listening drill alike; short commands (hint, pause, carry on, start again, feedback on/off,
next, end) steer it. The engine is ``actions.rehearsal``; its state lives in one slot. At the
end the summary is shown and stored in the person's history (``bot.history``).
"""

from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import rehearsal
from actions.input_check import strip_control
from actions.reframe_form import validate_screening
from actions.safety_flow import SCREEN_SLOT, in_safety_mode

logger = logging.getLogger(__name__)

STATE_SLOT = "rehearsal"
TURN_SLOT = "rehearsal_turn"
SCENE_SLOT = "practice_scene"
PERSONA_SLOT = "practice_persona"
#: What ``rehearsal_turn`` is set to when the person ends it: the form completes.
ENDED = "ended"
PARTNER = "Partner: "
MAX_TURN_CHARS = 1500

INTRO = (
    "Let's practise. You tell me what you want to raise and how your partner tends to react, "
    "and I'll play them, so you can try your words out before the real conversation. It's "
    "practice, not a prediction of how it will go."
)
ASK_SCENE = (
    "What do you want to raise with them? A sentence is enough, and no names are needed."
)
ASK_PERSONA = "When you bring something up, how do they tend to react? I'll play them that way."
BEGIN = (
    "Okay, I'm your partner now. Say what you want to say to them, in your own words. "
    "Whenever you like: \"hint\", \"pause\", \"start again\", \"feedback on\", or \"end\" "
    "for a summary."
)
DRILL_INTRO = (
    "Let's practise listening. I'll be your partner and tell you something that's on my mind. "
    "Say back what you hear: the feeling, and what I might need. No advice needed. "
    "\"next\" gives you another one, \"hint\" helps, \"end\" finishes."
)
NOTHING_YET = "Okay, we'll stop there. There's nothing to sum up yet: no turns were taken."
NOT_SET_UP = "Let's set that up first."
FEEDBACK_ON = (
    "Feedback is on: after each turn I'll say what worked and one thing you could try."
)
FEEDBACK_OFF = "Feedback is off. Ask for a hint whenever you like."
NOT_SAVED = "(I couldn't save this summary to your history just now; nothing else is lost.)"
AFTER_BUTTONS = [
    {"title": "Practise again", "payload": "/start_practice"},
    {"title": "Listening drill", "payload": "/start_drill"},
    {"title": "Put it into words", "payload": "/start_reframe"},
]

#: The persona buttons send these words; validation also understands people's own words.
PERSONA_PAYLOADS: Dict[str, str] = {
    "brush_off": "the brush-off partner",
    "stonewalling": "the silent partner",
    "defensive": "the defensive partner",
    "dismissive": "the dismissive partner",
    "supportive": "the supportive partner",
}
_PERSONA_WORDS: List[tuple[str, re.Pattern[str]]] = [
    ("brush_off", re.compile(r"brush|got this|handle|take[sn]? (it )?over|fix", re.I)),
    ("stonewalling", re.compile(r"silen|stonewall|quiet|shut[s]? down|walks? (off|away)|"
                                r"ignor|leaves? the room|phone", re.I)),
    ("defensive", re.compile(r"defens|fault|blame|attack|turns? it (around|back)", re.I)),
    ("dismissive", re.compile(r"dismiss|overreact|sensitive|big deal|cry|drama|laugh", re.I)),
    ("supportive", re.compile(r"support|kind|listen|good|nice|gentle|understand", re.I)),
]

_COMMANDS: Dict[str, re.Pattern[str]] = {
    "hint": re.compile(r"^(?:a |give me a |can i (?:have|get) a )?hint(?: please)?|help me|"
                       r"what (?:should|do|could) i say"),
    "pause": re.compile(r"^(?:pause|pause (?:it|please|for a (?:sec|second|minute))|hold on)"),
    "resume": re.compile(r"^(?:carry on|continue|resume|go on|i'?m ready|ready|unpause)"),
    "restart": re.compile(r"^(?:restart|start again|start over|try again|from the top|"
                          r"(?:let'?s )?(?:start|try) (?:it )?again)"),
    "feedback_on": re.compile(r"^(?:feedback on|(?:turn |switch )?(?:on )?feedback(?: on)?|"
                              r"show (?:me )?feedback|feedback please)"),
    "feedback_off": re.compile(r"^(?:feedback off|(?:turn |switch )off feedback|"
                               r"(?:turn |switch )feedback off|hide feedback|no (?:more )?feedback)"),
    "next": re.compile(r"^(?:next(?: one)?|another(?: one)?|new one|give me another(?: one)?)"),
    "end": re.compile(r"^(?:end|done|finish(?:ed)?|i'?m (?:done|finished)|that'?s (?:enough|it)|"
                      r"stop|stop (?:it|now|here|please|there)|(?:i want to |let'?s )?stop|quit|"
                      r"cancel|exit|enough|"
                      r"end (?:it|practi[cs]e|the practi[cs]e|rehearsal|the drill|drill)|"
                      r"stop (?:practi[cs]ing|the practi[cs]e|rehearsal|the drill)|"
                      r"summary|sum (?:it )?up)"),
}


def command_of(text: str) -> Optional[str]:
    """The steering command a short message is, or None for a turn in the rehearsal.

    Only a whole short message counts: "I'm done pretending it's fine" is a turn.
    """
    words = re.sub(r"[\s.!?,;:'\"()]+$", "", text.strip().lower())
    words = re.sub(r"^(?:ok(?:ay)?|please|can we|let'?s|um+|so)[,\s]+", "", words)
    if not words or len(words.split()) > 6:
        return None
    for name in ("feedback_off", "feedback_on", "hint", "pause", "resume", "restart", "next",
                 "end"):
        if _COMMANDS[name].fullmatch(words):
            return name
    return None


def persona_of(text: str) -> Optional[str]:
    """Which persona the person chose, from a button or their own words."""
    lowered = text.strip().lower()
    for persona, payload in PERSONA_PAYLOADS.items():
        if lowered == payload or lowered == persona.replace("_", " ") or lowered == persona:
            return persona
    for persona, words in _PERSONA_WORDS:
        if words.search(lowered):
            return persona
    return None


def persona_buttons() -> List[Dict[str, str]]:
    """One button per persona, titled with how that partner sounds."""
    return [
        {"title": rehearsal.get_persona(name).label.strip("'\""), "payload": payload}
        for name, payload in PERSONA_PAYLOADS.items()
    ]


def control_buttons(state: Dict[str, Any]) -> List[Dict[str, str]]:
    """The few steering buttons under a partner's line."""
    buttons = [{"title": "Hint", "payload": "hint"}]
    if state.get("mode") == "drill":
        buttons.append({"title": "Another one", "payload": "next"})
    buttons.append({"title": "Feedback off" if state.get("feedback") else "Feedback on",
                    "payload": "feedback off" if state.get("feedback") else "feedback on"})
    buttons.append({"title": "End and sum up", "payload": "end"})
    return buttons


def say_step(dispatcher: CollectingDispatcher, step: "rehearsal.Step") -> None:
    """The partner's line (with the steering buttons), then the coach's notes."""
    if step.partner:
        dispatcher.utter_message(text=PARTNER + step.partner, buttons=control_buttons(step.state))
    if step.notes:
        dispatcher.utter_message(text=" ".join(step.notes))


def _seed(tracker: Tracker) -> str:
    """Different lines for each rehearsal in a conversation, the same on a replay."""
    starts = sum(1 for e in tracker.events if e.get("event") == "user")
    return f"{tracker.sender_id}:{starts}"


class ActionStartPractice(Action):
    """Begin setting up a rehearsal: say how it works; ask the safety question again after a
    worry or an open concern."""

    def name(self) -> Text:
        """The action's name in the domain."""
        return "action_start_practice"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """The introduction; the form asks the rest."""
        dispatcher.utter_message(text=INTRO)
        events = [SlotSet(SCENE_SLOT, None), SlotSet(PERSONA_SLOT, None),
                  SlotSet(STATE_SLOT, None), SlotSet(TURN_SLOT, None)]
        if tracker.get_slot(SCREEN_SLOT) is False or in_safety_mode(tracker):
            events.append(SlotSet(SCREEN_SLOT, None))
        return events


class ValidatePracticeForm(FormValidationAction):
    """The safety question, the scene, and the partner's way of reacting."""

    def name(self) -> Text:
        """The form's validation action in the domain."""
        return "validate_practice_form"

    async def validate_partner_safe(
        self, slot_value: Any, dispatcher: CollectingDispatcher,
        tracker: Tracker, domain: DomainDict,
    ) -> Dict[Text, Any]:
        """Safe goes on; any worry ends the form and the safety reply comes instead."""
        if slot_value is None:  # emptied to ask again: the question comes next
            return {SCREEN_SLOT: None}
        return validate_screening(slot_value, dispatcher, tracker)

    async def validate_practice_scene(
        self, slot_value: Any, dispatcher: CollectingDispatcher,
        tracker: Tracker, domain: DomainDict,
    ) -> Dict[Text, Any]:
        """Any words will do; "I don't know" gets an example."""
        if slot_value is None:  # emptied when the set-up began: nothing said yet
            return {SCENE_SLOT: None}
        text = strip_control(str(slot_value)).strip()
        if not text or re.fullmatch(r"(?i)(i )?(don'?t|dont) know|idk|not sure|no idea", text):
            dispatcher.utter_message(
                text="That's okay. It can be small, like \"I'd like more help with the "
                "evening routine\" or \"I felt hurt at the party\". What would you like to try?"
            )
            return {SCENE_SLOT: None}
        return {SCENE_SLOT: text[:300]}

    async def validate_practice_persona(
        self, slot_value: Any, dispatcher: CollectingDispatcher,
        tracker: Tracker, domain: DomainDict,
    ) -> Dict[Text, Any]:
        """One of the five ways of reacting, from a button or the person's own words."""
        if slot_value is None:
            return {PERSONA_SLOT: None}
        persona = persona_of(strip_control(str(slot_value)))
        if persona is None:
            dispatcher.utter_message(
                text="I'm not sure which of these is closest. Pick the one that sounds most "
                "like them; you can try another afterwards.",
                buttons=persona_buttons(),
            )
            return {PERSONA_SLOT: None}
        return {PERSONA_SLOT: persona}


class ActionAskPracticeScene(Action):
    """Ask what the person wants to raise."""

    def name(self) -> Text:
        """The form's question for ``practice_scene``."""
        return "action_ask_practice_scene"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """One question."""
        dispatcher.utter_message(text=ASK_SCENE)
        return []


class ActionAskPracticePersona(Action):
    """Ask how the partner tends to react, with a button for each persona."""

    def name(self) -> Text:
        """The form's question for ``practice_persona``."""
        return "action_ask_practice_persona"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """The question and the five buttons."""
        dispatcher.utter_message(text=ASK_PERSONA, buttons=persona_buttons())
        return []


class ActionRehearsalBegin(Action):
    """The set-up is done: the partner speaks first. A worried safety answer hands over to
    the safety reply instead."""

    def name(self) -> Text:
        """The action's name in the domain."""
        return "action_rehearsal_begin"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """Start the engine and say the opener."""
        if tracker.get_slot(SCREEN_SLOT) is False:
            return [FollowupAction("action_safety_respond")]
        persona = str(tracker.get_slot(PERSONA_SLOT) or "supportive")
        step = rehearsal.start(persona, str(tracker.get_slot(SCENE_SLOT) or ""),
                               seed=_seed(tracker))
        dispatcher.utter_message(text=BEGIN)
        say_step(dispatcher, step)
        return [SlotSet(STATE_SLOT, step.state), SlotSet(TURN_SLOT, None)]


class ActionStartDrill(Action):
    """Begin the listening drill: the partner shares something to reflect back."""

    def name(self) -> Text:
        """The action's name in the domain."""
        return "action_start_drill"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """The introduction and the first prompt; feedback is on (it is the point)."""
        step = rehearsal.start_drill(seed=_seed(tracker), feedback=True)
        dispatcher.utter_message(text=DRILL_INTRO)
        say_step(dispatcher, step)
        return [SlotSet(STATE_SLOT, step.state), SlotSet(TURN_SLOT, None)]


class ValidateRehearsalForm(FormValidationAction):
    """Each message in a rehearsal or drill: a steering command, or a turn."""

    def name(self) -> Text:
        """The form's validation action in the domain."""
        return "validate_rehearsal_form"

    async def validate_rehearsal_turn(
        self, slot_value: Any, dispatcher: CollectingDispatcher,
        tracker: Tracker, domain: DomainDict,
    ) -> Dict[Text, Any]:
        """Answer as the partner (or steer); the slot is emptied so the loop goes on, or set
        to ``ENDED`` so the form completes and the summary follows."""
        if slot_value is None:  # emptied when the rehearsal began: the partner has spoken
            return {TURN_SLOT: None}
        state = tracker.get_slot(STATE_SLOT)
        if not rehearsal.is_state(state):
            dispatcher.utter_message(text=NOT_SET_UP, buttons=AFTER_BUTTONS)
            return {TURN_SLOT: ENDED}
        text = strip_control(str(slot_value or "")).strip()[:MAX_TURN_CHARS]
        command = command_of(text)
        if command == "end":
            return {TURN_SLOT: ENDED}
        new_state = self._steer(command, state, dispatcher) if command else None
        if new_state is None and command is None:
            new_state = self._turn(state, text, dispatcher)
        return {TURN_SLOT: None, STATE_SLOT: new_state if new_state is not None else state}

    @staticmethod
    def _steer(command: str, state: Dict[str, Any],
               dispatcher: CollectingDispatcher) -> Optional[Dict[str, Any]]:
        if command == "hint":
            dispatcher.utter_message(text=rehearsal.hint(state))
            return state
        if command == "feedback_on" or command == "feedback_off":
            new = rehearsal.set_feedback(state, command == "feedback_on")
            dispatcher.utter_message(text=FEEDBACK_ON if new["feedback"] else FEEDBACK_OFF)
            return new
        if command == "next" and state.get("mode") == "drill":
            step = rehearsal.next_prompt(state)
        elif command == "pause":
            step = rehearsal.pause(state)
        elif command == "resume":
            step = rehearsal.resume(state)
        elif command == "restart":
            dispatcher.utter_message(text="A fresh start, same scene.")
            step = rehearsal.restart(state)
        else:
            return None  # "next" outside the drill: just a turn
        say_step(dispatcher, step)
        return step.state

    @staticmethod
    def _turn(state: Dict[str, Any], text: str,
              dispatcher: CollectingDispatcher) -> Dict[str, Any]:
        if not rehearsal.is_active(state):  # paused: saying something carries on
            state = rehearsal.resume(state).state
        step = rehearsal.take_turn(state, text)
        say_step(dispatcher, step)
        return step.state


class ActionAskRehearsalTurn(Action):
    """The rehearsal's "question" is the partner's last line, already said: nothing to add."""

    def name(self) -> Text:
        """The form's question for ``rehearsal_turn``."""
        return "action_ask_rehearsal_turn"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """Nothing: the partner has spoken."""
        return []


class ActionRehearsalStop(Action):
    """End the rehearsal or drill: the summary, progress since last time, and it is stored."""

    def name(self) -> Text:
        """The action's name in the domain."""
        return "action_rehearsal_stop"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """Show and store the summary; offer what could come next."""
        state = tracker.get_slot(STATE_SLOT)
        events = [SlotSet(STATE_SLOT, None), SlotSet(TURN_SLOT, None),
                  SlotSet(SCENE_SLOT, None), SlotSet(PERSONA_SLOT, None)]
        if not rehearsal.is_state(state) or not state.get("turns"):
            dispatcher.utter_message(text=NOTHING_YET, buttons=AFTER_BUTTONS)
            return events
        _, summary = rehearsal.stop(state)
        lines = list(summary.lines())
        lines += self._store(tracker.sender_id, summary)
        dispatcher.utter_message(text="\n".join(lines), buttons=AFTER_BUTTONS)
        return events

    @staticmethod
    def _store(sender_id: str, summary: "rehearsal.Summary") -> List[str]:
        """Save the summary; return the progress lines against the last one (if any)."""
        from bot import history
        from bot.settings import load

        db_url = load().db_url
        try:
            previous = history.recent(db_url, sender_id, limit=1, kind=summary.kind)
            history.save(db_url, sender_id, summary)
        except Exception as exc:  # noqa: BLE001 - a database down must not end the chat
            logger.error("Could not store a rehearsal summary: %s", type(exc).__name__)
            return [NOT_SAVED]
        if not previous:
            return []
        return list(rehearsal.compare(rehearsal.Summary.from_dict(previous[0].summary), summary))
