"""Terminal views: the one module that imports Rich.

``trace_view(graph)`` turns a traced :class:`~provenance.model.Graph` into one Rich renderable:
a summary line, a tree per story family (who copied whom, how, and the evidence a journalist
would quote), the standalone articles and the commands to run next. Everything that comes from
article text goes through :func:`safe` and into :class:`~rich.text.Text` objects, so neither
terminal escape sequences nor Rich markup in an article can reach the terminal.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from .model import Article, Edge, Evidence, Graph, Manner, OutletFlow

__all__ = ["make_console", "pick_evidence", "print_trace", "progress", "safe", "trace_view"]

MANNER_STYLES: dict[str, str] = {"verbatim": "red", "edited": "yellow", "rewritten": "magenta"}
MANNER_MEANINGS: dict[str, str] = {
    "verbatim": "word for word",
    "edited": "with changes",
    "rewritten": "reworded",
}
_GUIDE = 4  # cells a level of a rich Tree adds on the left
_GAP = 3  # cells kept free between an article's description and its verdict
_MIN_LEFT = 12  # never squeeze an article's description below this
_EVIDENCE_LINES = 4
ALL_COMMANDS = frozenset({"diff", "show"})
_STANDALONE_SHOWN = 20

# --- untrusted text -------------------------------------------------------------------------

_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor movement, screen clearing
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window title, hyperlinks, clipboard
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]"  # every other escape sequence
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
# C0 and C1 controls except \t and \n, DEL, and the bidi overrides that reorder what is shown.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Strip terminal escape sequences and control characters, keeping newlines and tabs.

    ``\\r\\n`` and a lone ``\\r`` become ``\\n``. Bidirectional overrides are dropped too, so
    an article cannot make the terminal show text in an order other than the one stored.
    """
    text = re.sub(r"\r\n?", "\n", text)
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


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
        room = min(self.end, options.max_width) - self.right.cell_len
        left = self.left.copy()
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
    """Lookups over a graph: articles by id, edges by source, sources by derived article."""

    articles: dict[str, Article]
    children: dict[str, list[Edge]]
    sources: dict[str, list[str]]
    unseen: dict[str, int]  # ids of sources not in the set, numbered from 1
    outlets: dict[str, str] = field(default_factory=dict)  # hidden source -> likely outlet

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
        return cls(articles, children, sources, unseen, outlets)

    def name(self, node: str) -> str:
        """The article's name, or how an unseen source is called."""
        if node in self.articles:
            return _line(self.articles[node].name)
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


def _date(article: Article) -> str | None:
    """The date part of ``published``, only as precise as it is known."""
    if not article.published:
        return None
    day = _line(article.published).replace("T", " ").split(" ")[0]
    keep = {"year": 4, "month": 7}.get(article.date_precision or "", len(day))
    return day[:keep]


def _describe(node: str, index: _Index, *, style: str = "bold") -> Text:
    """``002.txt  Anadolu Agency · 2025-10-26 · ISTANBUL``, or an unseen source."""
    article = index.articles.get(node)
    if article is None:
        return Text.assemble((index.name(node), "italic"), ("  not in this set", "dim"))
    text = Text.assemble((_line(article.name), style), "  ")
    facts: list[Text] = []
    if article.outlet:
        facts.append(Text(_line(article.outlet)))
    date = _date(article)
    facts.append(Text(date, "dim") if date else Text("date unknown", "dim italic"))
    if article.dateline:
        facts.append(Text(_line(article.dateline), "dim"))
    return text.append_text(Text(" · ").join(facts))


def _verdict(edge: Edge) -> Text:
    """``edited · partially · 0.84`` in the manner's colour."""
    words = f"{edge.manner} · {edge.extent} · {edge.confidence:.2f}"
    return Text(words, MANNER_STYLES.get(edge.manner, ""))


# What a journalist quotes first: slips fixed or carried, house-style traces, named sources.
_INTEREST = {
    kind: n
    for n, kind in enumerate(
        (
            "conflict",
            "correction",
            "shared_error",
            "house_style",
            "common_source",
            "credited_source",
            "omission",
            "dates",
            "asymmetry",
            "truncation",
            "lede",
        )
    )
}


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
    credit = next((e for e in evidence if e.kind == "credit"), None)
    kept = [e for e in (coverage, credit) if e is not None]
    others = [e for e in evidence if not any(e is k for k in kept)]
    others.sort(key=lambda e: (_INTEREST.get(e.kind, len(_INTEREST)), -abs(e.weight)))
    room = max(limit - len(kept), 0)
    first, last = [coverage] if coverage else [], [credit] if credit else []
    return [*first, *others[:room], *last]


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
    row.notes += [Text(_line(e.detail), "dim") for e in pick_evidence(edge) if _line(e.detail)]
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
    counts = [
        _plural(len(graph.documents), "article"),
        _plural(len(graph.families()), "story family", "story families"),
        _plural(len(graph.edges), "derivation"),
        f"{len(graph.standalone())} standalone",
    ]
    left = Text(" · ".join(counts), "bold")
    return _Spread(left, Text(_line(db_path), "dim")) if db_path else left


def _standalone(graph: Graph, index: _Index) -> RenderableType:
    items = [_standalone_item(index.articles[n]) for n in graph.standalone()]
    if len(items) > _STANDALONE_SHOWN:
        more = len(items) - _STANDALONE_SHOWN
        items = [*items[:_STANDALONE_SHOWN], Text(f"and {more} more", "dim")]
    return _Flow(Text("Standalone: ", "bold"), items)


def _standalone_item(article: Article) -> Text:
    """``003.txt (Global Banking and Finance Review, credits Reuters)``."""
    about = [_line(article.outlet)] if article.outlet else []
    if article.credits:
        about.append("credits " + ", ".join(_line(c) for c in article.credits))
    item = Text(_line(article.name), "bold")
    return item.append(f" ({', '.join(about)})", "dim") if about else item


def _key(graph: Graph) -> RenderableType:
    present = {e.manner for e in graph.edges}
    manners: list[Manner] = [m for m in ("verbatim", "edited", "rewritten") if m in present]
    items = [Text.assemble((m, MANNER_STYLES[m]), f" = {MANNER_MEANINGS[m]}") for m in manners]
    return _Flow(Text("Key: ", "dim"), items)


def _next_commands(
    graph: Graph, index: _Index, db_path: str | None, available: frozenset[str] = ALL_COMMANDS
) -> list[str]:
    """What to run next: diff the first derivation, show another copy, browse the database.
    Only commands in ``available`` are suggested."""
    commands: list[str] = []
    pairs = [(e.source, e.derived) for e in graph.edges]
    visible = [p for p in pairs if all(n in index.articles for n in p)][:1]
    for pair in visible:
        commands.append("provenance diff " + " ".join(shlex.quote(index.name(n)) for n in pair))
    copies = [d for _, d in pairs if d in index.articles]
    others = [d for d in copies if not visible or d not in visible[0]]
    for node in (others or copies or [d.id for d in graph.documents])[:1]:
        commands.append(f"provenance show {shlex.quote(index.name(node))}")
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
    commands = [Text(c, "bold") for c in _next_commands(graph, index, db_path, available)]
    return _Flow(Text("Next: ", "bold"), commands, sep="  ·  ")


def _families(graph: Graph, index: _Index) -> list[RenderableType]:
    if not graph.edges:
        count = len(graph.documents)
        why = f"none of these {count} articles was copied from another"
        return [Text(f"No derivations found: {why if count > 1 else 'there is only one article'}.")]
    parts: list[RenderableType] = []
    for family in graph.families():
        parts += [_family_tree(family, index), Text()]
    return parts[:-1]


def trace_view(
    graph: Graph, *, db_path: str | None = None, available: frozenset[str] = ALL_COMMANDS
) -> RenderableType:
    """The terminal view of a trace, as one renderable; ``available`` names the provenance
    commands the "Next:" line may suggest."""
    if not graph.documents:
        return Group(
            Text("No articles found, so there is nothing to trace yet."),
            Text.assemble(
                "Give it a folder of articles, e.g. ", ("provenance trace ./articles", "bold")
            ),
        )
    index = _Index.of(graph)
    parts: list[RenderableType] = [_summary(graph, db_path), Text(), *_families(graph, index)]
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
) -> None:
    """Print :func:`trace_view` of ``graph`` on ``console``."""
    console.print(trace_view(graph, db_path=db_path, available=available))


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
