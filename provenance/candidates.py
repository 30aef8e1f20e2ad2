"""Candidates stage: find the pairs of documents worth aligning without comparing all pairs.

Each document is reduced to its anchors: bigrams of adjacent content-word stems (stop words
removed first, so "the US Treasury Department on Wednesday" and "the US Treasury Department
Wednesday" share anchors, and light rewrites keep many). An inverted index maps each anchor
to the documents holding it; anchors held by more than ``max_df`` documents are boilerplate
or topic vocabulary and are dropped, as passim does. Two documents become a candidate pair
when they share at least ``min_anchors`` anchors. Unrelated documents share none and cost
nothing beyond their own indexing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from .model import Candidate, Document
from .tokens import content_stems


def anchors(document: Document) -> set[tuple[str, str]]:
    """The content-stem bigrams of a document's body, within sentences."""
    out: set[tuple[str, str]] = set()
    for sentence in document.sentences:
        stems = content_stems(sentence.text)
        out.update(zip(stems, stems[1:], strict=False))
    return out


def find_candidates(
    documents: Iterable[Document], *, min_anchors: int = 3, max_df: int = 100
) -> Iterator[Candidate]:
    """Yield candidate pairs (a before b in input order) sharing enough rare anchors."""
    ids: list[str] = []
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for doc in documents:
        n = len(ids)
        ids.append(doc.id)
        for anchor in anchors(doc):
            index[anchor].append(n)
    yield from _pairs(ids, index, min_anchors=min_anchors, max_df=max_df)


def _pairs(
    ids: list[str], index: dict[tuple[str, str], list[int]], *, min_anchors: int, max_df: int
) -> Iterator[Candidate]:
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for holders in index.values():
        if len(holders) < 2 or len(holders) > max_df:
            continue
        for x, i in enumerate(holders):
            for j in holders[x + 1 :]:
                shared[(i, j)] += 1
    for (i, j), count in sorted(shared.items()):
        if count >= min_anchors and ids[i] != ids[j]:
            yield Candidate(ids[i], ids[j], count)
