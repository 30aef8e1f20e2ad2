"""`provenance find` latency on a traced synthetic archive, written to bench/results/find.md.

    python bench/find_latency.py --size 10000 --queries 50

Generates a corpus (bench/generate.py), traces it into a fresh database with the CLI
(`provenance trace`, timed: engine and the save to SQLite), then looks up ``--queries``
texts: stored articles with their last sentence dropped (so the query is not one of the
stored texts). Reports p50 and p95 of the lookup (full-text index, loading the candidates,
aligning them) and how often the article the query came from is the first match.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from provenance.archive import find  # noqa: E402

FOOTER = (
    "The top-ranked are the matches sharing the most of the query: verbatim copies of the "
    "source share as much as the source itself.\n"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    corpus = generate(args.size, seed=args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder, db = Path(tmp) / "corpus", Path(tmp) / "archive.db"
        corpus.write(folder)
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        start = time.perf_counter()
        command = [sys.executable, "-m", "provenance", "trace", str(folder), "--db", str(db)]
        subprocess.run([*command, "-q"], check=True, stdout=subprocess.DEVNULL)
        trace_s = time.perf_counter() - start
        trace_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rng = random.Random(args.seed)
        picks = rng.sample(corpus.articles, args.queries)
        times: list[float] = []
        first = listed = 0
        for article in picks:
            text = "\n\n".join(article.text.split("\n\n")[:-2])  # drop the last paragraph
            t0 = time.perf_counter()
            matches = find(text, db)
            times.append(time.perf_counter() - t0)
            found = [m.article.id for m in matches]
            top = [m.article.id for m in matches if m.shared >= matches[0].shared - 1e-9]
            listed += article.id in found
            first += article.id in top
        size_mb = db.stat().st_size / 2**20
    times.sort()
    p50, p95 = times[len(times) // 2], times[int(0.95 * (len(times) - 1))]
    out = HERE / "results" / "find.md"
    row = (
        f"| {len(corpus.articles)} | {trace_s:.1f} | {trace_rss:.0f} | {size_mb:.0f} | "
        f"{len(times)} | {1000 * p50:.0f} | {1000 * p95:.0f} | {listed}/{len(times)} | "
        f"{first}/{len(times)} | {load} |"
    )
    notes = _notes(out)
    rows = {int(r.split("|")[1]): r for r in _rows(out) if r.split("|")[1].strip().isdigit()}
    rows[len(corpus.articles)] = row
    out.write_text(
        "# find latency\n\n"
        "Regenerate with `python bench/find_latency.py --size N --queries 50` (one row per "
        "size; a run replaces its own size's row).\n\n"
        "| articles | trace + save s | trace peak RSS MB | db MB | queries | p50 ms | p95 ms | "
        "source found | source among the top-ranked | load average at start |\n"
        "|---|---|---|---|---|---|---|---|---|---|\n"
        + "".join(rows[k] + "\n" for k in sorted(rows))
        + "\n"
        + FOOTER
        + notes
    )
    print(out.read_text())
    return 0


def _notes(path: Path) -> str:
    """What an earlier results file says below the table's footer (notes on older rows),
    kept as it is."""
    if not path.exists():
        return ""
    text = path.read_text()
    return text.split(FOOTER, 1)[1] if FOOTER in text else ""


def _rows(path: Path) -> list[str]:
    """The table rows of an earlier results file, in this file's columns (older rows,
    without the peak memory and load columns, are kept with those cells empty)."""
    if not path.exists():
        return []
    rows = []
    for line in path.read_text().splitlines():
        cells = line.split("|")[1:-1]
        if not cells or not cells[0].strip().isdigit():
            continue
        if len(cells) == 8:
            cells = [*cells[:2], " ", *cells[2:], " "]
        rows.append("|" + "|".join(cells) + "|")
    return rows


if __name__ == "__main__":
    sys.exit(main())
