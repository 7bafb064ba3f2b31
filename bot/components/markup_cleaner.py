"""NLU component: read a message without the markup pasted into it.

Text pasted from a web page or an email can carry HTML tags: "my husband said <b>man up</b>".
The tags are not words the person said, and their pieces ("img", "src", "onerror") pull the
classifier around. This component runs first and hands the rest of the pipeline the text with
each tag replaced by a space. Words inside a quoted attribute (an ``alt`` or ``title`` text)
are kept, in case they are something the person said, and "<3", "a < b" or "<-" are not
tags, so they stay. The conversation keeps the message as it was typed.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.source_fingerprint import ProjectSources

#: An opening, closing or self-closing tag, or an HTML comment. A tag name starts with a letter
#: right after "<" (so "<3" and "a < b" are not tags) and the tag ends before any other "<".
TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>", re.DOTALL)
#: A quoted attribute value with a space in it: words, not a URL or an id.
QUOTED_WORDS = re.compile(r"""=\s*(["'])([^"'<>]*\s[^"'<>]*)\1""")


def without_markup(text: str) -> str:
    """The text with each tag replaced by a space (and by its quoted words, if it has any);
    the same string when there is no tag, or when there is nothing but tags."""
    if "<" not in text or not TAG.search(text):
        return text

    def replace(match: "re.Match[str]") -> str:
        words = " ".join(value for _, value in QUOTED_WORDS.findall(match.group(0)))
        return f" {words} " if words else " "

    cleaned = " ".join(TAG.sub(replace, text).split())
    return cleaned or text  # nothing but tags: left as typed, for the input guard to judge


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False
)
class MarkupCleaner(ProjectSources, GraphComponent):
    """Replaces each message's text by the text without markup (before spaCy reads it)."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "MarkupCleaner":
        """Nothing to configure or train."""
        return cls()

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """No settings."""
        return {}

    def process(self, messages: List[Message]) -> List[Message]:
        """Clean each message's text in place."""
        for message in messages:
            text: Optional[str] = message.get(TEXT)
            if isinstance(text, str):
                cleaned = without_markup(text)
                if cleaned != text:
                    message.set(TEXT, cleaned)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """The same for the training examples (the project's data has no markup)."""
        self.process(training_data.training_examples)
        return training_data
