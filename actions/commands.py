"""Tell a command to the assistant ("stop", "let's pause") from a sentence that merely
contains one ("stop being so mean", "he told me to stop crying"). Pure Python."""

from __future__ import annotations

import re

_WORDS = re.compile(r"[a-z']+")

# Said to the assistant: stop *this*.
_BOT_OBJECTS = frozenset(
    "it this that now here please asking questions question talking chatting "
    "for today the session conversation chat typing".split()
)
# Signs that the sentence is about someone's behaviour (a draft request or a story).
_PERSON = frozenset(
    "you your you're he she they him her them his hers their being "
    "husband wife partner boyfriend girlfriend bf gf fiance fiancee mum mom dad".split()
)
_SHORT = 3


def is_stop_command(text: str) -> bool:
    """True when the message asks the assistant to stop or pause, not when it is a
    request or a story that uses the word "stop"."""
    words = _WORDS.findall(text.lower().replace("’", "'"))
    if not words:
        return False
    if any(word in _PERSON for word in words):
        return False
    for index, word in enumerate(words):
        if word in ("stop", "quit", "quitting", "stopping") and index + 1 < len(words):
            following = words[index + 1]
            if following.endswith("ing") and following not in _BOT_OBJECTS:
                return False  # "stop yelling": a behaviour, not a command to me
    return len(words) <= _SHORT or not any(
        word.endswith("ing") and word not in _BOT_OBJECTS and word != "nothing"
        for word in words
    )
