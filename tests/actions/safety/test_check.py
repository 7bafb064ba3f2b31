"""Skipping the parse: where no rule can fire, judged on a Doc made without the parser
(as Rasa's is), the combined check finds nothing either."""

import pytest

from actions.safety import check, needs_parse
from tests.actions.safety.cases import NEGATIVE
from tests.actions.safety.matcher_cases import FIRE


@pytest.fixture(scope="module")
def unparsed():
    import spacy

    from actions.coach.nlp import _model_path

    nlp = spacy.load(_model_path(), disable=["parser"])
    return lambda text: nlp(text.lower())


@pytest.mark.parametrize("text", ["we had a lovely walk", "she forgot our anniversary again",
                                  "can you help me say how i feel"])
def test_ordinary_talk_needs_no_parse(unparsed, text):
    assert not needs_parse(text, unparsed(text))


def test_every_disclosure_is_parsed(unparsed):
    missed = [t for t, _ in FIRE if not needs_parse(t, unparsed(t))]
    assert missed == []


def test_skipping_never_loses_a_hit(unparsed):
    skipped = [t for t in NEGATIVE + [t for t, _ in FIRE] if not needs_parse(t, unparsed(t))]
    assert skipped  # some are skipped...
    assert [t for t in skipped if check(t) is not None] == []  # ...and none would have fired


def test_without_a_doc_or_with_curly_apostrophes_it_parses():
    assert needs_parse("we had a lovely walk", None)
    assert needs_parse("he’s lovely", object())


@pytest.mark.parametrize("text", [
    "she hit me with a pillow",             # an idiom
    "he never hit me",                      # a denial
    "if he ever hit me i would leave",      # a hypothetical
    "he used to check my phone but we worked through it and im happy now",  # over
])
def test_alarm_words_set_aside_are_reported(text):
    from actions.coach.nlp import load_nlp
    from actions.safety import read_doc

    reading = read_doc(text, load_nlp()(text.lower()))
    assert reading.hits == []
    assert reading.alarm_words and reading.set_aside


@pytest.mark.parametrize("text", ["he hit me last night", "i want to die"])
def test_a_hit_is_not_set_aside(text):
    from actions.coach.nlp import load_nlp
    from actions.safety import read_doc

    reading = read_doc(text, load_nlp()(text.lower()))
    assert reading.hits and reading.alarm_words and not reading.set_aside


@pytest.mark.parametrize("text", ["we had a lovely walk", "she forgot our anniversary again"])
def test_no_alarm_words_nothing_set_aside(text):
    from actions.coach.nlp import load_nlp
    from actions.safety import read_doc

    reading = read_doc(text, load_nlp()(text.lower()))
    assert reading.hits == [] and not reading.alarm_words and not reading.set_aside


def test_scan_reports_a_match_its_context_dropped():
    from actions.safety import scan

    assert scan("he doesnt check my phone") == ([], True)
    hits, matched = scan("he hit me")
    assert matched and [h.kind for h in hits] == ["partner_violence"]
    assert scan("we had a lovely walk") == ([], False)


def test_every_message_with_alarm_words_is_parsed(unparsed):
    """The guard reads ``set_aside`` only on the messages it parses, so every message whose
    reading has alarm words (an idiom alone included) must be one ``needs_parse`` keeps."""
    from actions.coach.nlp import load_nlp
    from actions.safety import read_doc
    from tests.actions.safety.matcher_cases import NO_FIRE, ROUND2_NO_FIRE

    nlp = load_nlp()
    texts = NEGATIVE + NO_FIRE + ROUND2_NO_FIRE + [t for t, _ in FIRE]
    with_words = [t for t in texts if read_doc(t, nlp(t.lower())).alarm_words]
    assert len(with_words) > 50
    assert [t for t in with_words if not needs_parse(t, unparsed(t))] == []
