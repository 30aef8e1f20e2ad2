"""Export stage: a Graph -> plain data for scripts (the ``--json`` contract).

    {"articles": [{"id", "name", "outlet", "title", "published", "credits": [...]}, ...],
     "edges": [{"source", "derived", "extent", "manner", "confidence": <0..1>,
                "credited": true | false | null, "direction_known": true | false,
                "evidence": [{"kind", "detail"}, ...]}, ...],
     "hidden_sources": [{"id": "hidden:...", "likely_outlet", "members", "evidence"}, ...]}

An edge's ``source`` may be a hidden source's id: a source not in the set, inferred from
texts that share material none of them took from the others. ``direction_known`` is false
when nothing told which of the two texts came first (undated copies word for word alike):
the arrow then only places the pair.

Extra keys may be added to objects; the keys above keep their meaning.

The same graph for other tools, each a pure function returning a string: ``edges_csv``
(a spreadsheet row per edge), ``graph_dot`` (Graphviz) and ``graph_graphml`` (Gephi, yEd,
networkx). Text from articles is untrusted: control characters are dropped, every format's
own escaping is applied, and CSV cells that a spreadsheet would run as a formula are
prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .model import Article, Edge, Evidence, Graph, HiddenSource, OutletFlow
from .tokens import strip_escapes


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
        "aliases": list(article.aliases),
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
        "direction_known": direction_known(edge),
        "evidence": [evidence_record(e) for e in edge.evidence],
    }


DIRECTION_UNKNOWN = "direction unknown"


def direction_known(edge: Edge) -> bool:
    """False when nothing told clearly which of the two came first (the pair's dates and
    texts, with the rest of the set's witnesses, point no way strongly): the arrow is a
    guess."""
    return all(e.kind != "undecided" for e in edge.evidence)


def changed_facts(edge: Edge) -> Evidence | None:
    """The numbers, names and quotations the derived text changed, as the trace found and
    stored them (evidence kind "facts"); None when it changed none."""
    return next((e for e in edge.evidence if e.kind == "facts" and e.detail), None)


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


# What a confidence says, in every view (``direction.confidence_of``: how surely the texts are
# linked, times how clearly the evidence points one way). Evidence that only just tells which
# came first (``direction.KNOWN``) gives 0.82 on a sure link; a date or a credit (2 and more)
# 0.95; none at all 0.5, whatever the link.
CONFIDENCE_KEY = (
    ("0.95+", "sure (dates or a credit)"),
    ("0.8+", "likely"),
    ("0.5+", "linked, but which came first is unsure"),
    ("under 0.5", "weak"),
)

# --- other formats: CSV, Graphviz DOT, GraphML ------------------------------------------------

# Evidence a journalist quotes first, in order; the rest by the size of its weight.
TELLING = (
    "conflict",
    "undecided",
    "copying",
    "correction",
    "shared_error",
    "house_style",
    "common_source",
    "credited_source",
    "omission",
    "dates",
    "asymmetry",
    "lede",
)
CSV_COLUMNS = (
    "source_name",
    "source_outlet",
    "derived_name",
    "derived_outlet",
    "extent",
    "manner",
    "confidence",
    "credited",
    "shared",
    "coverage",
    "top_evidence",
    "credit_audit",
    "source_id",
    "derived_id",
)
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_FORMULA_START = ("=", "+", "-", "@")
_NUMERIC = frozenset({"confidence", "shared", "coverage"})


@dataclass(frozen=True)
class Node:
    """A node of the exported graph: an article, or a source not in the set."""

    id: str
    name: str
    outlet: str | None
    hidden: bool = False
    article: Article | None = None


def clean(text: str | None) -> str:
    """Untrusted text on one line: terminal escape sequences, control characters, bidi
    overrides and characters XML cannot hold dropped, runs of whitespace made one space."""
    if not text:
        return ""
    text = strip_escapes(text)
    return " ".join(_SURROGATE.sub("", _CONTROL.sub(" ", text)).split())


def graph_nodes(graph: Graph) -> dict[str, Node]:
    """Every node an edge or the set names, by id: articles, then hidden sources, then any
    source the graph knows nothing about."""
    nodes = {d.id: _article_node(d.article) for d in graph.documents}
    for h in graph.hidden:
        outlet = clean(h.likely_outlet) or None
        nodes.setdefault(h.id, Node(h.id, _unseen_name(outlet), outlet, True))
    for e in graph.edges:
        for end in (e.source, e.derived):
            nodes.setdefault(end, Node(end, _unseen_name(None), None, True))
    return nodes


def _article_node(article: Article) -> Node:
    return Node(article.id, clean(article.name), clean(article.outlet) or None, False, article)


def _unseen_name(outlet: str | None) -> str:
    return f"unseen {clean(outlet)} story" if clean(outlet) else "unseen source"


def top_evidence(edge: Edge) -> Evidence | None:
    """The reason most worth quoting, apart from coverage and the credit audit."""
    rest = [e for e in edge.evidence if e.kind not in ("coverage", "credit") and clean(e.detail)]
    rank = {kind: n for n, kind in enumerate(TELLING)}
    rest.sort(key=lambda e: (rank.get(e.kind, len(rank)), -abs(e.weight)))
    return rest[0] if rest else None


def credit_audit(edge: Edge) -> str:
    """What the credit check found: the ``credit`` evidence, else the ``credited`` flag."""
    found = next((clean(e.detail) for e in edge.evidence if e.kind == "credit"), "")
    if found:
        return found
    return {True: "credits its source", False: "does not credit its source", None: ""}[
        edge.credited
    ]


def _flag(value: bool | None) -> str:
    return "" if value is None else str(value).lower()


def edge_row(edge: Edge, nodes: dict[str, Node]) -> dict[str, str]:
    """One edge as CSV cells, each a string."""
    source, derived = nodes[edge.source], nodes[edge.derived]
    return {
        "source_name": source.name,
        "source_outlet": source.outlet or "",
        "derived_name": derived.name,
        "derived_outlet": derived.outlet or "",
        **_edge_data(edge),
        "source_id": edge.source,
        "derived_id": edge.derived,
    }


def _cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def edges_csv(graph: Graph) -> str:
    """A header, then one row per edge (``CSV_COLUMNS``); credited is true, false or empty
    (cannot tell)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    nodes = graph_nodes(graph)
    for edge in graph.edges:
        row = edge_row(edge, nodes)
        writer.writerow({k: v if k in _NUMERIC else _cell(v) for k, v in row.items()})
    return out.getvalue()


def _escape_dot(text: str) -> str:
    """Text inside a DOT double-quoted string: backslashes and quotes escaped."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _dot(text: str) -> str:
    return f'"{_escape_dot(text)}"'


def _dot_node(node: Node) -> str:
    lines = [node.name] + ([node.outlet] if node.outlet and not node.hidden else [])
    label = "\\n".join(_escape_dot(line) for line in lines)  # DOT's own line break
    style = "rounded,dashed" if node.hidden else "rounded"
    return f'  {_dot(node.id)} [label="{label}", style="{style}"];'


def _dot_edge(edge: Edge) -> str:
    words = f"{edge.manner} · {edge.extent} · {edge.confidence:.2f}"
    attrs = [f"label={_dot(words)}"]
    top = top_evidence(edge)
    if top:
        attrs.append(f"tooltip={_dot(clean(top.detail))}")
    if edge.credited is False:
        attrs += ['color="red"', 'fontcolor="red"']
    return f"  {_dot(edge.source)} -> {_dot(edge.derived)} [{', '.join(attrs)}];"


def graph_dot(graph: Graph) -> str:
    """The graph for Graphviz (``dot -Tsvg``): boxes labelled name and outlet, sources not
    in the set dashed, edges labelled manner · extent · confidence, uncredited edges red."""
    lines = [
        "digraph provenance {",
        '  graph [rankdir=LR, fontname="Helvetica"];',
        '  node [shape=box, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    lines += [_dot_node(n) for n in graph_nodes(graph).values()]
    lines += [_dot_edge(e) for e in graph.edges]
    return "\n".join([*lines, "}"]) + "\n"


_NODE_KEYS = (
    ("kind", "string"),
    ("name", "string"),
    ("outlet", "string"),
    ("title", "string"),
    ("published", "string"),
    ("credits", "string"),
)
_EDGE_KEYS = (
    ("extent", "string"),
    ("manner", "string"),
    ("confidence", "double"),
    ("credited", "boolean"),
    ("shared", "int"),
    ("coverage", "double"),
    ("top_evidence", "string"),
    ("credit_audit", "string"),
)


def _data(parent: ET.Element, values: dict[str, str]) -> None:
    for key, value in values.items():
        if value:
            ET.SubElement(parent, f"{{{GRAPHML_NS}}}data", key=key).text = value


def _node_data(node: Node) -> dict[str, str]:
    article = node.article
    return {
        "kind": "hidden" if node.hidden else "article",
        "name": node.name,
        "outlet": node.outlet or "",
        "title": clean(article.title) if article else "",
        "published": clean(article.published) if article else "",
        "credits": "; ".join(clean(c) for c in article.credits) if article else "",
    }


def _edge_data(edge: Edge) -> dict[str, str]:
    top = top_evidence(edge)
    return {
        "extent": edge.extent,
        "manner": edge.manner,
        "confidence": f"{edge.confidence:.3f}",
        "credited": _flag(edge.credited),
        "shared": str(edge.shared),
        "coverage": f"{edge.coverage:.4f}",
        "top_evidence": clean(top.detail) if top else "",
        "credit_audit": credit_audit(edge),
    }


def graph_graphml(graph: Graph) -> str:
    """The graph as GraphML: a node per article and hidden source, a directed edge per
    derivation, their facts as typed ``data``. ``credited`` is left out when unknown."""
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    for scope, keys in (("node", _NODE_KEYS), ("edge", _EDGE_KEYS)):
        for name, kind in keys:
            attrs = {"id": name, "for": scope, "attr.name": name, "attr.type": kind}
            ET.SubElement(root, f"{{{GRAPHML_NS}}}key", attrs)
    body = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", id="provenance", edgedefault="directed")
    for node in graph_nodes(graph).values():
        _data(ET.SubElement(body, f"{{{GRAPHML_NS}}}node", id=node.id), _node_data(node))
    for n, edge in enumerate(graph.edges):
        attrs = {"id": f"e{n}", "source": edge.source, "target": edge.derived}
        _data(ET.SubElement(body, f"{{{GRAPHML_NS}}}edge", attrs), _edge_data(edge))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def graph_json(graph: Graph) -> str:
    """The ``trace --json`` object as text."""
    return json.dumps(graph_record(graph), ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[Graph], str]] = {
    "json": graph_json,
    "csv": edges_csv,
    "dot": graph_dot,
    "graphml": graph_graphml,
}
