"""Graph stage: pairwise verdicts -> a derivation graph where each article hangs from the
closest version it was derived from.

Every pairwise verdict "B derived from A" is a candidate link. Links are taken closest first
(closeness: how much of the derived text the source explains, times how faithfully). A link
is dropped when it would close a cycle, or when the derived text's material that it explains
is already explained by a closer source: two copies of one wire story get edges from the
wire, not from each other, and a chain A -> B -> C gives A -> B and B -> C, not A -> C.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .align import kept_words
from .direction import credited, extent_of, link_strength, shared_credit
from .model import (
    Alignment,
    Article,
    Document,
    Edge,
    Evidence,
    Graph,
    HiddenSource,
    SentencePair,
    Verdict,
    components,
    reaches,
)


@dataclass(frozen=True)
class GraphSettings:
    explained: float = 0.7  # share of a link's material already explained that drops it
    used: float = 0.25  # weight of "how much of the source the derived text uses" in closeness
    margin: float = 0.03  # closeness a copy must add over its own source to be the parent
    weak: float = 0.5  # a pair's direction evidence below this defers to the collection's
    lead: float = 0.5  # how far ahead in the collection a text must be to decide a weak pair


DEFAULT = GraphSettings()


@dataclass(frozen=True)
class _Link:
    source: str
    derived: str
    closeness: float
    material: frozenset[int]  # the derived text's sentences this link explains
    used: float  # share of the source's body that the derived text uses
    verdict: Verdict


def build_graph(
    documents: Iterable[Document],
    results: Iterable[tuple[Alignment, Verdict]],
    *,
    settings: GraphSettings = DEFAULT,
) -> Graph:
    """Reduce pairwise verdicts to the derivation graph."""
    docs = tuple(documents)
    pairs = orient_by_collection(list(results), settings)
    links = sorted(
        (_link(al, v) for al, v in pairs if v.relation in ("a->b", "b->a")),
        key=lambda k: (-k.closeness, -k.verdict.confidence, k.source, k.derived),
    )
    articles = {d.id: d.article for d in docs}
    edges = [_with_credit(e, articles) for e in _select(links, settings)]
    hidden, hidden_edges = hidden_sources(pairs, edges)
    return Graph(
        documents=docs,
        edges=tuple(edges + hidden_edges),
        verdicts=tuple(v for _, v in pairs),
        alignments=tuple(al for al, _ in pairs),
        hidden=tuple(hidden),
    )


def _with_credit(edge: Edge, articles: dict[str, Article]) -> Edge:
    return replace(edge, credited=credited(articles[edge.source], articles[edge.derived]))


def hidden_sources(
    pairs: list[tuple[Alignment, Verdict]], edges: list[Edge]
) -> tuple[list[HiddenSource], list[Edge]]:
    """Texts that share material through a source not in the set hang from one hidden node
    per group: every text joined to another by a "common source" verdict and given no
    source of its own in the set."""
    common = [(al, v) for al, v in pairs if v.relation == "common"]
    root = components((v.a, v.b) for _, v in common)
    groups: dict[str, list[tuple[Alignment, Verdict]]] = {}
    for al, v in common:
        groups.setdefault(root[v.a], []).append((al, v))
    with_parent = {e.derived for e in edges}
    found: list[HiddenSource] = []
    hidden_edges: list[Edge] = []
    for group in sorted(groups.values(), key=lambda g: min(v.a for _, v in g)):
        members = sorted({x for _, v in group for x in (v.a, v.b)})
        node_id = "hidden:" + hashlib.sha256(" ".join(members).encode()).hexdigest()[:12]
        hidden, group_edges = _hidden_node(node_id, group, with_parent)
        if group_edges:
            found.append(hidden)
            hidden_edges += group_edges
    return found, hidden_edges


def _hidden_node(
    node_id: str, group: list[tuple[Alignment, Verdict]], with_parent: set[str]
) -> tuple[HiddenSource, list[Edge]]:
    docs = {d.id: d for al, _ in group for d in (al.a, al.b)}
    outlets = [shared_credit(al.a.article, al.b.article) for al, _ in group]
    outlet = next((o for o in outlets if o), None)
    names = sorted(d.name for d in docs.values())
    said = f"credit {outlet}" if outlet else "share text none of them took from the others"
    evidence = (
        Evidence(
            "common_source",
            f"{_and(names)} {said}: the shared text came to them "
            f"from {outlet or 'a source'} not in this set",
        ),
    )
    members = tuple(sorted(i for i in docs if i not in with_parent))
    edges = [_hidden_edge(node_id, docs[m], group, outlet, evidence) for m in members]
    return HiddenSource(node_id, outlet, members, evidence), edges


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_FAITHFUL = {"verbatim": 0, "edited": 1, "rewritten": 2}


def _hidden_edge(
    node_id: str,
    member: Document,
    group: list[tuple[Alignment, Verdict]],
    outlet: str | None,
    evidence: tuple[Evidence, ...],
) -> Edge:
    """How a member relates to the unseen source, judged from what it shares with the other
    copies: the union of its shared sentences, its most faithful manner."""
    mine = [(al, v) for al, v in group if member.id in (v.a, v.b)]
    material: set[int] = set()
    for al, _ in mine:
        material |= al.a_aligned if al.a.id == member.id else al.b_aligned
    total = sum(len(s.text) for s in member.sentences) or 1
    coverage = sum(len(s.text) for s in member.sentences if s.index in material) / total
    manner = min((v.manner or "rewritten" for _, v in mine), key=_FAITHFUL.__getitem__)
    named = outlet is not None and any(outlet.lower() == c.lower() for c in member.article.credits)
    audit = Evidence("credit", f"{member.name} credits {outlet}") if named else None
    return Edge(
        node_id,
        member.id,
        extent_of(coverage),
        manner,
        round(max(link_strength(al) for al, _ in mine), 3),
        (*evidence, *([audit] if audit else [])),
        shared=len(material),
        coverage=round(coverage, 4),
        credited=named if outlet else None,
    )


def direction_score(verdict: Verdict) -> float:
    """The summed evidence of a verdict, > 0 for "a was the source"."""
    return sum(e.weight for e in verdict.evidence)


def orient_by_collection(
    pairs: list[tuple[Alignment, Verdict]], settings: GraphSettings = DEFAULT
) -> list[tuple[Alignment, Verdict]]:
    """Settle pairs whose own evidence barely points a way by what the whole set says.

    Each text's standing is the sum of its direction evidence against every text it shares
    material with: an original is the better-supported source against each of its copies,
    so it stands ahead of them all, while a copy stands ahead only of its own copies. A pair
    whose own evidence is weak is oriented from the text that stands further ahead.
    """
    standing: dict[str, float] = {}
    for _, v in pairs:
        if v.relation in ("a->b", "b->a"):
            s = direction_score(v)
            standing[v.a] = standing.get(v.a, 0.0) + s
            standing[v.b] = standing.get(v.b, 0.0) - s
    return [(al, _reoriented(al, v, standing, settings)) for al, v in pairs]


def _reoriented(
    alignment: Alignment, v: Verdict, standing: dict[str, float], settings: GraphSettings
) -> Verdict:
    if v.relation not in ("a->b", "b->a") or abs(direction_score(v)) >= settings.weak:
        return v
    lead = standing.get(v.a, 0.0) - standing.get(v.b, 0.0)
    if abs(lead) < settings.lead:
        return v
    forward = lead > 0
    dated = sum(e.weight for e in v.evidence if e.kind == "dates")
    if dated and (dated > 0) != forward:
        return v  # the set's reading never overrules the dates: a text cannot copy a later one
    first, second = (alignment.a, alignment.b) if forward else (alignment.b, alignment.a)
    note = Evidence(
        "collection",
        f"across this set, {first.name} stands as the source more than {second.name} "
        f"(their own evidence is weak)",
        0.0,
    )
    return replace(
        v,
        relation="a->b" if forward else "b->a",
        extent=extent_of(v.coverage_b if forward else v.coverage_a),
        evidence=(note, *v.evidence),
    )


def _link(alignment: Alignment, verdict: Verdict) -> _Link:
    forward = verdict.relation == "a->b"
    derived = alignment.b if forward else alignment.a
    material = alignment.b_aligned if forward else alignment.a_aligned
    total = sum(len(s.text) for s in derived.sentences) or 1
    lengths = {s.index: len(s.text) for s in derived.sentences}
    explained = sum(
        _faithful(p) * sum(lengths[i] for i in (p.b if forward else p.a)) for p in alignment.pairs
    )
    source = alignment.a.id if forward else alignment.b.id
    used = verdict.coverage_a if forward else verdict.coverage_b
    return _Link(source, derived.id, explained / total, material, used, verdict)


def _faithful(pair: SentencePair) -> float:
    """How faithfully one sentence renders the other, blind to house style: an outlet that
    respells a wire story into its own style (British spelling, its quote marks) is as close
    to the wire as an outlet that copies it as is."""
    if pair.relation != "edited":
        return pair.score
    return max(pair.score, kept_words(pair.a_text, pair.b_text))


def _select(links: list[_Link], settings: GraphSettings) -> list[Edge]:
    """Keep acyclic links, then give each derived text its closest sources."""
    parents: dict[str, set[str]] = {}
    kept: dict[tuple[str, str], _Link] = {}
    into: dict[str, list[_Link]] = {}  # kept links by derived article
    for link in links:
        if not reaches(lambda n: parents.get(n, ()), link.source, link.derived):
            parents.setdefault(link.derived, set()).add(link.source)
            kept[(link.source, link.derived)] = link
            into.setdefault(link.derived, []).append(link)
    edges: list[Edge] = []
    for derived in dict.fromkeys(k.derived for k in links):
        edges += _sources_of(into.get(derived, []), kept, into, settings)
    return edges


def _sources_of(
    options: list[_Link],
    kept: dict[tuple[str, str], _Link],
    into: dict[str, list[_Link]],
    settings: GraphSettings,
) -> list[Edge]:
    """The closest source first, then any other source that explains material the chosen
    ones do not. Between sources that explain the text equally well (a text and its full
    copy), the one the derived text uses more of is the closer version."""
    options = sorted(options, key=lambda k: (-k.closeness - settings.used * k.used, k.source))
    chosen: list[_Link] = []
    explained: set[int] = set()
    for link in options:
        link = _walk_up(link, kept, into, settings)
        if any(c.source == link.source for c in chosen):
            continue
        if explained and len(link.material & explained) >= settings.explained * len(link.material):
            continue
        chosen.append(link)
        explained |= link.material
    return [_edge(k, first=n == 0) for n, k in enumerate(chosen)]


def _walk_up(
    link: _Link,
    kept: dict[tuple[str, str], _Link],
    into: dict[str, list[_Link]],
    settings: GraphSettings,
) -> _Link:
    """Prefer the source's own source when it explains the derived text as well: a text
    and a faithful copy of it explain a third text equally, and the original is the parent."""
    seen = {link.source}
    while True:
        ups = [
            kept[(up.source, link.derived)]
            for up in into.get(link.source, [])
            if up.source not in seen and (up.source, link.derived) in kept
        ]
        ups = [u for u in ups if u.closeness >= link.closeness - settings.margin]
        if not ups:
            return link
        link = max(ups, key=lambda u: (u.closeness, u.source))
        seen.add(link.source)


def _edge(link: _Link, *, first: bool) -> Edge:
    v = link.verdict
    coverage = v.coverage_b if v.relation == "a->b" else v.coverage_a
    return Edge(
        source=link.source,
        derived=link.derived,
        extent=v.extent if first and v.extent else "partially",
        manner=v.manner or "rewritten",
        confidence=v.confidence,
        evidence=v.evidence,
        shared=v.shared,
        coverage=coverage,
    )
