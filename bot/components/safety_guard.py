"""NLU component: a disclosure of danger decides the intent, whatever else was read.

Two layers, and either one is enough (actions/safety/README.md):
- the phrase rules (regexes and spaCy Matcher patterns, ``actions.safety.read_doc``), run on
  a parse of the lower-cased text, made (in one batch) only for messages where the regexes or
  the Matcher on the pipeline's own Doc could fire (``actions.safety.needs_parse``);
- the trained intents ``self_harm``, ``partner_violence`` and ``immediate_danger``: DIET's
  confidence and the linear check's probability (bot/components/script_linear.py), weighted
  ``diet_weight`` to the rest. DIET alone is sure of itself in both directions ("im dying to
  see you" read as self_harm at 0.97).

Two tiers. A rule hit, or a vote at ``nlu_threshold`` or more, is an ``alarm``: the full safety
reply. A vote from ``check_threshold`` up to that is a ``check``: the reply first asks whether
it read the message right, with the emergency number, and gives the helplines on "yes". When
the rules read alarm words and set every one aside (an idiom, a denial, fiction, a past that is
over), an alarm needs ``set_aside_threshold``, so the classifiers can ask but not overrule the
rules. The settings were chosen by measurement (docs/safety.md, docs/design.md).

It runs last, so a long or partly unreadable message that InputGuard set aside is still
checked by the rules. The message gets a ``safety`` entry ({"kind", "layer", "tier"}); the
words that matched are not added to the output, so they never reach a log line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Text, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from actions.safety import KINDS, lowered_text
from bot.components.rule_classifier import RuleIntentClassifier, choose_intent

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from actions.safety import SafetyHit

SAFETY_KEY = "safety"
#: The tiers of a reading: the full safety reply, or first a question whether it fits.
ALARM = "alarm"
CHECK = "check"
LINEAR_KEY = "safety_linear"
#: Intents set aside before the classifier's reading is trusted (InputGuard's).
_SET_ASIDE = ("unusable_input",)
ORDINARY = "share_story"
#: An intent this sure (or more) stands in for an outvoted safety guess.
_FAIRLY_SURE = 0.3


def classifier_kind(
    message: Message, threshold: float, diet_weight: float = 1.0
) -> Optional[Dict[str, Any]]:
    """The classifiers' best safety reading, if it reaches ``threshold``.

    With the linear check's readings, DIET and the regression are weighted; without them,
    DIET's best intent counts only when it is a safety kind.
    """
    readings = message.get(LINEAR_KEY)
    if isinstance(readings, dict) and readings:
        scores = {
            kind: diet_weight * float(r.get("diet", 0.0))
            + (1 - diet_weight) * float(r.get("linear", 0.0))
            for kind, r in readings.items() if kind in KINDS and isinstance(r, dict)
        }
        if scores:
            kind = max(scores, key=lambda k: scores[k])
            if scores[kind] >= threshold:
                return {INTENT_NAME_KEY: kind, PREDICTED_CONFIDENCE_KEY: round(scores[kind], 4)}
            return None
    for entry in message.data.get(INTENT_RANKING_KEY) or []:
        name = entry.get(INTENT_NAME_KEY)
        if name == "nlu_fallback":
            continue
        confidence = float(entry.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
        if name in KINDS and confidence >= threshold:
            return {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: confidence}
        return None
    return None


Scanned = Tuple[List["SafetyHit"], bool]


def _parses(messages: List[Message]) -> Iterator[Tuple[Optional["Doc"], Scanned]]:
    """A dependency parse of each message's lower-cased text (None where no rule can fire),
    with the regex layer's scan of it (``actions.safety.scan``, run once per message).

    Rasa's SpacyNLP loads spaCy without its parser, and the Matcher layer reads negation and
    reported speech on the parse, so the texts where a rule could fire (``needs_parse``, read
    on Rasa's Doc) are parsed again here, together (nlp.pipe), with the
    coach's pipeline; a Doc Rasa made with a parse is used as it is.
    """
    from actions.coach.nlp import load_nlp
    from actions.safety import needs_parse, scan

    docs: List[Optional["Doc"]] = [m.get(SPACY_DOCS[TEXT]) for m in messages]
    scans: List[Scanned] = [scan(m.get(TEXT) or "") for m in messages]
    missing = []
    for i, (message, doc) in enumerate(zip(messages, docs)):
        if doc is not None and doc.has_annotation("DEP"):
            continue
        if needs_parse(message.get(TEXT) or "", doc, scans[i]):
            missing.append(i)
        else:
            docs[i] = None
    if missing:
        lowered = [lowered_text(messages[i].get(TEXT) or "") for i in missing]
        for i, doc in zip(missing, load_nlp().pipe(lowered)):
            docs[i] = doc
    return iter(zip(docs, scans))


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False
)
class SafetyGuard(RuleIntentClassifier):
    """Sets a safety intent when the phrase rules or the classifier find a disclosure."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """How sure the classifiers must be on their own to raise the alarm
        (``set_aside_threshold``: when the rules set alarm words aside; None is
        ``nlu_threshold``) and to ask a check-in question instead (``check_threshold``; None
        is ``nlu_threshold``: no check-ins), and DIET's share of the vote."""
        return {"nlu_threshold": 0.8, "set_aside_threshold": 1.0, "check_threshold": 0.7,
                "diet_weight": 0.3}

    def process(self, messages: List[Message]) -> List[Message]:
        """Check every message; a rule hit wins over everything, then the classifier."""
        from actions.safety import read_doc

        config = {**self.get_default_config(), **self.component_config}
        threshold = float(config["nlu_threshold"])
        aside_threshold = float(config["set_aside_threshold"] or threshold)
        check_threshold = config["check_threshold"]
        weight = float(config["diet_weight"])
        todo = [m for m in messages
                if (m.get(TEXT) or "").strip() and not (m.get(TEXT) or "").lstrip().startswith("/")]
        for message, (doc, scanned) in zip(todo, _parses(todo)):
            text = message.get(TEXT) or ""
            rules = None if doc is None else read_doc(text, doc, scanned)
            hit = rules.hits[0] if rules is not None and rules.hits else None
            if hit is not None:
                choose_intent(message, hit.kind, 1.0)
                message.set(SAFETY_KEY, {"kind": hit.kind, "layer": hit.layer, "tier": ALARM},
                            add_to_output=True)
                continue
            current = (message.data.get(INTENT) or {}).get(INTENT_NAME_KEY)
            # Alarm words the rules read and set aside (an idiom, a denial, fiction) ask more
            # of the classifiers than a message with none.
            bar = aside_threshold if rules is not None and rules.set_aside else threshold
            low = bar if check_threshold is None else min(bar, float(check_threshold))
            reading = (None if current in _SET_ASIDE
                       else classifier_kind(message, low, weight))
            if reading is not None:
                tier = ALARM if reading[PREDICTED_CONFIDENCE_KEY] >= bar else CHECK
                choose_intent(message, reading[INTENT_NAME_KEY],
                              reading[PREDICTED_CONFIDENCE_KEY])
                message.set(SAFETY_KEY, {"kind": reading[INTENT_NAME_KEY], "layer": "nlu",
                                         "tier": tier}, add_to_output=True)
            elif current in KINDS:
                # Below the threshold the classifier's guess is not enough on its own.
                self._demote(message)
        return messages

    @staticmethod
    def _demote(message: Message) -> None:
        """DIET's safety guess was outvoted: the next intent it was fairly sure of, else
        ordinary talk (DIET's other guesses are tiny next to a confident one)."""
        ranking = [r for r in message.data.get(INTENT_RANKING_KEY, [])
                   if r.get(INTENT_NAME_KEY) not in KINDS]
        best = next((r for r in ranking if r.get(INTENT_NAME_KEY) != "nlu_fallback"), None)
        if best is not None and float(best.get(PREDICTED_CONFIDENCE_KEY) or 0) >= _FAIRLY_SURE:
            choose_intent(message, str(best[INTENT_NAME_KEY]), float(best[PREDICTED_CONFIDENCE_KEY]))
        else:
            choose_intent(message, ORDINARY, _FAIRLY_SURE)
        message.data[INTENT_RANKING_KEY] = [r for r in message.data[INTENT_RANKING_KEY]
                                            if r.get(INTENT_NAME_KEY) not in KINDS]
