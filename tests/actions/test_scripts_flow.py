"""Naming a script tentatively, the offer, and never naming a declined script again."""

from rasa_sdk.events import SlotSet

from actions import scripts
from actions.reflection import CONFIRM_BUTTONS, reflection_text
import pytest

from actions.scripts_flow import (
    FIT_AGAIN_TEXT,
    FITS_BUTTONS,
    OFFER_AGAIN_TEXT,
    OFFER_BUTTONS,
    UNSURE_FIT_BUTTONS,
    ActionNameScript,
    ActionScriptDeclined,
    ActionScriptFits,
    draft_script,
    naming_text,
)
from tests.actions.conftest import make_tracker
from tests.actions.helpers import run_action

STORY = "he told me boys don't cry when I got upset at my dad's funeral"


def test_a_confident_script_is_named_tentatively_and_explained(domain):
    tracker = make_tracker(STORY, intent="emotional_suppression", confidence=0.93,
                           active_loop=None)
    messages, events = run_action(ActionNameScript(), tracker, domain)
    [message] = messages
    text = message["text"]
    assert text.startswith("That sounds like it might be the \"boys don't cry\" script.")
    assert scripts.get("emotional_suppression").explanation in text
    assert text.endswith("Does that fit?") and text.count("?") == 1
    assert message["buttons"] == FITS_BUTTONS
    assert events == [SlotSet("story", STORY), SlotSet("script", "emotional_suppression"),
                      SlotSet("script_offered", True)]


def test_every_script_gets_its_own_name(domain):
    seen = set()
    for key in scripts.SCRIPTS:
        tracker = make_tracker("something happened", intent=key, active_loop=None)
        [message], _ = run_action(ActionNameScript(), tracker, domain)
        assert message["text"] == naming_text(scripts.get(key))
        seen.add(message["text"])
    assert len(seen) == len(scripts.SCRIPTS)


def test_below_the_threshold_the_story_is_reflected_instead(domain):
    tracker = make_tracker(STORY, intent="emotional_suppression",
                           confidence=scripts.DETECT_THRESHOLD - 0.01, active_loop=None)
    [message], events = run_action(ActionNameScript(), tracker, domain)
    assert message["text"] == reflection_text(STORY)
    assert message["buttons"] == CONFIRM_BUTTONS
    assert SlotSet("script_offered", False) in events
    assert SlotSet("script", None) in events


def test_a_declined_script_is_not_named_again(domain):
    tracker = make_tracker(STORY, intent="emotional_suppression", active_loop=None,
                           slots={"scripts_declined": ["emotional_suppression"]})
    [message], events = run_action(ActionNameScript(), tracker, domain)
    assert "script" not in message["text"]
    assert message["text"] == reflection_text(STORY)
    assert SlotSet("script_offered", False) in events


def test_another_script_is_still_named_after_one_was_declined(domain):
    tracker = make_tracker("he says cooking is women's work", intent="labor_division",
                           active_loop=None, slots={"scripts_declined": ["emotional_suppression"]})
    [message], events = run_action(ActionNameScript(), tracker, domain)
    assert "that's women's work" in message["text"]
    assert SlotSet("script_offered", True) in events


def test_declining_thanks_remembers_and_reflects(domain):
    tracker = make_tracker("no, not really", intent="deny", active_loop=None,
                           slots={"script": "labor_division", "story": STORY})
    [message], events = run_action(ActionScriptDeclined(), tracker, domain)
    assert message["text"].startswith("Thanks for telling me.")
    assert reflection_text(STORY) in message["text"]
    assert message["buttons"] == CONFIRM_BUTTONS
    assert events == [SlotSet("script", None), SlotSet("scripts_declined", ["labor_division"])]


def test_declining_twice_does_not_duplicate(domain):
    tracker = make_tracker("no", intent="deny", active_loop=None,
                           slots={"script": "labor_division", "story": STORY,
                                  "scripts_declined": ["labor_division"]})
    _, events = run_action(ActionScriptDeclined(), tracker, domain)
    assert SlotSet("scripts_declined", ["labor_division"]) in events


def test_when_it_fits_the_statement_is_offered(domain):
    tracker = make_tracker("yes", intent="affirm", active_loop=None,
                           slots={"script": "provider_pressure"})
    [message], events = run_action(ActionScriptFits(), tracker, domain)
    assert message["text"].endswith("?") and message["text"].count("?") == 1
    assert "one sentence" in message["text"]
    assert message["buttons"] == OFFER_BUTTONS
    assert events == []


def test_a_draft_carries_the_classifiers_script_or_a_rules_script():
    tracker = make_tracker("a real man pays the bills", intent="provider_pressure",
                           confidence=0.9)
    assert draft_script(tracker, "a real man pays the bills").key == "provider_pressure"
    tracker = make_tracker("when you said that's women's work", intent="inform")
    assert draft_script(tracker, "when you said that's women's work").key == "labor_division"
    tracker = make_tracker("when you looked at your phone", intent="inform")
    assert draft_script(tracker, "when you looked at your phone") is None
    tracker = make_tracker("when you said that's women's work", intent="inform",
                           slots={"scripts_declined": ["labor_division"]})
    assert draft_script(tracker, "when you said that's women's work") is None


#: The events of a conversation whose last bot turn named a script ("Does that fit?").
NAMED = [{"event": "action", "name": "action_name_script"},
         {"event": "slot", "name": "script_offered", "value": True},
         {"event": "action", "name": "action_listen"}]
NAMED_SLOTS = {"script": "emotional_suppression", "script_offered": True, "story": STORY}


def after(bot_events, text, intent, slots=None, confidence=0.9):
    """A tracker whose latest message ``text`` came after ``bot_events``."""
    tracker = make_tracker(text, intent=intent, active_loop=None, slots=slots,
                           confidence=confidence)
    tracker.events = bot_events + tracker.events
    return tracker


@pytest.mark.parametrize("text, intent", [
    ("a bit", "nlu_fallback"), ("hmm", "nlu_fallback"), ("maybe", "share_story"),
    ("possibly", "share_story"), ("sort of", "share_story"), ("partly", "share_story"),
    ("no he's just tired", "nlu_fallback"), ("no he's just tired", "inform"),
    ("sad", "inform"),
])
def test_an_unclear_answer_to_does_that_fit_asks_again_and_keeps_the_script(
        domain, text, intent):
    tracker = after(NAMED, text, intent, NAMED_SLOTS, confidence=0.3)
    [message], events = run_action(ActionNameScript(), tracker, domain)
    assert message["text"] == FIT_AGAIN_TEXT
    assert message["buttons"] == UNSURE_FIT_BUTTONS
    assert [b["payload"] for b in UNSURE_FIT_BUTTONS] == ["/affirm", "/deny", "/dont_know"]
    assert events == []  # the named script, the story and the offer stay as they were


@pytest.mark.parametrize("text", [
    "he cried at his mum's funeral and then apologised to everyone for it",
    "he cried",
])
def test_a_new_story_after_does_that_fit_is_reflected_not_asked_again(domain, text):
    tracker = after(NAMED, text, "share_story", NAMED_SLOTS, confidence=0.9)
    [message], events = run_action(ActionNameScript(), tracker, domain)
    assert message["text"] == reflection_text(text)
    assert SlotSet("story", text) in events and SlotSet("script_offered", False) in events


def test_a_short_answer_with_no_script_named_before_is_not_asked_about_a_script(domain):
    # The bot's last turn was a reflection, not a named script: nothing to ask again.
    reflected = [{"event": "action", "name": "action_reflect"},
                 {"event": "action", "name": "action_listen"}]
    tracker = after(reflected, "a bit", "nlu_fallback", {"script_offered": True,
                                                         "script": "labor_division"}, 0.3)
    [message], _ = run_action(ActionNameScript(), tracker, domain)
    assert message["text"] != FIT_AGAIN_TEXT


def test_not_sure_whether_it_fits_is_accepted_and_the_statement_offered(domain):
    tracker = after(NAMED, "not sure", "dont_know", NAMED_SLOTS)
    [message], events = run_action(ActionScriptFits(), tracker, domain)
    assert message["text"].startswith("That's fair.")
    assert "Thank you for looking" not in message["text"]  # it did not say it fits
    assert "one sentence" in message["text"] and message["text"].count("?") == 1
    assert message["buttons"] == OFFER_BUTTONS and events == []


def test_an_unclear_answer_to_the_offer_gets_the_offer_again_shorter(domain):
    offered = [{"event": "action", "name": "action_script_fits"},
               {"event": "action", "name": "action_listen"}]
    tracker = after(offered, "i feel hurt when he shuts down", "nlu_fallback", NAMED_SLOTS)
    [message], _ = run_action(ActionScriptFits(), tracker, domain)
    assert message["text"] == OFFER_AGAIN_TEXT
    assert message["buttons"] == OFFER_BUTTONS
