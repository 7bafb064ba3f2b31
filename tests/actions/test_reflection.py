"""Reflection: paraphrase what was shared, offer (never assert) a feeling, ask if it fits."""

from rasa_sdk.events import SlotSet

from actions import coach
import pytest

from actions.reflection import (
    CONFIRM_BUTTONS,
    TELL_ME_MORE,
    ActionReflect,
    reflection_text,
    too_thin_to_reflect,
)
from tests.actions.conftest import make_tracker
from tests.actions.helpers import run_action


def test_reflection_paraphrases_and_asks_whether_it_fits(domain):
    story = "My husband said I was overreacting when I cried last night."
    tracker = make_tracker(text=story, intent="share_story", active_loop=None)
    messages, events = run_action(ActionReflect(), tracker, domain)
    assert events == [SlotSet("story", story), SlotSet("script", None)]
    [message] = messages
    assert message["text"] == reflection_text(story)
    assert message["text"].startswith("It sounds like your husband said you were overreacting")
    assert message["text"].endswith("Did I get that right?")
    assert message["buttons"] == CONFIRM_BUTTONS


def test_a_hinted_feeling_is_offered_tentatively():
    text = reflection_text("I told my girlfriend I felt ignored at the party")
    assert ", and maybe you felt " in text
    offered = text.split("maybe you felt ")[1].split(".")[0].split(" or ")
    assert offered == coach.guess_feelings("I told my girlfriend I felt ignored at the party")[:2]
    assert "you feel " not in text.replace("you felt", "")  # never asserts a feeling


def test_no_feeling_is_offered_when_none_is_hinted():
    text = reflection_text("we talked about where to spend the holidays")
    assert "maybe you felt" not in text
    assert text.endswith("Did I get that right?")


def test_control_characters_are_not_kept_in_the_story(domain):
    tracker = make_tracker(text="we argued\x00 again", intent="share_story", active_loop=None)
    _, events = run_action(ActionReflect(), tracker, domain)
    assert events == [SlotSet("story", "we argued again"), SlotSet("script", None)]


@pytest.mark.parametrize("text", ["maybe", "possibly", "a bit", "sort of", "hmm", "partly",
                                  "in a way", "not exactly", "lol", "", "🙂", "42"])
def test_a_word_or_two_with_nobody_doing_anything_is_too_thin_to_reflect(text):
    assert too_thin_to_reflect(text)


@pytest.mark.parametrize("text", ["he cried", "my husband", "crying again", "Sam left",
                                  "we argued about money again last night",
                                  "money money money money"])
def test_anything_with_someone_doing_something_or_longer_is_reflected(text):
    assert not too_thin_to_reflect(text)


def test_a_thin_answer_gets_tell_me_more_and_is_not_kept_as_the_story(domain):
    tracker = make_tracker(text="maybe", intent="share_story", active_loop=None,
                           slots={"story": "we argued about money"})
    [message], events = run_action(ActionReflect(), tracker, domain)
    assert message["text"] == TELL_ME_MORE and not message.get("buttons")
    assert events == []
