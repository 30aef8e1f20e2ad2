"""Measure the engine against labelled pairs (``truth.jsonl`` beside the articles).

Each line of ``truth.jsonl`` labels a pair of article names: ``relation`` ``a->b`` (b was
derived from a), ``b->a`` or ``none``, and where known ``manner`` and ``extent``. A predicted
edge between a labelled pair counts whichever way it points (detection); its direction,
manner and extent are then scored on the true edges found. Siblings (two articles derived
from one source) must get no edge between them.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

from .align import same_sentence
from .errors import ProvenanceError
from .model import Edge, Extent, Graph, Manner, Relation
from .tokens import Weights, content_stems

BINS = (0.0, 0.5, 0.7, 0.9, 1.01)  # confidence bins of a reliability table


def reliability(
    judged: Iterable[tuple[float, bool]], bins: tuple[float, ...] = BINS
) -> list[tuple[float, float, int, float]]:
    """(low, high, edges, share right) of (confidence, right) verdicts, by confidence."""
    judged = list(judged)
    rows = []
    for low, high in zip(bins, bins[1:], strict=False):
        inside = [ok for c, ok in judged if low <= c < high]
        rows.append(
            (low, min(high, 1.0), len(inside), sum(inside) / len(inside) if inside else 0.0)
        )
    return rows


@dataclass(frozen=True)
class Label:
    a: str
    b: str
    relation: str
    manner: str | None = None
    extent: str | None = None


@dataclass
class Counts:
    """True positives, false positives and false negatives, with the scores they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report(Counts):
    """Scores of one evaluation run."""

    pairs: int = 0
    direction_right: int = 0
    manner: Counter[tuple[str, str]] = field(default_factory=Counter)  # (true, predicted)
    extent: Counter[tuple[str, str]] = field(default_factory=Counter)
    sibling_edges: int = 0
    confidence: list[tuple[float, bool]] = field(default_factory=list)  # (confidence, right)
    mistakes: list[str] = field(default_factory=list)

    @property
    def direction_accuracy(self) -> float:
        return self.direction_right / self.tp if self.tp else 0.0

    @property
    def manner_accuracy(self) -> float:
        total = sum(self.manner.values())
        return sum(n for (t, p), n in self.manner.items() if t == p) / total if total else 0.0

    def reliability(self, bins: tuple[float, ...] = BINS) -> list[tuple[float, float, int, float]]:
        """(low, high, edges, share right) for predicted edges by confidence."""
        return reliability(self.confidence, bins)

    def as_dict(self) -> dict[str, object]:
        return {
            "pairs": self.pairs,
            "true_positives": self.tp,
            "false_positives": self.fp,
            "false_negatives": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "direction_accuracy": round(self.direction_accuracy, 4) if self.tp else None,
            "manner_accuracy": round(self.manner_accuracy, 4) if self.manner else None,
            "manner_confusion": [
                {"true": t, "predicted": p, "count": n} for (t, p), n in sorted(self.manner.items())
            ],
            "extent_confusion": [
                {"true": t, "predicted": p, "count": n} for (t, p), n in sorted(self.extent.items())
            ],
            "sibling_edges": self.sibling_edges,
            "reliability": [
                {"low": lo, "high": hi, "edges": n, "right": round(r, 4)}
                for lo, hi, n, r in self.reliability()
            ],
            "mistakes": self.mistakes,
        }


def read_truth(path: str | Path) -> list[Label]:
    """Read ``truth.jsonl``: one labelled pair per line."""
    labels = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            labels.append(Label(d["a"], d["b"], d["relation"], d.get("manner"), d.get("extent")))
        except (ValueError, KeyError, TypeError) as exc:
            raise ProvenanceError(
                f"{path}, line {n}: not a labelled pair ({exc}); each line "
                'needs {"a": ..., "b": ..., "relation": ...}'
            ) from exc
        if problem := _label_problem(labels[-1]):
            raise ProvenanceError(f"{path}, line {n}: {problem}")
    return labels


_ALLOWED = {  # what a label may say: the model's own values ("common" is the engine's)
    "relation": tuple(r for r in get_args(Relation) if r != "common"),
    "manner": (*get_args(Manner), None),
    "extent": (*get_args(Extent), None),
}


def _label_problem(label: Label) -> str | None:
    if not isinstance(label.a, str) or not isinstance(label.b, str):
        return '"a" and "b" must be article names (strings)'
    for key, allowed in _ALLOWED.items():
        value = getattr(label, key)
        if value not in allowed:
            named = ", ".join(f'"{x}"' for x in allowed if x is not None)
            return f'"{key}" is {json.dumps(value)}: it must be one of {named}'
    return None


def siblings(labels: list[Label]) -> set[frozenset[str]]:
    """Pairs of articles that were both derived from one source."""
    children: dict[str, set[str]] = {}
    for lab in labels:
        if lab.relation == "a->b":
            children.setdefault(lab.a, set()).add(lab.b)
        elif lab.relation == "b->a":
            children.setdefault(lab.b, set()).add(lab.a)
    return {frozenset((x, y)) for kids in children.values() for x in kids for y in kids if x != y}


def score(graph: Graph, labels: list[Label]) -> Report:
    """Compare a traced graph with the labels."""
    name_of = {d.id: d.name for d in graph.documents}
    edges: dict[frozenset[str], Edge] = {}
    for e in graph.edges:
        if e.source in name_of and e.derived in name_of:
            edges[frozenset((name_of[e.source], name_of[e.derived]))] = e
    report = Report(pairs=len(labels))
    sibs = siblings(labels)
    for lab in labels:
        _score_pair(report, lab, edges.get(frozenset((lab.a, lab.b))), name_of, sibs)
    return report


def _score_pair(
    report: Report,
    lab: Label,
    edge: Edge | None,
    name_of: dict[str, str],
    sibs: set[frozenset[str]],
) -> None:
    derived = lab.relation in ("a->b", "b->a")
    if edge is None:
        if derived:
            report.fn += 1
            report.mistakes.append(f"missed {lab.a} {lab.relation} {lab.b}")
        return
    said = f"{name_of[edge.source]} -> {name_of[edge.derived]}"
    if not derived:
        report.fp += 1
        report.sibling_edges += frozenset((lab.a, lab.b)) in sibs
        report.confidence.append((edge.confidence, False))
        report.mistakes.append(f"false edge {said} ({edge.confidence:.2f})")
        return
    report.tp += 1
    src = lab.a if lab.relation == "a->b" else lab.b
    right = name_of[edge.source] == src
    report.direction_right += right
    report.confidence.append((edge.confidence, right))
    if not right:
        report.mistakes.append(f"wrong direction {said}, truth {lab.a} {lab.relation} {lab.b}")
    if lab.manner:
        report.manner[(lab.manner, edge.manner)] += 1
        if edge.manner != lab.manner:
            report.mistakes.append(f"manner {edge.manner} for {said}, truth {lab.manner}")
    if lab.extent:
        report.extent[(lab.extent, edge.extent)] += 1


@dataclass(frozen=True)
class SentenceLabel:
    same: bool
    a: str
    b: str


@dataclass
class SentenceReport(Counts):
    """Accuracy of "these two are one sentence" on labelled sentence pairs."""

    tn: int = 0

    def add(self, truth: bool, said: bool) -> None:
        if truth and said:
            self.tp += 1
        elif said:
            self.fp += 1
        elif truth:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def pairs(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def accuracy(self) -> float:
        return (self.tp + self.tn) / self.pairs if self.pairs else 0.0

    @property
    def majority(self) -> float:
        positives = self.tp + self.fn
        return max(positives, self.pairs - positives) / self.pairs if self.pairs else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "pairs": self.pairs,
            "accuracy": round(self.accuracy, 4),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "majority_class": round(self.majority, 4),
            "true_positives": self.tp,
            "false_positives": self.fp,
            "false_negatives": self.fn,
            "true_negatives": self.tn,
        }


def read_sentence_pairs(path: str | Path) -> Iterator[SentenceLabel]:
    """MSRP-style TSV: label, id, id, sentence, sentence, after a header line."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows, None)
        for n, row in enumerate(rows, 2):
            if len(row) < 5 or row[0].strip() not in ("0", "1"):
                raise ProvenanceError(
                    f"{path}, line {n}: expected label (0 or 1), id, id, "
                    "sentence, sentence separated by tabs"
                )
            yield SentenceLabel(row[0].strip() == "1", row[3], row[4])


def score_sentences(labels: list[SentenceLabel]) -> SentenceReport:
    """Run the sentence matcher of ``align`` over labelled pairs, with word weights taken
    from all the sentences of the file (as ``trace`` takes them from its collection)."""
    weights = Weights.from_documents(
        content_stems(text) for label in labels for text in (label.a, label.b)
    )
    report = SentenceReport()
    for label in labels:
        report.add(label.same, same_sentence(label.a, label.b, weights=weights) is not None)
    return report
