"""The state: one JSON-able dict, checked on the way in."""

from __future__ import annotations

import json

import pytest

from actions.rehearsal import state


def test_a_new_state_is_json() -> None:
    s = state.new_state(
        "rehearsal", persona="defensive", scene="  the   bills ", seed="abc", feedback=False
    )
    assert state.is_json(s)
    assert s["scene"] == "the bills"
    assert s["openness"] == s["start_openness"] == 1
    assert s["mode"] == "rehearsal" and not s["paused"] and not s["done"]


def test_seed_from_a_conversation_id_is_stable() -> None:
    assert state.seed_from("conv-1") == state.seed_from("conv-1")
    assert state.seed_from("conv-1") != state.seed_from("conv-2")
    assert state.seed_from(7) == 7
    assert isinstance(state.seed_from("x"), int)


def test_the_scene_is_capped() -> None:
    s = state.new_state("drill", persona=None, scene="x" * 1000, seed=1, feedback=True)
    assert len(s["scene"]) == state.MAX_SCENE and s["persona"] is None


def test_check_copies_and_rejects() -> None:
    s = state.new_state("rehearsal", persona="supportive", scene="", seed=1, feedback=False)
    copy = state.check(s)
    copy["turns"].append({"text": "hi"})
    assert s["turns"] == []
    for bad in (
        None,
        {},
        {"version": 99},
        {**s, "mode": "karaoke"},
        {**s, "persona": "shouty"},
        {**s, "turns": "nope"},
    ):
        assert not state.is_state(bad)
        with pytest.raises((ValueError, KeyError, TypeError)):
            state.check(bad)
    assert state.is_state(json.loads(json.dumps(s)))


def test_a_rehearsal_needs_a_persona() -> None:
    with pytest.raises(ValueError):
        state.new_state("rehearsal", persona=None, scene="", seed=1, feedback=False)
    with pytest.raises(ValueError):
        state.new_state("karaoke", persona=None, scene="", seed=1, feedback=False)
