"""Candidates stage: find the pairs of documents worth aligning without comparing all pairs.

Each document is reduced to its anchors: bigrams of adjacent content-word stems (stop words
removed first, so "the US Treasury Department on Wednesday" and "the US Treasury Department
Wednesday" share anchors, and light rewrites keep many). An inverted index maps each anchor
to the documents holding it; anchors held by more than ``max_df`` documents are topic
vocabulary and are dropped, as passim does. Two documents become a candidate pair when they
share at least ``min_anchors`` anchors. Unrelated documents share none and cost nothing
beyond their own indexing.

The index is built with numpy over 64-bit anchor hashes, not Python dicts: anchors are
hashed once per stem (a stable hash, the same in every process and on every machine, so a
distributed engine partitions them identically), sorted, and the documents sharing each
anchor are expanded into pairs in blocks and counted with a sort. Memory and time grow with
the number of anchors and of the pairs they produce, never with all pairs of documents.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .model import Candidate, Document
from .tokens import content_stems, is_content, stem, word_tokens

_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier that spreads the first stem's bits
# Pairs sharing fewer content-bigram anchors are not aligned. Measured: on clough-dev, the
# fixtures and a synthetic corpus, no pair sharing 5 or fewer anchors was ever judged a
# derivation or a common source, and no labelled pair shares fewer than 13.
MIN_ANCHORS = 6
MAX_DF = 100  # anchors held by more documents are topic vocabulary, as in passim
BLOCK = 4_000_000  # pair instances expanded at a time before they are counted


def anchors(document: Document) -> set[tuple[str, str]]:
    """The content-stem bigrams of a document's body, within sentences."""
    out: set[tuple[str, str]] = set()
    for sentence in document.sentences:
        stems = content_stems(sentence.text)
        out.update(zip(stems, stems[1:], strict=False))
    return out


# Each word token's anchor hash (the hash of its stem), 0 for a word that carries no content:
# one dictionary look-up per word instead of stemming it and hashing the stem each time.
_CODES: dict[str, int] = {}
_MOST_CODES = 1_000_000  # forgotten all at once beyond this (numbers make the vocabulary open)


def _code(word: str) -> int:
    if len(_CODES) >= _MOST_CODES:
        _CODES.clear()
    h = _CODES[word] = stem_hash(stem(word)) if is_content(word) else 0
    return h


@lru_cache(maxsize=500_000)
def stem_hash(stem: str) -> int:
    """A stable 64-bit hash of a stem (Python's ``hash`` differs between processes)."""
    return int.from_bytes(hashlib.blake2b(stem.encode(), digest_size=8).digest(), "little")


def anchor_codes(document: Document) -> np.ndarray:
    """The document's anchors as sorted, distinct 64-bit codes."""
    firsts: list[int] = []
    seconds: list[int] = []
    code = _CODES
    for sentence in document.sentences:
        tokens = word_tokens(sentence.text)
        hashes = [h for w in tokens if (h := code[w] if w in code else _code(w))]
        firsts += hashes[:-1]
        seconds += hashes[1:]
    if not firsts:
        return np.empty(0, dtype=np.uint64)
    with np.errstate(over="ignore"):
        codes = np.array(firsts, dtype=np.uint64) * _MIX + np.array(seconds, dtype=np.uint64)
    return np.unique(codes)


def find_candidates(
    documents: Iterable[Document], *, min_anchors: int = MIN_ANCHORS, max_df: int = MAX_DF
) -> Iterator[Candidate]:
    """Yield candidate pairs (a before b in input order) sharing enough rare anchors."""
    docs = list(documents)
    yield from candidates_from_codes(
        [d.id for d in docs],
        [anchor_codes(d) for d in docs],
        min_anchors=min_anchors,
        max_df=max_df,
    )


def candidates_from_codes(
    ids: Sequence[str],
    codes: Sequence[np.ndarray],
    *,
    min_anchors: int = MIN_ANCHORS,
    max_df: int = MAX_DF,
    only: Iterable[int] | None = None,
) -> Iterator[Candidate]:
    """Candidate pairs from each document's anchor codes, in input order.

    ``only`` (positions in ``ids``) keeps the pairs that involve at least one of those
    documents: adding articles to a traced collection aligns only the pairs they bring.

    The pairs are counted a range of first documents at a time (each range about
    ``SPAN`` pair instances), and each range's counts are cut to the candidates before
    the next is counted: memory holds one range's pairs, not every pair sharing an anchor."""
    anchor, holder = postings(codes)
    del codes  # the caller's list, if it keeps none, goes now: the postings hold the codes
    index = AnchorGroups.build(anchor, holder, len(ids), max_df=max_df, only=only)
    del anchor, holder
    for lo, hi in index.spans(SPAN):
        pairs, counts = index.counts(lo, hi)
        yield from to_candidates(ids, pairs, counts, min_anchors=min_anchors)


SPAN = 4_000_000  # pair instances counted at a time by ``candidates_from_codes``


def postings(codes: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Every (anchor code, document position) as two flat arrays."""
    lengths = np.fromiter((len(c) for c in codes), dtype=np.int64, count=len(codes))
    if not lengths.sum():
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    anchor = np.concatenate([np.asarray(c, dtype=np.uint64) for c in codes])
    holder = np.repeat(np.arange(len(codes), dtype=np.int64), lengths)
    return anchor, holder


def to_candidates(
    ids: Sequence[str], pairs: np.ndarray, counts: np.ndarray, *, min_anchors: int = MIN_ANCHORS
) -> Iterator[Candidate]:
    """The pairs sharing at least ``min_anchors`` anchors, as candidates in pair order."""
    n = len(ids)
    keep = counts >= min_anchors
    for code, count in zip(pairs[keep].tolist(), counts[keep].tolist(), strict=True):
        i, j = divmod(code, n)
        if ids[i] != ids[j]:
            yield Candidate(ids[i], ids[j], count)


def pair_counts(
    anchor: np.ndarray,
    holder: np.ndarray,
    n: int,
    *,
    max_df: int = MAX_DF,
    only: Iterable[int] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(pair codes i * n + j with i < j, shared anchor counts), sorted by pair code, from
    postings. Anchors held by one document, or by more than ``max_df``, make no pairs.

    Any subset of the anchors (all postings of each anchor in it) can be counted on its own
    and the results summed with ``merge_counts``: that is how the work is split up."""
    return AnchorGroups.build(anchor, holder, n, max_df=max_df, only=only).counts(0, n)


@dataclass(frozen=True)
class AnchorGroups:
    """The documents holding each anchor that makes pairs, grouped by how many hold it:
    ``members[size]`` is a (anchors x size) array of document positions, ascending in
    each row, so every pair (row[p], row[q]) with p < q has its first document first."""

    n: int
    members: dict[int, np.ndarray]
    wanted: np.ndarray | None  # documents whose pairs are kept (None: all)
    as_first: np.ndarray  # per document, the pair instances it is the first document of

    @classmethod
    def build(
        cls,
        anchor: np.ndarray,
        holder: np.ndarray,
        n: int,
        *,
        max_df: int = MAX_DF,
        only: Iterable[int] | None = None,
    ) -> AnchorGroups:
        if n < 2 or not len(anchor):
            return cls(max(n, 0), {}, None, np.zeros(max(n, 0), dtype=np.int64))
        wanted = None
        if only is not None:
            wanted = np.zeros(n, dtype=bool)
            wanted[list(only)] = True
        parts: dict[int, list[np.ndarray]] = {}
        top = (anchor.astype(np.uint64, copy=False) >> BUCKET_SHIFT).astype(np.uint8)
        for bucket in np.unique(top).tolist():
            # a range of anchor codes at a time: the sort's working arrays are a bucket's
            part = np.flatnonzero(top == bucket)
            for size, rows in _groups(anchor[part], holder[part], max_df, wanted).items():
                parts.setdefault(size, []).append(rows)
        del top
        members = {size: np.concatenate(parts[size]) for size in sorted(parts)}
        as_first = np.zeros(n, dtype=np.int64)
        for size, rows in members.items():
            later = np.arange(size - 1, -1, -1, dtype=np.int64)  # pairs each place starts
            as_first += np.bincount(rows.ravel(), np.tile(later, len(rows)), n).astype(np.int64)
        return cls(n, members, wanted, as_first)

    def spans(self, instances: int) -> list[tuple[int, int]]:
        """Ranges of first documents [lo, hi) covering all, each starting about
        ``instances`` pair instances (a document's own pairs are never split)."""
        if self.n == 0:
            return []
        total = np.cumsum(self.as_first)
        cuts = np.searchsorted(total, np.arange(instances, int(total[-1]), instances), "right")
        bounds = sorted({0, self.n, *(int(c) for c in cuts if 0 < c < self.n)})
        return list(zip(bounds[:-1], bounds[1:], strict=False))

    def counts(self, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        """(pair codes, counts) of the pairs whose first document is in [lo, hi), sorted."""
        partial: list[tuple[np.ndarray, np.ndarray]] = []
        held = 0  # pair codes in ``partial`` not yet merged into its first item
        for size, rows in self.members.items():
            if lo > 0 or hi < self.n:
                heads = rows[:, :-1]
                rows = rows[((heads >= lo) & (heads < hi)).any(axis=1)]
            iu, ju = np.triu_indices(size, k=1)
            step = max(1, BLOCK // len(iu))
            for b in range(0, len(rows), step):
                block = rows[b : b + step]
                left, right = block[:, iu].ravel(), block[:, ju].ravel()
                hit = (left >= lo) & (left < hi)
                if self.wanted is not None:
                    hit &= self.wanted[left] | self.wanted[right]
                left, right = left[hit], right[hit]
                partial.append(np.unique(left * self.n + right, return_counts=True))
                held += len(partial[-1][0])
                if held > max(BLOCK, len(partial[0][0])):  # merged geometrically: linear
                    partial = [merge_counts(partial)]
                    held = 0
        return merge_counts(partial)


BUCKET_SHIFT = np.uint64(61)  # anchors are grouped 1/8 of the code range at a time


def _groups(
    anchor: np.ndarray, holder: np.ndarray, max_df: int, wanted: np.ndarray | None
) -> dict[int, np.ndarray]:
    """``AnchorGroups.members`` of some postings (all postings of each anchor in them)."""
    order = np.lexsort((holder, anchor))  # by anchor, then by document
    anchor, holder = anchor[order], holder[order]
    del order
    starts = np.flatnonzero(np.r_[True, anchor[1:] != anchor[:-1]])
    del anchor
    sizes = np.diff(np.r_[starts, len(holder)])
    keep = (sizes >= 2) & (sizes <= max_df)
    if wanted is not None:
        keep &= np.add.reduceat(wanted[holder].astype(np.int64), starts) > 0
    return {
        size: holder[starts[keep & (sizes == size)][:, None] + np.arange(size)]
        for size in np.unique(sizes[keep]).tolist()
    }


def merge_counts(partial: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """Sum the counts of equal pair codes across partial (codes, counts) results."""
    if not partial:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    if len(partial) == 1:
        return partial[0]
    codes = np.concatenate([p[0] for p in partial])
    counts = np.concatenate([p[1] for p in partial])
    order = np.argsort(codes, kind="stable")
    codes, counts = codes[order], counts[order]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    return codes[starts], np.add.reduceat(counts, starts)
