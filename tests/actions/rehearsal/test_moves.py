"""Classifying one turn: what each move must catch, and what it must leave alone."""

from __future__ import annotations

import pytest

from actions.rehearsal.moves import HARDENING, MOVES, SOFTENING, classify, group_of

I_STATEMENTS = [
    "I feel hurt when you said you'd handle it and then didn't, and I need partnership.",
    "I always feel nervous before these talks.",
    "I feel lonely when you are on your phone at dinner and I need connection.",
    "Honestly I just feel really overwhelmed lately.",
    "I'm sad.",
    "i feel so tired when the laundry piles up",
    "I felt embarrassed at the party on Saturday.",
    "When you said 'it's your fault', I felt hurt.",
    "I'm scared when money comes up, and I need us to be a team.",
    "I need rest this weekend.",
]
REFLECTIONS = [
    "It sounds like you're stressed and need some rest, is that right?",
    "So you feel like nobody noticed how hard you worked?",
    "You seem worried.",
    "Are you feeling left out?",
    "What I'm hearing is that the week has been a lot for you.",
    "If I understand you, you felt blindsided by the plan.",
    "I hear that you're tired.",
    "You feel overwhelmed because there's so much on your plate?",
    "That must have been really hard for you.",
    "sounds like ur exhausted",
]
REQUESTS = [
    "Would you be willing to sit down with me on Sunday and go through the bills together?",
    "Could we plan the next trip together, starting this weekend?",
    "Can we talk about the bills?",
]
BREAKS = [
    "Can we take a break and come back to this at eight?",
    "Could we pick this up after dinner?",
    "Let's talk tomorrow after dinner when we're both calmer.",
]
APPRECIATION = [
    "Thank you for listening.",
    "I know you are doing your best, and I appreciate it.",
    "Thanks for making dinner tonight.",
    "That's fair.",
    "You did the shopping and I really appreciated it.",
]
BLAME = [
    "You make me so angry.",
    "It's your fault we're always late.",
    "What's wrong with you?",
    "You're so lazy.",
    "Why would you do that?",
    "It sounds like you don't care.",
    "I feel that you don't care.",
]
ABSOLUTES = [
    "You never listen to me!",
    "You always do this.",
    "I feel like you never listen.",
    "Every time I bring it up, you walk away.",
    "We never talk anymore.",
    "I never get any help around here.",
    "u never text back",
]
CONTEMPT = [
    "Whatever.",
    "Oh great, thanks for nothing.",
    "Who cares?",
    "You're being so dramatic 🙄",
    "Calm down.",
    "You sound ridiculous.",
    "You're an idiot.",
    "Wow, real mature.",
    "Idiot.",
    "It sounds like you're overreacting.",
    "Yeah right, like you'd ever do the dishes.",
    "ok whatever",
]
DEFENSIVE = [
    "I was only trying to help!",
    "What about when you forgot my birthday?",
    "So you're saying it's my fault?",
    "It's not my fault the car broke down.",
    "You're one to talk.",
]


@pytest.mark.parametrize("text", I_STATEMENTS)
def test_clean_i_statements_soften(text: str) -> None:
    move = classify(text)
    assert move.name == "i_statement", move
    assert move.effect == 1


@pytest.mark.parametrize("text", REFLECTIONS)
def test_reflections_are_caught(text: str) -> None:
    move = classify(text)
    assert move.name == "reflection", move
    assert move.effect == 1


@pytest.mark.parametrize("text", REQUESTS)
def test_clean_requests(text: str) -> None:
    move = classify(text)
    assert "request" in move.tags and move.effect == 1, move


@pytest.mark.parametrize("text", BREAKS)
def test_asking_for_a_break(text: str) -> None:
    move = classify(text)
    assert "break" in move.tags and move.effect == 1, move


@pytest.mark.parametrize("text", APPRECIATION)
def test_appreciation(text: str) -> None:
    move = classify(text)
    assert move.name == "appreciation" and move.effect == 1, move


@pytest.mark.parametrize("text", BLAME)
def test_blame_hardens(text: str) -> None:
    move = classify(text)
    assert "blame" in move.tags and move.effect == -1, move


@pytest.mark.parametrize("text", ABSOLUTES)
def test_absolutes_at_the_partner_harden(text: str) -> None:
    move = classify(text)
    assert "absolute" in move.tags and move.effect == -1, move


@pytest.mark.parametrize("text", CONTEMPT)
def test_contempt_hardens(text: str) -> None:
    move = classify(text)
    assert move.name == "contempt" and move.effect == -1, move


@pytest.mark.parametrize("text", DEFENSIVE)
def test_counter_attacks_harden(text: str) -> None:
    move = classify(text)
    assert move.name == "defensive" and move.effect == -1, move


# ---- what each move must leave alone ---------------------------------------------------------

NOT_ABSOLUTE = [
    "I always feel nervous before these talks.",  # the speaker's own experience
    "I never know how to bring this up.",
    "I have never felt so alone.",
    "My mum always calls at dinner.",  # someone else
    'You said "you never listen" and I felt small.',  # quoting
    "You told me I always overreact and I felt small.",  # reporting
    "Thank you for everything.",
]
NOT_I_STATEMENT = [
    "I feel like you never listen.",  # a thought posing as a feeling
    "I feel that you don't care.",
    "I feel like you're always on your phone.",
    "Sounds good.",  # not the speaker's feeling
    "Calm down.",
    "I feel ignored.",  # a faux feeling: gently offered, not counted as clean
]
NOT_BLAME = [
    "When you said 'it's your fault', I felt hurt.",  # quoting the partner
    "When you said I was lazy, I felt hurt.",  # reporting the partner
    "You said it's my fault and I felt hurt.",
    "I feel lonely when you're on your phone at dinner.",
    "I felt stupid when I cried in front of your friends.",
    "It makes me sad when we don't talk.",  # owning it, not "you make me"
]
NOT_CONTEMPT = [
    "Whatever you need, I'm here.",
    'You said "whatever" and walked off, and I felt hurt.',  # quoting
    "You told me to calm down and I felt embarrassed.",  # reporting
    "I felt stupid when I cried in front of your friends.",  # about oneself
    "Your boss sounds exhausting.",
    "Can we calm down and talk at eight?",
    "Thank you, that was really kind.",
    "I feel like I'm the only one who cares about the house.",
]
NOT_REFLECTION = [
    "Sounds good.",
    "Sounds like a plan.",
    "It sounds like you don't care.",  # mind-reading, not reflecting
    "So you're saying it's my fault?",  # defensiveness
    "You sound ridiculous.",  # a put-down
]
NOT_QUESTION = [
    'When you said "no worries, I\'ve got this", I felt shut out.',
    "I'm tired.",
]


@pytest.mark.parametrize("text", NOT_ABSOLUTE)
def test_absolute_leaves_alone(text: str) -> None:
    assert "absolute" not in classify(text).tags


@pytest.mark.parametrize("text", NOT_I_STATEMENT)
def test_i_statement_leaves_alone(text: str) -> None:
    assert "i_statement" not in classify(text).tags


@pytest.mark.parametrize("text", NOT_BLAME)
def test_blame_leaves_alone(text: str) -> None:
    move = classify(text)
    assert "blame" not in move.tags and move.effect >= 0, move


@pytest.mark.parametrize("text", NOT_CONTEMPT)
def test_contempt_leaves_alone(text: str) -> None:
    assert "contempt" not in classify(text).tags


@pytest.mark.parametrize("text", NOT_REFLECTION)
def test_reflection_leaves_alone(text: str) -> None:
    assert classify(text).name != "reflection"


@pytest.mark.parametrize("text", NOT_QUESTION)
def test_question_leaves_alone(text: str) -> None:
    assert "question" not in classify(text).tags


def test_hardening_wins_over_softening() -> None:
    move = classify("I hear you, but you never help.")
    assert move.effect == -1
    assert classify("Thanks for nothing.").name == "contempt"


def test_questions_and_neutral_turns_leave_openness_alone() -> None:
    assert classify("How was your day?").name == "question"
    assert classify("What do you need from me?").effect == 0
    assert classify("The car is at the garage.").name == "neutral"
    assert classify("").name == "neutral"


def test_evidence_quotes_the_words() -> None:
    move = classify("You never listen to me!")
    assert move.evidence["absolute"].lower() in "you never listen to me!"


def test_every_move_has_a_family() -> None:
    assert {group_of(m) for m in MOVES} == {"hard", "soft", "other"}
    assert set(HARDENING).isdisjoint(SOFTENING)
    with pytest.raises(ValueError):
        group_of("shouting")
