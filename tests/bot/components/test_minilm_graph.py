"""The encoder's ONNX graph computes BERT with mean pooling: checked against a plain NumPy
forward pass written from the published weights' names, on a tiny random model and on the
real all-MiniLM-L6-v2."""

from __future__ import annotations

from typing import Dict

import numpy as np
import pytest
from scipy.special import erf

from bot.components import minilm_graph
from bot.components.sentence_encoder import (
    DIMENSIONS,
    SentenceEncoder,
    _layer_weights,
    model_dir,
    read_safetensors,
)


def _norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + 1e-12) * weight + bias


def reference(w: Dict[str, np.ndarray], ids: np.ndarray, heads: int) -> np.ndarray:
    """BERT as the Hugging Face weights describe it (``y = x @ W.T + b``), then the mean of
    the real tokens, scaled to unit length: one sentence at a time, no padding."""
    out = []
    for row in ids:
        tokens = row[row > 0]
        x = (w["embeddings.word_embeddings.weight"][tokens]
             + w["embeddings.position_embeddings.weight"][: len(tokens)]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        size = x.shape[1]
        head = size // heads
        layer = 0
        while f"encoder.layer.{layer}.output.dense.weight" in w:
            p = f"encoder.layer.{layer}."

            def lin(name: str, v: np.ndarray) -> np.ndarray:
                return v @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            def split(v: np.ndarray) -> np.ndarray:
                return v.reshape(len(tokens), heads, head).transpose(1, 0, 2)

            q, k, v = (split(lin(f"attention.self.{n}", x)) for n in ("query", "key", "value"))
            scores = q @ k.transpose(0, 2, 1) / np.sqrt(head)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            context = (scores / scores.sum(-1, keepdims=True)) @ v
            context = context.transpose(1, 0, 2).reshape(len(tokens), size)
            x = _norm(lin("attention.output.dense", context) + x,
                      w[p + "attention.output.LayerNorm.weight"],
                      w[p + "attention.output.LayerNorm.bias"])
            up = lin("intermediate.dense", x)
            x = _norm(lin("output.dense", up * 0.5 * (1 + erf(up / np.sqrt(2)))) + x,
                      w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
            layer += 1
        pooled = x.mean(0)
        out.append(pooled / np.linalg.norm(pooled))
    return np.array(out, dtype=np.float32)


def tiny_weights(size: int = 8, layers: int = 2, vocab: int = 30, seed: int = 0):
    """Random weights with BERT's names and shapes (inner size 2 x size)."""
    rng = np.random.default_rng(seed)

    def r(*shape: int) -> np.ndarray:
        return rng.normal(0, 0.5, shape).astype(np.float32)

    w = {"embeddings.word_embeddings.weight": r(vocab, size),
         "embeddings.position_embeddings.weight": r(16, size),
         "embeddings.token_type_embeddings.weight": r(2, size),
         "embeddings.LayerNorm.weight": 1 + r(size), "embeddings.LayerNorm.bias": r(size)}
    for i in range(layers):
        p = f"encoder.layer.{i}."
        for name, shape in [("attention.self.query", (size, size)),
                            ("attention.self.key", (size, size)),
                            ("attention.self.value", (size, size)),
                            ("attention.output.dense", (size, size)),
                            ("intermediate.dense", (2 * size, size)),
                            ("output.dense", (size, 2 * size))]:
            w[p + name + ".weight"], w[p + name + ".bias"] = r(*shape), r(shape[0])
        for name in ("attention.output.LayerNorm", "output.LayerNorm"):
            w[p + name + ".weight"], w[p + name + ".bias"] = 1 + r(size), r(size)
    return w


def _padded(rows) -> np.ndarray:
    ids = np.zeros((len(rows), max(map(len, rows))), dtype=np.int32)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = row
    return ids


def _run(weights, heads: int, size: int, ids: np.ndarray, threads: int = 1) -> np.ndarray:
    model = minilm_graph.build(weights, _layer_weights, heads, size)
    return minilm_graph.session(model, threads).run(None, {minilm_graph.INPUT: ids})[0]


def test_a_tiny_random_model_matches_the_numpy_forward_pass_padding_and_all():
    weights = tiny_weights()
    ids = _padded([[2, 5, 7, 3], [2, 9, 3], [2, 11, 12, 13, 14, 15, 16, 3], [2, 3]])
    out = _run(weights, 2, 8, ids)
    assert out.shape == (4, 8) and out.dtype == np.float32
    np.testing.assert_allclose(out, reference(weights, ids, heads=2), atol=2e-5)
    # The rows differ from each other (each is its own sentence, not a broadcast).
    assert np.abs(out[0] - out[1]).max() > 1e-2


def test_the_comparison_tells_a_wrong_graph_from_the_right_one():
    """Three layers and four heads match; query read for value, or two heads where there
    are four, are far outside the tolerance."""
    weights = tiny_weights(layers=3, seed=1)
    ids = _padded([[2, 4, 6, 8, 3], [2, 10, 3]])
    expected = reference(weights, ids, heads=4)
    np.testing.assert_allclose(_run(weights, 4, 8, ids), expected, atol=2e-5)
    swapped = dict(weights)
    swapped["encoder.layer.0.attention.self.value.weight"] = \
        weights["encoder.layer.0.attention.self.query.weight"]
    assert np.abs(_run(swapped, 4, 8, ids) - expected).max() > 1e-2
    assert np.abs(_run(weights, 2, 8, ids) - expected).max() > 1e-2


@pytest.fixture(scope="module")
def real_weights():
    return read_safetensors(model_dir() / "model.safetensors")


def test_the_real_model_matches_the_numpy_forward_pass(real_weights):
    encoder = SentenceEncoder.load()
    texts = ["my husband says boys don't cry", "no worries babe, I've got this",
             "we went for a walk by the river and then had dinner with his parents 😊"]
    ids = _padded([encoder.tokenizer.encode(t) for t in texts])
    expected = reference(real_weights, ids, heads=12)
    np.testing.assert_allclose(encoder.encode(texts), expected, atol=1e-5)
    assert expected.shape == (3, DIMENSIONS)


@pytest.mark.parametrize("threads", [1, 2])
def test_the_session_uses_the_threads_asked_for(threads):
    model = minilm_graph.build(tiny_weights(), _layer_weights, 2, 8)
    options = minilm_graph.session(model, threads).get_session_options()
    assert options.intra_op_num_threads == threads
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
