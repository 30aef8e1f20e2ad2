"""The Dask engine: candidate finding and alignment on a ``dask.distributed`` cluster.

    provenance trace archive/ --engine dask --scheduler tcp://scheduler:8786

or from Python::

    from dask.distributed import Client
    from provenance.distributed import DaskEngine
    graph = trace_documents(docs, engine=DaskEngine(Client("tcp://scheduler:8786")))

Needs the optional extra: ``pip install 'provenance[dask]'`` (on the client and on every
worker, in the same version). The graph is identical to the local engine's: the workers run
the very same stage functions, and results are put back in candidate order.

How the work is partitioned, and what crosses the network:

1. **Index** (map). The segmented documents are cut into batches of ``batch`` documents
   and sent to the workers (the text of each document crosses the network once). Each
   task computes the batch's anchor codes (``candidates.anchor_codes``) and splits its
   postings (anchor code, document position) into ``buckets`` by anchor code. The postings
   stay on the workers.
2. **Count** (shuffle and reduce). Bucket k gathers its part of every batch's postings
   (worker to worker: 16 bytes per posting) and counts, for each pair of documents, the
   anchors of bucket k they share (``candidates.pair_counts``; every anchor lives in exactly
   one bucket, so per-bucket counts add up to the full count). The counts come back to the
   client, summed (``candidates.merge_counts``) and filtered to candidates there: 16 bytes
   per pair of documents sharing an anchor.
3. **Align** (map). Candidates are cut into chunks of ``chunk`` pairs in candidate order;
   each task gets its pairs plus just the documents and word weights they need (so an
   article's text crosses once per chunk it appears in) and returns the alignments and
   verdicts, which the client gathers in order and reduces to the graph (``graph`` stage,
   on the client: it needs every verdict at once).

The client holds the documents, the candidates and the results; workers hold nothing
between runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .candidates import anchor_codes, merge_counts, pair_counts, postings, to_candidates
from .errors import ProvenanceError
from .model import Candidate, Document
from .pipeline import AlignJob, Packed, Result, Settings

if TYPE_CHECKING:
    from distributed import Client


@dataclass
class DaskEngine:
    """Run the heavy stages on the cluster behind ``client``."""

    client: Client
    batch: int = 2_000  # documents per indexing task
    buckets: int = 0  # anchor buckets (0: four per worker thread)
    chunk: int = 500  # candidate pairs per alignment task

    def _buckets(self) -> int:
        if self.buckets:
            return self.buckets
        threads = sum(self.client.nthreads().values()) or 1
        return 4 * threads

    def candidates(
        self, documents: list[Document], settings: Settings, *, only: Sequence[int] | None
    ) -> list[Candidate]:
        n, buckets, submit = len(documents), self._buckets(), self.client.submit
        batches = [(at, documents[at : at + self.batch]) for at in range(0, n, self.batch)]
        split = self.client.map(_index, batches, buckets=buckets, pure=False)
        wanted = list(only) if only is not None else None
        counted = [
            submit(
                _count,
                [submit(_part, s, k, pure=False) for s in split],
                n,
                settings.max_df,
                wanted,
                pure=False,
            )
            for k in range(buckets)
        ]
        pairs, counts = merge_counts(self.client.gather(counted))
        ids = [d.id for d in documents]
        return list(to_candidates(ids, pairs, counts, min_anchors=settings.min_anchors))

    def align(self, job: AlignJob, candidates: list[Candidate]) -> Iterable[Result]:
        chunks = [candidates[k : k + self.chunk] for k in range(0, len(candidates), self.chunk)]
        futures = self.client.map(_align, [_sub_job(job, c) for c in chunks], chunks, pure=False)
        for future in futures:
            yield from map(job.unpack, future.result())


def _index(
    batch: tuple[int, list[Document]], *, buckets: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """A batch's postings, split by anchor bucket (positions are global)."""
    start, documents = batch
    anchor, holder = postings([anchor_codes(d) for d in documents])
    holder = holder + start
    bucket = (anchor % np.uint64(buckets)).astype(np.int64)
    return [(anchor[bucket == k], holder[bucket == k]) for k in range(buckets)]


def _part(split: list[tuple[np.ndarray, np.ndarray]], k: int) -> tuple[np.ndarray, np.ndarray]:
    return split[k]


def _count(
    parts: list[tuple[np.ndarray, np.ndarray]], n: int, max_df: int, only: list[int] | None
) -> tuple[np.ndarray, np.ndarray]:
    """Pair counts over one bucket's anchors, from every batch's part of it."""
    anchor = np.concatenate([p[0] for p in parts]) if parts else np.empty(0, dtype=np.uint64)
    holder = np.concatenate([p[1] for p in parts]) if parts else np.empty(0, dtype=np.int64)
    return pair_counts(anchor, holder, n, max_df=max_df, only=only)


def _sub_job(job: AlignJob, candidates: list[Candidate]) -> AlignJob:
    """The part of ``job`` that ``candidates`` need: their documents and word weights."""
    ids = {x for c in candidates for x in (c.a, c.b)}
    return AlignJob(
        {i: job.documents[i] for i in ids},
        {i: job.weights[i] for i in ids if i in job.weights},
        job.settings,
    )


def _align(job: AlignJob, candidates: list[Candidate]) -> list[Packed]:
    return [job.packed(c) for c in candidates]


@contextmanager
def dask_engine(scheduler: str | None = None, **options: Any) -> Iterator[DaskEngine]:
    """A DaskEngine on the cluster at ``scheduler``, or on a local cluster (one worker
    process per core) when none is given; closed on exit."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise ProvenanceError(
            "the dask engine needs the optional extra: pip install 'provenance[dask]'"
        ) from e
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="20s")
        else:
            cluster = LocalCluster(processes=True, threads_per_worker=1, dashboard_address=None)
            client = Client(cluster)
    except OSError as e:
        raise ProvenanceError(f"could not reach the Dask scheduler {scheduler}: {e}") from e
    try:
        yield DaskEngine(client, **options)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
