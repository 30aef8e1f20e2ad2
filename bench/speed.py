"""Speed, memory and planted-edge accuracy at scale, written to bench/results/speed.md.

    python bench/speed.py --sizes 1000 10000 --workers 1

For each size: generate a synthetic corpus (bench/generate.py, seed 1), then time
``segment_all`` + ``trace_documents`` (wall clock), and record peak RSS, candidate pairs
(aligned verdicts), planted-edge precision / recall / F1 and the edges that outlet
boilerplate alone creates. Each size runs in its own process, so peak RSS is that size's.
Nothing is tuned here: it only measures the engine as it is.

Scoring. An edge is right when (source, derived) is a planted edge, direction included.
A digest (3 sources) or an excerpt is scored per planted edge: a digest has three planted
edges, and each one found counts as one right edge, each one missed as one missed edge.
Any other edge is false: siblings (two copies of one wire), a chain's grandparent
(original -> copy of a copy) and reversed edges included; the table also splits the false
edges into reversed, within-family and cross-family ones. "Boilerplate edges" are edges
between two articles of the same outlet from different families (or an independent
article), which share nothing but the outlet's footer.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from provenance.pipeline import segment_all, trace_documents  # noqa: E402


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kilobytes


def measure(n: int, workers: int, seed: int) -> dict[str, object]:
    start = time.perf_counter()
    corpus = generate(n, seed=seed)
    gen_s = time.perf_counter() - start
    rss_before = _rss_mb(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    docs = segment_all(corpus.articles)
    t1 = time.perf_counter()
    graph = trace_documents(docs, workers=workers)
    t2 = time.perf_counter()
    outlet = {a.id: a.outlet for a in corpus.articles}
    found = {(e.source, e.derived) for e in graph.edges}
    planted = corpus.edges
    tp = len(found & planted)
    fp, fn = len(found - planted), len(planted - found)
    reversed_ = sum((d, s) in planted for s, d in found - planted)
    fam = corpus.family
    within = sum(
        fam[s] == fam[d] and fam[s] >= 0 and (d, s) not in planted for s, d in found - planted
    )
    boiler = sum(outlet[s] == outlet[d] and (fam[s] != fam[d] or fam[s] < 0) for s, d in found)
    cross = fp - reversed_ - within
    by_kind: dict[str, list[int]] = {}
    for s, d in planted:
        k = corpus.kind[d]
        by_kind.setdefault(k, [0, 0])
        by_kind[k][0] += (s, d) in found
        by_kind[k][1] += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    wall = t2 - t0
    words = sum(len(a.text.split()) for a in corpus.articles)
    return {
        "articles": len(corpus.articles),
        "words": words,
        "workers": workers,
        "generate_s": round(gen_s, 2),
        "segment_s": round(t1 - t0, 2),
        "trace_s": round(t2 - t1, 2),
        "wall_s": round(wall, 2),
        "ms_per_article": round(1000 * wall / len(corpus.articles), 2),
        "peak_rss_mb": round(_rss_mb(resource.RUSAGE_SELF), 1),
        "rss_before_trace_mb": round(rss_before, 1),
        "peak_rss_children_mb": round(_rss_mb(resource.RUSAGE_CHILDREN), 1),
        "candidate_pairs": len(graph.verdicts),
        "planted_edges": len(planted),
        "edges": len(found),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "fp_reversed": reversed_,
        "fp_within_family": within,
        "fp_cross_family": cross,
        "boilerplate_edges": boiler,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "recall_by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_kind.items())},
    }


def _child(n: int, workers: int, seed: int, queue: mp.Queue) -> None:  # type: ignore[type-arg]
    queue.put(measure(n, workers, seed))


def run_isolated(n: int, workers: int, seed: int) -> dict[str, object]:
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(n, workers, seed, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result  # type: ignore[no-any-return]


COLUMNS = [
    ("articles", "articles"),
    ("words", "words"),
    ("workers", "workers"),
    ("segment_s", "segment s"),
    ("trace_s", "trace s"),
    ("wall_s", "wall s"),
    ("ms_per_article", "ms/article"),
    ("peak_rss_mb", "peak RSS MB"),
    ("peak_rss_children_mb", "workers' peak RSS MB"),
    ("candidate_pairs", "candidate pairs"),
    ("planted_edges", "planted"),
    ("edges", "edges"),
    ("tp", "right"),
    ("fp", "false"),
    ("fn", "missed"),
    ("precision", "precision"),
    ("recall", "recall"),
    ("f1", "F1"),
    ("boilerplate_edges", "boilerplate edges"),
]


def table(results: list[dict[str, object]]) -> list[str]:
    lines = ["| " + " | ".join(h for _, h in COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for r in results:
        lines.append("| " + " | ".join(str(r[k]) for k, _ in COLUMNS) + " |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "speed.md")
    args = parser.parse_args()
    results = []
    for n in args.sizes:
        r = run_isolated(n, args.workers, args.seed)
        print(json.dumps(r), flush=True)
        results.append(r)
        write(args, results)
    print(args.out.read_text())
    return 0


def write(args: argparse.Namespace, results: list[dict[str, object]]) -> None:
    """Write the results so far (each size is written as soon as it is measured)."""
    command = "python bench/speed.py --sizes " + " ".join(map(str, args.sizes))
    command += f" --workers {args.workers} --seed {args.seed}"
    lines = [
        "# Speed and scale",
        "",
        f"Regenerate with `{command}` (synthetic corpora from `bench/generate.py`).",
        "",
        *table(results),
        "",
        "False edges by kind (reversed / within a family, e.g. siblings or a chain's "
        "grandparent / across families):",
        "",
        *[
            f"- {r['articles']} articles: {r['fp_reversed']} / {r['fp_within_family']} / "
            f"{r['fp_cross_family']}"
            for r in results
        ],
        "",
        "Recall by kind of derived article (found / planted):",
        "",
        *[f"- {r['articles']} articles: {r['recall_by_kind']}" for r in results],
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines))
    args.out.with_suffix(".json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    sys.exit(main())
