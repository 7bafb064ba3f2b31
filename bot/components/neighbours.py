"""How close a message is to each intent's nearest training examples, by sentence embedding.

A logistic regression draws one straight boundary per intent; a script is said in many
different ways, and a new message is often a close paraphrase of one or two examples rather
than near the middle of them all. For each intent this gives the mean cosine similarity of
the message to that intent's `k` nearest training examples: features the linear check's
script model reads beside the n-grams and the embedding (cross-validation in docs/design.md).

Pure NumPy: the training embeddings are kept (as float16, about 3 MB for 3,700 examples) and
one matrix product compares a batch of messages with all of them.
"""

from __future__ import annotations

from typing import List, Sequence

import numpy as np


def _unit(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (a zero row, a message without an embedding, stays zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


class Neighbours:
    """The training examples' embeddings, grouped by intent, and `k`.

    `bank` holds the examples' unit-length embeddings, rounded to float16 as they are stored,
    so a loaded model reads exactly what the trained one did.
    """

    def __init__(self, bank: np.ndarray, labels: np.ndarray, classes: Sequence[str],
                 k: int) -> None:
        self.bank = np.asarray(bank, dtype=np.float16).astype(np.float32)
        self.labels = np.asarray(labels, dtype=np.int64)
        self.classes = list(classes)
        self.k = int(k)
        # The bank sorted by intent (stable: each intent keeps its examples' order), so each
        # intent's examples are one contiguous block of columns: the per-intent selections
        # below are views, not copies, which is most of the cost of one chat message.
        order = np.argsort(self.labels, kind="stable")
        self._sorted = np.ascontiguousarray(self.bank[order].T)
        self._position = np.empty_like(order)  # where each example went
        self._position[order] = np.arange(len(order))
        counts = np.bincount(self.labels, minlength=len(self.classes))[:len(self.classes)]
        ends = np.cumsum(counts)
        self._blocks = [(int(e - c), int(e)) for c, e in zip(counts, ends)]

    @classmethod
    def fit(cls, embeddings: np.ndarray, labels: Sequence[str], classes: Sequence[str],
            k: int) -> "Neighbours":
        """Keep every example's embedding under its intent (`classes` gives the order)."""
        index = {c: j for j, c in enumerate(classes)}
        return cls(_unit(embeddings), np.array([index[label] for label in labels]), classes, k)

    def features(self, embeddings: np.ndarray, leave_out_self: bool = False) -> np.ndarray:
        """(messages, intents): mean cosine of each message to each intent's k nearest.

        With `leave_out_self` the messages are the training examples themselves, in order,
        and each is not counted as its own neighbour (as a new message never is).
        """
        similarity = _unit(embeddings) @ self._sorted
        if leave_out_self:
            similarity[np.arange(similarity.shape[0]), self._position] = -1.0
        out = np.zeros((similarity.shape[0], len(self.classes)), dtype=np.float64)
        for j, (start, end) in enumerate(self._blocks):
            if end == start:
                continue
            k = min(self.k, end - start)
            # The k largest end up last: partition in place of a negated copy.
            block = np.partition(similarity[:, start:end], end - start - k, axis=1)
            out[:, j] = block[:, end - start - k:].mean(axis=1)
        return out

    def arrays(self) -> dict:
        """What `save` stores: the embeddings as float16 and each one's intent index."""
        return {"bank": self.bank.astype(np.float16), "bank_labels": self.labels}

    @classmethod
    def from_arrays(cls, bank: np.ndarray, labels: np.ndarray, classes: List[str],
                    k: int) -> "Neighbours":
        """The inverse of `arrays`."""
        return cls(bank, labels, classes, k)
