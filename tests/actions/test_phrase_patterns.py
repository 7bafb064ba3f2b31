"""The compact pattern syntax shared by the safety and script rules."""

from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from actions.phrase_patterns import Gate, anchor, compile_pattern, expand_spec, needs


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


# --- the gate in front of a Matcher ------------------------------------------------------------

def tokens(text: str, lemmas: dict = None):
    """Stand-ins for spaCy tokens: lower-cased form, and a lemma (the word unless given)."""
    lemmas = lemmas or {}
    return [SimpleNamespace(lower_=w, lemma_=lemmas.get(w, w)) for w in text.split()]


def test_needs_lists_the_required_words_only():
    pattern = compile_pattern("he|she NOT? ~hit ANY{0,2} me VERB /^x+$/")
    assert needs(pattern) == [("LOWER", frozenset({"he", "she"})),
                              ("LEMMA", frozenset({"hit"})), ("LOWER", frozenset({"me"}))]
    assert needs(compile_pattern("VERB ANY NUM")) == []


def test_the_anchor_avoids_common_words():
    pattern = compile_pattern("he|she ~hit|~punch|~slap me")
    assert anchor(pattern, frozenset({"he", "she", "me"})) == (
        "LEMMA", frozenset({"hit", "punch", "slap"}))
    assert anchor(pattern) == ("LOWER", frozenset({"me"}))  # no common words given: fewest


def test_the_gate_opens_only_when_every_needed_word_is_there():
    gate = Gate(expand_spec("he ~hit me"), frozenset({"he", "me"}))
    assert gate.open_for(tokens("he hits me", {"hits": "hit"}))
    assert not gate.open_for(tokens("he hits the ball", {"hits": "hit"}))  # no "me"
    assert not gate.open_for(tokens("he told me"))  # no form of "hit"
    assert not gate.open_for(tokens("she hits me", {"hits": "hit"}))  # needs "he"


def test_a_pattern_that_needs_no_word_keeps_the_gate_open():
    gate = Gate(expand_spec("he ~hit me") + expand_spec("VERB ANY"))
    assert gate.always_open
    assert gate.open_for(tokens("we went to the beach"))


def _nlu_texts():
    texts = []
    for path in sorted((Path(__file__).resolve().parents[2] / "nlu").glob("*.yml")):
        for item in (yaml.safe_load(path.read_text("utf-8")) or {}).get("nlu") or []:
            texts += [line.strip()[2:] for line in str(item.get("examples") or "").splitlines()
                      if line.strip().startswith("- ")]
    return texts


def test_no_gate_closes_on_a_text_its_matcher_finds_something_in(nlp):
    """The safety rules, the safety idioms and the script phrases, over the NLU data."""
    from actions.safety import lowered_text
    from actions.safety import matcher as safety
    from actions.scripts import rules as scripts

    texts = _nlu_texts()[::2]
    rules, _, idioms = safety._matchers(nlp.vocab)
    pairs = [(safety._gates()[0], rules), (safety._gates()[1], idioms),
             (scripts._gate(), scripts._matcher(nlp.vocab))]
    found = [0, 0, 0]
    closed = [0, 0, 0]
    for doc in nlp.pipe(lowered_text(t) for t in texts):
        for i, (gate, matcher) in enumerate(pairs):
            if gate.open_for(doc):
                found[i] += bool(matcher(doc))
            else:
                closed[i] += 1
                assert not matcher(doc), (i, doc.text)
    assert min(found) > 10  # each matcher does find things in the data
    assert min(closed) > len(texts) // 2  # and most texts skip it
