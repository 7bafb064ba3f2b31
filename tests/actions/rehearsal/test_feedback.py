"""Per-turn feedback: the coach's checks, the script detector, and short warm notes."""

from __future__ import annotations

import pytest

from actions.rehearsal.feedback import CHECKS, assess, own_scripts


def test_a_clean_statement_passes_every_check_that_applies() -> None:
    fb = assess("I feel lonely when you're on your phone at dinner, and I need connection.")
    assert fb.checks["feeling"] == fb.checks["observation"] == fb.checks["need"] == "pass"
    assert not fb.failed()
    assert fb.notes == (
        "You named a feeling, 'lonely', and owned it. That's often the hardest part.",
    )


@pytest.mark.parametrize(
    "text",
    [
        "I feel like you never listen.",
        "I feel that you don't care.",
        "I feel ignored when you look at your phone.",
    ],
)
def test_thoughts_and_faux_feelings_fail_feeling_clarity(text: str) -> None:
    fb = assess(text)
    assert fb.checks["feeling"] == "fail"
    assert fb.notes and fb.notes[-1].endswith("?"), "offer feelings, ask whether they fit"


def test_a_thought_gets_the_thought_note_with_feelings_offered() -> None:
    note = assess("I feel like you never listen.").notes[0]
    assert note.startswith("When you think 'like you never listen', what do you feel? Maybe")


def test_evaluation_fails_the_observation_check() -> None:
    assert assess("You're so lazy.").checks["observation"] == "fail"
    assert (
        assess("I felt hurt when you left before dinner on Sunday.").checks["observation"] == "pass"
    )
    assert assess("Can we talk about the bills?").checks["observation"] is None
    faux = assess("I feel ignored when you look at your phone.")
    assert faux.checks["feeling"] == "fail" and faux.checks["observation"] == "pass"


def test_need_or_strategy() -> None:
    assert assess("I need you to stop brushing me off.").checks["need"] == "fail"
    assert assess("I feel tired, and I need rest.").checks["need"] == "pass"
    assert assess("I feel tired.").checks["need"] is None


def test_blame_absolutes_and_contempt_apply_to_every_turn() -> None:
    fb = assess("You never help.")
    assert fb.checks["no_blame"] == fb.checks["no_absolutes"] == "fail"
    assert assess("Whatever.").checks["no_contempt"] == "fail"
    assert assess("So it's my fault?").checks["no_blame"] == "fail"
    calm = assess("The car is at the garage.")
    assert (
        calm.checks["no_blame"]
        == calm.checks["no_contempt"]
        == calm.checks["no_absolutes"]
        == "pass"
    )


def test_reflective_listening_is_a_bonus() -> None:
    assert assess("It sounds like you're exhausted.").checks["listening"] == "pass"
    assert assess("The car is at the garage.").checks["listening"] is None
    assert "reflected back" in assess("It sounds like you're exhausted.").notes[0]


@pytest.mark.parametrize(
    "text", ["A real man pays for everything, right?", "Boys don't cry, I know, but I'm sad."]
)
def test_a_script_in_the_persons_own_words(text: str) -> None:
    fb = assess(text)
    assert fb.checks["own_words"] == "fail" and fb.scripts
    assert any("Does that fit?" in n for n in fb.notes), "named tentatively"


@pytest.mark.parametrize(
    "text",
    ['You said "boys don\'t cry" and I felt small.', "You told me to man up and I felt alone."],
)
def test_quoting_or_reporting_the_partners_script_is_not_the_persons(text: str) -> None:
    assert own_scripts(text) == []
    assert assess(text).checks["own_words"] == "pass"


def test_notes_are_short_and_never_more_than_two() -> None:
    for text in [
        "You never help.",
        "I feel like you never listen, whatever.",
        "Hi.",
        "It sounds like you're tired. I feel tired too, and I need rest.",
    ]:
        fb = assess(text)
        assert 1 <= len(fb.notes) <= 2
        assert all(len(n) < 260 for n in fb.notes)


def test_feedback_is_json_ready() -> None:
    data = assess("You never help.").to_dict()
    assert set(data["checks"]) == set(CHECKS)
    assert data["move"] == "blame"


def test_a_neutral_turn_gets_a_gentle_nudge() -> None:
    assert assess("The car is at the garage.").notes == (
        "If it fits, you could say how this is for you: 'I feel … when …'.",
    )
