"""Align stage: two documents -> the pairs of sentences that are one sentence, copied,
edited or rewritten, with the word-level edits inside each pair.

Two similarity matrices are scored for every sentence of A against every sentence of B:
character similarity (normalised Indel, rapidfuzz ``cdist``) catches copies and edits;
weighted Dice over content-word stems catches rewrites, with each word weighted by its rarity
in the collection so that sentences which merely share a topic's vocabulary score low.
Matches are taken best first, one-to-one, in any order (moved paragraphs are fine). A weak
lexical match is only taken where order supports it: next to an accepted match on both sides
(a rewrite keeps its source's order; topic sharing does not). A sentence split in two, or two
merged into one, is joined where the pair scores better together than apart.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from .model import Alignment, Document, EditOp, SentencePair, SentenceRelation
from .tokens import Weights, content_stems, fold, spelling_key, stem_set, words


@dataclass(frozen=True)
class AlignSettings:
    """Thresholds of the sentence matcher (one set for every data set)."""

    edited: float = 0.72  # character similarity from which a pair is one sentence, edited
    strong: float = 0.50  # weighted Dice from which a rewrite stands on its own
    weak: float = 0.28  # weighted Dice from which a rewrite is taken next to a match in order
    min_shared: float = 1.2  # weight of shared content words a lexical match needs
    merge_gain: float = 0.04  # score a 1:2 or 2:1 join must add


DEFAULT = AlignSettings()


@dataclass(frozen=True)
class Scores:
    """Sentence-by-sentence similarity of two documents."""

    char: np.ndarray  # n x m, 0..1
    dice: np.ndarray  # weighted Dice of content stems
    shared: np.ndarray  # weight of shared stems
    cont_a: np.ndarray  # share of A-sentence weight found in the B-sentence
    cont_b: np.ndarray  # share of B-sentence weight found in the A-sentence

    def score(self, i: int, j: int, settings: AlignSettings) -> float:
        c = float(self.char[i, j])
        return c if c >= settings.edited else float(self.dice[i, j])


def score_matrices(a: list[str], b: list[str], weights: Weights) -> Scores:
    """Score every sentence of ``a`` against every sentence of ``b``."""
    char = (
        process.cdist(
            [fold(s) for s in a],
            [fold(s) for s in b],
            scorer=fuzz.ratio,
            dtype=np.float32,
            workers=1,
        )
        / 100.0
    )
    sa = [stem_set(s) for s in a]
    sb = [stem_set(s) for s in b]
    vocab = {w: k for k, w in enumerate(sorted(set().union(*sa, *sb)))}
    w = np.zeros(max(len(vocab), 1), dtype=np.float64)
    w[: len(vocab)] = [weights(t) for t in vocab]
    xa = _indicator(sa, vocab)
    xb = _indicator(sb, vocab)
    shared = (xa * w) @ xb.T
    wa = xa @ w
    wb = xb @ w
    dice = _ratio(2 * shared, wa[:, None] + wb[None, :])
    cont_a = _ratio(shared, np.broadcast_to(wa[:, None], shared.shape))
    cont_b = _ratio(shared, np.broadcast_to(wb[None, :], shared.shape))
    return Scores(np.asarray(char), dice, shared, cont_a, cont_b)


def _ratio(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    """top / bottom, 0 where bottom is 0."""
    out = np.zeros(np.broadcast_shapes(top.shape, bottom.shape))
    return np.divide(top, bottom, out=out, where=bottom > 0)


def _indicator(sets: list[frozenset[str]], vocab: dict[str, int]) -> np.ndarray:
    x = np.zeros((len(sets), max(len(vocab), 1)), dtype=np.float64)
    for i, s in enumerate(sets):
        for t in s:
            x[i, vocab[t]] = 1.0
    return x


def align(
    a: Document, b: Document, *, weights: Weights | None = None, settings: AlignSettings = DEFAULT
) -> Alignment:
    """Align the body sentences of two documents."""
    ta = [s.text for s in a.sentences]
    tb = [s.text for s in b.sentences]
    if not ta or not tb:
        return Alignment(a, b, ())
    weights = weights or Weights.from_documents(
        [content_stems(" ".join(ta)), content_stems(" ".join(tb))]
    )
    scores = score_matrices(ta, tb, weights)
    links = _match(scores, settings)
    groups = _join_splits(links, scores, ta, tb, weights, settings)
    pairs = tuple(_pair(ga, gb, ta, tb, s) for ga, gb, s in sorted(groups))
    return Alignment(a, b, pairs)


def same_sentence(
    a_text: str, b_text: str, *, weights: Weights, settings: AlignSettings = DEFAULT
) -> SentencePair | None:
    """The matcher ``align`` uses, on one pair of sentences with no context to lean on:
    the pair if the two are one sentence (copied, edited or rewritten), else None."""
    scores = score_matrices([a_text], [b_text], weights)
    if not _accepts(scores, 0, 0, settings, weak=False):
        return None
    return _pair((0,), (0,), [a_text], [b_text], scores.score(0, 0, settings))


def _accepts(scores: Scores, i: int, j: int, settings: AlignSettings, *, weak: bool) -> bool:
    if scores.char[i, j] >= settings.edited:
        return True
    if scores.shared[i, j] < settings.min_shared:
        return False
    return bool(scores.dice[i, j] >= (settings.weak if weak else settings.strong))


def _match(scores: Scores, settings: AlignSettings) -> dict[int, int]:
    """One-to-one links i -> j: strong matches best first, then weak ones supported by order."""
    n, m = scores.char.shape
    best = np.maximum(np.where(scores.char >= settings.edited, scores.char, 0), scores.dice)
    links: dict[int, int] = {}
    used: set[int] = set()
    # only the pairs a strong match would accept, best first (ties in reading order): the
    # others were passed over one by one, millions of them for two long documents
    strong = (scores.char >= settings.edited) | (
        (scores.shared >= settings.min_shared) & (scores.dice >= settings.strong)
    )
    for i, j in best_first(strong & (best > 0), best):
        if i not in links and j not in used:
            links[i] = j
            used.add(j)
            if len(used) == min(n, m):
                break  # every sentence of the shorter text is matched
    extend_in_order(
        links, set(links), used, n, m, lambda i, j: _accepts(scores, i, j, settings, weak=True)
    )
    return links


def best_first(allowed: np.ndarray, score: np.ndarray) -> Iterator[tuple[int, int]]:
    """The (i, j) where ``allowed``, highest ``score`` first, ties in reading order."""
    m = score.shape[1]
    flats = np.flatnonzero(allowed)
    for flat in flats[np.argsort(-score.ravel()[flats], kind="stable")].tolist():
        yield divmod(flat, m)


def extend_in_order(
    links: dict[int, int],
    used_a: set[int],
    used_b: set[int],
    n: int,
    m: int,
    accept: Callable[[int, int], bool],
) -> None:
    """Take the matches ``accept`` allows between free sentences where order supports them
    (``_order_slots``), into ``links``, until nothing changes."""
    changed = True
    ordered = sorted(links)
    while changed:
        changed = False
        for i in range(n):
            if i in used_a:
                continue
            for j in _order_slots(links, i, m, ordered):
                if j not in used_b and accept(i, j):
                    links[i] = j
                    used_a.add(i)
                    used_b.add(j)
                    bisect.insort(ordered, i)
                    changed = True
                    break


def _order_slots(links: dict[int, int], i: int, m: int, ordered: list[int]) -> list[int]:
    """Positions in B that order suggests for A's sentence i: just after its predecessor's
    match, just before its successor's match (allowing one sentence in between), and any
    free position in the corridor between the matches of its nearest matched neighbours
    on both sides, when those keep order."""
    slots: list[int] = []
    if i - 1 in links:
        slots += [links[i - 1] + 1, links[i - 1] + 2]
    if i + 1 in links:
        slots += [links[i + 1] - 1, links[i + 1] - 2]
    # ordered: the keys of links, sorted; its neighbours of i are the nearest matched ones
    lo, hi = bisect.bisect_left(ordered, i), bisect.bisect_right(ordered, i)
    before = ordered[lo - 1] if lo else None
    after = ordered[hi] if hi < len(ordered) else None
    if before is not None and after is not None and links[before] < links[after]:
        slots += list(range(links[before] + 1, links[after]))[:CORRIDOR]
    return [j for j in dict.fromkeys(slots) if 0 <= j < m]


CORRIDOR = 4  # how many positions between two ordered matches a weak match may take


Group = tuple[tuple[int, ...], tuple[int, ...], float]


def _join_splits(
    links: dict[int, int],
    scores: Scores,
    ta: list[str],
    tb: list[str],
    weights: Weights,
    settings: AlignSettings,
) -> list[Group]:
    """Turn links into groups, joining a free neighbour sentence where it completes a pair."""
    used_a = set(links)
    used_b = set(links.values())
    groups: list[Group] = []
    for i, j in sorted(links.items()):
        ga: tuple[int, ...] = (i,)
        gb: tuple[int, ...] = (j,)
        base = scores.score(i, j, settings)
        for side, nb in (("b", j + 1), ("b", j - 1), ("a", i + 1), ("a", i - 1)):
            if len(ga) + len(gb) > 2:
                break
            cand = _try_join(side, nb, ga, gb, used_a, used_b, scores, ta, tb)
            if cand is None:
                continue
            s = _group_score(cand[0], cand[1], ta, tb, weights, settings)
            if s >= base + settings.merge_gain:
                ga, gb, base = cand[0], cand[1], s
                (used_a if side == "a" else used_b).add(nb)
        groups.append((ga, gb, base))
    return groups


def _try_join(
    side: str,
    nb: int,
    ga: tuple[int, ...],
    gb: tuple[int, ...],
    used_a: set[int],
    used_b: set[int],
    scores: Scores,
    ta: list[str],
    tb: list[str],
) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    i, j = ga[0], gb[0]
    if side == "b":
        if not 0 <= nb < len(tb) or nb in used_b or scores.cont_b[i, nb] < 0.5:
            return None
        return ga, tuple(sorted(gb + (nb,)))
    if not 0 <= nb < len(ta) or nb in used_a or scores.cont_a[nb, j] < 0.5:
        return None
    return tuple(sorted(ga + (nb,))), gb


def _group_score(
    ga: tuple[int, ...],
    gb: tuple[int, ...],
    ta: list[str],
    tb: list[str],
    weights: Weights,
    settings: AlignSettings,
) -> float:
    sa = " ".join(ta[i] for i in ga)
    sb = " ".join(tb[j] for j in gb)
    return score_matrices([sa], [sb], weights).score(0, 0, settings)


def _pair(
    ga: tuple[int, ...], gb: tuple[int, ...], ta: list[str], tb: list[str], score: float
) -> SentencePair:
    a_text = " ".join(ta[i] for i in ga)
    b_text = " ".join(tb[j] for j in gb)
    return SentencePair(
        ga,
        gb,
        a_text,
        b_text,
        relation_of(a_text, b_text),
        round(min(max(score, 0.0), 1.0), 4),
        word_edits(a_text, b_text),
    )


def relation_of(a_text: str, b_text: str, *, edited: float = 0.7) -> SentenceRelation:
    """verbatim: the same words; edited: most words kept in order (respellings count as
    kept); rewritten: the same sentence in other words."""
    if words(a_text) == words(b_text):
        return "verbatim"
    return "edited" if kept_words(a_text, b_text) >= edited else "rewritten"


def kept_words(a_text: str, b_text: str) -> float:
    """How much of the wording two sentences share, in order, 0..1, blind to house style:
    respellings (colour, color) and punctuation, quote marks included, are not changes."""
    return float(
        Indel.normalized_similarity(
            [spelling_key(w) for w in words(a_text)], [spelling_key(w) for w in words(b_text)]
        )
    )


def word_edits(a_text: str, b_text: str) -> tuple[EditOp, ...]:
    """Word-level edit operations turning ``a_text`` into ``b_text`` (a longest common
    subsequence of words kept; the rest deleted, inserted or replaced)."""
    wa = a_text.split()
    wb = b_text.split()
    if wa == wb:
        return (EditOp("equal", a_text, b_text),) if wa else ()
    spans: list[list[Any]] = []  # [tag, i1, i2, j1, j2], a deletion next to an insertion joined
    for tag, i1, i2, j1, j2 in Indel.opcodes(wa, wb):
        last = spans[-1] if spans else None
        if last and tag != "equal" and last[0] != "equal":
            last[0] = tag if tag == last[0] else "replace"
            last[2], last[4] = i2, j2
        else:
            spans.append([tag, i1, i2, j1, j2])
    return tuple(
        _op(tag, " ".join(wa[i1:i2]), " ".join(wb[j1:j2])) for tag, i1, i2, j1, j2 in spans
    )


def _op(tag: str, a: str, b: str) -> EditOp:
    return EditOp(tag, a, a if tag == "equal" else b)  # type: ignore[arg-type]
