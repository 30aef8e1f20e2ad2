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

from typing import Any

from .model import Article, Edge, Evidence, Graph, HiddenSource


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
