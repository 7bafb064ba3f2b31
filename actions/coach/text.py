"""Text helpers: normalising user text and matching word lists as phrases.

Matching runs on a normalised copy of the text that has the same length as the original, so
every match can be sliced out of what the user actually typed (a Finding's span).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Sequence

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"'})

# Spelling variants people type. Each phrase word in a word list also matches these.
_VARIANTS: dict[str, str] = {
    "you": r"(?:you|u|ya|yu)",
    "your": r"(?:your|ur|yor)",
    "you're": r"(?:you'?re|your|ur|u'?re|you\s+are|u\s+are|youre)",
    "you've": r"(?:you'?ve|you\s+have|u'?ve)",
    "you'd": r"(?:you'?d|you\s+would|you\s+had|u'?d)",
    "you'll": r"(?:you'?ll|you\s+will|u'?ll)",
    "i'm": r"(?:i'?m|i\s+am)",
    "i've": r"(?:i'?ve|i\s+have)",
    "i'd": r"(?:i'?d|i\s+would|i\s+had)",
    "i'll": r"(?:i'?ll|i\s+will)",
    "can't": r"(?:can'?t|cannot|can\s+not)",
    "won't": r"(?:won'?t|will\s+not)",
    "it's": r"(?:it'?s|it\s+is)",
    "that's": r"(?:that'?s|that\s+is)",
    "what's": r"(?:what'?s|what\s+is|whats)",
    "he's": r"(?:he'?s|he\s+is)",
    "she's": r"(?:she'?s|she\s+is)",
    "they're": r"(?:they'?re|they\s+are|their)",
    "we're": r"(?:we'?re|we\s+are)",
    "let's": r"(?:let'?s|let\s+us)",
    "gotta": r"(?:gotta|got\s+to)",
}
_NT = re.compile(r"^([a-z]+)n't$")


def norm(text: str) -> str:
    """Lower-case the text and unify apostrophes, keeping its length (offsets stay valid)."""
    text = text.translate(_APOSTROPHES).translate(_QUOTES)
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def clean_spaces(text: str) -> str:
    """Collapse runs of white space and trim."""
    return re.sub(r"\s+", " ", text or "").strip()


def _word_pattern(word: str) -> str:
    if word in _VARIANTS:
        return _VARIANTS[word]
    m = _NT.match(word)
    if m:
        stem = m.group(1)
        return rf"(?:{re.escape(stem)}n'?t|{re.escape(stem)}\s+not)"
    if word == "*":
        return r"(?:[\w']+\s+){0,3}?"
    return re.escape(word).replace("'", "'?")


def phrase_pattern(phrase: str) -> str:
    """Regex source for one word-list entry ("re:" entries are used as they are)."""
    if phrase.startswith("re:"):
        return phrase[3:]
    words = phrase.lower().split()
    parts: list[str] = []
    for i, word in enumerate(words):
        pat = _word_pattern(word)
        if word == "*":
            parts.append(pat)
            continue
        parts.append(pat + (r"\s+" if i < len(words) - 1 and words[i + 1] != "*" else ""))
        if i < len(words) - 1 and words[i + 1] == "*":
            parts[-1] += r"\s+"
    body = "".join(parts)
    start = r"(?<![\w'])" if re.match(r"\w", phrase) else ""
    end = r"(?![\w'])" if re.search(r"\w$", phrase) else ""
    return start + body + end


@lru_cache(maxsize=None)
def compile_phrases(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One regex matching any phrase, longest phrases first."""
    ordered = sorted(phrases, key=lambda p: (-len(p), p))
    return re.compile("|".join(f"(?:{phrase_pattern(p)})" for p in ordered))


def find_phrases(text: str, phrases: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of every non-overlapping phrase match in text (normalised first)."""
    if not text or not phrases:
        return []
    pattern = compile_phrases(tuple(phrases))
    return [(m.start(), m.end()) for m in pattern.finditer(norm(text)) if m.end() > m.start()]


def first_phrase(text: str, phrases: Sequence[str]) -> tuple[int, int] | None:
    """The first match of any phrase, or None."""
    found = find_phrases(text, phrases)
    return found[0] if found else None


def starts_with_phrase(text: str, phrases: Sequence[str]) -> tuple[int, int] | None:
    """The phrase match at the very start of text (after leading spaces), or None."""
    stripped = len(text) - len(text.lstrip())
    for start, end in find_phrases(text, phrases):
        if start == stripped:
            return (start, end)
        if start > stripped:
            break
    return None


def words(text: str) -> list[str]:
    """Lower-case words (apostrophes kept) of text."""
    return re.findall(r"[\w']+|[?]", norm(text))


def any_phrase(text: str, phrases: Iterable[str]) -> bool:
    """True if any phrase occurs in text."""
    return bool(find_phrases(text, tuple(phrases)))


# Words people put in front of an answer that carry no content ("tbh", "well", "honestly").
LEAD_FILLERS = (
    r"(?:(?:well|so|um+|uh+|hmm+|ok(?:ay)?|yeah|yes|honestly|tbh|ngl|to\s+be\s+honest|i\s+guess|"
    r"i\s+suppose|probably|maybe|just|oh|and|but|basically|lol|i\s+mean|"
    r"actually|anyway|right)[\s,.!:;-]+)*"
)


def strip_lead_fillers(text: str) -> str:
    """Drop leading filler words ("well, honestly, ...")."""
    return re.sub(r"^\s*" + LEAD_FILLERS, "", text, flags=re.IGNORECASE)


def capital_i(text: str) -> str:
    """Capitalise the pronoun I and its contractions ("i'm" -> "I'm")."""
    text = text.translate(_APOSTROPHES)
    text = re.sub(r"(?<![\w'])i(?=$|[^\w']|'(?:m|ve|d|ll)(?![\w]))", "I", text)
    return re.sub(r"(?<![\w'])im(?![\w'])", "I'm", text)


def strip_end_punct(text: str) -> str:
    """Trim trailing punctuation and spaces (keeps a closing quote's text)."""
    return re.sub(r"[\s.,;:!?…\-–—]+$", "", text).strip()


# A connector left hanging at the end ("lonely when", "you left and").
_DANGLING = re.compile(r"(?:\s+|^)(?:when|whenever|because|since|and|so|but|then)$", re.IGNORECASE)
_I_FORMS = re.compile(r"I(?:'m|'ve|'d|'ll)?")


def strip_repeatedly(
    text: str, *patterns: re.Pattern[str], passes: int = 3, fillers_each_pass: bool = True
) -> str:
    """Remove leading fillers and each pattern, again and again, until nothing changes."""
    t = strip_lead_fillers(text.strip())
    for _ in range(passes):
        before = t
        for pattern in patterns:
            t = pattern.sub("", t, count=1).strip()
        if fillers_each_pass:
            t = strip_lead_fillers(t)
        if t == before:
            break
    return t


def tidy_part(text: str, drop_dangling: bool = True) -> str:
    """One space between words, no end punctuation or hanging connector, a lower-case start
    (except "I" and acronyms), and a capital "I"."""
    t = strip_end_punct(re.sub(r"\s+", " ", text))
    if drop_dangling:
        t = strip_end_punct(_DANGLING.sub("", t))
    if t:
        first = t.split()[0]
        if not _I_FORMS.fullmatch(first) and not (first.isupper() and len(first) > 1):
            t = t[0].lower() + t[1:]
    return capital_i(t)
