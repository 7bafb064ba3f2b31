"""Batched NLU inference over a loaded Rasa model, for `analyze` and the benchmarks.

Rasa parses one message at a time: spaCy runs once per text and DIET makes one TensorFlow call
per message, which caps `analyze` at about 100 lines a second on two cores. This module runs
the same trained graph (every component, the phrase rules included) on a list of messages,
with spaCy's ``nlp.pipe`` and one DIET call per batch. The results match
``Agent.parse_message`` (tests/e2e/test_analyze_model.py compares them).

The sentence encoder is a large part of the work of a line, and ONNX Runtime lets go of Python
while it runs, so ``BatchParser.prefetch`` starts embedding a batch in a background thread
while the rest of the graph (spaCy, the phrase rules, DIET) works on the batch before it, or on
the same batch up to the point where the embeddings are needed (docs/design.md, "Making
analyze faster").
"""

from __future__ import annotations

import functools
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.message import Message


def _slice(outputs: Dict[str, Any], index: int, size: int) -> Dict[str, Any]:
    """One message's share of a batch's outputs, as a batch of one."""
    out: Dict[str, Any] = {}
    for key, value in outputs.items():
        if isinstance(value, dict):
            out[key] = _slice(value, index, size)
        elif isinstance(value, np.ndarray) and value.ndim > 0 and value.shape[0] == size:
            out[key] = value[index : index + 1]
        else:
            out[key] = value
    return out


def _diet_process(component: Any, messages: List["Message"]) -> List["Message"]:
    """DIETClassifier.process with one model call for the whole list."""
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier
    from rasa.shared.nlu.constants import ENTITIES, INTENT

    if component.model is None or len(messages) < 2:
        return DIETClassifier.process(component, messages)
    model_data = component._create_model_data(messages, training=False)
    if model_data.is_empty() or model_data.number_of_examples() != len(messages):
        return DIETClassifier.process(component, messages)
    outputs = component.model.run_inference(model_data, batch_size=len(messages))
    config = component.component_config
    for index, message in enumerate(messages):
        out = _slice(outputs, index, len(messages))
        if config["intent_classification"]:
            label, ranking = component._predict_label(out)
            message.set(INTENT, label, add_to_output=True)
            message.set("intent_ranking", ranking, add_to_output=True)
        if config["entity_recognition"]:
            message.set(ENTITIES, component._predict_entities(out, message), add_to_output=True)
    return messages


def _spacy_process(component: Any, messages: List["Message"], model: Any) -> List["Message"]:
    """SpacyNLP.process with ``nlp.pipe`` over every text at once, without NER."""
    from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES, SPACY_DOCS

    todo = [(m, a) for m in messages for a in DENSE_FEATURIZABLE_ATTRIBUTES if m.get(a)]
    texts = [component._preprocess_text(m.get(a)) for m, a in todo]
    # No component reads named entities, so the NER step is skipped (12% more lines a second;
    # every intent and confidence the same: tests/e2e/test_analyze_model.py).
    for (message, attribute), doc in zip(todo, model.model.pipe(texts, disable=["ner"])):
        message.set(SPACY_DOCS[attribute], doc)
    return messages


Key = Tuple[str, ...]
#: Threads for each sentence-encoder call while batches are parsed (the encoder runs in the
#: background, beside the rest of the graph).
ENCODER_THREADS = 1


class Embeddings:
    """Sentence embeddings computed ahead of time, one background thread, keyed by the texts.

    Only the last few requests are kept (a batch that never comes is forgotten), and the
    texts live only as long as their batch.
    """

    KEEP = 2

    def __init__(self) -> None:
        self._pool: Optional[ThreadPoolExecutor] = None
        self._pending: Dict[Key, "Future[np.ndarray]"] = {}
        self._lock = threading.Lock()

    @staticmethod
    def key(texts: List[str]) -> Key:
        """The texts as the featurizer will see them: stripped (as Rasa's UserMessage does),
        blank ones left out."""
        return tuple(t.strip() for t in texts if t.strip())

    def start(self, texts: List[str]) -> None:
        """Begin embedding ``texts`` in the background."""
        from bot.components.sentence_featurizer import shared_encoder

        key = self.key(texts)
        if not key:
            return
        with self._lock:
            if key in self._pending:
                return
            if self._pool is None:
                self._pool = ThreadPoolExecutor(1, thread_name_prefix="embed")
            while len(self._pending) >= self.KEEP:
                self._pending.pop(next(iter(self._pending)))
            self._pending[key] = self._pool.submit(shared_encoder().encode, list(key))

    def take(self, key: Key) -> Optional[np.ndarray]:
        """The embeddings started for exactly these texts (waiting for them), or None."""
        with self._lock:
            future = self._pending.pop(key, None)
        return None if future is None else future.result()


def _featurize(component: Any, messages: List["Message"],
               embeddings: Embeddings) -> List["Message"]:
    """SentenceFeaturizer.process, taking the embeddings computed ahead when there are some."""
    from bot.components.sentence_featurizer import attach, texts_to_embed

    texts = texts_to_embed(messages)
    vectors = embeddings.take(tuple(texts)) if texts else None
    if vectors is None:
        return type(component).process(component, messages)
    attach(messages, vectors)
    return messages


def enable(agent: "Agent") -> Embeddings:
    """Let the agent's graph process a list of messages in batches; returns the store of
    embeddings computed ahead (see ``BatchParser.prefetch``)."""
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    from bot.components.sentence_featurizer import SentenceFeaturizer, shared_encoder

    embeddings = Embeddings()
    runner = agent.processor.graph_runner  # type: ignore[union-attr]
    for node in runner._instantiated_nodes.values():
        if node._fn_name != "process":
            continue
        if issubclass(node._component_class, DIETClassifier):
            node._fn = _diet_process
        elif issubclass(node._component_class, SpacyNLP):
            node._fn = _spacy_process
        elif issubclass(node._component_class, SentenceFeaturizer):
            node._fn = functools.partial(_featurize, embeddings=embeddings)
            # The encoder now works beside spaCy and DIET: one thread leaves them the other
            # core (56 against 49 lines a second on two cores; docs/design.md).
            shared_encoder().set_threads(ENCODER_THREADS)
    return embeddings


class BatchParser:
    """Parses lists of texts with a loaded agent; ``prefetch`` starts the next list's
    sentence embeddings while the current list is parsed."""

    def __init__(self, agent: "Agent") -> None:
        self.agent = agent
        self.embeddings = enable(agent)

    def __call__(self, texts: List[str]) -> List[Dict[str, Any]]:
        return parse_many(self.agent, texts)

    def prefetch(self, texts: List[str]) -> None:
        """Begin the embeddings of texts that will be parsed next."""
        self.embeddings.start(texts)


def parse_many(agent: "Agent", texts: List[str]) -> List[Dict[str, Any]]:
    """Parse several texts in one run of the NLU graph; same output as parse_message."""
    from rasa.core.channels.channel import UserMessage
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT

    if not texts:
        return []
    processor = agent.processor
    target = processor.model_metadata.nlu_target  # type: ignore[union-attr]
    results = processor.graph_runner.run(  # type: ignore[union-attr]
        inputs={
            "__message__": [UserMessage(text) for text in texts],
            "__tracker__": DialogueStateTracker("analyze", []),
        },
        targets=[target],
    )
    parsed = []
    for message in results[target]:
        data: Dict[str, Any] = {TEXT: "", INTENT: {"name": None, "confidence": 0.0},
                                ENTITIES: []}
        data.update(message.as_dict(only_output_properties=True))
        parsed.append(data)
    return parsed
