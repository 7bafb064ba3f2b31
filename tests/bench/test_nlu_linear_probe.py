"""The learning-curve cut of bench/nlu_linear_probe.py: a share of every intent, the same pick."""

from collections import Counter

from bench.nlu_linear_probe import subsample

LABELS = ["script"] * 40 + ["story"] * 10 + ["rare"]


def test_each_intent_keeps_its_share_and_at_least_one():
    kept = subsample(range(len(LABELS)), LABELS, 0.5)
    counts = Counter(LABELS[i] for i in kept)
    assert counts == {"script": 20, "story": 5, "rare": 1}
    assert kept == sorted(set(kept))  # no index twice, in order


def test_the_pick_is_the_same_every_run_and_only_from_the_given_indices():
    train = list(range(0, len(LABELS), 2))  # one fold's training indices
    assert subsample(train, LABELS, 0.75) == subsample(train, LABELS, 0.75)
    assert set(subsample(train, LABELS, 0.75)) <= set(train)
    assert subsample(train, LABELS, 0.5) != subsample(train, LABELS, 0.75)


def test_the_whole_share_is_everything():
    assert subsample([3, 1, 2], LABELS, 1.0) == [3, 1, 2]
