"""A compact syntax for spaCy Matcher token patterns, shared by the phrase-rule layers.

One token per space-separated item:

- ``word|word``: the lower-cased token is one of these;
- ``~lemma|~lemma``: the token's lemma is one of these (a mix of both kinds of alternative
  accepts either the lemma or the surface form);
- ``NOT``: n't / nt / not / never;
- ``NUM``: a number, in digits or words ("30", "twenty");
- ``VERB``: a verb or auxiliary, by its part-of-speech tag ("to *apply*", "into *doing*");
- ``/regex/``: the lower-cased token matches the regular expression (no spaces inside);
- ``ANY``: any one token; ``ANY{0,3}``: up to three tokens;
- ``item?``: the item is optional.

Pure Python: spaCy is not imported here, and nothing happens at import time.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List

Token = Dict[str, Any]
Pattern = List[Token]

#: The words ``NOT`` stands for.
_NOT: List[str] = ["n't", "nt", "not", "never", "n’t"]
_RANGE = re.compile(r"^ANY\{(\d*),(\d+)\}$")
#: Key of a token that accepts a lemma *or* a surface form. It is only a marker: ``_expand``
#: splits such tokens into plain LEMMA and LOWER alternatives before they reach a Matcher, so
#: no Doc extension is ever registered under it.
MIXED = "lemma_or_lower"


def compile_pattern(spec: str, mixed_key: str = MIXED) -> Pattern:
    """Turn the compact syntax into one spaCy Matcher token pattern.

    A token that accepts both lemmas and surface forms is written as ``{"_": {mixed_key: [...]}}``;
    pass the result through ``_expand`` (or use ``expand_spec``) before adding it to a Matcher.
    """
    tokens: Pattern = []
    for item in spec.split():
        optional = item.endswith("?") and len(item) > 1
        if optional:
            item = item[:-1]
        ranged = _RANGE.match(item)
        if ranged:
            low, high = ranged.group(1) or "0", ranged.group(2)
            tokens.append({"OP": f"{{{low},{high}}}"})
            continue
        if item == "ANY":
            token: Token = {}
        elif item == "NOT":
            token = {"LOWER": {"IN": list(_NOT)}}
        elif item == "NUM":
            token = {"LIKE_NUM": True}
        elif item == "VERB":
            token = {"POS": {"IN": ["VERB", "AUX"]}}
        elif len(item) > 2 and item.startswith("/") and item.endswith("/"):
            token = {"LOWER": {"REGEX": item[1:-1]}}
        else:
            words = item.split("|")
            lemmas = [w[1:].lower() for w in words if w.startswith("~")]
            lowers = [w.lower() for w in words if not w.startswith("~")]
            if lemmas and lowers:
                # Either the lemma or the surface form: two alternatives in one token.
                token = {"_": {mixed_key: lemmas + lowers}}
            elif lemmas:
                token = {"LEMMA": {"IN": lemmas}}
            else:
                token = {"LOWER": {"IN": lowers}}
        if optional:
            token["OP"] = "?"
        tokens.append(token)
    return tokens


def _expand(pattern: Pattern, mixed_key: str = MIXED) -> List[Pattern]:
    """Split tokens that accept a lemma or a surface form into plain alternatives."""
    out: List[Pattern] = [[]]
    for token in pattern:
        mixed = token.get("_", {}).get(mixed_key)
        if mixed is None:
            out = [p + [token] for p in out]
            continue
        extra = {k: v for k, v in token.items() if k != "_"}
        by_lemma = {"LEMMA": {"IN": mixed}, **extra}
        by_lower = {"LOWER": {"IN": mixed}, **extra}
        out = [p + [t] for p in out for t in (by_lemma, by_lower)]
    return out


def _exact(token: Token) -> Token:
    """One-element IN sets as exact values (spaCy checks those in C, not in Python)."""
    out: Token = {}
    for key, value in token.items():
        if isinstance(value, dict) and set(value) == {"IN"} and len(value["IN"]) == 1:
            out[key] = value["IN"][0]
        else:
            out[key] = value
    return out


def exact_first(pattern: Pattern, max_split: int = 8) -> List[Pattern]:
    """The same matches, faster: one pattern per alternative of the first token.

    spaCy's Matcher tries every pattern's first token on every token of a Doc; an exact value
    is a cheap C comparison, an IN set a Python call per pattern and token. Sets of more than
    ``max_split`` values stay sets (many exact patterns cost more than one call). Later tokens
    are only tried once a match has started, so they keep their sets (one-element sets become
    exact values).
    """
    if not pattern:
        return [pattern]
    rest = [_exact(t) for t in pattern[1:]]
    first = pattern[0]
    keys = [k for k, v in first.items() if isinstance(v, dict) and set(v) == {"IN"}]
    if len(keys) != 1 or len(first[keys[0]]["IN"]) > max_split:
        return [[_exact(first)] + rest]
    key = keys[0]
    extra = {k: v for k, v in first.items() if k != key}
    return [[{key: value, **extra}] + rest for value in first[key]["IN"]]


def expand_spec(spec: str) -> List[Pattern]:
    """Every plain Matcher pattern for one compact spec, ready for ``Matcher.add``."""
    return _expand(compile_pattern(spec))


__all__ = ["MIXED", "Pattern", "Token", "compile_pattern", "exact_first", "expand_spec", "_expand"]
