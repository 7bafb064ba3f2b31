"""The observation part: evaluation (NVC) and criticism (Gottman)."""
from __future__ import annotations

import pytest

from actions.coach import check_observation, clean_observation

from .conftest import checks

EVALUATIONS = [
    ("when you always ignore me", "always"),
    ("you never help with the dishes", "never"),
    ("u constantly check ur phone", "constantly"),
    ("every single time I talk about my day you look away", "every single time"),
    ("you're on your phone all the time", "all the time"),
    ("you took forever to answer my text", "forever"),
    ("nothing I do is ever good enough for you", "nothing"),
    ("you don't even talk to me anymore", "anymore"),
    ("you were so lazy on Sunday", "lazy"),
    ("my husband was being selfish at dinner", "selfish"),
    ("you were rude to my mom", "rude"),
    ("she's so controlling about money", "controlling"),
    ("you acted like a total slob", "slob"),
    ("you were cold to me all night", "cold"),
    ("you rudely interrupted me", "rudely"),
    ("my gf was being dramatic at the party", "dramatic"),
    ("you don't care about me", "care"),
    ("you don't love me", "love me"),
    ("you wanted to hurt me", "hurt me"),
    ("you think I'm stupid", "think"),
    ("you did it on purpose", "on purpose"),
    ("you obviously didn't want to come", "obviously"),
    ("oh great, you forgot again", "oh great"),
    ("thanks a lot for leaving me with the kids", "thanks a lot"),
    ("as usual you were late", "as usual"),
    ("of course you forgot the milk", "of course you"),
    ("you clearly prefer your friends", "clearly"),
    ("you drink too much", "too much"),
    ("he ignored me at the party", "ignored"),
    ("you blew me off on Friday", "blew me off"),
    ("my wife is such a nag", "nag"),
    ("you couldn't care less about my job", "care less"),
    ("you were being immature and inconsiderate", "immature"),
]


@pytest.mark.parametrize(("text", "word"), EVALUATIONS)
def test_evaluation_is_caught(text: str, word: str) -> None:
    found = [f for f in check_observation(text) if f.check == "evaluation"]
    assert found, text
    assert any(word.lower() in f.span.lower() or f.span.lower() in word.lower() for f in found)
    assert all("camera" in f.suggestion for f in found)


OBSERVATIONS = [
    "you came home at 11 last night",
    "you said you'd call and didn't",
    "we haven't had dinner together this week",
    "I was talking about my day and you looked at your phone",
    "you forgot my birthday on Saturday",
    "I had never seen that before",
    "you looked at your phone while I was talking last night",
    "you said nothing when I asked about the trip",
    "the dinner was cold when you got home",
    "you called me lazy in front of your mom",
    "you told me I was being dramatic",
    "there was nothing in the fridge",
    "it was a terrible day at work and you didn't ask about it",
    "you went out with your friends on Friday without telling me",
    "my girlfriend didn't reply to my texts for 6 hours yesterday",
    "when my husband left the dishes in the sink this morning",
    "I was cold and you took the blanket",
    "you were late to dinner on Tuesday",
    "you said 'you never listen' in front of my sister",
    "my boyfriend cancelled our date an hour before",
    "she rolled her eyes when I mentioned my job",
    "you put the game on while I was telling you about my mum",
    "you left the wet towels on the bed this morning",
    "we had planned to go out and you stayed at work till 9",
]


@pytest.mark.parametrize("text", OBSERVATIONS)
def test_evaluation_leaves_observations_alone(text: str) -> None:
    assert check_observation(text) == []


CRITICISMS = [
    ("you always leave your stuff everywhere", "you always"),
    ("You never listen to me", "You never"),
    ("when you never help", "you never"),
    ("what is wrong with you", "what is wrong with you"),
    ("whats wrong with u", "whats wrong with u"),
    ("why would you say that to my mom", "why would you"),
    ("why do you always do this", "why do you always"),
    ("why can't you just put the phone down", "why can't you"),
    ("how could you forget our anniversary", "how could you"),
    ("you're such a slob", "you're such a"),
    ("you are so selfish", "you are so"),
    ("ur so lazy", "ur so"),
    ("my husband never helps", "my husband never"),
    ("she always does this", "she always"),
    ("Jordan never texts back", "Jordan never"),
]


@pytest.mark.parametrize(("text", "span"), CRITICISMS)
def test_criticism_opener_is_caught(text: str, span: str) -> None:
    crit = [f for f in check_observation(text) if f.check == "criticism"]
    assert crit, text
    assert crit[0].span.lower() == span.lower()
    assert "'I'" in crit[0].suggestion


@pytest.mark.parametrize(
    "text",
    [
        "I was talking and you looked at your phone",
        "you came home late without texting",
        "yesterday you said you would always be there",
        "you're a great dad but you missed the school play",
        "we argued about money last night",
        "my wife forgot to pick me up",
        "when you said you never wanted kids",
    ],
)
def test_criticism_leaves_other_openers_alone(text: str) -> None:
    assert "criticism" not in checks(check_observation(text))


def test_criticism_and_evaluation_both_fire_for_you_always() -> None:
    findings = check_observation("you always ignore me")
    assert [f.check for f in findings][:2] == ["criticism", "evaluation"]
    assert findings[0].span == "you always"
    assert findings[1].span == "always"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("When you left the dishes.", "you left the dishes"),
        ("whenever you come home late!!", "you come home late"),
        ("because you forgot", "you forgot"),
        ("It's when you look at your phone", "you look at your phone"),
        ("You looked at your phone while i was talking", "you looked at your phone while I was talking"),
        ("every time you leave", "every time you leave"),
    ],
)
def test_clean_observation(raw: str, clean: str) -> None:
    assert clean_observation(raw) == clean


# Unseen phrasings of "what happened, as a camera would see it?" that judge rather than describe.
MORE_EVALUATIONS = [
    "he's always on his phone at dinner",
    "you were being really inconsiderate last night",
    "he was so rude to my parents at christmas",
    "she totally ignored me the whole party",
    "you dismissed everything I said",
    "u blew me off again for ur mates",
    "he gaslit me about the money",
    "my boyfriend was being a complete jerk",
    "she's so selfish with the car",
    "you belittled me in front of our friends",
    "he nags me about the washing up constantly",
    "you treated me like a child at the restaurant",
    "you made a scene at my sister's wedding",
    "you never once asked how my interview went",
    "you were glued to the telly all evening",
    "he humiliated me at the work do",
    "my husband stonewalled me for two days",
    "she mocked my accent at the dinner party",
    "he just doesn't care about anything I say",
    "she doesn't respect my time",
    "he overreacted when I mentioned his mum",
    "you were being passive aggressive about the dishes",
    "you clearly didn't want me there",
    "he's such a mummy's boy",
    "she is obsessed with her phone",
    "he was being selfish as usual",
    "you ruined my birthday",
    "my partner is so lazy around the house",
    "tbh he's been distant for weeks",
    "she's never home before 9",
    "my wife is always criticizing how i parent",
    "he ignores me whenever his friends are around",
    "you were being so childish about the washing up",
    "you embarrassed me in front of my boss",
    "every time i bring up the wedding my girlfriend changes the subject",
    "you're on the xbox literally every night",
    "my boyfriend was a total dick to my sister at her birthday",
    "he acts like a child whenever he doesn't get his way",
    "she completely overreacted about the bins",
    "my husband just sat there like a lump while I did everything",
    "she threw a strop when I said no",
]


@pytest.mark.parametrize("text", MORE_EVALUATIONS)
def test_evaluation_in_everyday_phrasings(text: str) -> None:
    found = [f for f in check_observation(text) if f.check == "evaluation"]
    assert found, text
    assert all(f.span.lower() in text.lower() for f in found)


# What a camera would have recorded: nothing to flag.
MORE_OBSERVATIONS = [
    "you got home at 2am and didn't text",
    "my girlfriend went to the pub with her mates on saturday and came back at midnight",
    "he said 'whatever' and walked out of the kitchen",
    "my wife looked at her phone when i was telling her about my dad",
    "you booked the holiday without asking me first",
    "you didn't reply to my messages from 3pm till 10pm yesterday",
    "my husband moved my stuff off the desk without asking",
    "my partner cancelled our anniversary dinner on friday to work late",
    "when he laughed at my joke in front of his friends",
    "you finished the leftovers I was saving for lunch",
    "she left the dishes in the sink for three days",
    "my boyfriend forgot to pick up the kids from nursery on tuesday",
    "you turned the tv up while i was on the phone with my mum",
    "he spent £200 on a game without mentioning it",
    "you walked off while i was still talking this morning",
    "you said you'd be home by 7 and got in at 9",
    "she went quiet and went to bed early after we talked about money",
    "my wife told her mum about our argument",
    "you checked my phone while I was in the shower",
    "I asked twice if you wanted to go and you didn't answer",
    "we were at his parents' and he spent the whole evening watching football",
    "my husband was on his laptop during dinner every night this week",
    "you rolled your eyes when i mentioned my mum's visit",
    "my girlfriend's ex texted her at midnight and she replied",
    "you cleaned the kitchen but left the bins",
    "the kids were screaming and you kept scrolling on your phone",
    "he came home late and went straight to the xbox",
    "you forgot to lock the front door last night",
    "you interrupted me twice at dinner",
    "when i got home you were asleep on the sofa and the kids were still up",
    "he told his mates about our fight before talking to me",
    "you said you were too tired to go out and then went out with Jess",
    "I was cooking dinner and you stayed on the sofa watching youtube",
    "you forgot to call the plumber like we agreed on monday",
    "my wife put her hand on my shoulder and then walked away when i started crying",
    "my husband and i were at his brother's and he didn't speak to me for an hour",
    "on sunday my girlfriend said she'd rather stay home than see my friends",
    "you asked me to pick up milk and then bought some yourself",
    "she laughed when i tripped on the stairs",
    "last night you went to bed at 9 without saying goodnight",
    "you shouted at me in the car on the way home",
    "my boyfriend posted a photo of us without asking",
    "he's so tired after work that he falls asleep on the sofa",
    "she's so excited about the trip that she booked it without me",
    "I was so embarrassed when you said that",
]


@pytest.mark.parametrize("text", MORE_OBSERVATIONS)
def test_everyday_observations_are_left_alone(text: str) -> None:
    assert check_observation(text) == [], text


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("he's always on his phone at dinner", "he's always"),
        ("hes never home before 8", "hes never"),
        ("my wife's always on her phone", "my wife's always"),
        ("she's such a slob", "she's such a"),
        ("he's so lazy", "he's so"),
        ("my girlfriend never texts back when she's out with her friends", "my girlfriend never"),
        ("my wife constantly criticises my cooking", "my wife constantly"),
        ("whats wrong with you, you left the door open again", "whats wrong with you"),
        ("why do you always leave the milk out", "why do you always"),
        ("you never listen when i talk about work", "you never"),
    ],
)
def test_criticism_in_everyday_phrasings(text: str, span: str) -> None:
    crit = [f for f in check_observation(text) if f.check == "criticism"]
    assert crit, text
    assert crit[0].span.lower() == span.lower()


@pytest.mark.parametrize(
    "text", ["he's so tired after work", "she's so excited about the trip", "they're such a nice couple"]
)
def test_so_or_such_without_a_label_is_not_criticism(text: str) -> None:
    assert "criticism" not in checks(check_observation(text))
