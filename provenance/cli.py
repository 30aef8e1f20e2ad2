"""The command line: a thin layer over the library. The one module that imports click.

Each command parses options, calls one library function and formats the result; library
errors become short messages and exit codes here, never tracebacks.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__, rules
from .archive import query_document
from .diff import Diff, clip, diff_record
from .direction import when
from .errors import IngestError, ProvenanceError
from .evaluate import read_sentence_pairs, read_truth, score, score_sentences
from .export import (
    FORMATS,
    article_record,
    changed_facts,
    credit_audit,
    direction_known,
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
from .ingest import MANIFEST_NAMES, IngestWarning, ingest, ingest_jsonl, parse_columns
from .labels import command_ref, labels
from .model import Article, Document, Edge, Graph
from .pipeline import (
    Engine,
    Match,
    Previous,
    Progress,
    compare_documents,
    compare_stored,
    find_related,
    input_signature,
    kept_verdicts,
    no_progress,
    query_words,
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
from .store import MIN_PREFIX, Store, as_saved, datasette_metadata, restrict
from .tokens import outlet_key, strip_escapes

DEFAULT_DB = "provenance.db"
F = TypeVar("F", bound=Callable[..., Any])

MISSING_DB = 2  # the exit code of every command that needs a database when there is none


def _no_database(db_path: str) -> str:
    """What to say when ``db_path`` holds no database (the same words on every command)."""
    return (
        f"{db_path} does not exist: there is no database to read (run `provenance trace "
        f"FOLDER --db {db_path}` first, or give --db the file a trace wrote)"
    )


def _existing_db(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not Path(value).is_file():
        _fail(_no_database(value), MISSING_DB)
    return value


_STORED_DB = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    callback=_existing_db,
    help="Database written by provenance trace.",
)


def _no_color(flag: bool) -> bool:
    """--no-color, or a NO_COLOR set in the environment (https://no-color.org)."""
    return flag or bool(os.environ.get("NO_COLOR"))


_NO_COLOR = click.option("--no-color", is_flag=True, help="Plain text, no colour (or NO_COLOR=1).")


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
            _NO_COLOR,
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


INTERRUPTED = 130  # the exit code of a command stopped by Ctrl-C (128 + SIGINT), as a shell's


@contextmanager
def _interrupts() -> Iterator[None]:
    """Ctrl-C stops this process only. The terminal sends it to every process of the command,
    the worker processes that segment and align too; those forked while this is on ignore
    it (no traceback from each) and are stopped with the pool when this one stops."""
    main = os.getpid()

    def on_interrupt(signum: int, frame: object) -> None:
        if os.getpid() == main:
            raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGINT, on_interrupt)
    except ValueError:  # not the main thread (a test runner's, say): leave Ctrl-C as it is
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _stopped(message: str) -> None:
    """Ctrl-C: say what was kept, and exit as a process stopped by it does."""
    click.echo(f"Stopped: {message}", err=True)
    sys.exit(INTERRUPTED)


class _Skips:
    """Collects inputs that could not be read, to warn as they come and sum up at the end."""

    def __init__(self, quiet: bool) -> None:
        self.errors: list[IngestError] = []
        self.quiet = quiet

    def __call__(self, error: IngestError) -> None:
        if isinstance(error, IngestWarning):  # read, with a loss worth saying
            if not self.quiet:
                click.echo(f"Warning: {error}", err=True)
            return
        self.errors.append(error)
        if not self.quiet:
            click.echo(f"Skipped {error}", err=True)

    def summary(self) -> str:
        return f"{len(self.errors)} input(s) skipped; the rest was traced"

    def why(self) -> str:
        """Why nothing was read, when every input was skipped: the reason, once."""
        if self.quiet and len(self.errors) == 1:
            return str(self.errors[0])
        if len(self.errors) == 1:
            return f"{self.errors[0].path} was skipped (see above)"
        return f"all {len(self.errors)} inputs were skipped" + (
            "" if self.quiet else " (see above)"
        )


def _bar(stack: ExitStack, no_color: bool) -> Progress:
    """A progress callback on stderr (when it is a terminal): one Rich bar per stage, the
    previous stage's bar closed when the next begins."""
    console = make_console(stderr=True, no_color=_no_color(no_color))
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
    if not articles and skips.errors:
        raise ProvenanceError("no articles read: " + skips.why())
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
    saved = False
    try:
        with (
            _interrupts(),
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
                saved = True
            note = _outcome_note(outcome, db_path)
            graph = _shown(store, outcome)
            del outcome  # with the traced graph's alignments, not needed to print
    except KeyboardInterrupt:
        _stopped(_kept(saved, db_path, "trace"))
        return
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
            make_console(no_color=_no_color(no_color)),
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
    saved = False
    try:
        with _interrupts(), ExitStack() as stack:
            bar = no_progress if quiet else _bar(stack, no_color)
            articles = _read_input(paths, manifest, skips, bar, columns)
            store = stack.enter_context(Store(db_path))
            engine = stack.enter_context(_engine(engine_name, scheduler))
            workers = workers or os.cpu_count() or 1
            grown, added = _add(store, articles, bar, workers=workers, engine=engine)
            if grown is not None:
                args = {"paths": list(paths) or ["-"], "added": added}
                store.save_graph(grown, run_info={"command": "add", "args": args})
                saved = True
            new_ids = {a.id for a in articles}
            graph = _around(store, new_ids)
    except KeyboardInterrupt:
        _stopped(_kept(saved, db_path, "add"))
        return
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
        console = make_console(no_color=_no_color(no_color))
        most = None if every else FAMILIES_SHOWN
        print_trace(graph, console, db_path=db_path, available=frozenset(cli.commands), most=most)
    if skips.errors:
        click.echo(skips.summary(), err=True)
        sys.exit(1)


def _kept(saved: bool, db_path: str, command: str) -> str:
    """What an interrupted trace or add kept."""
    if saved:
        return f"the {command} was saved in {db_path} before Ctrl-C; only the view was cut short."
    return f"nothing of this {command} was saved; {db_path} holds what it held before."


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
@_NO_COLOR
def outlets(db_path: str, as_json: bool, no_color: bool) -> None:
    """Who reuses whom, outlet by outlet, from the graph in --db.

    For each pair of outlets: how many of the first's articles the second derived from,
    how (verbatim / edited / rewritten), and how often it named the source. Articles whose
    outlet is unknown are grouped as "(outlet unknown)"; copies of a source not in the set
    count under "<outlet> (unseen)". An outlet's own updates (a version derived from an
    earlier one of the same outlet) are no reuse, and are not counted.

    \b
    Examples:
      provenance outlets
      provenance outlets --db april.db --json
    """
    try:
        graph = _load_graph(db_path)
    except ProvenanceError as exc:
        _fail(str(exc))
        return
    reuse, own = _between_outlets(graph)
    flows = outlet_flows(reuse)
    if as_json:
        click.echo(json.dumps([flow_record(f) for f in flows], ensure_ascii=False, indent=2))
    elif flows:
        make_console(no_color=_no_color(no_color)).print(outlets_view(flows))
    else:
        click.echo(_no_reuse(graph, own, db_path))
    if own and flows and not as_json:
        click.echo(f"Not counted: {_plural(own, 'update')} within one outlet.", err=True)


def _between_outlets(graph: Graph) -> tuple[Graph, int]:
    """The graph without the edges between two versions of one outlet (its own updates,
    no reuse), and how many those were."""
    outlet = {d.id: outlet_key(d.article.outlet) for d in graph.documents if d.article.outlet}
    outlet |= {h.id: outlet_key(h.likely_outlet) for h in graph.hidden if h.likely_outlet}
    own = {
        (e.source, e.derived)
        for e in graph.edges
        if e.source in outlet and outlet.get(e.derived) == outlet[e.source]
    }
    kept = tuple(e for e in graph.edges if (e.source, e.derived) not in own)
    return replace(graph, edges=kept), len(own)


def _no_reuse(graph: Graph, own: int, db_path: str) -> str:
    """What to say when no outlet reuses another's story: why, in the words that are true."""
    if not graph.documents:
        return f"No articles in {db_path} yet: run `provenance trace FOLDER --db {db_path}` first."
    held = _plural(len(graph.documents), "traced article")
    if own:
        were = "is an update" if own == 1 else "are updates"
        why = f"Its {_plural(own, 'derivation')} {were} within one outlet ({held})."
    else:
        why = f"There is no derivation among its {held}."
    return f"No reuse between outlets in {db_path}.\n{why}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


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
    quotation is flagged FACT. Below 120 columns the two texts are stacked.

    \b
    Examples:
      provenance diff fixtures/seeds/002.txt fixtures/seeds/000.txt
      provenance diff 002.txt 000.txt --db provenance.db
      provenance diff 002.txt 000.txt --no-color --width 100 | less
    """
    try:
        result = _load_diff(a, b, db_path)
    except ProvenanceError as exc:
        _fail(str(exc), MISSING_DB if isinstance(exc, _NoDatabase) else 1)
        return
    if as_json:
        click.echo(json.dumps(diff_record(result), ensure_ascii=False, indent=2))
        return
    console = make_console(width=width, no_color=_no_color(no_color))
    print_paged(console, diff_view(result), pager=pager)


def _load_diff(ref_a: str, ref_b: str, db_path: str) -> Diff:
    """The diff of two articles, each a file or an article stored in ``db_path``; compared as
    the stored trace compared them when both are stored."""
    graph = _stored_graph(db_path)
    docs = [_document(ref, graph, db_path) for ref in (ref_a, ref_b)]
    if docs[0].id == docs[1].id:
        raise ProvenanceError(f"{ref_a} and {ref_b} are the same text: there is nothing to diff")
    if graph is not None and all(_has(graph, d.id) for d in docs):
        comparison = compare_stored(graph, docs[0].id, docs[1].id)
    else:
        comparison = compare_documents(docs[0], docs[1])
    # the stored graph goes with the diff whenever there is one, so the view can say what
    # the trace decided about the two (or that it stored no derivation between them)
    return Diff.of(comparison.alignment, comparison.verdict, graph=graph)


class _NoDatabase(ProvenanceError):
    """A command needed the database, and there is none at --db."""


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
        raise _NoDatabase(f"{ref!r} is not a file, and {_no_database(db_path)}")
    article_id = _find(ref, db_path)
    return next(d for d in graph.documents if d.id == article_id)


def _find(ref: str, db_path: str) -> str:
    """The id of the stored article ``ref`` names, or a message that says what to do."""
    with Store(db_path) as store:
        article = store.find_article(ref)
        if article is not None:
            return article.id
        near = store.names_like(ref)
        short = len(ref) < MIN_PREFIX and store.ids_starting(ref)
        refs = _refs(store, {a.id for a in near[:3]})
    if near:
        shown = " or ".join(f"`{refs.get(a.id, a.name)}`" for a in near[:3])
        raise ProvenanceError(f"no article {ref!r} in {db_path}: did you mean {shown}?")
    if short:
        raise ProvenanceError(
            f"{ref!r} is too short to name an article: an id prefix needs at least "
            f"{MIN_PREFIX} characters (e.g. {short[0][:MIN_PREFIX]})"
        )
    raise ProvenanceError(
        f"no article {ref!r} in {db_path} (check the name: give a file path, a name "
        f"such as 002.txt or an id prefix of {MIN_PREFIX} or more characters; or add it "
        f"with `provenance trace FOLDER --db {db_path}`)"
    )


def _refs(store: Store, ids: set[str] | None = None) -> dict[str, str]:
    """id -> what to type to name the article in a command (``labels.command_ref``), for
    the stored articles ``ids`` (all of them without)."""
    every = store.article_stubs()
    wanted = every if ids is None else [a for a in every if a.id in ids]
    return {a.id: command_ref(a, every) for a in wanted}


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
@click.argument("sources", nargs=-1, required=True, type=_PathOrURL(exists=True))
@_SAVED_DB
@click.option("--every", default=300.0, show_default=True, help="Seconds between two looks.")
@click.option("--outlet", help="Report only reuse of this outlet's stories (who copies them).")
@click.option("--once", is_flag=True, help="Look once, report, and stop.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per new derivation (JSONL).")
@_NO_COLOR
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="Only the new derivations: no warnings for skipped input, no line per look.",
)
def watch(
    sources: tuple[str, ...],
    db_path: str,
    every: float,
    outlet: str | None,
    once: bool,
    as_json: bool,
    no_color: bool,
    quiet: bool,
) -> None:
    """Follow feeds or folders and report new reuse as it appears.

    SOURCES are RSS/Atom feed URLs or files, web pages, or folders of articles. Every
    --every seconds they are read again; articles the database does not hold yet are added
    (only pairs that involve them are aligned) and each derivation the database did not
    hold before is printed once, on stdout: who took what from whom, how, how surely,
    whether they said so, the facts the copy changed, the links and the diff to run. A
    line on stderr says what each look found, "nothing new" too (--quiet leaves it out).
    Ctrl-C stops: everything added before it is saved, and an interrupted look is simply
    taken again next time.

    \b
    Examples:
      provenance watch https://wire.example/rss https://paper.example/feed --db news.db
      provenance watch incoming/ --outlet "Anadolu Agency" --every 60
      provenance watch incoming/ --json --quiet >> alerts.jsonl
    """
    added = 0
    try:
        with _interrupts(), Store(db_path) as store:
            while True:
                look = _look(store, sources, outlet, quiet)
                added += look.added
                for edge in look.edges:
                    click.echo(_watch_line(look.graph, edge, db_path, as_json=as_json))
                if not quiet:
                    click.echo(look.note(db_path), err=True)
                if once:
                    break
                time.sleep(every)
    except KeyboardInterrupt:
        click.echo(
            f"Stopped: {_plural(added, 'new article')} added to {db_path} by this watch are "
            "saved; a look cut short is taken again next time.",
            err=True,
        )
        sys.exit(INTERRUPTED)
    except ProvenanceError as exc:
        _fail(str(exc), 2 if isinstance(exc, IngestError) else 1)


@dataclass(frozen=True)
class _Look:
    """What one look of ``watch`` found: articles read and added, the derivations the store
    did not hold before (None: nothing was added), and the inputs it had to skip."""

    read: int
    added: int
    edges: list[Edge]
    graph: Graph
    skipped: int

    def note(self, db_path: str) -> str:
        when = datetime.now().strftime("%H:%M:%S")
        skipped = f"; {_plural(self.skipped, 'input')} skipped" if self.skipped else ""
        if not self.added:
            read = _plural(self.read, "article")
            return f"{when} nothing new: all {read} read are in {db_path}{skipped}"
        found = _plural(len(self.edges), "new derivation") if self.edges else "no new reuse"
        return f"{when} {_plural(self.added, 'new article')}, {found}{skipped}"


def _look(store: Store, sources: tuple[str, ...], outlet: str | None, quiet: bool) -> _Look:
    """Read ``sources`` once, add what is new to ``store``, and find the derivations it did
    not hold before (each is reported once: the next look finds it stored)."""
    skips = _Skips(quiet)
    articles = list(ingest(sources, on_error=skips))  # a feed down: said, skipped
    before = {_reported_as(*key) for key in store.edge_keys()}
    grown, count = _add(store, articles, no_progress, workers=1, engine=None)
    if grown is None:
        return _Look(len(articles), 0, [], Graph((), ()), len(skips.errors))
    store.save_graph(grown, run_info={"command": "watch", "args": {"sources": list(sources)}})
    new = [e for e in grown.edges if _reported_as(e.source, e.derived) not in before]
    return _Look(len(articles), count, _of_outlet(grown, new, outlet), grown, len(skips.errors))


def _reported_as(source: str, derived: str) -> tuple[str, str]:
    """The key a derivation is reported under: a source not in the set is named by its
    members, which grow as copies come in, so any unseen source counts as one."""
    return ("hidden" if source.startswith("hidden:") else source, derived)


def _of_outlet(graph: Graph, edges: list[Edge], outlet: str | None) -> list[Edge]:
    """With ``outlet``, the edges from its stories (seen or not); else all of them."""
    if not outlet:
        return edges
    outlets = {d.id: (d.article.outlet or "") for d in graph.documents}
    outlets |= {h.id: (h.likely_outlet or "") for h in graph.hidden}
    mine = outlet_key(outlet)  # "--outlet AP" watches AP News's stories too
    return [e for e in edges if outlet_key(outlets.get(e.source, "")) == mine]


def _end_record(graph: Graph, node: str, names: dict[str, str]) -> dict[str, Any]:
    """One end of a derivation, with what a person needs to find it: a label, the outlet,
    title, date, link and credits (a source not in the set: its likely outlet)."""
    article = next((d.article for d in graph.documents if d.id == node), None)
    if article is None:
        hidden = next((h for h in graph.hidden if h.id == node), None)
        outlet = hidden.likely_outlet if hidden else None
        return {"id": node, "label": names.get(node, node), "outlet": outlet, "unseen": True}
    return {
        "id": node,
        "label": names[node],
        "name": article.name,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "url": article.url or (article.name if is_url(article.name) else None),
        "credits": list(article.credits),
        "unseen": False,
    }


def _watch_record(graph: Graph, edge: Edge, db_path: str) -> dict[str, Any]:
    """A new derivation as one JSON object: both ends, the stored verdict, the credit, the
    changed facts, the evidence, and the diff to run."""
    names = labels(d.article for d in graph.documents)
    names |= {h.id: f"an unseen {h.likely_outlet or 'source'} story" for h in graph.hidden}
    source = _end_record(graph, edge.source, names)
    derived = _end_record(graph, edge.derived, names)
    return {
        "event": "new derivation",
        "seen": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "source": source,
        "derived": derived,
        "direction": f"{derived['label']} was derived from {source['label']}",
        "direction_known": direction_known(edge),
        "manner": edge.manner,
        "extent": edge.extent,
        "confidence": edge.confidence,
        "credited": edge.credited,
        "credit": credit_audit(edge) or None,
        "facts": _facts(edge),
        "shared_sentences": edge.shared,
        "coverage": round(edge.coverage, 4),
        "evidence": [evidence_record(e) for e in edge.evidence],
        "diff": _diff_command(graph, edge, db_path),
    }


def _diff_command(graph: Graph, edge: Edge, db_path: str) -> str | None:
    """The pasteable command that shows the two side by side (None: a source not in the set)."""
    docs = {d.id: d.article for d in graph.documents}
    if edge.source not in docs or edge.derived not in docs:
        return None
    every = list(docs.values())
    refs = [command_ref(docs[n], every) for n in (edge.source, edge.derived)]
    return f"provenance diff {refs[0]} {refs[1]}{_db_arg(db_path)}"


def _db_arg(db_path: str) -> str:
    """`` --db PATH`` for a command to paste, or "" for the default database."""
    return "" if db_path == DEFAULT_DB else f" --db {shlex.quote(db_path)}"


def _with_outlet(end: dict[str, Any]) -> str:
    """An end's label, then its outlet in brackets where the label does not name it."""
    label, outlet = _plain(end["label"]), _plain(end.get("outlet") or "")
    if end["unseen"] or (outlet and outlet.casefold() in label.casefold()):
        return label
    return f"{label} ({outlet or 'outlet unknown'})"


def _watch_line(graph: Graph, edge: Edge, db_path: str, *, as_json: bool) -> str:
    record = _watch_record(graph, edge, db_path)
    if as_json:
        return json.dumps(record, ensure_ascii=False)
    src, der = record["source"], record["derived"]
    how = [edge.manner, edge.extent, f"{edge.confidence:.2f}"]
    how.append({True: "credited", False: "NOT credited", None: "credit unknown"}[edge.credited])
    how += [] if record["direction_known"] else ["direction unknown"]
    lines = [_with_outlet(der), "    took from " + _with_outlet(src), "    " + " · ".join(how)]
    if record["facts"]:
        lines.append("    changed facts: " + _plain(record["facts"]))
    for role, end in (("source", src), ("copy", der)):
        lines += [f"    {role:<7} {_plain(end['url'])}"] if end.get("url") else []
    if record["diff"]:
        lines.append("    " + record["diff"])
    return "\n".join(lines)


@cli.command()
@click.argument("source", required=False, default="-")
@_STORED_DB
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead.")
@click.option("--limit", default=20, show_default=True, help="Stored articles to compare at most.")
@_NO_COLOR
def find(source: str, db_path: str, as_json: bool, limit: int, no_color: bool) -> None:
    """Where did this text come from, and where did it go?

    SOURCE is a file, a URL, or "-" (the default) for plain text on stdin. When its text is
    an article the database holds, the answer is the stored trace's: the derivations it
    keeps into and out of that article (which was derived from which, how, how much, a
    confidence, the credit and any changed facts), then the other stored articles that
    share text with it, marked "no derivation stored". A text the database does not hold
    is compared with every stored article that shares text with it, the most shared first;
    those readings are of the two texts alone, and say so. Candidates come from the
    database's full-text index, not a scan of the archive. Output is plain text.

    \b
    Examples:
      provenance find press-release.txt --db archive.db
      provenance find https://example.org/story.html --json
      pbpaste | provenance find
    """
    try:
        query = _query_document(source)
        started = time.perf_counter()
        answer = _look_up(query, db_path, limit)
        elapsed = time.perf_counter() - started
    except ProvenanceError as exc:
        _fail(str(exc), 2 if isinstance(exc, IngestError) else 1)
        return
    if as_json:
        record = {
            "query": article_record(answer.query.article),
            "stored": answer.stored,
            "matches": answer.matches,
        }
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    click.echo(_answer_note(answer, db_path, elapsed), err=True)
    for r in answer.matches:
        click.echo(_match_line(r))
    if answer.next:
        click.echo(_next_lines(answer.next))


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


@dataclass(frozen=True)
class _Answer:
    """What ``find`` says about a text: its stored document when the store holds it
    (``stored``), a record per related article (stored derivations first), and the
    commands worth running next."""

    query: Document
    stored: bool
    matches: list[dict[str, Any]]
    next: list[str]


def _look_up(query: Document, db_path: str, limit: int) -> _Answer:
    """Look ``query`` up in the store: from the stored graph when the store holds its text,
    else by aligning it with the stored articles that share text with it."""
    with Store(db_path) as store:
        held = store.documents([query.id])
        query = held[0] if held else query
        hits = [h for h, _ in store.sharing_articles(query_words(query))[:limit]]
        if not held:
            found = find_related(query, store.documents(hits))
            names = labels([query.article, *(m.article for m in found)])
            return _Answer(query, False, [_pairwise_record(m, names) for m in found], [])
        edges = store.edges_of(query.id)
        ends = [e.source if e.derived == query.id else e.derived for e in edges]
        related = find_related(query, store.documents(dict.fromkeys([*ends, *hits])))
        unseen = {h.id: h for h in store.hidden_sources(ends)}
        # the sources of each match, to tell a sibling ("both come from 002.txt")
        sources = {m.article.id: {e.source for e in store.edges_of(m.article.id)} for m in related}
        refs = _refs(store, {query.id, *ends, *(m.article.id for m in related)})
    by_id = {m.article.id: m for m in related}
    names = labels([query.article, *(m.article for m in related)])
    names |= {h.id: f"an unseen {h.likely_outlet or 'source'} story" for h in unseen.values()}
    mine = {e.source for e in edges if e.derived == query.id}
    records = [
        _stored_record(e, query.id, by_id.get(end), names.get(end, end))
        for e, end in sorted(zip(edges, ends, strict=True), key=lambda x: x[0].derived != query.id)
    ]
    records += [
        _unlinked_record(m, names, mine & sources.get(m.article.id, set()))
        for m in related
        if m.article.id not in ends
    ]
    me = refs.get(query.id, query.id[:MIN_PREFIX])
    db = _db_arg(db_path)
    diffs = [
        f"provenance diff {refs[e.source]} {refs[e.derived]}{db}"
        for e in edges
        if e.source in refs and e.derived in refs
    ]
    return _Answer(query, True, records, [*diffs[:2], f"provenance show {me}{db}"])


_DIRECTIONS = {
    "a->b": "it was derived from this text",
    "b->a": "this text was derived from it",
    "common": "both come from a common source",
    "none": "shares text, too little for a derivation",
}


def _shared_record(match: Match | None) -> dict[str, Any]:
    """How much text the query shares with a match, and the sentences it shares."""
    if match is None:
        return {"shared": None, "shared_sentences": []}
    return {
        "shared": round(match.shared, 4),
        "shared_sentences": [
            {"query": p.a_text, "article": p.b_text, "relation": p.relation}
            for p in match.comparison.pairs
        ],
    }


def _facts(edge: Edge) -> str | None:
    """The numbers, names and quotations the derived text changed, as the trace stored them."""
    found = changed_facts(edge)
    return found.detail if found else None


def _stored_record(edge: Edge, query: str, match: Match | None, name: str) -> dict[str, Any]:
    """A derivation the stored graph keeps into or out of the query, as it is stored."""
    upstream = edge.derived == query
    article = match.article if match is not None else None
    return {
        "article": article_record(article) if article is not None else None,
        "label": name,
        "id": edge.source if upstream else edge.derived,
        "stored": True,
        "relation": "article->query" if upstream else "query->article",
        "direction": "stored: " + _DIRECTIONS["b->a" if upstream else "a->b"],
        "direction_known": direction_known(edge),
        "extent": edge.extent,
        "manner": edge.manner,
        "confidence": edge.confidence,
        "credited": edge.credited,
        "facts": _facts(edge),
        **_shared_record(match),
        "evidence": [evidence_record(e) for e in edge.evidence],
    }


def _unlinked_record(match: Match, names: dict[str, str], common: set[str]) -> dict[str, Any]:
    """A stored article that shares text with the stored query, where the graph keeps no
    derivation between the two: no verdict is made up for the pair."""
    note = "no derivation stored"
    if common:
        note += ": both come from " + " and ".join(sorted(names.get(c, c) for c in common))
    return {
        "article": article_record(match.article),
        "label": names[match.article.id],
        "id": match.article.id,
        "stored": True,
        "relation": "none",
        "direction": note,
        "direction_known": None,
        "extent": None,
        "manner": None,
        "confidence": None,
        "credited": None,
        "facts": None,
        **_shared_record(match),
        "evidence": [],
    }


def _pairwise_record(match: Match, names: dict[str, str]) -> dict[str, Any]:
    """A stored article compared with a text the store does not hold: the reading of the
    two texts alone, labelled as such (a trace decides against the whole set)."""
    v = match.comparison.verdict
    return {
        "article": article_record(match.article),
        "label": names[match.article.id],
        "id": match.article.id,
        "stored": False,
        "relation": {"a->b": "query->article", "b->a": "article->query"}.get(
            v.relation, v.relation
        ),
        "direction": "read from the two texts alone: " + _DIRECTIONS[v.relation],
        "direction_known": None,
        "extent": v.extent,
        "manner": v.manner,
        "confidence": v.confidence,
        "credited": None,
        "facts": None,
        **_shared_record(match),
        "evidence": [evidence_record(e) for e in v.evidence],
    }


_CREDIT_WORDS = {True: "credited", False: "not credited", None: "credit unknown"}
_LINE = 80  # find's lines stay within a narrow terminal


def _match_line(r: dict[str, Any]) -> str:
    """A related article in three lines or more: who it is, the derivation (stored, or
    read from the two texts alone, or none stored), how much it shares, the changed facts
    and the first shared sentences."""
    a = r["article"] or {}
    about = [a.get("outlet") or "outlet unknown", when((a.get("published") or "")[:10])]
    head = "  ".join([_plain(r["label"]), " · ".join(_plain(x) for x in about if x)])
    how = [r["manner"], r["extent"], f"{r['confidence']:.2f}"] if r["manner"] else []
    if r["stored"] and r["manner"]:
        how.append(_CREDIT_WORDS[r["credited"]])
        how += [] if r["direction_known"] else ["direction unknown"]
    lines = [head if a else _plain(r["label"]), "    " + r["direction"]]
    how_line = " · ".join(x for x in how if x)
    if r["shared"] is not None:  # beside the direction, else the verdict, else alone
        shares = f"shares {round(100 * r['shared'])}% of this text"
        if len(lines[-1]) + len(shares) + 3 <= _LINE:
            lines[-1] += " · " + shares
        elif how_line and len(how_line) + len(shares) + 7 <= _LINE:
            how_line += " · " + shares
        else:
            lines.append("    " + shares)
    lines += ["    " + how_line] if how_line else []
    if r["facts"]:
        lines.append("    changed facts: " + _plain(r["facts"]))
    for pair in r["shared_sentences"][:2]:
        lines.append("    = " + _plain(clip(pair["article"], 72)))
    return "\n".join(lines)


def _plain(text: str) -> str:
    """Untrusted text for the terminal: escape sequences dropped, on one line."""
    return " ".join(strip_escapes(text).split())


def _answer_note(answer: _Answer, db_path: str, elapsed: float) -> str:
    """The lines on stderr above the answer: what it is based on."""
    took = f"({1000 * elapsed:.0f} ms)"
    name = _plain(answer.query.name)
    if answer.stored:
        stored = sum(1 for r in answer.matches if r["manner"])
        other = len(answer.matches) - stored
        shares = "shares" if other == 1 else "share"
        return (
            f"{name} is in {db_path}: {_plural(stored, 'stored derivation')}, "
            f"{_plural(other, 'other article')} {shares} text {took}"
        )
    return (
        f"{name} is not traced in {db_path}; {_plural(len(answer.matches), 'stored article')} "
        f"share text with it {took}\nEach reading is of the two texts alone: trace them "
        "together to decide."
    )


def _next_lines(commands: list[str]) -> str:
    """``Next:`` and a command a line, each pasteable whole."""
    return "\n".join(("Next: " if n == 0 else "      ") + c for n, c in enumerate(commands))


@cli.command()
@click.argument("article")
@click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    callback=_existing_db,
    help="Database written by provenance trace, where article names and ids are looked up.",
)
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
        _fail(str(exc), MISSING_DB if isinstance(exc, _NoDatabase) else 1)
        return
    if as_json:
        click.echo(json.dumps(_show_record(graph, article_id), ensure_ascii=False, indent=2))
    else:
        view = show_view(graph, article_id, available=frozenset(cli.commands), db_path=db_path)
        print_paged(make_console(no_color=_no_color(no_color)), view)


def _load_article(ref: str, db_path: str) -> tuple[Graph, str]:
    graph = _stored_graph(db_path)
    if graph is None:
        raise _NoDatabase(_no_database(db_path))
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
@_NO_COLOR
@click.option("--quiet", "-q", is_flag=True, help="No warnings for skipped files or labels.")
@_WITHOUT
def evaluate(
    path: str | None,
    families_path: str | None,
    sentences: str | None,
    as_json: bool,
    no_color: bool,
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
        with _interrupts(), rules.without(without):
            result = _evaluate(path, families_path, sentences, quiet, no_color)
    except KeyboardInterrupt:
        _stopped("nothing was scored (eval keeps no database).")
        return
    except ProvenanceError as exc:
        _fail(str(exc))
        return
    click.echo(json.dumps(result, indent=2, ensure_ascii=False) if as_json else _eval_text(result))


def _evaluate(
    path: str | None,
    families_path: str | None,
    sentences: str | None,
    quiet: bool,
    no_color: bool = False,
) -> dict[str, Any]:
    if sentences:
        return score_sentences(list(read_sentence_pairs(sentences))).as_dict()
    if path:
        return _evaluate_folder(Path(path), quiet, families_path, no_color)
    raise ProvenanceError(
        "give a FOLDER with a truth.jsonl or families.json, or --sentences PAIRS.tsv"
    )


def _evaluate_folder(
    path: Path, quiet: bool, families_path: str | None = None, no_color: bool = False
) -> dict[str, Any]:
    """Trace the articles in ``path`` in memory and score the graph against the labels found:
    ``truth.jsonl`` (pairs) and ``families.json`` (story families). With both, the two
    results are given under "truth" and "families"."""
    truth, families_file = _labels(path, families_path)
    families = read_families(families_file) if families_file else None
    with ExitStack() as stack:
        bar = no_progress if quiet else _bar(stack, no_color)
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
    """``text`` to the file ``path`` (and nowhere else), or to stdout without one or for
    "-"."""
    if path is None or path == "-":
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
    type=click.Path(dir_okay=False, allow_dash=True),
    help='Write to this file (replacing it) instead of printing ("-": print).',
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
    if output and output != "-":
        click.echo(f"Wrote {output} ({fmt})", err=True)


@cli.command(name="report")
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, allow_dash=True),
    help='Write an HTML page to this file ("-": print it).',
)
@click.option(
    "--markdown",
    "markdown_path",
    type=click.Path(dir_okay=False, allow_dash=True),
    help='Write Markdown to this file ("-": print it).',
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
      provenance report --markdown - | less
    """
    if not html_path and not markdown_path:
        _fail("say where to write the report: --html FILE, --markdown FILE, or both", 2)
    if html_path == markdown_path == "-":
        _fail("only one of --html and --markdown can print (-); give the other a file", 2)
    try:
        generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        result = TraceReport.of(
            _load_graph(db_path), database=Path(db_path).name, generated=generated
        )
        for path, write in ((html_path, html_report), (markdown_path, markdown_report)):
            if path:
                _write(write(result), path)
                if path != "-":
                    click.echo(
                        f"Wrote {path}: {_plural(len(result.edges), 'derivation')}", err=True
                    )
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
