"""NLU component: the script phrase rules (actions/scripts) on top of the classifier.

A stock phrase such as "boys don't cry" or "that's women's work" is strong evidence whatever
DIET thinks, so a rule hit makes its script the intent, unless the message is something else
entirely (a yes/no, a greeting, a question about the assistant). Counter-statements ("he
doesn't believe boys don't cry") are left out by the rules themselves. An optional veto lets
a very confident "ordinary talk" from DIET win; bench/nlu.py measured it and it is off
(docs/nlu.md). The hit is kept on the message as ``script_rule``, with the intent the classifiers gave
before the rules.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.scripts import SCRIPTS, find_in_doc
from bot.components.rule_classifier import RuleIntentClassifier, choose_intent

#: Intents a script phrase may replace: things people say about what happened.
OVERRIDABLE = frozenset(SCRIPTS) | {
    "share_story", "inform", "chitchat", "out_of_scope", "nlu_fallback", "dont_know", "stop",
}
#: The confidence given to an intent chosen by a rule.
RULE_CONFIDENCE = 0.95
SPACY_DOC_KEY = "text_spacy_doc"
RULE_KEY = "script_rule"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False
)
class ScriptRules(RuleIntentClassifier):
    """Makes a script the intent when one of its stock phrases is in the message."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Rule confidence, and no veto: `veto_confidence: 0.9` would let DIET's confident
        `share_story` win over a rule."""
        return {"rule_confidence": RULE_CONFIDENCE, "veto_confidence": None}

    def process(self, messages: List[Message]) -> List[Message]:
        """Apply the rules to each message."""
        for message in messages:
            self._apply(message)
        return messages

    def _apply(self, message: Message) -> None:
        doc = message.get(SPACY_DOC_KEY)
        if doc is None or not (message.get(TEXT) or "").strip():
            return
        hits = find_in_doc(doc)
        if not hits:
            return
        script = hits[0].script
        intent = message.data.get(INTENT) or {}
        name = intent.get(INTENT_NAME_KEY)
        confidence = float(intent.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
        veto = self.component_config.get("veto_confidence")
        vetoed = veto is not None and name == "share_story" and confidence >= float(veto)
        applied = name in OVERRIDABLE and not vetoed
        # The intent before the rules is kept too, so bench/nlu.py can score the rules' effect.
        message.set(RULE_KEY, {
            "script": script, "text": hits[0].text, "applied": applied,
            "classifier": {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: confidence},
        }, add_to_output=True)
        if not applied:
            return
        new_confidence = max(
            float(self.component_config.get("rule_confidence", RULE_CONFIDENCE)),
            confidence if name == script else 0.0,
        )
        choose_intent(message, script, new_confidence)
