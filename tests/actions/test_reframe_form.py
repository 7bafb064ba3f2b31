"""The form's validation applies the coach to each part, re-asks once, then accepts."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions import coach
from actions.input_check import REPLIES
from actions.parts import NO_REQUEST
from actions.reframe_form import (
    GROUP_PAYLOAD,
    NOT_NOW_TEXT,
    RETRY_QUESTIONS,
    ValidateReframeForm,
    coaching_text,
)
from tests.actions.conftest import make_tracker
from tests.actions.helpers import run_action


def _validate(part, value, domain, attempts=None, intent="inform"):
    tracker = make_tracker(
        text=value,
        intent=intent,
        slots={"requested_slot": part, "coach_attempts": attempts},
        events=[{"event": "slot", "name": part, "value": value}],
    )
    return run_action(ValidateReframeForm(), tracker, domain)


@pytest.mark.parametrize(
    ("part", "value", "stored"),
    [
        ("feeling", "lonely", "lonely"),
        ("feeling", "I feel really hurt.", "really hurt"),
        ("observation", "When you looked at your phone while I was talking last night.",
         "you looked at your phone while I was talking last night"),
        ("need", "connection", "connection"),
        ("request", "Would you be willing to put your phone away at dinner tonight?",
         "Would you be willing to put your phone away at dinner tonight?"),
    ],
)
def test_a_clean_part_is_accepted_silently(domain, part, value, stored):
    messages, events = _validate(part, value, domain)
    assert messages == []
    assert events == [SlotSet(part, stored), SlotSet("coach_attempts", {})]


@pytest.mark.parametrize(
    ("part", "value", "check"),
    [
        ("feeling", "ignored", "faux_feeling"),
        ("feeling", "I feel like you don't care about me", "thought_as_feeling"),
        ("observation", "you never listen to me", None),
        ("need", "I need you to text me when you're late", "strategy_as_need"),
        ("request", "stop being so selfish", "demand"),
    ],
)
def test_first_try_with_a_finding_is_re_asked_with_the_suggestion(domain, part, value, check):
    findings = getattr(coach, f"check_{part}")(value)
    assert findings, "the coach must flag this"
    if check:
        assert findings[0].check == check
    messages, events = _validate(part, value, domain)
    assert events == [SlotSet(part, None), SlotSet("coach_attempts", {part: 1})]
    assert len(messages) == 1
    text = messages[0]["text"]
    assert text.startswith(f"{findings[0].explanation} {findings[0].suggestion}")
    assert text.endswith("?") and text == coaching_text(part, findings[0])
    assert [b["payload"] for b in messages[0]["buttons"]] == list(findings[0].options)


def test_second_try_is_accepted_with_what_could_be_sharpened(domain):
    messages, events = _validate("feeling", "ignored", domain, attempts={"feeling": 1})
    assert events == [SlotSet("feeling", coach.clean_feeling("ignored")),
                      SlotSet("coach_attempts", {})]
    assert len(messages) == 1
    assert messages[0]["text"].startswith("Thanks, I'll keep it as you wrote it.")


def test_attempts_for_other_parts_are_kept(domain):
    _, events = _validate("need", "I need you to call me", domain, attempts={"feeling": 1})
    assert events[-1] == SlotSet("coach_attempts", {"feeling": 1, "need": 1})


def test_not_knowing_the_feeling_offers_groups_of_feelings(domain):
    messages, events = _validate("feeling", "I don't know", domain, intent="dont_know")
    assert events == [SlotSet("feeling", None)]
    groups = coach.feeling_groups()
    assert [b["payload"] for b in messages[0]["buttons"]] == [
        GROUP_PAYLOAD.format(group=name) for name in groups
    ]
    for name in groups:
        assert name.capitalize() in messages[0]["text"]


def test_a_shrug_means_not_knowing(domain):
    messages, events = _validate("feeling", "🤷", domain, intent="dont_know")
    assert events == [SlotSet("feeling", None)]
    assert messages[0]["text"].endswith("Which group comes closest?")
    _, events = _validate("request", "🤷", domain)
    assert events == [SlotSet("request", NO_REQUEST)]


def test_picking_a_group_offers_its_feelings(domain):
    group, words = next(iter(coach.feeling_groups().items()))
    messages, events = _validate("feeling", GROUP_PAYLOAD.format(group=group), domain)
    assert events == [SlotSet("feeling", None)]
    assert [b["payload"] for b in messages[0]["buttons"]] == words


def test_not_knowing_the_need_offers_needs(domain):
    messages, events = _validate("need", "no idea", domain, intent="dont_know")
    assert events == [SlotSet("need", None)]
    assert [b["payload"] for b in messages[0]["buttons"]] == coach.need_options()


def test_not_knowing_what_happened_asks_for_the_last_time(domain):
    messages, events = _validate("observation", "idk", domain, intent="dont_know")
    assert events == [SlotSet("observation", None)]
    assert "most recent time" in messages[0]["text"]


@pytest.mark.parametrize("value", ["skip", "no thanks", "I don't know"])
def test_the_request_is_optional(domain, value):
    messages, events = _validate("request", value, domain)
    assert messages == []
    assert events == [SlotSet("request", NO_REQUEST)]


@pytest.mark.parametrize(
    ("value", "kind"),
    [("😭😭", "emoji"), ("???", "punctuation"), ("x" * 5000, "too_long"),
     ("estoy muy triste con mi novio", "non_english"), ("\x00\x01", "empty")],
)
def test_unusable_answers_get_a_kind_reply_and_nothing_is_counted(domain, value, kind):
    messages, events = _validate("feeling", value, domain, attempts={"need": 1})
    assert events == [SlotSet("feeling", None)]
    assert [m["text"] for m in messages] == [REPLIES[kind]]


def test_control_characters_are_removed_from_what_is_stored(domain):
    _, events = _validate("feeling", "sad\x00\x07", domain)
    assert events[0] == SlotSet("feeling", "sad")


def test_a_suggestion_that_is_not_a_question_gets_one_question_added():
    finding = coach.Finding(check="criticism", span="you always", explanation="Opening with it.",
                            suggestion="Start with 'I'.")
    assert coaching_text("observation", finding) == (
        "Opening with it. Start with 'I'. " + RETRY_QUESTIONS["observation"])
    asking = coach.Finding(check="faux_feeling", span="ignored", explanation="A word.",
                           suggestion="Does lonely fit?")
    assert coaching_text("feeling", asking) == "A word. Does lonely fit?"


def test_a_confident_aside_is_answered_and_the_part_stays_empty(domain):
    messages, events = _validate("observation", "what's the weather like tomorrow", domain,
                                 intent="out_of_scope")
    assert events == [SlotSet("observation", None)]
    assert messages == [{**messages[0], "response": "utter_out_of_scope"}]
    messages, events = _validate("feeling", "how are you today", domain, intent="chitchat")
    assert events == [SlotSet("feeling", None)]
    assert messages[0]["response"] == "utter_chitchat"


@pytest.mark.parametrize("part, text", [("feeling", "yes please"), ("feeling", "yes"),
                                        ("observation", "yes"), ("need", "sure")])
def test_a_plain_yes_is_not_taken_as_the_part(domain, part, text):
    messages, events = _validate(part, text, domain, intent="affirm")
    assert events == [SlotSet(part, None)]
    assert [m["response"] for m in messages] == ["utter_go_on"]  # then the question again


@pytest.mark.parametrize("part, text", [
    ("feeling", "not today"), ("feeling", "i don't want to"), ("observation", "maybe later"),
    ("need", "I'd rather not."), ("feeling", "dont want to talk about it"),
])
def test_not_now_offers_the_way_out_and_keeps_the_part_empty(domain, part, text):
    messages, events = _validate(part, text, domain)
    assert events == [SlotSet(part, None)]
    assert [m["text"] for m in messages] == [NOT_NOW_TEXT]
    assert "?" not in NOT_NOW_TEXT  # the form asks its own question after it


@pytest.mark.parametrize("part, text", [
    ("feeling", "nothing"),  # "I feel nothing" is an answer
    ("observation", "when you said later, not now, and walked off"),
    ("feeling", "left out"),
])
def test_answers_that_share_the_words_are_not_taken_for_not_now(domain, part, text):
    messages, _ = _validate(part, text, domain)
    assert NOT_NOW_TEXT not in [m.get("text") for m in messages]


def test_not_now_at_the_request_still_skips_it(domain):
    _, events = _validate("request", "not now", domain)
    assert events[0] == SlotSet("request", NO_REQUEST)


def test_ok_is_a_feeling_not_a_yes(domain):
    # "I feel ok" is a feeling: the yes-check leaves a word that answers the question alone.
    messages, events = _validate("feeling", "ok", domain, intent="affirm")
    assert SlotSet("feeling", "ok") in events and messages == []


def test_a_yes_with_an_answer_in_it_is_the_answer(domain):
    messages, events = _validate("feeling", "yes, sad", domain, intent="affirm")
    assert messages == []
    assert SlotSet("feeling", "sad") in events


def test_a_misread_answer_is_still_an_answer(domain):
    text = "when you booked the flights and the hotel for our trip without asking me"
    messages, events = _validate("observation", text, domain, intent="out_of_scope")
    assert messages == []
    assert events == [SlotSet("observation", coach.clean_observation(text)),
                      SlotSet("coach_attempts", {})]


def test_a_script_in_a_draft_is_cited_by_name(domain):
    messages, events = _validate("request", "would you be willing to be the man of the house",
                                 domain)
    assert SlotSet("request", None) in events
    [message] = messages
    assert message["text"].startswith(
        "'man of the house' sounds like it might be the \"man has to provide\" script"
    )


def test_the_classifiers_script_is_cited_when_the_rules_see_none(domain):
    tracker = make_tracker(
        text="support, like a real man would give", intent="provider_pressure",
        slots={"requested_slot": "need", "coach_attempts": None},
        events=[{"event": "slot", "name": "need", "value": "support, like a real man would give"}],
    )
    [message], _ = run_action(ValidateReframeForm(), tracker, domain)
    assert "the \"man has to provide\" script" in message["text"]


def test_a_declined_script_is_not_cited(domain):
    value = "would you be willing to be the man of the house"
    tracker = make_tracker(
        text=value, intent="inform",
        slots={"requested_slot": "request", "coach_attempts": None,
               "scripts_declined": ["provider_pressure"]},
        events=[{"event": "slot", "name": "request", "value": value}],
    )
    [message], _ = run_action(ValidateReframeForm(), tracker, domain)
    assert "provide" not in message["text"]
    assert "old script about how a man or a woman should be" in message["text"]


def test_blame_that_is_not_a_script_is_not_given_a_script(domain):
    [message], _ = _validate("observation", "when you made me feel stupid at dinner", domain,
                             intent="competence_dismissal")
    assert "script" not in message["text"]


@pytest.mark.parametrize("answer", ["/affirm", "yes", "yeah, I feel safe with him"])
def test_a_safe_screening_answer_goes_on_to_the_request(domain, answer):
    messages, events = _validate("partner_safe", answer, domain, intent="affirm")
    assert messages == []
    assert SlotSet("partner_safe", True) in events
    assert SlotSet("requested_slot", None) not in events


@pytest.mark.parametrize("answer", ["/deny", "not always", "sometimes he scares me", "idk"])
def test_a_worried_screening_answer_ends_the_form(domain, answer):
    messages, events = _validate("partner_safe", answer, domain, intent="deny")
    assert messages == []  # the safety reply comes next, from the summary
    assert SlotSet("partner_safe", False) in events
    assert SlotSet("requested_slot", None) in events


def test_an_unclear_screening_answer_is_asked_again_as_one_question(domain):
    messages, events = _validate("partner_safe", "what do you mean", domain)
    [message] = messages
    assert message["text"].endswith("Do you feel safe with your partner?")
    assert message["text"].count("?") == 1
    assert [b["payload"] for b in message["buttons"]] == ["/affirm", "/deny", "/deny"]
    assert SlotSet("partner_safe", None) in events
