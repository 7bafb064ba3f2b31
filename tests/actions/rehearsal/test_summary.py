"""The summary: scores per check, what went well, one thing to try, the best line, progress."""

from __future__ import annotations

import json

from actions.rehearsal import summary as summary_mod
from actions.rehearsal.scores import Score, best_line
from actions.rehearsal.session import start, start_drill, stop, take_turn
from actions.rehearsal.summary import Summary, summarise

from .conftest import play

TURNS = [
    "You never help with anything.",
    "Whatever.",
    "I feel tired when the dishes pile up after dinner, and I need support.",
    "It sounds like you've had a long week too.",
    "Would you be willing to do the dishes on weeknights?",
]


def _summary(persona: str = "defensive", turns: list[str] = TURNS) -> Summary:
    return stop(play(persona, turns)[-1].state)[1]


def test_scores_count_passes_and_fails_per_check() -> None:
    s = _summary()
    assert s.turns == 5
    assert s.scores["no_blame"] == Score(passed=4, failed=1, turns=5)
    assert s.scores["no_contempt"] == Score(passed=4, failed=1, turns=5)
    assert s.scores["no_absolutes"] == Score(passed=4, failed=1, turns=5)
    assert s.scores["feeling"] == Score(passed=1, failed=0, turns=5)
    assert s.scores["listening"].passed == 1
    assert s.scores["listening"].applied == 5
    assert s.scores["feeling"].rate == 1.0 and s.scores["need"].rate == 1.0
    assert Score(turns=3).rate is None


def test_the_best_line_is_quoted_as_typed() -> None:
    assert _summary().best_line == TURNS[2]
    assert best_line([]) is None
    assert best_line([{"text": "Whatever.", "checks": {"no_contempt": "fail"}, "tags": []}]) is None


def test_what_went_well_and_one_thing_to_try() -> None:
    s = _summary()
    assert any("reflected back" in line for line in s.went_well)
    assert any("started closed off and ended open" in line for line in s.went_well)
    assert len(s.went_well) <= 3
    assert s.try_next == summary_mod.TRY_NEXT["no_contempt"], "the most corrosive first"


def test_a_clean_rehearsal_is_praised_and_gets_a_stretch() -> None:
    s = _summary("supportive", [TURNS[2], TURNS[3], TURNS[4]])
    assert "You kept it free of blame and put-downs the whole way through." in s.went_well
    assert s.try_next == summary_mod.TRY_NEXT["harder"]


def test_the_summary_round_trips_through_json() -> None:
    s = _summary()
    data = json.loads(json.dumps(s.to_dict()))
    assert Summary.from_dict(data) == s
    assert data["kind"] == "rehearsal" and data["persona"] == "defensive"
    assert data["scores"]["no_blame"] == {"passed": 4, "failed": 1, "turns": 5}


def test_lines_read_plainly() -> None:
    lines = _summary().lines()
    assert lines[0].startswith("What went well: ")
    assert lines[1] == f'Your best line: "{TURNS[2]}"'
    assert "- Blame showed: 1 of 5 turns" in lines[2]
    assert "- Named a feeling: 1 of 1 turn" in lines[2]
    assert lines[-1].startswith("One thing to try next time: ")


def test_stopping_before_any_turn() -> None:
    state, s = stop(start("supportive", seed=1).state)
    assert s.turns == 0 and s.best_line is None
    assert len(s.lines()) == 1 and state["done"]


def test_a_drill_summary() -> None:
    state = start_drill(seed="d").state
    for text in ["It sounds like you're worried and need reassurance.", "At least you have a job."]:
        state = take_turn(state, text).state
    s = summarise(state)
    assert s.kind == "drill" and s.persona is None and s.turns == 2
    assert s.scores["feeling"] == Score(passed=1, failed=1, turns=2)
    assert s.scores["no_minimising"] == Score(passed=1, failed=1, turns=2)
    assert s.best_line == "It sounds like you're worried and need reassurance."
    assert s.try_next == summary_mod.TRY_NEXT["no_minimising"]
    assert any("Named the feeling you heard: 1 of 2 turns" in line for line in s.lines())
