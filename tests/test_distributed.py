"""The Dask engine gives the local engine's graph, on a LocalCluster of worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.ingest import ingest
from provenance.pipeline import segment_all, trace_documents

distributed = pytest.importorskip("distributed")

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def _summary(graph):
    edges = sorted((e.source, e.derived, e.manner, e.extent, e.confidence) for e in graph.edges)
    verdicts = sorted((v.a, v.b, v.relation, v.confidence) for v in graph.verdicts)
    return edges, verdicts, sorted(h.id for h in graph.hidden)


def test_dask_engine_gives_the_local_graph(client) -> None:
    from provenance.distributed import DaskEngine

    docs = segment_all(ingest([FIXTURES]))
    local = trace_documents(docs)
    # small batches, buckets and chunks, so that every stage is really split up
    engine = DaskEngine(client, batch=7, buckets=5, chunk=3)
    remote = trace_documents(docs, engine=engine)
    assert local.edges, "the fixtures have derivations"
    assert _summary(remote) == _summary(local)
    assert remote.edges == local.edges


def test_dask_engine_adds_articles_like_the_local_engine(client) -> None:
    from provenance.distributed import DaskEngine
    from provenance.pipeline import Previous

    docs = segment_all(ingest([FIXTURES / "seeds", FIXTURES / "chain"]))
    first = trace_documents(docs[:-3])
    previous = Previous(first, first.alignments)
    local = trace_documents(docs[-3:], previous=previous)
    remote = trace_documents(docs[-3:], previous=previous, engine=DaskEngine(client, chunk=2))
    assert _summary(remote) == _summary(local)
