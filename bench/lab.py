"""What the accuracy benches share: the real dev sets read, traced and scored.

Nothing is tuned here. ``Collection`` holds a data set's segmented documents and the
alignment of every candidate pair (kept whatever the verdict), so that the direction and
graph stages can be run again under other rules or settings without aligning again; the
graph it builds is the one ``provenance trace`` builds (the same candidates, word weights,
alignments, verdicts and graph stage).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from provenance.direction import DEFAULT as DERIVE
from provenance.direction import DeriveSettings, decide
from provenance.evaluate import Label, Report, read_truth, score
from provenance.export import direction_known, graph_record
from provenance.families import Family, read_families, score_families
from provenance.graph import build_graph
from provenance.ingest import ingest
from provenance.model import Alignment, Document, Graph, Verdict, components, reaches
from provenance.pipeline import DEFAULT, AlignJob, LocalEngine, family_weights, segment_all
from provenance.store import as_saved

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"
QUESTIONS = ("taska", "taskb", "taskc")


@dataclass
class Collection:
    """A data set segmented, with every candidate pair aligned."""

    documents: list[Document]
    alignments: list[Alignment]

    @classmethod
    def read(cls, paths: Iterable[Path], *, workers: int = 2) -> Collection:
        documents = segment_all(ingest([str(p) for p in paths]), workers=workers)
        engine = LocalEngine(workers)
        candidates = engine.candidates(documents, DEFAULT, only=None)
        family = components(((c.a, c.b) for c in candidates), (d.id for d in documents))
        job = _KeepAll({d.id: d for d in documents}, family_weights(documents, family), DEFAULT)
        aligned = [al for al, _ in engine.align(job, candidates)]
        return cls(documents, aligned)

    def graph(self, derive: DeriveSettings = DERIVE) -> Graph:
        """The trace's graph: each pair decided, the pairs found unrelated without their
        sentence pairs (as ``AlignJob`` keeps them), reduced by the graph stage."""
        results: list[tuple[Alignment, Verdict]] = []
        for al in self.alignments:
            verdict = decide(al, settings=derive)
            results.append((al if verdict.relation != "none" else replace(al, pairs=()), verdict))
        return build_graph(self.documents, results)


class _KeepAll(AlignJob):
    """An align job that keeps every pair's sentence pairs, whatever its verdict."""

    def __call__(self, cand: Any) -> tuple[Alignment, Verdict]:
        from provenance.align import align

        a, b = self.documents[cand.a], self.documents[cand.b]
        alignment = align(a, b, weights=self.weights[cand.a], settings=self.settings.align)
        return alignment, decide(alignment, settings=self.settings.derive)


# --- data sets ------------------------------------------------------------------------------


@dataclass
class NewsDev:
    """news-dev: real scraped pages and their story families."""

    collection: Collection
    families: list[Family]

    @classmethod
    def read(cls, data: Path, *, workers: int = 2) -> NewsDev:
        folder = data / "news-dev"
        collection = Collection.read([folder / "articles.jsonl"], workers=workers)
        return cls(collection, read_families(folder / "families.json"))

    def scores(self, graph: Graph, families: list[Family] | None = None) -> dict[str, Any]:
        """The reference scorer's figures (``provenance eval`` prints the same) and the
        share right among confident edges."""
        record = graph_record(as_saved(graph))
        report = score_families(record, families or self.families).as_dict()
        return {**report["figures"], "reliability": report.get("reliability")}


def summit(families: list[Family]) -> list[Family]:
    """The families of the summit pages (tuning part); the rest are census and Spotify."""
    return [f for f in families if not _other_story(f)]


def others(families: list[Family]) -> list[Family]:
    return [f for f in families if _other_story(f)]


def _other_story(family: Family) -> bool:
    # G08-G11: the census question and the Spotify policy (families.json's own grouping)
    return family.group[:3] in {"G08", "G09", "G10", "G11"}


@dataclass
class Labelled:
    """A folder of texts with truth.jsonl (clough-dev, seeds, a fixture)."""

    collection: Collection
    labels: list[Label]

    @classmethod
    def read(cls, folder: Path, *, workers: int = 2) -> Labelled:
        return cls(Collection.read([folder], workers=workers), read_truth(folder / "truth.jsonl"))

    def scores(self, graph: Graph, only: Callable[[Label], bool] | None = None) -> Report:
        labels = [lab for lab in self.labels if only is None or only(lab)]
        return score(graph, labels)


def known_arrows(graph: Graph, labels: Iterable[Label]) -> tuple[int, int]:
    """(right, wrong) among the labelled derivations whose edge says its direction is known:
    an arrow a journalist may quote. An edge that says "direction unknown" counts in
    neither."""
    name = {d.id: d.name for d in graph.documents}
    edges = {frozenset((name.get(e.source), name.get(e.derived))): e for e in graph.edges}
    right = wrong = 0
    for lab in labels:
        if lab.relation not in ("a->b", "b->a"):
            continue
        edge = edges.get(frozenset((lab.a, lab.b)))
        if edge is None or not direction_known(edge):
            continue
        source = lab.a if lab.relation == "a->b" else lab.b
        if name.get(edge.source) == source:
            right += 1
        else:
            wrong += 1
    return right, wrong


def known_family_arrows(graph: Graph, families: list[Family]) -> tuple[int, int]:
    """The same for news-dev's known directions: a chain of edges, each saying its
    direction is known, from the source to the copy (right) or back (wrong)."""
    name = {d.id: d.name for d in graph.documents}
    alias = {al: d.name for d in graph.documents for al in d.article.aliases}
    ahead: dict[str, set[str]] = {}
    for e in graph.edges:
        if direction_known(e):
            source, derived = name.get(e.source, e.source), name.get(e.derived, e.derived)
            ahead.setdefault(source, set()).add(derived)
    right = wrong = 0
    for family in families:
        for s, d in family.known_direction:
            s, d = alias.get(s, s), alias.get(d, d)
            right += reaches(lambda n: ahead.get(n, ()), s, d)
            wrong += reaches(lambda n: ahead.get(n, ()), d, s)
    return right, wrong


def question(task: str) -> Callable[[Label], bool]:
    return lambda lab: lab.a.endswith(f"_{task}.txt")


def fixture_folders() -> list[Path]:
    return sorted(p.parent for p in FIXTURES.glob("*/truth.jsonl"))


def copy_question(clough: Path, task: str, into: Path) -> Path:
    """A folder with one question's files and its part of truth.jsonl."""
    folder = into / task
    folder.mkdir()
    for path in clough.glob(f"*_{task}.txt"):
        shutil.copy(path, folder / path.name)
    lines = [
        line for line in (clough / "truth.jsonl").read_text().splitlines() if f"_{task}.txt" in line
    ]
    (folder / "truth.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
