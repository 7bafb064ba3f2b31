"""NLU component: keep the `stop` intent for real commands only.

"stop being so selfish" is a draft request and "he told me to stop crying" is a story; both
look like `stop` to the classifier. When the text is not a command (actions/commands.py),
the next best intent is used instead, or `inform` inside a form's answer.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from actions.commands import is_stop_command
from bot.components.rule_classifier import RuleIntentClassifier

STOP_INTENT = "stop"
DEFAULT_INTENT = "inform"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False
)
class CommandGuard(RuleIntentClassifier):
    """Demotes `stop` when the message is not a command to the assistant."""

    def process(self, messages: List[Message]) -> List[Message]:
        """Replace `stop` with the best other intent when the text is not a command."""
        for message in messages:
            intent = message.data.get(INTENT) or {}
            if intent.get(INTENT_NAME_KEY) != STOP_INTENT:
                continue
            if is_stop_command(message.get(TEXT) or ""):
                continue
            ranking = [r for r in message.data.get(INTENT_RANKING_KEY, [])
                       if r.get(INTENT_NAME_KEY) != STOP_INTENT]
            replacement = next(
                (r for r in ranking if r.get(INTENT_NAME_KEY) != "nlu_fallback"),
                {INTENT_NAME_KEY: DEFAULT_INTENT, PREDICTED_CONFIDENCE_KEY: 0.0},
            )
            message.data[INTENT] = dict(replacement)
            message.data[INTENT_RANKING_KEY] = ranking
        return messages
