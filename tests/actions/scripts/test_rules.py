"""The script phrase rules: what each must catch, and what none may catch."""

import pytest

from actions.scripts import SCRIPTS, find, first
from actions.scripts.rules import compile_pattern

CATCH = [
    ("my bf said boys dont cry when i teared up", "emotional_suppression"),
    ("Real men don't cry, he told our son", "emotional_suppression"),
    ("she told me to man up about the job interview", "emotional_suppression"),
    ("he manned up and stopped whining, according to his dad", "emotional_suppression"),
    ("my husband says crying is for girls", "emotional_suppression"),
    ("i'm not supposed to get upset about it, i'm the guy", "emotional_suppression"),
    ("his brother told him to grow a pair", "emotional_suppression"),
    ("my mother in law says a good wife puts her husband first", "caretaker_expectation"),
    ("he thinks women are natural nurturers so the baby is my job", "caretaker_expectation"),
    ("i just keep the peace, i don't want to be too much", "caretaker_expectation"),
    ("I always put his needs before mine", "caretaker_expectation"),
    ("he keeps saying he's the man of the house", "provider_pressure"),
    ("a real man pays for dinner, she said", "provider_pressure"),
    ("he thinks the husband is supposed to earn more", "provider_pressure"),
    ("no worries babe, I've got this, he said, and took over", "competence_dismissal"),
    ("she said I've got this hun and didn't let me finish", "competence_dismissal"),
    ("he told me not to worry my pretty little head about the mortgage", "competence_dismissal"),
    ("he was mansplaining my own job to me", "competence_dismissal"),
    ("my dad says women can't drive", "competence_dismissal"),
    ("he says cooking is a woman's job", "labor_division"),
    ("thats womens work according to my husband", "labor_division"),
    ("he calls it babysitting when it's his own kids", "labor_division"),
    ("he's babysitting our daughter tonight, as he puts it", "labor_division"),
    ("the mental load is all on me", "labor_division"),
    ("my boss said she's too emotional to lead the team", "leadership_career"),
    ("he wants to be the alpha male at work and at home", "leadership_career"),
    ("my career should take a back seat because I'm the mum, he says", "leadership_career"),
    ("he hates working under a woman", "leadership_career"),
]

LEAVE = [
    "my boyfriend cried at the movie and i loved it",
    "I've got this week's groceries covered",
    "she leads the team at work",
    "he's the man of my dreams",
    "we split the bills 50/50 and it works",
    "she earns more than me and we celebrated her raise",
    "he handled the car insurance because he had the papers",
    "he cooks most nights and he's better at it than me",
    "my wife is babysitting her sister's kids this weekend",
    "we argued about whose turn it was to do the dishes",
    "he was quiet all evening because he had a migraine",
    "my husband doesn't believe boys don't cry, he cries all the time",
    "we went to the peace march together",
    "I told her I was upset and she listened",
    "she got promoted to manager and i'm proud of her",
    "he paid for dinner because it was his turn",
    "he said no and I was hurt",
    "i said 'no worries, i've got it' when he asked about the dog's meds",
    "she proposed and i cried like a baby, best day of my life",
    "",
    "   ",
]


@pytest.mark.parametrize("text,script", CATCH)
def test_rule_catches_its_script(text, script):
    hit = first(text)
    assert hit is not None, text
    assert hit.script == script
    assert hit.text and hit.text.lower() in text.lower()


@pytest.mark.parametrize("text", LEAVE)
def test_rules_leave_ordinary_talk_alone(text):
    assert find(text) == []


def test_every_script_has_a_rule_in_the_catch_list():
    assert {s for _, s in CATCH} == set(SCRIPTS)


def test_hits_carry_offsets_into_the_original_text():
    text = "Honestly? He said BOYS DON'T CRY."
    [hit] = find(text)
    assert text[hit.start:hit.end] == hit.text == "BOYS DON'T CRY"


def test_pattern_syntax():
    assert compile_pattern("~man up") == [{"LEMMA": {"IN": ["man"]}}, {"LOWER": {"IN": ["up"]}}]
    assert compile_pattern("NOT ANY{0,2} x?") == [
        {"LOWER": {"IN": ["n't", "nt", "not", "never", "n’t"]}},
        {"OP": "{0,2}"},
        {"LOWER": {"IN": ["x"]}, "OP": "?"},
    ]

