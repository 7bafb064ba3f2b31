"""The partner softens on clean I-statements and reflections, hardens a little on blame,
absolutes and contempt, and opens up after enough softening."""

from __future__ import annotations

import re

import pytest

from actions.rehearsal import partner, personas, replies
from actions.rehearsal.moves import classify
from actions.rehearsal.session import start, take_turn

from .conftest import HARD_TURNS, SOFT_TURNS, at_openness, play


@pytest.mark.parametrize("persona", personas.PERSONAS)
def test_softens_after_clean_i_statements_and_reflections(persona: str) -> None:
    state = at_openness(start(persona, seed=1).state, 1)
    for text in SOFT_TURNS[:2]:  # one I-statement, one reflection
        state = take_turn(state, text).state
    assert state["openness"] == 3


@pytest.mark.parametrize("persona", personas.PERSONAS)
@pytest.mark.parametrize("text", HARD_TURNS)
def test_hardens_a_little_after_blame_absolutes_and_contempt(persona: str, text: str) -> None:
    state = at_openness(start(persona, seed=2).state, 3)
    step = take_turn(state, text)
    assert step.state["openness"] == 2  # one step, not a slam shut


@pytest.mark.parametrize("persona", personas.PERSONAS)
def test_hard_turns_draw_hard_lines_and_soft_turns_soft_lines(persona: str) -> None:
    state = at_openness(start(persona, seed=3).state, 3)
    hard = take_turn(state, "You never help with anything.")
    assert "/hard/" in hard.state["turns"][-1]["reply_id"]
    soft = take_turn(at_openness(state, 1), "I feel tired when the sink is full, and I need rest.")
    assert "/soft/" in soft.state["turns"][-1]["reply_id"]


def test_starting_openness_fits_the_persona() -> None:
    start_at = {p.name: p.start for p in personas.all_personas()}
    assert start_at["stonewalling"] == 0
    assert start_at["supportive"] >= 3
    assert (
        start_at["stonewalling"]
        < start_at["defensive"]
        <= start_at["brush_off"]
        < start_at["supportive"]
    )


def test_openness_stays_within_bounds() -> None:
    steps = play("supportive", SOFT_TURNS * 2)
    assert max(s.state["openness"] for s in steps) == personas.MAX_OPENNESS
    steps = play("stonewalling", HARD_TURNS)
    assert min(s.state["openness"] for s in steps) == personas.MIN_OPENNESS


@pytest.mark.parametrize("persona", ["stonewalling", "defensive", "dismissive", "brush_off"])
def test_hard_personas_open_up_after_enough_softening(persona: str) -> None:
    steps = play(persona, SOFT_TURNS[:4])
    opened = [s for s in steps if s.opened_up]
    assert len(opened) == 1, "opening up happens once"
    assert "/open/opens_up/" in opened[0].state["turns"][-1]["reply_id"]
    assert personas.band(steps[-1].state["openness"]) == "open"


def test_the_stonewaller_says_a_few_words_when_they_open_up() -> None:
    for seed in range(5):
        steps = play("stonewalling", SOFT_TURNS[:3], seed=seed)
        words = re.sub(r"\([^)]*\)", "", steps[-1].partner or "").split()
        assert steps[-1].opened_up and len(words) >= 5


def test_the_brush_off_partner_asks_what_you_need_when_they_open_up() -> None:
    for seed in range(5):
        steps = play("brush_off", SOFT_TURNS[:1], seed=seed)  # starts guarded at 2
        assert steps[-1].opened_up
        assert "what do you need from me?" in steps[-1].partner.lower()


def test_closed_stonewaller_mostly_says_nothing() -> None:
    state = start("stonewalling", seed=4).state
    step = take_turn(state, "You always do this.")
    assert len(re.sub(r"\([^)]*\)", "", step.partner).split()) <= 4


def test_replies_vary_with_no_immediate_repeat() -> None:
    steps = play("defensive", ["How was your day?", "The car is at the garage."] * 5)
    lines = [s.partner for s in steps]
    assert all(a != b for a, b in zip(lines, lines[1:]))
    assert len(set(lines)) >= 5


def test_lines_are_drawn_without_replacement_within_a_rehearsal() -> None:
    # Ten neutral turns at a closed stonewaller all come from one pool of five lines.
    steps = play("stonewalling", ["Okay."] * 10)[1:]
    ids = [s.state["turns"][-1]["reply_id"] for s in steps]
    assert len(set(ids[:5])) == 5, "the first five use every line once"
    assert len(set(ids[5:])) == 5, "then the pool starts over"


def test_deterministic_under_a_seed() -> None:
    turns = SOFT_TURNS[:3] + HARD_TURNS[:3]
    first = [s.partner for s in play("dismissive", turns, seed="conv-42")]
    again = [s.partner for s in play("dismissive", turns, seed="conv-42")]
    assert first == again
    others = {
        tuple(s.partner for s in play("dismissive", turns, seed=f"conv-{n}")) for n in range(6)
    }
    assert len(others) > 1, "another seed gives another conversation"


def test_reply_keys_prefer_the_specific_pool() -> None:
    move = classify("Can we take a break and come back to this at eight?")
    keys = partner.reply_keys(move, opened_up=False)
    assert keys.index("break") < keys.index("soft")
    assert partner.reply_keys(classify("Whatever."), opened_up=True)[0] == "opens_up"


def test_a_break_gets_a_break_answer_from_the_stonewaller() -> None:
    state = start("stonewalling", seed=5).state
    step = take_turn(state, "Can we take a break and come back to this at eight?")
    assert "/break/" in step.state["turns"][-1]["reply_id"]
    assert step.partner in {r.text for r in replies.pool("stonewalling", "closed", "break")}
