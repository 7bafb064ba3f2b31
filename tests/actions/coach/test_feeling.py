"""The feeling part: thoughts, faux feelings and words that are not feelings."""
from __future__ import annotations

import pytest

from actions.coach import check_feeling, clean_feeling, guess_feelings, lexicon

from .conftest import checks

THOUGHTS = [
    "like you don't care",
    "I feel like you don't care",
    "I feel that he never listens",
    "I feel you're not there",
    "feel as if I'm invisible",
    "i feel like ur not even trying",
    "I feel as though she doesn't want me around",
    "I'm feeling like my needs don't matter",
    "I felt that they were laughing at me",
    "I feel my girlfriend doesn't respect me",
    "I feel like a failure tbh",
    "he doesn't care",
    "that you don't love me anymore",
    "I think you don't love me",
    "like nobody cares",
    "I feel it's unfair",
    "I feel Alex would rather be with his friends",
    "honestly i feel like he's checked out of our marriage",
    "I feel like I'm always the one who has to apologize",
]
NOT_THOUGHTS = [
    "lonely",
    "I feel hurt",
    "I feel like crying",
    "really sad and kind of tired",
    "I feel like screaming tbh",
    "i feel like shit",
    "I'm feeling anxious",
    "I felt so embarrassed",
    "ignored",
    "I feel lonely and scared",
    "I feel like I could cry",
    "I feel that way too",
]


@pytest.mark.parametrize("text", THOUGHTS)
def test_thought_as_feeling_is_caught(text: str) -> None:
    findings = check_feeling(text)
    assert "thought_as_feeling" in checks(findings)
    thought = next(f for f in findings if f.check == "thought_as_feeling")
    assert thought.span and thought.span.lower() in text.lower()
    assert thought.options, "a thought should come with feelings to offer"


@pytest.mark.parametrize("text", NOT_THOUGHTS)
def test_thought_as_feeling_leaves_feelings_alone(text: str) -> None:
    assert "thought_as_feeling" not in checks(check_feeling(text))


FAUX = [
    ("ignored", "lonely"),
    ("I feel ignored", "hurt"),
    ("I felt abandoned", "lonely"),
    ("manipulated", "angry"),
    ("attacked tbh", "scared"),
    ("really unappreciated", "hurt"),
    ("I feel rejected", "hurt"),
    ("betrayed", "hurt"),
    ("pressured", "anxious"),
    ("I feel taken for granted", "resentful"),
    ("criticised", "hurt"),
    ("dismissed", "frustrated"),
    ("invisible", "lonely"),
    ("unheard", "lonely"),
    ("used", "hurt"),
    ("disrespected", "hurt"),
    ("judged", "embarrassed"),
    ("misunderstood", "lonely"),
    ("controlled", "frustrated"),
    ("belittled", "hurt"),
    ("unloved", "sad"),
    ("unwanted", "lonely"),
    ("neglected", "lonely"),
    ("i feel left out", "lonely"),
    ("I feel not heard", "frustrated"),
    ("I'm not important to her", "hurt"),
    ("you make me feel small", "hurt"),
    ("kind of let down", "disappointed"),
    ("I feel stupid", "embarrassed"),
    ("I feel sidelined", "hurt"),
]


@pytest.mark.parametrize(("text", "offered"), FAUX)
def test_faux_feeling_offers_the_feelings_underneath(text: str, offered: str) -> None:
    findings = check_feeling(text)
    faux = [f for f in findings if f.check == "faux_feeling"]
    assert faux, findings
    assert offered in faux[0].options
    assert "Does one of those fit?" in faux[0].suggestion
    assert "unknown_feeling" not in checks(findings)


@pytest.mark.parametrize(
    "text",
    ["lonely", "hurt", "scared", "frustrated", "tired", "disappointed", "I feel loved",
     "I felt exhausted", "overwhelmed", "heartbroken"],
)
def test_faux_feeling_leaves_real_feelings_alone(text: str) -> None:
    assert "faux_feeling" not in checks(check_feeling(text))


KNOWN = [
    "lonely", "Lonely.", "really hurt", "a bit anxious", "so sad", "kind of resentful tbh",
    "sad and tired", "hurt, then angry", "very frustrated", "quite worried", "a little scared",
    "exhausted", "overwhelmed", "embarrassed", "ashamed", "jealous", "insecure", "content",
    "relieved", "hopeful", "grateful", "confused", "torn", "numb", "drained", "on edge",
    "heartbroken", "I was scared", "pissed off", "stressed out", "I'm feeling worn out",
    "lonley", "frustated", "I feel like crying", "fed up honestly", "anxious af",
    "I feel happy but nervous", "a mix of anger and sadness", "bummed", "worried sick",
]


@pytest.mark.parametrize("text", KNOWN)
def test_unknown_feeling_accepts_the_lexicon(text: str) -> None:
    assert "unknown_feeling" not in checks(check_feeling(text))


@pytest.mark.parametrize(
    "text", ["whatever", "the dishes", "I cried", "it was a long day", "unprepared", "fine i guess lol"]
)
def test_unknown_feeling_for_words_that_are_not_feelings(text: str) -> None:
    findings = check_feeling(text)
    if text == "fine i guess lol":  # "fine" is a (vague) feeling word
        assert "unknown_feeling" not in checks(findings)
        return
    unknown = [f for f in findings if f.check == "unknown_feeling"]
    assert unknown
    assert unknown[0].options


def test_unknown_feeling_is_not_raised_when_a_faux_or_thought_explains_it() -> None:
    assert "unknown_feeling" not in checks(check_feeling("manipulated"))
    assert "unknown_feeling" not in checks(check_feeling("like he doesn't care"))


def test_typo_is_offered_the_close_word() -> None:
    findings = check_feeling("lonelyy and sadd")
    assert findings == [] or "lonely" in findings[0].options


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("I feel really lonely.", "really lonely"),
        ("Lonely", "lonely"),
        ("I'm feeling hurt", "hurt"),
        ("I felt scared!", "scared"),
        ("i feel i feel sad", "sad"),
        ("Feeling drained tbh", "drained tbh"),
        ("I feel like you don't care", "like you don't care"),
        ("I am so tired", "so tired"),
        ("honestly, I feel anxious", "anxious"),
        ("I’m feeling on edge", "on edge"),
    ],
)
def test_clean_feeling(raw: str, clean: str) -> None:
    assert clean_feeling(raw) == clean


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ignored", ["lonely", "hurt"]),
        ("I feel really lonely", ["lonely"]),
        ("scared and frustrated", ["scared", "frustrated"]),
        ("I told my girlfriend I felt ignored at the party", ["lonely", "hurt"]),
        ("like you don't care", ["hurt"]),
        ("I feel like crying", ["sad"]),
    ],
)
def test_guess_feelings(text: str, expected: list[str]) -> None:
    guessed = guess_feelings(text)
    for feeling in expected:
        assert feeling in guessed
    assert all(g in lexicon.feeling_words() for g in guessed)


@pytest.mark.parametrize(
    "text",
    ["", "the dishes are in the sink", "ok", "we talked about where to spend the holidays",
     "we spent the day at her parents' and he was still on his phone", "I love cooking for us"],
)
def test_guess_feelings_empty_when_no_hint(text: str) -> None:
    if text == "ok":
        assert guess_feelings(text) == ["ok"]
    else:
        assert guess_feelings(text) == []


def test_negated_feeling_is_not_guessed() -> None:
    assert "happy" not in guess_feelings("not happy at all")


# Unseen phrasings: slang, typos, British and American spelling, every kind of couple.
MORE_THOUGHTS = [
    "i feel like she only married me for the visa",
    "ngl i feel like im just a roommate to him",
    "I feel like my boyfriend cares more about his mates than me",
    "felt like he was laughing at me",
    "I feel that my wife doesn't find me attractive anymore",
    "i felt as though nobody in the room was on my side",
    "like my partner would rather be anywhere else",
    "I feel she's hiding something from me",
    "tbh i feel like we're just flatmates now",
    "I feel like everything I do is wrong",
    "honestly I feel like he doesn't even see me",
    "I feel my husband thinks I'm overreacting",
    "lowkey feel like she's bored of me",
    "i feel like i dont matter to her",
    "I feel like our relationship is falling apart",
    "feel like hes not attracted to me anymore",
    "like we're drifting apart",
    "i feel like no matter what i do its never enough for her",
    "I feel like my wife and her mum gang up on me every single time we visit",
    "tbh i just feel like im the only one putting any effort in and he doesnt even notice",
    "i feel he's pulling away",
    "I feel we've lost our spark",
    "kinda feel like she's not in it anymore",
]


@pytest.mark.parametrize("text", MORE_THOUGHTS)
def test_thought_as_feeling_in_everyday_phrasings(text: str) -> None:
    assert "thought_as_feeling" in checks(check_feeling(text)), text


MORE_FAUX = [
    "i felt completely blindsided",
    "super undervalued",
    "I felt humiliated in front of his family",
    "kinda neglected ngl",
    "i feel so unsupported",
    "I felt judged by his mum",
    "gaslit honestly",
    "i felt disregarded",
    "I feel taken advantage of",
    "I felt shut out",
    "I felt patronised",
    "I felt cheated on",
    "I feel ghosted",
    "unimportant tbh",
    "I felt sidelined at the party",
    "i felt really disrespected by my girlfriend",
    "kind of unwanted",
    "i felt dismissed and talked down to",
    "I feel unappreciated by my husband",
    "I felt overlooked when she introduced everyone but me",
    "I feel hurt and a bit betrayed",
]


@pytest.mark.parametrize("text", MORE_FAUX)
def test_faux_feeling_in_everyday_phrasings(text: str) -> None:
    findings = check_feeling(text)
    assert "faux_feeling" in checks(findings), text
    assert "unknown_feeling" not in checks(findings)


# Feelings said the way people say them: nothing to flag at all.
PLAIN_FEELINGS = [
    "gutted tbh",
    "knackered and a bit fed up",
    "proper miffed",
    "absolutely gutted",
    "i was heartbroken honestly",
    "Anxious. Really anxious.",
    "Frustrated and kind of sad",
    "lowkey jealous",
    "ngl pretty hurt",
    "i felt really insecure",
    "overwhelmed and exhausted",
    "scared and panicky",
    "anxious & lonley",
    "embarassed",
    "dissapointed",
    "disapointed and frustated",
    "frustrated with him",
    "hurt by what she said",
    "annoyed at my wife",
    "irritated with my boyfriend",
    "I was really upset with my girlfriend",
    "pretty resentful towards my husband",
    "sad, mostly",
    "a bit on edge",
    "happy actually, and relieved",
    "stressed af",
    "hella anxious",
    "I felt anxious and sick to my stomach",
    "scared he'd leave",
    "worried about money",
    "i was livid",
    "sad that he forgot",
    "I felt lonely at the party",
    "honestly just really tired and a bit lonely",
    "I felt nervous about meeting her parents",
    "I feel insecure when she talks to her ex",
    "jealous, if im honest",
    "I'm feeling quite low",
    "i felt so angry i was shaking",
    "heartbroken and confused",
    "i feel so alone in this marriage",
    "frustrated, hurt, and honestly pretty lonely",
    "i was fuming",
    "bit gutted, bit annoyed",
    "nervous and a little jealous tbh",
    "I felt sooo embarrassed",
    "p sad ngl",
    "exhausted and resentful if i'm being honest",
    "unsettled",
    "angry at myself mostly",
    "chuffed to bits tbh",
]


@pytest.mark.parametrize("text", PLAIN_FEELINGS)
def test_plain_feelings_are_left_alone(text: str) -> None:
    assert check_feeling(text) == [], text


@pytest.mark.parametrize("text", ["he was on his phone", "idk it was just a lot"])
def test_answers_without_a_feeling_are_noticed(text: str) -> None:
    assert check_feeling(text)


@pytest.mark.parametrize(
    ("typo", "feeling"), [("embarassed", "embarrassed"), ("dissapointed", "disappointed")]
)
def test_misspelt_feeling_is_not_a_faux_feeling(typo: str, feeling: str) -> None:
    assert "faux_feeling" not in checks(check_feeling(f"I felt {typo}"))
    assert guess_feelings(typo) == [feeling]
