"""Fit and measure the model that a sentence pair standing alone must satisfy besides the
matcher's lexical rule (``provenance.align.MATCHER``), written to bench/results/matcher.md.

    python bench/matcher.py ../shared/data            # measure the shipped model
    python bench/matcher.py ../shared/data --write    # refit it and write it into align.py

MSRP's training pairs (msrp-train.tsv) are split at random (seed 0) into a fitting half and
a held-out half. The model is fitted on the fitting half only: logistic regression by Newton's
method, L2 penalty ``L2`` on standardised features, over the pairs the lexical rule takes
(the others are "not one sentence" whatever the model says). Accuracy is reported on the
held-out half, through ``provenance.align.same_sentence``: the matcher ``trace`` uses.
Word weights come from every sentence of the file, as ``provenance eval --sentences`` takes
them. Also reported, for scale: the fitted model's accuracy on the half it was fitted on, and
5-fold cross-validation over the whole file of refitting it.

Then the engine is run on clough-dev (whole, and question by question, as bench/accuracy.py
does) and on the seeds three ways: the rule alone (``model=None``), as shipped (the model
asked where no other pair of the two texts vouches for a pair), and with the model judging
every pair as if it stood alone (``vouch=False``), to see what the model does to derivation
edges.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from accuracy import HEADER, question_folder, row

from provenance.align import (
    FEATURES,
    MATCHER,
    AlignSettings,
    SentenceModel,
    pair_features,
    same_sentence,
    score_matrices,
    stands_alone,
)
from provenance.evaluate import SentenceLabel, read_sentence_pairs, read_truth, score
from provenance.ingest import ingest
from provenance.pipeline import Settings, trace
from provenance.tokens import Weights, content_stems

HERE = Path(__file__).resolve().parent
ALIGN = HERE.parent / "provenance" / "align.py"
L2 = 1.0
SEED = 0


@dataclass
class Logistic:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # intercept first, then one per standardised feature

    def prob(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(1 / (1 + np.exp(-(_design(x, self.mean, self.scale) @ self.coef))))


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


def as_model(fit: Logistic) -> SentenceModel:
    return SentenceModel(
        intercept=round(float(fit.coef[0]), 3),
        weights=tuple(round(float(c), 3) for c in fit.coef[1:]),
        mean=tuple(round(float(m), 3) for m in fit.mean),
        scale=tuple(round(float(s), 3) for s in fit.scale),
    )


def features(labels: list[SentenceLabel], weights: Weights) -> tuple[np.ndarray, np.ndarray]:
    """Each pair's ``pair_features`` (n x len(FEATURES)) and whether the lexical rule takes
    it (the model is asked only about those)."""
    rule = AlignSettings(model=None)
    rows, passes = [], []
    for p in labels:
        s = score_matrices([p.a], [p.b], weights)
        rows.append(pair_features(s, 0, 0, p.a, p.b))
        passes.append(bool(stands_alone(s, [p.a], [p.b], rule)[0, 0]))
    return np.asarray(rows, dtype=np.float64), np.asarray(passes)


def halves(n: int) -> tuple[np.ndarray, np.ndarray]:
    perm = np.random.default_rng(SEED).permutation(n)
    return perm[: n // 2], perm[n // 2 :]


def accuracy(model: SentenceModel, x: np.ndarray, passes: np.ndarray, y: np.ndarray) -> float:
    said = passes & (model.probability(x) >= 0.5)
    return float(np.mean(said == y.astype(bool)))


def cross_validated(x: np.ndarray, passes: np.ndarray, y: np.ndarray, k: int = 5) -> float:
    folds = np.array_split(np.random.default_rng(SEED + 1).permutation(len(y)), k)
    right = 0
    for i, test in enumerate(folds):
        train = np.concatenate([f for j, f in enumerate(folds) if j != i])
        train = train[passes[train]]
        model = as_model(fit_logistic(x[train], y[train], l2=L2))
        right += int(round(accuracy(model, x[test], passes[test], y[test]) * len(test)))
    return right / len(y)


def write_model(model: SentenceModel) -> None:
    text = ALIGN.read_text()
    block = (
        "MATCHER = SentenceModel(\n"
        f"    intercept={model.intercept},\n"
        f"    weights={model.weights},\n"
        f"    mean={model.mean},\n"
        f"    scale={model.scale},\n"
        ")\n"
    )
    new, n = re.subn(r"MATCHER = SentenceModel\(\n.*?\n\)\n", block, text, flags=re.S)
    if n != 1:
        raise SystemExit(f"{ALIGN}: found {n} MATCHER blocks, expected 1")
    ALIGN.write_text(new)


def engine_rows(data: Path, model: SentenceModel) -> list[str]:
    """bench/accuracy.py's table rows for clough-dev and the seeds: the rule alone, with
    ``model`` as shipped, and with ``model`` asked about every pair."""
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folders = [("clough-dev (a-c)", data / "clough-dev")]
        folders += [
            (f"clough-dev question {t[-1]}", question_folder(data / "clough-dev", t, Path(tmp)))
            for t in ("taska", "taskb", "taskc")
        ]
        folders.append(("seeds", data / "seeds"))
        for name, folder in folders:
            for rule, settings in (
                ("rule alone", Settings(align=AlignSettings(model=None))),
                ("as shipped", Settings(align=AlignSettings(model=model))),
                ("model on every pair", Settings(align=AlignSettings(model=model, vouch=False))),
            ):
                start = time.perf_counter()
                report = score(
                    trace(ingest([folder]), settings=settings), read_truth(folder / "truth.jsonl")
                )
                rows.append(row(f"{name}, {rule}", report, time.perf_counter() - start))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "matcher.md")
    parser.add_argument("--write", action="store_true", help="refit and write into align.py")
    args = parser.parse_args()
    labels = list(read_sentence_pairs(args.data / "msrp-train.tsv"))
    y = np.array([p.same for p in labels], dtype=np.float64)
    weights = Weights.from_documents(content_stems(s) for p in labels for s in (p.a, p.b))
    x, passes = features(labels, weights)
    fit, test = halves(len(labels))
    fitted = as_model(fit_logistic(x[fit[passes[fit]]], y[fit[passes[fit]]], l2=L2))
    if args.write:
        write_model(fitted)
        print(f"wrote the model fitted on the fitting half into {ALIGN}")
    shipped = fitted if args.write else MATCHER
    held_out = [labels[k] for k in test.tolist()]

    def held_out_accuracy(settings: AlignSettings) -> float:
        said = [same_sentence(p.a, p.b, weights=weights, settings=settings) for p in held_out]
        pairs = zip(said, held_out, strict=True)
        return float(np.mean([(s is not None) == p.same for s, p in pairs]))

    majority = max(y[fit].mean(), 1 - y[fit].mean())
    lines = [
        "# The stand-alone sentence matcher on MSRP",
        "",
        "Regenerate with `python bench/matcher.py ../shared/data` (`--write` refits the model "
        "on the fitting half and writes it into provenance/align.py).",
        "",
        f"{len(labels)} pairs of msrp-train.tsv, split at random (seed {SEED}) into a fitting "
        f"half ({len(fit)}) and a held-out half ({len(test)}). Logistic regression, Newton, "
        f"L2 {L2} on standardised features, fitted on the fitting half's pairs that the "
        f"lexical rule takes ({int(passes[fit].sum())}). The rule takes "
        f"{passes[y == 1].mean():.1%} of the paraphrases and {passes[y == 0].mean():.1%} of "
        "the others. A pair of MSRP stands alone: no other pair vouches for it, so the model "
        "is asked about every pair the rule takes.",
        "",
        "| measured | accuracy |",
        "|---|---|",
        f"| majority class of the fitting half, on the held-out half | "
        f"{np.mean((y[test] == 1) == (y[fit].mean() >= 0.5)):.3f} |",
        f"| the lexical rule alone (`same_sentence`, `model=None`), held-out half | "
        f"{held_out_accuracy(AlignSettings(model=None)):.3f} |",
        f"| **the rule and the fitted model (`same_sentence`), held-out half** | "
        f"**{held_out_accuracy(AlignSettings(model=shipped)):.3f}** |",
        f"| fitted model, fitting half (for scale) | "
        f"{accuracy(shipped, x[fit], passes[fit], y[fit]):.3f} |",
        f"| 5-fold cross-validation, refitted on each 4/5 | {cross_validated(x, passes, y):.3f} |",
        "",
        f"Majority share of the fitting half: {majority:.3f}.",
        "",
        "## The model (coefficients per standard deviation)",
        "",
        "| feature | weight | mean | scale |",
        "|---|---|---|---|",
        f"| (intercept) | {shipped.intercept:+.3f} | | |",
        *(
            f"| {name} | {w:+.3f} | {m:.3f} | {s:.3f} |"
            for name, w, m, s in zip(
                FEATURES, shipped.weights, shipped.mean, shipped.scale, strict=True
            )
        ),
        "",
        "## Derivation edges: the rule alone, as shipped, and the model on every pair",
        "",
        HEADER,
        *engine_rows(args.data, shipped),
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
