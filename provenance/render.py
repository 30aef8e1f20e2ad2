"""Terminal views: the one module that imports Rich.

``trace_view(graph)`` turns a traced :class:`~provenance.model.Graph` into one Rich renderable:
a summary line, a tree per story family (who copied whom, how, and the evidence a journalist
would quote), the standalone articles and the commands to run next. Everything that comes from
article text goes through :func:`safe` and into :class:`~rich.text.Text` objects, so neither
terminal escape sequences nor Rich markup in an article can reach the terminal.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import IO, get_args

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from .diff import (
    NO_EDGE,
    STYLE,
    Change,
    Diff,
    DiffRow,
    change_text,
    clip,
    marked_tokens,
    sentence_number,
)
from .direction import day_written, same_outlet, when
from .export import CONFIDENCE_KEY, DIRECTION_UNKNOWN, TELLING, changed_facts, direction_known
from .labels import command_ref, is_web, labels
from .model import Article, Edge, EditOp, Evidence, Extent, Graph, Manner, OutletFlow
from .tokens import STOPWORDS, strip_escapes

__all__ = [
    "diff_view",
    "lineage",
    "make_console",
    "pick_evidence",
    "print_paged",
    "print_trace",
    "progress",
    "safe",
    "show_view",
    "trace_view",
]

MANNER_STYLES: dict[str, str] = {"verbatim": "red", "edited": "yellow", "rewritten": "magenta"}
MANNER_MEANINGS: dict[str, str] = {
    "verbatim": "word for word",
    "edited": "with changes",
    "rewritten": "reworded",
}
_GUIDE = 4  # cells a level of a rich Tree adds on the left
_GAP = 3  # cells kept free between an article's description and its verdict
_MIN_LEFT = 12  # never squeeze an article's description below this
_SHORT_LABEL = 36  # cells a web page's label takes inside a line of evidence
_MIN_SHOWN = 24  # a description cut shorter goes on a line of its own, the verdict below
_EVIDENCE_LINES = 4
ALL_COMMANDS = frozenset({"diff", "show", "report"})
_STANDALONE_SHOWN = 20

# --- untrusted text -------------------------------------------------------------------------

# C0 and C1 controls except \t and \n, DEL, and the bidi overrides that reorder what is shown.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Strip terminal escape sequences and control characters, keeping newlines and tabs.

    ``\\r\\n`` and a lone ``\\r`` become ``\\n``. Bidirectional overrides are dropped too, so
    an article cannot make the terminal show text in an order other than the one stored.
    """
    text = re.sub(r"\r\n?", "\n", text)
    return _CONTROL.sub("", strip_escapes(text))


def _line(text: str) -> str:
    """Untrusted text made safe and folded onto one line."""
    return " ".join(safe(text).split())


# --- consoles and progress ------------------------------------------------------------------


def make_console(
    *,
    file: IO[str] | None = None,
    width: int | None = None,
    no_color: bool = False,
    stderr: bool = False,
) -> Console:
    """A console for provenance output; ``stderr=True`` for progress and messages."""
    return Console(
        file=file, width=width, no_color=no_color, stderr=stderr, highlight=False, emoji=False
    )


def print_paged(console: Console, renderable: RenderableType, *, pager: bool = True) -> None:
    """Print ``renderable``; through the pager when ``pager`` is on, the console is a
    terminal and the output is taller than it."""
    if pager and console.is_terminal:
        with console.capture() as capture:
            console.print(renderable, crop=False)
        if capture.get().count("\n") > console.height:
            os.environ.setdefault("LESS", "-FRX")  # less keeps the colours, quits at the end
            with console.pager(styles=not console.no_color):
                console.print(renderable, crop=False)
            return
    # not cropped: a command wider than the screen is printed whole, for the terminal to
    # fold and a paste to take whole (everything else is laid out within the width)
    console.print(renderable, crop=False)


@contextmanager
def progress(console: Console, total: int, description: str) -> Iterator[Callable[[int], None]]:
    """Show a transient progress bar on ``console`` and yield ``advance(n)``.

    When the console is not a terminal (a pipe, a file, a test) nothing at all is written.
    """
    if not console.is_terminal:
        yield _ignore
        return
    bar = Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    with bar:
        task = bar.add_task(_line(description), total=total if total > 0 else None)

        def advance(n: int = 1) -> None:
            bar.advance(task, n)

        yield advance


def _ignore(n: int = 1) -> None:
    """``advance`` when there is no progress bar to move."""


# --- small renderables ----------------------------------------------------------------------


class _Verdict:
    """One tree row: an article's description, then its verdict ending at a common column.

    ``end`` is that column, counted from the row's own left edge. When the console is
    narrower, rows end at its right edge instead, and the description is cut with an ellipsis
    so that the verdict stays whole.
    """

    def __init__(self, left: Text, right: Text, *, end: int) -> None:
        self.left, self.right, self.end = left, right, end

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        end = min(self.end, options.max_width)
        room = end - self.right.cell_len
        left = self.left.copy()
        if room - _GAP < min(left.cell_len, _MIN_SHOWN):
            # too narrow for both: the description on its line, the verdict under it
            left.truncate(options.max_width, overflow="ellipsis")
            yield left
            right = self.right.copy()
            right.truncate(options.max_width - _GUIDE, overflow="ellipsis")
            yield Text.assemble(" " * max(end - right.cell_len, _GUIDE), right)
            return
        left.truncate(max(room - _GAP, _MIN_LEFT), overflow="ellipsis")
        left.pad_right(room - left.cell_len)
        yield Text.assemble(left, self.right, no_wrap=True, overflow="ellipsis")


class _Hanging:
    """Text wrapped to the width available, every line indented by ``indent`` cells."""

    def __init__(self, text: Text, indent: int = 2) -> None:
        self.text, self.indent = text, indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width - self.indent, 8)
        for line in self.text.wrap(console, width, overflow="fold"):
            line.rstrip()
            yield Text.assemble(" " * self.indent, line)


class _Flow:
    """``Label: a · b · c`` packed into lines without splitting an item across lines."""

    def __init__(self, label: Text, items: Sequence[Text], sep: str = " · ") -> None:
        self.label, self.items, self.sep = label, items, sep

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        line, empty = self.label.copy(), True
        indent = " " * self.label.cell_len
        for item in self.items:
            if not empty and line.cell_len + len(self.sep) + item.cell_len > options.max_width:
                yield line
                line, empty = Text(indent), True
            line.append_text(item if empty else Text(self.sep).append_text(item))
            empty = False
        yield line


class _Spread:
    """``left`` and ``right`` on one line, ``right`` flush right; two lines when too narrow."""

    def __init__(self, left: Text, right: Text) -> None:
        self.left, self.right = left, right

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        room = options.max_width - self.left.cell_len - self.right.cell_len
        if room >= 2:
            yield Text.assemble(self.left, " " * room, self.right)
            return
        yield self.left
        yield Text.assemble(" " * max(options.max_width - self.right.cell_len, 0), self.right)


# --- what the graph says --------------------------------------------------------------------


@dataclass(frozen=True)
class _Index:
    """Lookups over a graph: articles by id, edges by source, sources by derived article,
    and each article's label (its file name, or outlet and headline for a web page)."""

    articles: dict[str, Article]
    children: dict[str, list[Edge]]
    sources: dict[str, list[str]]
    unseen: dict[str, int]  # ids of sources not in the set, numbered from 1
    outlets: dict[str, str] = field(default_factory=dict)  # hidden source -> likely outlet
    labels: dict[str, str] = field(default_factory=dict)  # id -> label, where not the name

    @classmethod
    def of(cls, graph: Graph) -> _Index:
        articles = {d.id: d.article for d in graph.documents}
        children: dict[str, list[Edge]] = {}
        sources: dict[str, list[str]] = {}
        unseen: dict[str, int] = {}
        for edge in graph.edges:
            children.setdefault(edge.source, []).append(edge)
            sources.setdefault(edge.derived, []).append(edge.source)
            for node in (edge.source, edge.derived):
                if node not in articles and node not in unseen:
                    unseen[node] = len(unseen) + 1
        outlets = {h.id: h.likely_outlet for h in graph.hidden if h.likely_outlet}
        return cls(articles, children, sources, unseen, outlets, labels(articles.values()))

    @cached_property
    def short(self) -> dict[str, str]:
        """Labels short enough to repeat inside a line of evidence."""
        return labels(self.articles.values(), most=_SHORT_LABEL)

    @cached_property
    def by_name(self) -> dict[str, str]:
        """Label by the name the trace wrote into evidence, for the articles labelled
        otherwise (web pages, whose name is their URL)."""
        return {
            a.name: self.short[i]
            for i, a in self.articles.items()
            if self.short.get(i, a.name) != a.name
        }

    def ref(self, node: str) -> str:
        """What to type in a command to name the article, quoted for the shell."""
        return shlex.quote(_line(command_ref(self.articles[node], self.articles.values())))

    def name(self, node: str) -> str:
        """The article's label, or how an unseen source is called."""
        if node in self.articles:
            return _line(self.labels.get(node) or self.articles[node].name)
        if node in self.outlets:
            return f"an unseen {_line(self.outlets[node])} story"
        if len(self.unseen) == 1:
            return "an unseen source"
        return f"unseen source {self.unseen.get(node, 0)}"

    def primary(self, node: str) -> str | None:
        """The source an article is shown under: the first one the graph names."""
        return self.sources[node][0] if node in self.sources else None


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


_URL = re.compile(r"https?://[^\s\"“”<>]+")


def _by_outlet(edge: Edge, index: _Index) -> dict[str, str]:
    """Inside an edge's evidence, a web page of one outlet is called by its outlet alone
    where the other end is another outlet's ("Upland Times", not "Upland Times: Walker
    stretchered…"): in a line about two texts, that names each."""
    ends = [index.articles.get(n) for n in (edge.source, edge.derived)]
    if any(a is None or not a.outlet or not is_web(a) for a in ends):
        return {}
    a, b = ends[0], ends[1]
    assert a is not None and b is not None and a.outlet and b.outlet
    return {} if same_outlet(a, b) else {a.name: a.outlet, b.name: b.outlet}


def _relabel(text: str, index: _Index, names: dict[str, str] | None = None) -> str:
    """Evidence written at trace time names articles by their names, a web page by its URL:
    put each page's label in place of its URL (``https://x.example/a's`` -> "X: A's"), or
    the name ``names`` gives it."""
    by_name = index.by_name | (names or {})
    if not by_name:
        return text

    def label(m: re.Match[str]) -> str:
        url, tail = m.group(0), ""
        while url not in by_name and url:
            cut = 2 if url.endswith(("'s", "’s")) else 1
            if cut == 1 and url[-1] not in ".,;:)]'’":
                break
            url, tail = url[:-cut], url[-cut:] + tail
        return by_name[url] + tail if url in by_name else m.group(0)

    return _URL.sub(label, text)


def _date(article: Article) -> str | None:
    """The day ``published`` names, as people write it ("26 Oct 2025"), only as precise as
    it is known ("Oct 2025", "2025")."""
    if not article.published:
        return None
    return day_written(_line(article.published), article.date_precision)


def _describe(node: str, index: _Index, *, style: str = "bold") -> Text:
    """``002.txt  Anadolu Agency · 26 Oct 2025 · ISTANBUL``, or an unseen source; a web page
    by its label ("Valley Herald: Walkers rescued…"), its outlet not said twice."""
    article = index.articles.get(node)
    if article is None:
        return Text.assemble((index.name(node), "italic"), ("  not in this set", "dim"))
    name = index.name(node)
    text = Text.assemble((name, style), "  ")
    facts: list[Text] = []
    said = is_web(article) and article.outlet and _line(article.outlet) in name
    if article.outlet and not said:
        facts.append(Text(_line(article.outlet)))
    date = _date(article)
    facts.append(Text(date, "dim") if date else Text("date unknown", "dim italic"))
    if article.dateline:
        facts.append(Text(_line(article.dateline), "dim"))
    return text.append_text(Text(" · ").join(facts))


def _verdict(edge: Edge, *, credit: bool = False) -> Text:
    """``edited · partially · 0.84 · facts changed · not credited``: the manner in its colour,
    then, loud, what a journalist acts on: a changed number, name or quotation, and a copy
    that does not credit its source. ``credit``: say "credited" and "credit unknown" too."""
    words = f"{edge.manner} · {edge.extent} · {edge.confidence:.2f}"
    text = _flag_direction(Text(words, MANNER_STYLES.get(edge.manner, "")), edge)
    if changed_facts(edge) is not None:
        text.append(" · ").append("facts changed", FACT_WORDS)
    if edge.credited is False:
        text.append(" · ").append("not credited", UNCREDITED)
    elif credit:
        text.append(" · ").append(*_CREDITED[edge.credited])
    return text


FACT_WORDS = "bold red"  # a changed number, name or quotation, named on an edge
UNCREDITED = "bold yellow"  # a copy that does not name its source
_CREDITED = {True: ("credited", "green"), None: ("credit unknown", "dim")}


def _flag_direction(text: Text, edge: Edge) -> Text:
    """``text`` with "direction unknown" after it when nothing told which came first."""
    if not direction_known(edge):
        text.append(f" · {DIRECTION_UNKNOWN}", "yellow")
    return text


# What a journalist quotes first: slips fixed or carried, house-style traces, named sources.
_INTEREST = {kind: n for n, kind in enumerate(TELLING)}


def pick_evidence(edge: Edge, limit: int = _EVIDENCE_LINES) -> list[Evidence]:
    """The evidence worth a line: coverage, the most telling reasons, then the credit audit.

    Coverage and credit are always shown when the edge has them; the other lines, up to
    ``limit`` in all, go first to the kinds a journalist quotes (slips, house style,
    named sources), then to the entries with the largest ``|weight|``. Without coverage
    evidence, one is made from the edge's shared sentences and coverage.
    """
    evidence = list(edge.evidence)
    coverage = next((e for e in evidence if e.kind == "coverage"), None)
    if coverage is None and (edge.shared or edge.coverage):
        coverage = _coverage(edge)
    facts = changed_facts(edge)
    credit = next((e for e in evidence if e.kind == "credit"), None)
    kept = [e for e in (coverage, facts, credit) if e is not None]
    others = [e for e in evidence if not any(e is k for k in kept) and e.kind != "facts"]
    others.sort(key=lambda e: (_INTEREST.get(e.kind, len(_INTEREST)), -abs(e.weight)))
    room = max(limit - len(kept) + (facts is not None), 0)  # a changed fact takes no room
    first = [e for e in (coverage, facts) if e is not None]
    return [*first, *others[:room], *([credit] if credit else [])]


def _evidence_line(evidence: Evidence, edge: Edge, index: _Index) -> Text:
    """One reason, as the reader sees it: labels for web pages; changed facts and a missing
    credit loud, the rest quiet."""
    detail = _line(_relabel(evidence.detail, index, _by_outlet(edge, index)))
    if evidence.kind == "facts":
        return Text.assemble(("FACT", FACT_STYLE), " ", (detail, FACT_WORDS))
    if evidence.kind == "credit":
        return Text(detail, UNCREDITED if edge.credited is False else "")
    return Text(detail, "dim")


def _coverage(edge: Edge) -> Evidence:
    parts = []
    if edge.shared:
        parts.append(_plural(edge.shared, "shared sentence"))
    if edge.coverage:
        parts.append(f"{edge.coverage:.0%} of its body comes from the source")
    return Evidence(kind="coverage", detail=" · ".join(parts))


# --- the family tree ------------------------------------------------------------------------


@dataclass
class _Node:
    """A row of the family tree before layout: description, verdict, notes, children."""

    left: Text
    right: Text
    notes: list[Text] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)


def _roots(family: Sequence[str], index: _Index) -> list[str]:
    """Sources in the family that are never derived: the articles first, then unseen ones."""
    unseen = [s for d in family for s in index.sources.get(d, []) if s not in index.articles]
    nodes = [*family, *dict.fromkeys(unseen)]
    return [n for n in nodes if n not in index.sources] or [family[0]]  # a cycle: start anywhere


def _source_node(node: str, index: _Index, placed: set[str]) -> _Node:
    placed.add(node)
    tree = _Node(_describe(node, index), Text("source", "dim"))
    tree.children = [_derived_node(e, index, placed) for e in index.children.get(node, [])]
    return tree


def _derived_node(edge: Edge, index: _Index, placed: set[str]) -> _Node:
    """The derived article of ``edge``, in full under its first source, noted elsewhere."""
    node = edge.derived
    full = node not in placed and index.primary(node) == edge.source
    style = f"bold {MANNER_STYLES.get(edge.manner, '')}"
    row = _Node(_describe(node, index, style=style), _verdict(edge))
    row.notes = _also_from(edge, index, full=full)
    row.notes += [_evidence_line(e, edge, index) for e in pick_evidence(edge) if _line(e.detail)]
    if full:
        placed.add(node)
        row.children = [_derived_node(e, index, placed) for e in index.children.get(node, [])]
    return row


def _also_from(edge: Edge, index: _Index, *, full: bool) -> list[Text]:
    others = [index.name(s) for s in index.sources.get(edge.derived, []) if s != edge.source]
    if not others:
        return []
    note = f"(also from {', '.join(others)}"
    primary = index.primary(edge.derived)
    if not full and primary is not None and index.children.get(edge.derived):
        note += f"; its copies are shown under {index.name(primary)}"
    return [Text(note + ")", "dim italic")]


def _family_rows(family: Sequence[str], index: _Index) -> list[_Node]:
    placed: set[str] = set()
    rows = [_source_node(r, index, placed) for r in _roots(family, index)]
    for node in family:  # only a cycle leaves articles unplaced
        if node not in placed:
            rows.append(_source_node(node, index, placed))
    return rows


def _walk(rows: Iterable[_Node], indent: int) -> Iterator[tuple[int, _Node]]:
    for row in rows:
        yield indent, row
        yield from _walk(row.children, indent + _GUIDE)


def _family_tree(family: Sequence[str], index: _Index) -> Tree:
    """``Story: "title"`` over the family's sources and what was derived from them."""
    rows = _family_rows(family, index)
    left = max(indent + row.left.cell_len for indent, row in _walk(rows, _GUIDE))
    end = left + _GAP + max(row.right.cell_len for _, row in _walk(rows, _GUIDE))
    tree = Tree(_story_header(family, index), guide_style="dim")
    for row in rows:
        _attach(tree, row, end=end, indent=_GUIDE)
    return tree


def _attach(parent: Tree, row: _Node, *, end: int, indent: int) -> None:
    """Add ``row`` under ``parent``; ``end`` is the column where every verdict ends."""
    line = _Verdict(row.left, row.right, end=end - indent)
    branch = parent.add(Group(line, *(_Hanging(note) for note in row.notes)))
    for child in row.children:
        _attach(branch, child, end=end, indent=indent + _GUIDE)


def _story_header(family: Sequence[str], index: _Index) -> Text:
    """``Story: "title"``, from the first root with a title, else any member with one."""
    roots = [n for n in _roots(family, index) if n in index.articles]
    titled = [index.articles[n] for n in [*roots, *family] if index.articles[n].title]
    if titled:
        header = Text.assemble(("Story: ", "bold"), f'"{_line(titled[0].title or "")}"')
    else:
        name = _line(index.articles[family[0]].name)
        header = Text.assemble(("Story: ", "bold"), name, ("  (no headline found)", "dim"))
    header.no_wrap, header.overflow = True, "ellipsis"
    return header


# --- the whole view -------------------------------------------------------------------------


def _summary(graph: Graph, db_path: str | None) -> RenderableType:
    """``5 articles · 1 story family · 2 derivations · 2 not credited · 1 with changed facts
    · 2 standalone``, the database on the right (changed facts counted where there are)."""
    counts = [
        Text(_plural(len(graph.documents), "article")),
        Text(_plural(len(graph.families()), "story family", "story families")),
        Text(_plural(len(graph.edges), "derivation")),
    ]
    if graph.edges:
        uncredited = sum(e.credited is False for e in graph.edges)
        changed = sum(changed_facts(e) is not None for e in graph.edges)
        counts.append(Text(f"{uncredited} not credited", UNCREDITED if uncredited else ""))
        if changed:
            counts.append(Text(f"{changed} with changed facts", FACT_WORDS))
    counts.append(Text(f"{len(graph.standalone())} standalone"))
    for count in counts:
        count.stylize("bold")
    return _Summary(counts, Text(_line(db_path), "dim") if db_path else None)


class _Summary:
    """The counts on one line with the database flush right; on a narrow console the counts
    packed into lines without splitting one, the database on a line of its own."""

    def __init__(self, counts: list[Text], db: Text | None) -> None:
        self.counts, self.db = counts, db

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        line = Text(" · ", "bold").join(self.counts)
        if line.cell_len <= options.max_width:
            yield _Spread(line, self.db) if self.db else line
            return
        yield _Flow(Text(), self.counts)
        if self.db:
            yield Text.assemble(" " * max(options.max_width - self.db.cell_len, 0), self.db)


def _standalone(graph: Graph, index: _Index) -> RenderableType:
    items = [_standalone_item(n, index) for n in graph.standalone()]
    if len(items) > _STANDALONE_SHOWN:
        more = len(items) - _STANDALONE_SHOWN
        items = [*items[:_STANDALONE_SHOWN], Text(f"and {more} more", "dim")]
    return _Flow(Text("Standalone: ", "bold"), items)


def _standalone_item(node: str, index: _Index) -> Text:
    """``003.txt (Global Banking and Finance Review, credits Reuters)``."""
    article, name = index.articles[node], index.name(node)
    said = is_web(article) and article.outlet and _line(article.outlet) in name
    about = [_line(article.outlet)] if article.outlet and not said else []
    if article.credits:
        about.append("credits " + ", ".join(_line(c) for c in article.credits))
    item = Text(name, "bold")
    return item.append(f" ({', '.join(about)})", "dim") if about else item


def _key(graph: Graph) -> RenderableType:
    present = {e.manner for e in graph.edges}
    manners: list[Manner] = [m for m in ("verbatim", "edited", "rewritten") if m in present]
    items = [Text.assemble((m, MANNER_STYLES[m]), f" = {MANNER_MEANINGS[m]}") for m in manners]
    sure = [Text(f"{span} {meaning}") for span, meaning in CONFIDENCE_KEY]
    return Group(
        _Flow(Text("Key: ", "dim"), items),
        _Flow(Text("Confidence: ", "dim"), sure, sep="; "),
    )


def _next_commands(
    graph: Graph, index: _Index, db_path: str | None, available: frozenset[str] = ALL_COMMANDS
) -> list[str]:
    """What to run next: diff the first derivation, show another copy, browse the database.
    Only commands in ``available`` are suggested."""
    commands: list[str] = []
    pairs = [(e.source, e.derived) for e in graph.edges]
    visible = [p for p in pairs if all(n in index.articles for n in p)][:1]
    db = "" if not db_path or db_path == "provenance.db" else f" --db {shlex.quote(_line(db_path))}"
    for pair in visible:
        commands.append("provenance diff " + " ".join(index.ref(n) for n in pair) + db)
    copies = [d for _, d in pairs if d in index.articles]
    others = [d for d in copies if not visible or d not in visible[0]]
    for node in (others or copies or [d.id for d in graph.documents])[:1]:
        commands.append(f"provenance show {index.ref(node)}{db}")
    if db_path and graph.edges:
        commands.append(f"provenance report --html report.html{db}")
    if db_path:
        commands.append(f"datasette {shlex.quote(_line(db_path))}")
    return [
        c
        for c in commands
        if c.split()[1 if c.startswith("provenance") else 0] in available
        or c.startswith("datasette")
    ]


def _next(
    graph: Graph, index: _Index, db_path: str | None, available: frozenset[str]
) -> RenderableType:
    return _commands(_next_commands(graph, index, db_path, available))


def _commands(commands: Sequence[str]) -> RenderableType:
    """``Next:`` and a command a line, each whole, to be pasted as it stands."""
    return _Commands(commands) if commands else Text()


class _Commands:
    """Commands a line after ``Next:``; where one would not fit beside the label, ``Next:``
    on a line of its own and the commands from the left edge. A command wider than the
    console is never folded by us: it runs on, for the terminal to fold and a paste to take
    whole (``print_paged`` prints without cropping)."""

    label = "Next: "

    def __init__(self, commands: Sequence[str]) -> None:
        self.commands = list(commands)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = len(self.label)
        if max(len(c) for c in self.commands) + indent > options.max_width:
            yield Text(self.label.strip(), "bold")
            indent = 0
        for k, command in enumerate(self.commands):
            head = self.label if k == 0 and indent else " " * indent
            bold = console.get_style("bold")
            yield Segment(head, bold)
            yield Segment(command, bold)
            yield Segment.line()


FAMILIES_SHOWN = 20  # story families a trace prints unless every one is asked for


def _families(graph: Graph, index: _Index, most: int | None) -> list[RenderableType]:
    if not graph.edges:
        count = len(graph.documents)
        why = f"none of these {count} articles was copied from another"
        return [Text(f"No derivations found: {why if count > 1 else 'there is only one article'}.")]
    families = graph.families()  # largest first
    shown = families if most is None else families[:most]
    parts: list[RenderableType] = []
    for family in shown:
        parts += [_family_tree(family, index), Text()]
    if len(families) > len(shown):
        more = len(families) - len(shown)
        parts += [
            Text(
                f"… and {more:,} smaller story {'family' if more == 1 else 'families'} not "
                "printed (--all prints every one; provenance report --html report.html "
                "lists them all)",
                "dim",
            ),
            Text(),
        ]
    return parts[:-1]


def trace_view(
    graph: Graph,
    *,
    db_path: str | None = None,
    available: frozenset[str] = ALL_COMMANDS,
    most: int | None = FAMILIES_SHOWN,
) -> RenderableType:
    """The terminal view of a trace, as one renderable; ``available`` names the provenance
    commands the "Next:" line may suggest; ``most`` story families are printed, the largest
    first, and the rest counted (None: every one)."""
    if not graph.documents:
        return Group(
            Text("No articles found, so there is nothing to trace yet."),
            Text.assemble(
                "Give it a folder of articles, e.g. ", ("provenance trace ./articles", "bold")
            ),
        )
    index = _Index.of(graph)
    parts: list[RenderableType] = [
        _summary(graph, db_path),
        Text(),
        *_families(graph, index, most),
    ]
    if graph.standalone():
        parts += [Text(), _standalone(graph, index)]
    parts.append(Text())
    if graph.edges:
        parts.append(_key(graph))
    parts.append(_next(graph, index, db_path, available))
    return Group(*parts)


def print_trace(
    graph: Graph,
    console: Console,
    *,
    db_path: str | None = None,
    available: frozenset[str] = ALL_COMMANDS,
    most: int | None = FAMILIES_SHOWN,
    pager: bool = True,
) -> None:
    """Print :func:`trace_view` of ``graph`` on ``console``: through the pager when
    ``pager`` is on, the console is a terminal and the view is taller than it."""
    view = trace_view(graph, db_path=db_path, available=available, most=most)
    print_paged(console, view, pager=pager)


# --- outlets ------------------------------------------------------------------------------------


def outlets_view(flows: Sequence[OutletFlow]) -> RenderableType:
    """Who reuses whom, outlet by outlet: how often, how, and whether they say so."""
    if not flows:
        return Text("No derivations stored yet: run provenance trace first.")
    table = Table(title="Reuse between outlets", title_justify="left", show_lines=False)
    table.add_column("source outlet", overflow="fold")
    table.add_column("reused by", overflow="fold")
    table.add_column("times", justify="right")
    table.add_column("how")
    table.add_column("credited", justify="right")
    table.add_column("not credited", justify="right")
    for f in flows:
        how = Text(", ").join(Text(f"{n} {m}", MANNER_STYLES.get(m, "")) for m, n in f.manners)
        uncredited = Text(str(f.uncredited), "bold red" if f.uncredited else "")
        checked = f"{f.credited}" + (f" (+{f.unknown} unknown)" if f.unknown else "")
        table.add_row(_line(f.source), _line(f.derived), str(f.edges), how, checked, uncredited)
    return table


# --- diff: two articles side by side ------------------------------------------------------------

ROW_STYLES: dict[str, str] = {
    **MANNER_STYLES,
    "only in A": "blue",
    "only in B": "green",
}
FACT_STYLE = "bold white on red"
_EDIT_STYLES = {"delete": "red strike", "insert": "green", "replace": "yellow"}
_DRIFT_EDIT = "bold red underline"
_STYLE_EDIT = "dim yellow"  # quote marks, punctuation, capitals: changed, but not the words
_STACK_BELOW = 120  # narrower consoles show A, then B, then what changed, one under the other
_COLUMN_GAP = 2
_EXAMPLE = 28  # cells an example of an edit may take in the right-hand column
_MARKER_EDITS = 6  # edits named in a row's right-hand column before the rest are counted


def diff_view(diff: Diff) -> RenderableType:
    """Two articles side by side, as one renderable: who they are, the verdict, the key, then
    a row per sentence (aligned pairs in A's order, sentences only one side has) with the
    changes named in a right-hand column. Below 120 columns the rows are stacked instead."""
    return Group(
        *_diff_header(diff),
        Text(),
        _DiffKey(diff),
        Text(),
        _DiffRows(diff),
    )


def _pair_index(diff: Diff) -> _Index:
    articles = {diff.a.id: diff.a, diff.b.id: diff.b}
    return _Index(articles, {}, {}, {}, labels=labels(articles.values()))


def _article_line(label: str, node: str, index: _Index) -> Text:
    """``A  002.txt  Anadolu Agency · date unknown · ISTANBUL``."""
    return Text.assemble((label, "bold"), "  ", _describe(node, index))


def _diff_header(diff: Diff) -> list[RenderableType]:
    """Who the two are; then the trace's stored verdict on them (or that it stores none,
    the pair's own reading only after it, labelled so); how much they share, the evidence,
    and the facts that changed."""
    index = _pair_index(diff)
    lines: list[RenderableType] = [
        _Hanging(_article_line("A", diff.a.id, index), indent=0),
        _Hanging(_article_line("B", diff.b.id, index), indent=0),
        Text(),
        _Hanging(_diff_verdict(diff, index), indent=0),
    ]
    notes = [*_diff_reading(diff, index), _diff_coverage(diff, index)]
    notes += _diff_evidence(diff, index)
    lines += [_Hanging(note) for note in notes]
    drift = _drift_summary(diff)
    if drift is not None:
        lines.append(_Hanging(drift, indent=0))
    return lines


def _diff_verdict(diff: Diff, index: _Index) -> Text:
    """The heading: the stored edge's verdict, ``000.txt derived from 002.txt · edited ·
    partially · 0.88 · not credited``; or "No derivation stored between them" with the reason;
    or, with no traced database, the pair's own reading, said to be that."""
    if diff.edge is not None:
        e = diff.edge
        said = f"{index.name(e.derived)} derived from {index.name(e.source)}"
        return Text.assemble((said, "bold"), " · ", _verdict(e, credit=True))
    if diff.graph_read:
        none = f"No derivation stored between {index.name(diff.a.id)} and {index.name(diff.b.id)}"
        why = _line(_relabel(diff.note or "", index)).removeprefix(NO_EDGE).lstrip(": ")
        return Text.assemble((none, "bold"), f": {why}" if why else "")
    return Text.assemble(
        ("These two texts read on their own (no traced database): ", "bold"),
        _pair_reading(diff, index),
    )


def _pair_reading(diff: Diff, index: _Index) -> Text:
    """What the verdict on the pair alone says: ``001.txt looks derived from 000.txt ·
    rewritten · partially · 0.92``."""
    v = diff.verdict
    if v.relation in ("a->b", "b->a"):
        source, derived = (v.a, v.b) if v.relation == "a->b" else (v.b, v.a)
        head = f"{index.name(derived)} looks derived from {index.name(source)}"
        return _verdict_text(head, v.manner, [v.extent or "", f"{v.confidence:.2f}"])
    if v.relation == "common":
        return _verdict_text(
            "both look taken from a common source", v.manner, [f"{v.confidence:.2f}"]
        )
    if not v.shared:
        return Text("no sentence in common: neither was derived from the other", "bold")
    shared = _plural(v.shared, "sentence")
    return Text(f"too little in common to call a derivation ({shared} shared)", "bold")


def _diff_reading(diff: Diff, index: _Index) -> list[Text]:
    """Where the trace stores no edge: what the two texts alone would suggest, said to be
    only that (the trace, which saw every version, decided otherwise)."""
    if diff.edge is not None or not diff.graph_read:
        return []
    reading = _pair_reading(diff, index)
    reading.stylize("dim")
    return [
        Text.assemble(
            ("read on their own, the two texts look like this: ", "dim italic"),
            reading,
            (" (the trace, which saw every version, stores no such edge)", "dim italic"),
        )
    ]


def _verdict_text(head: str, manner: str | None, rest: list[str]) -> Text:
    parts = " · ".join(p for p in [head, manner or "", *rest] if p)
    return Text(parts, f"bold {MANNER_STYLES.get(manner or '', '')}".strip())


def _diff_coverage(diff: Diff, index: _Index) -> Text:
    """How much of each text the other has, in sentences and in share of the text."""
    (shared_a, all_a), (shared_b, all_b) = diff.sentences("a"), diff.sentences("b")
    a, b, v = index.name(diff.a.id), index.name(diff.b.id), diff.verdict
    if not shared_a and not shared_b:
        return Text(f"no sentence of {a} has a counterpart in {b}")
    return Text(
        f"{shared_a} of {a}'s {all_a} sentences have a counterpart in {b} "
        f"({v.coverage_a:.0%} of its text); {shared_b} of {b}'s {all_b} in {a} "
        f"({v.coverage_b:.0%})"
    )


def _diff_evidence(diff: Diff, index: _Index) -> list[Text]:
    """The stored edge's most telling reasons and its credit audit (coverage is said above,
    the changed facts below); with no traced database, the pair's own."""
    v, edge = diff.verdict, diff.edge
    if edge is None and not diff.graph_read and v.evidence:
        source, derived = (v.b, v.a) if v.relation == "b->a" else (v.a, v.b)
        extent, manner = v.extent or "partially", v.manner or "rewritten"
        edge = Edge(source, derived, extent, manner, v.confidence, evidence=v.evidence)
    if edge is None:
        return []
    picked = pick_evidence(edge, limit=_EVIDENCE_LINES + 1)
    picked = [e for e in picked if e.kind not in ("coverage", "facts") and _line(e.detail)]
    return [_evidence_line(e, edge, index) for e in picked]


_NAME_OR_NUMBER = re.compile(
    r"\b(?:[A-Z][\w’'-]*[a-z][\w’'-]*(?:\s+[A-Z][\w’'-]*[a-z][\w’'-]*)*|\d[\d.,]*\d|\d)"
)


def _lost_specifics(diff: Diff) -> list[str]:
    """Names and numbers in a shared sentence that the other side's sentence lacks
    altogether (not replaced: that is a changed fact), as the text writes them."""
    found: list[str] = []
    for row in diff.rows:
        for c in row.edits:
            if c.drift or c.kind in STYLE:
                continue
            for mine, other in ((c.a, row.b_text), (c.b, row.a_text)):
                theirs = {w.lower() for w in re.findall(r"[\w’'-]+", other)}
                for name in _NAME_OR_NUMBER.findall(mine):
                    said = [w for w in name.lower().split() if w not in STOPWORDS]
                    if said and not any(w in theirs for w in said):
                        found.append(name)
    return list(dict.fromkeys(found))


def _drift_summary(diff: Diff) -> Text | None:
    """Loud when a number, a name or a quotation changed; says when none did, and when
    names or numbers were only cut or added; nothing when no sentence is shared."""
    drift = diff.drift
    if not drift:
        if not any(r.a_index and r.b_index for r in diff.rows):
            return None
        lost = _lost_specifics(diff)
        if lost:
            shown = ", ".join(f"“{_clip_safe(w)}”" for w in lost[:4])
            more = f" and {len(lost) - 4} more" if len(lost) > 4 else ""
            return Text(
                "No number, name or quotation was replaced in the shared sentences; "
                f"names or numbers cut or added there: {shown}{more}",
                "yellow",
            )
        return Text("No number, name or quotation differs in the shared sentences.", "dim")
    shown = "; ".join(
        f"“{_clip_safe(c.a)}” → “{_clip_safe(c.b)}” (A {sentence_number(r.a_index)})"
        for r, c in drift[:3]
    )
    more = f" and {len(drift) - 3} more" if len(drift) > 3 else ""
    count = _plural(len(drift), "fact")
    return Text.assemble(
        (" FACT ", FACT_STYLE), " ", (f"{count} changed: {shown}{more}", "bold red")
    )


class _DiffKey:
    """What the colours and the right-hand column mean; without colour, only the column."""

    def __init__(self, diff: Diff) -> None:
        self.kinds = [k for k in ROW_STYLES if any(r.kind == k for r in diff.rows)]
        self.edits = {op.op for r in diff.rows for op in r.ops} - {"equal"}
        self.drift = bool(diff.drift)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        meanings = {**MANNER_MEANINGS, "only in A": "not in B", "only in B": "not in A"}
        items = [Text.assemble((k, ROW_STYLES[k]), f" = {meanings[k]}") for k in self.kinds]
        if console.color_system and not console.no_color:
            words = {"delete": "cut from A", "insert": "added in B", "replace": "changed"}
            items += [Text(words[op], _EDIT_STYLES[op]) for op in sorted(self.edits)]
        if self.drift:
            items.append(Text.assemble(("FACT", FACT_STYLE), " = a number, name or quote changed"))
        yield _Flow(Text("Key: ", "dim"), items)


def _sides(row: DiffRow) -> tuple[Text, Text]:
    """A's and B's text of a row, the edits between them highlighted."""
    if not row.ops:
        return Text(_line(row.a_text)), Text(_line(row.b_text))
    a, b = Text(), Text()
    changes = iter(row.edits)
    for op in row.ops:
        change = None if op.op == "equal" else next(changes, None)
        pieces_a, pieces_b = _op_pieces(op, change)
        for side, pieces in ((a, pieces_a), (b, pieces_b)):
            for words, style in pieces:
                if _line(words):
                    side.append(" " if side else "").append(_line(words), style)
    return a, b


Pieces = list[tuple[str, str]]  # (words, style)


def _op_pieces(op: EditOp, change: Change | None) -> tuple[Pieces, Pieces]:
    """How to show one edit on each side: cut words struck out in A, added words green in B,
    substitutions yellow (dim for style only, bold underlined red for a changed fact); an
    addition or a cut inside a substitution shows just those words so."""
    if change is None:
        return [(op.a, "")], [(op.b, "")]
    if change.drift:
        return [(op.a, _DRIFT_EDIT)], [(op.b, _DRIFT_EDIT)]
    if op.op == "replace" and change.kind in ("added", "clause added"):
        return [(op.a, _STYLE_EDIT)], _marked(op.b, op.a, _EDIT_STYLES["insert"])
    if op.op == "replace" and change.kind in ("dropped", "clause dropped"):
        return _marked(op.a, op.b, _EDIT_STYLES["delete"]), [(op.b, _STYLE_EDIT)]
    style = _STYLE_EDIT if change.kind in STYLE - {"spelling"} else _EDIT_STYLES[op.op]
    return [(op.a, style)], [(op.b, style)]


def _marked(longer: str, shorter: str, style: str) -> Pieces:
    return [(t, style if extra else _STYLE_EDIT) for t, extra in marked_tokens(longer, shorter)]


def _marker(row: DiffRow, example: int = _EXAMPLE) -> list[Text]:
    """The right-hand column: the row's kind, a move, then every edit named."""
    lines = [Text(row.kind, f"bold {ROW_STYLES.get(row.kind, '')}".strip())]
    if row.moved and row.b_index:
        lines.append(Text(f"moved (B's sentence {row.b_index[0] + 1})", "bold cyan"))
    for change in row.drift:
        lines.append(Text.assemble(("FACT", FACT_STYLE), " ", _edit_text(change, example)))
    groups: dict[str, list[Change]] = {}
    for change in row.edits:
        if not change.drift:
            key = change.kind if change.kind in STYLE else f"{len(groups)}"
            groups.setdefault(key, []).append(change)
    named = [Text(_edit_text(g[0], example) + _more(g), "dim") for g in groups.values()]
    if len(named) > _MARKER_EDITS:
        rest = sum(len(g) for g in list(groups.values())[_MARKER_EDITS - 1 :])
        named = [*named[: _MARKER_EDITS - 1], Text(f"… {_plural(rest, 'more edit')}", "dim")]
    return lines + named


def _more(group: list[Change]) -> str:
    return f" (+{len(group) - 1})" if len(group) > 1 else ""


class _DiffRows:
    """The rows: side by side with a right-hand column, or stacked on narrow consoles."""

    def __init__(self, diff: Diff) -> None:
        self.rows = diff.rows
        index = _pair_index(diff)
        self.names = (index.name(diff.a.id), index.name(diff.b.id))
        numbers = [sentence_number(ix) for r in self.rows for ix in (r.a_index, r.b_index)]
        self.gutter = max((len(n) for n in numbers), default=1) + 1

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        render: Callable[[DiffRow, Console, int], Iterable[RenderableType]]
        render = self._columns if width >= _STACK_BELOW else self._stacked
        if width >= _STACK_BELOW:
            yield self._headings(width)
        for n, row in enumerate(self.rows):
            if n:
                yield Text()
            yield from render(row, console, width)

    @staticmethod
    def _widths(width: int) -> tuple[int, int]:
        """Cells for each text column and for the right-hand column: a quarter of a wide
        console, so that an edit and its example fit on a line there."""
        mark = 24 if width < 140 else min(max(32, width // 4), 60)
        return (width - mark - 2 * _COLUMN_GAP) // 2, mark

    def _headings(self, width: int) -> Text:
        side, _ = self._widths(width)
        a, b = (Text(f"{k}  {n}", "bold") for k, n in zip("AB", self.names, strict=True))
        for t in (a, b):
            t.truncate(side, overflow="ellipsis", pad=True)
        gap = " " * _COLUMN_GAP
        return Text.assemble(a, gap, b, gap, ("what changed", "bold"), "\n")

    def _columns(self, row: DiffRow, console: Console, width: int) -> Iterator[Text]:
        side, mark = self._widths(width)
        a, b = _sides(row)
        cells = [
            self._cell(a, row.a_index, console, side),
            self._cell(b, row.b_index, console, side),
            [
                line
                for t in _marker(row, max(_EXAMPLE, mark - 16))
                for line in _split_marker(t, console, mark)
            ],
        ]
        widths = [side, side, mark]
        for k in range(max(len(c) for c in cells)):
            parts = [c[k] if k < len(c) else Text() for c in cells]
            for part, w in zip(parts[:2], widths, strict=False):
                part.pad_right(w - part.cell_len)
            line = Text(" " * _COLUMN_GAP).join(parts)
            line.rstrip()
            yield line

    def _cell(self, text: Text, index: tuple[int, ...], console: Console, width: int) -> list[Text]:
        """A column's text wrapped under its sentence number."""
        if not index:
            return []
        lines = _wrapped(text, console, width - self.gutter)
        number = Text(sentence_number(index).rjust(self.gutter - 1) + " ", "dim")
        pad = Text(" " * self.gutter)
        return [Text.assemble(number if k == 0 else pad, line) for k, line in enumerate(lines)]

    def _stacked(self, row: DiffRow, console: Console, width: int) -> Iterator[RenderableType]:
        a, b = _sides(row)
        same = row.a_index and row.b_index and row.a_text == row.b_text
        label = self.gutter + 2
        for name, text, index in (("A", a, row.a_index), ("B", b, row.b_index)):
            if index:
                shown = Text("same words as A", "dim italic") if same and name == "B" else text
                lines = _wrapped(shown, console, width - label)
                head = Text(f"{name} {sentence_number(index)}".ljust(label), "dim")
                for k, line in enumerate(lines):
                    yield Text.assemble(head if k == 0 else " " * label, line)
        example = max(_EXAMPLE, min(60, (width - label) // 2 - 12))
        yield _Flow(Text(" " * label), _marker(row, example))


def _split_marker(text: Text, console: Console, width: int) -> list[Text]:
    """A line of the right-hand column; when it is too long, ``kind:`` on a line of its own
    and the example wrapped below it, indented."""
    cut = text.plain.find(": ") + 2
    if text.cell_len <= width or cut < 2:
        return _wrapped(text, console, width)
    head, rest = text.divide([cut])
    head.rstrip()
    return [head, *(Text.assemble("  ", line) for line in _wrapped(rest, console, width - 2))]


def _wrapped(text: Text, console: Console, width: int) -> list[Text]:
    """``text`` wrapped to ``width`` cells (long words folded), trailing spaces dropped."""
    lines = list(text.wrap(console, max(width, 8), overflow="fold"))
    for line in lines:
        line.rstrip()
    return lines or [Text()]


# --- show: one article, where it came from and where it went ----------------------------------


def lineage(graph: Graph, node: str) -> tuple[list[Edge], list[Edge]]:
    """The edges above ``node`` (its sources, their sources...) and below it (its copies,
    their copies...), each list in the order a walk from ``node`` meets them."""
    return _walk_edges(graph, node, up=True), _walk_edges(graph, node, up=False)


def _walk_edges(graph: Graph, node: str, *, up: bool) -> list[Edge]:
    found: list[Edge] = []
    todo, seen = [node], {node}
    while todo:
        current = todo.pop(0)
        for edge in graph.edges:
            if (edge.derived if up else edge.source) == current:
                found.append(edge)
                other = edge.source if up else edge.derived
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
    return found


def show_view(
    graph: Graph,
    node: str,
    *,
    available: frozenset[str] = ALL_COMMANDS,
    db_path: str | None = None,
) -> RenderableType:
    """One stored article: what is known about it, the versions it was derived from (its
    furthest sources first, down to it, as the trace draws a family), the versions derived
    from it, and the diffs worth running next (with ``--db db_path`` unless the default)."""
    index = _Index.of(graph)
    up, down = lineage(graph, node)
    parts: list[RenderableType] = [_describe(node, index), _facts(index.articles[node], graph)]
    parts.append(Text())
    if not up and not down:
        parts.append(
            Text(
                f"No derivation stored for {index.name(node)}: nothing in this "
                "database was found copied from it or into it."
            )
        )
    if up:
        parts += [_ancestry_tree(node, up, index), Text()]
    if down:
        parts += [Text("Copied by", "bold"), _lineage_tree(node, down, index), Text()]
    db = "" if not db_path or db_path == "provenance.db" else f" --db {shlex.quote(_line(db_path))}"
    commands = [c + db for c in _show_commands(node, up, down, index, available)]
    if commands:
        parts.append(_commands(commands))
    return Group(*parts)


def _facts(article: Article, graph: Graph) -> Group:
    """The article's metadata, one fact a line; what is unknown says so."""
    document = next(d for d in graph.documents if d.id == article.id)
    facts = {
        "outlet": article.outlet,
        "title": article.title,
        "published": when(article.published) if article.published else None,
        "dateline": article.dateline,
        "byline": article.byline,
        "url": article.url,
        "credits": ", ".join(article.credits) or "none found in the text",
        "id": f"{article.id} · {_plural(len(document.sentences), 'sentence')}",
        "file": article.path,
    }
    width = max(len(label) for label in facts) + 4
    return Group(*(_Labelled(label, value, width) for label, value in facts.items()))


class _Labelled:
    """``  label      value``, the value wrapped under itself; "unknown" when missing."""

    def __init__(self, label: str, value: str | None, width: int) -> None:
        self.label = Text(f"  {label}".ljust(width), "dim")
        self.value = Text(_line(value)) if value else Text("unknown", "dim italic")

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        pad = " " * self.label.cell_len
        room = options.max_width - self.label.cell_len
        for k, line in enumerate(_wrapped(self.value, console, room)):
            yield Text.assemble(self.label if k == 0 else pad, line)


class _EdgeRow:
    """An article and its edge words on one line, the words ending at column ``end``; on a
    console too narrow for both, the edge words go on a line of their own below."""

    def __init__(self, left: Text, right: Text, *, end: int) -> None:
        self.left, self.right, self.end = left, right, end

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.left.cell_len + _GAP + self.right.cell_len <= options.max_width:
            yield _Verdict(self.left, self.right, end=self.end)
            return
        left = self.left.copy()
        left.truncate(options.max_width, overflow="ellipsis")
        yield left
        yield _Hanging(self.right)


def _edge_words(edge: Edge) -> Text:
    """``edited · partially · 0.92 · facts changed · not credited``."""
    return _verdict(edge, credit=True)


Row = tuple[int, str, Edge | None]  # depth, article, the edge that leads to it


def _rows_tree(head: Text, rows: list[Row], node: str, index: _Index) -> Tree:
    """A tree under ``head``, a line per row: the article and the words of the edge that
    leads to it (``source`` for a row no edge leads to), the words ending in one column."""

    def left(other: str) -> Text:
        if other == node:
            return Text.assemble((index.name(node), "bold"), ("  this article", "dim italic"))
        return _describe(other, index)

    def right(edge: Edge | None) -> Text:
        return _edge_words(edge) if edge else Text("source", "dim")

    end = max((d + 1) * _GUIDE + left(o).cell_len for d, o, _ in rows) + _GAP
    end += max(right(e).cell_len for _, _, e in rows)
    tree = Tree(head, guide_style="dim")
    branches: dict[int, Tree] = {-1: tree}
    for depth, other, edge in rows:
        line = _EdgeRow(left(other), right(edge), end=end - (depth + 1) * _GUIDE)
        branches[depth] = branches[depth - 1].add(line)
    return tree


def _ancestry_tree(node: str, edges: list[Edge], index: _Index) -> Tree:
    """ "Derived from": the article's furthest sources at the top, each followed down through
    the versions made from it to the article, as the trace draws a family."""
    out_of: dict[str, list[Edge]] = {}
    for edge in edges:
        out_of.setdefault(edge.source, []).append(edge)
    derived = {e.derived for e in edges}
    roots = [s for s in dict.fromkeys(e.source for e in edges) if s not in derived]
    rows: list[Row] = []

    def add(parent: str, depth: int, path: frozenset[str]) -> None:
        for edge in out_of.get(parent, []):
            rows.append((depth, edge.derived, edge))
            if edge.derived != node and edge.derived not in path:
                add(edge.derived, depth + 1, path | {edge.derived})

    for root in roots or [edges[0].source]:  # no root: a cycle, start anywhere
        rows.append((0, root, None))
        add(root, 1, frozenset({root}))
    return _rows_tree(Text("Derived from", "bold"), rows, node, index)


def _lineage_tree(node: str, edges: list[Edge], index: _Index) -> Tree:
    """The article at the root, then its copies and theirs, a line per edge."""
    rows: list[Row] = []

    def add(parent: str, depth: int, seen: frozenset[str]) -> None:
        for edge in edges:
            if edge.source == parent:
                rows.append((depth, edge.derived, edge))
                if edge.derived not in seen:
                    add(edge.derived, depth + 1, seen | {edge.derived})

    add(node, 0, frozenset({node}))
    return _rows_tree(Text(index.name(node), "bold"), rows, node, index)


def _show_commands(
    node: str, up: list[Edge], down: list[Edge], index: _Index, available: frozenset[str]
) -> list[str]:
    """``provenance diff SOURCE THIS`` and ``provenance diff THIS COPY`` for direct edges;
    under an unseen source, a diff with another copy of it."""
    pairs = [(e.source, node) for e in up if e.derived == node]
    pairs += [(node, e.derived) for e in down if e.source == node]
    unseen = [s for s, _ in pairs if s not in index.articles]
    pairs += [(c.derived, node) for s in unseen for c in index.children[s] if c.derived != node]
    seen = [p for p in pairs if all(n in index.articles for n in p)][:3]
    commands = ["provenance diff " + " ".join(index.ref(n) for n in p) for p in seen]
    return commands if "diff" in available else []


def _clip_safe(text: str, most: int = _EXAMPLE) -> str:
    """Untrusted text made safe and cut at a word with an ellipsis."""
    return clip(_line(text), most)


def _edit_text(change: Change, example: int = _EXAMPLE) -> str:
    """An edit named with its (safe) example: ``spelling: canceled → cancelled``."""
    return change_text(Change(change.kind, _line(change.a), _line(change.b)), example)


# --- evaluation ------------------------------------------------------------------------------


def evaluation_text(result: dict[str, object]) -> str:
    """An evaluation (``Report.as_dict`` or ``SentenceReport.as_dict``) as plain text: the
    scores first, then the tables a reader checks them by, then the mistakes."""
    if "accuracy" in result:
        return _sentences_text(result)
    tp, fp, fn = (
        _count(result[k]) for k in ("true_positives", "false_positives", "false_negatives")
    )
    precision, recall, f1 = _scores(tp, fp, fn, result)
    lines = [
        f"{_count(result['pairs']):,} labelled pairs",
        "",
        f"Derivation edges   F1 {f1}   precision {precision}   recall {recall}",
        f"                   {tp} right · {fp} false · {fn} missed · "
        f"{_count(result['sibling_edges'])} between siblings",
    ]
    if result.get("direction_accuracy") is not None:
        lines.append(
            f"Direction          {_score(result['direction_accuracy'])}   of the {tp} true "
            "edges found, the share pointing the right way"
        )
    manner = _rows(result.get("manner_confusion"))
    if manner:
        right = sum(_count(r["count"]) for r in manner if r["true"] == r["predicted"])
        total = sum(_count(r["count"]) for r in manner)
        lines += [
            f"Manner             {_score(result['manner_accuracy'])}   {right} of {total}",
            "",
            "  manner labelled (rows) and said (columns)",
            *_matrix(manner, get_args(Manner)),
        ]
    extent = _rows(result.get("extent_confusion"))
    if extent:
        lines += [
            "",
            "  extent labelled (rows) and said (columns)",
            *_matrix(extent, get_args(Extent)),
        ]
    reliability = [r for r in _rows(result.get("reliability")) if _count(r["edges"])]
    if reliability:
        lines += ["", "  confidence    edges   right"]
        lines += [
            f"  {_number(r['low']):.1f} - {_number(r['high']):.1f}   {_count(r['edges']):6d}   "
            f"{100 * _number(r['right']):4.0f}%"
            for r in reliability
        ]
    mistakes = result.get("mistakes")
    if isinstance(mistakes, list) and mistakes:
        lines += ["", "Mistakes", *(f"  {m}" for m in mistakes)]
    return "\n".join(lines)


def _sentences_text(result: dict[str, object]) -> str:
    tp, fp, tn, fn = (
        _count(result[k])
        for k in ("true_positives", "false_positives", "true_negatives", "false_negatives")
    )
    if not tp + fp + tn + fn:
        return "0 sentence pairs: nothing to score"
    precision, recall, f1 = _scores(tp, fp, fn, result)
    return "\n".join(
        [
            f"{_count(result['pairs']):,} sentence pairs",
            "",
            f"Accuracy     {_score(result['accuracy'])}   (always saying the commoner label: "
            f"{_score(result['majority_class'])})",
            f"Precision    {precision}   recall {recall}   F1 {f1}"
            '   of "these two are one sentence"',
            f"Said one     {tp + fp:,}: {tp:,} right, {fp:,} wrong",
            f"Said two     {tn + fn:,}: {tn:,} right, {fn:,} wrong",
        ]
    )


def _scores(tp: int, fp: int, fn: int, result: dict[str, object]) -> tuple[str, str, str]:
    """Precision, recall and F1 as shown: "n/a" where nothing was said, or nothing was
    there to find (a perfect score over no edges says nothing)."""
    precision = _score(result["precision"]) if tp + fp else "n/a"
    recall = _score(result["recall"]) if tp + fn else "n/a"
    f1 = _score(result["f1"]) if tp + fp and tp + fn else "n/a"
    return precision, recall, f1


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _count(value: object) -> int:
    return int(_number(value))


def _score(value: object) -> str:
    return "n/a" if value is None else f"{_number(value):.3f}"


def _rows(value: object) -> list[dict[str, object]]:
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def _matrix(rows: list[dict[str, object]], order: tuple[str, ...]) -> list[str]:
    """A confusion table: labelled values down, said values across, in ``order`` (others
    after it, as they come), only the values that occur."""
    seen = [str(r[k]) for r in rows for k in ("true", "predicted")]
    names = [x for x in dict.fromkeys([*order, *seen]) if x in seen]
    counts = {(str(r["true"]), str(r["predicted"])): _count(r["count"]) for r in rows}
    first = max(len(x) for x in names) + 2
    widths = [max(len(x), 5) + 2 for x in names]  # each column as wide as its own name
    head = "  " + " " * first + "".join(f"{x:>{w}}" for x, w in zip(names, widths, strict=True))
    body = [
        "  "
        + f"{t:<{first}}"
        + "".join(f"{counts.get((t, p), 0):>{w}}" for p, w in zip(names, widths, strict=True))
        for t in names
        if any((t, p) in counts for p in names)
    ]
    return [head, *body]
