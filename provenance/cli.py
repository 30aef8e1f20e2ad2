"""The command line: a thin layer over the library. The one module that imports click.

Each command parses options, calls one library function and formats the result; library
errors become short messages and exit codes here, never tracebacks.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__, rules
from .archive import find as find_matches
from .archive import query_document
from .diff import Diff, clip, diff_record
from .errors import IngestError, ProvenanceError
from .evaluate import read_sentence_pairs, read_truth, score, score_sentences
from .export import (
    FORMATS,
    article_record,
    edge_record,
    evidence_record,
    flow_record,
    graph_record,
    hidden_record,
    outlet_flows,
)
from .families import read_families, score_families, shared_sentences
from .families_text import families_text
from .fetch import is_url
from .ingest import MANIFEST_NAMES, ingest, ingest_jsonl, parse_columns
from .model import Article, Document, Edge, Graph
from .pipeline import (
    Engine,
    Match,
    Previous,
    Progress,
    compare_documents,
    compare_stored,
    input_signature,
    kept_verdicts,
    no_progress,
    segment_all,
    trace_documents,
)
from .render import (
    FAMILIES_SHOWN,
    diff_view,
    evaluation_text,
    lineage,
    make_console,
    outlets_view,
    print_paged,
    print_trace,
    progress,
    show_view,
)
from .report import TraceReport, html_report, markdown_report
from .store import Store, as_saved, datasette_metadata, restrict
from .tokens import outlet_key, strip_escapes

DEFAULT_DB = "provenance.db"
F = TypeVar("F", bound=Callable[..., Any])

_STORED_DB = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Database written by provenance trace.",
)


_SAVED_DB = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(),
    help="SQLite database the graph is saved in (browse it with Datasette).",
)


_WORKERS = click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=0,
    help="Processes that align pairs (0, the default: one per core). "
    "The graph is the same for any number.",
)
_ENGINE = click.option(
    "--engine",
    "engine_name",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where candidate finding and alignment run: this machine, or a Dask cluster "
    "(pip install 'provenance[dask]'). The graph is the same.",
)
_SCHEDULER = click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --engine dask: the scheduler to use (tcp://host:8786); "
    "without it, a local cluster with one worker per core.",
)


class _PathOrURL(click.Path):
    """A local path (checked as click.Path checks it) or an http(s) URL, taken as it is."""

    name = "path or url"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return value if is_url(value) else super().convert(value, param, ctx)


def _columns(ctx: click.Context, param: click.Parameter, pairs: tuple[str, ...]) -> dict[str, str]:
    try:
        return parse_columns(pairs)
    except ProvenanceError as exc:
        raise click.BadParameter(str(exc), ctx, param) from None


_MAP = click.option(
    "--map",
    "columns",
    multiple=True,
    metavar="FIELD=COLUMN",
    callback=_columns,
    help="Read a CSV / JSON / JSONL column under another name, e.g. --map text=body "
    "--map outlet=source_name --map published=pub_date (repeatable).",
)


def _ENGINE_OPTIONS(command: F) -> F:  # noqa: N802 (used as a decorator, like the options)
    """--workers, --engine and --scheduler, for the commands that trace."""
    return _WORKERS(_ENGINE(_SCHEDULER(command)))


_WITHOUT = click.option(
    "--without",
    "without",
    multiple=True,
    metavar="RULE",
    help="Switch a named rule off (repeat for several; `provenance rules` lists them): to "
    "see what the engine does without it.",
)


def _INPUT_OPTIONS(command: F) -> F:  # noqa: N802 (used as a decorator, like the options)
    """--manifest, --map, --json, --no-color, --all and --quiet, for the commands that read
    articles and print their families (trace, add)."""
    for option in reversed(
        (
            click.option(
                "--manifest",
                type=click.Path(exists=True, dir_okay=False),
                help="CSV or JSON giving outlet, url, published for files "
                "(a manifest.csv in a folder is read by itself).",
            ),
            _MAP,
            click.option(
                "--json", "as_json", is_flag=True, help="Print one JSON object instead of the tree."
            ),
            click.option("--no-color", is_flag=True, help="Plain text, no colour."),
            click.option(
                "--all",
                "every",
                is_flag=True,
                help="Print every story family (by default the 20 largest, the rest counted).",
            ),
            click.option(
                "--quiet",
                "-q",
                is_flag=True,
                help="No warnings for skipped input, no progress bar.",
            ),
        )
    ):
        command = option(command)
    return command


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


def _read(
    paths: tuple[str, ...],
    manifest: str | None,
    skips: _Skips,
    bar: Progress,
    columns: dict[str, str] | None = None,
) -> list[Article]:
    articles = []
    found = ingest(paths, manifest=manifest, columns=columns, on_error=skips)
    for n, article in enumerate(found, 1):
        articles.append(article)
        bar("read", n, 0)
    if not articles:
        raise ProvenanceError(
            "no articles found in " + ", ".join(paths) + " (give .txt, .html, .json, "
            ".jsonl, .csv, .rss or .warc files, folders of them, or web addresses)"
        )
    return articles


@dataclass
class _Outcome:
    """What a trace run produced: the graph to save (None: nothing new to save), its input
    signature, and the articles to show."""

    graph: Graph | None
    signature: str
    shown: set[str]
    added: int = 0
    unchanged: bool = False  # the latest run saw exactly this input
    fresh: bool = False  # the store held no articles: the graph is all it will hold


def _trace(
    paths: tuple[str, ...],
    manifest: str | None,
    skips: _Skips,
    no_color: bool,
    show_progress: bool,
    *,
    store: Store,
    force: bool = False,
    workers: int = 1,
    engine: Engine | None = None,
    columns: dict[str, str] | None = None,
) -> _Outcome:
    """Trace the articles in ``paths`` into ``store``: from scratch when the store is empty
    or ``force`` is set; otherwise only the articles the store does not hold are added, and
    only pairs that involve them are aligned."""
    with ExitStack() as stack:
        bar = _bar(stack, no_color) if show_progress else no_progress
        articles = _read(paths, manifest, skips, bar, columns)
        signature = input_signature(articles)
        ids = {a.id for a in articles}
        if not force and store.last_signature() == signature:
            return _Outcome(None, signature, ids, unchanged=True)
        known = store.article_ids()
        if force or not known:
            docs = segment_all(articles, workers=workers)
            del articles  # the documents hold them
            graph = trace_documents(docs, progress=bar, workers=workers, engine=engine)
            return _Outcome(graph, signature, ids, len(docs), fresh=not known)
        grown, added = _add(store, articles, bar, workers=workers, engine=engine, known=known)
        return _Outcome(grown, signature, ids, added)


def _add(
    store: Store,
    articles: list[Article],
    bar: Progress,
    *,
    workers: int,
    engine: Engine | None,
    known: set[str] | None = None,
) -> tuple[Graph | None, int]:
    """The store's graph with ``articles`` added (None when it holds them all already), and
    how many were new. ``known``: the ids the store holds, when the caller has read them."""
    known = store.article_ids() if known is None else known
    fresh = [a for a in articles if a.id not in known]
    if not fresh:
        return None, 0
    before = store.load_graph()
    docs = {d.id: d for d in before.documents}
    kept = [(v.a, v.b) for v in kept_verdicts(before)]
    previous = Previous(before, tuple(store.alignments(kept, docs)))
    new_docs = segment_all(fresh, context=before.documents, workers=workers)
    graph = trace_documents(
        new_docs, progress=bar, workers=workers, engine=engine, previous=previous
    )
    return graph, len(new_docs)


def _outcome_note(outcome: _Outcome, db_path: str) -> str:
    """What the run did, for stderr ("" when it traced its input from scratch)."""
    if outcome.graph is None and outcome.unchanged:
        return f"Unchanged since the last trace: shown from {db_path} (--force traces again)\n"
    if outcome.graph is None:
        return (
            f"Nothing new: all {len(outcome.shown)} articles are already traced in {db_path}, "
            "shown from it (--force traces them again from scratch)\n"
        )
    if outcome.added < len(outcome.shown):
        return (
            f"Added {outcome.added} new article(s) to {db_path}; only pairs involving them "
            "were aligned (--force traces the input again from scratch)\n"
        )
    return ""


@contextmanager
def _engine(name: str, scheduler: str | None) -> Iterator[Engine | None]:
    """The engine ``--engine`` names (None: the local one, set up by the pipeline)."""
    if name != "dask":
        if scheduler:
            raise ProvenanceError("--scheduler needs --engine dask")
        yield None
        return
    from .distributed import dask_engine

    with dask_engine(scheduler) as engine:
        yield engine


def _shown(store: Store, outcome: _Outcome) -> Graph:
    """The stored graph about the articles traced and those an edge joins to them. After a
    trace into an empty store that is the traced graph itself, as the store now holds it:
    reading it back would only cost time and a second copy in memory."""
    if outcome.fresh and outcome.graph is not None:
        graph = as_saved(outcome.graph)
        return restrict(graph, _neighbourhood(graph, outcome.shown))
    outcome.graph = None  # its alignments are not shown: free them before reading
    return _around(store, outcome.shown)


def _around(store: Store, ids: set[str]) -> Graph:
    """The stored graph about ``ids`` and every article an edge joins to one of them,
    from one read of the store."""
    graph = store.load_graph()
    return restrict(graph, _neighbourhood(graph, ids))


def _neighbourhood(graph: Graph, ids: set[str]) -> set[str]:
    """``ids`` and every article an edge joins to one of them."""
    out = set(ids)
    for e in graph.edges:
        if e.source in ids or e.derived in ids:
            out |= {e.source, e.derived}
    return out


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
      provenance diff 002.txt 000.txt      two versions side by side, every edit named
      provenance eval labelled/            precision and recall against truth.jsonl
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=_PathOrURL(exists=True))
@_SAVED_DB
@_INPUT_OPTIONS
@click.option(
    "--force",
    is_flag=True,
    help="Trace the input again from scratch, even when the database has traced it before.",
)
@_ENGINE_OPTIONS
@_WITHOUT
def trace(
    paths: tuple[str, ...],
    db_path: str,
    manifest: str | None,
    columns: dict[str, str],
    as_json: bool,
    no_color: bool,
    quiet: bool,
    workers: int,
    force: bool,
    engine_name: str,
    scheduler: str | None,
    every: bool,
    without: tuple[str, ...],
) -> None:
    """Trace who copied whom among the articles in PATHS.

    PATHS are files or folders (read recursively), or web addresses: plain text (.txt; a
    first line that looks like a headline is the title, a " date 2025-10-26" header line the
    date), saved web pages (.html), RSS or Atom feeds (.rss, .atom, .xml: an article per
    item), web archives (.warc, .warc.gz: an article per page), records (.json, .jsonl, .csv, .tsv
    with id and text, and optionally title, outlet, url, published, byline; --map reads other
    column names), or http(s) URLs of pages or feeds, fetched.

    The terminal shows each family of stories as a tree: the source, what was derived from
    it, how (verbatim / edited / rewritten), how much (wholly / partially), a confidence and
    the main evidence. The graph is saved in --db, which grows into an archive: tracing
    again adds only the articles it does not hold yet and aligns only the pairs that involve
    them; unchanged input does no work.

    \b
    Examples:
      provenance trace fixtures/seeds
      provenance trace wire/ clients/ --db april.db
      provenance trace export.jsonl --json | jq '.edges[] | {source, derived, manner}'
      provenance trace https://example.com/feed.rss crawl.warc.gz
      provenance trace export.csv --map text=body --map outlet=source_name
    """
    skips = _Skips(quiet)
    try:
        with (
            rules.without(without),
            Store(db_path) as store,
            _engine(engine_name, scheduler) as engine,
        ):
            outcome = _trace(
                paths,
                manifest,
                skips,
                no_color,
                not quiet,
                store=store,
                force=force,
                workers=workers or os.cpu_count() or 1,
                engine=engine,
                columns=columns,
            )
            if outcome.graph is not None:
                args = {"paths": list(paths), "signature": outcome.signature}
                store.save_graph(outcome.graph, run_info={"command": "trace", "args": args})
            note = _outcome_note(outcome, db_path)
            graph = _shown(store, outcome)
            del outcome  # with the traced graph's alignments, not needed to print
    except ProvenanceError as exc:
        _fail(str(exc), 2 if isinstance(exc, IngestError) else 1)
        return
    if not quiet:
        click.echo(note, err=True, nl=False)
    if as_json:
        click.echo(json.dumps(graph_record(graph), ensure_ascii=False, indent=2))
    else:
        print_trace(
            graph,
            make_console(no_color=no_color),
            db_path=db_path,
            available=frozenset(cli.commands),
            most=None if every else FAMILIES_SHOWN,
        )
    if skips.errors:
        click.echo(skips.summary(), err=True)
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, type=_PathOrURL(exists=True, allow_dash=True))
@_SAVED_DB
@_INPUT_OPTIONS
@_ENGINE_OPTIONS
def add(
    paths: tuple[str, ...],
    db_path: str,
    manifest: str | None,
    columns: dict[str, str],
    as_json: bool,
    no_color: bool,
    quiet: bool,
    workers: int,
    engine_name: str,
    scheduler: str | None,
    every: bool,
) -> None:
    """Add articles to a traced database and show what they brought.

    PATHS are files, folders or web addresses, as for trace. With no PATHS, or "-",
    articles are read from stdin as JSONL: one JSON object per line with a "text" and
    optionally "id", "title", "outlet", "url", "published", "byline", "credits" (or other
    names, read with --map). Only pairs that involve a new article are aligned; articles
    the database holds already are left as they are.

    Shows the new articles and every article an edge joins them to.

    \b
    Examples:
      provenance add today/ --db archive.db
      my-scraper --jsonl | provenance add --db archive.db --json
    """
    skips = _Skips(quiet)
    try:
        with ExitStack() as stack:
            bar = no_progress if quiet else _bar(stack, no_color)
            articles = _read_input(paths, manifest, skips, bar, columns)
            store = stack.enter_context(Store(db_path))
            engine = stack.enter_context(_engine(engine_name, scheduler))
            workers = workers or os.cpu_count() or 1
            grown, added = _add(store, articles, bar, workers=workers, engine=engine)
            if grown is not None:
                args = {"paths": list(paths) or ["-"], "added": added}
                store.save_graph(grown, run_info={"command": "add", "args": args})
            new_ids = {a.id for a in articles}
            graph = _around(store, new_ids)
    except ProvenanceError as exc:
        _fail(str(exc), 2 if isinstance(exc, IngestError) else 1)
        return
    if not quiet:
        held = len(new_ids) - added
        note = f" ({held} already held)" if held else ""
        click.echo(f"Added {added} new article(s) to {db_path}{note}", err=True)
    if as_json:
        record = {"added": added, **graph_record(graph)}
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        console = make_console(no_color=no_color)
        most = None if every else FAMILIES_SHOWN
        print_trace(graph, console, db_path=db_path, available=frozenset(cli.commands), most=most)
    if skips.errors:
        click.echo(skips.summary(), err=True)
        sys.exit(1)


def _read_input(
    paths: tuple[str, ...],
    manifest: str | None,
    skips: _Skips,
    bar: Progress,
    columns: dict[str, str],
) -> list[Article]:
    """Articles from PATHS, or JSONL records on stdin when there are none or one is "-"."""
    files = tuple(p for p in paths if p != "-")
    articles = _read(files, manifest, skips, bar, columns) if files else []
    if not paths or "-" in paths:
        stdin = sys.stdin.buffer
        articles += list(ingest_jsonl(stdin, name="stdin", columns=columns, on_error=skips))
        if not articles:
            raise ProvenanceError(
                'no articles on stdin (give one JSON object per line, each with a "text")'
            )
    return articles


@cli.command()
@_STORED_DB
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


_DB_OPTION = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Database written by provenance trace, where article names and ids are looked up.",
)


@cli.command(name="diff")
@click.argument("a")
@click.argument("b")
@_DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the rows as one JSON object.")
@click.option(
    "--no-color", is_flag=True, help="Plain text: the right-hand column names every edit."
)
@click.option("--width", type=click.IntRange(min=40), help="Lay out for this many columns.")
@click.option(
    "--pager/--no-pager", default=True, help="Page long output when writing to a terminal."
)
def diff_command(
    a: str, b: str, db_path: str, as_json: bool, no_color: bool, width: int | None, pager: bool
) -> None:
    """Show two articles side by side, sentence by sentence, with every change named.

    A and B are article names (002.txt), ids or id prefixes from --db, or paths to files
    (then no trace is needed). The view opens with both articles, the verdict (which was
    derived from which, how, how surely), how much of each the other has, the credit and the
    main evidence. Then one row per sentence in A's order: pairs marked verbatim, edited or
    rewritten with each edit named (spelling, quotes, a word, a clause added or dropped),
    sentences only one side has, and pairs moved out of order. A changed number, name or
    quotation is flagged FACT. Below 100 columns the two texts are stacked.

    \b
    Examples:
      provenance diff fixtures/seeds/002.txt fixtures/seeds/000.txt
      provenance diff 002.txt 000.txt --db provenance.db
      provenance diff 002.txt 000.txt --no-color --width 100 | less
    """
    try:
        result = _load_diff(a, b, db_path)
    except ProvenanceError as exc:
        _fail(str(exc))
        return
    if as_json:
        click.echo(json.dumps(diff_record(result), ensure_ascii=False, indent=2))
        return
    print_paged(make_console(width=width, no_color=no_color), diff_view(result), pager=pager)


def _load_diff(ref_a: str, ref_b: str, db_path: str) -> Diff:
    """The diff of two articles, each a file or an article stored in ``db_path``; compared as
    the stored trace compared them when both are stored."""
    graph = _stored_graph(db_path)
    docs = [_document(ref, graph, db_path) for ref in (ref_a, ref_b)]
    if docs[0].id == docs[1].id:
        raise ProvenanceError(f"{ref_a} and {ref_b} are the same text: there is nothing to diff")
    stored = graph is not None and all(_has(graph, d.id) for d in docs)
    if graph is not None and stored:
        comparison = compare_stored(graph, docs[0].id, docs[1].id)
        return Diff.of(comparison.alignment, comparison.verdict, graph=graph)
    comparison = compare_documents(docs[0], docs[1])
    return Diff.of(comparison.alignment, comparison.verdict)


def _stored_graph(db_path: str) -> Graph | None:
    if not Path(db_path).is_file():
        return None
    with Store(db_path) as store:
        return store.load_graph()


def _has(graph: Graph, article_id: str) -> bool:
    return any(d.id == article_id for d in graph.documents)


def _document(ref: str, graph: Graph | None, db_path: str) -> Document:
    """A file read and segmented (its stored version when the trace has the same text), or
    the stored article ``ref`` names."""
    if Path(ref).is_file():
        document = _read_file(ref)
        stored = [d for d in graph.documents if d.id == document.id] if graph else []
        return stored[0] if stored else document
    if graph is None:
        raise ProvenanceError(
            f"{ref!r} is not a file, and there is no database {db_path} to look it up in "
            f"(give a path to a file, or run `provenance trace FOLDER --db {db_path}` first)"
        )
    article_id = _find(ref, db_path)
    return next(d for d in graph.documents if d.id == article_id)


def _find(ref: str, db_path: str) -> str:
    """The id of the stored article ``ref`` names, or a message that says what to do."""
    with Store(db_path) as store:
        article = store.find_article(ref)
    if article is None:
        raise ProvenanceError(
            f"no article {ref!r} in {db_path} (check the name: give a file path, a name "
            f"such as 002.txt or an id prefix; or add it with `provenance trace FOLDER "
            f"--db {db_path}`)"
        )
    return article.id


def _read_file(path: str) -> Document:
    """One article read from a file, with the manifest beside it, segmented."""
    folder = Path(path).parent
    manifests = [folder / name for name in MANIFEST_NAMES if (folder / name).is_file()]
    articles = list(ingest([path, *manifests]))
    if len(articles) != 1:
        raise ProvenanceError(
            f"{path}: holds {len(articles)} articles, and diff compares two single articles "
            "(trace the file, then name the two articles)"
        )
    return segment_all(articles)[0]


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@_SAVED_DB
@click.option("--every", default=300.0, show_default=True, help="Seconds between two looks.")
@click.option("--outlet", help="Report only reuse of this outlet's stories (who copies them).")
@click.option("--once", is_flag=True, help="Look once, report, and stop.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per new edge (JSONL).")
@click.option("--quiet", "-q", is_flag=True, help="No warnings for skipped input.")
def watch(
    sources: tuple[str, ...],
    db_path: str,
    every: float,
    outlet: str | None,
    once: bool,
    as_json: bool,
    quiet: bool,
) -> None:
    """Follow feeds or folders and report new reuse as it appears.

    SOURCES are RSS/Atom feed URLs or files, web pages, or folders of articles. Every
    --every seconds they are read again; articles the database does not hold yet are added
    (only pairs that involve them are aligned) and each new edge is printed: who took
    what from whom, how, and whether they said so. Ctrl-C stops: everything added before
    it is saved, and an interrupted look is simply taken again next time.

    \b
    Examples:
      provenance watch https://wire.example/rss https://paper.example/feed --db news.db
      provenance watch incoming/ --outlet "Anadolu Agency" --every 60
    """
    added = 0
    try:
        with Store(db_path) as store:
            while True:
                skips = _Skips(quiet)
                articles = list(ingest(sources, on_error=skips))  # a feed down: said, skipped
                grown, count = _add(store, articles, no_progress, workers=1, engine=None)
                if grown is not None:
                    store.save_graph(grown, run_info={"command": "watch", "args": {}})
                    added += count
                    new = {a.id for a in articles}
                    for edge in _new_edges(grown, new, outlet):
                        click.echo(_watch_line(grown, edge, as_json))
                if once:
                    break
                time.sleep(every)
    except KeyboardInterrupt:
        click.echo(f"Stopped; {added} new article(s) were added to {db_path}.", err=True)
    except ProvenanceError as exc:
        _fail(str(exc), 2 if isinstance(exc, IngestError) else 1)


def _new_edges(graph: Graph, new: set[str], outlet: str | None) -> list[Edge]:
    """Edges into or out of the new articles; with ``outlet``, those from its stories."""
    outlets = {d.id: (d.article.outlet or "") for d in graph.documents}
    edges = [e for e in graph.edges if e.derived in new or e.source in new]
    if outlet:
        mine = outlet_key(outlet)  # "--outlet AP" watches AP News's stories too
        edges = [e for e in edges if outlet_key(outlets.get(e.source, "")) == mine]
    return edges


def _watch_line(graph: Graph, edge: Edge, as_json: bool) -> str:
    if as_json:
        return json.dumps(edge_record(edge), ensure_ascii=False)
    docs = {d.id: d.article for d in graph.documents}
    src, der = docs.get(edge.source), docs.get(edge.derived)
    credit = {True: "credited", False: "NOT credited", None: "credit unknown"}[edge.credited]
    name = src.name if src else edge.source
    line = (
        f"{der.name if der else edge.derived} ({der.outlet if der else '?'}) took from "
        f"{name} ({src.outlet if src else 'unseen'}): {edge.manner}, {edge.extent}, "
        f"{edge.confidence:.2f}, {credit}"
    )
    return strip_escapes(line)


@cli.command()
@click.argument("source", required=False, default="-")
@_STORED_DB
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead.")
@click.option("--limit", default=20, show_default=True, help="Stored articles to compare at most.")
def find(source: str, db_path: str, as_json: bool, limit: int) -> None:
    """Where did this text come from, and where did it go?

    SOURCE is a file, a URL, or "-" (the default) for plain text on stdin. Every stored
    article that shares text with it is listed, the most shared first, with the direction
    (which was derived from which), how (verbatim / edited / rewritten), how much, a
    confidence, and the shared sentences. Candidates come from the database's full-text
    index, not a scan of the archive.

    \b
    Examples:
      provenance find press-release.txt --db archive.db
      provenance find https://example.org/story.html --json
      pbpaste | provenance find
    """
    try:
        query = _query_document(source)
        started = time.perf_counter()
        matches = find_matches(query, db_path, limit=limit)
        elapsed = time.perf_counter() - started
    except ProvenanceError as exc:
        _fail(str(exc), 2 if isinstance(exc, IngestError) else 1)
        return
    records = [_match_record(m) for m in matches]
    if as_json:
        record = {"query": article_record(query.article), "matches": records}
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"{len(records)} stored article(s) share text with {query.name} ({1000 * elapsed:.0f} ms)",
        err=True,
    )
    for r in records:
        click.echo(_match_line(r))


def _query_document(source: str) -> Document:
    """The text to look up: a file or URL (one article), or plain text on stdin."""
    if source == "-":
        text = sys.stdin.read()
        if not text.strip():
            raise ProvenanceError("no text on stdin (give a file, a URL, or pipe the text in)")
        return query_document(text, name="stdin")
    if not is_url(source) and not Path(source).exists():
        raise IngestError(source, "does not exist", "check the path for typos")
    articles = list(ingest([source]))
    if len(articles) != 1:
        raise ProvenanceError(f"{source}: holds {len(articles)} articles; find looks up one")
    return segment_all(articles)[0]


_DIRECTIONS = {
    "a->b": "it was derived from this text",
    "b->a": "this text was derived from it",
    "common": "both come from a common source",
    "none": "shares text, too little for a derivation",
}


def _match_record(match: Match) -> dict[str, Any]:
    v = match.comparison.verdict
    return {
        "article": article_record(match.article),
        "shared": round(match.shared, 4),
        "relation": {"a->b": "query->article", "b->a": "article->query"}.get(
            v.relation, v.relation
        ),
        "direction": _DIRECTIONS[v.relation],
        "extent": v.extent,
        "manner": v.manner,
        "confidence": v.confidence,
        "shared_sentences": [
            {"query": p.a_text, "article": p.b_text, "relation": p.relation}
            for p in match.comparison.pairs
        ],
        "evidence": [evidence_record(e) for e in v.evidence],
    }


def _match_line(r: dict[str, Any]) -> str:
    a = r["article"]
    how = " · ".join(x for x in (r["manner"], r["extent"]) if x)
    head = f"{a['name']}  {a['outlet'] or 'outlet unknown'} · {a['published'] or 'date unknown'}"
    lines = [
        strip_escapes(head),
        f"    {round(100 * r['shared'])}% of this text · {r['direction']}"
        + (f" · {how} · {r['confidence']:.2f}" if how else ""),
    ]
    for pair in r["shared_sentences"][:2]:
        lines.append("    = " + strip_escapes(clip(pair["article"], 90)))
    return "\n".join(lines)


@cli.command()
@click.argument("article")
@_DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead.")
@click.option("--no-color", is_flag=True, help="Plain text, no colour.")
def show(article: str, db_path: str, as_json: bool, no_color: bool) -> None:
    """Show one stored article: what is known about it, where it came from, where it went.

    ARTICLE is a name (000.txt), an id or id prefix, or a path to a file traced into --db.
    Prints its outlet, title, date, dateline, byline, url and credits, then the versions it
    was derived from and the versions derived from it as trees, a line per derivation
    (manner · extent · confidence · credited), and the diffs worth running next. A source
    outside the set shows as "an unseen <outlet> story".

    \b
    Examples:
      provenance show 000.txt
      provenance show 9e62e8b1 --db april.db --json
    """
    try:
        graph, article_id = _load_article(article, db_path)
    except ProvenanceError as exc:
        _fail(str(exc))
        return
    if as_json:
        click.echo(json.dumps(_show_record(graph, article_id), ensure_ascii=False, indent=2))
    else:
        view = show_view(graph, article_id, available=frozenset(cli.commands))
        make_console(no_color=no_color).print(view)


def _load_article(ref: str, db_path: str) -> tuple[Graph, str]:
    graph = _stored_graph(db_path)
    if graph is None:
        raise ProvenanceError(
            f"{db_path}: no such database (run `provenance trace FOLDER --db {db_path}` first)"
        )
    if not Path(ref).is_file():
        return graph, _find(ref, db_path)
    article_id = _read_file(ref).id
    if not _has(graph, article_id):
        raise ProvenanceError(
            f"{ref} is not in {db_path} yet (run `provenance trace` on its folder first)"
        )
    return graph, article_id


def _show_record(graph: Graph, article_id: str) -> dict[str, Any]:
    """The ``provenance show --json`` object: the article, the edges above and below it,
    and the articles and hidden sources those edges name."""
    up, down = lineage(graph, article_id)
    named = {n for e in (*up, *down) for n in (e.source, e.derived)} - {article_id}
    document = next(d for d in graph.documents if d.id == article_id)
    return {
        "article": {**article_record(document.article), "sentences": len(document.sentences)},
        "derived_from": [edge_record(e) for e in up],
        "copied_by": [edge_record(e) for e in down],
        "related": [article_record(d.article) for d in graph.documents if d.id in named],
        "hidden_sources": [hidden_record(h) for h in graph.hidden if h.id in named],
    }


@cli.command(name="rules")
@click.option("--json", "as_json", is_flag=True, help="Print the rules as a JSON list.")
def rules_command(as_json: bool) -> None:
    """List the engine's named rules: each heuristic of segment, direction and graph.

    Any of them can be switched off with --without NAME on trace and eval, to see what the
    engine does without it; bench/rules.py measures what each earns on real data.

    \b
    Examples:
      provenance rules
      provenance eval news-dev/ --without witnesses
    """
    listed = rules.listed()
    if as_json:
        click.echo(json.dumps([asdict(r) for r in listed], indent=2))
        return
    for stage in ("segment", "align", "direction", "graph"):
        named = [r for r in listed if r.stage == stage]
        if named:
            click.echo(f"{stage}:")
            for r in named:
                click.echo(f"  {r.name:<22} {r.summary}")


@cli.command(name="eval")
@click.argument("path", required=False, type=click.Path(exists=True))
@click.option(
    "--families",
    "families_path",
    type=click.Path(exists=True, dir_okay=False),
    help="Score against the story families in this file (default: PATH/families.json).",
)
@click.option(
    "--sentences",
    type=click.Path(exists=True, dir_okay=False),
    help="Score sentence pairs from a TSV (label, id, id, sentence, sentence) instead.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--quiet", "-q", is_flag=True, help="No warnings for skipped files or labels.")
@_WITHOUT
def evaluate(
    path: str | None,
    families_path: str | None,
    sentences: str | None,
    as_json: bool,
    quiet: bool,
    without: tuple[str, ...],
) -> None:
    """Measure the engine on the articles in PATH against labels: a truth.jsonl of pairs
    beside them, a families.json of story families, or both.

    Each truth.jsonl line labels a pair of article names, for example
    {"a": "wire.txt", "b": "paper.txt", "relation": "a->b", "manner": "verbatim"}
    (relation "a->b": b was derived from a; "b->a"; or "none"). Prints precision, recall
    and F1 of derivation edges, direction accuracy, manner accuracy with its confusion
    table, false edges between siblings and a reliability table of the confidences.

    families.json (or --families FILE, when PATH is a folder or a file such as
    articles.jsonl) lists story families: {"group", "members", "negatives",
    "known_direction", "wire", "original_in_set", "uncredited"}. Prints whether each
    family's members are joined and kept apart from its negatives, known directions,
    edges per member, whether the roots name the wire of a family whose original is
    absent, and whether uncredited copies are flagged; then a reliability table of the
    edges touching labelled pages, and every mistake with the edges and shared sentences
    behind it.

    With --sentences PAIRS.tsv (MSRP format: a header line, then label, id, id, sentence,
    sentence) it scores the sentence matcher that trace uses instead, each pair standing
    alone as a lone shared sentence does in trace: accuracy, precision, recall and F1 of
    "these two are one sentence, copied or rewritten".

    \b
    Examples:
      provenance eval fixtures/seeds
      provenance eval news-dev/ --json
      provenance eval articles.jsonl --families families.json
      provenance eval --sentences msrp-train.tsv --json
      provenance eval news-dev/ --without copied-wording
    """
    try:
        with rules.without(without):
            result = _evaluate(path, families_path, sentences, quiet)
    except ProvenanceError as exc:
        _fail(str(exc))
        return
    click.echo(json.dumps(result, indent=2, ensure_ascii=False) if as_json else _eval_text(result))


def _evaluate(
    path: str | None, families_path: str | None, sentences: str | None, quiet: bool
) -> dict[str, Any]:
    if sentences:
        return score_sentences(list(read_sentence_pairs(sentences))).as_dict()
    if path:
        return _evaluate_folder(Path(path), quiet, families_path)
    raise ProvenanceError(
        "give a FOLDER with a truth.jsonl or families.json, or --sentences PAIRS.tsv"
    )


def _evaluate_folder(path: Path, quiet: bool, families_path: str | None = None) -> dict[str, Any]:
    """Trace the articles in ``path`` in memory and score the graph against the labels found:
    ``truth.jsonl`` (pairs) and ``families.json`` (story families). With both, the two
    results are given under "truth" and "families"."""
    truth, families_file = _labels(path, families_path)
    families = read_families(families_file) if families_file else None
    with ExitStack() as stack:
        bar = no_progress if quiet else _bar(stack, False)
        skips = _SkipsBut(quiet, {families_file, path / "families.json"})
        articles = _read((str(path),), None, skips, bar)
        workers = os.cpu_count() or 1
        docs = segment_all(articles, workers=workers)
        graph = trace_documents(docs, progress=bar, workers=workers)
    result: dict[str, Any] = {}
    if truth:
        result["truth"] = score(graph, read_truth(truth)).as_dict()
    if families_file and families is not None:
        record = graph_record(as_saved(graph))
        report = score_families(record, families, sentences=shared_sentences(graph))
        if report.unknown_ids and not quiet:
            _warn_unknown(families_file, report.unknown_ids)
        result["families"] = report.as_dict()
    return result if len(result) > 1 else next(iter(result.values()))


def _labels(path: Path, families_path: str | None) -> tuple[Path | None, Path | None]:
    """The truth.jsonl and families file to score ``path`` against (None: not there)."""
    folder = path if path.is_dir() else None
    truth = _present(folder / "truth.jsonl") if folder else None
    if families_path:
        families: Path | None = Path(families_path)
    else:
        families = _present(folder / "families.json") if folder else None
    if truth or families:
        return truth, families
    if folder:
        raise ProvenanceError(
            f"{folder}: no truth.jsonl or families.json in it (label pairs of articles in a "
            "truth.jsonl file beside them, or story families in a families.json)"
        )
    raise ProvenanceError(f"{path}: to score a file of articles, give --families FILE")


def _present(path: Path) -> Path | None:
    return path if path.is_file() else None


class _SkipsBut(_Skips):
    """Skips that pass over the labels files read among the articles: they are no articles."""

    def __init__(self, quiet: bool, labels: set[Path | None]) -> None:
        super().__init__(quiet)
        self.labels = {x.resolve() for x in labels if x is not None}

    def __call__(self, error: IngestError) -> None:
        if Path(error.path).resolve() not in self.labels:
            super().__call__(error)


def _warn_unknown(path: Path, ids: list[str]) -> None:
    shown = ", ".join(ids[:10]) + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")
    click.echo(
        f"Warning: {path} names {len(ids)} id(s) that are no article's id, name or alias: "
        f"{shown} (they are scored as pages with no edges)",
        err=True,
    )


def _eval_text(result: dict[str, Any]) -> str:
    if "figures" in result:
        return families_text(result)
    if "truth" in result and "families" in result:
        return "\n\n".join([evaluation_text(result["truth"]), families_text(result["families"])])
    return evaluation_text(result)


# --- export, report, serve -------------------------------------------------------------------


def _load_graph(db_path: str) -> Graph:
    with Store(db_path) as store:
        return store.load_graph()


def _write(text: str, path: str | None) -> None:
    """``text`` to the file ``path`` (and nowhere else), or to stdout without one."""
    if path is None:
        click.echo(text, nl=False)
        return
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ProvenanceError(
            f"{path}: cannot write it: {exc.strerror or exc} (choose another file or folder)"
        ) from exc


@cli.command(name="export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="json",
    show_default=True,
    help="json: the trace --json object; csv: a row per derivation; dot: Graphviz; "
    "graphml: Gephi, yEd, networkx.",
)
@_STORED_DB
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write to this file (replacing it) instead of printing.",
)
def export_command(fmt: str, db_path: str, output: str | None) -> None:
    """Export the stored derivation graph for other tools.

    json is the object `provenance trace --json` prints (articles, edges with their
    evidence, sources not in the set). csv has one row per derivation: source and derived
    names and outlets, extent, manner, confidence, credited (true, false or empty when it
    cannot be told), shared sentences, coverage, the most telling evidence and the credit
    audit. dot draws the graph with Graphviz (sources not in the set dashed, uncredited
    derivations red); graphml opens in Gephi, yEd or networkx.

    \b
    Examples:
      provenance export --format csv --output edges.csv
      provenance export --format dot | dot -Tsvg > lineage.svg
      provenance export --format graphml --db april.db -o april.graphml
    """
    try:
        _write(FORMATS[fmt](_load_graph(db_path)), output)
    except ProvenanceError as exc:
        _fail(str(exc))
        return
    if output:
        click.echo(f"Wrote {output} ({fmt})", err=True)


@cli.command(name="report")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="Write an HTML page.")
@click.option(
    "--markdown", "markdown_path", type=click.Path(dir_okay=False), help="Write Markdown."
)
@_STORED_DB
def report_command(html_path: str | None, markdown_path: str | None, db_path: str) -> None:
    """Write a report of the stored trace to send to an editor.

    One page: the counts, the lineage graph drawn, then every derivation with its verdict,
    its evidence, its credit audit and the two articles side by side with every edit
    named, the sources not in the set, a credit audit table and the articles. --html writes
    a self-contained page (it loads nothing from the network, runs no script, and shows
    article text only as text); --markdown the same content as Markdown. Give either or both.

    \b
    Examples:
      provenance report --html report.html
      provenance report --markdown report.md --db april.db
    """
    if not html_path and not markdown_path:
        _fail("say where to write the report: --html FILE, --markdown FILE, or both", 2)
    try:
        generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        result = TraceReport.of(
            _load_graph(db_path), database=Path(db_path).name, generated=generated
        )
        for path, write in ((html_path, html_report), (markdown_path, markdown_report)):
            if path:
                _write(write(result), path)
                count = len(result.edges)
                click.echo(f"Wrote {path}: {count} derivation{'' if count == 1 else 's'}", err=True)
    except ProvenanceError as exc:
        _fail(str(exc))


LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def _datasette_installed() -> bool:
    return importlib.util.find_spec("datasette") is not None


def _datasette_command(db_path: str, *, host: str, port: int, metadata: Path) -> list[str]:
    """The command that serves ``db_path`` with Datasette from this Python."""
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        db_path,
        "--host",
        host,
        "--port",
        str(port),
        "--metadata",
        str(metadata),
    ]


def _run_datasette(command: list[str]) -> int:
    """Run Datasette until it stops. Ctrl+C stops it quietly; when provenance itself is
    stopped, Datasette is stopped with it."""
    process = subprocess.Popen(command)
    previous = signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        return process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)


def _exit_on_signal(signum: int, frame: object) -> None:
    sys.exit(128 + signum)


@cli.command()
@_STORED_DB
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port."
)
def serve(db_path: str, host: str, port: int) -> None:
    """Browse the stored trace in Datasette, on this computer only by default.

    Starts Datasette on --host and --port with titles and descriptions for every table
    and view, and canned queries: uncredited reuse, who copies whom (outlet by outlet) and
    a full-text search of the sentences. Datasette is optional:
    pip install 'provenance[datasette]'. Stop it with Ctrl+C.

    \b
    Examples:
      provenance serve
      provenance serve --db april.db --port 8080
    """
    if not _datasette_installed():
        _fail(
            "Datasette is not installed: pip install 'provenance[datasette]' "
            f"(or open the database with any SQLite tool: {db_path})"
        )
    try:
        with Store(db_path):  # brings the schema and its views up to date
            pass
    except ProvenanceError as exc:
        _fail(str(exc))
    if host not in LOCAL_HOSTS:
        click.echo(f"Warning: --host {host} lets other computers read {db_path}", err=True)
    with tempfile.TemporaryDirectory(prefix="provenance-serve-") as folder:
        metadata = Path(folder) / "metadata.json"
        metadata.write_text(json.dumps(datasette_metadata(Path(db_path).stem), indent=2))
        click.echo(f"Serving {db_path} at http://{host}:{port}/ (Ctrl+C stops it)", err=True)
        code = _run_datasette(_datasette_command(db_path, host=host, port=port, metadata=metadata))
    sys.exit(code)


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    return cli.main(args=argv, prog_name="provenance")
