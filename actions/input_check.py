"""Recognise messages that carry no usable words (pure Python, no Rasa import).

Used by the NLU component ``bot.components.input_guard`` to turn such messages into the
``unusable_input`` intent, and by the actions to choose a kind reply.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

InputKind = Literal["empty", "emoji", "punctuation", "unreadable", "non_english", "too_long"]

#: Longer than this, we ask for the part that matters most.
MAX_CHARS = 1500

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# Common function words of languages people are likely to write in instead of English.
# A message is treated as non-English when these outnumber English ones.
_FOREIGN = frozenset(
    """
    je tu il elle nous vous ils elles suis es est sommes êtes sont mon ma mes ton ta tes
    avec pour dans mais très triste pas ne le les des une du au aux qui que quoi parce
    yo él ella nosotros estoy estás está soy eres mi mis tu tus con para pero muy
    porque qué los las del una es esta este mí también cuando siempre nunca
    ich du er sie wir ihr bin bist ist sind mein meine dein deine mit für aber sehr
    nicht und der die das ein eine weil immer nie mich mir dich dir traurig
    io lui lei noi voi sono sei siamo mio mia con per ma molto non perché il gli che
    eu ele ela nós você sou estou meu minha com mas muito não porque uma está
    ik jij hij zij wij ben bent mijn met voor maar heel niet omdat een het
    """.split()
)

_ENGLISH = frozenset(
    """
    i you he she we they it me him her us them my your his our their mine yours
    am is are was were be been being have has had do does did not no yes
    the a an and or but so because when if then than that this these those
    to of in on at for with about from by as into like just really very
    what why how who where which feel felt need want said told always never
    can can't don't didn't won't i'm it's he's she's we're you're they're
    """.split()
)


def _is_emoji_like(char: str) -> bool:
    category = unicodedata.category(char)
    if category in ("So", "Sk", "Cs"):
        return True
    code = ord(char)
    # variation selectors, zero-width joiner, skin tones, regional indicators, tags
    return (
        0xFE00 <= code <= 0xFE0F
        or code == 0x200D
        or 0x1F3FB <= code <= 0x1F3FF
        or 0x1F1E6 <= code <= 0x1F1FF
        or 0xE0020 <= code <= 0xE007F
    )


def strip_control(text: str) -> str:
    """Drop control and format characters (keeping line breaks and tabs as spaces)."""
    kept = []
    for char in text:
        if char in "\n\t\r":
            kept.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf") and char != "\u200d":
            continue
        else:
            kept.append(char)
    return re.sub(r" {2,}", " ", "".join(kept)).strip()


def classify_input(text: str | None) -> InputKind | None:
    """Return why a message cannot be used as words, or ``None`` when it is fine."""
    if text is None:
        return "empty"
    cleaned = strip_control(text)
    if not cleaned:
        return "empty"
    visible = [c for c in cleaned if not c.isspace()]
    if sum(c == "\ufffd" for c in visible) * 4 >= len(visible):
        return "unreadable"
    if all(_is_emoji_like(c) for c in visible):
        return "emoji"
    if not any(c.isalnum() for c in visible):
        if all(_is_emoji_like(c) or unicodedata.category(c).startswith("P") for c in visible):
            return "punctuation" if not any(_is_emoji_like(c) for c in visible) else "emoji"
        return "punctuation"
    if len(cleaned) > MAX_CHARS:
        return "too_long"
    if _looks_non_english(cleaned):
        return "non_english"
    return None


def _looks_non_english(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    if latin / len(letters) < 0.5:
        return True
    words = [w.lower() for w in _WORD.findall(text)]
    foreign = sum(w in _FOREIGN for w in words)
    english = sum(w in _ENGLISH for w in words)
    return foreign >= 2 and foreign > english


#: A short, kind reply for each kind of unusable message.
REPLIES: dict[str, str] = {
    "empty": "I didn't get any words there. Take your time, and type whenever you're ready.",
    "emoji": "I can't read emoji very well, sorry. Could you tell me in a few words?",
    "punctuation": "Could you say a bit more? Any words are fine; there are no wrong answers here.",
    "unreadable": "Something in that message came through garbled. Could you type it again?",
    "non_english": "I'm sorry, I only understand English for now. Could you try writing it "
    "in English?",
    "too_long": "Thank you for telling me all of that. It's a lot to hold. Could you tell me "
    "the part that matters most, in two or three sentences?",
}


def reply_for(text: str | None) -> str | None:
    """The kind reply for an unusable message, or ``None`` when the message is fine."""
    kind = classify_input(text)
    return None if kind is None else REPLIES[kind]
