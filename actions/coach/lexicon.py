"""The coach's word lists, read lazily from the YAML files in ``data/``."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache, partial

from actions import data_files


#: ``load(name)``: ``data/<name>.yml`` parsed once; ``words(name, key)``: one of its lists.
load = partial(data_files.load, __package__)
words = partial(data_files.words, __package__)


@dataclass(frozen=True)
class FauxFeeling:
    """A word that evaluates what someone did, with what often sits underneath."""

    word: str
    feelings: tuple[str, ...]
    needs: tuple[str, ...]
    kind: str = "other"  # "other": about the partner; "self": a judgement of oneself


@lru_cache(maxsize=None)
def feeling_words() -> frozenset[str]:
    """Every feeling word and phrase (needs met and not met, plus feeling nouns)."""
    data = load("feelings")
    found: set[str] = set()
    for section in ("met", "unmet"):
        for group in (data.get(section) or {}).values():
            found.update(str(w).lower() for w in group)
    found.update(str(w).lower() for w in data.get("nouns", []))
    return frozenset(found)


@lru_cache(maxsize=None)
def feeling_adjectives() -> frozenset[str]:
    """Feeling words other than the feeling nouns ("hurt" is both)."""
    data = load("feelings")
    return frozenset(
        str(w).lower()
        for section in ("met", "unmet")
        for group in (data.get(section) or {}).values()
        for w in group
    )


@lru_cache(maxsize=None)
def feeling_phrases() -> tuple[str, ...]:
    """Feeling words as a tuple for phrase matching."""
    return tuple(sorted(feeling_words()))


@lru_cache(maxsize=None)
def urges() -> dict[str, tuple[str, ...]]:
    """Urges ("like crying") mapped to the feelings they point at."""
    return {str(k): tuple(v) for k, v in (load("feelings").get("urges") or {}).items()}


@lru_cache(maxsize=None)
def faux_feelings() -> dict[str, FauxFeeling]:
    """Faux feelings by word or phrase."""
    data = load("faux_feelings")
    out: dict[str, FauxFeeling] = {}
    for word, entry in (data.get("words") or {}).items():
        out[str(word)] = FauxFeeling(
            word=str(word),
            feelings=tuple(entry.get("feelings", ())),
            needs=tuple(entry.get("needs", ())),
            kind=str(entry.get("kind", "other")),
        )
    return out


def faux_default() -> FauxFeeling:
    """What to offer for an unlisted passive ("I feel sidelined")."""
    data = load("faux_feelings")
    return FauxFeeling(
        word="",
        feelings=tuple(data.get("default_feelings", ())),
        needs=tuple(data.get("default_needs", ())),
    )


def feeling_groups() -> dict[str, list[str]]:
    """Feelings grouped for "I don't know what I feel" buttons."""
    groups = load("feelings").get("groups") or {}
    return {str(name): [str(w) for w in items] for name, items in groups.items()}


def default_feeling_offer() -> list[str]:
    """Feelings to offer when nothing in the text hints at one."""
    return list(words("feelings", "default_offer"))


def need_options() -> list[str]:
    """Common universal needs for buttons."""
    return list(words("needs", "options"))


@lru_cache(maxsize=None)
def universal_needs() -> frozenset[str]:
    """Universal needs (NVC needs inventory)."""
    return frozenset(w.lower() for w in words("needs", "universal") + words("needs", "options"))


@lru_cache(maxsize=None)
def strategy_map() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(keywords, needs) pairs for naming the need behind a strategy."""
    rows = load("needs").get("strategy_map") or []
    return tuple((tuple(r["keys"]), tuple(r["needs"])) for r in rows)
