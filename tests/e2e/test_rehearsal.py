"""Practising over REST against the real servers: a whole rehearsal whose partner hardens on
blame and softens on an I-statement, the summary stored in the person's history and deleted
by forget; the listening drill; a worried answer to the safety question stops it."""

from __future__ import annotations

import pytest

from bot import history
from bot.forget import forget
from bot.settings import Settings
from tests.e2e.conftest import RasaController, texts

pytestmark = pytest.mark.servers


def _state(rasa: RasaController, sender: str) -> dict:
    return rasa.tracker(sender)["slots"]["rehearsal"]


def test_a_whole_rehearsal_is_summed_up_stored_and_forgotten(
    rasa: RasaController, sender: str, server_settings: Settings
):
    started = texts(rasa.send(sender, "I want to practise a hard conversation with my partner"))
    assert "I'll play them" in started and "do you feel safe" in started
    assert "What do you want to raise" in texts(rasa.send(sender, "/affirm"))
    personas = rasa.send(sender, "I want us to share the housework")
    assert len(personas[-1]["buttons"]) == 5
    opener = rasa.send(sender, "the defensive partner")
    assert "I'm your partner now" in texts(opener)
    assert [m["text"].startswith("Partner: ") for m in opener] == [False, True]  # one line
    state = _state(rasa, sender)
    assert (state["persona"], state["scene"]) == ("defensive", "I want us to share the housework")
    start = state["openness"]

    blamed = rasa.send(sender, "You never help, you always leave it all to me")
    assert blamed[0]["text"].startswith("Partner: ") and len(blamed) == 1  # feedback is quiet
    harder = _state(rasa, sender)["openness"]
    assert harder <= start and _state(rasa, sender)["turns"][0]["move"] == "blame"

    assert "Feedback is on" in texts(rasa.send(sender, "feedback on"))
    softened = rasa.send(sender, "I feel exhausted when I do bedtime alone, and I need support")
    assert len(softened) == 2 and "exhausted" in softened[1]["text"]  # the turn's feedback
    assert _state(rasa, sender)["openness"] > harder
    assert texts(rasa.send(sender, "hint")).strip()

    summary = texts(rasa.send(sender, "end"))
    assert 'Your best line: "I feel exhausted when I do bedtime alone' in summary
    assert "How each check went" in summary and "Blame showed: 1 of 2 turns" in summary
    assert _state(rasa, sender) is None
    assert rasa.tracker(sender)["active_loop"] in ({}, None) or \
        not rasa.tracker(sender)["active_loop"].get("name")

    stored = history.recent(server_settings.db_url, sender)
    assert [(e.kind, e.persona) for e in stored] == [("rehearsal", "defensive")]
    assert forget(sender_id=sender, db_url=server_settings.db_url) > 0
    assert history.recent(server_settings.db_url, sender) == []
    history.dispose_all()


def test_the_listening_drill_gives_feedback_and_is_stored(
    rasa: RasaController, sender: str, server_settings: Settings
):
    opened = rasa.send(sender, "listening drill")
    assert "Let's practise listening" in texts(opened) and opened[-1]["text"].startswith("Partner: ")
    advice = texts(rasa.send(sender, "At least you have a job. You should talk to your boss."))
    assert "advice" in advice.lower() or "at least" in advice.lower()
    good = texts(rasa.send(sender, "It sounds like you feel let down and you need some support"))
    assert "let down" in good and "support" in good
    prompt = _state(rasa, sender)["prompt_id"]
    rasa.send(sender, "next")
    assert _state(rasa, sender)["prompt_id"] != prompt
    assert "Named the feeling you heard: 1 of 2 turns" in texts(rasa.send(sender, "end"))
    assert [e.kind for e in history.recent(server_settings.db_url, sender)] == ["drill"]
    history.dispose_all()


def test_a_worried_answer_means_no_rehearsal_but_the_safety_reply(
    rasa: RasaController, sender: str
):
    rasa.send(sender, "I want to practise a hard conversation with my partner")
    reply = texts(rasa.send(sender, "not always"))
    assert "I'm your partner now" not in reply and "What do you want to raise" not in reply
    assert "emergency" in reply.lower()
    assert rasa.tracker(sender)["slots"]["rehearsal"] is None
