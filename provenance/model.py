"""The data that flows between pipeline stages: frozen dataclasses only.

ingest -> Article; segment -> Document (Sentences + Fields); candidates -> Candidate;
align -> Alignment (SentencePairs with EditOps); direction -> Verdict; graph -> Graph (Edges).
Nothing here does I/O. The classes are slotted (no dict per instance): a large trace holds
millions of sentences, sentence pairs and edits until its graph is built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Literal, TypeVar

Manner = Literal["verbatim", "edited", "rewritten"]
Extent = Literal["wholly", "partially"]
Relation = Literal["a->b", "b->a", "common", "none"]
FieldKind = Literal["headline", "dateline", "credit", "boilerplate", "metadata"]
DatePrecision = Literal["minute", "day", "month", "year"]


def components(links: Iterable[tuple[str, str]], nodes: Iterable[str] = ()) -> dict[str, str]:
    """Connected components of an undirected graph: node -> the smallest node of its component.
    ``nodes`` adds nodes that may have no link."""
    parent: dict[str, str] = {n: n for n in nodes}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = find(a), find(b)
        parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in list(parent)}


C = TypeVar("C", bound=type)


def _pickled_by_fields(cls: C) -> C:
    """Pickle a dataclass's instances as (class, field values), rebuilt by ``__init__``:
    quicker to send and load than slotted dataclasses' default, and the stages send many
    of them between processes (sentences, sentence pairs, verdicts)."""
    values = attrgetter(*(f.name for f in fields(cls)))

    def __reduce__(self: object) -> tuple[type, tuple[object, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]
    return cls


def reaches(neighbours: Callable[[str], Iterable[str]], start: str, target: str) -> bool:
    """True when ``target`` is ``start`` or can be reached from it along ``neighbours``."""
    stack, seen = [start], set()
    while stack:
        node = stack.pop()
        if node == target:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(neighbours(node))
    return False


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Article:
    """One ingested article: its original text and what is known about it."""

    id: str  # stable content hash of the text
    name: str  # path relative to the argument it was found under, or the record's id
    text: str
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, None when unknown
    date_precision: DatePrecision | None = None
    url: str | None = None
    byline: str | None = None
    dateline: str | None = None  # e.g. "Moscow, Oct 27" or "ISTANBUL"
    credits: tuple[str, ...] = ()  # outlets named as the source ("IANS", "Xinhua", "Reuters")
    path: str | None = None  # file it was read from, if any
    aliases: tuple[str, ...] = ()  # other names the same text was found under


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Field:
    """A span of the text that is not body: headline, dateline, credit tag, boilerplate."""

    kind: FieldKind
    start: int
    end: int
    text: str


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Sentence:
    """A body sentence, with its character span in ``Article.text``."""

    index: int  # position among the body sentences, from 0
    paragraph: int
    start: int
    end: int
    text: str


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Document:
    """A segmented article: body sentences plus the fields kept apart from the body.

    ``article`` is the ingested article enriched with what segmenting found in the text
    (title, published date from a header line, dateline, credits) where ingest had none.
    """

    article: Article
    sentences: tuple[Sentence, ...]
    fields: tuple[Field, ...] = ()

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def name(self) -> str:
        return self.article.name


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Candidate:
    """A pair of documents worth aligning, with the number of shared rare anchors."""

    a: str  # article id
    b: str
    anchors: int


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class EditOp:
    """A word-level edit turning A's words into B's: equal, delete, insert or replace."""

    op: Literal["equal", "delete", "insert", "replace"]
    a: str
    b: str


SentenceRelation = Literal["verbatim", "edited", "rewritten"]


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class SentencePair:
    """Sentences of A aligned with sentences of B: one with one, or one with a run of
    consecutive sentences of the other (a sentence split, or a run condensed into one)."""

    a: tuple[int, ...]  # sentence indices in A
    b: tuple[int, ...]
    a_text: str
    b_text: str
    relation: SentenceRelation
    score: float  # 0..1, how surely these are one sentence
    edits: tuple[EditOp, ...] = ()


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Alignment:
    """The sentence alignment of two documents."""

    a: Document
    b: Document
    pairs: tuple[SentencePair, ...]

    @property
    def a_aligned(self) -> frozenset[int]:
        return frozenset(i for p in self.pairs for i in p.a)

    @property
    def b_aligned(self) -> frozenset[int]:
        return frozenset(j for p in self.pairs for j in p.b)


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason behind a verdict. ``weight`` > 0 favours a->b, < 0 favours b->a."""

    kind: str
    detail: str
    weight: float = 0.0


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Verdict:
    """What the alignment of a pair says about derivation between them."""

    a: str  # article id
    b: str
    relation: Relation
    extent: Extent | None = None
    manner: Manner | None = None
    confidence: float = 0.0
    evidence: tuple[Evidence, ...] = ()
    shared: int = 0  # aligned sentence pairs
    coverage_a: float = 0.0  # share of A's body (characters) that is aligned
    coverage_b: float = 0.0


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Edge:
    """A derivation in the graph: ``derived`` was made from ``source``."""

    source: str
    derived: str
    extent: Extent
    manner: Manner
    confidence: float
    evidence: tuple[Evidence, ...] = ()
    shared: int = 0
    coverage: float = 0.0  # share of the derived body that comes from the source
    credited: bool | None = None  # does the derived text name the source? None: cannot tell


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class HiddenSource:
    """A source not in the set, inferred from texts that share material none of them could
    have taken from the others ("an unseen Associated Press story")."""

    id: str  # "hidden:1", "hidden:2", ...
    likely_outlet: str | None
    members: tuple[str, ...]  # article ids hanging from it
    evidence: tuple[Evidence, ...] = ()


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class OutletFlow:
    """Derivations from one outlet's articles to another's, counted."""

    source: str
    derived: str
    edges: int
    manners: tuple[tuple[str, int], ...]  # (manner, count), most first
    credited: int
    uncredited: int
    unknown: int  # credit could not be checked


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Graph:
    """The result of a trace: articles, their documents, the derivation edges."""

    documents: tuple[Document, ...]
    edges: tuple[Edge, ...]
    verdicts: tuple[Verdict, ...] = field(default=())  # every aligned pair, before reduction
    alignments: tuple[Alignment, ...] = field(default=())
    hidden: tuple[HiddenSource, ...] = field(default=())

    def families(self) -> list[list[str]]:
        """Connected components of the edge graph, largest first; singletons excluded."""
        root = components((e.source, e.derived) for e in self.edges)
        groups: dict[str, list[str]] = {}
        order = {d.id: i for i, d in enumerate(self.documents)}
        for d in self.documents:
            if d.id in root:
                groups.setdefault(root[d.id], []).append(d.id)
        fams = [sorted(g, key=lambda x: order[x]) for g in groups.values()]
        return sorted(fams, key=lambda g: (-len(g), order[g[0]]))

    def standalone(self) -> list[str]:
        linked = {e.source for e in self.edges} | {e.derived for e in self.edges}
        return [d.id for d in self.documents if d.id not in linked]
