"""The combined safety check (regex layer + spaCy Matcher layer): what it must catch, with
which kind, and what it must leave alone. Phrasings are in matcher_cases.py and cases.py."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import List, Tuple

import pytest

from actions.phrase_patterns import compile_pattern, exact_first, expand_spec
from actions.safety import KINDS, SafetyHit, check, check_all_doc, check_doc, detect

from . import cases
from .matcher_cases import (
    FIRE,
    IMMEDIATE,
    INDIRECT,
    NO_FIRE,
    PARTNER,
    ROUND2_FIRE,
    ROUND2_NO_FIRE,
    ROUND3_FIRE,
    ROUND3_NO_FIRE,
    ROUND4_FIRE,
    ROUND4_NO_FIRE,
    ROUND5_FIRE,
    ROUND5_NO_FIRE,
    ROUND6_FIRE,
    ROUND6_NO_FIRE,
    SELF_HARM,
)

ROOT = Path(__file__).resolve().parents[3]

#: Left failing on purpose: "their mum" may be the user, or the partner the user might leave.
#: Nothing in the words settles it; the NLU layer and the conversation have to.
AMBIGUOUS = {
    "i keep thinking my kids would be better off without their mum": (
        "could as well be about the partner as about the user; left to the NLU layer"
    ),
}

ALL_FIRE: List[Tuple[str, str]] = (
    FIRE + ROUND2_FIRE + ROUND3_FIRE + ROUND4_FIRE + ROUND5_FIRE + ROUND6_FIRE
)
ALL_NO_FIRE: List[str] = (
    NO_FIRE + ROUND2_NO_FIRE + ROUND3_NO_FIRE + ROUND4_NO_FIRE + ROUND5_NO_FIRE + ROUND6_NO_FIRE
)
OLD_POSITIVE: List[Tuple[str, str]] = (
    [(text, "immediate_danger") for text in cases.IMMEDIATE]
    + [(text, "self_harm") for text in cases.SELF_HARM]
    + [(text, "partner_violence") for text in cases.PARTNER]
    + cases.MORE_POSITIVE
)
OLD_NEGATIVE: List[str] = cases.NEGATIVE + cases.MORE_NEGATIVE


def _fire_params() -> List[object]:
    params: List[object] = []
    for text, kind in ALL_FIRE:
        marks = []
        if text in AMBIGUOUS:
            marks = [pytest.mark.xfail(strict=True, reason=AMBIGUOUS[text])]
        params.append(pytest.param(text, kind, marks=marks, id=text[:60]))
    return params


# --- the case lists ----------------------------------------------------------------------------


def test_enough_new_cases_and_no_overlap() -> None:
    assert len(FIRE) >= 120
    for kind_list in (IMMEDIATE, SELF_HARM, PARTNER):
        assert len(kind_list) >= 40
    assert 3 * len(INDIRECT) >= len(FIRE)
    assert INDIRECT <= {text for text, _ in FIRE}
    assert len(NO_FIRE) >= 120
    assert {kind for _, kind in ALL_FIRE} == set(KINDS)
    texts = [text for text, _ in ALL_FIRE] + ALL_NO_FIRE
    assert len(texts) == len(set(texts)), "a phrasing is listed twice"
    old = {text for text, _ in OLD_POSITIVE} | set(OLD_NEGATIVE)
    assert not set(texts) & old, "the new phrasings must not repeat cases.py"


@pytest.mark.parametrize(("text", "kind"), _fire_params())
def test_new_phrasings_fire_with_kind(text: str, kind: str) -> None:
    hit = check(text)
    assert hit is not None, text
    assert hit.kind == kind, (text, hit)
    assert hit.span


@pytest.mark.parametrize("text", ALL_NO_FIRE)
def test_new_phrasings_do_not_fire(text: str) -> None:
    assert check(text) is None, (text, check(text))


@pytest.mark.parametrize(("text", "kind"), OLD_POSITIVE)
def test_existing_positives_still_fire_with_kind(text: str, kind: str) -> None:
    hit = check(text)
    assert hit is not None and hit.kind == kind, (text, hit)


@pytest.mark.parametrize("text", OLD_NEGATIVE)
def test_matcher_adds_no_false_alarm_on_existing_negatives(text: str) -> None:
    assert check(text) is None, (text, check(text))


# --- context on the parse: pairs that fire / do not fire --------------------------------------

PAIRS = [
    # negation: a neg on the matched verb or a governing verb drops the match ...
    ("he hits me when he drinks", "partner_violence", "he has never hit me"),
    ("she checks my call history every day", "partner_violence", "she doesn't check my phone"),
    ("i keep thinking about killing myself", "self_harm", "i would never kill myself"),
    ("he tried to strangle me", "partner_violence", "he never tried to strangle me"),
    ("he takes my whole paycheck", "partner_violence", "he stopped taking my paycheck"),
    ("i hope i don't wake up", "self_harm", "i hope the plane doesn't crash"),
    # ... unless the negation is the signal
    ("i don't want to live anymore", "self_harm", "i want to live a long life with her"),
    ("i don't want to be here", "self_harm", "i don't want to be here at this party"),
    ("he won't let me see my friends", "partner_violence", "he lets me see my friends"),
    ("i'm not allowed to leave the house", "partner_violence", "i'm not allowed to leave early"),
    ("i can't go on", "self_harm", "i can't go on holiday this year"),
    ("i don't see the point anymore", "self_harm", "i don't see the point of arguing"),
    ("he won't stop texting me even though i blocked him", "partner_violence",
     "he stopped texting me after i blocked him"),
    # reported speech and fiction: a media frame drops, a partner's reported threat fires
    ("he said he'll kill me if i leave", "partner_violence", "in the film he says he'll kill her"),
    ("she told me nobody would believe me", "partner_violence",
     "the article was about men who hit their wives"),
    ("he keeps saying i'm worthless and he'll take the kids", "partner_violence",
     "the song says i'm going to kill myself"),
    ("she wants to die, she told me so", "self_harm", "in the film she wants to die"),
    ("i want to disappear forever", "self_harm",
     "we read a poem about wanting to disappear forever"),
    # hypotheticals drop unless they repeat
    ("if he hits me again i'm leaving", "partner_violence", "what if he hits me"),
    ("she checked my phone again last night", "partner_violence",
     "if she ever checked my phone i'd be annoyed"),
    # idioms: a person object or a self object is needed, and idioms overlapping drop
    ("he hit me in the face", "partner_violence", "he hit the gym"),
    ("she punched me", "partner_violence", "she hit me up about dinner"),
    ("he beat me up", "partner_violence", "he beat me at chess"),
    ("he shot me", "partner_violence", "she shot me a look"),
    ("he's killing me, he's choking me", "immediate_danger", "this deadline is killing me"),
    ("i want to kill myself", "self_harm", "i could kill for a coffee"),
    ("i want to die", "self_harm", "i'm dying to see you"),
    ("she kicked me in the stomach", "partner_violence", "she kills it at karaoke"),
    ("i'm so tired of being alive", "self_harm", "i'm dead tired"),
    ("she pushed me down the stairs", "partner_violence", "she pushed me to apply for the job"),
]


@pytest.mark.parametrize(("fires", "kind", "does_not"), PAIRS)
def test_context_pairs(fires: str, kind: str, does_not: str) -> None:
    hit = check(fires)
    assert hit is not None and hit.kind == kind, (fires, hit)
    assert check(does_not) is None, (does_not, check(does_not))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # partner violence happening now, or self-harm tonight, is immediate_danger
        ("he's throwing me around the kitchen right now", "immediate_danger"),
        ("he just put his hands on my throat again", "immediate_danger"),
        ("he hits me, please help me", "immediate_danger"),
        ("i'm going to drive into a wall tonight", "immediate_danger"),
        # habitual or past stays partner_violence
        ("he keeps hitting my head against the floor", "partner_violence"),
        ("he held a knife to my throat last year", "partner_violence"),
    ],
)
def test_urgency(text: str, kind: str) -> None:
    hit = check(text)
    assert hit is not None and hit.kind == kind, (text, hit)


# --- the entry points --------------------------------------------------------------------------


def test_layer_field() -> None:
    regex_hit = detect("she threw a plate at me")
    assert regex_hit == SafetyHit(kind="partner_violence", span="threw a plate at me")
    assert regex_hit is not None and regex_hit.layer == "regex"
    only_matcher = "my girlfriend scratches me when we argue"
    assert detect(only_matcher) is None
    hit = check(only_matcher)
    assert hit is not None and hit.layer == "matcher" and hit.kind == "partner_violence"
    assert hit.span == "scratches me"
    with pytest.raises(AttributeError):
        hit.layer = "regex"  # type: ignore[misc]


def test_check_doc_takes_the_callers_doc() -> None:
    from actions.coach.nlp import load_nlp

    text = "He Made Me Quit My Job So I'd Depend On Him"
    doc = load_nlp()(text.lower())
    assert check_doc(text, doc) == check(text)
    assert check_doc(text, doc) is not None
    # no Doc: the regex layer alone
    assert check_doc("he choked me", None) == detect("he choked me")
    assert check_doc("my girlfriend scratches me when we argue", None) is None


def test_check_doc_parses_again_a_doc_without_a_parse() -> None:
    from actions.coach.nlp import load_nlp

    nlp = load_nlp()
    with nlp.select_pipes(disable=["parser"]):
        doc = nlp("he has never hit me")
    assert not doc.has_annotation("DEP")
    assert check_doc("he has never hit me", doc) is None  # the negation needs the parse
    text = "my girlfriend scratches me when we argue"
    hit = check_doc(text, nlp.make_doc(text))  # tokens only: no lemmas either
    assert hit is not None and hit.layer == "matcher"


def test_most_urgent_kind_wins_across_layers() -> None:
    text = "he goes through my phone every night and i've tied the rope already"
    hits = check_all_doc(text, _parse(text))
    assert {h.kind for h in hits} == {"immediate_danger", "partner_violence"}
    assert hits[0].kind == "immediate_danger"
    assert check(text) == hits[0]
    text = "she takes my wages and i want to disappear for good"
    hit = check(text)
    assert hit is not None and hit.kind == "self_harm"


def _parse(text: str) -> object:
    from actions.coach.nlp import load_nlp

    return load_nlp()(text.lower())


@pytest.mark.parametrize("text", ["", "   ", "ok", "\n\n", "!!!", "\U0001f62d\U0001f62d"])
def test_empty_and_tiny(text: str) -> None:
    assert check(text) is None


def test_typographic_apostrophes_and_capitals() -> None:
    hit = check("I’M NOT ALLOWED TO SEE MY FRIENDS WITHOUT HIM")
    assert hit is not None and hit.kind == "partner_violence"


def test_no_message_text_is_cached() -> None:
    from actions.coach import nlp
    from actions.safety import matcher

    before = nlp.parse.cache_info().currsize
    check("i keep thinking about not waking up")
    assert nlp.parse.cache_info().currsize == before
    # only the compiled patterns and the Matchers are kept, keyed by the vocabulary
    assert matcher._data.cache_info().currsize == 1
    assert matcher._matchers.cache_info().currsize <= 4


def test_import_is_light() -> None:
    code = (
        "import sys, actions.safety as s, actions.phrase_patterns\n"
        "heavy = [m for m in ('spacy', 'rasa', 'rasa_sdk', 'sqlalchemy', 'tensorflow') "
        "if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "from actions.safety import matcher\n"
        "assert not matcher._data.cache_info().currsize, 'patterns loaded at import'\n"
        "assert 'spacy' not in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_fast_beyond_the_parse() -> None:
    from actions.coach.nlp import load_nlp

    text = (
        "we had another fight last night about his mother and honestly i dont know what to do "
        "anymore because he never listens and i feel like im always the one apologising"
    )
    doc = load_nlp()(text)
    check_all_doc(text, doc)
    runs = 50
    start = time.perf_counter()
    for _ in range(runs):
        check_all_doc(text, doc)
    per_message = (time.perf_counter() - start) / runs
    # about 2-3 ms on a laptop (regex ~1.2 ms, Matcher ~1 ms); generous against slow CI
    assert per_message < 0.015, per_message


# --- the shared pattern syntax -------------------------------------------------------------------


def test_pattern_syntax_extensions() -> None:
    assert compile_pattern("NUM") == [{"LIKE_NUM": True}]
    assert compile_pattern("/^[0-9]{2,}$/") == [{"LOWER": {"REGEX": "^[0-9]{2,}$"}}]
    mixed = expand_spec("~scare|afraid me")
    assert {"LEMMA": {"IN": ["scare", "afraid"]}} in [p[0] for p in mixed]
    assert {"LOWER": {"IN": ["scare", "afraid"]}} in [p[0] for p in mixed]
    assert exact_first([{"LEMMA": {"IN": ["hit", "kick"]}}, {"LOWER": {"IN": ["me"]}}]) == [
        [{"LEMMA": "hit"}, {"LOWER": "me"}],
        [{"LEMMA": "kick"}, {"LOWER": "me"}],
    ]
    big = [{"LOWER": {"IN": [str(n) for n in range(20)]}}]
    assert exact_first(big, max_split=8) == [big]
