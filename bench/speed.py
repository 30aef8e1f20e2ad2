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
edges into reversed, within-family, cross-family and hidden ones, the last being edges from
a hidden source (an unseen story the engine infers, id "hidden:..."), which the corpus never
has. The error breakdown counts false edges by (source kind -> derived kind) and missed
edges by the same pair of the planted edge. "Boilerplate edges" are edges between two
articles of the same outlet from different families (or an independent article), which
share nothing but the outlet's footer.

Each run records the git commit, whether bench/ had uncommitted changes, and the machine's
load average when it started (timings are only comparable on an idle machine). A size whose
process fails is reported as an error at once, and the run goes on with the next size.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import queue
import resource
import subprocess
import sys
import time
import traceback
from collections import Counter
from multiprocessing.queues import Queue
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from provenance.pipeline import segment_all, trace_documents  # noqa: E402


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kilobytes


def measure(n: int, workers: int, seed: int) -> dict[str, object]:
    load = os.getloadavg()
    start = time.perf_counter()
    corpus = generate(n, seed=seed)
    gen_s = time.perf_counter() - start
    rss_before = _rss_mb(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    docs = segment_all(corpus.articles, workers=workers)
    t1 = time.perf_counter()
    graph = trace_documents(docs, workers=workers)
    t2 = time.perf_counter()
    outlet = {a.id: a.outlet for a in corpus.articles}
    found = {(e.source, e.derived) for e in graph.edges}
    planted = corpus.edges
    tp = len(found & planted)
    false = found - planted
    fp, fn = len(false), len(planted - found)
    # an edge from (or to) a node that is not an article of the corpus: a hidden source
    hidden = {(s, d) for s, d in false if s not in outlet or d not in outlet}
    seen = false - hidden
    reversed_ = sum((d, s) in planted for s, d in seen)
    fam = corpus.family
    within = sum(fam[s] == fam[d] and fam[s] >= 0 and (d, s) not in planted for s, d in seen)
    boiler = sum(
        outlet[s] == outlet[d] and (fam[s] != fam[d] or fam[s] < 0)
        for s, d in found
        if s in outlet and d in outlet
    )
    cross = len(seen) - reversed_ - within
    by_kind: dict[str, list[int]] = {}
    for s, d in planted:
        k = corpus.kind[d]
        by_kind.setdefault(k, [0, 0])
        by_kind[k][0] += (s, d) in found
        by_kind[k][1] += 1

    def kind(x: str) -> str:
        return corpus.kind.get(x, "hidden")

    def pairs(edges: set[tuple[str, str]]) -> dict[str, int]:
        return dict(Counter(f"{kind(s)}->{kind(d)}" for s, d in edges).most_common())

    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    wall = t2 - t0
    words = sum(len(a.text.split()) for a in corpus.articles)
    return {
        "articles": len(corpus.articles),
        "words": words,
        "workers": workers,
        "load_avg_at_start": [round(x, 2) for x in load],
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
        "fp_hidden": len(hidden),
        "boilerplate_edges": boiler,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "recall_by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_kind.items())},
        "fp_by_kind_pair": pairs(false),
        "fn_by_kind_pair": pairs(planted - found),
    }


def _child(n: int, workers: int, seed: int, results: Queue[dict[str, object]]) -> None:
    try:
        results.put(measure(n, workers, seed))
    except BaseException:  # report any failure to the parent, then fail
        results.put({"articles": n, "error": traceback.format_exc()})
        raise


def run_isolated(n: int, workers: int, seed: int, poll: float = 1.0) -> dict[str, object]:
    """measure() in a process of its own (so peak RSS is this size's). A process that dies
    without a result (killed, out of memory, a crash in C) is an error as soon as it is
    gone: the parent polls the queue while the child is alive instead of waiting on it."""
    ctx = mp.get_context("fork")
    results = ctx.Queue()
    proc = ctx.Process(target=_child, args=(n, workers, seed, results))
    proc.start()
    result: dict[str, object] | None = None
    while result is None:
        try:
            result = results.get(timeout=poll)
        except queue.Empty:
            if proc.is_alive():
                continue
            try:  # it may have put its result just before it ended
                result = results.get(timeout=poll)
            except queue.Empty:
                result = {
                    "articles": n,
                    "error": f"the process measuring {n} articles ended with exit code "
                    f"{proc.exitcode} and no result",
                }
    proc.join()
    return result


def run_info() -> dict[str, object]:
    """Which code was measured, and how busy the machine was when the run started."""

    def git(*args: str) -> str:
        try:
            done = subprocess.run(
                ["git", *args], cwd=HERE, capture_output=True, text=True, check=True
            )
        except (OSError, subprocess.CalledProcessError):
            return ""
        return done.stdout.strip()

    changed = git("status", "--porcelain", "--", str(HERE))
    return {
        "commit": git("rev-parse", "HEAD") or "unknown",
        "bench_modified": bool(changed),
        "bench_changes": changed.splitlines(),
        "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
    }


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
        if "error" in r:
            continue
        lines.append("| " + " | ".join(str(r[k]) for k, _ in COLUMNS) + " |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "speed.md")
    args = parser.parse_args()
    info = run_info()
    results = []
    for n in args.sizes:
        r = run_isolated(n, args.workers, args.seed)
        if "error" in r:
            print(f"error at {n} articles:\n{r['error']}", file=sys.stderr, flush=True)
        else:
            print(json.dumps(r), flush=True)
        results.append(r)
        write(args, info, results)
    print(args.out.read_text())
    return 1 if any("error" in r for r in results) else 0


def write(
    args: argparse.Namespace, info: dict[str, object], results: list[dict[str, object]]
) -> None:
    """Write the results so far (each size is written as soon as it is measured)."""
    command = "python bench/speed.py --sizes " + " ".join(map(str, args.sizes))
    command += f" --workers {args.workers} --seed {args.seed}"
    done = [r for r in results if "error" not in r]
    failed = [r for r in results if "error" in r]
    modified = " (with uncommitted changes in bench/)" if info["bench_modified"] else ""
    lines = [
        "# Speed and scale",
        "",
        f"Regenerate with `{command}` (synthetic corpora from `bench/generate.py`).",
        "",
        f"Measured at commit `{info['commit']}`{modified}; load average (1, 5, 15 min) at "
        f"start {info['load_avg_at_start']} on {info['cpus']} CPUs (timings are noisy on a "
        "busy machine).",
        "",
        *table(results),
        "",
        *[
            f"- {r['articles']} articles: **failed**: {str(r['error']).strip().splitlines()[-1]}"
            for r in failed
        ],
        "",
        "False edges by kind (reversed / within a family, e.g. siblings or a chain's "
        "grandparent / across families / from a hidden source):",
        "",
        *[
            f"- {r['articles']} articles: {r['fp_reversed']} / {r['fp_within_family']} / "
            f"{r['fp_cross_family']} / {r['fp_hidden']}"
            for r in done
        ],
        "",
        "False edges by (source kind -> derived kind):",
        "",
        *[f"- {r['articles']} articles: {r['fp_by_kind_pair']}" for r in done],
        "",
        "Missed edges by (source kind -> derived kind):",
        "",
        *[f"- {r['articles']} articles: {r['fn_by_kind_pair']}" for r in done],
        "",
        "Recall by kind of derived article (found / planted):",
        "",
        *[f"- {r['articles']} articles: {r['recall_by_kind']}" for r in done],
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines))
    args.out.with_suffix(".json").write_text(
        json.dumps({"run": info, "results": results}, indent=2)
    )


if __name__ == "__main__":
    sys.exit(main())
