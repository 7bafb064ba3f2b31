"""The word lists: shape, size and consistency."""
from __future__ import annotations

from importlib import resources

import pytest
import yaml

from actions.coach import feeling_groups, lexicon, need_options


def test_feeling_groups_shape() -> None:
    groups = feeling_groups()
    assert set(groups) == {"sad", "scared", "angry", "tired", "lonely", "good"}
    for feelings in groups.values():
        assert len(feelings) == 5
        assert all(f in lexicon.feeling_words() for f in feelings)
        assert all(len(f.split()) <= 2 for f in feelings)


def test_need_options_shape() -> None:
    options = need_options()
    assert 6 <= len(options) <= 10
    assert {"support", "rest", "connection", "respect", "reassurance"} <= set(options)
    assert all(o in lexicon.universal_needs() for o in options)


def test_feeling_lexicon_is_big() -> None:
    assert len(lexicon.feeling_words()) >= 200


def test_faux_feelings_offer_known_feelings() -> None:
    for entry in lexicon.faux_feelings().values():
        assert entry.feelings and entry.needs
        assert all(f in lexicon.feeling_words() for f in entry.feelings), entry.word
        assert entry.kind in ("other", "self")


def test_faux_feelings_are_not_feelings() -> None:
    assert not set(lexicon.faux_feelings()) & lexicon.feeling_words()


@pytest.mark.parametrize(
    "name", ["feelings", "faux_feelings", "needs", "evaluation", "blame", "request", "phrases"]
)
def test_data_files_hold_only_strings(name: str) -> None:
    """YAML turns bare no/off/on into booleans; every entry must stay a string."""
    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                assert isinstance(key, str), (name, key)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        else:
            assert isinstance(node, str), (name, node)

    walk(lexicon.load(name))
    assert lexicon.load(name) == yaml.safe_load(
        (resources.files("actions.coach") / "data" / f"{name}.yml").read_text()
    )
