"""all-MiniLM-L6-v2's forward pass written out as an ONNX graph, for ONNX Runtime to run.

The graph is built here, in memory, from the weights in the installed package's
``model.safetensors``: BERT's embeddings and layer norm, its self-attention and feed-forward
layers, then the mean of the token vectors (padding left out) scaled to unit length, as
sentence-transformers pools this model. Nothing is converted or downloaded, and no ``.onnx``
file is kept. ONNX Runtime runs it about twice as fast as the same operations in TensorFlow
on two cores, to the same numbers (docs/design.md, "Making `analyze` faster", 2026-11-28).

Input: ``ids``, int32 word-piece ids [batch, length], 0 for padding. Output: ``vectors``,
float32 [batch, 384].
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List

import numpy as np

#: The ONNX operator set the graph uses (LayerNormalization is in the standard set from 17).
OPSET = 17
INPUT = "ids"
OUTPUT = "vectors"


class _Graph:
    """Collects nodes and constant tensors; every node and value gets a unique name."""

    def __init__(self) -> None:
        from onnx import helper, numpy_helper

        self._helper, self._numpy_helper = helper, numpy_helper
        self.nodes: List[Any] = []
        self.constants: List[Any] = []
        self._count = 0

    def _name(self, prefix: str) -> str:
        self._count += 1
        return f"{prefix}_{self._count}"

    def const(self, value: Any, dtype: Any = np.float32) -> str:
        name = self._name("const")
        self.constants.append(self._numpy_helper.from_array(np.asarray(value, dtype), name))
        return name

    def ints(self, *values: int) -> str:
        return self.const(list(values), np.int64)

    def op(self, kind: str, *inputs: str, **attributes: Any) -> str:
        out = self._name(kind.lower())
        # Named nodes: some of ONNX Runtime's fusions fail on two nodes without a name.
        self.nodes.append(self._helper.make_node(kind, list(inputs), [out], name=out,
                                                 **attributes))
        return out


def build(weights: Dict[str, np.ndarray],
          layer_weights: Callable[[Dict[str, np.ndarray], str], Dict[str, np.ndarray]],
          heads: int, dimensions: int) -> bytes:
    """The serialized ONNX model of the encoder with these weights.

    ``layer_weights`` arranges one layer's weights for ``x @ W`` (query, key and value joined
    as ``qkv``): ``sentence_encoder._layer_weights``.
    """
    from onnx import TensorProto, helper

    g = _Graph()
    head = dimensions // heads

    def norm(x: str, weight: np.ndarray, bias: np.ndarray) -> str:
        return g.op("LayerNormalization", x, g.const(weight), g.const(bias), axis=-1,
                    epsilon=1e-12)

    def dense(x: str, weight: np.ndarray, bias: np.ndarray) -> str:
        return g.op("Add", g.op("MatMul", x, g.const(weight)), g.const(bias))

    mask = g.op("Cast", g.op("Greater", INPUT, g.const(0, np.int32)), to=TensorProto.FLOAT)
    length = g.op("Gather", g.op("Shape", INPUT), g.ints(1), axis=0)
    positions = g.op("Slice", g.const(weights["embeddings.position_embeddings.weight"]),
                     g.ints(0), length, g.ints(0))
    words = g.op("Gather", g.const(weights["embeddings.word_embeddings.weight"]), INPUT,
                 axis=0)
    token_type = g.const(weights["embeddings.token_type_embeddings.weight"][0])
    x = norm(g.op("Add", g.op("Add", words, positions), token_type),
             weights["embeddings.LayerNorm.weight"], weights["embeddings.LayerNorm.bias"])
    # Padding gets -1e9 before the softmax: no token attends to it.
    blocked = g.op("Unsqueeze", g.op("Mul", g.op("Sub", g.const(1.0), mask), g.const(-1e9)),
                   g.ints(1, 2))
    scale = g.const(1.0 / np.sqrt(head))
    count = 1 + max(int(name.split(".")[2]) for name in weights
                    if name.startswith("encoder.layer."))
    for index in range(count):
        w = layer_weights(weights, f"encoder.layer.{index}.")
        qkv = g.op("Reshape", dense(x, w["qkv"], w["qkv_bias"]), g.ints(0, 0, 3, heads, head))
        qkv = g.op("Transpose", qkv, perm=[2, 0, 3, 1, 4])  # [3, batch, heads, length, head]
        query, key, value = (g.op("Gather", qkv, g.const(part, np.int64), axis=0)
                             for part in range(3))
        scores = g.op("MatMul", query, g.op("Transpose", key, perm=[0, 1, 3, 2]))
        scores = g.op("Add", g.op("Mul", scores, scale), blocked)
        context = g.op("MatMul", g.op("Softmax", scores, axis=-1), value)
        context = g.op("Reshape", g.op("Transpose", context, perm=[0, 2, 1, 3]),
                       g.ints(0, 0, dimensions))
        x = norm(g.op("Add", dense(context, w["out"], w["out_bias"]), x),
                 w["norm1_w"], w["norm1_b"])
        up = dense(x, w["up"], w["up_bias"])
        # GELU, exact (erf) form, as BERT uses it; ONNX Runtime fuses it into one kernel.
        gelu = g.op("Mul", g.op("Mul", up, g.const(0.5)),
                    g.op("Add", g.op("Erf", g.op("Div", up, g.const(np.sqrt(2.0)))),
                         g.const(1.0)))
        x = norm(g.op("Add", dense(gelu, w["down"], w["down_bias"]), x),
                 w["norm2_w"], w["norm2_b"])
    summed = g.op("ReduceSum", g.op("Mul", x, g.op("Unsqueeze", mask, g.ints(2))), g.ints(1),
                  keepdims=0)
    tokens = g.op("Max", g.op("ReduceSum", mask, g.ints(1), keepdims=1), g.const(1e-9))
    pooled = g.op("Div", summed, tokens)
    squares = g.op("ReduceSum", g.op("Mul", pooled, pooled), g.ints(1), keepdims=1)
    g.nodes.append(helper.make_node(
        "Div", [pooled, g.op("Sqrt", g.op("Max", squares, g.const(1e-12)))], [OUTPUT],
        name=OUTPUT))
    graph = helper.make_graph(
        g.nodes, "all-MiniLM-L6-v2",
        [helper.make_tensor_value_info(INPUT, TensorProto.INT32, ["batch", "length"])],
        [helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, ["batch", dimensions])],
        g.constants)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              ir_version=8)
    return model.SerializeToString()


def session(model: bytes, threads: int = 0) -> Any:
    """An ONNX Runtime session for the model, on the CPU, every graph optimisation on.

    ``threads``: threads for one call (0: one per core). They do not spin while idle: the
    encoder often runs beside the rest of the NLU graph (bot/batch_nlu.py), which needs the
    other core.
    """
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3
    return onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])
