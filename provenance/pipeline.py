"""The local engine: run the stages in order over a set of articles.

    ingest -> segment -> candidates -> align -> direction -> graph

Engines call the stages; they do not reimplement them. ``trace`` is what the CLI's
``provenance trace`` runs; ``compare`` aligns two texts for Python users.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing as mp
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from . import __version__, rules
from .align import DEFAULT as ALIGN_DEFAULT
from .align import AlignSettings, align
from .candidates import MAX_DF, MIN_ANCHORS, anchor_codes, candidates_from_codes
from .direction import DEFAULT as DERIVE_DEFAULT
from .direction import DeriveSettings, decide
from .graph import build_graph
from .ingest import article_id
from .model import (
    Alignment,
    Article,
    Candidate,
    Document,
    EditOp,
    Graph,
    Relation,
    SentencePair,
    SentenceRelation,
    Verdict,
    components,
)
from .segment import mark_boilerplate, segment
from .tokens import STOPWORDS, Weights, content_stems, unaccented

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class Settings:
    """Every setting of the engine, in one place (one set for every data set)."""

    align: AlignSettings = field(default_factory=lambda: ALIGN_DEFAULT)
    derive: DeriveSettings = field(default_factory=lambda: DERIVE_DEFAULT)
    min_anchors: int = MIN_ANCHORS  # see candidates.MIN_ANCHORS
    max_df: int = MAX_DF
    without: frozenset[str] = frozenset()  # rules switched off (see ``rules``)


DEFAULT = Settings()


def no_progress(stage: str, done: int, total: int) -> None:
    """A ``Progress`` callback that shows nothing."""
    return None


def segment_all(
    articles: Iterable[Article], context: Sequence[Document] = (), *, workers: int = 1
) -> list[Document]:
    """Segment articles, keeping the first of any that share a content id, and set apart
    the boilerplate each outlet repeats under its articles (``context``: documents of an
    earlier trace, counted for that but not returned). ``workers`` > 1 segments in that
    many processes; the documents are the same."""
    held = {d.id for d in context}
    unique: dict[str, Article] = {}
    for article in articles:
        first = unique.get(article.id)
        if first is None:
            if article.id not in held:
                unique[article.id] = article
        elif article.name != first.name and article.name not in first.aliases:
            # the same text under two names is one article with two names
            unique[article.id] = replace(first, aliases=(*first.aliases, article.name))
    return mark_boilerplate(parallel_map(segment, list(unique.values()), workers), context)


T = TypeVar("T")
U = TypeVar("U")
H = TypeVar("H", tuple[int, ...], float)
_ITEMS: Sequence[Any] = ()  # what forked workers of ``parallel_map`` read their items from
_FUNCTION: Callable[[Any], Any] | None = None


def parallel_map(function: Callable[[T], U], items: Sequence[T], workers: int) -> list[U]:
    """``[function(x) for x in items]`` in ``workers`` forked processes, in order.

    The items are not sent to the workers: forked workers see them in memory already, and
    only the results come back. Small inputs, one worker, or a platform without fork run
    in this process."""
    if workers <= 1 or len(items) < 200 or "fork" not in mp.get_all_start_methods():
        return [function(x) for x in items]
    global _ITEMS, _FUNCTION
    _ITEMS, _FUNCTION = items, function
    try:
        step = -(-len(items) // (workers * 4))
        spans = [(k, min(k + step, len(items))) for k in range(0, len(items), step)]
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            return [y for part in pool.map(_map_span, spans) for y in part]
    finally:
        _ITEMS, _FUNCTION = (), None


def _map_span(span: tuple[int, int]) -> list[Any]:
    assert _FUNCTION is not None
    return [_FUNCTION(x) for x in _ITEMS[span[0] : span[1]]]


def collection_weights(documents: Iterable[Document]) -> Weights:
    """Word weights from the whole collection: topic words weigh less than specifics."""
    return Weights.from_documents(
        [st for s in d.sentences for st in content_stems(s.text)] for d in documents
    )


def family_weights(documents: list[Document], family: dict[str, str]) -> FamilyWeights:
    """Word weights per family of related articles (``family``: article id -> family, the
    components of the candidate pairs): whether a word is rare is judged among the articles
    that could share text with each other, so articles on other stories in the same run do
    not change a verdict. Articles alone in their family have none."""
    members: dict[str, list[Document]] = {}
    for d in documents:
        members.setdefault(family[d.id], []).append(d)
    return FamilyWeights(family, {root: docs for root, docs in members.items() if len(docs) > 1})


class FamilyWeights(Mapping[str, Weights]):
    """Article id -> its family's word weights, worked out when first asked for (where the
    family is aligned, in a worker process) and kept for the families asked for last:
    pairs are aligned family by family, and the weights of every family at once would be
    a dictionary of words per family held until the graph is built."""

    KEPT = 256  # families whose weights are kept

    def __init__(self, family: Mapping[str, str], members: Mapping[str, list[Document]]) -> None:
        self._family = family
        self._members = members
        self._kept: dict[str, Weights] = {}  # the last families asked for, oldest first

    def __getitem__(self, article: str) -> Weights:
        root = self._family.get(article)
        if root is None or root not in self._members:
            raise KeyError(article)
        weights = self._kept.get(root)
        if weights is None:
            if len(self._kept) >= self.KEPT:
                del self._kept[next(iter(self._kept))]
            weights = self._kept[root] = collection_weights(self._members[root])
        return weights

    def __contains__(self, article: object) -> bool:
        root = self._family.get(article) if isinstance(article, str) else None
        return root is not None and root in self._members

    def __iter__(self) -> Iterator[str]:
        return (a for a, root in self._family.items() if root in self._members)

    def __len__(self) -> int:
        return sum(1 for _ in self)


@dataclass(frozen=True)
class Previous:
    """What an earlier trace left, for adding articles to it: its graph (documents and
    verdicts) and the alignments of the verdicts that found shared material."""

    graph: Graph
    alignments: tuple[Alignment, ...] = ()

    def results(self) -> list[tuple[Alignment, Verdict]]:
        """The earlier (alignment, verdict) pairs the graph is rebuilt from."""
        verdicts = {(v.a, v.b): v for v in self.graph.verdicts}
        return [
            (al, verdicts[(al.a.id, al.b.id)])
            for al in self.alignments
            if (al.a.id, al.b.id) in verdicts
        ]


def kept_verdicts(graph: Graph) -> list[Verdict]:
    """The verdicts a later trace needs again: those that found a derivation or a common
    source (a pair found unrelated stays stored, but takes no part in the graph)."""
    return [v for v in graph.verdicts if v.relation != "none"]


def trace_documents(
    documents: list[Document],
    *,
    settings: Settings = DEFAULT,
    progress: Progress = no_progress,
    workers: int = 1,
    previous: Previous | None = None,
    engine: Engine | None = None,
) -> Graph:
    """Align the candidate pairs among ``documents`` and reduce them to a graph.

    With ``workers`` > 1 the pairs are aligned in that many processes; the graph is the same
    for any number of workers (results are gathered in candidate order). With ``previous``,
    ``documents`` are added to an earlier trace: only pairs that involve one of them are
    aligned, and the graph is rebuilt from the earlier verdicts and the new ones. An
    ``engine`` (e.g. ``provenance.distributed.DaskEngine``) runs indexing, candidate finding
    and alignment elsewhere; the graph is the same."""
    settings = replace(settings, without=settings.without | rules.switched_off())
    with rules.without(settings.without):
        return _trace_documents(documents, settings, progress, workers, previous, engine)


def _trace_documents(
    documents: list[Document],
    settings: Settings,
    progress: Progress,
    workers: int,
    previous: Previous | None,
    engine: Engine | None,
) -> Graph:
    engine = engine or LocalEngine(workers)
    old = list(previous.graph.documents) if previous else []
    known = {d.id for d in old}
    every = old + [d for d in documents if d.id not in known]
    new = range(len(old), len(every)) if previous else None
    candidates = engine.candidates(every, settings, only=new)
    linked = [(v.a, v.b) for v in previous.graph.verdicts] if previous else []
    linked += [(c.a, c.b) for c in candidates]
    family = components(linked, (d.id for d in every))
    job = AlignJob({d.id: d for d in every}, family_weights(every, family), settings)
    # Aligned in an order that keeps related articles together (each article's sentences
    # are tokenised while they are still in the per-sentence caches); results are put back
    # in candidate order.
    rank = _visit_order([d.id for d in every], candidates)
    order = sorted(
        range(len(candidates)),
        key=lambda k: (max(rank[candidates[k].a], rank[candidates[k].b]), k),
    )
    with _frozen_heap():
        aligned: list[Result | None] = [None] * len(candidates)
        for n, (k, result) in enumerate(
            zip(order, engine.align(job, [candidates[k] for k in order]), strict=True), 1
        ):
            aligned[k] = result
            progress("align", n, len(candidates))
        results = previous.results() if previous else []
        results += [r for r in aligned if r is not None]
        del aligned
        gc.freeze()  # the results, too, live until the graph is built
        return build_graph(every, results)


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """Keep the objects alive so far (documents, candidates, results) out of the cyclic
    garbage collector's sight until the block ends: they live until the graph is built, and
    every full collection would otherwise walk all of them again, in this process and in
    forked workers (where walking them also copies the memory pages they sit on)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _visit_order(ids: list[str], candidates: list[Candidate]) -> dict[str, int]:
    """Articles numbered in depth-first order over the candidate pairs: an article comes
    right after the articles it is to be aligned with, family by family."""
    near: dict[str, list[str]] = {}
    for c in candidates:
        near.setdefault(c.a, []).append(c.b)
        near.setdefault(c.b, []).append(c.a)
    rank: dict[str, int] = {}
    for start in ids:
        stack = [start]
        while stack:
            node = stack.pop()
            if node not in rank:
                rank[node] = len(rank)
                stack.extend(reversed(near.get(node, ())))
    return rank


class Engine(Protocol):
    """Where the heavy stages run: candidate finding and alignment."""

    def candidates(
        self, documents: list[Document], settings: Settings, *, only: Sequence[int] | None
    ) -> list[Candidate]:
        """The candidate pairs, in the order ``candidates.candidates_from_codes`` gives."""
        ...

    def align(self, job: AlignJob, candidates: list[Candidate]) -> Iterable[Result]:
        """Each candidate aligned and decided, in candidate order."""
        ...


Result = tuple[Alignment, Verdict]


@dataclass(frozen=True)
class LocalEngine:
    """This machine: alignment in ``workers`` processes."""

    workers: int = 1

    def candidates(
        self, documents: list[Document], settings: Settings, *, only: Sequence[int] | None
    ) -> list[Candidate]:
        found = candidates_from_codes(
            [d.id for d in documents],
            parallel_map(anchor_codes, documents, self.workers),
            min_anchors=settings.min_anchors,
            max_df=settings.max_df,
            only=only,
        )
        return list(found)

    def align(self, job: AlignJob, candidates: list[Candidate]) -> Iterable[Result]:
        return _run(job, candidates, self.workers)


@dataclass(frozen=True)
class AlignJob:
    """What aligning one candidate pair needs: the documents, word weights and settings."""

    documents: dict[str, Document]
    weights: Mapping[str, Weights]
    settings: Settings

    def __call__(self, cand: Candidate) -> tuple[Alignment, Verdict]:
        """The pair aligned and decided. A pair found unrelated keeps its verdict (with the
        number of sentences it shares) but not its sentence pairs: on a large archive most
        candidates are unrelated, and their chance matches are not worth keeping."""
        a, b = self.documents[cand.a], self.documents[cand.b]
        with rules.without(self.settings.without):  # in a worker elsewhere, too
            alignment = align(a, b, weights=self.weights[cand.a], settings=self.settings.align)
            verdict = decide(alignment, settings=self.settings.derive)
        if verdict.relation == "none":
            alignment = Alignment(a, b, ())
        return alignment, verdict

    def packed(self, cand: Candidate) -> Packed:
        """The result for ``cand`` without the sentence texts, to send between processes."""
        return pack(self(cand))

    def unpack(self, packed: Packed) -> Result:
        """A packed result with its texts put back from this job's documents."""
        return unpack(packed, self.documents)


PackedPair = tuple[
    tuple[int, ...], tuple[int, ...], SentenceRelation, float, tuple[EditOp, ...] | None
]
Packed = tuple[str, str, tuple[PackedPair, ...], Verdict]


def pack(result: Result) -> Packed:
    """A result as (a id, b id, pairs without their texts, verdict): sentence texts are not
    sent back from a worker (the receiver has the documents), which keeps every text once
    in memory however many pairs it is aligned in. The edits of a pair of the same words
    (one "equal" op holding both texts) are sent as None, for the same reason."""
    alignment, verdict = result
    pairs = tuple((p.a, p.b, p.relation, p.score, _packed_edits(p)) for p in alignment.pairs)
    return alignment.a.id, alignment.b.id, pairs, verdict


def _packed_edits(pair: SentencePair) -> tuple[EditOp, ...] | None:
    edits = pair.edits
    if len(edits) == 1 and edits[0] == EditOp("equal", pair.a_text, pair.b_text):
        return None
    return edits


def unpack(packed: Packed, documents: Mapping[str, Document]) -> Result:
    """A packed result rebuilt over ``documents``' texts. Equal sentence numbers and scores
    are shared between the pairs that hold them (the receiver keeps every result until
    the graph is built, and most pairs are of one sentence each)."""
    a_id, b_id, pairs, verdict = packed
    a, b = documents[a_id], documents[b_id]
    return Alignment(a, b, tuple(_unpacked(a, b, *p) for p in pairs)), verdict


def _unpacked(
    a: Document,
    b: Document,
    ia: tuple[int, ...],
    ib: tuple[int, ...],
    relation: SentenceRelation,
    score: float,
    edits: tuple[EditOp, ...] | None,
) -> SentencePair:
    a_text, b_text = _text(a, ia), _text(b, ib)
    if edits is None:
        edits = (EditOp("equal", a_text, b_text),)
    score = _shared(score) if score else score  # 0.0 and -0.0 are equal, but print apart
    return SentencePair(_shared(ia), _shared(ib), a_text, b_text, relation, score, edits)


@lru_cache(maxsize=1 << 16, typed=True)
def _shared(value: H) -> H:
    """The first of equal values seen: one object for the many copies of a value."""
    return value


def _text(document: Document, indices: tuple[int, ...]) -> str:
    if len(indices) == 1:
        return document.sentences[indices[0]].text
    return " ".join(document.sentences[i].text for i in indices)


_JOB: AlignJob | None = None  # the job a worker process runs, set once when it starts


def _start_worker(job: AlignJob) -> None:
    global _JOB
    _JOB = job


def _in_worker(cand: Candidate) -> Packed:
    assert _JOB is not None
    return _JOB.packed(cand)


def _run(job: AlignJob, candidates: list[Candidate], workers: int) -> Iterable[Result]:
    if workers <= 1 or len(candidates) < 2 * workers:
        return map(job, candidates)
    pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(job,))
    chunk = max(1, min(64, len(candidates) // (workers * 8)))
    return _closing(pool, map(job.unpack, pool.map(_in_worker, candidates, chunksize=chunk)))


def _closing(pool: ProcessPoolExecutor, results: Iterable[Result]) -> Iterable[Result]:
    with pool:
        yield from results


def trace(
    articles: Iterable[Article], *, settings: Settings = DEFAULT, progress: Progress = no_progress
) -> Graph:
    """Trace a set of articles: the whole pipeline, in memory."""
    return trace_documents(segment_all(articles), settings=settings, progress=progress)


def input_signature(articles: Iterable[Article], settings: Settings = DEFAULT) -> str:
    """A fingerprint of what a trace depends on: every article (text and metadata), the
    settings and the version. The same signature means the same graph."""
    off = sorted(settings.without | rules.switched_off())
    digest = hashlib.sha256(f"{__version__}|{settings!r}|{off}".encode())
    for article in sorted(articles, key=lambda a: (a.id, a.name)):
        digest.update(repr(article).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@dataclass(frozen=True)
class Comparison:
    """Two texts aligned: the sentence pairs and the verdict on them."""

    alignment: Alignment
    verdict: Verdict

    @property
    def pairs(self) -> tuple[SentencePair, ...]:
        return self.alignment.pairs


def compare(
    text_a: str, text_b: str, *, name_a: str = "A", name_b: str = "B", settings: Settings = DEFAULT
) -> Comparison:
    """Align two texts and decide whether one was derived from the other."""
    docs = [
        segment(Article(id=article_id(t), name=n, text=t))
        for t, n in ((text_a, name_a), (text_b, name_b))
    ]
    return compare_documents(docs[0], docs[1], settings=settings)


def compare_documents(
    a: Document, b: Document, *, weights: Weights | None = None, settings: Settings = DEFAULT
) -> Comparison:
    """Align two segmented documents and decide; ``weights`` default to the two alone."""
    weights = weights or collection_weights([a, b])
    alignment = align(a, b, weights=weights, settings=settings.align)
    return Comparison(alignment, decide(alignment, settings=settings.derive))


def compare_stored(graph: Graph, a: str, b: str, *, settings: Settings = DEFAULT) -> Comparison:
    """Two articles of a stored trace aligned as ``trace`` aligned them (word weights from
    the articles its verdicts link them to), with the verdict the trace kept for the pair,
    turned to read a -> b. Two articles the trace never aligned are compared on their own."""
    docs = {d.id: d for d in graph.documents}
    family = components(((v.a, v.b) for v in graph.verdicts), (a, b))
    members = [d for d in graph.documents if family.get(d.id) == family[a]]
    weights = collection_weights(members) if family[a] == family[b] else None
    fresh = compare_documents(docs[a], docs[b], weights=weights, settings=settings)
    stored = next((v for v in graph.verdicts if {v.a, v.b} == {a, b}), None)
    return Comparison(fresh.alignment, _facing(stored, a)) if stored else fresh


_REVERSED: dict[Relation, Relation] = {"a->b": "b->a", "b->a": "a->b"}


def _facing(verdict: Verdict, a: str) -> Verdict:
    """The same verdict read from ``a``'s side (evidence weights change sign)."""
    if verdict.a == a:
        return verdict
    return replace(
        verdict,
        a=verdict.b,
        b=verdict.a,
        relation=_REVERSED.get(verdict.relation, verdict.relation),
        evidence=tuple(replace(e, weight=-e.weight) for e in verdict.evidence),
        coverage_a=verdict.coverage_b,
        coverage_b=verdict.coverage_a,
    )


def _rank(match: Match) -> tuple[float, float, str]:
    return (-match.shared, -match.comparison.verdict.confidence, match.article.id)


# --- asking an archive about one text ---------------------------------------------------


@dataclass(frozen=True)
class Match:
    """A stored article that shares text with the query: the query aligned with it (the
    comparison's ``a`` is the query, ``b`` the stored article) and how much of the query's
    body it shares."""

    comparison: Comparison
    shared: float  # share of the query's body (characters) aligned with the stored article

    @property
    def article(self) -> Article:
        return self.comparison.alignment.b.article


def query_words(document: Document) -> list[list[str]]:
    """Each body sentence as the words a full-text index holds (lower case, accents
    dropped, stop words and one- or two-letter words left out)."""
    out = []
    for s in document.sentences:
        plain = unaccented(s.text.lower())
        out.append([w for w in _INDEXED.findall(plain) if len(w) > 2 and w not in STOPWORDS])
    return out


_INDEXED = re.compile(r"[^\W_]+")


def find_related(
    query: Document, stored: Sequence[Document], *, settings: Settings = DEFAULT
) -> list[Match]:
    """Align ``query`` with each stored document and keep those it shares sentences with,
    the most shared first. Word weights come from the query and these documents, as a
    family's would in a trace."""
    others = [d for d in stored if d.id != query.id]
    weights = collection_weights([query, *others])
    matches = []
    for doc in others:
        comparison = compare_documents(query, doc, weights=weights, settings=settings)
        if comparison.pairs:
            shared = comparison.verdict.coverage_a
            matches.append(Match(comparison, shared))
    return sorted(
        matches, key=lambda m: (-m.shared, -m.comparison.verdict.confidence, m.article.id)
    )
