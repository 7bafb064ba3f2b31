"""Shared base for the project's rule-based intent components (nothing to train)."""

from __future__ import annotations

from typing import Any, Dict, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier

from bot.components.source_fingerprint import ProjectSources


class RuleIntentClassifier(ProjectSources, GraphComponent, IntentClassifier):
    """An intent classifier that adjusts the intent by rule, after DIET. Rasa's training
    cache keys it on the project files its module uses (``ProjectSources``)."""

    def __init__(self, config: Dict[Text, Any]) -> None:
        """Keep the config."""
        self.component_config = config

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "RuleIntentClassifier":
        """Create the component (it has nothing to train)."""
        return cls(config)


def choose_intent(message: Any, name: str, confidence: float) -> None:
    """Make ``name`` the message's intent, first in the ranking by a clear margin.

    The other intents' confidences are scaled so that together they leave ``confidence`` on
    top; otherwise the FallbackClassifier's ambiguity check (top two within 0.1) would turn
    a rule's decision into a fallback.
    """
    from rasa.shared.nlu.constants import (
        INTENT,
        INTENT_NAME_KEY,
        INTENT_RANKING_KEY,
        PREDICTED_CONFIDENCE_KEY,
    )

    confidence = float(min(max(confidence, 0.0), 1.0))
    others = [dict(r) for r in message.data.get(INTENT_RANKING_KEY, [])
              if r.get(INTENT_NAME_KEY) != name]
    total = sum(float(r.get(PREDICTED_CONFIDENCE_KEY) or 0.0) for r in others)
    room = 1.0 - confidence
    if total > room and total > 0:
        for r in others:
            r[PREDICTED_CONFIDENCE_KEY] = float(r.get(PREDICTED_CONFIDENCE_KEY) or 0.0) * room / total
    chosen = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: confidence}
    message.data[INTENT] = dict(chosen)
    message.data[INTENT_RANKING_KEY] = [chosen] + others
