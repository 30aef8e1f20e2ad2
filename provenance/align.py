"""Align stage: two documents -> the pairs of sentences that are one sentence, copied,
edited or rewritten, with the word-level edits inside each pair.

Two similarity matrices are scored for every sentence of A against every sentence of B:
character similarity (normalised Indel, rapidfuzz ``cdist``) catches copies and edits;
weighted Dice over content-word stems catches rewrites, with each word weighted by its rarity
in the collection so that sentences which merely share a topic's vocabulary score low.
A pair stands on its own, with no neighbouring match to support it, when it is near in
characters or a strong weighted-Dice rewrite; where that rule's pairs are all about one
sentence, each must also read as one sentence to a logistic model over the pair's lexical
features (``pair_features``, fitted on MSRP by bench/matcher.py), so a lone sentence that
one side holds only part of is no match (``stands_alone``). Matches are taken best first,
one-to-one, in any order (moved paragraphs are fine). A weak lexical match is only taken
where order supports it: next to an accepted match on both sides (a rewrite keeps its
source's order; topic sharing does not). A sentence split in two or more, or a run of
sentences condensed into one, is joined where each joined sentence is mostly contained in
the other side's and the group scores better together than apart; sentences left unmatched
that match only when joined (neither half of a split is a match alone) are grouped where
the group stands on its own.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from .model import Alignment, Document, EditOp, SentencePair, SentenceRelation
from .tokens import (
    SENTENCE_CACHE,
    Weights,
    content_stems,
    fold,
    spelling_key,
    stem_set,
    word_tokens,
    words,
)

# What ``pair_features`` measures of a pair of sentences, in order.
FEATURES = (
    "char",  # character similarity
    "dice",  # weighted Dice of content stems
    "shared",  # weight of the shared content stems
    "unmatched_share",  # the larger share of a side's weight that the other side lacks
    "unmatched",  # the larger weight that one side has and the other lacks
    "words",  # Dice of the two sentences' words (with their counts)
    "bigrams",  # ... of their word pairs
    "trigrams",  # ... of their word triples
    "numbers",  # how many numbers one side has and the other lacks
    "negation",  # 1 if one side negates ("not", "never", "didn't") and the other does not
)


CLIP = 3.0


@dataclass(frozen=True)
class SentenceModel:
    """A logistic model of "these two sentences are one, copied or rewritten" from
    ``pair_features``: features standardised by ``mean`` and ``scale``, then weighed. A
    feature counts no further than ``CLIP`` standard deviations from its mean: the model was
    fitted on news sentences, and a paragraph-long sentence's shared weight, far outside
    them, would otherwise outweigh that its words are the other's."""

    intercept: float
    weights: tuple[float, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]

    def takes_any_copy(self) -> bool:
        """Whether the model reads every word-for-word copy as one sentence: two identical
        sentences differ from other identical pairs only in their shared weight (counted no
        further than ``CLIP``, so its worst is at the clip), in whether they hold content
        words (Dice 1 or 0) and in how many words they have (none, one, two, or word triples
        too). Then such pairs need not be put to the model."""
        k = FEATURES.index("shared")
        w, m, sd = self.weights[k], self.mean[k], self.scale[k]
        worst_shared = m + 2 * CLIP * sd * (1 if w < 0 else -1)  # clipped to its worst
        for dice in (0.0, 1.0):
            for grams in ((0.0, 0.0, 0.0), (1.0, 0.0, 0.0), (1.0, 1.0, 0.0), (1.0, 1.0, 1.0)):
                same = dict(zip(("words", "bigrams", "trigrams"), grams, strict=True))
                same |= {"char": 1.0, "dice": dice, "shared": worst_shared}
                if not self.says_one([same.get(name, 0.0) for name in FEATURES]):
                    return False
        return True

    def says_one(self, features: list[float]) -> bool:
        """Whether the model gives one pair even odds or better (``probability`` >= 0.5), in
        plain Python: for one pair at a time, faster than building arrays."""
        z = self.intercept
        for f, w, m, sd in zip(features, self.weights, self.mean, self.scale, strict=True):
            z += w * min(max((f - m) / sd, -CLIP), CLIP)
        return z >= 0

    def probability(self, features: np.ndarray) -> np.ndarray:
        """P(one sentence) for each row of ``features`` (n x len(FEATURES))."""
        z = np.clip((features - np.asarray(self.mean)) / np.asarray(self.scale), -CLIP, CLIP)
        return np.asarray(1.0 / (1.0 + np.exp(-(self.intercept + z @ np.asarray(self.weights)))))


# Fitted by ``python bench/matcher.py ../shared/data --write`` on one half of MSRP's training
# pairs (seed 0); bench/results/matcher.md gives its accuracy on the other half and what it
# does to clough-dev's derivations. Asked only where nothing vouches for a pair:
# ``stands_alone``.
MATCHER = SentenceModel(
    intercept=1.456,
    weights=(0.722, -0.234, -0.101, -0.457, -0.285, 0.947, 0.074, -0.974, -0.32, -0.352),
    mean=(0.743, 0.721, 5.722, 0.334, 2.806, 0.691, 0.52, 0.412, 0.348, 0.035),
    scale=(0.107, 0.128, 2.143, 0.138, 1.349, 0.124, 0.178, 0.21, 0.974, 0.184),
)


@dataclass(frozen=True)
class AlignSettings:
    """Thresholds of the sentence matcher (one set for every data set)."""

    edited: float = 0.72  # character similarity from which a pair is one sentence, edited
    strong: float = 0.50  # weighted Dice from which a rewrite stands on its own
    weak: float = 0.28  # weighted Dice from which a rewrite is taken next to a match in order
    min_shared: float = 1.2  # weight of shared content words a lexical match needs
    merge_gain: float = 0.04  # score each sentence joined into a group must add
    contained: float = 0.5  # share of a sentence's word weight the other side must hold to join
    # what a pair the edited / strong rule takes must also be, where no other of its pairs
    # lies in other sentences of both texts (``stands_alone``); None: the rule alone
    model: SentenceModel | None = MATCHER
    vouch: bool = True  # False: the model judges every pair as if it stood alone (a bench's)


DEFAULT = AlignSettings()


@dataclass(frozen=True)
class Scores:
    """Sentence-by-sentence similarity of two documents."""

    char: np.ndarray  # n x m, 0..1
    dice: np.ndarray  # weighted Dice of content stems
    shared: np.ndarray  # weight of shared stems
    cont_a: np.ndarray  # share of A-sentence weight found in the B-sentence
    cont_b: np.ndarray  # share of B-sentence weight found in the A-sentence
    weight_a: np.ndarray  # n: each A-sentence's content weight
    weight_b: np.ndarray  # m: each B-sentence's content weight

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
    return Scores(np.asarray(char), dice, shared, cont_a, cont_b, wa, wb)


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
    links = _match(scores, ta, tb, settings)
    groups = _join_splits(links, scores, ta, tb, weights, settings)
    pairs = tuple(_pair(ga, gb, ta, tb, s) for ga, gb, s in sorted(groups))
    return Alignment(a, b, pairs)


def same_sentence(
    a_text: str, b_text: str, *, weights: Weights, settings: AlignSettings = DEFAULT
) -> SentencePair | None:
    """The matcher ``align`` uses, on one pair of sentences with no context to lean on:
    the pair if the two are one sentence (copied, edited or rewritten), else None."""
    scores = score_matrices([a_text], [b_text], weights)
    if not stands_alone(scores, [a_text], [b_text], settings)[0, 0]:
        return None
    return _pair((0,), (0,), [a_text], [b_text], scores.score(0, 0, settings))


def _accepts(scores: Scores, i: int, j: int, settings: AlignSettings) -> bool:
    """Whether a pair next to a match in order is one sentence: edited, or a weak rewrite."""
    if scores.char[i, j] >= settings.edited:
        return True
    if scores.shared[i, j] < settings.min_shared:
        return False
    return bool(scores.dice[i, j] >= settings.weak)


def stands_alone(
    scores: Scores, ta: list[str], tb: list[str], settings: AlignSettings
) -> np.ndarray:
    """Which pairs read as one sentence with no neighbouring match to lean on (n x m bool).

    The rule: near in characters (``edited``), or a rewrite sharing content words of weight
    ``min_shared`` with a weighted Dice of ``strong``. Where the rule's pairs are all about
    one sentence of either text (a lone pair, or one sentence against several), each must
    also read as one sentence to the ``model``: a lone sentence that one side holds only
    part of (a long clause added or dropped) is no match on its own; a changed figure or
    an added "not" still is one. Where two of the rule's pairs lie in other sentences of
    both texts, they vouch for each other and the rule alone decides: texts that share
    sentences, however edited, keep every match the rule makes (``vouch=False`` asks the
    model about every pair instead)."""
    rule = np.asarray(
        (scores.char >= settings.edited)
        | ((scores.shared >= settings.min_shared) & (scores.dice >= settings.strong))
    )
    model = settings.model
    if model is None or not rule.any():
        return rule
    rows, cols = np.nonzero(rule)
    if settings.vouch and _two_apart(rows, cols):
        return rule
    copies_pass = _takes_any_copy(model)
    out = np.zeros(rule.shape, dtype=bool)
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        if copies_pass and scores.char[i, j] >= 1.0:
            out[i, j] = True  # the same words: the model's yes, without asking
        else:
            out[i, j] = model.says_one(pair_features(scores, i, j, ta[i], tb[j]))
    return out


def _two_apart(rows: np.ndarray, cols: np.ndarray) -> bool:
    """Whether two of the pairs (rows[k], cols[k]) lie in different rows and columns. If
    none lies apart from the first pair, all share its row or its column, and one in its
    row and one in its column lie apart from each other."""
    r0, c0 = rows[0], cols[0]
    if ((rows != r0) & (cols != c0)).any():
        return True
    return bool(((rows == r0) & (cols != c0)).any() and ((cols == c0) & (rows != r0)).any())


@lru_cache(maxsize=8)
def _takes_any_copy(model: SentenceModel) -> bool:
    return model.takes_any_copy()


NEGATIONS = frozenset({"not", "no", "never", "nor", "none", "nothing", "neither", "without"})


def pair_features(scores: Scores, i: int, j: int, a_text: str, b_text: str) -> list[float]:
    """The pair's measures named in ``FEATURES``, in that order."""
    shared = float(scores.shared[i, j])
    wa, wb = float(scores.weight_a[i]), float(scores.weight_b[j])
    ua, ub = wa - shared, wb - shared
    ga, gb = _grams(a_text), _grams(b_text)
    na, nb = _numbers(a_text), _numbers(b_text)
    return [
        float(scores.char[i, j]),
        float(scores.dice[i, j]),
        shared,
        max(ua / wa if wa > 0 else 0.0, ub / wb if wb > 0 else 0.0),
        max(ua, ub),
        *(_dice(x, y) for x, y in zip(ga, gb, strict=True)),
        float(len(na ^ nb)),
        float(_negates(a_text) != _negates(b_text)),
    ]


def _dice(
    a: tuple[Counter[tuple[str, ...]], int], b: tuple[Counter[tuple[str, ...]], int]
) -> float:
    """Dice of two counted gram sets: twice the grams they share, with their counts, over
    all of both."""
    (ca, na), (cb, nb) = (a, b) if len(a[0]) <= len(b[0]) else (b, a)
    shared = sum(min(c, cb[g]) for g, c in ca.items() if g in cb)
    return 2 * shared / (na + nb) if na + nb else 0.0


@lru_cache(maxsize=SENTENCE_CACHE)
def _grams(text: str) -> tuple[tuple[Counter[tuple[str, ...]], int], ...]:
    """The sentence's words, word pairs and word triples, counted, each with its total."""
    w = word_tokens(text)
    return tuple(
        (Counter(tuple(w[k : k + n]) for k in range(len(w) - n + 1)), max(len(w) - n + 1, 0))
        for n in (1, 2, 3)
    )


@lru_cache(maxsize=SENTENCE_CACHE)
def _numbers(text: str) -> frozenset[str]:
    return frozenset(w.strip("$%") for w in word_tokens(text) if w[0].isdigit() or w[0] == "$")


@lru_cache(maxsize=SENTENCE_CACHE)
def _negates(text: str) -> bool:
    return any(w in NEGATIONS or w.endswith("n't") for w in word_tokens(text))


def _match(scores: Scores, ta: list[str], tb: list[str], settings: AlignSettings) -> dict[int, int]:
    """One-to-one links i -> j: matches that stand alone best first, then weak ones supported
    by order."""
    n, m = scores.char.shape
    best = np.maximum(np.where(scores.char >= settings.edited, scores.char, 0), scores.dice)
    links: dict[int, int] = {}
    used: set[int] = set()
    # only the pairs that stand alone, best first (ties in reading order): the others were
    # passed over one by one, millions of them for two long documents
    strong = stands_alone(scores, ta, tb, settings)
    for i, j in best_first(strong & (best > 0), best):
        if i not in links and j not in used:
            links[i] = j
            used.add(j)
            if len(used) == min(n, m):
                break  # every sentence of the shorter text is matched
    extend_in_order(links, set(links), used, n, m, lambda i, j: _accepts(scores, i, j, settings))
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
    """Turn links into groups, each grown by the free neighbour sentences that complete it,
    then add the groups that free sentences form only when joined (``_Joiner.free_groups``).
    Where the texts already share a sentence, a joined group is taken by the rule alone, as a
    pair is (``stands_alone``)."""
    vouched = replace(settings, model=None) if links and settings.vouch else settings
    joiner = _Joiner(scores, ta, tb, weights, vouched)
    used_a = set(links)
    used_b = set(links.values())
    groups: list[Group] = []
    for i, j in sorted(links.items()):
        ga, gb, score = joiner.grow((i,), (j,), scores.score(i, j, settings), used_a, used_b)
        used_a.update(ga)
        used_b.update(gb)
        groups.append((ga, gb, score))
    return groups + joiner.free_groups(used_a, used_b)


@dataclass(frozen=True)
class _Joiner:
    """Joins sentences into groups: what a sentence split in two or more, or a run of
    sentences condensed into one, looks like to a one-to-one matcher."""

    scores: Scores
    ta: list[str]
    tb: list[str]
    weights: Weights
    settings: AlignSettings

    def grow(
        self,
        ga: tuple[int, ...],
        gb: tuple[int, ...],
        score: float,
        used_a: set[int],
        used_b: set[int],
    ) -> Group:
        """Join free neighbours into the group one at a time while each is mostly contained
        in the other side's sentence and the group scores better with it than without:
        every step must earn its place, so a list condensed into one sentence joins item
        by item, and the unrelated sentence after it does not."""
        while True:
            for side, nb in _neighbours(ga, gb):
                cand = self._with(side, nb, ga, gb, used_a, used_b)
                if cand is None:
                    continue
                s = self.group_scores(*cand).score(0, 0, self.settings)
                if s >= score + self.settings.merge_gain:
                    ga, gb, score = cand[0], cand[1], s
                    break
            else:
                return ga, gb, score

    def free_groups(self, used_a: set[int], used_b: set[int]) -> list[Group]:
        """Groups of sentences the matcher left free that match only when joined: each
        joined part mostly contained in one sentence of the other text, and together
        standing on their own as one sentence (a sentence split in two with neither half a
        match on its own, a list condensed into one sentence), because no neighbouring
        match is needed to support them. Seeds are taken best first, as the matcher takes
        its matches."""
        sc = self.scores
        free_a = [i for i in range(len(self.ta)) if i not in used_a]
        free_b = [j for j in range(len(self.tb)) if j not in used_b]
        if not free_a or not free_b:
            return []
        free = np.ix_(free_a, free_b)
        contained = self.settings.contained
        seeds = ((sc.cont_a[free] >= contained) | (sc.cont_b[free] >= contained)) & (
            sc.shared[free] > 0
        )
        groups: list[Group] = []
        for row, col in best_first(seeds, sc.dice[free]):
            i, j = free_a[row], free_b[col]
            if i in used_a or j in used_b:
                continue
            ga, gb, score = self.grow((i,), (j,), sc.score(i, j, self.settings), used_a, used_b)
            if len(ga) + len(gb) > 2 and self.reads_as_one(ga, gb):
                used_a.update(ga)
                used_b.update(gb)
                groups.append((ga, gb, score))
        return groups

    def _with(
        self,
        side: str,
        nb: int,
        ga: tuple[int, ...],
        gb: tuple[int, ...],
        used_a: set[int],
        used_b: set[int],
    ) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
        """The group with neighbour ``nb`` of ``side`` joined, if it is free and mostly
        contained in the other side's (single) sentence."""
        if side == "b":
            free = 0 <= nb < len(self.tb) and nb not in used_b
            if free and self.scores.cont_b[ga[0], nb] >= self.settings.contained:
                return ga, tuple(sorted(gb + (nb,)))
            return None
        free = 0 <= nb < len(self.ta) and nb not in used_a
        if free and self.scores.cont_a[nb, gb[0]] >= self.settings.contained:
            return tuple(sorted(ga + (nb,))), gb
        return None

    def reads_as_one(self, ga: tuple[int, ...], gb: tuple[int, ...]) -> bool:
        """Whether the two groups, each joined into one sentence, stand on their own as one
        sentence (``stands_alone``)."""
        sa, sb = self._joined(ga, gb)
        scores = score_matrices([sa], [sb], self.weights)
        return bool(stands_alone(scores, [sa], [sb], self.settings)[0, 0])

    def group_scores(self, ga: tuple[int, ...], gb: tuple[int, ...]) -> Scores:
        """The scores of the two groups' texts, each joined into one sentence."""
        sa, sb = self._joined(ga, gb)
        return score_matrices([sa], [sb], self.weights)

    def _joined(self, ga: tuple[int, ...], gb: tuple[int, ...]) -> tuple[str, str]:
        return " ".join(self.ta[i] for i in ga), " ".join(self.tb[j] for j in gb)


def _neighbours(ga: tuple[int, ...], gb: tuple[int, ...]) -> list[tuple[str, int]]:
    """The sentences a group may join next: after, then before it, in B, then in A; only on
    the side already grown (a group is one sentence against one or more)."""
    sides: list[tuple[str, int]] = []
    if len(ga) == 1:
        sides += [("b", gb[-1] + 1), ("b", gb[0] - 1)]
    if len(gb) == 1:
        sides += [("a", ga[-1] + 1), ("a", ga[0] - 1)]
    return sides


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
