"""The form's questions: asked once, and not repeated after a coaching question."""

import pytest

from actions.asks import QUESTIONS, ActionAskFeeling, ActionAskNeed, ActionAskObservation, \
    SCREEN_BUTTONS, ActionAskPartnerSafe, ActionAskRequest, pending_question
from actions.safety.screening import PRACTICE_QUESTION
from tests.actions.conftest import make_tracker
from tests.actions.helpers import run_action

ACTIONS = [ActionAskFeeling, ActionAskObservation, ActionAskNeed, ActionAskRequest,
           ActionAskPartnerSafe]


@pytest.mark.parametrize("action_class", ACTIONS)
def test_each_part_has_its_question(domain, action_class):
    action = action_class()
    assert action.name() == f"action_ask_{action.part}"
    messages, events = run_action(action, make_tracker(text="lonely"), domain)
    assert events == []
    assert [m["text"] for m in messages] == [QUESTIONS[action.part]["text"]]


def test_no_second_question_after_the_coach_asked_one(domain):
    coached = [{"event": "bot", "text": "Underneath, people often feel lonely. Does that fit?"}]
    tracker = make_tracker(text="ignored", events=coached)
    assert pending_question(tracker) is not None
    assert run_action(ActionAskFeeling(), tracker, domain) == ([], [])


def test_the_question_is_asked_again_after_a_statement(domain):
    explained = [{"event": "bot", "text": "I ask because a feeling is hard to argue with."}]
    tracker = make_tracker(text="why?", events=explained)
    assert pending_question(tracker) is None
    messages, _ = run_action(ActionAskFeeling(), tracker, domain)
    assert [m["text"] for m in messages] == [QUESTIONS["feeling"]["text"]]


def test_a_question_from_an_earlier_turn_does_not_count():
    tracker = make_tracker(text="sad")
    tracker.events.insert(0, {"event": "bot", "text": "What did you feel?"})
    assert pending_question(tracker) is None


def test_a_recognised_script_offers_its_needs_first(domain):
    from actions import scripts

    tracker = make_tracker(text="ashamed", slots={"script": "provider_pressure"})
    [message], _ = run_action(ActionAskNeed(), tracker, domain)
    titles = [b["title"] for b in message["buttons"]]
    needs = list(scripts.get("provider_pressure").needs)
    assert titles == needs + ["I'm not sure"]
    assert [b["payload"] for b in message["buttons"][: len(needs)]] == needs


def test_other_parts_and_no_script_get_no_needs(domain):
    [message], _ = run_action(ActionAskFeeling(), make_tracker(
        text="x", slots={"script": "provider_pressure"}), domain)
    assert [b["title"] for b in message["buttons"]] == ["I'm not sure"]
    [message], _ = run_action(ActionAskNeed(), make_tracker(text="x"), domain)
    assert [b["title"] for b in message["buttons"]] == ["I'm not sure"]


def test_the_screening_question_is_one_question_with_three_answers(domain):
    [message], _ = run_action(ActionAskPartnerSafe(), make_tracker(text="rest"), domain)
    assert message["text"].count("?") == 1 and message["text"].endswith("?")
    assert [b["title"] for b in message["buttons"]] == ["Yes, I feel safe", "Not always", "No"]


def test_the_safety_question_before_practising_speaks_of_practice(domain):
    tracker = make_tracker(text="I want to practise", intent="start_practice",
                           active_loop="practice_form")
    [message], _ = run_action(ActionAskPartnerSafe(), tracker, domain)
    assert message["text"] == PRACTICE_QUESTION and "request" not in message["text"]
    assert message["buttons"] == SCREEN_BUTTONS
