from __future__ import annotations

import json

from provenance.export import graph_record
from provenance.model import Article, Document, Edge, Evidence, Graph


def test_graph_record_follows_the_json_contract() -> None:
    a = Article(id="1", name="a.txt", text="x", outlet="Wire", credits=("Wire",))
    b = Article(id="2", name="b.txt", text="y", published="2025-10-26")
    edge = Edge("1", "2", "wholly", "edited", 0.9, (Evidence("dates", "a before b", 2.0),))
    record = graph_record(Graph((Document(a, ()), Document(b, ())), (edge,)))
    json.dumps(record)  # serialisable as is
    assert [x["name"] for x in record["articles"]] == ["a.txt", "b.txt"]
    assert record["articles"][0]["credits"] == ["Wire"]
    (e,) = record["edges"]
    assert (e["source"], e["derived"], e["extent"], e["manner"]) == ("1", "2", "wholly", "edited")
    assert e["evidence"] == [{"kind": "dates", "detail": "a before b", "weight": 2.0}]
