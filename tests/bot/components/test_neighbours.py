"""Each intent's nearest training examples, by cosine of the sentence embedding."""

import numpy as np
import pytest

from bot.components.neighbours import Neighbours

CLASSES = ["labor_division", "share_story"]
# Two clusters on the plane, plus a third axis nobody is near.
BANK = np.array([[1.0, 0.0, 0.0], [0.8, 0.6, 0.0], [0.0, 1.0, 0.0], [0.0, 2.0, 0.0]])
LABELS = ["labor_division", "labor_division", "share_story", "share_story"]


def test_a_copy_of_an_example_is_as_close_as_can_be_to_its_intent_only():
    near = Neighbours.fit(BANK, LABELS, CLASSES, k=1)
    [row] = near.features(np.array([[2.0, 0.0, 0.0]]))  # length does not matter
    assert row[0] == pytest.approx(1.0, abs=1e-3)
    assert row[1] == pytest.approx(0.0, abs=1e-3)


def test_k_averages_the_nearest_k_of_each_intent():
    near = Neighbours.fit(BANK, LABELS, CLASSES, k=2)
    [row] = near.features(np.array([[1.0, 0.0, 0.0]]))
    assert row[0] == pytest.approx((1.0 + 0.8) / 2, abs=1e-3)
    assert row[1] == pytest.approx(0.0, abs=1e-3)
    # Fewer examples than k: the mean of those there are.
    one = Neighbours.fit(BANK[:3], LABELS[:3], CLASSES, k=5)
    assert one.features(np.array([[0.0, 1.0, 0.0]]))[0][1] == pytest.approx(1.0, abs=1e-3)


def test_a_message_far_from_everything_is_near_nothing():
    near = Neighbours.fit(BANK, LABELS, CLASSES, k=1)
    [row] = near.features(np.array([[0.0, 0.0, 1.0]]))
    assert row == pytest.approx([0.0, 0.0], abs=1e-3)


def test_a_training_example_is_not_its_own_neighbour():
    near = Neighbours.fit(BANK, LABELS, CLASSES, k=1)
    inside = near.features(BANK, leave_out_self=True)
    # The first example's nearest other labour example is the second (cosine 0.8), not itself.
    assert inside[0][0] == pytest.approx(0.8, abs=1e-3)
    assert inside[2][1] == pytest.approx(1.0, abs=1e-3)  # the other story is the same direction
    # Without leaving out, each is its own nearest.
    assert near.features(BANK)[0][0] == pytest.approx(1.0, abs=1e-3)


def test_a_message_without_an_embedding_reads_as_zeros_not_nan():
    near = Neighbours.fit(BANK, LABELS, CLASSES, k=2)
    row = near.features(np.zeros((1, 3)))
    assert np.isfinite(row).all()
    assert row == pytest.approx(np.zeros((1, 2)))


def test_the_stored_arrays_give_the_same_features():
    rng = np.random.default_rng(3)
    bank = rng.normal(size=(20, 8))
    labels = [CLASSES[i % 2] for i in range(20)]
    near = Neighbours.fit(bank, labels, CLASSES, k=3)
    arrays = near.arrays()
    assert arrays["bank"].dtype == np.float16
    again = Neighbours.from_arrays(arrays["bank"], arrays["bank_labels"], CLASSES, 3)
    queries = rng.normal(size=(5, 8))
    assert np.array_equal(near.features(queries), again.features(queries))


def _brute_force(bank, labels, classes, k, queries, leave_out_self=False):
    """Each message, each intent: the mean of the k largest cosines, written out plainly."""
    unit = lambda v: v / np.linalg.norm(v)  # noqa: E731
    bank16 = np.array([unit(b) for b in bank], dtype=np.float16).astype(np.float64)
    out = np.zeros((len(queries), len(classes)))
    for m, query in enumerate(queries):
        for j, intent in enumerate(classes):
            cosines = sorted((-1.0 if leave_out_self and i == m else float(unit(query) @ b))
                             for i, (b, label) in enumerate(zip(bank16, labels))
                             if label == intent)
            if cosines:
                taken = cosines[-k:]
                out[m, j] = sum(taken) / len(taken)
    return out


def test_intents_of_any_size_in_any_order_match_the_plain_definition():
    rng = np.random.default_rng(11)
    classes = ["a", "b", "c", "d", "e"]
    # Interleaved labels, one intent with a single example, one with none ("e").
    labels = [rng.choice(["a", "b", "b", "c", "c", "c"]) for _ in range(60)] + ["d"]
    rng.shuffle(labels)
    bank = rng.normal(size=(len(labels), 6))
    queries = rng.normal(size=(7, 6))
    for k in (1, 3, 4):
        near = Neighbours.fit(bank, labels, classes, k=k)
        assert near.features(queries) == pytest.approx(
            _brute_force(bank, labels, classes, k, queries), abs=1e-5)
        assert near.features(bank, leave_out_self=True) == pytest.approx(
            _brute_force(bank, labels, classes, k, bank, leave_out_self=True), abs=1e-5)
    # The intent nobody gave an example of reads zero, not NaN.
    assert (near.features(queries)[:, 4] == 0).all()
