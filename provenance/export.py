"""Export stage: a Graph -> plain data for scripts (the ``--json`` contract).

    {"articles": [{"id", "name", "outlet", "title", "published", "credits": [...]}, ...],
     "edges": [{"source", "derived", "extent", "manner", "confidence": <0..1>,
                "credited": true | false | null,
                "evidence": [{"kind", "detail"}, ...]}, ...],
     "hidden_sources": [{"id": "hidden:...", "likely_outlet", "members", "evidence"}, ...]}

An edge's ``source`` may be a hidden source's id: a source not in the set, inferred from
texts that share material none of them took from the others.

Extra keys may be added to objects; the keys above keep their meaning.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .model import Article, Edge, Evidence, Graph, HiddenSource, OutletFlow


def article_record(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "name": article.name,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "credits": list(article.credits),
        "dateline": article.dateline,
        "url": article.url,
        "byline": article.byline,
    }


def evidence_record(evidence: Evidence) -> dict[str, Any]:
    return {"kind": evidence.kind, "detail": evidence.detail, "weight": evidence.weight}


def edge_record(edge: Edge) -> dict[str, Any]:
    return {
        "source": edge.source,
        "derived": edge.derived,
        "extent": edge.extent,
        "manner": edge.manner,
        "confidence": edge.confidence,
        "shared_sentences": edge.shared,
        "coverage": round(edge.coverage, 4),
        "credited": edge.credited,
        "evidence": [evidence_record(e) for e in edge.evidence],
    }


def hidden_record(hidden: HiddenSource) -> dict[str, Any]:
    return {
        "id": hidden.id,
        "likely_outlet": hidden.likely_outlet,
        "members": list(hidden.members),
        "evidence": [evidence_record(e) for e in hidden.evidence],
    }


def graph_record(graph: Graph) -> dict[str, Any]:
    """The whole graph as the ``trace --json`` object."""
    return {
        "articles": [article_record(d.article) for d in graph.documents],
        "edges": [edge_record(e) for e in graph.edges],
        "hidden_sources": [hidden_record(h) for h in graph.hidden],
    }


UNKNOWN_OUTLET = "(outlet unknown)"


def outlet_flows(graph: Graph) -> list[OutletFlow]:
    """Edges aggregated to outlet -> outlet, busiest first."""
    outlet = {d.id: d.article.outlet or UNKNOWN_OUTLET for d in graph.documents}
    outlet |= {h.id: f"{h.likely_outlet or 'a source'} (unseen)" for h in graph.hidden}
    groups: dict[tuple[str, str], list[Edge]] = {}
    for e in graph.edges:
        key = (outlet.get(e.source, UNKNOWN_OUTLET), outlet.get(e.derived, UNKNOWN_OUTLET))
        groups.setdefault(key, []).append(e)
    flows = [_flow(src, der, edges) for (src, der), edges in groups.items()]
    return sorted(flows, key=lambda f: (-f.edges, f.source, f.derived))


def _flow(source: str, derived: str, edges: list[Edge]) -> OutletFlow:
    manners = Counter(e.manner for e in edges)
    return OutletFlow(
        source,
        derived,
        len(edges),
        tuple(manners.most_common()),
        sum(e.credited is True for e in edges),
        sum(e.credited is False for e in edges),
        sum(e.credited is None for e in edges),
    )


def flow_record(flow: OutletFlow) -> dict[str, Any]:
    return {
        "source_outlet": flow.source,
        "derived_outlet": flow.derived,
        "edges": flow.edges,
        "manner": dict(flow.manners),
        "credited": flow.credited,
        "uncredited": flow.uncredited,
        "credit_unknown": flow.unknown,
    }
