"""Practising in the conversation: set-up with the safety question first, each turn answered
by the partner, steering commands, and the summary shown and stored."""

from __future__ import annotations

from typing import Any, Dict

import pytest
from rasa_sdk.events import FollowupAction, SlotSet

from actions import rehearsal
from actions.rehearsal_flow import (
    ENDED,
    FEEDBACK_ON,
    NOTHING_YET,
    NOT_SAVED,
    PARTNER,
    PERSONA_PAYLOADS,
    ActionRehearsalBegin,
    ActionRehearsalStop,
    ActionStartDrill,
    ActionStartPractice,
    ValidatePracticeForm,
    ValidateRehearsalForm,
    command_of,
    persona_buttons,
    persona_of,
)
from bot import history
from tests.actions.conftest import make_tracker
from tests.actions.helpers import run_action

DOMAIN: Dict[str, Any] = {
    "forms": {
        "practice_form": {"required_slots": ["partner_safe", "practice_scene",
                                             "practice_persona"]},
        "rehearsal_form": {"required_slots": ["rehearsal_turn"]},
    },
    "slots": {name: {"type": "text"} for name in
              ["practice_scene", "practice_persona", "rehearsal_turn"]},
}


def _slots(events) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def _turn(state, text, intent="share_story"):
    tracker = make_tracker(
        text=text, intent=intent, active_loop="rehearsal_form",
        slots={"requested_slot": "rehearsal_turn", "rehearsal": state, "rehearsal_turn": None},
        events=[{"event": "slot", "name": "rehearsal_turn", "value": text}],
    )
    messages, events = run_action(ValidateRehearsalForm(), tracker, DOMAIN)
    return messages, _slots(events)


@pytest.mark.parametrize(("text", "command"), [
    ("hint", "hint"), ("Hint please", "hint"), ("what should I say?", "hint"),
    ("pause", "pause"), ("carry on", "resume"), ("ok, continue", "resume"),
    ("start again", "restart"), ("restart", "restart"), ("feedback on", "feedback_on"),
    ("Feedback off.", "feedback_off"), ("next", "next"), ("another one", "next"),
    ("end", "end"), ("I'm done", "end"), ("that's enough", "end"), ("end the practice", "end"),
    ("stop", "end"), ("Stop.", "end"), ("let's stop", "end"), ("quit", "end"),
])
def test_short_commands_steer(text, command):
    assert command_of(text) == command


@pytest.mark.parametrize("text", [
    "I'm done pretending everything is fine between us",
    "I feel hurt when you say you'll handle it, and I need us to decide together",
    "can we take a break and talk at eight?",  # a line to the partner, not a pause
    "you always say that",
    "next time please ask me first",
    "Stop, please just listen to me",
    "stop ignoring me",
    "",
])
def test_a_sentence_to_the_partner_is_a_turn_not_a_command(text):
    assert command_of(text) is None


@pytest.mark.parametrize(("text", "persona"), [
    *[(payload, name) for name, payload in PERSONA_PAYLOADS.items()],
    ("he just says he's got this and takes over", "brush_off"),
    ("she goes quiet and leaves the room", "stonewalling"),
    ("they get defensive", "defensive"),
    ("he tells me I'm overreacting", "dismissive"),
    ("she's supportive, she listens", "supportive"),
])
def test_personas_from_buttons_or_own_words(text, persona):
    assert persona_of(text) == persona


def test_an_unclear_persona_is_asked_again_with_buttons():
    tracker = make_tracker(
        text="hmm", active_loop="practice_form",
        slots={"requested_slot": "practice_persona"},
        events=[{"event": "slot", "name": "practice_persona", "value": "hmm"}],
    )
    messages, events = run_action(ValidatePracticeForm(), tracker, DOMAIN)
    assert _slots(events) == {"practice_persona": None}
    assert messages[0]["buttons"] == persona_buttons()
    assert len(persona_buttons()) == 5


def test_practice_asks_the_safety_question_again_after_a_worry():
    tracker = make_tracker(text="/start_practice", intent="start_practice", active_loop=None,
                           slots={"partner_safe": False})
    messages, events = run_action(ActionStartPractice(), tracker, DOMAIN)
    assert "I'll play them" in messages[0]["text"]
    assert SlotSet("partner_safe", None) in events


def test_practice_keeps_a_safe_answer_given_earlier():
    tracker = make_tracker(text="/start_practice", intent="start_practice", active_loop=None,
                           slots={"partner_safe": True})
    _, events = run_action(ActionStartPractice(), tracker, DOMAIN)
    assert SlotSet("partner_safe", None) not in events


def test_a_worried_answer_ends_the_set_up_and_hands_over_to_the_safety_reply():
    tracker = make_tracker(
        text="not always", intent="deny", active_loop="practice_form",
        slots={"requested_slot": "partner_safe"},
        events=[{"event": "slot", "name": "partner_safe", "value": "not always"}],
    )
    _, events = run_action(ValidatePracticeForm(), tracker, DOMAIN)
    assert _slots(events) == {"partner_safe": False, "requested_slot": None}
    begin = make_tracker(text="not always", intent="deny", active_loop=None,
                         slots={"partner_safe": False, "practice_persona": None})
    messages, events = run_action(ActionRehearsalBegin(), begin, DOMAIN)
    assert messages == [] and events == [FollowupAction("action_safety_respond")]


def _begin(persona="defensive", scene="the dishes"):
    tracker = make_tracker(text="the defensive partner", active_loop=None, slots={
        "partner_safe": True, "practice_persona": persona, "practice_scene": scene})
    messages, events = run_action(ActionRehearsalBegin(), tracker, DOMAIN)
    return messages, _slots(events)


def test_the_partner_speaks_first_with_the_steering_buttons():
    messages, slots = _begin()
    assert "I'm your partner now" in messages[0]["text"]
    assert messages[1]["text"].startswith(PARTNER)
    assert [b["payload"] for b in messages[1]["buttons"]] == ["hint", "feedback on", "end"]
    assert rehearsal.is_state(slots["rehearsal"]) and slots["rehearsal"]["persona"] == "defensive"
    assert slots["rehearsal"]["scene"] == "the dishes"


def test_each_turn_gets_the_partners_reply_and_the_loop_goes_on():
    _, slots = _begin()
    messages, after = _turn(slots["rehearsal"], "You never do the dishes, you're so lazy")
    assert after["rehearsal_turn"] is None
    assert messages[0]["text"].startswith(PARTNER) and len(messages) == 1  # feedback is quiet
    assert after["rehearsal"]["openness"] < slots["rehearsal"]["openness"] or \
        after["rehearsal"]["openness"] == 0
    messages, softer = _turn(after["rehearsal"],
                             "I feel tired when I come home to a full sink, and I need help")
    assert softer["rehearsal"]["openness"] > after["rehearsal"]["openness"]
    assert [t["text"] for t in softer["rehearsal"]["turns"]] == [
        "You never do the dishes, you're so lazy",
        "I feel tired when I come home to a full sink, and I need help"]


def test_feedback_toggle_hint_pause_and_restart():
    _, slots = _begin()
    messages, on = _turn(slots["rehearsal"], "feedback on")
    assert [m["text"] for m in messages] == [FEEDBACK_ON] and on["rehearsal"]["feedback"]
    messages, after = _turn(on["rehearsal"], "You always leave it for me")
    assert len(messages) == 2 and "always" in messages[1]["text"].lower()  # feedback shown
    messages, same = _turn(after["rehearsal"], "hint")
    assert messages[0]["text"] == rehearsal.hint(after["rehearsal"])
    assert same["rehearsal"] == after["rehearsal"]
    messages, paused = _turn(after["rehearsal"], "pause")
    assert paused["rehearsal"]["paused"] is True and "carry on" in messages[0]["text"]
    messages, carried = _turn(paused["rehearsal"], "I felt hurt last night")  # carries on
    assert carried["rehearsal"]["paused"] is False and len(carried["rehearsal"]["turns"]) == 2
    messages, fresh = _turn(carried["rehearsal"], "start again")
    assert fresh["rehearsal"]["turns"] == [] and fresh["rehearsal"]["attempt"] == 1
    assert messages[0]["text"] == "A fresh start, same scene."


def test_end_completes_the_form():
    _, slots = _begin()
    _, after = _turn(slots["rehearsal"], "end")
    assert after["rehearsal_turn"] == ENDED


def test_the_drill_gives_feedback_and_another_prompt():
    tracker = make_tracker(text="/start_drill", intent="start_drill", active_loop=None)
    messages, events = run_action(ActionStartDrill(), tracker, DOMAIN)
    state = _slots(events)["rehearsal"]
    assert state["mode"] == "drill" and messages[1]["text"].startswith(PARTNER)
    assert "Another one" in [b["title"] for b in messages[1]["buttons"]]
    messages, after = _turn(state, "At least you have a job. You should talk to your boss.")
    assert "advice" in " ".join(m["text"] for m in messages).lower()
    messages, other = _turn(after["rehearsal"], "next")
    assert other["rehearsal"]["prompt_id"] != state["prompt_id"]


@pytest.fixture
def db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'history.db'}"
    monkeypatch.setenv("UNSCRIPTED_DB_URL", url)
    yield url
    history.dispose_all()


def _stop(state, sender="test-user"):
    tracker = make_tracker(text="end", active_loop=None, slots={"rehearsal": state})
    tracker.sender_id = sender
    return run_action(ActionRehearsalStop(), tracker, DOMAIN)


def test_the_summary_is_shown_stored_and_compared_next_time(db):
    _, slots = _begin()
    _, after = _turn(slots["rehearsal"], "You never help, you always leave it to me")
    [message], events = _stop(after["rehearsal"])
    assert "How each check went" in message["text"] and "One thing to try" in message["text"]
    assert [b["payload"] for b in message["buttons"]] == [
        "/start_practice", "/start_drill", "/start_reframe"]
    assert _slots(events)["rehearsal"] is None
    stored = history.recent(db, "test-user")
    assert len(stored) == 1 and stored[0].persona == "defensive"

    _, slots = _begin()
    _, after = _turn(slots["rehearsal"], "I feel tired when I come home to a full sink, "
                                         "and I need some help")
    [message], _ = _stop(after["rehearsal"])
    assert 'Your best line: "I feel tired when I come home' in message["text"]
    assert "Last time" in message["text"]
    assert len(history.recent(db, "test-user")) == 2
    assert history.recent(db, "someone-else") == []


def test_nothing_to_sum_up_without_turns(db):
    _, slots = _begin()
    [message], _ = _stop(slots["rehearsal"])
    assert message["text"] == NOTHING_YET
    assert history.recent(db, "test-user") == []


def test_a_database_down_still_shows_the_summary(monkeypatch):
    monkeypatch.setenv("UNSCRIPTED_DB_URL", "postgresql://nobody@127.0.0.1:1/none")
    _, slots = _begin()
    _, after = _turn(slots["rehearsal"], "I feel lonely when you work late, and I need time")
    [message], _ = _stop(after["rehearsal"])
    assert "Your best line" in message["text"] and NOT_SAVED in message["text"]


def test_slots_emptied_at_the_start_are_not_taken_for_answers():
    """Starting empties the slots; the form then validates those empty values: silently."""
    _, slots = _begin()
    tracker = make_tracker(
        text="/start_practice", intent="start_practice", active_loop="practice_form",
        slots={"requested_slot": None, "rehearsal": slots["rehearsal"]},
        events=[{"event": "slot", "name": n, "value": None}
                for n in ("practice_scene", "practice_persona", "partner_safe")],
    )
    messages, events = run_action(ValidatePracticeForm(), tracker, DOMAIN)
    assert messages == []
    turn = make_tracker(
        text="the defensive partner", active_loop="rehearsal_form",
        slots={"requested_slot": None, "rehearsal": slots["rehearsal"]},
        events=[{"event": "slot", "name": "rehearsal_turn", "value": None}],
    )
    messages, events = run_action(ValidateRehearsalForm(), turn, DOMAIN)
    assert messages == [] and "rehearsal" not in _slots(events)
