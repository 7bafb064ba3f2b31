"""Gender scripts over REST against the real servers: named tentatively, offered as a
statement with needs pre-filled, and never named again once declined."""

from __future__ import annotations

import pytest

from actions import scripts
from tests.e2e.conftest import RasaController, texts

pytestmark = pytest.mark.servers

SUPPRESSION = scripts.get("emotional_suppression")


def test_a_named_script_leads_to_a_statement(rasa: RasaController, sender: str):
    named = rasa.send(sender, "my husband told me to man up when I cried about losing my job")
    text = texts(named)
    assert f"That sounds like it might be {SUPPRESSION.name}." in text
    assert SUPPRESSION.explanation in text
    assert text.endswith("Does that fit?")
    assert [b["payload"] for b in named[-1]["buttons"]] == ["/affirm", "/deny"]
    assert rasa.tracker(sender)["slots"]["script"] == "emotional_suppression"

    offer = texts(rasa.send(sender, "/affirm"))
    assert "one sentence" in offer and offer.endswith("?")

    started = rasa.send(sender, "/affirm")
    assert "I feel ___ when ___" in texts(started)
    assert rasa.tracker(sender)["active_loop"]["name"] == "reframe_form"
    rasa.send(sender, "ashamed")
    asked_need = rasa.send(sender, "when you said those words last night while I was crying")
    need_titles = [b["title"] for b in asked_need[-1].get("buttons", [])]
    assert need_titles[: len(SUPPRESSION.needs)] == list(SUPPRESSION.needs)


def test_a_declined_script_is_not_named_again(rasa: RasaController, sender: str):
    story = "my girlfriend says cooking is women's work and I should do all of it"
    named = texts(rasa.send(sender, story))
    assert "that's women's work" in named

    declined = texts(rasa.send(sender, "/deny"))
    assert declined.startswith("Thanks for telling me.")
    assert "It sounds like" in declined  # back to what the person said
    assert rasa.tracker(sender)["slots"]["scripts_declined"] == ["labor_division"]

    rasa.send(sender, "/deny")  # the reflection did not fit either
    again = texts(rasa.send(sender, "she said cleaning the bathroom is women's work, not hers"))
    assert "script" not in again
    assert "It sounds like" in again


def test_ordinary_talk_is_reflected_without_a_script(rasa: RasaController, sender: str):
    reply = texts(rasa.send(sender, "my boyfriend cried at the movie and I loved it"))
    assert "script" not in reply
    assert "It sounds like" in reply


def test_an_unsure_answer_is_asked_again_then_accepted_and_own_words_start_the_statement(
    rasa: RasaController, sender: str
):
    named = texts(rasa.send(sender, "my husband says real men dont cry so he never talks "
                                    "about his feelings"))
    assert named.endswith("Does that fit?")

    again = rasa.send(sender, "maybe")  # neither yes nor no, and no story to reflect
    assert "Does that idea fit what happened for you?" in texts(again)
    assert "It sounds like maybe" not in texts(again)
    assert [b["payload"] for b in again[-1]["buttons"]] == ["/affirm", "/deny", "/dont_know"]
    assert rasa.tracker(sender)["slots"]["script"] == "emotional_suppression"

    offer = texts(rasa.send(sender, "/dont_know"))
    assert offer.startswith("That's fair.") and "one sentence" in offer
    assert "Thank you for looking" not in offer  # never told it fits

    started = texts(rasa.send(sender, "frustrated"))  # a feeling instead of "yes"
    assert "I'll start from what you wrote." in started
    assert "what did you feel" not in started  # not asked again for what was just said
    tracker = rasa.tracker(sender)
    assert tracker["slots"]["feeling"] == "frustrated"
    assert tracker["active_loop"]["name"] == "reframe_form"
    assert tracker["slots"]["requested_slot"] == "observation"


def test_a_whole_statement_given_to_the_offer_fills_its_parts(rasa: RasaController, sender: str):
    rasa.send(sender, "my husband says real men dont cry so he never talks about his feelings")
    rasa.send(sender, "/affirm")
    rasa.send(sender, "i feel hurt when he shuts down")
    slots = rasa.tracker(sender)["slots"]
    assert (slots["feeling"], slots["observation"]) == ("hurt", "he shuts down")
    assert slots["requested_slot"] == "need"


def test_a_feeling_word_with_no_question_open_is_asked_about_not_dropped(
    rasa: RasaController, sender: str
):
    rasa.send(sender, "my husband says real men dont cry so he never talks about his feelings")
    rasa.send(sender, "/affirm")
    later = texts(rasa.send(sender, "/deny"))  # not now
    assert "later" in later
    more = texts(rasa.send(sender, "anxious"))
    assert more == "Could you tell me a little more about what happened?"
    story = texts(rasa.send(sender, "he went quiet at dinner again when I cried"))
    assert story.startswith("It sounds like he went quiet at dinner again")


def test_a_second_yes_is_not_taken_for_the_feeling(rasa: RasaController, sender: str):
    rasa.send(sender, "my husband says real men dont cry so he never talks about his feelings")
    rasa.send(sender, "/affirm")
    assert "what did you feel" in texts(rasa.send(sender, "/affirm"))
    again = texts(rasa.send(sender, "yes please"))
    assert again.startswith("Okay.") and "what did you feel" in again
    assert "doesn't name a feeling" not in again
    assert rasa.tracker(sender)["slots"]["feeling"] is None
    later = texts(rasa.send(sender, "not today"))
    assert "there's no rush" in later and 'say "stop"' in later
    assert "what did you feel" in later and "doesn't name a feeling" not in later
    stopped = texts(rasa.send(sender, "stop"))
    assert "continue" in stopped  # paused, the way the reply offered
    assert not (rasa.tracker(sender)["active_loop"] or {}).get("name")
