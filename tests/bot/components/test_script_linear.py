"""The linear check on DIET's script decisions: training, storage and each adjustment."""

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.script_linear import LINEAR_KEY, ScriptLinearCheck

DATA = {
    "labor_division": ["he says cooking is a woman's job", "he calls it babysitting his kids",
                       "the housework is my job because im the wife",
                       "he says chores are for girls", "laundry is women's work he says"],
    "share_story": ["we went for a walk", "he forgot our anniversary",
                    "we argued about the dog", "she was late for dinner",
                    "we had a lovely weekend away", "he cooked dinner tonight"],
    "affirm": ["yes", "yeah", "sure", "ok", "yes please"],
}


def _training_data():
    return TrainingData([Message(data={TEXT: t, INTENT: i}) for i, ts in DATA.items() for t in ts])


@pytest.fixture
def trained(tmp_path: Path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("script_linear")
    context = ExecutionContext(GraphSchema({}), "test")
    component = ScriptLinearCheck.create(
        {**ScriptLinearCheck.get_default_config(), "c": 50.0}, storage, resource, context)
    component.train(_training_data())
    loaded = ScriptLinearCheck.load(
        {**ScriptLinearCheck.get_default_config(), "c": 50.0}, storage, resource, context)
    return component, loaded


def _message(text, name, confidence):
    message = Message(data={TEXT: text})
    message.data[INTENT] = {"name": name, "confidence": confidence}
    message.data[INTENT_RANKING_KEY] = [{"name": name, "confidence": confidence}]
    return message


def test_the_stored_model_gives_the_same_probabilities(trained):
    component, loaded = trained
    texts = ["he says the laundry is a woman's job", "we went for a walk"]
    for a, b in zip(component._model.probabilities(texts), loaded._model.probabilities(texts)):
        assert a == pytest.approx(b)


def test_a_script_both_agree_on_is_kept(trained):
    _, check = trained
    [message] = check.process([_message("he says cooking is a woman's job", "labor_division",
                                        0.9)])
    assert message.get(INTENT)["name"] == "labor_division"
    assert message.get(LINEAR_KEY)["diet"] == {"name": "labor_division", "confidence": 0.9}


def test_a_script_only_diet_sees_becomes_ordinary_talk(trained):
    _, check = trained
    [message] = check.process([_message("we argued about the dog", "labor_division", 0.62)])
    assert message.get(INTENT)["name"] == "share_story"
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)][0] == "share_story"


def test_a_clear_script_diet_missed_is_promoted(trained):
    _, check = trained
    probs = check._model.probabilities(["laundry is women's work he says"])[0]
    [message] = check.process([_message("laundry is women's work he says", "share_story", 0.8)])
    assert probs["labor_division"] >= 0.6
    assert message.get(INTENT) == {"name": "labor_division",
                                   "confidence": pytest.approx(probs["labor_division"])}


def test_other_intents_are_never_turned_into_scripts(trained):
    _, check = trained
    [message] = check.process([_message("laundry is women's work he says", "affirm", 0.8)])
    assert message.get(INTENT)["name"] == "affirm"


def test_untrained_it_changes_nothing(tmp_path: Path):
    check = ScriptLinearCheck.load(ScriptLinearCheck.get_default_config(),
                                   LocalModelStorage(tmp_path), Resource("nothing"),
                                   ExecutionContext(GraphSchema({}), "test"))
    [message] = check.process([_message("anything", "labor_division", 0.7)])
    assert message.get(INTENT) == {"name": "labor_division", "confidence": 0.7}
