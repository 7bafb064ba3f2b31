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
