"""The NLU component that lets a disclosure of danger decide the intent."""

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.safety_guard import SafetyGuard


def _message(text, ranking):
    message = Message(data={TEXT: text})
    message.data[INTENT] = dict(ranking[0])
    message.data[INTENT_RANKING_KEY] = [dict(r) for r in ranking]
    return message


def _run(text, ranking, threshold=0.5):
    [message] = SafetyGuard({"nlu_threshold": threshold}).process([_message(text, ranking)])
    return message


STORY = [{"name": "share_story", "confidence": 0.9}, {"name": "self_harm", "confidence": 0.05}]


def test_a_rule_hit_wins_over_the_classifier():
    message = _run("he choked me last night", STORY)
    assert message.get(INTENT) == {"name": "partner_violence", "confidence": 1.0}
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == "partner_violence"
    assert message.get("safety")["kind"] == "partner_violence"
    assert message.get("safety")["layer"] in ("regex", "matcher")
    assert message.get("safety")["tier"] == "alarm"
    assert set(message.get("safety")) == {"kind", "layer", "tier"}  # no words of the message


def test_a_rule_hit_wins_over_unusable_input():
    long = "we talked for ages about the holidays. " * 40 + "then he hit me again"
    message = _run(long, [{"name": "unusable_input", "confidence": 1.0}])
    assert message.get(INTENT)["name"] == "partner_violence"


def test_the_classifier_alone_is_enough_when_sure():
    ranking = [{"name": "self_harm", "confidence": 0.8}, {"name": "share_story", "confidence": 0.1}]
    message = _run("everything feels grey lately", ranking)
    assert message.get(INTENT) == {"name": "self_harm", "confidence": 0.8}
    assert message.get("safety") == {"kind": "self_harm", "layer": "nlu", "tier": "alarm"}


def test_the_classifier_reading_behind_a_fallback_counts():
    ranking = [{"name": "nlu_fallback", "confidence": 0.45},
               {"name": "immediate_danger", "confidence": 0.6}]
    message = _run("he is here", ranking)
    assert message.get(INTENT)["name"] == "immediate_danger"


def test_an_unsure_classifier_guess_is_demoted():
    ranking = [{"name": "self_harm", "confidence": 0.46}, {"name": "inform", "confidence": 0.4}]
    message = _run("my feet are sore from dancing", ranking)
    assert message.get(INTENT)["name"] == "inform"
    assert "self_harm" not in [r["name"] for r in message.get(INTENT_RANKING_KEY)]
    assert message.get("safety") is None


def test_an_outvoted_guess_with_nothing_else_likely_is_ordinary_talk():
    ranking = [{"name": "self_harm", "confidence": 0.46}, {"name": "chitchat", "confidence": 0.01}]
    message = _run("my feet are sore from dancing", ranking)
    assert message.get(INTENT)["name"] == "share_story"
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == "share_story"


@pytest.mark.parametrize("text", [
    "this deadline is killing me", "she kills it at karaoke", "i'm dying to see you",
    "he hit the gym", "i could kill for a coffee",
])
def test_idioms_leave_the_intent_alone(text):
    message = _run(text, STORY)
    assert message.get(INTENT)["name"] == "share_story"
    assert message.get("safety") is None


def test_input_set_aside_is_not_read_by_the_classifier():
    ranking = [{"name": "unusable_input", "confidence": 1.0},
               {"name": "self_harm", "confidence": 0.9}]
    message = _run("asdf qwer zxcv", ranking)
    assert message.get(INTENT)["name"] == "unusable_input"


@pytest.mark.parametrize("text", ["", "   ", "/affirm"])
def test_empty_text_and_button_payloads_are_skipped(text):
    message = _run(text, STORY)
    assert message.get(INTENT)["name"] == "share_story"


def _with_readings(text, ranking, readings, **config):
    message = _message(text, ranking)
    message.set("safety_linear", readings)
    [out] = SafetyGuard(config).process([message])
    return out


def test_diet_and_the_linear_check_vote():
    readings = {"self_harm": {"diet": 0.97, "linear": 0.05},
                "partner_violence": {"diet": 0.0, "linear": 0.0},
                "immediate_danger": {"diet": 0.0, "linear": 0.0}}
    ranking = [{"name": "self_harm", "confidence": 0.97}, {"name": "share_story", "confidence": 0.03}]
    # DIET alone is sure, the regression is not: 0.3 * 0.97 + 0.7 * 0.05 < 0.7.
    message = _with_readings("im dying to see you this weekend", ranking, readings)
    assert message.get(INTENT)["name"] == "share_story"
    readings["self_harm"] = {"diet": 0.9, "linear": 0.6}  # 0.69: under the default 0.7
    message = _with_readings("everything feels pointless", ranking, readings)
    assert message.get(INTENT)["name"] == "share_story"
    readings["self_harm"] = {"diet": 0.95, "linear": 0.85}
    message = _with_readings("everything feels pointless", ranking, readings)
    assert message.get(INTENT) == {"name": "self_harm",
                                   "confidence": round(0.3 * 0.95 + 0.7 * 0.85, 4)}
    assert message.get("safety") == {"kind": "self_harm", "layer": "nlu", "tier": "alarm"}


def test_the_regression_can_raise_a_kind_diet_missed():
    readings = {"self_harm": {"diet": 0.0, "linear": 0.1},
                "partner_violence": {"diet": 0.5, "linear": 0.99},
                "immediate_danger": {"diet": 0.0, "linear": 0.1}}
    message = _with_readings("my boyfriend makes me send screenshots of all my chats", STORY,
                             readings)
    assert message.get(INTENT)["name"] == "partner_violence"


def test_a_script_the_linear_check_put_over_diets_danger_guess_is_still_judged():
    """The linear check may turn DIET's guess of danger into a script it is sure of; the
    vote recorded before that still raises the alarm, and a weak one leaves the script."""
    script_first = [{"name": "competence_dismissal", "confidence": 0.91},
                    {"name": "partner_violence", "confidence": 0.05}]
    sure = {"self_harm": {"diet": 0.0, "linear": 0.0},
            "partner_violence": {"diet": 0.56, "linear": 0.9},
            "immediate_danger": {"diet": 0.0, "linear": 0.0}}
    message = _with_readings("he takes my phone and says men understand contracts",
                             script_first, sure)
    assert message.get(INTENT)["name"] == "partner_violence"
    assert message.get("safety")["tier"] == "alarm"
    weak = {**sure, "partner_violence": {"diet": 0.56, "linear": 0.1}}
    message = _with_readings("he said its easier if he does it since men understand contracts",
                             script_first, weak)
    assert message.get(INTENT)["name"] == "competence_dismissal"
    assert message.get("safety") is None


SURE_VIOLENCE = {"self_harm": {"diet": 0.0, "linear": 0.0},
                 "partner_violence": {"diet": 1.0, "linear": 0.95},
                 "immediate_danger": {"diet": 0.0, "linear": 0.0}}
VIOLENCE_FIRST = [{"name": "partner_violence", "confidence": 1.0},
                  {"name": "share_story", "confidence": 0.0}]


@pytest.mark.parametrize("text", ["she hit me with a pillow", "he never hit me",
                                  "if he ever hit me i would leave"])
def test_alarm_words_the_rules_set_aside_let_a_sure_classifier_only_ask(text):
    message = _with_readings(text, VIOLENCE_FIRST, dict(SURE_VIOLENCE), set_aside_threshold=1.0)
    assert message.get("safety") == {"kind": "partner_violence", "layer": "nlu", "tier": "check"}
    # with the bar of an ordinary message, the classifiers would have raised the alarm
    message = _with_readings(text, VIOLENCE_FIRST, dict(SURE_VIOLENCE), set_aside_threshold=None)
    assert message.get("safety") == {"kind": "partner_violence", "layer": "nlu", "tier": "alarm"}
    # and with no check-ins, nothing at all
    message = _with_readings(text, VIOLENCE_FIRST, dict(SURE_VIOLENCE), set_aside_threshold=1.0,
                             check_threshold=None)
    assert message.get("safety") is None
    assert message.get(INTENT)["name"] != "partner_violence"


def test_without_alarm_words_the_ordinary_bar_applies():
    message = _with_readings("things at home are the same as ever", VIOLENCE_FIRST,
                             dict(SURE_VIOLENCE), set_aside_threshold=1.0)
    assert message.get("safety") == {"kind": "partner_violence", "layer": "nlu", "tier": "alarm"}


@pytest.mark.parametrize("diet, linear, tier", [
    (0.9, 0.85, "alarm"),   # 0.865
    (0.8, 0.75, "check"),   # 0.765: between check_threshold 0.7 and nlu_threshold 0.8
    (0.6, 0.7, None),       # 0.67: below both
])
def test_the_vote_decides_the_tier(diet, linear, tier):
    readings = {"self_harm": {"diet": diet, "linear": linear},
                "partner_violence": {"diet": 0.0, "linear": 0.0},
                "immediate_danger": {"diet": 0.0, "linear": 0.0}}
    ranking = [{"name": "self_harm", "confidence": diet},
               {"name": "share_story", "confidence": 1 - diet}]
    message = _with_readings("nothing feels worth it lately", ranking, readings)
    found = message.get("safety")
    assert (found or {}).get("tier") == tier
    assert message.get(INTENT)["name"] == ("self_harm" if tier else "share_story")
