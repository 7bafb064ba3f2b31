"""The text a safety regex needs: a rule is skipped only where it could not match."""

from __future__ import annotations

import re
from pathlib import Path
from typing import List

import pytest
import yaml

from actions.safety import detector
from actions.safety.literals import may_match, required
from actions.safety.text import normalise

ROOT = Path(__file__).resolve().parents[3]


def needed(pattern: str, flags: int = 0):
    return required(re.compile(pattern, flags))


def test_a_plain_phrase_needs_itself_across_word_boundaries():
    assert needed(r"\bhit me\b") == {"hit me"}


def test_alternatives_need_one_of_their_own_texts():
    assert needed(r"\b(?:kill|hurt) myself\b") == {" myself"}
    assert needed(r"\b(?:kill|hurt)(?: my ?self)?\b") == {"kill", "hurt"}


def test_an_optional_part_is_never_needed():
    assert needed(r"(?:please )?help") == {"help"}
    assert needed(r"(?:please )?\w+") is None
    assert needed(r"(?:he )*\w+") is None


def test_a_repeat_of_at_least_one_needs_its_body():
    assert needed(r"(?:so )+scared") == {"scared"}
    assert needed(r"x(?:ab){2,3}") == {"ab"}


def test_classes_wildcards_and_lookarounds_need_nothing_fixed():
    assert needed(r"[a-z]+ \d+") == {" "}
    assert needed(r".+") is None
    assert needed(r"(?=ab)\w\w") is None
    assert needed(r"(?<!not )hurt") == {"hurt"}


def test_a_case_insensitive_pattern_is_always_run():
    assert needed(r"hit me", re.IGNORECASE) is None
    assert needed(r"(?i:hit) me") == {" me"}


def test_may_match_only_rules_out_texts_without_any_needed_string():
    assert may_match(frozenset({"kill", "hurt"}), "i want to hurt myself")
    assert not may_match(frozenset({"kill", "hurt"}), "we went to the cinema")
    assert may_match(None, "anything at all")


def _nlu_texts() -> List[str]:
    texts: List[str] = []
    for path in sorted((ROOT / "nlu").glob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        for item in data.get("nlu") or []:
            for line in str(item.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    texts.append(line[2:])
    return texts


@pytest.fixture(scope="module")
def normalised() -> List[str]:
    texts = [normalise(t) for t in _nlu_texts()]
    assert len(texts) > 3000
    return texts


def test_no_rule_is_skipped_on_a_text_it_matches(normalised):
    matched = 0
    for _kind, pattern, text_needed in detector._rules():
        for text in normalised:
            if pattern.search(text):
                matched += 1
                assert may_match(text_needed, text), (pattern.pattern[:80], text)
    assert matched > 300  # the data holds plenty of disclosures the rules find


def test_most_rules_are_skipped_on_ordinary_talk(normalised):
    rules = detector._rules()
    assert all(text_needed is not None for _, _, text_needed in rules)
    text = normalise("we argued about whose turn it was to cook and then watched a film")
    assert sum(may_match(n, text) for _, _, n in rules) < len(rules) // 4
