"""The linear check on DIET's script decisions: training, storage and each adjustment."""

import json
from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.script_linear import EMBEDDED, LINEAR_KEY, SAFETY_KEY, ScriptLinearCheck
from bot.components.sentence_featurizer import ALIAS, sentence_vector

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


def test_a_dropped_script_stays_a_story_as_sure_as_diet_was(trained):
    # DIET sure of a script the regression does not see: ordinary talk, with DIET's confidence
    # (above the fallback's threshold), not a low guess the bot would ask to have rephrased.
    _, check = trained
    [message] = check.process([_message("we argued about the dog", "labor_division", 0.97)])
    assert message.get(INTENT) == {"name": "share_story", "confidence": 0.97}
    # Only DIET's certainty carries over: an unsure DIET gives the regression's doubt.
    [unsure] = check.process([_message("we argued about the dog", "labor_division", 0.3)])
    assert unsure.get(INTENT)["name"] == "share_story"
    assert unsure.get(INTENT)["confidence"] > 0.3


def test_a_clear_script_diet_missed_is_promoted(trained):
    _, check = trained
    probs = check._model.probabilities(["laundry is women's work he says"])[0]
    [message] = check.process([_message("laundry is women's work he says", "share_story", 0.8)])
    assert probs["labor_division"] >= 0.6
    assert message.get(INTENT) == {"name": "labor_division",
                                   "confidence": pytest.approx(probs["labor_division"])}


def test_a_clear_script_diet_took_for_danger_is_promoted_and_the_readings_kept(trained):
    # The safety guard decides danger from the readings (and the rules), not from the intent.
    _, check = trained
    text = "laundry is women's work he says"
    [message] = check.process([_message(text, "partner_violence", 0.56)])
    assert message.get(INTENT)["name"] == "labor_division"
    assert message.get(SAFETY_KEY)["partner_violence"]["diet"] == 0.56
    # Not when the regression is unsure: DIET's guess stays for the guard to judge.
    [unsure] = check.process([_message("we argued about the dog", "partner_violence", 0.56)])
    assert unsure.get(INTENT)["name"] == "partner_violence"


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


# -- with the sentence embedding --------------------------------------------------------------

#: One direction of a small made-up 4-number embedding per intent (plus a little noise).
AXIS = {"labor_division": 0, "share_story": 1, "affirm": 2}
#: Words like none of the examples: the embedding has to tell the intent.
NEUTRAL = "something happened today"


def _vector(intent, k=0):
    vector = np.full(4, 0.05 * (k % 3))
    vector[AXIS[intent]] = 1.0
    return vector


def _with_vector(message, vector):
    message.add_features(Features(np.asarray(vector, dtype=float).reshape(1, -1),
                                  FEATURE_TYPE_SENTENCE, TEXT, ALIAS))
    return message


def _embedded_training_data():
    return TrainingData([_with_vector(Message(data={TEXT: t, INTENT: i}), _vector(i, k))
                         for i, ts in DATA.items() for k, t in enumerate(ts)])


def _component(tmp_path, resource="script_linear", **config):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    full = {**ScriptLinearCheck.get_default_config(), "c": 50.0, **config}
    resource = Resource(resource)
    component = ScriptLinearCheck.create(full, storage, resource, context)

    def load():
        return ScriptLinearCheck.load(full, storage, resource, context)

    return component, load, storage, resource


@pytest.fixture
def embedded(tmp_path: Path):
    component, load, storage, resource = _component(tmp_path, embedding_weight=2.0)
    component.train(_embedded_training_data())
    return component, load(), storage, resource


def _probs(check, text, vector=None):
    embedding = None if vector is None else np.asarray(vector, dtype=float).reshape(1, -1)
    return check._script_model.probabilities([text.lower()], embedding)[0]


def test_the_model_keeps_the_embedding_s_length_and_weight(embedded):
    component, loaded, storage, resource = embedded
    n_grams = sum(len(v.vocabulary_) for v in component._script_model.vectorizers)
    assert (component._script_model.dims, component._script_model.weight) == (4, 2.0)
    # n-grams, the embedding, and one nearest-examples feature per intent.
    assert component._script_model.coef.shape == (3, n_grams + 4 + 3)
    assert (loaded._script_model.dims, loaded._script_model.weight) == (4, 2.0)
    assert loaded._script_model.neighbours.k == component._script_model.neighbours.k == 3
    with storage.read_from(resource) as directory:
        meta = json.loads((directory / f"{EMBEDDED}.json").read_text("utf-8"))
    assert (meta["dims"], meta["weight"], meta["neighbours"]) == (4, 2.0, 3)


def test_without_neighbours_the_model_reads_n_grams_and_the_embedding_only(tmp_path: Path):
    component, load, _, _ = _component(tmp_path, neighbours=0)
    component.train(_embedded_training_data())
    n_grams = sum(len(v.vocabulary_) for v in component._script_model.vectorizers)
    assert component._script_model.neighbours is None
    assert component._script_model.coef.shape == (3, n_grams + 4)
    assert load()._script_model.neighbours is None


def test_the_nearest_examples_move_the_answer_and_survive_storage(tmp_path: Path):
    # Only the nearest-examples features read the embedding here (its own weight is 0), so
    # an embedding near the labour examples must raise that script's probability.
    component, load, _, _ = _component(tmp_path, embedding_weight=0.0, neighbour_weight=5.0)
    component.train(_embedded_training_data())
    near_script = _probs(component, NEUTRAL, _vector("labor_division"))["labor_division"]
    near_story = _probs(component, NEUTRAL, _vector("share_story"))["labor_division"]
    assert near_script > near_story + 0.1
    loaded = load()
    assert _probs(loaded, NEUTRAL, _vector("labor_division")) == pytest.approx(
        _probs(component, NEUTRAL, _vector("labor_division")))


def test_the_stored_embedding_model_gives_the_same_probabilities(embedded):
    component, loaded, _, _ = embedded
    texts = ["he says the laundry is a woman's job", NEUTRAL, "yes"]
    vectors = np.vstack([_vector("labor_division"), _vector("share_story"), np.zeros(4)])
    before = component._script_model.probabilities(texts, vectors)
    after = loaded._script_model.probabilities(texts, vectors)
    for a, b in zip(before, after):
        assert a == pytest.approx(b)
    # The embedding is part of the answer: another vector gives other probabilities.
    other = loaded._script_model.probabilities(texts, vectors[[1, 0, 2]])
    assert other[0] != pytest.approx(after[0])


def test_the_embedding_decides_when_the_words_are_unknown(embedded):
    _, check, _, _ = embedded
    [script] = check.process([_with_vector(_message(NEUTRAL, "share_story", 0.8),
                                           _vector("labor_division"))])
    [story] = check.process([_with_vector(_message(NEUTRAL, "share_story", 0.8),
                                          _vector("share_story"))])
    assert script.get(INTENT)["name"] == "labor_division"
    assert script.get(INTENT)["confidence"] == pytest.approx(
        _probs(check, NEUTRAL, _vector("labor_division"))["labor_division"])
    # The same words with an ordinary-talk embedding are not turned into a script.
    assert story.get(INTENT) == {"name": "share_story", "confidence": 0.8}
    assert story.get(LINEAR_KEY)["probability"] < 0.6


def test_a_message_without_the_feature_is_read_with_zeros(embedded):
    _, check, _, _ = embedded
    [message] = check.process([_message(NEUTRAL, "share_story", 0.8)])
    [zeros] = check.process([_with_vector(_message(NEUTRAL, "share_story", 0.8), np.zeros(4))])
    expected = _probs(check, NEUTRAL, np.zeros(4))
    assert sentence_vector(message) is None
    assert message.get(LINEAR_KEY) == zeros.get(LINEAR_KEY)
    assert message.get(SAFETY_KEY) == zeros.get(SAFETY_KEY)
    assert message.get(LINEAR_KEY)["probability"] == pytest.approx(
        expected[message.get(LINEAR_KEY)["script"]], abs=1e-4)
    # With nothing to go on, ordinary talk is not promoted to a script.
    assert message.get(INTENT) == {"name": "share_story", "confidence": 0.8}


def test_a_batch_mixing_messages_with_and_without_the_feature(embedded):
    _, check, _, _ = embedded

    def batch():
        return [_with_vector(_message(NEUTRAL, "share_story", 0.8), _vector("labor_division")),
                _message(NEUTRAL, "share_story", 0.8),
                _message("", "nlu_fallback", 0.3),
                _with_vector(_message("we went for a walk", "labor_division", 0.62),
                             _vector("share_story"))]

    mixed = check.process(batch())
    alone = [check.process([m])[0] for m in batch()]
    assert [m.get(INTENT) for m in mixed] == [m.get(INTENT) for m in alone]
    assert [m.get(LINEAR_KEY) for m in mixed] == [m.get(LINEAR_KEY) for m in alone]
    # The featured message keeps its embedding's answer (it is not read as zeros) ...
    assert mixed[0].get(INTENT)["name"] == "labor_division"
    # ... and the one without the feature does not borrow a neighbour's.
    assert mixed[1].get(INTENT)["name"] == "share_story"
    assert mixed[3].get(INTENT)["name"] == "share_story"


def test_a_model_trained_without_embeddings_ignores_them(tmp_path: Path):
    component, load, storage, resource = _component(tmp_path)
    component.train(_training_data())
    check = load()
    assert component._model.dims == 0 and check._model.dims == 0
    assert check._script_model is check._model
    with storage.read_from(resource) as directory:
        assert json.loads((directory / "script_linear.json").read_text("utf-8"))["dims"] == 0
        assert not (directory / f"{EMBEDDED}.json").exists()
    plain = _probs(check, NEUTRAL)
    for vector in (_vector("labor_division"), np.ones(384)):
        assert _probs(check, NEUTRAL, vector) == pytest.approx(plain)
    [with_feature, without] = check.process([
        _with_vector(_message("laundry is women's work he says", "share_story", 0.8),
                     _vector("share_story")),
        _message("laundry is women's work he says", "share_story", 0.8)])
    assert with_feature.get(INTENT) == without.get(INTENT)
    assert with_feature.get(INTENT)["name"] == "labor_division"
    assert with_feature.get(LINEAR_KEY) == without.get(LINEAR_KEY)


def test_the_embedding_weight_scales_the_embedding(tmp_path: Path):
    component, _, _, _ = _component(tmp_path, embedding_weight=0.0, neighbours=0)
    component.train(_embedded_training_data())
    assert component._script_model.dims == 4 and component._script_model.weight == 0.0
    # Weighted by zero, the embedding cannot move the answer.
    assert _probs(component, NEUTRAL, _vector("labor_division")) == pytest.approx(
        _probs(component, NEUTRAL, _vector("share_story")))


def test_a_model_stored_before_the_embedding_loads_without_it(tmp_path: Path):
    component, load, storage, resource = _component(tmp_path)
    component.train(_training_data())
    with storage.write_to(resource) as directory:
        path = directory / "script_linear.json"
        meta = json.loads(path.read_text("utf-8"))
        del meta["dims"], meta["weight"]
        path.write_text(json.dumps(meta), encoding="utf-8")
    old = load()
    assert (old._model.dims, old._model.weight) == (0, 1.0)
    [message] = old.process([_with_vector(_message("he says chores are for girls",
                                                   "labor_division", 0.9), np.ones(384))])
    assert message.get(INTENT)["name"] == "labor_division"


def test_the_safety_readings_come_from_the_n_gram_model(embedded):
    """The embedding decides scripts, never the readings passed to the safety guard."""
    component, check, storage, resource = embedded
    assert check._model.dims == 0 and check._script_model.dims == 4
    with storage.read_from(resource) as directory:
        assert json.loads((directory / "script_linear.json").read_text("utf-8"))["dims"] == 0
    n_grams = check._model.probabilities([NEUTRAL])[0]
    readings = []
    for intent in ("labor_division", "share_story"):
        [message] = check.process([_with_vector(_message(NEUTRAL, "share_story", 0.8),
                                                _vector(intent))])
        readings.append(message.get(SAFETY_KEY))
        for kind, values in message.get(SAFETY_KEY).items():
            assert values["linear"] == pytest.approx(n_grams.get(kind, 0.0), abs=1e-4)
    # The embedding changed the script decision but not the safety readings.
    assert readings[0] == readings[1]
