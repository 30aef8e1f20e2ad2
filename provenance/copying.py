"""What two aligned texts share that independent reporting would not produce.

Reports of one event written the same day share a speaker's words, tweets, facts and names
without copying each other: their sentences align, but that is no derivation. Copying shows
in the wording around the facts:

- runs of five or more words alike outside quotations: two reporters rarely write the same
  five words in a row unless one took them from the other (or both from a third). Quoted
  words do not count: a quotation is the speaker's, and every report may carry it; a
  quotation that runs over several sentences is a quotation in all of them;
- or a rewrite that follows the other text sentence by sentence, in its order (a desk that
  rewords a wire story keeps its sentences and their order; two independent reports share a
  few facts in any order).

``CopyEvidence.of`` measures both for an alignment; ``direction.is_derivation`` asks for one
of them. Words are compared blind to case, punctuation and British or American spelling.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from .model import Alignment, Document, SentencePair
from .tokens import spelling_key

RUN = 5  # words alike in a row that count as copied wording
_WORD = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_OPENING = "“„«"
_CLOSING = "”»"
_EITHER = '"'
Words = tuple[str | None, ...]  # a sentence's words, None for a word inside a quotation


@dataclass(frozen=True)
class CopyEvidence:
    """What an alignment shows of copying, in words of the two texts outside quotations."""

    copied: int  # words in runs of ``RUN`` or more alike
    shorter: int  # words of the shorter text (outside quotations)
    in_order: int  # aligned pairs, outside quotations, in the order of both texts
    in_order_words: int  # the shorter text's words in those pairs

    @property
    def containment(self) -> float:
        """Share of the shorter text that is copied wording."""
        return self.copied / self.shorter if self.shorter else 0.0

    @property
    def order_coverage(self) -> float:
        """Share of the shorter text in pairs that follow both texts' order."""
        return self.in_order_words / self.shorter if self.shorter else 0.0

    @classmethod
    def of(cls, alignment: Alignment) -> CopyEvidence:
        a, b = alignment.a, alignment.b
        wa, wb = sentence_words(a), sentence_words(b)
        na, nb = _count(wa), _count(wb)
        short_is_a = na <= nb
        copied = sum(copied_run_words(_joined(wa, p.a), _joined(wb, p.b)) for p in alignment.pairs)
        chain = [p for p in in_order(alignment.pairs) if not _mostly_quoted(p, wa, wb)]
        held = (([wa[i] for i in p.a] if short_is_a else [wb[j] for j in p.b]) for p in chain)
        return cls(copied, min(na, nb), len(chain), sum(map(_count, held)))


def sentence_words(document: Document) -> tuple[Words, ...]:
    """Each body sentence's words (lower case, spelling folded), None for quoted words."""
    spans = tuple((s.start, s.end) for s in document.sentences)
    return _sentence_words(document.article.text, spans)


@lru_cache(maxsize=4096)
def _sentence_words(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[Words, ...]:
    quoted = quoted_spans(text)
    starts = [s for s, _ in quoted]
    out = []
    for start, end in spans:
        words: list[str | None] = []
        for m in _WORD.finditer(text, start, end):
            k = bisect_left(starts, m.start() + 1) - 1
            inside = k >= 0 and quoted[k][0] <= m.start() < quoted[k][1]
            words.append(None if inside else spelling_key(m.group(0).lower().replace("’", "'")))
        out.append(tuple(words))
    return tuple(out)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the text inside double quotation marks, curly or straight, paired
    within a paragraph: a quotation that runs over several sentences is quoted in each. An
    opening mark left unclosed quotes to the end of its paragraph, as news style leaves a
    quotation open where it goes on in the next. A post embedded in a page (the paragraph
    above a "— Name (@handle) July 16, 2018" line) is its author's words, quoted too."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(_marked_spans(text) + _embedded_posts(text)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# "— Donald J. Trump (@realDonaldTrump) July 16, 2018", the line under an embedded post
_POST_SIGN_OFF = re.compile(
    r"^[ \t]*(?:—|–|--?)[ \t]*[^\n]{1,80}\(@\w{1,30}\)[ \t]*[A-Z][a-z]+\.? \d{1,2}, \d{4}[ \t]*$",
    re.MULTILINE,
)


def _embedded_posts(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _POST_SIGN_OFF.finditer(text):
        end = text.rfind("\n", 0, m.start())  # the end of the paragraph above
        if end > 0:
            start = text.rfind("\n", 0, end) + 1
            spans.append((start, end))
    return spans


def _marked_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for k, ch in enumerate(text):
        if ch == "\n":
            if open_at is not None:
                spans.append((open_at, k))
            open_at = None
        elif ch in _OPENING or (ch == _EITHER and open_at is None):
            open_at = k if open_at is None else open_at
        elif (ch in _CLOSING or ch == _EITHER) and open_at is not None:
            spans.append((open_at, k + 1))
            open_at = None
    if open_at is not None:
        spans.append((open_at, len(text)))
    return spans


def _joined(words: tuple[Words, ...], indices: tuple[int, ...]) -> Words:
    if len(indices) == 1:
        return words[indices[0]]
    return tuple(w for i in indices for w in words[i])


def _count(sentences: Sequence[Words]) -> int:
    return sum(1 for s in sentences for w in s if w is not None)


def copied_run_words(a: Words, b: Words, *, run: int = RUN) -> int:
    """Words in runs of ``run`` or more alike in a and b, quoted words breaking a run."""
    if not a or not b:
        return 0
    ka = [w if w is not None else f"\x00a{k}" for k, w in enumerate(a)]
    kb = [w if w is not None else f"\x00b{k}" for k, w in enumerate(b)]
    if ka == kb:
        return len(ka) - a.count(None) if len(ka) >= run else 0
    return sum(
        op.src_end - op.src_start
        for op in Indel.opcodes(ka, kb)
        if op.tag == "equal" and op.src_end - op.src_start >= run
    )


def in_order(pairs: Sequence[SentencePair]) -> list[SentencePair]:
    """The most pairs that lie in the order of both texts (a longest increasing chain)."""
    ordered = sorted(pairs, key=lambda p: (p.a[0], p.b[0]))
    tails: list[int] = []  # smallest last b-position of a chain of each length
    ends: list[int] = []  # index into ordered of that chain's last pair
    back: list[int | None] = []
    for k, p in enumerate(ordered):
        at = bisect_left(tails, p.b[0])
        if at == len(tails):
            tails.append(p.b[0])
            ends.append(k)
        else:
            tails[at] = p.b[0]
            ends[at] = k
        back.append(ends[at - 1] if at else None)
    chain: list[SentencePair] = []
    node = ends[-1] if ends else None
    while node is not None:
        chain.append(ordered[node])
        node = back[node]
    return chain[::-1]


def _mostly_quoted(pair: SentencePair, wa: tuple[Words, ...], wb: tuple[Words, ...]) -> bool:
    """Whether most of the pair's words, on either side, are inside a quotation."""
    for words, indices in ((wa, pair.a), (wb, pair.b)):
        ws = _joined(words, indices)
        if ws and 2 * ws.count(None) > len(ws):
            return True
    return False
