from __future__ import annotations

import json

import pytest

from provenance.errors import ProvenanceError
from provenance.evaluate import Label, read_truth, score, siblings
from provenance.model import Article, Document, Edge, Graph


def graph(edges: list[tuple[str, str, float]]) -> Graph:
    docs = tuple(Document(Article(id=n, name=n, text=n), ()) for n in "abcd")
    return Graph(docs, tuple(Edge(s, d, "wholly", "verbatim", c) for s, d, c in edges))


LABELS = [
    Label("a", "b", "a->b", "verbatim"),
    Label("a", "c", "a->b", "edited"),
    Label("b", "c", "none"),
    Label("a", "d", "none"),
]


def test_siblings_are_children_of_one_source() -> None:
    assert siblings(LABELS) == {frozenset("bc")}


def test_score_counts_hits_misses_direction_and_siblings() -> None:
    r = score(graph([("a", "b", 0.95), ("c", "a", 0.6), ("b", "c", 0.5)]), LABELS)
    assert (r.tp, r.fp, r.fn) == (2, 1, 0)
    assert r.direction_right == 1 and r.direction_accuracy == 0.5
    assert r.sibling_edges == 1
    assert r.manner[("verbatim", "verbatim")] == 1 and r.manner[("edited", "verbatim")] == 1
    assert r.precision == pytest.approx(2 / 3) and r.recall == 1.0
    bins = {(lo, n): right for lo, _, n, right in r.reliability()}
    assert bins[(0.9, 1)] == 1.0


def test_missed_edges_lower_recall() -> None:
    r = score(graph([]), LABELS)
    assert (r.tp, r.fn) == (0, 2) and r.recall == 0.0 and r.f1 == 0.0


def test_read_truth_rejects_a_bad_line(tmp_path) -> None:
    path = tmp_path / "truth.jsonl"
    path.write_text(json.dumps({"a": "x", "b": "y", "relation": "none"}) + "\n{oops\n")
    with pytest.raises(ProvenanceError, match="line 2"):
        read_truth(path)
