"""Driving a rehearsal turn by turn: start, turns, pause, resume, hint, restart, stop."""

from __future__ import annotations

import copy
import json

import pytest

from actions.rehearsal import replies
from actions.rehearsal.session import (
    NotActive,
    is_active,
    next_prompt,
    pause,
    restart,
    resume,
    set_feedback,
    start,
    start_drill,
    stop,
    take_turn,
)
from actions.rehearsal.state import is_json


def test_start_gives_an_opener_and_a_json_state() -> None:
    step = start("brush_off", "who does the bills", seed="conv-1")
    assert step.partner in {r.text for r in replies.openers("brush_off")}
    assert is_json(step.state) and step.state["scene"] == "who does the bills"
    assert step.messages() == [step.partner]


def test_a_turn_returns_the_partners_reply_and_keeps_the_state_json() -> None:
    state = start("defensive", seed="conv-2").state
    before = copy.deepcopy(state)
    step = take_turn(state, "I feel tired when the sink is full, and I need support.")
    assert state == before, "the state passed in is never changed"
    assert step.partner and step.move == "i_statement"
    turn = step.state["turns"][-1]
    assert turn["text"] == "I feel tired when the sink is full, and I need support."
    assert turn["checks"]["feeling"] == "pass" and turn["reply_id"]
    assert is_json(step.state)


def test_feedback_is_quiet_by_default_and_can_be_turned_on() -> None:
    state = start("supportive", seed=3).state
    quiet = take_turn(state, "You never help.")
    assert quiet.notes == () and quiet.feedback is not None and quiet.messages() == [quiet.partner]
    loud = take_turn(set_feedback(state, True), "You never help.")
    assert loud.notes and loud.messages() == [loud.partner, " ".join(loud.notes)]
    assert not set_feedback(loud.state, False)["feedback"]


def test_pause_and_resume() -> None:
    step = take_turn(start("stonewalling", seed=4).state, "I feel lonely.")
    paused = pause(step.state)
    assert paused.notes and not is_active(paused.state)
    with pytest.raises(NotActive):
        take_turn(paused.state, "Hello?")
    back = resume(paused.state)
    assert back.partner == step.partner, "the partner's last line is repeated"
    assert is_active(back.state) and len(back.state["turns"]) == 1


def test_restart_keeps_scene_and_persona_and_starts_fresh() -> None:
    steps = [start("dismissive", "the holidays", seed="conv-5")]
    steps.append(take_turn(steps[-1].state, "You always do this."))
    again = restart(steps[-1].state)
    assert again.state["persona"] == "dismissive" and again.state["scene"] == "the holidays"
    assert again.state["turns"] == [] and again.state["openness"] == again.state["start_openness"]
    assert again.state["attempt"] == 1 and again.state["seed"] == steps[0].state["seed"]
    assert again.partner in {r.text for r in replies.openers("dismissive")}


def test_stop_gives_the_summary_and_finishes() -> None:
    state = take_turn(
        start("supportive", seed=6).state, "I feel hurt, and I need reassurance."
    ).state
    done, summary = stop(state)
    assert done["done"] and not is_active(done)
    assert summary.kind == "rehearsal" and summary.turns == 1
    with pytest.raises(NotActive):
        take_turn(done, "One more thing.")
    with pytest.raises(NotActive):
        resume(done)


def test_a_state_from_a_slot_works_after_a_json_round_trip() -> None:
    state = json.loads(json.dumps(start("defensive", seed="x").state))
    assert take_turn(state, "Thank you for listening.").move == "appreciation"


def test_is_active_rejects_what_is_not_a_state() -> None:
    assert not is_active(None) and not is_active({"mode": "rehearsal"})


def test_the_drill_turn_by_turn() -> None:
    step = start_drill(seed="conv-7")
    assert step.partner and step.state["prompt_id"] and step.state["mode"] == "drill"
    reflected = take_turn(
        step.state, "It sounds like you're worried and need reassurance. Is that right?"
    )
    assert reflected.notes, "drill feedback is on by default"
    assert reflected.partner and reflected.state["prompt_id"] == step.state["prompt_id"]
    again = take_turn(reflected.state, "At least you're fine.")
    assert again.feedback.landed == "missed"
    nxt = next_prompt(again.state)
    assert nxt.state["prompt_id"] != step.state["prompt_id"]
    assert nxt.partner != step.partner
    fresh = restart(nxt.state)
    assert fresh.state["mode"] == "drill" and fresh.state["turns"] == [] and fresh.partner
    _, summary = stop(again.state)
    assert summary.kind == "drill" and summary.turns == 2
    with pytest.raises(ValueError):
        next_prompt(start("supportive", seed=1).state)
