"""Starting, resuming, summarising, changing one part and starting over."""

from __future__ import annotations

from rasa_sdk.events import SlotSet

from actions import coach
from actions.parts import NO_REQUEST
import pytest

from actions.summary import (
    FROM_YOUR_WORDS,
    SUMMARY_BUTTONS,
    ActionBeginReframe,
    ActionChangePart,
    ActionStartOver,
    ActionSummarize,
)
from tests.actions.conftest import make_tracker
from tests.actions.helpers import run_action

FILLED = {
    "feeling": "lonely",
    "observation": "you looked at your phone while I was talking",
    "need": "connection",
    "request": "Would you be willing to put it away at dinner?",
}
RESET = [SlotSet(p, None) for p in ("feeling", "observation", "need", "request")] + [
    SlotSet("coach_attempts", None), SlotSet("statement", None)]


def test_summary_composes_the_statement_and_offers_choices(domain):
    tracker = make_tracker(slots=FILLED, active_loop=None)
    messages, events = run_action(ActionSummarize(), tracker, domain)
    statement = coach.compose(coach.Parts(**FILLED))
    assert statement.startswith("I feel lonely when you looked at your phone")
    assert events == [SlotSet("statement", statement)]
    assert [m["text"] for m in messages] == [
        "Here is your statement:",
        statement,
        "How does it sound? You can change one part, start again, or keep it.",
    ]
    assert messages[2]["buttons"] == SUMMARY_BUTTONS
    # Only the statement carries the mark the web widget shows as a card.
    assert [m.get("statement") for m in messages] == [None, True, None]


def test_a_skipped_request_is_left_out_of_the_statement(domain):
    tracker = make_tracker(slots={**FILLED, "request": NO_REQUEST}, active_loop=None)
    _, events = run_action(ActionSummarize(), tracker, domain)
    statement = events[0]["value"]
    assert statement == coach.compose(coach.Parts(**{**FILLED, "request": None}))
    assert NO_REQUEST not in statement and "willing" not in statement


def test_begin_starts_fresh_after_a_finished_statement(domain):
    tracker = make_tracker(slots={**FILLED, "statement": "I feel ..."}, active_loop=None)
    messages, events = run_action(ActionBeginReframe(), tracker, domain)
    assert messages == []
    assert events == RESET


def test_begin_resumes_a_paused_statement(domain):
    tracker = make_tracker(slots={"feeling": "hurt"}, active_loop=None)
    messages, events = run_action(ActionBeginReframe(), tracker, domain)
    assert events == []
    assert [m["text"] for m in messages] == ["Let's pick up where we left off."]


def test_begin_with_nothing_written_says_nothing(domain):
    messages, events = run_action(ActionBeginReframe(), make_tracker(active_loop=None), domain)
    assert (messages, events) == ([], [])


OFFERED = [{"event": "action", "name": "action_script_fits"},
           {"event": "action", "name": "action_listen"}]


def after_offer(text, intent="inform", slots=None, bot_events=OFFERED):
    """A tracker whose latest message answered the offer of a statement."""
    tracker = make_tracker(text, intent=intent, active_loop=None, slots=slots)
    tracker.events = bot_events + tracker.events
    return tracker


@pytest.mark.parametrize("text, parts", [
    ("frustrated", {"feeling": "frustrated"}),
    ("i feel hurt when he shuts down", {"feeling": "hurt", "observation": "he shuts down"}),
    ("I feel lonely when you look at your phone at dinner, and I need connection",
     {"feeling": "lonely", "observation": "you look at your phone at dinner",
      "need": "connection"}),
])
def test_words_given_in_answer_to_the_offer_fill_their_parts(domain, text, parts):
    messages, events = run_action(ActionBeginReframe(), after_offer(text), domain)
    assert [m["text"] for m in messages] == [FROM_YOUR_WORDS]
    assert events == [SlotSet(part, value) for part, value in parts.items()]


def test_a_request_in_the_first_answer_waits_for_the_screening_question(domain):
    text = "I feel lonely when you look at your phone, and I need connection. " \
           "Would you be willing to put it away at dinner?"
    _, events = run_action(ActionBeginReframe(), after_offer(text), domain)
    assert "request" not in {e["name"] for e in events}
    assert SlotSet("need", "connection") in events


@pytest.mark.parametrize("tracker", [
    after_offer("yes", intent="affirm"),  # a plain yes: the form asks every part
    after_offer("frustrated", bot_events=[{"event": "action", "name": "action_reflect"},
                                          {"event": "action", "name": "action_listen"}]),
    after_offer("I don't know"),
], ids=["yes", "not after the offer", "not sure"])
def test_nothing_is_filled_without_words_given_to_the_offer(domain, tracker):
    assert run_action(ActionBeginReframe(), tracker, domain) == ([], [])


def test_a_paused_statement_is_not_overwritten_by_a_first_answer(domain):
    tracker = after_offer("frustrated", slots={"feeling": "hurt"})
    messages, events = run_action(ActionBeginReframe(), tracker, domain)
    assert events == [] and [m["text"] for m in messages] == ["Let's pick up where we left off."]


def test_a_finished_statement_is_replaced_by_the_new_words(domain):
    tracker = after_offer("frustrated", slots={**FILLED, "statement": "I feel ..."})
    _, events = run_action(ActionBeginReframe(), tracker, domain)
    assert events == RESET + [SlotSet("feeling", "frustrated")]


def test_change_part_empties_only_that_part(domain):
    tracker = make_tracker(
        text='/change_part{"part": "need"}', intent="change_part",
        slots={**FILLED, "part": "need", "coach_attempts": {"need": 1, "feeling": 1},
               "statement": "I feel ..."},
        active_loop=None,
    )
    messages, events = run_action(ActionChangePart(), tracker, domain)
    assert events == [
        SlotSet("need", None),
        SlotSet("coach_attempts", {"feeling": 1}),
        SlotSet("statement", None),
        SlotSet("part", None),
    ]
    assert [m["text"] for m in messages] == [
        "Okay, let's redo what you need. The rest stays as it is."]


def test_change_part_without_a_known_part_changes_nothing(domain):
    tracker = make_tracker(slots={**FILLED, "part": None}, active_loop=None)
    assert run_action(ActionChangePart(), tracker, domain) == ([], [])


def test_start_over_empties_every_part(domain):
    messages, events = run_action(ActionStartOver(), make_tracker(slots=FILLED), domain)
    assert events == RESET
    assert [m["text"] for m in messages] == ["Okay, a fresh start."]
