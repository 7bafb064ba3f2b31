"""Batched parsing: the sentence embeddings of the next batch are computed ahead, in a
background thread, and used only for exactly the texts they were computed for."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import batch_nlu
from bot.components import sentence_featurizer
from bot.components.sentence_featurizer import ALIAS, SentenceFeaturizer, sentence_vector


class FakeEncoder:
    """Encodes a text as [its length, 0, ...]; records the texts and the thread of each call."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], str]] = []

    def encode(self, texts):
        texts = list(texts)
        self.calls.append((texts, threading.current_thread().name))
        out = np.zeros((len(texts), 4), dtype=np.float32)
        out[:, 0] = [len(t) for t in texts]
        return out


@pytest.fixture
def encoder(monkeypatch):
    fake = FakeEncoder()
    monkeypatch.setattr(sentence_featurizer, "shared_encoder", lambda: fake)
    return fake


def messages(*texts):
    return [Message({TEXT: t}) for t in texts]


def featurize(embeddings, msgs):
    component = SentenceFeaturizer({}, "sentence")
    return batch_nlu._featurize(component, msgs, embeddings)


def test_prefetched_embeddings_are_computed_in_the_background_and_used(encoder):
    embeddings = batch_nlu.Embeddings()
    embeddings.start(["  he says boys don't cry ", "", "we went out"])
    msgs = featurize(embeddings, messages("he says boys don't cry", "", "we went out"))
    assert len(encoder.calls) == 1  # not encoded a second time
    texts, thread = encoder.calls[0]
    assert texts == ["he says boys don't cry", "we went out"]  # stripped, blanks left out
    assert thread != threading.current_thread().name
    assert sentence_vector(msgs[0])[0] == len("he says boys don't cry")
    assert sentence_vector(msgs[1]) is None
    assert [f.origin for f in msgs[2].features] == [ALIAS]


def test_texts_that_were_not_prefetched_are_encoded_in_place(encoder):
    embeddings = batch_nlu.Embeddings()
    embeddings.start(["something else entirely"])
    msgs = featurize(embeddings, messages("we went out"))
    assert sentence_vector(msgs[0])[0] == len("we went out")
    assert encoder.calls[-1] == (["we went out"], threading.current_thread().name)


def test_only_the_last_few_requests_are_kept(encoder):
    embeddings = batch_nlu.Embeddings()
    for i in range(5):
        embeddings.start([f"line {i}"])
    assert embeddings.take(("line 0",)) is None  # forgotten
    assert embeddings.take(("line 4",))[0, 0] == len("line 4")
    assert embeddings.take(("line 4",)) is None  # taken once




class _Node:
    def __init__(self, component_class):
        self._fn_name, self._component_class, self._fn = "process", component_class, None


class _Agent:
    """Just enough of a loaded Agent for ``enable``: its graph's nodes."""

    def __init__(self, *component_classes):
        nodes = {f"node{i}": _Node(c) for i, c in enumerate(component_classes)}
        runner = type("Runner", (), {"_instantiated_nodes": nodes})()
        self.processor = type("Processor", (), {"graph_runner": runner})()


class ThreadedFakeEncoder(FakeEncoder):
    def __init__(self) -> None:
        super().__init__()
        self.threads = []

    def set_threads(self, threads):
        self.threads.append(threads)


def test_enable_gives_the_background_encoder_one_thread(monkeypatch):
    fake = ThreadedFakeEncoder()
    monkeypatch.setattr(sentence_featurizer, "shared_encoder", lambda: fake)
    agent = _Agent(SentenceFeaturizer)
    batch_nlu.enable(agent)
    assert fake.threads == [batch_nlu.ENCODER_THREADS] == [1]
    node = agent.processor.graph_runner._instantiated_nodes["node0"]
    assert node._fn.func is batch_nlu._featurize


def test_a_graph_without_the_sentence_featurizer_does_not_load_the_encoder(monkeypatch):
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier

    def no_encoder():
        raise AssertionError("the encoder was loaded")

    monkeypatch.setattr(sentence_featurizer, "shared_encoder", no_encoder)
    agent = _Agent(DIETClassifier)
    batch_nlu.enable(agent)
    assert agent.processor.graph_runner._instantiated_nodes["node0"]._fn is \
        batch_nlu._diet_process
