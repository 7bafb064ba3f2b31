"""The safety reply: it interrupts, gives help for the country, checks its reading, and
keeps coaching away from the partner until the person asks."""

from __future__ import annotations

import pytest
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet

from actions.safety.resources import place_for
from actions.safety_flow import (
    CONFIRM_BUTTONS,
    COUNTRY_ENV,
    NOT_EMERGENCY,
    START_TEXT,
    GROUNDING_BUTTONS,
    GROUNDING_OFFER,
    ActionSafetyConfirmed,
    ActionSafetyMisread,
    ActionSafetyRespond,
    ActionStartReframe,
    response_text,
)
from actions.summary import ActionBeginReframe, ActionChangePart, ActionSummarize
from tests.actions.conftest import make_tracker
from tests.actions.helpers import run_action

KINDS = ("self_harm", "partner_violence", "immediate_danger")


@pytest.fixture(autouse=True)
def _no_country(monkeypatch):
    monkeypatch.delenv(COUNTRY_ENV, raising=False)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_gets_help_the_limits_and_one_question(domain, kind):
    tracker = make_tracker("(a disclosure)", intent=kind, active_loop=None)
    [message], events = run_action(ActionSafetyRespond(), tracker, domain)
    text = message["text"]
    assert NOT_EMERGENCY in text
    assert "findahelpline.com" in text  # no country set: the international help
    assert text.count("?") == 1 and text.endswith("?")
    assert message["buttons"] == CONFIRM_BUTTONS
    assert events == [SlotSet("safety_kind", kind), SlotSet("safety_checking", False)]
    # Never an exercise or a coaching question in the reply.
    assert "I feel" not in text and "request" not in text.lower().replace("requests", "")


def test_the_kinds_get_different_words():
    texts = {kind: response_text(kind) for kind in KINDS}
    assert len(set(texts.values())) == 3
    assert "call your local emergency number now" in texts["immediate_danger"]
    assert "isn't your fault" in texts["partner_violence"]
    assert "not wanting to be here" in texts["self_harm"]


def test_an_active_form_is_paused_and_its_parts_kept(domain):
    tracker = make_tracker("he hit me again", intent="partner_violence",
                           slots={"feeling": "hurt", "requested_slot": "observation"})
    _, events = run_action(ActionSafetyRespond(), tracker, domain)
    assert events == [SlotSet("safety_kind", "partner_violence"),
                      SlotSet("safety_checking", False), ActiveLoop(None),
                      SlotSet("requested_slot", None)]
    assert not any(isinstance(e, dict) and e.get("name") == "feeling" for e in events)


def test_the_country_comes_from_the_environment(domain, monkeypatch):
    monkeypatch.setenv(COUNTRY_ENV, "gb")
    tracker = make_tracker("i want to die", intent="self_harm", active_loop=None)
    [message], _ = run_action(ActionSafetyRespond(), tracker, domain)
    assert "Samaritans" in message["text"] and "116 123" in message["text"]
    assert "Emergency services in the UK: 999" in message["text"]
    assert "National Domestic Abuse Helpline" not in message["text"]  # not for this kind
    assert "findahelpline.com" in message["text"]  # international help stays


def test_an_unknown_country_falls_back_to_international(monkeypatch):
    monkeypatch.setenv(COUNTRY_ENV, "ZZ")
    text = response_text("partner_violence", "ZZ")
    assert "your local emergency number" in text and "findahelpline.com" in text
    assert place_for("ZZ").code == "international"


def test_a_worried_screening_answer_gets_its_own_reply_and_then_listens(domain):
    tracker = make_tracker("/deny", intent="deny", active_loop=None,
                           slots={"partner_safe": False})
    [message], events = run_action(ActionSafetyRespond(), tracker, domain)
    assert "don't always feel safe" in message["text"]
    assert "kept" in message["text"]
    assert events == [SlotSet("safety_kind", "screening"), SlotSet("safety_checking", False),
                      FollowupAction("action_listen")]


def test_a_misreading_is_taken_back_with_thanks(domain):
    tracker = make_tracker("no", intent="deny", active_loop=None,
                           slots={"safety_kind": "self_harm", "feeling": "tired"})
    [message], events = run_action(ActionSafetyMisread(), tracker, domain)
    assert message["text"].startswith("Thank you for putting me right")
    assert "continue" in message["text"]  # the paused statement can be picked up
    assert events == [SlotSet("safety_kind", None), SlotSet("safety_checking", False)]


def test_a_misread_screening_counts_as_safe(domain):
    tracker = make_tracker("no", intent="deny", active_loop=None,
                           slots={"safety_kind": "screening", "partner_safe": False})
    _, events = run_action(ActionSafetyMisread(), tracker, domain)
    assert events == [SlotSet("safety_kind", None), SlotSet("safety_checking", False),
                      SlotSet("partner_safe", True)]


def test_no_coaching_after_a_concern_unless_asked(domain):
    tracker = make_tracker("yes", intent="affirm", active_loop=None,
                           slots={"safety_kind": "partner_violence"})
    [message], events = run_action(ActionStartReframe(), tracker, domain)
    assert "unless you ask" in message["text"]
    assert events == [FollowupAction("action_listen")]


@pytest.mark.parametrize("intent", ["start_reframe", "continue_reframe"])
def test_coaching_starts_when_the_person_asks(domain, intent):
    tracker = make_tracker("help me say how I feel", intent=intent, active_loop=None,
                           slots={"safety_kind": "partner_violence"})
    [message], events = run_action(ActionStartReframe(), tracker, domain)
    assert message["text"] == START_TEXT
    assert events == []


def test_coaching_starts_as_usual_without_a_concern(domain):
    tracker = make_tracker("yes", intent="affirm", active_loop=None)
    [message], events = run_action(ActionStartReframe(), tracker, domain)
    assert message["text"] == START_TEXT and events == []


def test_the_summary_hands_a_worried_screening_to_the_safety_reply(domain):
    tracker = make_tracker("not always", intent="deny", active_loop=None,
                           slots={"partner_safe": False, "feeling": "sad",
                                  "observation": "x", "need": "rest"})
    messages, events = run_action(ActionSummarize(), tracker, domain)
    assert messages == []
    assert events == [FollowupAction("action_safety_respond")]


def test_the_summary_is_shown_when_the_screening_was_safe(domain):
    tracker = make_tracker("skip", active_loop=None,
                           slots={"partner_safe": True, "feeling": "sad",
                                  "observation": "you left", "need": "rest"})
    messages, _ = run_action(ActionSummarize(), tracker, domain)
    assert messages[0]["text"] == "Here is your statement:"


def test_asking_again_screens_again(domain):
    tracker = make_tracker("continue", intent="continue_reframe", active_loop=None,
                           slots={"partner_safe": False, "feeling": "sad"})
    _, events = run_action(ActionBeginReframe(), tracker, domain)
    assert events == [SlotSet("partner_safe", None)]
    safe = make_tracker("continue", intent="continue_reframe", active_loop=None,
                        slots={"partner_safe": True, "feeling": "sad"})
    _, events = run_action(ActionBeginReframe(), safe, domain)
    assert events == []


def test_changing_the_request_screens_again(domain):
    tracker = make_tracker("", intent="change_part", active_loop=None,
                           slots={"partner_safe": False, "part": "request"})
    _, events = run_action(ActionChangePart(), tracker, domain)
    assert SlotSet("partner_safe", None) in events
    tracker = make_tracker("", intent="change_part", active_loop=None,
                           slots={"partner_safe": False, "part": "need"})
    _, events = run_action(ActionChangePart(), tracker, domain)
    assert SlotSet("partner_safe", None) not in events


@pytest.mark.parametrize("kind", KINDS)
def test_a_check_in_asks_first_with_the_emergency_number_only(domain, kind):
    tracker = make_tracker("(a less sure reading)", intent=kind, active_loop=None,
                           safety={"kind": kind, "layer": "nlu", "tier": "check"})
    [message], events = run_action(ActionSafetyRespond(), tracker, domain)
    text = message["text"]
    assert "your local emergency number" in text
    assert "findahelpline.com" not in text  # the helplines wait for "yes"
    assert text.count("?") == 2 and text.endswith("?")  # "can I check something?" + the reading
    assert message["buttons"] == CONFIRM_BUTTONS
    assert events == [SlotSet("safety_kind", kind), SlotSet("safety_checking", True)]


def test_an_alarm_tier_or_a_rule_gets_the_whole_reply(domain):
    for safety in ({"kind": "self_harm", "layer": "nlu", "tier": "alarm"},
                   {"kind": "self_harm", "layer": "matcher"}, None):
        tracker = make_tracker("(a disclosure)", intent="self_harm", active_loop=None,
                               safety=safety)
        [message], events = run_action(ActionSafetyRespond(), tracker, domain)
        assert "findahelpline.com" in message["text"]
        assert SlotSet("safety_checking", False) in events


def test_yes_to_a_check_in_brings_the_helplines_then_the_grounding_offer(domain):
    tracker = make_tracker("yes", intent="affirm", active_loop=None,
                           slots={"safety_kind": "partner_violence", "safety_checking": True})
    [help_message, offer], events = run_action(ActionSafetyConfirmed(), tracker, domain)
    assert "findahelpline.com" in help_message["text"] and NOT_EMERGENCY in help_message["text"]
    assert "?" not in help_message["text"]  # the question was asked and answered
    assert offer == {**offer, "text": GROUNDING_OFFER, "buttons": GROUNDING_BUTTONS}
    assert events == [SlotSet("safety_checking", False)]


def test_yes_after_the_whole_reply_goes_straight_to_the_grounding_offer(domain):
    tracker = make_tracker("yes", intent="affirm", active_loop=None,
                           slots={"safety_kind": "self_harm", "safety_checking": False})
    [offer], events = run_action(ActionSafetyConfirmed(), tracker, domain)
    assert offer["text"] == GROUNDING_OFFER and offer["buttons"] == GROUNDING_BUTTONS
    assert events == [SlotSet("safety_checking", False)]


def test_no_after_a_check_in_does_not_point_to_numbers_never_shown(domain):
    tracker = make_tracker("no", intent="deny", active_loop=None,
                           slots={"safety_kind": "self_harm", "safety_checking": True})
    [message], events = run_action(ActionSafetyMisread(), tracker, domain)
    assert message["text"].startswith("Thank you for putting me right")
    assert "numbers" not in message["text"]
    assert events == [SlotSet("safety_kind", None), SlotSet("safety_checking", False)]
    tracker = make_tracker("no", intent="deny", active_loop=None,
                           slots={"safety_kind": "self_harm", "safety_checking": False})
    [message], _ = run_action(ActionSafetyMisread(), tracker, domain)
    assert "The numbers are there" in message["text"]
