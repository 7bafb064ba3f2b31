"""Shared base for the project's rule-based intent components (nothing to train)."""

from __future__ import annotations

from typing import Any, Dict, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier


class RuleIntentClassifier(GraphComponent, IntentClassifier):
    """An intent classifier that adjusts the intent by rule, after DIET."""

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
