"""The NLU component that lets stock script phrases decide the intent."""

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.coach.nlp import load_nlp
from bot.components.script_rules import RULE_CONFIDENCE, RULE_KEY, SPACY_DOC_KEY, ScriptRules


def _message(text, ranking):
    message = Message(data={TEXT: text})
    message.set(SPACY_DOC_KEY, load_nlp()(text.lower()))
    message.data[INTENT] = dict(ranking[0])
    message.data[INTENT_RANKING_KEY] = [dict(r) for r in ranking]
    return message


def _run(text, ranking, **config):
    [message] = ScriptRules({**ScriptRules.get_default_config(), **config}).process(
        [_message(text, ranking)])
    return message


def test_a_stock_phrase_makes_its_script_the_intent():
    ranking = [{"name": "share_story", "confidence": 0.7},
               {"name": "labor_division", "confidence": 0.2}]
    message = _run("he said that's women's work", ranking)
    assert message.get(INTENT) == {"name": "labor_division", "confidence": RULE_CONFIDENCE}
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == ["labor_division",
                                                                    "share_story"]
    assert message.get(RULE_KEY) == {
        "script": "labor_division", "text": "women's work", "applied": True,
        "classifier": {"name": "share_story", "confidence": 0.7},
    }


def test_with_a_veto_a_confident_classifier_keeps_ordinary_talk():
    ranking = [{"name": "share_story", "confidence": 0.97}]
    text = "he's babysitting his own kids and we both laugh at the word"
    message = _run(text, ranking, veto_confidence=0.9)
    assert message.get(INTENT)["name"] == "share_story"
    assert message.get(RULE_KEY)["applied"] is False
    assert _run(text, ranking, veto_confidence=0.99).get(INTENT)["name"] == "labor_division"


def test_by_default_the_rule_wins_over_a_confident_classifier():
    ranking = [{"name": "share_story", "confidence": 0.99}]
    message = _run("my boyfriend told me boys don't cry", ranking)
    assert message.get(INTENT)["name"] == "emotional_suppression"


@pytest.mark.parametrize("intent", ["affirm", "deny", "greet", "ask_why", "bot_challenge"])
def test_other_kinds_of_message_are_left_alone(intent):
    message = _run("yes, boys don't cry, exactly", [{"name": intent, "confidence": 0.6}])
    assert message.get(INTENT)["name"] == intent


def test_no_phrase_changes_nothing():
    ranking = [{"name": "share_story", "confidence": 0.5}, {"name": "inform", "confidence": 0.3}]
    message = _run("we argued about the dog again", ranking)
    assert message.get(INTENT) == {"name": "share_story", "confidence": 0.5}
    assert message.get(RULE_KEY) is None


def test_a_higher_classifier_confidence_in_the_same_script_is_kept():
    message = _run("my boyfriend told me to man up", [
        {"name": "emotional_suppression", "confidence": 0.99}])
    assert message.get(INTENT) == {"name": "emotional_suppression", "confidence": 0.99}


def test_without_a_parse_nothing_happens():
    message = Message(data={TEXT: "boys don't cry"})
    message.data[INTENT] = {"name": "share_story", "confidence": 0.4}
    [out] = ScriptRules({}).process([message])
    assert out.get(INTENT)["name"] == "share_story"


def test_the_chosen_script_leads_the_ranking_by_a_clear_margin():
    """Otherwise the FallbackClassifier's ambiguity check turns it into a fallback."""
    ranking = [{"name": "share_story", "confidence": 1.0},
               {"name": "inform", "confidence": 0.3}]
    message = _run("my boyfriend told me boys don't cry", ranking)
    confidences = [r["confidence"] for r in message.get(INTENT_RANKING_KEY)]
    assert confidences[0] == RULE_CONFIDENCE
    assert sum(confidences[1:]) == pytest.approx(1 - RULE_CONFIDENCE)
    assert confidences[0] - max(confidences[1:]) > 0.1


def test_the_fallback_classifier_keeps_the_rules_decision():
    from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier

    message = _run("my boyfriend told me boys don't cry",
                   [{"name": "share_story", "confidence": 1.0}])
    fallback = FallbackClassifier({**FallbackClassifier.get_default_config(),
                                   "threshold": 0.45, "ambiguity_threshold": 0.1})
    [out] = fallback.process([message])
    assert out.get(INTENT)["name"] == "emotional_suppression"
