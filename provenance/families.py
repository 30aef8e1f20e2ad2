"""Measure a trace against hand-labelled story families (``families.json``).

Newsrooms label story families, not every pair. A family lists the pages that carry one story
(a wire story and its copies, or an outlet's story and its republications), the pages on the
same event that do not carry it (``negatives``), the ``[source, derived]`` pairs whose order is
known, whose story it is (``wire``), the original's id when the set holds it
(``original_in_set``) and the copies that do not credit the story's owner (``uncredited``).

The scores are read off a ``trace --json`` object (``export.graph_record``), so a trace saved
earlier scores as well as one made here:

- family pairs: two members are joined when edges, taken either way and through hidden
  sources, connect them; a member joined to one of its family's negatives is a false link.
  Precision is joined / (joined + false links), recall joined / family pairs.
- direction: a known pair is right when a chain of edges leads from its source to the derived
  page, wrong when one leads back, undecided otherwise.
- edges per member: the edges touching each family's members, summed over the families and
  divided by all their members (a tidy lineage gives about 1, k copies linked pairwise (k-1)/2).
- wire named: for a family whose original is absent, the roots above its members (nodes no
  edge leads into) name the wire, in a hidden source's likely outlet or evidence or in a root
  page's outlet or credits.
- uncredited flagged: an edge marked not credited leads into the labelled uncredited copy
  from a member of its family or from a hidden source.

A text found under several names is one article of the trace (its ``aliases``): labels are read
through them. The figures are those of ``score_families.py`` beside the evaluation data.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .diff import clip
from .errors import ProvenanceError
from .evaluate import reliability
from .model import Evidence, Graph, components, reaches
from .tokens import AGENCY_ALIASES, outlet_key

Record = Mapping[str, Any]

# Outlets that are not news agencies, under the names a trace may give them (its site's name
# as an outlet, a credit line). Agencies' names come from ``tokens.AGENCY_ALIASES``; any other
# wire is looked for under its own name.
WIRE_NAMES: dict[str, tuple[str, ...]] = {
    "Washington Post": ("washington post", "washingtonpost"),
    "ZeroHedge": ("zerohedge", "zero hedge"),
    "USA TODAY": ("usa today", "usatoday"),
}
SHOWN_SENTENCES = 3  # shared sentence pairs kept per edge of a mistake
SENTENCE_CHARS = 160
CONFIDENT = 0.9


# --- labels ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Family:
    """One labelled story family."""

    group: str
    members: tuple[str, ...]
    negatives: tuple[str, ...] = ()
    known_direction: tuple[tuple[str, str], ...] = ()
    wire: str | None = None
    original_in_set: str | None = None
    uncredited: tuple[str, ...] = ()

    def ids(self) -> set[str]:
        """Every article id the family names."""
        known = (x for pair in self.known_direction for x in pair)
        original = (self.original_in_set,) if self.original_in_set else ()
        return {*self.members, *self.negatives, *known, *self.uncredited, *original}

    def read_through(self, node: Callable[[str], str]) -> Family:
        """The family with each id replaced by ``node(id)`` (the name a trace gives it)."""
        return Family(
            self.group,
            tuple(map(node, self.members)),
            tuple(map(node, self.negatives)),
            tuple((node(s), node(d)) for s, d in self.known_direction),
            self.wire,
            self.original_in_set,
            tuple(map(node, self.uncredited)),
        )


def read_families(path: str | Path) -> list[Family]:
    """Read a ``families.json`` file: a list of story families, each with its ``members``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProvenanceError(f"{path}: cannot read it ({exc.strerror or exc})") from exc
    except ValueError as exc:
        raise ProvenanceError(f"{path}: not JSON ({exc}); fix the file") from exc
    if not isinstance(data, list):
        raise ProvenanceError(
            f"{path}: not a list of story families; it must hold "
            '[{"group": ..., "members": [article ids], "negatives": [...], ...}, ...]'
        )
    return [_family(f"{path}, family {n}", entry) for n, entry in enumerate(data, 1)]


def _family(where: str, entry: object) -> Family:
    if not isinstance(entry, dict) or not _is_ids(entry.get("members")) or not entry["members"]:
        raise ProvenanceError(
            f'{where}: not a story family (it needs "members", a list of article ids)'
        )
    group = str(entry.get("group") or where.rsplit(", ", 1)[-1])
    where = f"{where} ({group})" if entry.get("group") else where
    for key in ("negatives", "uncredited"):
        if not _is_ids(entry.get(key, [])):
            raise ProvenanceError(f'{where}: "{key}" must be a list of article ids')
    known = entry.get("known_direction") or []
    if not isinstance(known, list) or not all(_is_ids(p) and len(p) == 2 for p in known):
        raise ProvenanceError(f'{where}: "known_direction" must be a list of [source, derived]')
    wire, original = entry.get("wire"), entry.get("original_in_set")
    if not isinstance(wire, str | None) or not isinstance(original, str | None):
        raise ProvenanceError(f'{where}: "wire" and "original_in_set" must be text or null')
    if not wire and not original:
        raise ProvenanceError(f'{where}: its original is not in the set, so it needs a "wire"')
    return Family(
        group,
        tuple(entry["members"]),
        tuple(entry.get("negatives", [])),
        tuple((s, d) for s, d in known),
        wire,
        original,
        tuple(entry.get("uncredited", [])),
    )


def _is_ids(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) for x in value)


def wire_names(wire: str) -> tuple[str, ...]:
    """The lower-case names a family's roots may name its wire by: an agency's every name in
    ``AGENCY_ALIASES``, a row of ``WIRE_NAMES``, or else the wire's own name."""
    key = outlet_key(wire)
    for group in AGENCY_ALIASES:
        if outlet_key(group[0]) == key:
            return tuple(name.lower() for name in group)
    for name, names in WIRE_NAMES.items():
        if outlet_key(name) == key:
            return names
    return (wire.lower(),)


def names_wire(text: str, names: Iterable[str]) -> bool:
    """Whether lower-case ``text`` names the wire: one of ``names`` as a whole word between
    spaces, or, for a name of several words, anywhere in it."""
    words = text.split()
    return any(name in words or (" " in name and name in text) for name in names)


# --- the trace, read for scoring -------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Link:
    """An edge of the trace between two nodes: article names, or hidden sources' ids."""

    source: str
    derived: str
    record: Record  # the edge as ``trace --json`` gives it (ids, not names)


@dataclass(frozen=True, eq=False)
class TraceIndex:
    """A ``trace --json`` object indexed for scoring. Articles are known by name (the id a
    ``families.json`` uses), hidden sources by their id."""

    names: Mapping[str, str]  # article id or alias -> name
    articles: Mapping[str, Record]  # name -> article record
    hidden: Mapping[str, Record]
    links: tuple[Link, ...]
    component: Mapping[str, str]
    successors: Mapping[str, frozenset[str]]
    predecessors: Mapping[str, frozenset[str]]

    @classmethod
    def from_record(cls, trace: Record) -> TraceIndex:
        ids = {a["id"]: a.get("name") or a["id"] for a in trace["articles"]}
        aliases = {x: ids[a["id"]] for a in trace["articles"] for x in a.get("aliases") or []}
        names = {**ids, **aliases}
        links = tuple(
            Link(names.get(e["source"], e["source"]), names.get(e["derived"], e["derived"]), e)
            for e in trace.get("edges", [])
        )
        return cls(
            names,
            {ids[a["id"]]: a for a in trace["articles"]},
            {h["id"]: h for h in trace.get("hidden_sources", [])},
            links,
            components((x.source, x.derived) for x in links),
            _neighbours((x.source, x.derived) for x in links),
            _neighbours((x.derived, x.source) for x in links),
        )

    def node(self, label: str) -> str:
        """The node an id of a label stands for."""
        return self.names.get(label, label)

    def joined(self, a: str, b: str) -> bool:
        return self.component.get(a, a) == self.component.get(b, b)

    def leads(self, a: str, b: str) -> bool:
        """Whether a chain of edges leads from ``a`` to ``b``."""
        return reaches(lambda x: self.successors.get(x, ()), a, b)

    def roots_above(self, nodes: Iterable[str]) -> set[str]:
        """The nodes no edge leads into, among ``nodes`` and all they derive from."""
        todo = list(nodes)
        seen = set(todo)
        while todo:
            for parent in self.predecessors.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return {x for x in seen if not self.predecessors.get(x)}

    def label_text(self, node: str) -> str:
        """What a node says about whose story it is, lower-cased: a hidden source's likely
        outlet and evidence records (as Python prints them), a page's outlet and credits."""
        if node in self.hidden:
            h = self.hidden[node]
            parts = [h.get("likely_outlet"), h.get("name"), h.get("evidence")]
        else:
            a = self.articles.get(node, {})
            parts = [a.get("outlet"), *(a.get("credits") or [])]
        return " ".join(str(p or "") for p in parts).lower()

    def path(self, a: str, b: str, *, directed: bool = False) -> tuple[Link, ...]:
        """The fewest edges joining ``a`` to ``b`` (following their arrows if ``directed``),
        in order from ``a``; empty when none do."""
        steps: dict[str, list[tuple[str, Link]]] = {}
        for x in self.links:
            steps.setdefault(x.source, []).append((x.derived, x))
            if not directed:
                steps.setdefault(x.derived, []).append((x.source, x))
        came: dict[str, tuple[str, Link] | None] = {a: None}
        todo = deque([a])
        while todo and b not in came:
            here = todo.popleft()
            for there, link in steps.get(here, ()):
                if there not in came:
                    came[there] = (here, link)
                    todo.append(there)
        return _walk_back(came, b)


def _neighbours(pairs: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for a, b in pairs:
        found.setdefault(a, set()).add(b)
    return {a: frozenset(bs) for a, bs in found.items()}


def _walk_back(came: Mapping[str, tuple[str, Link] | None], end: str) -> tuple[Link, ...]:
    links: list[Link] = []
    step = came.get(end)
    while step is not None:
        links.append(step[1])
        step = came[step[0]]
    return tuple(reversed(links))


# --- what a mistake shows ----------------------------------------------------------------------


@dataclass(frozen=True)
class SharedSentence:
    """A sentence pair an edge rests on: the source's wording, the derived page's wording."""

    source: str
    derived: str
    relation: str


# (source id, derived id) -> the sentence pairs they share, in the derived page's order
Sentences = Callable[[str, str], Sequence[SharedSentence]]


def shared_sentences(graph: Graph) -> Sentences:
    """The sentences each pair of a traced graph shares, from its alignments."""
    alignments = {}
    for al in graph.alignments:
        alignments[(al.a.id, al.b.id)] = al

    def find(source: str, derived: str) -> Sequence[SharedSentence]:
        if al := alignments.get((source, derived)):
            pairs = sorted(al.pairs, key=lambda p: p.b)
            return [SharedSentence(p.a_text, p.b_text, p.relation) for p in pairs]
        if al := alignments.get((derived, source)):
            pairs = sorted(al.pairs, key=lambda p: p.a)
            return [SharedSentence(p.b_text, p.a_text, p.relation) for p in pairs]
        return []

    return find


@dataclass(frozen=True)
class EdgeView:
    """An edge as a mistake shows it: its ends, its verdict and what it rests on."""

    source: str
    derived: str
    source_outlet: str | None
    derived_outlet: str | None
    manner: str | None
    extent: str | None
    confidence: float
    credited: bool | None
    evidence: tuple[Evidence, ...]
    sentences: tuple[SharedSentence, ...]
    # the page the sentences are shared with, when not the source (a hidden source's edge
    # rests on the text its pages share)
    sentences_with: str | None = None


@dataclass(frozen=True)
class FalseLink:
    """A member joined to one of its family's negatives, and the edges that join them."""

    group: str
    member: str
    negative: str
    path: tuple[EdgeView, ...]


@dataclass(frozen=True)
class MissedPair:
    """Two members left apart, with how many other pages each is joined to."""

    group: str
    a: str
    b: str
    a_joined: int
    b_joined: int


@dataclass(frozen=True)
class DirectionMistake:
    """A known ``source -> derived`` the graph reverses ("wrong": the path leads back) or does
    not settle ("undecided": the path joins them, if any does, without leading either way)."""

    group: str
    source: str
    derived: str
    verdict: str
    path: tuple[EdgeView, ...]


@dataclass(frozen=True)
class Root:
    """A node at the top of a family, with what it says about whose story it is."""

    node: str
    kind: str  # "hidden source" or "article"
    outlet: str | None
    says: tuple[str, ...]  # credits, or a hidden source's evidence


@dataclass(frozen=True)
class WireUnnamed:
    """A family whose original is absent and whose roots do not name its wire."""

    group: str
    wire: str
    looked_for: tuple[str, ...]
    roots: tuple[Root, ...]


@dataclass(frozen=True)
class UncreditedMissed:
    """A labelled uncredited copy no edge from inside its family marks as not credited."""

    group: str
    copy: str
    edges_in: tuple[EdgeView, ...]


# --- scoring ---------------------------------------------------------------------------------


@dataclass
class FamilyReport:
    """Scores of a trace against story families, with the mistakes behind them."""

    families: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    false_links: list[FalseLink] = field(default_factory=list)
    missed_pairs: list[MissedPair] = field(default_factory=list)
    directions: list[DirectionMistake] = field(default_factory=list)
    wire_unnamed: list[WireUnnamed] = field(default_factory=list)
    uncredited_missed: list[UncreditedMissed] = field(default_factory=list)
    judged: list[tuple[float, bool]] = field(default_factory=list)  # (confidence, right)
    unjudged: int = 0  # edges touching labelled pages that are neither right nor wrong
    unknown_ids: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, object]:
        """The figures, as ``score_families.py`` prints them."""
        c = self.counts
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per_member = c["edges_touching"] / c["members"] if c["members"] else 0.0
        return {
            "family_pairs": c["tp"] + c["fn"],
            "negative_pairs": c["fp"] + c["tn"],
            **{k: c[k] for k in ("tp", "fn", "fp")},
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            **{f"direction_{k}": c[k] for k in ("right", "wrong", "undecided")},
            "edges_per_member": round(per_member, 2),
            "wire_named": f"{c['wire_named']}/{c['wire_families']}",
            "uncredited_flagged": f"{c['flagged']}/{c['uncredited']}",
            "edges": c["edges"],
            "articles": c["articles"],
        }

    def confident(self, low: float = CONFIDENT) -> tuple[int, float | None]:
        """Judged edges with confidence ``low`` or more, and the share of them right."""
        right = [ok for conf, ok in self.judged if conf >= low]
        return len(right), (sum(right) / len(right) if right else None)

    def as_dict(self) -> dict[str, object]:
        judged, share = self.confident()
        return {
            "families": self.families,
            "figures": self.figures(),
            "judged_edges": {
                "right": sum(ok for _, ok in self.judged),
                "wrong": sum(not ok for _, ok in self.judged),
                "not_judged": self.unjudged,
            },
            "reliability": [
                {"low": lo, "high": hi, "edges": n, "right": round(r, 4)}
                for lo, hi, n, r in reliability(self.judged)
            ],
            "confident_edges": {
                "confidence_at_least": CONFIDENT,
                "judged": judged,
                "right": None if share is None else round(share, 4),
            },
            "mistakes": {
                "false_links": [asdict(m) for m in self.false_links],
                "missed_pairs": [asdict(m) for m in self.missed_pairs],
                "directions": [asdict(m) for m in self.directions],
                "wire_unnamed": [asdict(m) for m in self.wire_unnamed],
                "uncredited_unflagged": [asdict(m) for m in self.uncredited_missed],
            },
            "unknown_ids": self.unknown_ids,
        }


def unknown_ids(trace: Record, families: Iterable[Family]) -> list[str]:
    """The ids the families name that are no article's id, name or alias in ``trace``."""
    known = {a["id"] for a in trace["articles"]}
    known |= {a.get("name") or a["id"] for a in trace["articles"]}
    known |= {alias for a in trace["articles"] for alias in a.get("aliases") or []}
    return sorted({x for f in families for x in f.ids()} - known)


def score_families(
    trace: Record, families: Sequence[Family], *, sentences: Sentences | None = None
) -> FamilyReport:
    """Score a ``trace --json`` object against story families. ``sentences`` gives the
    sentences two pages share, to show under the edges of a mistake."""
    index = TraceIndex.from_record(trace)
    show = _Viewer(index, sentences or (lambda source, derived: ()))
    report = FamilyReport(len(families), unknown_ids=unknown_ids(trace, families))
    report.counts.update(edges=len(index.links), articles=len(trace["articles"]))
    named = [f.read_through(index.node) for f in families]
    for family in named:
        _score_pairs(report, index, family, show)
        _score_directions(report, index, family, show)
        _score_wire(report, index, family)
        _score_uncredited(report, index, family, show)
    _judge_edges(report, index, named)
    return report


def _score_pairs(report: FamilyReport, index: TraceIndex, family: Family, show: _Viewer) -> None:
    c = report.counts
    size = Counter(index.component.get(x, x) for x in index.articles)
    for a, b in itertools.combinations(family.members, 2):
        if index.joined(a, b):
            c["tp"] += 1
            continue
        c["fn"] += 1
        joined_a, joined_b = (size.get(index.component.get(x, x), 1) - 1 for x in (a, b))
        report.missed_pairs.append(MissedPair(family.group, a, b, joined_a, joined_b))
    for a, b in itertools.product(family.members, family.negatives):
        if not index.joined(a, b):
            c["tn"] += 1
            continue
        c["fp"] += 1
        report.false_links.append(FalseLink(family.group, a, b, show.path(index.path(a, b))))
    members = set(family.members)
    c["members"] += len(family.members)
    c["edges_touching"] += sum(x.source in members or x.derived in members for x in index.links)


def _score_directions(
    report: FamilyReport, index: TraceIndex, family: Family, show: _Viewer
) -> None:
    for source, derived in family.known_direction:
        if index.leads(source, derived):
            report.counts["right"] += 1
            continue
        wrong = index.leads(derived, source)
        report.counts["wrong" if wrong else "undecided"] += 1
        path = index.path(derived, source, directed=True) if wrong else index.path(source, derived)
        verdict = "wrong" if wrong else "undecided"
        report.directions.append(
            DirectionMistake(family.group, source, derived, verdict, show.path(path))
        )


def _score_wire(report: FamilyReport, index: TraceIndex, family: Family) -> None:
    if family.original_in_set or not family.wire:
        return
    report.counts["wire_families"] += 1
    roots = sorted(index.roots_above(family.members))
    looked_for = wire_names(family.wire)
    if names_wire(" ".join(index.label_text(r) for r in roots), looked_for):
        report.counts["wire_named"] += 1
        return
    shown = tuple(_root(index, r) for r in roots)
    report.wire_unnamed.append(WireUnnamed(family.group, family.wire, looked_for, shown))


def _root(index: TraceIndex, node: str) -> Root:
    if node in index.hidden:
        h = index.hidden[node]
        says = tuple(str(e.get("detail", "")) for e in h.get("evidence") or [])
        return Root(node, "hidden source", h.get("likely_outlet"), says)
    article = index.articles.get(node, {})
    credits = tuple(str(c) for c in article.get("credits") or [])
    return Root(node, "article", article.get("outlet"), credits)


def _score_uncredited(
    report: FamilyReport, index: TraceIndex, family: Family, show: _Viewer
) -> None:
    inside = set(family.members) | set(index.hidden)
    for copy in family.uncredited:
        report.counts["uncredited"] += 1
        edges_in = [x for x in index.links if x.derived == copy]
        if any(x.record.get("credited") is False and x.source in inside for x in edges_in):
            report.counts["flagged"] += 1
        else:
            views = tuple(show.edge(x) for x in edges_in)
            report.uncredited_missed.append(UncreditedMissed(family.group, copy, views))


def _judge_edges(report: FamilyReport, index: TraceIndex, families: Sequence[Family]) -> None:
    """Each edge touching a labelled page: right, wrong or not judged, with its confidence."""
    labelled = {x for f in families for x in (*f.members, *f.negatives)}
    for link in index.links:
        if link.source not in labelled and link.derived not in labelled:
            continue
        verdict = judge(index, link, families)
        if verdict is None:
            report.unjudged += 1
        else:
            report.judged.append((float(link.record.get("confidence") or 0.0), verdict))


def judge(index: TraceIndex, link: Link, families: Sequence[Family]) -> bool | None:
    """False when the edge joins a member to one of its family's negatives (a hidden source
    joins every page it feeds) or reverses a known direction; True when both its ends are
    members of one family (a hidden source counts as inside when every page it feeds is a
    member); None otherwise."""
    fed = index.hidden.get(link.source, {}).get("members")
    sources = {index.node(m) for m in fed} if fed is not None else {link.source}
    joins = {(s, link.derived) for s in sources if s != link.derived}
    for f in families:
        members, negatives = set(f.members), set(f.negatives)
        crossed = any(
            a in members and b in negatives or b in members and a in negatives for a, b in joins
        )
        if crossed or (link.derived, link.source) in f.known_direction:
            return False
    inside = any(link.derived in f.members and sources <= set(f.members) for f in families)
    return True if sources and inside else None


def telling(shared: Sequence[SharedSentence], most: int = SHOWN_SENTENCES) -> list[SharedSentence]:
    """The ``most`` longest shared sentences, in their order: a headline, a byline or a
    time stamp says less about copying than a whole sentence."""
    longest = sorted(
        range(len(shared)),
        key=lambda i: -min(len(shared[i].source), len(shared[i].derived)),
    )
    return [shared[i] for i in sorted(longest[:most])]


class _Viewer:
    """Edges as mistakes show them, each made once."""

    def __init__(self, index: TraceIndex, sentences: Sentences) -> None:
        self.index, self.sentences = index, sentences
        self.made: dict[int, EdgeView] = {}

    def path(self, links: Iterable[Link]) -> tuple[EdgeView, ...]:
        return tuple(map(self.edge, links))

    def edge(self, link: Link) -> EdgeView:
        if id(link) not in self.made:
            self.made[id(link)] = self._view(link)
        return self.made[id(link)]

    def _view(self, link: Link) -> EdgeView:
        e = link.record
        shared_with, shared = self._shared(link)
        return EdgeView(
            link.source,
            link.derived,
            self._outlet(link.source),
            self._outlet(link.derived),
            e.get("manner"),
            e.get("extent"),
            float(e.get("confidence") or 0.0),
            e.get("credited"),
            tuple(
                Evidence(str(x.get("kind")), str(x.get("detail")), float(x.get("weight") or 0))
                for x in e.get("evidence") or []
            ),
            tuple(
                SharedSentence(
                    clip(s.source, SENTENCE_CHARS), clip(s.derived, SENTENCE_CHARS), s.relation
                )
                for s in telling(shared)
            ),
            shared_with,
        )

    def _shared(self, link: Link) -> tuple[str | None, Sequence[SharedSentence]]:
        """The sentences an edge rests on: those its two pages share, or for a hidden
        source's edge those the derived page shares with another page of the source."""
        source, derived = link.record["source"], link.record["derived"]
        if link.source not in self.index.hidden:
            return None, self.sentences(source, derived)
        for other in self.index.hidden[link.source].get("members") or []:
            if other != derived and (found := self.sentences(other, derived)):
                return self.index.node(other), found
        return None, ()

    def _outlet(self, node: str) -> str | None:
        if node in self.index.hidden:
            return self.index.hidden[node].get("likely_outlet")
        return self.index.articles.get(node, {}).get("outlet")
