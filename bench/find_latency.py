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
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from provenance.archive import find  # noqa: E402


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
        start = time.perf_counter()
        command = [sys.executable, "-m", "provenance", "trace", str(folder), "--db", str(db)]
        subprocess.run([*command, "-q"], check=True, stdout=subprocess.DEVNULL)
        trace_s = time.perf_counter() - start
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
    out.write_text(
        "# find latency\n\n"
        f"Regenerate with `python bench/find_latency.py --size {args.size} "
        f"--queries {args.queries}`.\n\n"
        "| articles | trace + save s | db MB | queries | p50 ms | p95 ms | source found | "
        "source among the top-ranked |\n|---|---|---|---|---|---|---|---|\n"
        f"| {len(corpus.articles)} | {trace_s:.1f} | {size_mb:.0f} | {len(times)} | "
        f"{1000 * p50:.0f} | {1000 * p95:.0f} | {listed}/{len(times)} | {first}/{len(times)} |\n"
        "\nThe top-ranked are the matches sharing the most of the query: verbatim copies of the "
        "source share as much as the source itself.\n"
    )
    print(out.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
