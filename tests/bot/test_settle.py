"""The garbage collector is kept off what is alive when a model has loaded, and still
collects what is thrown away before and after."""

from __future__ import annotations

import gc
import weakref

import pytest

from bot.settle import settle_garbage_collector


class Node:
    """Something that can be part of a reference cycle and be watched with a weakref."""

    def __init__(self) -> None:
        self.other: object = None


def _cycle() -> "weakref.ref[Node]":
    first, second = Node(), Node()
    first.other, second.other = second, first
    return weakref.ref(first)


@pytest.fixture
def settled():
    yield
    gc.unfreeze()


def test_objects_alive_at_load_are_frozen(settled) -> None:
    kept = [Node() for _ in range(1000)]
    before = gc.get_freeze_count()
    frozen = settle_garbage_collector()
    assert frozen == gc.get_freeze_count()
    assert frozen >= before + len(kept)


def test_garbage_from_before_is_collected_not_frozen(settled) -> None:
    watched = _cycle()  # unreachable, but only a collection frees a cycle
    settle_garbage_collector()
    assert watched() is None


def test_garbage_made_later_is_still_collected(settled) -> None:
    settle_garbage_collector()
    watched = _cycle()
    gc.collect()
    assert watched() is None

