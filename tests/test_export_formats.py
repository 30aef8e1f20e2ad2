"""CSV, Graphviz DOT and GraphML exports: each parsed back with a standard reader."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import FIXTURES

from provenance.export import (
    CSV_COLUMNS,
    FORMATS,
    GRAPHML_NS,
    clean,
    edges_csv,
    graph_dot,
    graph_graphml,
    graph_json,
    graph_record,
    top_evidence,
)
from provenance.ingest import ingest
from provenance.model import Article, Document, Edge, Evidence, Graph, HiddenSource
from provenance.pipeline import trace

NS = {"g": GRAPHML_NS}
EVIL = 'Evil "Wire" \\ <script>alert(1)</script> & =HYPERLINK("x")\x1b[31m\x00'


@pytest.fixture(scope="module")
def traced() -> Graph:
    """The seeds (two derivations from Anadolu) and common-source (two copies of an unseen
    Meridian Press story)."""
    return trace(ingest([str(FIXTURES / "seeds"), str(FIXTURES / "common-source")]))


def evil_graph() -> Graph:
    """Two articles whose names, outlets and evidence hold markup, quotes, a formula and
    control characters, linked by a credited edge, and an uncredited one from a hidden
    source."""
    a = Article(id="a1", name=f"a {EVIL}.txt", text="x", outlet=EVIL, title=EVIL)
    b = Article(id="b2", name="-b.txt", text="y", outlet="@Copy", credits=(EVIL,))
    hidden = HiddenSource("hidden:1", EVIL, ("b2",))
    edges = (
        Edge("a1", "b2", "wholly", "verbatim", 0.9, (Evidence("correction", EVIL, 1.0),)),
        Edge("hidden:1", "b2", "partially", "edited", 0.5, credited=False),
    )
    return Graph((Document(a, ()), Document(b, ())), edges, hidden=(hidden,))


def test_csv_has_a_row_per_edge(traced: Graph) -> None:
    rows = list(csv.DictReader(io.StringIO(edges_csv(traced))))
    assert len(rows) == len(traced.edges) == 4
    assert tuple(rows[0]) == CSV_COLUMNS
    pairs = {(r["source_name"], r["derived_name"]) for r in rows}
    assert ("002.txt", "001.txt") in pairs and ("002.txt", "000.txt") in pairs
    anadolu = [r for r in rows if r["source_outlet"] == "Anadolu Agency"]
    assert {r["credited"] for r in anadolu} == {"false"}
    assert all(r["top_evidence"] and 0 < float(r["confidence"]) <= 1 for r in rows)
    unseen = [r for r in rows if r["source_id"].startswith("hidden:")]
    assert [r["source_name"] for r in unseen] == ["unseen Meridian Press story"] * 2
    assert {r["credited"] for r in unseen} == {"true"}


def test_csv_cells_are_text_not_formulas() -> None:
    rows = list(csv.DictReader(io.StringIO(edges_csv(evil_graph()))))
    assert len(rows) == 2
    first = rows[0]
    assert first["source_outlet"] == clean(EVIL)  # quotes and commas survive the round trip
    assert first["derived_name"] == "'-b.txt" and first["derived_outlet"] == "'@Copy"
    assert "\x1b" not in edges_csv(evil_graph()) and "\x00" not in edges_csv(evil_graph())
    assert rows[1]["credited"] == "false" and rows[0]["credited"] == ""


def test_dot_has_every_node_and_edge(traced: Graph) -> None:
    dot = graph_dot(traced)
    assert dot.startswith("digraph provenance {") and dot.rstrip().endswith("}")
    for d in traced.documents:
        assert f'"{d.id}" [label="{d.article.name}' in dot
    for e in traced.edges:
        assert re.search(rf'"{re.escape(e.source)}" -> "{e.derived}" \[label="{e.manner} · ', dot)
    lines = dot.splitlines()
    hidden = [line for line in lines if line.strip().startswith('"hidden:') and "->" not in line]
    assert len(hidden) == 1 and "dashed" in hidden[0]
    red = [line for line in lines if 'color="red"' in line]
    assert len(red) == sum(e.credited is False for e in traced.edges) == 2


def test_dot_escapes_quotes_and_backslashes() -> None:
    dot = graph_dot(evil_graph())
    for line in dot.splitlines()[4:-1]:
        # every double quote inside a line is either a delimiter or escaped
        unescaped = re.sub(r'\\\\|\\"', "", line)
        assert unescaped.count('"') % 2 == 0, line
    assert "\x1b" not in dot and "\x00" not in dot
    assert '\\"Wire\\"' in dot and "\\\\" in dot


def test_graphml_parses_with_the_right_counts(traced: Graph) -> None:
    root = ET.fromstring(graph_graphml(traced))
    nodes = root.findall("g:graph/g:node", NS)
    edges = root.findall("g:graph/g:edge", NS)
    assert len(nodes) == len(traced.documents) + len(traced.hidden) == 8
    assert len(edges) == len(traced.edges) == 4
    ids = {n.get("id") for n in nodes}
    assert all(e.get("source") in ids and e.get("target") in ids for e in edges)
    keys = {k.get("id"): k.get("attr.type") for k in root.findall("g:key", NS)}
    assert keys["confidence"] == "double" and keys["credited"] == "boolean"
    data = {d.get("key"): d.text for d in edges[0].findall("g:data", NS)}
    assert data["manner"] in ("verbatim", "edited", "rewritten") and data["credited"] == "false"


def test_graphml_holds_untrusted_text_as_data() -> None:
    text = graph_graphml(evil_graph())
    assert "<script>" not in text and "\x1b" not in text and "\x00" not in text
    root = ET.fromstring(text)
    names = [d.text for d in root.iter(f"{{{GRAPHML_NS}}}data") if d.get("key") == "outlet"]
    assert clean(EVIL) in names  # the same words, read back as text


def test_graphml_reads_into_networkx(traced: Graph) -> None:
    nx = pytest.importorskip("networkx")
    g = nx.read_graphml(io.BytesIO(graph_graphml(traced).encode()))
    assert g.is_directed() and g.number_of_nodes() == 8 and g.number_of_edges() == 4
    assert {d["credited"] for _, _, d in g.edges(data=True)} == {True, False}


def test_json_is_the_trace_json_object(traced: Graph) -> None:
    assert json.loads(graph_json(traced)) == json.loads(json.dumps(graph_record(traced)))
    assert set(FORMATS) == {"json", "csv", "dot", "graphml"}


def test_top_evidence_prefers_what_a_journalist_quotes() -> None:
    edge = Edge(
        "a",
        "b",
        "wholly",
        "edited",
        0.9,
        (
            Evidence("coverage", "12 of 12", 0.0),
            Evidence("asymmetry", "details", 3.0),
            Evidence("shared_error", 'both have "an forthcoming"', 1.0),
            Evidence("credit", "no credit", 0.0),
        ),
    )
    top = top_evidence(edge)
    assert top is not None and top.kind == "shared_error"
    assert top_evidence(Edge("a", "b", "wholly", "edited", 0.9)) is None
