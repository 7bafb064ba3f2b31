"""NLU component: a linear second opinion on scripts, next to DIET.

DIET alone is too sure of itself on short or unusual messages: in cross-validation it read one
in ten ordinary stories as a script. A logistic regression on word and character n-grams
(TF-IDF), trained on the same examples in a few seconds, generalises differently. After DIET,
this component averages the two for the script DIET picked; below `keep` that script is
dropped (the message becomes ordinary talk), and a script the regression is sure of
(`promote`) replaces ordinary talk or an answer. bench/nlu.py and docs/nlu.md have the figures.

With a SentenceFeaturizer in the pipeline the script decisions use a second regression that
also reads the sentence embedding (paraphrases nobody wrote down) and how close it is to each
intent's nearest training examples (bot/components/neighbours.py). The safety kinds' readings,
passed on to the safety guard, stay with the n-gram regression: the embedding hardly tells "he
has never hit me" from "he hit me", and it tripled the false alarms on the safety look-alikes
(docs/design.md).

The model is stored as plain arrays and JSON (no pickle).
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions.safety import KINDS
from actions.scripts import SCRIPTS
from bot.components.neighbours import Neighbours
from bot.components.rule_classifier import choose_intent
from bot.components.sentence_featurizer import sentence_vector
from bot.components.source_fingerprint import ProjectSources

ORDINARY = "share_story"
#: The safety kinds: their probabilities are passed on to bot/components/safety_guard.py.
SAFETY_KINDS = KINDS
#: Intents a confident regression may turn into a script. DIET's guess of danger is among
#: them: the safety guard judges danger from the readings recorded here before anything
#: changes (and the phrase rules), whatever the intent now is, and when it sets DIET's guess
#: aside the message would otherwise lose the script (cross-validation: macro-F1 +0.013,
#: docs/nlu.md). "he said it's easier if he does it since men understand contracts" was read
#: by DIET as partner violence and by the regression, at 0.91, as competence dismissal.
PROMOTABLE = frozenset({ORDINARY, "inform", "nlu_fallback", "chitchat", "out_of_scope",
                        *SAFETY_KINDS})
LINEAR_KEY = "script_linear"
SAFETY_KEY = "safety_linear"
#: The stored name of the script model that also reads the sentence embedding.
EMBEDDED = "script_linear_embedded"


class _Model:
    """TF-IDF (words 1-2, characters 2-5), the sentence embedding, and a logistic regression.

    `dims` is the embedding's length (0 when the pipeline has no SentenceFeaturizer). With
    `neighbours`, the regression also reads how close the embedding is to each intent's
    nearest training examples (bot/components/neighbours.py), scaled by `neighbour_weight`.
    """

    def __init__(self, vectorizers: List[Any], coef: np.ndarray, intercept: np.ndarray,
                 classes: List[str], dims: int = 0, weight: float = 1.0,
                 neighbours: Optional[Neighbours] = None,
                 neighbour_weight: float = 1.0) -> None:
        self.vectorizers = vectorizers
        self.coef = coef
        # The regression's weights as (features, classes) in C order: scipy copies a
        # transposed view into that shape on every product (2 ms a message), so it is done once.
        self._weights = np.ascontiguousarray(coef.T)
        self.intercept = intercept
        self.classes = classes
        self.dims = dims
        self.weight = weight
        self.neighbours = neighbours
        self.neighbour_weight = neighbour_weight

    @staticmethod
    def _vectorizers(vocabularies: Optional[List[Dict[str, int]]] = None) -> List[Any]:
        from sklearn.feature_extraction.text import TfidfVectorizer

        vocab = vocabularies or [None, None]
        return [
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, vocabulary=vocab[0]),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                            min_df=1 if vocab[1] else 2, vocabulary=vocab[1]),
        ]

    def _features(self, texts: List[str], embeddings: Optional[np.ndarray],
                  fit: bool = False) -> Any:
        from scipy.sparse import csr_matrix, hstack

        parts = [v.fit_transform(texts) if fit else v.transform(texts)
                 for v in self.vectorizers]
        if self.dims:
            dense = embeddings if embeddings is not None else np.zeros((len(texts), self.dims))
            parts.append(csr_matrix(np.asarray(dense, dtype=np.float64) * self.weight))
            if self.neighbours is not None:
                # While fitting, the texts are the stored examples: none is its own neighbour.
                near = self.neighbours.features(dense, leave_out_self=fit)
                parts.append(csr_matrix(near * self.neighbour_weight))
        return hstack(parts).tocsr()

    @classmethod
    def fit(cls, texts: List[str], labels: List[str], c: float,
            embeddings: Optional[np.ndarray] = None, weight: float = 1.0,
            neighbours: int = 0, neighbour_weight: float = 1.0) -> "_Model":
        """Fit on lower-cased texts; `neighbours` (k) needs `embeddings` and 0 means none."""
        from sklearn.linear_model import LogisticRegression

        dims = 0 if embeddings is None else int(embeddings.shape[1])
        classes = sorted(set(labels))
        near = (Neighbours.fit(embeddings, labels, classes, neighbours)
                if embeddings is not None and neighbours > 0 else None)
        model = cls(cls._vectorizers(), np.zeros(0), np.zeros(0), [], dims, weight, near,
                    neighbour_weight)
        features = model._features(texts, embeddings, fit=True)
        regression = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        regression.fit(features, labels)
        return cls(model.vectorizers, regression.coef_, regression.intercept_,
                   [str(x) for x in regression.classes_], dims, weight, near, neighbour_weight)

    def probabilities(self, texts: List[str],
                      embeddings: Optional[np.ndarray] = None) -> List[Dict[str, float]]:
        features = self._features(texts, embeddings)
        scores = features @ self._weights + self.intercept
        scores = scores - scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        probs = exp / exp.sum(axis=1, keepdims=True)
        return [dict(zip(self.classes, map(float, row))) for row in probs]

    def save(self, directory: Any, name: str = "script_linear") -> None:
        meta = {
            "classes": self.classes,
            "vocabularies": [{k: int(i) for k, i in v.vocabulary_.items()}
                             for v in self.vectorizers],
            "dims": self.dims,
            "weight": self.weight,
            "neighbours": self.neighbours.k if self.neighbours is not None else 0,
            "neighbour_weight": self.neighbour_weight,
        }
        (directory / f"{name}.json").write_text(json.dumps(meta), encoding="utf-8")
        near = self.neighbours.arrays() if self.neighbours is not None else {}
        np.savez(directory / f"{name}.npz", coef=self.coef, intercept=self.intercept,
                 idf0=self.vectorizers[0].idf_, idf1=self.vectorizers[1].idf_, **near)

    @classmethod
    def load(cls, directory: Any, name: str = "script_linear") -> "_Model":
        meta = json.loads((directory / f"{name}.json").read_text("utf-8"))
        arrays = np.load(directory / f"{name}.npz", allow_pickle=False)
        vectorizers = cls._vectorizers(meta["vocabularies"])
        for vectorizer, idf in zip(vectorizers, (arrays["idf0"], arrays["idf1"])):
            vectorizer.idf_ = idf
        k = int(meta.get("neighbours", 0))
        near = (Neighbours.from_arrays(arrays["bank"], arrays["bank_labels"], meta["classes"], k)
                if k > 0 else None)
        return cls(vectorizers, arrays["coef"], arrays["intercept"], meta["classes"],
                   int(meta.get("dims", 0)), float(meta.get("weight", 1.0)), near,
                   float(meta.get("neighbour_weight", 1.0)))


def _embeddings(messages: List[Message]) -> Optional[np.ndarray]:
    """The messages' sentence embeddings (zeros for one without), or None when none has one."""
    vectors = [sentence_vector(m) for m in messages]
    found = next((v for v in vectors if v is not None), None)
    if found is None:
        return None
    blank = np.zeros_like(found)
    return np.vstack([blank if v is None else v for v in vectors])


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True
)
class ScriptLinearCheck(ProjectSources, GraphComponent, IntentClassifier):
    """Checks DIET's script decisions against a linear model of the same data. Rasa's
    training cache keys it on the project files its module uses (``ProjectSources``)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Regression strength, DIET's weight, the two thresholds, the embedding's features.

        `neighbours` is k for the nearest-examples features of the script model (0: none).
        """
        return {"c": 30.0, "diet_weight": 0.5, "keep": 0.6, "promote": 0.6,
                "embedding_weight": 1.0, "neighbours": 3, "neighbour_weight": 1.0}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage,
                 resource: Resource, model: Optional[_Model] = None,
                 script_model: Optional[_Model] = None) -> None:
        """Keep the config, the storage and the trained models (if any).

        `model` reads n-grams only: its safety readings go to the safety guard. `script_model`
        also reads the sentence embedding and decides the scripts; it is `model` itself when
        the pipeline has no SentenceFeaturizer.
        """
        self.component_config = config
        self._model_storage = model_storage
        self._resource = resource
        self._model = model
        self._script_model = script_model or model

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "ScriptLinearCheck":
        """A new, untrained component."""
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "ScriptLinearCheck":
        """The trained component (untrained if nothing was stored)."""
        try:
            with model_storage.read_from(resource) as directory:
                model = _Model.load(directory)
                embedded = directory / f"{EMBEDDED}.json"
                script_model = _Model.load(directory, EMBEDDED) if embedded.is_file() else None
                return cls(config, model_storage, resource, model, script_model)
        except (ValueError, FileNotFoundError, KeyError):
            return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Fit the regression on every intent example (lower-cased, as spaCy sees it)."""
        examples = [m for m in training_data.intent_examples if m.get(TEXT)]
        labels = [str(m.get(INTENT)) for m in examples]
        if len(set(labels)) < 2:
            return self._resource
        texts = [str(m.get(TEXT)).lower() for m in examples]
        c = float(self.component_config["c"])
        self._model = self._script_model = _Model.fit(texts, labels, c)
        embeddings = _embeddings(examples)
        if embeddings is not None:
            config = self.component_config
            self._script_model = _Model.fit(texts, labels, c, embeddings,
                                            float(config["embedding_weight"]),
                                            int(config.get("neighbours", 0)),
                                            float(config.get("neighbour_weight", 1.0)))
        with self._model_storage.write_to(self._resource) as directory:
            self._model.save(directory)
            if self._script_model is not self._model:
                self._script_model.save(directory, EMBEDDED)
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        """Adjust each message's intent where DIET and the regression disagree on a script."""
        if self._model is None or self._script_model is None or not messages:
            return messages
        texts = [str(m.get(TEXT) or "").lower() for m in messages]
        safety = self._model.probabilities(texts)
        scripts = (safety if self._script_model is self._model
                   else self._script_model.probabilities(texts, _embeddings(messages)))
        for message, script_probs, safety_probs in zip(messages, scripts, safety):
            self._adjust(message, script_probs, safety_probs)
        return messages

    def _adjust(self, message: Message, probs: Dict[str, float],
                safety: Dict[str, float]) -> None:
        intent = message.data.get(INTENT) or {}
        name = intent.get(INTENT_NAME_KEY)
        confidence = float(intent.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
        config = self.component_config
        best = max(SCRIPTS, key=lambda s: probs.get(s, 0.0))
        # Both readings of the safety kinds, for the safety guard, before anything changes.
        ranking = {r.get(INTENT_NAME_KEY): float(r.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
                   for r in message.data.get(INTENT_RANKING_KEY) or []}
        message.set(SAFETY_KEY, {
            kind: {"diet": round(ranking.get(kind, 0.0), 4),
                   "linear": round(safety.get(kind, 0.0), 4)}
            for kind in SAFETY_KINDS
        }, add_to_output=True)
        # DIET's own answer is kept too, so bench/nlu.py can score each layer's effect.
        message.set(LINEAR_KEY, {
            "script": best, "probability": round(probs.get(best, 0.0), 4),
            "diet": {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: confidence},
        }, add_to_output=True)
        if name in SCRIPTS:
            weight = float(config["diet_weight"])
            combined = weight * confidence + (1 - weight) * probs.get(name, 0.0)
            if combined >= float(config["keep"]):
                self._set(message, name, combined)
            elif probs.get(best, 0.0) >= float(config["promote"]):
                self._set(message, best, probs[best])
            else:
                # DIET doubted the script, not that this is someone's story: ordinary talk as
                # sure as DIET was, so the fallback does not answer "say it another way".
                self._set(message, ORDINARY, max(1.0 - combined, confidence))
        elif name in PROMOTABLE and probs.get(best, 0.0) >= float(config["promote"]):
            self._set(message, best, probs[best])

    @staticmethod
    def _set(message: Message, name: str, confidence: float) -> None:
        choose_intent(message, name, confidence)
