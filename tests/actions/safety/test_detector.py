"""The safety rule layer: what it must catch, with which kind, and what it must leave alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from actions.safety import KINDS, SafetyHit, detect, detect_all

from .cases import IMMEDIATE, MORE_NEGATIVE, MORE_POSITIVE, NEGATIVE, PARTNER, SELF_HARM

POSITIVE = (
    [(text, "immediate_danger") for text in IMMEDIATE]
    + [(text, "self_harm") for text in SELF_HARM]
    + [(text, "partner_violence") for text in PARTNER]
    + MORE_POSITIVE
)
NEGATIVES = NEGATIVE + MORE_NEGATIVE
ROOT = Path(__file__).resolve().parents[3]


def test_enough_cases_and_no_overlap() -> None:
    assert len(POSITIVE) >= 150
    assert len(NEGATIVES) >= 150
    assert {kind for _, kind in POSITIVE} == set(KINDS)
    assert not {text for text, _ in POSITIVE} & set(NEGATIVES)


@pytest.mark.parametrize(("text", "kind"), POSITIVE)
def test_fires_with_kind(text: str, kind: str) -> None:
    hit = detect(text)
    assert hit is not None, text
    assert hit.kind == kind, (text, hit)
    assert hit.span


@pytest.mark.parametrize("text", NEGATIVES)
def test_does_not_fire(text: str) -> None:
    assert detect(text) is None, (text, detect_all(text))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the brief's MUST-fire cases
        ("he doesn't hit me, he just chokes me sometimes", "partner_violence"),
        ("I'm not sure I want to be here anymore", "self_harm"),
        # curly apostrophes, capitals, stretched letters
        ("He\u2019s outside my door with a KNIFE", "immediate_danger"),
        ("i dont wanna be here anymoreeee", "self_harm"),
        ("I\u2019m not suicidal but I don\u2019t want to be here anymore", "self_harm"),
    ],
)
def test_recall_over_negation(text: str, kind: str) -> None:
    hit = detect(text)
    assert hit is not None and hit.kind == kind


def test_most_urgent_first() -> None:
    text = "he checks my phone and tonight i took a bunch of pills. i want to die"
    hits = detect_all(text)
    assert [h.kind for h in hits][:1] == ["immediate_danger"]
    assert {h.kind for h in hits} == set(KINDS)
    assert detect(text) == hits[0]


def test_all_kinds_found() -> None:
    hits = detect_all("he hit me again and honestly i want to kms")
    assert {h.kind for h in hits} == {"partner_violence", "self_harm"}
    assert detect("he hit me again and honestly i want to kms").kind == "self_harm"


def test_hit_is_frozen_and_spans_are_words() -> None:
    hit = detect("she threw a plate at me")
    assert hit == SafetyHit(kind="partner_violence", span="threw a plate at me")
    with pytest.raises(AttributeError):
        hit.kind = "self_harm"  # type: ignore[misc]


@pytest.mark.parametrize("text", ["", "   ", "ok", "\n\n", "!!!", "\U0001f62d\U0001f62d"])
def test_empty_and_tiny(text: str) -> None:
    assert detect(text) is None
    assert detect_all(text) == []


def test_long_text_is_fast() -> None:
    import time

    text = "we fought about the dishes and he pushed the door open. " * 200
    start = time.perf_counter()
    assert detect(text + "he choked me") is not None
    assert time.perf_counter() - start < 2.0


def test_import_is_light() -> None:
    code = (
        "import sys, actions.safety as s\n"
        "heavy = [m for m in ('spacy', 'rasa', 'rasa_sdk', 'sqlalchemy', 'tensorflow') "
        "if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "assert not s.detector._rules.cache_info().currsize, 'rules loaded at import'\n"
        "s.detect('he hit me')\n"
        "heavy = [m for m in ('spacy', 'rasa', 'rasa_sdk', 'sqlalchemy') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
