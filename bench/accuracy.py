"""Accuracy of provenance on labelled data, written to bench/results/accuracy.md.

    python bench/accuracy.py ../shared/data        # the data folder (see its README)

Reads, under the data folder: seeds/ (the user's example), clough-dev/ (Clough & Stevenson's
short answers, questions a-c, scored as a whole and question by question, so that settings
chosen on questions a-b can be reported on question c) and msrp-train.tsv (sentence pairs).
Also scores every case in this project's fixtures/. Nothing is tuned here: it only measures
the engine as it is.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from provenance.evaluate import (
    Report,
    read_sentence_pairs,
    read_truth,
    score,
    score_sentences,
)
from provenance.ingest import ingest
from provenance.pipeline import trace

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"


def evaluate_folder(folder: Path) -> tuple[Report, float]:
    start = time.perf_counter()
    report = score(trace(ingest([folder])), read_truth(folder / "truth.jsonl"))
    return report, time.perf_counter() - start


def question_folder(clough: Path, task: str, into: Path) -> Path:
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


def _opt(value: float, n: int) -> str:
    return f"{value:.3f}" if n else "n/a"


def row(name: str, r: Report, seconds: float) -> str:
    return (
        f"| {name} | {r.pairs} | {r.tp} | {r.fp} | {r.fn} | {r.precision:.3f} | "
        f"{r.recall:.3f} | {r.f1:.3f} | {_opt(r.direction_accuracy, r.tp)} | "
        f"{_opt(r.manner_accuracy, sum(r.manner.values()))} | {r.sibling_edges} | {seconds:.1f} |"
    )


HEADER = (
    "| data | pairs | right | false | missed | precision | recall | F1 | direction | "
    "manner | sibling edges | seconds |\n|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "accuracy.md")
    args = parser.parse_args()
    rows: list[str] = []
    details: dict[str, dict[str, object]] = {}
    for case in sorted(p.parent for p in FIXTURES.glob("*/truth.jsonl")):
        r, t = evaluate_folder(case)
        rows.append(row(f"fixtures/{case.name}", r, t))
        details[f"fixtures/{case.name}"] = r.as_dict()
    clough = args.data / "clough-dev"
    if clough.exists():
        r, t = evaluate_folder(clough)
        rows.append(row("clough-dev (a-c)", r, t))
        details["clough-dev"] = r.as_dict()
        with tempfile.TemporaryDirectory() as tmp:
            for task in ("taska", "taskb", "taskc"):
                r, t = evaluate_folder(question_folder(clough, task, Path(tmp)))
                rows.append(row(f"clough-dev question {task[-1]}", r, t))
                details[f"clough-dev/{task}"] = r.as_dict()
    lines = [
        "# Accuracy",
        "",
        "Regenerate with `python bench/accuracy.py ../shared/data`.",
        "",
        "## Derivation edges",
        "",
        HEADER,
        *rows,
        "",
    ]
    msrp = args.data / "msrp-train.tsv"
    if msrp.exists():
        start = time.perf_counter()
        s = score_sentences(list(read_sentence_pairs(msrp)))
        details["msrp-train"] = s.as_dict()
        lines += [
            "## Sentence pairs (MSRP train)",
            "",
            "The matcher's model was fitted on half of this file (bench/matcher.py): its "
            "accuracy on the other half alone, held out, is in bench/results/matcher.md.",
            "",
            "| pairs | accuracy | precision | recall | F1 | majority class | seconds |",
            "|---|---|---|---|---|---|---|",
            f"| {s.pairs} | {s.accuracy:.3f} | {s.precision:.3f} | {s.recall:.3f} | "
            f"{s.f1:.3f} | {s.majority:.3f} | {time.perf_counter() - start:.1f} |",
            "",
        ]
    for name in ("clough-dev", "clough-dev/taskc"):
        if name in details:
            lines += [f"## Mistakes on {name}", ""]
            lines += [f"- {m}" for m in details[name]["mistakes"]] + [""]  # type: ignore[union-attr]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines))
    args.out.with_suffix(".json").write_text(json.dumps(details, indent=2))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
