"""Normalising user text for the safety rules.

The rules run on a normalised copy: lower case, apostrophes removed ("don't" -> "dont"),
common slang and typos expanded ("kms" -> "kill myself", "wanna" -> "want to"), one space between
words. A hit's span is cut from this copy, so it may differ from the typed text in case and
spelling.
"""

from __future__ import annotations

import re

_APOSTROPHES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
    }
)

# Whole-word replacements, applied after apostrophes are removed.
_SLANG: dict[str, str] = {
    "kms": "kill myself",
    "kys": "kill yourself",
    "wanna": "want to",
    "wana": "want to",
    "gonna": "going to",
    "gona": "going to",
    "gotta": "got to",
    "u": "you",
    "ur": "your",
    "ya": "you",
    "r": "are",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "hubs": "husband",
    "rn": "right now",
    "atm": "at the moment",
    "tn": "tonight",
    "tonite": "tonight",
    "2nite": "tonight",
    "2night": "tonight",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "cos": "because",
    "tho": "though",
    "abt": "about",
    "bout": "about",
    "w": "with",
    "idk": "i dont know",
    "idc": "i dont care",
    "idts": "i dont think so",
    "imo": "in my opinion",
    "pls": "please",
    "plz": "please",
    "dnt": "dont",
    "cnt": "cant",
    "kil": "kill",
    "myslef": "myself",
    "mysef": "myself",
    "msyelf": "myself",
    "mself": "myself",
    "suicde": "suicide",
    "sucide": "suicide",
    "suicidle": "suicidal",
    "sucidal": "suicidal",
    "suisidal": "suicidal",
    "unalived": "unalive",
    "unaliving": "unaliving",
    "alr": "already",
    "smth": "something",
    "sth": "something",
    "ppl": "people",
    "ofc": "of course",
    "th": "the",
    "teh": "the",
    "hte": "the",
    "becuase": "because",
    "beacuse": "because",
    "scard": "scared",
    "scaired": "scared",
    "afriad": "afraid",
    "freinds": "friends",
    "frends": "friends",
    "fiancé": "fiance",
    "fiancée": "fiancee",
    "partener": "partner",
    "boyfreind": "boyfriend",
    "girlfreind": "girlfriend",
    "husbnd": "husband",
    "hubby": "husband",
    "wifey": "wife",
    "thru": "through",
    "thier": "their",
}


def normalise(text: str) -> str:
    """The copy of ``text`` that the rules match against."""
    text = (text or "").translate(_APOSTROPHES).lower()
    text = text.replace("'", "")
    text = re.sub(r"\bw/", "with ", text)
    text = re.sub(r"[\"()\[\]{}*_~^#|<>]", " ", text)
    text = re.sub(r"[\r\n]+", ". ", text)
    text = re.sub(r"\.{2,}|…", ". ", text)
    # "i m" typed with a space, "he s", "she s"
    text = re.sub(r"\b(i|he|she|it|that)\s+(m|s)\b", lambda m: m.group(1) + m.group(2), text)
    out: list[str] = []
    for token in re.findall(r"[a-z0-9\u00e0-\u00ff]+|[^a-z0-9\u00e0-\u00ff]+", text):
        out.append(_SLANG.get(token, token) if token[0].isalnum() else token)
    text = "".join(out)
    text = re.sub(r"\bany more\b", "anymore", text)
    text = re.sub(r"([.!?;,:])", r" \1 ", text)
    text = re.sub(r"\s+", " ", text).strip()
    # Letters stretched for emphasis ("sooooo", "pleaseeee") keep at most two.
    text = re.sub(r"([a-z])\1{2,}", r"\1\1", text)
    return text
