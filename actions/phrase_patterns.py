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

Pure Python: spaCy is never imported at import time (only `common_words` reads its word list,
when called), and nothing else happens at import time either.
"""

from __future__ import annotations

import re
from typing import AbstractSet, Any, Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

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


#: Matcher operators after which a token must be there at least once.
_REQUIRED_OPS = (None, "+", "1")
#: The token attributes a gate reads (as ``token.lemma_`` and ``token.lower_``).
_GATE_ATTRS = ("LEMMA", "LOWER")
#: Word pieces as common as stop words ("don't" is "do" + "nt" once apostrophes go).
_CLITICS = frozenset({"nt", "m", "s", "re", "ve", "ll", "d", "im", "ive", "dont", "cant"})


Need = Tuple[str, FrozenSet[str]]


def needs(pattern: Pattern) -> List[Need]:
    """What every match of ``pattern`` needs: for each required token with a plain LEMMA or
    LOWER value, (attribute, accepted values). Empty for a pattern of POS tags, regexes and
    optional words."""
    out: List[Need] = []
    for token in pattern:
        if token.get("OP") not in _REQUIRED_OPS:
            continue
        for key in _GATE_ATTRS:
            value = token.get(key)
            if isinstance(value, str):
                out.append((key, frozenset([value])))
            elif isinstance(value, dict) and set(value) == {"IN"}:
                out.append((key, frozenset(str(v) for v in value["IN"])))
    return out


def anchor(pattern: Pattern, common: AbstractSet[str] = frozenset()) -> Optional[Need]:
    """The need of ``pattern`` to look up first: the one with the fewest ``common`` words
    among its values, then the fewest values ("hit|punch|slap" rather than "he|she|they").
    None if the pattern has no need."""
    found = needs(pattern)
    if not found:
        return None
    return min(found, key=lambda need: (len(need[1] & common), len(need[1])))


def common_words() -> FrozenSet[str]:
    """Words too common to file a pattern under: spaCy's English stop words and clitics.
    Imports spaCy's word list, so call it where spaCy is loaded anyway (a Doc exists)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | _CLITICS


class Gate:
    """A cheap test run before a Matcher: False means none of its patterns can match.

    A pattern can only match a Doc that holds a value of every token it needs (``needs``).
    Each pattern is filed under its anchor words (``anchor``, chosen to avoid ``common``
    words); a Doc is checked only against the patterns filed under its own words, so most
    messages skip the Matcher's walk of every pattern over every token. A pattern that needs
    nothing keeps the gate open. The test is the Matcher's own: the token's lemma or
    lower-cased form equals a value.
    """

    def __init__(self, patterns: Iterable[Pattern],
                 common: AbstractSet[str] = frozenset()) -> None:
        self.always_open = False
        self._index: Dict[str, Dict[str, Set[Tuple[Need, ...]]]] = {k: {} for k in _GATE_ATTRS}
        for pattern in patterns:
            first = anchor(pattern, common)
            if first is None:
                self.always_open = True
                continue
            key, words = first
            every = tuple(sorted(set(needs(pattern)), key=lambda n: len(n[1] & common)))
            for word in words:
                self._index[key].setdefault(word, set()).add(every)

    def open_for(self, doc: Any) -> bool:
        """Whether any pattern could match ``doc`` (a spaCy Doc, or any sequence of tokens)."""
        if self.always_open:
            return True
        have = {"LOWER": {t.lower_ for t in doc}, "LEMMA": {t.lemma_ for t in doc}}
        for key, index in self._index.items():
            for word in have[key].intersection(index):
                for every in index[word]:
                    if all(not have[k].isdisjoint(values) for k, values in every):
                        return True
        return False


def expand_spec(spec: str) -> List[Pattern]:
    """Every plain Matcher pattern for one compact spec, ready for ``Matcher.add``."""
    return _expand(compile_pattern(spec))


__all__ = ["MIXED", "Gate", "Need", "Pattern", "Token", "anchor", "common_words",
           "compile_pattern", "exact_first", "expand_spec", "needs", "_expand"]
