"""The result types."""
from __future__ import annotations

import pytest

from actions.coach import CHECKS, Finding, Parts, Review, review


def test_checks_are_the_stable_names() -> None:
    assert CHECKS == ("thought_as_feeling", "faux_feeling", "unknown_feeling", "evaluation",
                      "criticism", "strategy_as_need", "blame_language", "demand")


def test_finding_to_dict_keys() -> None:
    plain = Finding("evaluation", "always", "one line", "a suggestion")
    assert plain.to_dict() == {"check": "evaluation", "span": "always",
                               "explanation": "one line", "suggestion": "a suggestion"}
    offered = Finding("faux_feeling", "ignored", "x", "y", ("lonely", "hurt"))
    assert offered.to_dict()["options"] == ["lonely", "hurt"]


def test_finding_rejects_unknown_check() -> None:
    with pytest.raises(ValueError):
        Finding("nonsense", "x", "y", "z")


def test_parts_to_dict_has_all_keys() -> None:
    assert Parts(feeling="sad").to_dict() == {"feeling": "sad", "observation": None,
                                             "need": None, "request": None}


def test_review_to_dict() -> None:
    out = review("I feel ignored when you always look at your phone, and I need you to listen.")
    data = out.to_dict()
    assert set(data) == {"statement", "parts", "findings"}
    assert isinstance(out, Review)
    assert [f["check"] for f in data["findings"]] == [
        "faux_feeling", "criticism", "evaluation", "strategy_as_need"]
    for f in out.findings:
        assert f.check in CHECKS
        assert "\n" not in f.explanation
        assert f.span
        assert len(f.suggestion.split(". ")) <= 3
