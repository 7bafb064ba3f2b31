"""The NLU featurizer that adds the all-MiniLM-L6-v2 sentence embedding to each message."""

from pathlib import Path

import numpy as np
import pytest
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import (
    ACTION_TEXT,
    FEATURE_TYPE_SENTENCE,
    FEATURE_TYPE_SEQUENCE,
    INTENT,
    TEXT,
)
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.sentence_encoder import DIMENSIONS
from bot.components.sentence_featurizer import (
    ALIAS,
    SentenceFeaturizer,
    sentence_vector,
    shared_encoder,
)


@pytest.fixture(scope="module")
def encoder():
    return shared_encoder()


@pytest.fixture
def featurizer(tmp_path: Path, encoder) -> SentenceFeaturizer:
    return SentenceFeaturizer.create(
        SentenceFeaturizer.get_default_config(), LocalModelStorage(tmp_path),
        Resource("sentence_featurizer"), ExecutionContext(GraphSchema({}), "featurizer_node"))


def _ours(message: Message):
    return [f for f in message.features if f.origin == ALIAS]


def test_the_encoder_is_shared():
    assert shared_encoder() is shared_encoder()


def test_process_adds_one_sentence_feature_of_384(featurizer, encoder):
    message = Message(data={TEXT: "Boys don't cry"})
    [out] = featurizer.process([message])
    assert out is message
    [feature] = _ours(message)
    assert feature.type == FEATURE_TYPE_SENTENCE
    assert feature.attribute == TEXT
    assert feature.origin == "sentence_embedding"
    assert feature.features.shape == (1, DIMENSIONS)
    assert not scipy.sparse.issparse(feature.features)
    np.testing.assert_allclose(feature.features[0], encoder.encode(["Boys don't cry"])[0],
                               atol=1e-5)
    # It adds no sequence feature and no feature for any other attribute, and keeps the text.
    assert len(message.features) == 1
    assert message.get(TEXT) == "Boys don't cry"


def test_the_alias_is_fixed_even_if_configured_otherwise(tmp_path: Path):
    component = SentenceFeaturizer.create(
        {**SentenceFeaturizer.get_default_config(), "alias": "something_else"},
        LocalModelStorage(tmp_path), Resource("x"), ExecutionContext(GraphSchema({}), "node"))
    message = Message(data={TEXT: "hello"})
    component.process([message])
    assert [f.origin for f in message.features] == [ALIAS]


@pytest.mark.parametrize("data", [{TEXT: ""}, {TEXT: "   \n\t "}, {}, {TEXT: None},
                                  {ACTION_TEXT: "a bot utterance"}, {INTENT: "greet"}])
def test_a_message_without_text_gets_no_feature(featurizer, data):
    message = Message(data=dict(data))
    featurizer.process([message])
    assert message.features == []
    assert sentence_vector(message) is None


def test_blank_messages_in_a_batch_do_not_shift_the_vectors(featurizer, encoder):
    messages = [Message(data={TEXT: " "}), Message(data={TEXT: "we went for a walk"}),
                Message(data={}), Message(data={TEXT: "he calls it babysitting"})]
    featurizer.process(messages)
    assert sentence_vector(messages[0]) is None and sentence_vector(messages[2]) is None
    expected = encoder.encode(["we went for a walk", "he calls it babysitting"])
    np.testing.assert_allclose(sentence_vector(messages[1]), expected[0], atol=1e-5)
    np.testing.assert_allclose(sentence_vector(messages[3]), expected[1], atol=1e-5)


def test_a_batch_gives_the_same_vectors_as_one_by_one(featurizer):
    texts = ["yes", "he says cooking is a woman's job",
             "my boyfriend told me that real men never cry and I should toughen up too",
             "ok", "中文 😀 Café"]
    batch = [Message(data={TEXT: t}) for t in texts]
    featurizer.process(batch)
    for text, message in zip(texts, batch):
        [single] = featurizer.process([Message(data={TEXT: text})])
        np.testing.assert_allclose(sentence_vector(message), sentence_vector(single), atol=1e-5)
    # And different texts do not share one vector.
    assert not np.allclose(sentence_vector(batch[0]), sentence_vector(batch[1]), atol=1e-3)


def test_sentence_vector_finds_only_this_component_s_feature():
    message = Message(data={TEXT: "hello"})
    assert sentence_vector(message) is None
    message.add_features(Features(np.ones((1, 4)), FEATURE_TYPE_SENTENCE, TEXT, "other"))
    message.add_features(Features(np.ones((3, 4)), FEATURE_TYPE_SEQUENCE, TEXT, ALIAS))
    message.add_features(Features(np.ones((1, 4)), FEATURE_TYPE_SENTENCE, ACTION_TEXT, ALIAS))
    assert sentence_vector(message) is None
    message.add_features(Features(np.array([[0.5, -1.0, 2.0]]), FEATURE_TYPE_SENTENCE, TEXT,
                                  ALIAS))
    vector = sentence_vector(message)
    assert vector.shape == (3,) and vector.dtype == np.float32
    np.testing.assert_array_equal(vector, [0.5, -1.0, 2.0])


def test_other_featurizers_features_are_kept(featurizer):
    message = Message(data={TEXT: "hello there"})
    other = Features(np.ones((1, 2)), FEATURE_TYPE_SENTENCE, TEXT, "other")
    message.add_features(other)
    featurizer.process([message])
    assert other in message.features
    assert len(message.features) == 2
    assert sentence_vector(message).shape == (DIMENSIONS,)


def test_process_training_data_features_every_example(featurizer, encoder):
    texts = {"greet": ["hi", "hello there"],
             "labor_division": ["he says cooking is a woman's job"],
             "share_story": ["we argued about the dog"]}
    data = TrainingData([Message(data={TEXT: t, INTENT: i}) for i, ts in texts.items()
                         for t in ts])
    assert featurizer.process_training_data(data) is data
    flat = [t for ts in texts.values() for t in ts]
    expected = encoder.encode(flat)
    assert len(data.training_examples) == len(flat)
    for message in data.training_examples:
        [feature] = _ours(message)
        assert feature.features.shape == (1, DIMENSIONS)
        np.testing.assert_allclose(feature.features[0], expected[flat.index(message.get(TEXT))],
                                   atol=1e-5)
    # The intents are left as they were.
    assert sorted(m.get(INTENT) for m in data.training_examples) == sorted(
        i for i, ts in texts.items() for _ in ts)


def test_process_training_data_skips_examples_without_text(featurizer):
    data = TrainingData([Message(data={TEXT: "hello", INTENT: "greet"}),
                         Message(data={TEXT: "  ", INTENT: "greet"})])
    featurizer.process_training_data(data)
    with_text, blank = data.training_examples
    assert sentence_vector(with_text).shape == (DIMENSIONS,)
    assert sentence_vector(blank) is None
