"""The listening drill: prompts, and feedback on good and bad reflections."""

from __future__ import annotations

import re

import pytest

from actions.rehearsal import drill
from actions.rehearsal.drill import assess_reflection, get_prompt, prompts

GOOD = [
    "It sounds like you're really overwhelmed and you need some support. Is that right?",
    "So you're scared about the tests, and you need some reassurance?",
    "You sound exhausted, like you need rest and someone to share the load.",
    "It sounds like you felt left out, and belonging matters to you. Did I get that right?",
    "sounds like ur lonely since the move and u miss having friends around",
]
BAD = {
    "no_advice": [
        "You should just tell your manager no.",
        "Why don't you talk to HR?",
        "Have you tried going to bed earlier?",
        "If I were you I'd quit.",
    ],
    "no_minimising": [
        "At least you have a job.",
        "Don't worry, it'll be fine.",
        "Look on the bright side, you get weekends off.",
        "It could be worse.",
    ],
    "no_judgement": [
        "You're overreacting.",
        "That's silly, nobody noticed.",
        "You're too sensitive about this.",
        "Come on, man up.",
    ],
    "no_fixing": [
        "I'll sort it out for you.",
        "Leave it to me, I'll talk to your mum.",
        "No worries, I've got this.",
    ],
    "stayed_with_them": [
        "That's like when I had to deal with my boss last year.",
        "Me too, my weekends are boring.",
        "That reminds me of my old job.",
    ],
}


@pytest.mark.parametrize("text", GOOD)
def test_good_reflections_name_a_feeling_and_a_need(text: str) -> None:
    fb = assess_reflection(text)
    assert fb.checks["feeling"] == fb.checks["need"] == "pass", fb
    assert not fb.failed()
    assert fb.landed == "heard"


@pytest.mark.parametrize(("check", "text"), [(c, t) for c, ts in BAD.items() for t in ts])
def test_what_a_reflection_should_leave_out(check: str, text: str) -> None:
    fb = assess_reflection(text)
    assert fb.checks[check] == "fail", fb
    assert fb.landed == "missed"
    assert any(fb.spans[check] in n for n in fb.notes), "the note quotes the words"


def test_no_feeling_named() -> None:
    fb = assess_reflection("So work has been a lot lately?")
    assert fb.checks["feeling"] == "fail"
    assert fb.notes == ("Try naming the feeling you heard: 'It sounds like you feel …'.",)
    assert fb.landed == "partly"


def test_no_need_named() -> None:
    fb = assess_reflection("You sound scared.")
    assert fb.checks["feeling"] == "pass" and fb.checks["need"] == "fail"
    assert "need" in fb.notes[-1]


def test_everyday_words_are_not_taken_for_feelings() -> None:
    assert drill.named_feelings("You're overreacting, it's fine.") == []
    assert drill.named_feelings("It sounds like you feel fine about it?") == ["fine"]


def test_advice_words_inside_a_quote_are_the_partners() -> None:
    fb = assess_reflection('When your boss said "you should work weekends", you felt trapped?')
    assert fb.checks["no_advice"] == "pass"


def test_a_match_with_the_prompt_is_noticed() -> None:
    prompt = get_prompt("new_city")
    fb = assess_reflection("It sounds like you're lonely since we moved.", prompt)
    assert fb.matched and fb.notes[0] == "You named 'lonely', which is close to what they shared."


def test_tentative_reflections_are_noticed() -> None:
    assert assess_reflection(
        "It sounds like you're worried and need reassurance. Is that right?"
    ).tentative
    assert not assess_reflection("You're worried and need reassurance.").tentative


def test_prompts_are_varied_and_inclusive() -> None:
    all_prompts = prompts()
    assert len(all_prompts) >= 10
    assert len({p.id for p in all_prompts}) == len(all_prompts)
    for p in all_prompts:
        assert p.feelings and p.needs and len(p.text) < 200
    text = " ".join(p.text for p in all_prompts).lower()
    assert re.search(r"\bmy wife\b|\bmy husband\b", text), "a same-sex couple is in the pool"


def test_prompts_are_drawn_without_replacement() -> None:
    state = {"seed": 1, "attempt": 0, "used": [], "prompt_id": None, "turns": []}
    seen = []
    for _ in range(len(prompts())):
        p = drill.draw_prompt(state)
        seen.append(p.id)
        state = {**state, "used": [*state["used"], p.id], "prompt_id": p.id}
    assert sorted(seen) == sorted(p.id for p in prompts())
    assert drill.draw_prompt(state).id != state["prompt_id"]


def test_feedback_is_json_ready() -> None:
    data = assess_reflection("At least you have a job.").to_dict()
    assert data["checks"]["no_minimising"] == "fail" and data["landed"] == "missed"
