"""The command line: a thin layer over the library. The one module that imports click.

Each command parses options, calls one library function and formats the result; library
errors become short messages and exit codes here, never tracebacks.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import IngestError, ProvenanceError
from .evaluate import Report, read_sentence_pairs, read_truth, score, score_sentences
from .export import flow_record, graph_record, outlet_flows
from .ingest import ingest
from .model import Graph
from .pipeline import Progress, segment_all, trace_documents
from .render import make_console, outlets_view, print_trace, progress
from .store import Store

DEFAULT_DB = "provenance.db"


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


class _Skips:
    """Collects inputs that could not be read, to warn as they come and sum up at the end."""

    def __init__(self, quiet: bool) -> None:
        self.errors: list[IngestError] = []
        self.quiet = quiet

    def __call__(self, error: IngestError) -> None:
        self.errors.append(error)
        if not self.quiet:
            click.echo(f"Skipped {error}", err=True)

    def summary(self) -> str:
        return f"{len(self.errors)} input(s) skipped; the rest was traced"


def _bar(stack: ExitStack, no_color: bool) -> Progress:
    """A progress callback on stderr (when it is a terminal): one Rich bar per stage, the
    previous stage's bar closed when the next begins."""
    console = make_console(stderr=True, no_color=no_color)
    current: list[tuple[str, ExitStack, Callable[[int], None]]] = []

    def report(stage: str, done: int, total: int) -> None:
        if not current or current[0][0] != stage:
            if current:
                current.pop()[1].close()
            inner = stack.enter_context(ExitStack())
            advance = inner.enter_context(progress(console, total, _STAGES.get(stage, stage)))
            current.append((stage, inner, advance))
        current[0][2](1)

    return report


_STAGES = {"read": "Reading articles", "align": "Aligning candidate pairs"}


def _trace(
    paths: tuple[str, ...], manifest: str | None, skips: _Skips, no_color: bool, show_progress: bool
) -> Graph:
    with ExitStack() as stack:
        bar = _bar(stack, no_color) if show_progress else _no_progress
        documents = segment_all(ingest(paths, manifest=manifest, on_error=skips), progress=bar)
        if not documents:
            raise ProvenanceError(
                "no articles found in " + ", ".join(paths) + " (give .txt, .html, .json, "
                ".jsonl or .csv files, or folders of them)"
            )
        return trace_documents(documents, progress=bar)


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="provenance")
def cli() -> None:
    """Who copied this story from whom, how, and did they say so?

    provenance reads a set of news articles, aligns related ones sentence by sentence,
    decides which was derived from which (verbatim, edited or rewritten; wholly or
    partially) with the evidence for it, and keeps the graph in SQLite.

    \b
    Start with:
      provenance trace articles/           families of stories and their lineage
      provenance trace articles/ --json    the same, as one JSON object for scripts
      provenance eval labelled/            precision and recall against truth.jsonl
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(),
    help="SQLite database the graph is saved in (browse it with Datasette).",
)
@click.option(
    "--manifest",
    type=click.Path(exists=True, dir_okay=False),
    help="CSV or JSON giving outlet, url, published for files "
    "(a manifest.csv in a folder is read by itself).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of the tree.")
@click.option("--no-color", is_flag=True, help="Plain text, no colour.")
@click.option("--quiet", "-q", is_flag=True, help="No warnings for skipped files, no progress bar.")
def trace(
    paths: tuple[str, ...],
    db_path: str,
    manifest: str | None,
    as_json: bool,
    no_color: bool,
    quiet: bool,
) -> None:
    """Trace who copied whom among the articles in PATHS.

    PATHS are files or folders (read recursively): plain text (.txt; a first line that
    looks like a headline is the title, a " date 2025-10-26" header line the date), saved web
    pages (.html), or records (.json, .jsonl, .csv with id and text, and optionally title,
    outlet, url, published, byline).

    The terminal shows each family of stories as a tree: the source, what was derived from
    it, how (verbatim / edited / rewritten), how much (wholly / partially), a confidence and
    the main evidence. The graph is saved in --db; running again on the same input adds
    nothing.

    \b
    Examples:
      provenance trace fixtures/seeds
      provenance trace wire/ clients/ --db april.db
      provenance trace export.jsonl --json | jq '.edges[] | {source, derived, manner}'
    """
    skips = _Skips(quiet)
    try:
        graph = _trace(paths, manifest, skips, no_color, show_progress=not quiet)
        with Store(db_path) as store:
            store.save_graph(graph, run_info={"command": "trace", "args": list(paths)})
    except ProvenanceError as exc:
        _fail(str(exc), 2 if isinstance(exc, IngestError) else 1)
        return
    if as_json:
        click.echo(json.dumps(graph_record(graph), ensure_ascii=False, indent=2))
    else:
        print_trace(
            graph,
            make_console(no_color=no_color),
            db_path=db_path,
            available=frozenset(cli.commands),
        )
    if skips.errors:
        click.echo(skips.summary(), err=True)
        sys.exit(1)


@cli.command()
@click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Database written by provenance trace.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of the table.")
@click.option("--no-color", is_flag=True, help="Plain text, no colour.")
def outlets(db_path: str, as_json: bool, no_color: bool) -> None:
    """Who reuses whom, outlet by outlet, from the graph in --db.

    For each pair of outlets: how many of the first's articles the second derived from,
    how (verbatim / edited / rewritten), and how often it named the source. Articles whose
    outlet is unknown are grouped as "(outlet unknown)"; copies of a source not in the set
    count under "<outlet> (unseen)".

    \b
    Examples:
      provenance outlets
      provenance outlets --db april.db --json
    """
    try:
        with Store(db_path) as store:
            flows = outlet_flows(store.load_graph())
    except ProvenanceError as exc:
        _fail(str(exc))
        return
    if as_json:
        click.echo(json.dumps([flow_record(f) for f in flows], ensure_ascii=False, indent=2))
    else:
        make_console(no_color=no_color).print(outlets_view(flows))


@cli.command(name="eval")
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False))
@click.option(
    "--sentences",
    type=click.Path(exists=True, dir_okay=False),
    help="Score sentence pairs from a TSV (label, id, id, sentence, sentence) instead.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--quiet", "-q", is_flag=True, help="No warnings for skipped files.")
def evaluate(folder: str | None, sentences: str | None, as_json: bool, quiet: bool) -> None:
    """Measure the engine on a FOLDER of articles with a truth.jsonl beside them.

    Each truth.jsonl line labels a pair of article names, for example
    {"a": "wire.txt", "b": "paper.txt", "relation": "a->b", "manner": "verbatim"}
    (relation "a->b": b was derived from a; "b->a"; or "none"). Prints precision, recall
    and F1 of derivation edges, direction accuracy, manner accuracy with its confusion
    table, false edges between siblings and a reliability table of the confidences.

    With --sentences PAIRS.tsv (MSRP format: a header line, then label, id, id, sentence,
    sentence) it scores the sentence matcher that trace uses instead: accuracy, precision,
    recall and F1 of "these two are one sentence, copied or rewritten".

    \b
    Examples:
      provenance eval fixtures/seeds
      provenance eval --sentences msrp-train.tsv --json
    """
    try:
        if sentences:
            result: dict[str, object] = score_sentences(
                list(read_sentence_pairs(sentences))
            ).as_dict()
        elif folder:
            result = _evaluate_folder(Path(folder), _Skips(quiet), quiet).as_dict()
        else:
            raise ProvenanceError("give a FOLDER with a truth.jsonl, or --sentences PAIRS.tsv")
    except ProvenanceError as exc:
        _fail(str(exc))
        return
    click.echo(json.dumps(result, indent=2) if as_json else format_report(result))


def _evaluate_folder(folder: Path, skips: _Skips, quiet: bool) -> Report:
    truth = folder / "truth.jsonl"
    if not truth.exists():
        raise ProvenanceError(
            f"{truth}: not found (label pairs of articles in a truth.jsonl file beside them)"
        )
    graph = _trace((str(folder),), None, skips, False, show_progress=not quiet)
    return score(graph, read_truth(truth))


def format_report(result: dict[str, Any]) -> str:
    """An evaluation result (``Report.as_dict`` or ``SentenceReport.as_dict``) as text."""
    lines = [
        f"{key.replace('_', ' '):20s} {'n/a' if value is None else value}"
        for key, value in result.items()
        if not isinstance(value, list)
    ]
    for key, value in result.items():
        if isinstance(value, list) and value:
            lines += ["", key.replace("_", " ") + ":"]
            lines += [
                "  " + "  ".join(f"{k} {v}" for k, v in row.items())
                if isinstance(row, dict)
                else f"  {row}"
                for row in value
            ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    return cli.main(args=argv, prog_name="provenance")
