"""The NLU component that keeps `stop` for real commands."""

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.command_guard import CommandGuard


def _message(text, ranking):
    message = Message(data={TEXT: text})
    message.data[INTENT] = dict(ranking[0])
    message.data[INTENT_RANKING_KEY] = [dict(r) for r in ranking]
    return message


def _guard():
    return CommandGuard({})


def test_a_real_command_stays_stop():
    [message] = _guard().process([_message("stop", [{"name": "stop", "confidence": 0.9}])])
    assert message.get(INTENT)["name"] == "stop"


def test_a_draft_request_becomes_the_next_best_intent():
    ranking = [{"name": "stop", "confidence": 0.9}, {"name": "nlu_fallback", "confidence": 0.5},
               {"name": "inform", "confidence": 0.06}]
    [message] = _guard().process([_message("stop being so mean", ranking)])
    assert message.get(INTENT) == {"name": "inform", "confidence": 0.06}
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == ["nlu_fallback", "inform"]


def test_with_no_other_intent_it_is_an_answer():
    ranking = [{"name": "stop", "confidence": 1}]
    [message] = _guard().process([_message("stop ignoring me", ranking)])
    assert message.get(INTENT)["name"] == "inform"


def test_other_intents_are_untouched():
    ranking = [{"name": "share_story", "confidence": 0.8}]
    [message] = _guard().process([_message("he told me to stop crying", ranking)])
    assert message.get(INTENT)["name"] == "share_story"
