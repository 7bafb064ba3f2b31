"""Active listening: paraphrasing what the person said, and noticing "I don't know"."""
from __future__ import annotations

import re

from . import lexicon
from .grammar import in_ranges, prep_text, quoted_ranges
from .nlp import parse
from .split import sentence_spans
from .text import find_phrases, norm, strip_end_punct, strip_lead_fillers

MAX_WORDS = 30

# First person -> second person. Third person stays as it is.
_SWAP = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "im": "you're",
    "i've": "you've",
    "ive": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "we": "you two",
    "us": "you both",
    "our": "your",
    "ours": "yours",
    "ourselves": "yourselves",
    "we're": "you two are",
    "we've": "you two have",
    "we'd": "you two would",
    "we'll": "you two will",
}
# Verb forms that change after "I" ("I was" -> "you were").
_AFTER_I = {"was": "were", "wasn't": "weren't", "am": "are", "'m": "'re"}
# ... and before it in questions ("was I" -> "were you").
_BEFORE_I = {"was": "were", "wasn't": "weren't", "am": "are"}
_TOKEN = re.compile(r"[A-Za-z']+|[^A-Za-z']+")
_CLAUSE_BREAK = re.compile(r",\s+|;\s+|\s+(?:and|but|so|because)\s+")


def _trim(text: str) -> str:
    """First sentence, at most MAX_WORDS words, cut at a clause boundary where possible."""
    sents = sentence_spans(text)
    if sents:
        first = text[sents[0][0] : sents[0][1]].strip()
        if len(first.split()) <= 2 and len(sents) > 1:  # "Ugh. My wife said ..."
            first = text[sents[1][0] : sents[1][1]].strip()
        elif len(first.split()) < 5 and len(sents) > 1:  # "He left. Then he came back."
            first = text[sents[0][0] : sents[1][1]].strip()
        text = first
    words = text.split()
    if len(words) <= MAX_WORDS:
        return text
    head = " ".join(words[:MAX_WORDS])
    cuts = [m.start() for m in _CLAUSE_BREAK.finditer(head) if m.start() > 20]
    return head[: cuts[-1]] if cuts else head


def _swap(text: str) -> str:
    """First person to second, except inside quoted speech (someone else's words)."""
    tokens = _TOKEN.findall(text)
    starts, offset = [], 0
    for tok in tokens:
        starts.append(offset)
        offset += len(tok)
    quotes = quoted_ranges(text)
    words_at = [i for i, tok in enumerate(tokens) if re.match(r"[A-Za-z']", tok)]
    out = list(tokens)
    for n, i in enumerate(words_at):
        if in_ranges(starts[i], quotes):
            continue
        low = tokens[i].lower()
        prev = tokens[words_at[n - 1]].lower() if n > 0 else ""
        nxt = tokens[words_at[n + 1]].lower() if n + 1 < len(words_at) else ""
        if low in _SWAP:
            out[i] = _SWAP[low]
        elif low in _AFTER_I and prev == "i":
            out[i] = _AFTER_I[low]
        elif low in _BEFORE_I and nxt == "i":
            out[i] = _BEFORE_I[low]
        elif low == "we" and nxt in ("were", "are"):
            out[i] = "you two"
    return "".join(out)


def paraphrase(text: str) -> str:
    """What the person said, back to them: "My husband said I was ..." -> "your husband said you were ..."."""
    t = strip_lead_fillers(prep_text(text or "").strip())
    t = re.sub(r"\s+", " ", t)
    if not t:
        return ""
    t = _trim(t)
    t = strip_end_punct(t)
    first_is_name = False
    doc = parse(t)
    if len(doc) and doc[0].pos_ == "PROPN" and doc[0].lower_ not in _SWAP and doc[0].text[:1].isupper():
        first_is_name = True
    out = _swap(t)
    out = strip_end_punct(out).strip().strip('"')
    if out and not first_is_name:
        out = out[0].lower() + out[1:]
    return out


def is_dont_know(text: str) -> bool:
    """Is this an "I don't know" answer, with no actual answer in it?"""
    t = norm(text or "").strip()
    if not t:
        return False
    phrases = lexicon.words("phrases", "dont_know")
    hits = find_phrases(t, phrases)
    if not hits:
        return False
    rest = t
    for start, end in reversed(hits):
        rest = rest[:start] + " " + rest[end:]
    filler = set(lexicon.words("phrases", "dont_know_filler"))
    leftover = [w for w in re.findall(r"[\w']+", rest) if w not in filler]
    return not leftover
