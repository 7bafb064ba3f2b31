"""Hints: concrete, from the last turn and the persona, the same for the same state."""

from __future__ import annotations

from actions.rehearsal import hints, personas
from actions.rehearsal.session import hint, start, start_drill, take_turn

from .conftest import at_openness


def test_a_thought_as_feeling_gets_the_feeling_and_moment_hint() -> None:
    state = take_turn(
        start("supportive", seed=1).state, "I feel like you're on your phone a lot."
    ).state
    assert hints.hint_key(state) == "thought_as_feeling"
    assert "'I feel … when …'" in hint(state) or "What do you feel" in hint(state)


def test_a_stonewaller_gets_the_break_hint() -> None:
    state = start("stonewalling", seed=1).state
    assert hints.hint_key(state) == "persona"
    texts = {hint({**state, "seed": n}) for n in range(10)}
    assert any(t.startswith("Ask for a break and a time to come back: 'Can we") for t in texts)


def test_blame_contempt_and_absolutes_get_their_own_hints() -> None:
    base = start("supportive", seed=2).state
    assert hints.hint_key(take_turn(base, "Whatever.").state) == "contempt"
    assert hints.hint_key(take_turn(base, "It's your fault.").state) == "blame"
    assert hints.hint_key(take_turn(base, "We never go out anymore.").state) == "absolute"
    assert "'I'" in hint(take_turn(base, "It's your fault.").state) or "moment" in hint(
        take_turn(base, "It's your fault.").state
    )


def test_after_a_clean_feeling_the_hint_is_the_next_step() -> None:
    state = at_openness(start("supportive", seed=3).state, 4)
    state = take_turn(state, "I feel tired when the sink is full.").state
    assert hints.hint_key(state) == "add_need"
    state = take_turn(state, "I feel tired when the sink is full, and I need rest.").state
    assert hints.hint_key(state) == "add_request"


def test_every_persona_has_its_own_hint() -> None:
    for p in personas.all_personas():
        state = at_openness(start(p.name, seed=4).state, 0)
        assert hint(state) in p.hint


def test_hints_are_stable_for_a_state_and_the_drill_has_one() -> None:
    state = start("defensive", seed=5).state
    assert hint(state) == hint(state)
    assert "It sounds like" in hint(start_drill(seed=5).state) or "Stay with them" in hint(
        start_drill(seed=5).state
    )
