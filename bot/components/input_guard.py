"""NLU component: turn messages with no usable words into the ``unusable_input`` intent.

Runs last in the pipeline. Empty, emoji-only, punctuation-only, garbled, non-English and very
long messages get a kind, specific reply instead of a guess (see actions/input_check.py).
A short emoji the classifier confidently reads as yes, no, hello, thanks, bye or a shrug
is left alone.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from actions.input_check import classify_input
from bot.components.rule_classifier import RuleIntentClassifier

UNUSABLE_INTENT = "unusable_input"
_EMOJI_ANSWERS = frozenset({"affirm", "deny", "greet", "thank", "goodbye", "dont_know"})


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False
)
class InputGuard(RuleIntentClassifier):
    """Overrides the intent of messages that carry no usable words."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Confidence above which an emoji keeps a yes/no/hello/thanks intent."""
        return {"emoji_answer_confidence": 0.8}

    def process(self, messages: List[Message]) -> List[Message]:
        """Set ``unusable_input`` on every message that has no usable words."""
        for message in messages:
            kind = classify_input(message.get(TEXT))
            if kind is None or self._keeps_emoji_answer(kind, message):
                continue
            intent = {INTENT_NAME_KEY: UNUSABLE_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
            message.data[INTENT] = intent
            ranking = [r for r in message.data.get(INTENT_RANKING_KEY, [])
                       if r.get(INTENT_NAME_KEY) != UNUSABLE_INTENT]
            message.data[INTENT_RANKING_KEY] = [intent, *ranking]
        return messages

    def _keeps_emoji_answer(self, kind: str, message: Message) -> bool:
        if kind != "emoji":
            return False
        predicted = message.data.get(INTENT) or {}
        return (
            predicted.get(INTENT_NAME_KEY) in _EMOJI_ANSWERS
            and float(predicted.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
            >= self.component_config["emoji_answer_confidence"]
        )
