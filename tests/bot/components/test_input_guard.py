"""The NLU component that sets `unusable_input`."""

import pytest

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.input_guard import UNUSABLE_INTENT, InputGuard


def _message(text, intent="inform", confidence=0.9):
    message = Message(data={TEXT: text})
    message.data[INTENT] = {"name": intent, "confidence": confidence}
    message.data[INTENT_RANKING_KEY] = [{"name": intent, "confidence": confidence}]
    return message


@pytest.fixture
def guard():
    return InputGuard(InputGuard.get_default_config())


@pytest.mark.parametrize("text", ["", "???", "😭😭", "estoy muy triste con mi novio", "a" * 5000])
def test_unusable_messages_get_the_unusable_intent(guard, text):
    [message] = guard.process([_message(text)])
    assert message.get(INTENT)["name"] == UNUSABLE_INTENT
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == UNUSABLE_INTENT
    assert message.get(INTENT_RANKING_KEY)[1]["name"] == "inform"


@pytest.mark.parametrize("text", ["lonely", "my husband said I was overreacting", "why?"])
def test_ordinary_messages_keep_their_intent(guard, text):
    [message] = guard.process([_message(text, "share_story")])
    assert message.get(INTENT)["name"] == "share_story"


def test_a_confident_thumbs_up_stays_a_yes(guard):
    [message] = guard.process([_message("👍", "affirm", 0.95)])
    assert message.get(INTENT)["name"] == "affirm"


def test_an_unsure_emoji_becomes_unusable(guard):
    [message] = guard.process([_message("👍", "affirm", 0.5)])
    assert message.get(INTENT)["name"] == UNUSABLE_INTENT
    [message] = guard.process([_message("🌮", "inform", 0.99)])
    assert message.get(INTENT)["name"] == UNUSABLE_INTENT
