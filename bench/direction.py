"""Direction accuracy, written to bench/results/direction.md.

    python bench/direction.py ../shared/data

Pairwise: for every labelled derivation (source S, derived D) in the fixtures, the seeds and
clough-dev, the pair is aligned and its direction decided from the evidence alone (no graph,
no other texts), four ways: as the texts are; without dates; with S cut down to the
sentences D used (so that length and coverage cannot decide); and cut without dates.

In the set: each folder (and a synthetic archive from bench/generate.py) traced whole, as
`provenance trace` does, with its dates and with every date removed; direction accuracy of
the true edges found (the set's witnesses and standing can settle what a pair's own
evidence leaves open).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from provenance.align import align
from provenance.direction import decide
from provenance.evaluate import read_truth, score
from provenance.export import direction_known
from provenance.ingest import article_id, ingest
from provenance.model import Article, Document
from provenance.pipeline import collection_weights, segment_all, trace
from provenance.segment import segment

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"
WAYS = ("as is", "no dates", "source cut", "cut, no dates")


def undated(doc: Document) -> Document:
    return replace(doc, article=without_date(doc.article))


def without_date(article: Article) -> Article:
    return replace(article, published=None, date_precision=None)


Counts = tuple[int, int]


def in_the_set(folder: Path) -> tuple[Counts, Counts, Counts]:
    """(right, true edges found) for the folder traced whole, with and without dates, and
    without dates (edges flagged "direction unknown", edges)."""
    articles = list(ingest([folder]))
    labels = read_truth(folder / "truth.jsonl")
    out = []
    flagged = (0, 0)
    for arts in (articles, [without_date(a) for a in articles]):
        graph = trace(arts)
        report = score(graph, labels)
        out.append((report.direction_right, report.tp))
        flagged = (sum(not direction_known(e) for e in graph.edges), len(graph.edges))
    return out[0], out[1], flagged


def synthetic(n: int, seed: int = 1) -> tuple[Counts, Counts, Counts]:
    """(right, planted edges found either way round) on a generated archive, with and
    without dates, and without dates (flagged "direction unknown", found either way)."""
    sys.path.insert(0, str(HERE))
    from generate import generate  # noqa: PLC0415 (bench-only module beside this one)

    corpus = generate(n, seed=seed)
    out = []
    flagged = (0, 0)
    for arts in (corpus.articles, [without_date(a) for a in corpus.articles]):
        edges = [
            e
            for e in trace(arts).edges
            if (e.source, e.derived) in corpus.edges or (e.derived, e.source) in corpus.edges
        ]
        right = sum((e.source, e.derived) in corpus.edges for e in edges)
        out.append((right, len(edges)))
        flagged = (sum(not direction_known(e) for e in edges), len(edges))
    return out[0], out[1], flagged


def cut_to_used(source: Document, derived: Document, weights: object) -> Document:
    """The source with only the sentences the derived text shares with it."""
    used = align(source, derived, weights=weights).a_aligned  # type: ignore[arg-type]
    text = "\n".join(s.text for s in source.sentences if s.index in used) or source.article.text
    article = replace(source.article, id=article_id(text), text=text, title=None, dateline=None)
    return segment(article)


def right(source: Document, derived: Document, weights: object) -> bool:
    verdict = decide(align(source, derived, weights=weights))  # type: ignore[arg-type]
    return verdict.relation == "a->b"


def measure(folder: Path) -> dict[str, tuple[int, int]]:
    docs = {d.name: d for d in segment_all(ingest([folder]))}
    weights = collection_weights(docs.values())
    counts = {way: (0, 0) for way in WAYS}
    for label in read_truth(folder / "truth.jsonl"):
        if label.relation not in ("a->b", "b->a"):
            continue
        s, d = (label.a, label.b) if label.relation == "a->b" else (label.b, label.a)
        src, der = docs[s], docs[d]
        cut = cut_to_used(src, der, weights)
        for way, pair in zip(
            WAYS,
            ((src, der), (undated(src), undated(der)), (cut, der), (undated(cut), undated(der))),
            strict=True,
        ):
            ok, n = counts[way]
            counts[way] = (ok + right(*pair, weights), n + 1)
    return counts


def _cell(counts: tuple[int, int]) -> str:
    ok, n = counts
    return f"{ok}/{n} ({ok / n:.2f})" if n else "n/a"


def _flagged(counts: Counts) -> str:
    flagged, n = counts
    return f"{flagged} of {n}" if n else "n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "direction.md")
    parser.add_argument("--synthetic", type=int, default=1000, help="generated archive size")
    args = parser.parse_args()
    folders = sorted(p.parent for p in FIXTURES.glob("*/truth.jsonl"))
    folders += [args.data / "clough-dev"]
    lines = [
        "# Direction from the evidence alone",
        "",
        "Regenerate with `python bench/direction.py ../shared/data`. Pairwise: each labelled",
        "derivation aligned on its own, its direction decided by `direction.decide`.",
        "",
        "| data | derivations | " + " | ".join(WAYS) + " |",
        "|---|---|" + "---|" * len(WAYS),
    ]
    total = {way: (0, 0) for way in WAYS}
    for folder in folders:
        counts = measure(folder)
        n = counts[WAYS[0]][1]
        if not n:
            continue
        cells = [f"{ok}/{k} ({ok / k:.2f})" for ok, k in (counts[w] for w in WAYS)]
        lines.append(f"| {folder.name} | {n} | " + " | ".join(cells) + " |")
        total = {w: (total[w][0] + counts[w][0], total[w][1] + counts[w][1]) for w in WAYS}
    cells = [f"{ok}/{k} ({ok / k:.2f})" for ok, k in (total[w] for w in WAYS)]
    lines.append(f"| all | {total[WAYS[0]][1]} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## In the set",
        "",
        "Each folder traced whole; direction accuracy of the true edges found (either way",
        "round), with the dates and with every date removed. The last column: of the edges",
        'drawn without dates, how many say "direction unknown" (their dates and texts point',
        "neither way, and the set did not settle them; for the synthetic archive, of the",
        "planted edges found).",
        "",
        "| data | with dates | no dates | no dates: direction unknown |",
        "|---|---|---|---|",
    ]
    for folder in folders:
        dated, bare, unknown = in_the_set(folder)
        if dated[1] or bare[1]:
            lines.append(
                f"| {folder.name} | {_cell(dated)} | {_cell(bare)} | {_flagged(unknown)} |"
            )
    dated, bare, unknown = synthetic(args.synthetic)
    lines.append(
        f"| synthetic, {args.synthetic} articles | {_cell(dated)} | {_cell(bare)} "
        f"| {_flagged(unknown)} |"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
