"""The compact pattern syntax shared by the safety and script rules."""

import pytest

from actions.phrase_patterns import compile_pattern, expand_spec


def test_items_compile_to_matcher_tokens():
    assert compile_pattern("~push me to VERB") == [
        {"LEMMA": {"IN": ["push"]}},
        {"LOWER": {"IN": ["me"]}},
        {"LOWER": {"IN": ["to"]}},
        {"POS": {"IN": ["VERB", "AUX"]}},
    ]
    assert compile_pattern("NOT? NUM ANY{0,2} /^x+$/") == [
        {"LOWER": {"IN": ["n't", "nt", "not", "never", "n’t"]}, "OP": "?"},
        {"LIKE_NUM": True},
        {"OP": "{0,2}"},
        {"LOWER": {"REGEX": "^x+$"}},
    ]


@pytest.fixture(scope="module")
def nlp():
    from actions.coach.nlp import load_nlp

    return load_nlp()


@pytest.mark.parametrize("text, found", [
    ("she pushed me to apply for the job", True),
    ("he pushed me into doing it", True),
    ("he pushed me to the ground", False),
    ("he pushed me into the wall", False),
])
def test_verb_matches_a_verb_and_not_a_determiner(nlp, text, found):
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab)
    matcher.add("idiom", expand_spec("~push me to|into VERB"))
    assert bool(matcher(nlp(text))) is found
