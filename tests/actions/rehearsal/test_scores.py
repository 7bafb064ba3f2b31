"""Scores per check, and the best line."""

from __future__ import annotations

from typing import Any

from actions.rehearsal.scores import Score, best_line, labels, score_turns


def _turn(checks: dict[str, Any]) -> dict[str, Any]:
    return {"text": "x", "checks": checks, "tags": []}


def test_checks_that_did_not_apply_count_in_neither() -> None:
    scores = score_turns([_turn({"feeling": None}), _turn({"feeling": "pass"})], ("feeling",))
    assert scores["feeling"] == Score(passed=1, failed=0, turns=2)


def test_a_score_rate() -> None:
    assert Score(passed=3, failed=1, turns=5).rate == 0.75
    assert Score(turns=3).rate is None
    assert Score.from_dict(Score(1, 2, 3).to_dict()) == Score(1, 2, 3)


def test_listening_counts_every_turn() -> None:
    turns = [_turn({"listening": "pass"}), _turn({"listening": None}), _turn({})]
    assert score_turns(turns, ("listening",))["listening"] == Score(passed=1, failed=2, turns=3)


def test_the_best_line_prefers_feeling_and_need_and_later_ties() -> None:
    turns = [
        {"text": "first", "checks": {"feeling": "pass"}, "tags": []},
        {"text": "both", "checks": {"feeling": "pass", "need": "pass"}, "tags": []},
        {"text": "again", "checks": {"feeling": "pass", "need": "pass"}, "tags": []},
        {
            "text": "harsh",
            "checks": {"feeling": "pass", "need": "pass", "no_blame": "fail"},
            "tags": [],
        },
    ]
    assert best_line(turns) == "again"


def test_the_drill_has_its_own_wording() -> None:
    assert labels("drill", "feeling")[0] == "named the feeling you heard"
    assert labels("rehearsal", "feeling")[0] == "named a feeling"
