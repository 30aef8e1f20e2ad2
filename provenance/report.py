"""Reports: a traced graph as one page a journalist can send to an editor.

``TraceReport.of(graph)`` gathers what the page shows, story family by story family (biggest
first): each family's derivations with their stored verdicts, and the side-by-side diffs of
a bounded number of them (``DIFFS_SHOWN`` in the whole report, ``DIFFS_PER_STORY`` per
family, the ones that changed facts or give no credit first), re-aligned as ``trace``
aligned them. ``html_report(report)`` writes one self-contained HTML page and
``markdown_report(report)`` the same content as Markdown; both take a ``TraceReport`` and
return a string.

The page reads top down: a title naming the biggest stories, the counts, a contents table of
the story families (size, derivations, how many give no credit, how many changed facts),
uncredited reuse by outlet, how to read the page (what a confidence of 0.3, 0.6 or 0.9
means), then one section per family: a small lineage drawing (an inline SVG per family, so
no drawing tangles two stories), one line per derivation with the stored verdict, the
changed facts and the credit, its reasons, and the diffs. A large set stays readable and
small: every derivation keeps its line and its reasons, but diffs are bounded, long diffs
show their telling rows, and each diff left out names the ``provenance diff`` command that
shows it.

Articles are named by ``labels.labels`` (outlet and headline for a web page), never by a
URL, which is kept as a link. Article text is untrusted: every piece of it is cleaned of
control characters and escaped (``html.escape`` in HTML and SVG, backslashes and entities
in Markdown); the page loads nothing and runs no script (a Content-Security-Policy forbids
both). Pure functions returning strings: no I/O, no Rich, no click, no SQL.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import __version__
from .diff import Change, Diff, DiffRow, clip, marked_tokens, sentence_number
from .direction import day_written, when
from .export import (
    CONFIDENCE_KEY,
    TELLING,
    Node,
    changed_facts,
    clean,
    credit_audit,
    direction_known,
    graph_nodes,
    outlet_flows,
)
from .labels import ID_PREFIX, command_ref, is_web, labels
from .model import Article, Edge, EditOp, Graph, HiddenSource
from .pipeline import Comparison, compare_stored

__all__ = [
    "DIFFS_PER_STORY",
    "DIFFS_SHOWN",
    "FULL_DERIVATIONS",
    "ROWS_SHOWN",
    "ROWS_SLACK",
    "EdgeReport",
    "HiddenReport",
    "Story",
    "TraceReport",
    "html_report",
    "lineage_svg",
    "markdown_report",
    "readable",
]

Compare = Callable[[Graph, str, str], Comparison]

# How much of a large set the page shows in full; everything else is counted and named.
DIFFS_SHOWN = 30  # side-by-side diffs in the whole report
DIFFS_PER_STORY = 2  # of them, in one story family
ROWS_SHOWN = 14  # rows of one diff; the others are counted, and the command shows them
ROWS_SLACK = 4  # a diff this much longer is shown whole: cutting so few rows saves nothing
COPIES_DIFFED = 2  # diffs between the copies of one unseen source
OUTLET_PAIRS_SHOWN = 25  # rows of "uncredited reuse by outlet"
REASONS_SHOWN = 6  # reasons listed under one derivation
STANDALONE_SHOWN = 60  # standalone articles named
STORIES_LISTED = 30  # rows of the families table shown before the rest are folded away
TITLE_STORIES = 2  # headlines named in the page's title
FULL_DERIVATIONS = 200  # derivations of the families shown in full; the rest in brief
DRAWN_MOST = 60  # articles and unseen sources a family's drawing shows at most
_REASON_CHARS = 260
_HEADLINE_CHARS = 90

_CREDIT_WORDS = {True: "credited", False: "gives no credit", None: "credit: cannot tell"}
_CREDIT_SHORT = {True: "credited", False: "no credit", None: "credit?"}
_CREDIT_CLASS = {True: "yes", False: "no", None: "unknown"}
_ROW_CLASSES = {
    "verbatim": "verbatim",
    "edited": "edited",
    "rewritten": "rewritten",
    "only in A": "only-a",
    "only in B": "only-b",
}
_ROW_MEANINGS = {
    "verbatim": "word for word",
    "edited": "with changes",
    "rewritten": "reworded",
    "only in A": "not in B",
    "only in B": "not in A",
}
# An evidence kind as a journalist names it (the stored kinds are the engine's).
_REASON_NAMES = {
    "copying": "copied wording",
    "coverage": "shared text",
    "correction": "slip fixed",
    "shared_error": "same slip",
    "house_style": "house style",
    "common_source": "common source",
    "credited_source": "names its source",
    "omission": "details left out",
    "dates": "dates",
    "asymmetry": "details",
    "lede": "own opening",
    "conflict": "conflicting signs",
}
_ON_THE_LINE = frozenset({"credit", "facts", "undecided"})  # shown on the edge's line itself
_MARKER_EDITS = 5
_EXAMPLE = 40

CONFIDENCE_LEGEND = (
    "Confidence (0 to 1) is how sure the arrow is: how surely the two texts share copied "
    "wording, times how clearly the evidence says which came first. "
    + "; ".join(f"{span}: {meaning}" for span, meaning in CONFIDENCE_KEY)
    + ". A derivation marked “direction unknown” has no clear sign of which came first: its "
    "arrow could point either way; check the side-by-side text before quoting it."
)


# --- what the report holds ------------------------------------------------------------------


@dataclass(frozen=True)
class EdgeReport:
    """An edge, its place in the page, and the diff of its two articles (source as A) when
    the report shows it: none when the source is not in the set or the diff is left out."""

    number: int  # from 1, the edge's place in the report
    edge: Edge
    diff: Diff | None


@dataclass(frozen=True)
class HiddenReport:
    """A source not in the set and how (some of) its copies compare with each other."""

    hidden: HiddenSource
    diffs: tuple[Diff, ...]


@dataclass(frozen=True)
class Story:
    """A story family: linked articles (and unseen sources), its derivations in page order."""

    number: int
    members: tuple[str, ...]  # node ids, sources first
    headline: str
    edges: tuple[EdgeReport, ...]
    hidden: tuple[HiddenReport, ...] = ()
    full: bool = True  # shown in full (drawing, reasons, articles), else in brief

    @property
    def articles(self) -> int:
        return sum(not m.startswith("hidden:") for m in self.members)

    @property
    def uncredited(self) -> int:
        return sum(item.edge.credited is False for item in self.edges)

    @property
    def changed_facts(self) -> int:
        return sum(bool(_facts(item.edge)) for item in self.edges)

    @property
    def undecided(self) -> int:
        return sum(not direction_known(item.edge) for item in self.edges)


@dataclass(frozen=True)
class TraceReport:
    """Everything the page shows, computed once for both formats."""

    graph: Graph
    stories: tuple[Story, ...]
    database: str | None = None
    generated: str | None = None  # when the report was made, as the caller words it

    @property
    def edges(self) -> tuple[EdgeReport, ...]:
        """Every derivation, in page order."""
        return tuple(item for story in self.stories for item in story.edges)

    @property
    def hidden(self) -> tuple[HiddenReport, ...]:
        return tuple(h for story in self.stories for h in story.hidden)

    @property
    def diffs(self) -> int:
        """Side-by-side diffs the report shows."""
        return sum(item.diff is not None for item in self.edges) + sum(
            len(h.diffs) for h in self.hidden
        )

    @classmethod
    def of(
        cls,
        graph: Graph,
        *,
        compare: Compare = compare_stored,
        database: str | None = None,
        generated: str | None = None,
        diffs: int = DIFFS_SHOWN,
    ) -> TraceReport:
        """Group the graph into story families and diff the derivations worth setting side
        by side, at most ``diffs`` in all; ``compare(graph, a, b)`` aligns two articles."""
        nodes = graph_nodes(graph)
        families = _families(graph, nodes)
        chosen = _chosen(graph, families[: _full(graph, families)], diffs)

        def diff(a: str, b: str) -> Diff:
            comparison = compare(graph, a, b)
            return Diff.of(comparison.alignment, comparison.verdict, graph=graph)

        stories, number = [], 0
        full = _full(graph, families)
        for k, family in enumerate(families, 1):
            items = []
            for edge in _family_edges(family, graph):
                number += 1
                shown = id(edge) in chosen
                items.append(
                    EdgeReport(number, edge, diff(edge.source, edge.derived) if shown else None)
                )
            hidden = tuple(
                HiddenReport(h, tuple(diff(a, b) for a, b in chosen.get(h.id, ())))
                for h in graph.hidden
                if h.id in family
            )
            headline = _story(family, graph)
            stories.append(Story(k, tuple(family), headline, tuple(items), hidden, k <= full))
        return cls(graph, tuple(stories), database, generated)


def _primary(edges: Sequence[Edge]) -> dict[str, Edge]:
    """Each derived article's main source: the one most of its text came from."""
    best: dict[str, Edge] = {}
    for e in edges:
        held = best.get(e.derived)
        if held is None or (e.coverage, e.confidence) > (held.coverage, held.confidence):
            best[e.derived] = e
    return best


def _families(graph: Graph, nodes: dict[str, Node]) -> list[list[str]]:
    """Story families as the trace counts them (``Graph.families``: articles linked by
    derivations, the most articles first), each with the unseen sources its members hang
    from; in each, sources before what was derived from them. The report and the terminal
    count and group the same families."""
    order = {n: i for i, n in enumerate(nodes)}
    derived = {e.derived for e in graph.edges}
    out = []
    for family in graph.families():
        members = set(family)
        unseen = [h.id for h in graph.hidden if members & set(h.members)]
        group = [*family, *unseen]
        out.append(sorted(group, key=lambda n: (n in derived, order.get(n, len(order)))))
    return out


def _full(graph: Graph, families: list[list[str]]) -> int:
    """How many of the families (biggest first) the page shows in full: until their
    derivations reach ``FULL_DERIVATIONS``, and at least one."""
    into = Counter(e.derived for e in graph.edges)
    used = 0
    for k, family in enumerate(families):
        used += sum(into[n] for n in family)
        if used >= FULL_DERIVATIONS:
            return k + 1
    return len(families)


def _family_edges(family: Sequence[str], graph: Graph) -> list[Edge]:
    """The family's edges, each source's copies together, from the top of the tree down."""
    members = set(family)
    rank = {n: i for i, n in enumerate(family)}
    edges = [e for e in graph.edges if e.derived in members]
    return sorted(edges, key=lambda e: (rank.get(e.source, 0), rank.get(e.derived, 0)))


def _interest(edge: Edge) -> tuple[bool, bool, float]:
    """Which derivation to set side by side first: changed facts, then no credit, then the
    surest."""
    return (not _facts(edge), edge.credited is not False, -edge.confidence)


def _chosen(
    graph: Graph, families: list[list[str]], budget: int
) -> dict[object, tuple[tuple[str, str], ...]]:
    """The diffs to make: ``id(edge)`` for an edge, a hidden source's id for (copy, copy)
    pairs; at most ``DIFFS_PER_STORY`` a family and ``budget`` in all, families with changed
    facts first, then in page order."""
    articles = {d.id for d in graph.documents}
    hidden = {h.id: h for h in graph.hidden}
    wanted: list[tuple[bool, int, object, tuple[tuple[str, str], ...]]] = []
    for k, family in enumerate(families):
        edges = [e for e in _family_edges(family, graph) if e.source in articles]
        picks = sorted(edges, key=_interest)[:DIFFS_PER_STORY]
        wanted += [(not _facts(e), k, id(e), ((e.source, e.derived),)) for e in picks]
        for node in family:
            if node in hidden and len(picks) < DIFFS_PER_STORY:
                copies = [m for m in hidden[node].members if m in articles]
                pairs = tuple((copies[0], c) for c in copies[1 : COPIES_DIFFED + 1])
                if pairs:
                    wanted.append((True, k, node, pairs))
    chosen: dict[object, tuple[tuple[str, str], ...]] = {}
    used = 0
    for _, _, key, pairs in sorted(wanted, key=lambda w: (w[0], w[1])):
        if used + len(pairs) <= budget:
            chosen[key] = pairs
            used += len(pairs)
    return chosen


def _story(family: Sequence[str], graph: Graph) -> str:
    """The family's headline: its first source's title, else any member's, else a label."""
    articles = {d.id: d.article for d in graph.documents}
    members = [n for n in family if n in articles]
    title = next((clean(articles[n].title) for n in members if clean(articles[n].title)), "")
    if title:
        return clip(title, _HEADLINE_CHARS)
    if members:
        return labels([articles[members[0]]])[members[0]]
    return "A story from a source not in this set"


# --- shared wording -------------------------------------------------------------------------


def _esc(text: str | None) -> str:
    """Untrusted text for HTML: cleaned, then every special character escaped."""
    return html.escape(clean(text), quote=True)


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


_ISO = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"(Z|[+-]\d{2}:?\d{2})?)?\b"
)


def _when(match: re.Match[str]) -> str:
    """An ISO date or time as a person writes it: ``7 Oct 2025``, ``7 Oct 2025, 11:15
    UTC+3``."""
    return when(match.group(0))


def readable(text: str) -> str:
    """Stored evidence as a person reads it: ISO dates and times written out, ``mark(s)``
    given its number."""
    text = _ISO.sub(_when, clean(text))
    return _COUNTED.sub(_counted, text)


_COUNTED = re.compile(r"\b(\d+) ((?:[\w-]+ ){0,2}[\w-]+)\((e?s)\)")


def _counted(match: re.Match[str]) -> str:
    count, noun, ending = match.groups()
    return f"{count} {noun}" if count == "1" else f"{count} {noun}{ending}"


def _date(article: Article) -> str:
    if not article.published:
        return "date unknown"
    return day_written(clean(article.published), article.date_precision)


def _facts(edge: Edge) -> str:
    """The stored changed facts of an edge, as the trace worded them."""
    found = changed_facts(edge)
    return clean(found.detail) if found else ""


@dataclass(frozen=True)
class _Names:
    """What to call every node on the page, and how to name an article in a command."""

    label: dict[str, str]
    nodes: dict[str, Node]
    refs: dict[str, str]
    raw: tuple[tuple[str, str], ...]  # (article name, label) where they differ, longest first

    @classmethod
    def of(cls, graph: Graph) -> _Names:
        nodes = graph_nodes(graph)
        arts = [d.article for d in graph.documents]
        label = {k: clean(v) for k, v in labels(arts).items()}
        for n in nodes.values():
            if n.article is None:
                label[n.id] = f"unseen {n.outlet} story" if n.outlet else "unseen source"
        refs = _refs(arts)
        raw = sorted(
            ((clean(a.name), label[a.id]) for a in arts if clean(a.name) != label[a.id]),
            key=lambda p: -len(p[0]),
        )
        return cls(label, nodes, refs, tuple(p for p in raw if len(p[0]) >= 8))

    def text(self, detail: str, ends: Sequence[str] = ()) -> str:
        """A stored line with article names (a URL for a web page) replaced by labels; the
        two ``ends`` of an edge, whose labels its line gives, by their outlets alone where
        the two outlets differ."""
        out = readable(detail)
        short = self._short(ends)
        for name, label in self.raw:
            if name in out:
                out = out.replace(name, short.get(name, label))
        return out

    def short(self, node: str, ends: Sequence[str]) -> str:
        """What to call one of an edge's two ends where the other is named beside it: its
        outlet, where the two outlets differ, else its label."""
        name = clean(self.nodes[node].name) if node in self.nodes else node
        return self._short(ends).get(name, self.label.get(node, name))

    def _short(self, ends: Sequence[str]) -> dict[str, str]:
        outlets = [self.nodes[n].outlet if n in self.nodes else None for n in ends]
        if len(ends) != 2 or not all(outlets) or outlets[0] == outlets[1]:
            return {}
        return {
            clean(self.nodes[n].name): str(o)
            for n, o in zip(ends, outlets, strict=True)
            if self.nodes[n].article
        }

    def outlet(self, node: str) -> str:
        n = self.nodes.get(node)
        return (n.outlet if n else None) or "outlet unknown"

    def diff_command(self, a: str, b: str) -> str:
        return f"provenance diff {self.refs.get(a, a[:8])} {self.refs.get(b, b[:8])}"


def _refs(articles: list[Article]) -> dict[str, str]:
    """``command_ref`` of every article, each weighed only against the articles it could be
    confused with (the same name, or the same first id characters): the same answer as
    against the whole set, without comparing every pair."""
    by_name: dict[str, list[Article]] = {}
    by_prefix: dict[str, list[Article]] = {}
    for a in articles:
        by_name.setdefault(a.name, []).append(a)
        by_prefix.setdefault(a.id[:ID_PREFIX], []).append(a)
    return {a.id: command_ref(a, by_name[a.name] + by_prefix[a.id[:ID_PREFIX]]) for a in articles}


def _summary(report: TraceReport) -> str:
    graph = report.graph
    counts = [
        _plural(len(graph.documents), "article"),
        _plural(len(report.stories), "story family", "story families"),
        _plural(len(graph.edges), "derivation"),
        f"{sum(s.uncredited for s in report.stories):,} give no credit",
        f"{sum(s.changed_facts for s in report.stories):,} changed facts",
        f"{len(graph.standalone()):,} standalone",
    ]
    if graph.hidden:
        counts.append(_plural(len(graph.hidden), "source") + " not in the set")
    return " · ".join(counts)


def _title(report: TraceReport) -> str:
    """The page's title: the biggest stories' headlines."""
    named = [clip(s.headline, 60) for s in report.stories[:TITLE_STORIES]]
    if not named:
        return "Provenance report: no derivations found"
    rest = len(report.stories) - len(named)
    more = f" and {_plural(rest, 'more story', 'more stories')}" if rest else ""
    return "Provenance: " + " · ".join(named) + more


def _verdict(edge: Edge) -> str:
    way = "" if direction_known(edge) else " · direction unknown"
    return f"{edge.manner} · {edge.extent} · confidence {edge.confidence:.2f}{way}"


def _credit(edge: Edge, names: _Names) -> str:
    """The stored credit flag, worded: ``credits Anadolu Agency``, ``gives no credit to
    Anadolu Agency (credits Xinhua instead)``, ``credit: cannot tell (why)``."""
    source, derived = names.nodes.get(edge.source), names.nodes.get(edge.derived)
    outlet = source.outlet if source else None
    if edge.credited is True:
        return f"credits {outlet}" if outlet else "credited"
    if edge.credited is None:
        why = names.text(credit_audit(edge), (edge.source, edge.derived))
        return f"credit: cannot tell ({why})" if why else "credit: cannot tell"
    own = derived.outlet if derived else None
    others = [
        clean(c)
        for c in (derived.article.credits if derived and derived.article else ())
        if c not in (outlet, own)
    ]
    words = f"gives no credit to {outlet}" if outlet else "gives no credit"
    return words + (f" (credits {', '.join(others)} instead)" if others else "")


def _reasons(edge: Edge, graph: Graph, names: _Names) -> list[tuple[str, str]]:
    """(name, detail) of the reasons behind an edge, those a journalist quotes first; what
    the edge's line already says left out."""
    hidden = next((h for h in graph.hidden if h.id == edge.source), None)
    extra = [e for e in hidden.evidence if e not in edge.evidence] if hidden else []
    rank = {kind: n for n, kind in enumerate(TELLING)}
    kept = [e for e in (*edge.evidence, *extra) if e.kind not in _ON_THE_LINE and clean(e.detail)]
    kept.sort(key=lambda e: (rank.get(e.kind, len(rank)), -abs(e.weight)))
    return [
        (
            _REASON_NAMES.get(e.kind, e.kind.replace("_", " ")),
            clip(names.text(e.detail, (edge.source, edge.derived)), _REASON_CHARS),
        )
        for e in kept[:REASONS_SHOWN]
    ]


def _coverage(diff: Diff, names: _Names) -> str:
    (shared_a, all_a), (shared_b, all_b) = diff.sentences("a"), diff.sentences("b")
    a, b = (names.short(x.id, (diff.a.id, diff.b.id)) for x in (diff.a, diff.b))
    return (
        f"{shared_a} of {all_a} sentences of {a} are in {b}; "
        f"{shared_b} of {all_b} sentences of {b} are in {a}"
    )


def _what_changed(row: DiffRow) -> tuple[list[str], list[str]]:
    """A row's notes: (facts that changed, other edits), each edit named once with a count."""
    facts = [_fact_text(c) for c in row.drift]
    groups: dict[str, list[Change]] = {}
    for change in row.edits:
        if not change.drift:
            groups.setdefault(change.kind, []).append(change)
    named = [
        _edit_text(g[0]) + (f" (and {len(g) - 1} more)" if len(g) > 1 else "")
        for g in groups.values()
    ]
    if len(named) > _MARKER_EDITS:
        rest = sum(len(g) for g in list(groups.values())[_MARKER_EDITS - 1 :])
        named = [*named[: _MARKER_EDITS - 1], f"… {_plural(rest, 'more edit')}"]
    if row.moved and row.b_index:
        named.insert(0, f"moved (B's sentence {row.b_index[0] + 1})")
    return facts, named


def _q(text: str) -> str:
    return f"“{clip(clean(text), _EXAMPLE)}”"


def _fact_text(change: Change) -> str:
    a, b = change.gist
    what = {"number": "number", "name": "name", "quotation": "quotation"}.get(change.kind, "")
    if a and b:
        return f"{_q(a)} became {_q(b)}"
    return f"{what} {_q(a)} left out" if a else f"{what} {_q(b)} put in"


def _edit_text(change: Change) -> str:
    """An edit as a person says it: ``respelt “canceled” as “cancelled”``, ``cut “…”``."""
    a, b = change.gist
    if change.kind in ("added", "clause added"):
        return f"added {_q(b)}"
    if change.kind in ("dropped", "clause dropped"):
        return f"cut {_q(a)}"
    if change.kind == "spelling":
        return f"respelt {_q(a)} as {_q(b)}"
    if change.kind in ("punctuation", "quotes", "capitalisation"):
        return f"{change.kind}: {clip(clean(a), _EXAMPLE)} → {clip(clean(b), _EXAMPLE)}"
    if a and b:
        return f"{_q(a)} → {_q(b)}"
    return f"added {_q(b)}" if b else f"cut {_q(a)}"


def _rows_shown(diff: Diff) -> list[DiffRow | int]:
    """The rows to show: all of a short diff; of a long one the ``ROWS_SHOWN`` most telling
    (changed facts, then edits, then sentences one side lacks), in order, each run left out
    as its count."""
    rows = list(diff.rows)
    if len(rows) <= ROWS_SHOWN + ROWS_SLACK:
        return list(rows)
    weight = {"edited": 1, "rewritten": 1, "only in A": 2, "only in B": 2, "verbatim": 3}

    def rank(k: int) -> tuple[int, int]:
        return (0 if rows[k].drift else weight[rows[k].kind], k)

    keep = set(sorted(range(len(rows)), key=rank)[:ROWS_SHOWN])
    out: list[DiffRow | int] = []
    for k, row in enumerate(rows):
        if k in keep:
            out.append(row)
        elif out and isinstance(out[-1], int):
            out[-1] += 1
        else:
            out.append(1)
    return out


# --- word-level highlights ------------------------------------------------------------------

Piece = tuple[str, str]  # (words, mark): "" plain, "del", "ins", "sub", "fact", "style"


def _row_pieces(row: DiffRow) -> tuple[list[Piece], list[Piece]]:
    """A's and B's words of a row, each marked with what happened to it."""
    if not row.ops:
        return [(row.a_text, "")], [(row.b_text, "")]
    a: list[Piece] = []
    b: list[Piece] = []
    changes = iter(row.edits)
    for op in row.ops:
        change = None if op.op == "equal" else next(changes, None)
        pieces_a, pieces_b = _op_pieces(op, change)
        a += pieces_a
        b += pieces_b
    return a, b


def _op_pieces(op: EditOp, change: Change | None) -> tuple[list[Piece], list[Piece]]:
    """Cut words ``del``, added ``ins``, substituted ``sub``, a changed fact ``fact``, a
    change of punctuation, quotes or capitals ``style``; inside a substitution that only adds
    or cuts words, just those words."""
    if change is None:
        return [(op.a, "")], [(op.b, "")]
    if change.drift:
        return [(op.a, "fact")], [(op.b, "fact")]
    if op.op == "replace" and change.kind in ("added", "clause added"):
        return [(op.a, "style")], _marked(op.b, op.a, "ins")
    if op.op == "replace" and change.kind in ("dropped", "clause dropped"):
        return _marked(op.a, op.b, "del"), [(op.b, "style")]
    if change.kind in ("punctuation", "quotes", "capitalisation"):
        return [(op.a, "style")], [(op.b, "style")]
    mark = {"delete": "del", "insert": "ins", "replace": "sub"}[op.op]
    return [(op.a, mark)], [(op.b, mark)]


def _marked(longer: str, shorter: str, mark: str) -> list[Piece]:
    return [(t, mark if extra else "style") for t, extra in marked_tokens(longer, shorter)]


def _merged(pieces: Sequence[Piece]) -> list[Piece]:
    """Neighbouring pieces with the same mark joined, empty ones dropped."""
    out: list[Piece] = []
    for words, mark in pieces:
        words = clean(words)
        if not words:
            continue
        if out and out[-1][1] == mark:
            out[-1] = (f"{out[-1][0]} {words}", mark)
        else:
            out.append((words, mark))
    return out


# --- the lineage of one story family as SVG -------------------------------------------------

BOX_W, BOX_H = 228, 58
GAP_X, ROW_GAP, ENTRY = 196, 16, 36  # ENTRY: room for one incoming arrow's two label lines
_STRAIGHT = 176  # the straight run into a copy, where its words are written
MARGIN = 12
SMALLEST = 0.7  # a wide drawing shrinks to fit the page down to this scale, then scrolls
_LINE_CHARS, _ABOUT_CHARS, _LABEL_CHARS = 27, 33, 30
_EDGE_COLOURS = {True: "#2e7d32", False: "#c62828", None: "#8a5a00"}
_ARROWS = {True: "arrow-credited", False: "arrow-uncredited", None: "arrow-unknown"}


@dataclass(frozen=True)
class _Box:
    node: str
    x: float
    y: float
    height: float
    entries: tuple[str, ...]  # sources whose arrows come in, top to bottom


def _depths(family: Sequence[str], edges: Sequence[Edge]) -> dict[str, int]:
    """Each node's column: the longest chain of sources above it (a cycle is cut short)."""
    depth = dict.fromkeys(family, 0)
    for _ in range(len(family)):
        changed = False
        for e in edges:
            if e.source in depth and e.derived in depth and depth[e.derived] <= depth[e.source]:
                depth[e.derived] = depth[e.source] + 1
                changed = True
        if not changed:
            break
    return {n: min(d, len(family) - 1) for n, d in depth.items()}


def _rows(family: Sequence[str], edges: Sequence[Edge], span: dict[str, float]) -> dict[str, float]:
    """Each node's top: copies one under another, a source level with the middle of its
    copies (a tidy tree over each article's first source)."""
    primary = {d: e.source for d, e in _primary(edges).items()}
    children: dict[str, list[str]] = {}
    for derived, source in primary.items():
        children.setdefault(source, []).append(derived)
    top: dict[str, float] = {}
    below = [0.0]  # the first free height under what is placed

    def place(node: str) -> float:
        top[node] = -1.0  # being placed: a cycle back to it is not followed
        kids = [k for k in children.get(node, []) if k not in top]
        tops = [place(k) for k in kids]
        if tops:
            first, last = tops[0], tops[-1] + span[kids[-1]]
            top[node] = max(first, (first + last - span[node]) / 2)
        else:
            top[node] = below[0]
        below[0] = max(below[0], top[node] + span[node] + ROW_GAP)
        return top[node]

    for node in [n for n in family if n not in primary] + list(family):
        if node not in top:  # roots first; only a cycle leaves nodes for the second pass
            place(node)
    return top


def _boxes(
    family: Sequence[str], edges: Sequence[Edge], outside: Sequence[str] = ()
) -> dict[str, _Box]:
    """Every node's box: columns by depth, rows by the tree, a box as tall as the arrows
    coming into it need; a source from another family (``outside``) just left of and level
    with what it was used in. Boxes of one column never overlap."""
    inner = set(family)
    depths = _depths(family, [e for e in edges if e.source in inner])
    incoming: dict[str, list[str]] = {n: [] for n in [*outside, *family]}
    for e in edges:
        incoming[e.derived].append(e.source)
    span = {n: float(max(BOX_H, ENTRY * len(incoming[n]) + 4)) for n in incoming}
    tops = _rows(family, [e for e in edges if e.source in inner], span)
    for n in outside:
        used = [e.derived for e in edges if e.source == n]
        depths[n] = max(min(depths[d] for d in used) - 1, 0)
        tops[n] = min(tops[d] for d in used)
    columns: dict[int, list[str]] = {}
    for n in [*outside, *family]:
        columns.setdefault(depths[n], []).append(n)
    for column in columns.values():  # push down what would overlap the box above
        column.sort(key=lambda n: tops[n])
        for above, below in zip(column, column[1:], strict=False):
            tops[below] = max(tops[below], tops[above] + span[above] + ROW_GAP)
    boxes = {}
    for n in [*outside, *family]:
        order = sorted(incoming[n], key=lambda s: tops.get(s, 0.0))
        x = MARGIN + depths[n] * (BOX_W + GAP_X)
        boxes[n] = _Box(n, x, MARGIN + tops[n], span[n], tuple(order))
    return boxes


def _wrap(text: str, width: int, lines: int) -> list[str]:
    """Words in at most ``lines`` lines of ``width`` characters, the last cut with …"""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words or (out and len(out[-1]) > width):
        out[-1] = clip(out[-1] + " " + " ".join(words), width)
    return out


def _about(node: Node) -> str:
    """``Anadolu Agency · 26 Oct 2025``; for an unseen source, what it is."""
    if node.article is None:
        return "not in this set"
    return f"{node.outlet or 'outlet unknown'} · {_date(node.article)}"


def _svg_box(box: _Box, names: _Names, anchor: str, *, elsewhere: bool = False) -> str:
    """An article's box: its label on two lines, then its outlet and date; a source from
    another story family says so, a source not in the set is dashed."""
    node = names.nodes[box.node]
    label = names.label[box.node]
    if node.article and is_web(node.article) and node.outlet and label.startswith(node.outlet):
        label = label[len(node.outlet) :].lstrip(": ")  # the outlet is on the line below
    lines = _wrap(label, _LINE_CHARS, 2)
    kind = "hidden" if node.article is None else "article"
    kind += " elsewhere" if elsewhere else ""
    x, y = box.x, box.y + (box.height - BOX_H) / 2
    texts = "".join(
        f'<text x="{x + 10:.0f}" y="{y + 19 + 16 * k:.0f}" class="name">{html.escape(line)}</text>'
        for k, line in enumerate(lines)
    )
    about = "in another story family" if elsewhere else _about(node)
    shown = [*lines, clip(about, _ABOUT_CHARS)]
    whole = [label, about]
    title = f"<title>{html.escape(' · '.join(whole))}</title>" if shown != whole else ""
    return (
        f'<a href="#{anchor}"><g class="node {kind}" data-node="{html.escape(box.node)}">{title}'
        f'<rect x="{x:.0f}" y="{box.y:.0f}" width="{BOX_W}" height="{box.height:.0f}" rx="7"/>'
        f'{texts}<text x="{x + 10:.0f}" y="{y + 19 + 16 * len(lines):.0f}" class="about">'
        f"{html.escape(clip(about, _ABOUT_CHARS))}</text></g></a>"
    )


def _entry_y(box: _Box, source: str) -> float:
    """Where an arrow from ``source`` comes into the box: its incoming arrows spread down
    the box's left side, ``ENTRY`` apart."""
    k = box.entries.index(source) if source in box.entries else 0
    first = box.y + box.height / 2 - ENTRY * (len(box.entries) - 1) / 2
    return first + ENTRY * k


def _edge_words(edge: Edge) -> tuple[str, str]:
    """The arrow's two lines: the stored verdict, then credit, changed facts and whether
    the direction is known."""
    first = f"{edge.manner} · {edge.extent} · {edge.confidence:.2f}"
    flags = [_CREDIT_SHORT[edge.credited]]
    if _facts(edge):
        flags.append("facts changed")
    if not direction_known(edge):
        flags.append("direction?")
    return first, clip(" · ".join(flags), _LABEL_CHARS)


def _svg_edge(edge: Edge, boxes: dict[str, _Box], number: int) -> str:
    """An arrow that bends out of the source and runs straight into the copy, its words
    above and below the straight part, inside the copy's own height, where the words of
    no other arrow can be. Its colour (the credit) comes from the page's style."""
    a, b = boxes[edge.source], boxes[edge.derived]
    x1, y1 = a.x + BOX_W, a.y + a.height / 2
    x2, y2 = b.x - 3, _entry_y(b, edge.source)
    bend = x2 - min(_STRAIGHT, max(x2 - x1, 0) * 0.8)
    mid = (x1 + bend) / 2
    path = f"M{x1:.0f},{y1:.0f}C{mid:.0f},{y1:.0f} {mid:.0f},{y2:.0f} {bend:.0f},{y2:.0f}"
    path += f"L{x2:.0f},{y2:.0f}"
    first, second = _edge_words(edge)
    label_x = (bend + x2) / 2
    kind = _CREDIT_CLASS[edge.credited]
    kind += "" if direction_known(edge) else " unsure"
    kind += " fact" if _facts(edge) else ""
    return (
        f'<a href="#edge-{number}"><g class="edge c-{kind}" data-source='
        f'"{html.escape(edge.source)}" data-derived="{html.escape(edge.derived)}">'
        f'<path d="{path}" marker-end="url(#arrow-{_CREDIT_CLASS[edge.credited]})"/>'
        f'<text x="{label_x:.0f}" y="{y2 - 5:.0f}">{html.escape(first)}</text>'
        f'<text x="{label_x:.0f}" y="{y2 + 13:.0f}" class="flags">{html.escape(second)}</text>'
        "</g></a>"
    )


_SVG_STYLE = (
    ".edge path{fill:none;stroke-width:2}"
    ".edge text{font-size:11.5px;text-anchor:middle;paint-order:stroke;stroke:#fbfbfd;"
    "stroke-width:4px;stroke-linejoin:round}"
    + "".join(
        f".c-{_CREDIT_CLASS[k]} path{{stroke:{c}}}.c-{_CREDIT_CLASS[k]} text{{fill:{c}}}"
        for k, c in _EDGE_COLOURS.items()
    )
    + ".unsure path{stroke-dasharray:7 5}.fact text.flags{font-weight:700}"
)


def _svg_defs() -> str:
    """The arrowheads (and, for a drawing on its own, the colours): once in a page."""
    markers = "".join(
        f'<marker id="arrow-{_CREDIT_CLASS[k]}" viewBox="0 0 10 10" refX="9" refY="5" '
        f'markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        for k, colour in _EDGE_COLOURS.items()
    )
    return f"<defs>{markers}</defs>"


def lineage_svg(
    graph: Graph,
    family: Sequence[str] | None = None,
    *,
    anchors: dict[str, str] | None = None,
    edge_numbers: dict[int, int] | None = None,
    standalone: bool = True,
    names: _Names | None = None,
) -> str:
    """One story family drawn as inline SVG: sources on the left, what was derived from
    them to the right, an arrow per derivation with its stored verdict above it and the
    credit (red: no credit), changed facts and an unknown direction below it, unseen
    sources dashed. ``family`` is the family's node ids (all of the graph's linked nodes
    when not given); ``anchors`` maps node ids to the page anchors their boxes link to and
    ``edge_numbers`` an edge (by ``id``) to its number in the page. A drawing inside a page
    (``standalone=False``) leaves the arrowheads and colours to the page."""
    names = names or _Names.of(graph)
    if family is None:
        family = [n for f in _families(graph, names.nodes) for n in f]
    members = set(family)
    edges = [e for e in graph.edges if e.derived in members]
    outside = list(dict.fromkeys(e.source for e in edges if e.source not in members))
    boxes = _boxes(family, edges, outside)
    width = max((b.x + BOX_W for b in boxes.values()), default=0.0) + MARGIN
    height = max((b.y + b.height for b in boxes.values()), default=0.0) + MARGIN
    numbers = edge_numbers or {id(e): n for n, e in enumerate(graph.edges, 1)}
    anchors = anchors or {}
    own = f"<style>{_SVG_STYLE}</style>{_svg_defs()}" if standalone else ""
    parts = [
        f'<svg class="lineage" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'style="min-width:{width * SMALLEST:.0f}px">'
        f"<title>Who took from whom</title>{own}",
        *(_svg_edge(e, boxes, numbers.get(id(e), 0)) for e in edges),
        *(
            _svg_box(b, names, anchors.get(b.node, ""), elsewhere=b.node not in members)
            for b in boxes.values()
        ),
        "</svg>",
    ]
    return "\n".join(parts)


# --- HTML -------------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; --ink: #1d1d1f; --dim: #55595e; --line: #d9d9de;
  --red: #c62828; --green: #2e7d32; --amber: #8a5a00; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial,
  sans-serif; color: var(--ink); margin: 0 auto; padding: 24px 32px 64px; max-width: 1400px; }
h1 { font-size: 24px; margin: 0 0 4px; line-height: 1.3; }
h2 { font-size: 20px; margin: 40px 0 8px; padding-bottom: 4px; border-bottom: 2px solid
  var(--line); }
h3 { font-size: 15px; margin: 18px 0 4px; }
a { color: inherit; }
.dim, .meta { color: var(--dim); }
.summary { font-weight: 600; font-size: 16px; margin: 8px 0 0; }
nav.toc { margin: 12px 0; font-size: 14px; } nav.toc a { margin-right: 14px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left;
  vertical-align: top; }
th { background: #f4f4f6; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.bad { color: var(--red); font-weight: 700; }
.legend { font-size: 14px; max-width: 75em; }
.legend p { margin: 4px 0; }
.figure { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; padding: 6px;
  background: #fbfbfd; margin: 8px 0; }
svg.lineage { display: block; max-width: 100%; height: auto; font-family: system-ui,
  -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
svg.lineage .node rect { fill: #fff; stroke: #3c4043; stroke-width: 1.5; }
svg.lineage .node.hidden rect { fill: #f4f4f6; stroke: #6b6b6b; stroke-dasharray: 6 4; }
svg.lineage .node.hidden .name, svg.lineage .elsewhere .about { font-style: italic; }
svg.lineage .node.elsewhere rect { fill: #f4f4f6; }
svg.lineage .node:hover rect { stroke-width: 2.5; }
svg.lineage .name { font-size: 13px; font-weight: 700; fill: var(--ink); }
svg.lineage .about { font-size: 12px; fill: var(--dim); }
section.story { margin-top: 8px; }
ol.edges { padding-left: 0; list-style: none; margin: 8px 0; }
ol.edges > li { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px;
  margin: 10px 0; }
.line { font-size: 15.5px; margin: 0; }
.num { color: var(--dim); font-variant-numeric: tabular-nums; margin-right: 4px; }
.manner { font-weight: 700; }
.manner.verbatim { color: #b71c1c; } .manner.edited { color: #8a6d00; }
.manner.rewritten { color: #8e24aa; }
.unknown-way { color: var(--amber); font-weight: 700; }
.credit-no { color: var(--red); font-weight: 700; }
.credit-yes { color: var(--green); font-weight: 700; }
.credit-unknown { color: var(--amber); font-weight: 700; }
.facts { color: #fff; background: var(--red); font-weight: 700; padding: 0 5px;
  border-radius: 3px; }
ul.reasons { margin: 4px 0 0; padding-left: 18px; font-size: 14px; }
.kind { font-size: 11px; text-transform: uppercase; letter-spacing: .03em; color: var(--dim);
  margin-right: 6px; font-weight: 600; }
details { margin: 6px 0 0; } summary { cursor: pointer; color: var(--dim); font-size: 14px; }
code { font-size: 13px; background: #f4f4f6; padding: 1px 4px; border-radius: 3px; }
.left-out { font-size: 13.5px; color: var(--dim); margin: 4px 0 0; }
table.diff { table-layout: fixed; margin-top: 6px; }
table.diff col.n { width: 3.2em; } table.diff col.what { width: 22%; }
table.diff td.n { color: var(--dim); text-align: right; font-variant-numeric: tabular-nums; }
table.diff tr.only-a td.a-text, table.diff tr.only-a td.n-a { background: #eef3fc; }
table.diff tr.only-b td.b-text, table.diff tr.only-b td.n-b { background: #edf7ee; }
table.diff tr.gap td { color: var(--dim); font-style: italic; background: #fafafa; }
table.diff td.what { font-size: 13px; color: var(--dim); }
table.diff td.what .row-kind { font-weight: 700; color: var(--ink); }
tr.verbatim .row-kind { color: #b71c1c !important; }
tr.edited .row-kind { color: #8a6d00 !important; }
tr.rewritten .row-kind { color: #8e24aa !important; }
tr.only-a .row-kind { color: #1a56b0 !important; }
tr.only-b .row-kind { color: #2e7d32 !important; }
.row-verbatim { color: #b71c1c; } .row-edited { color: #8a6d00; }
.row-rewritten { color: #8e24aa; } .row-only-a { color: #1a56b0; }
.row-only-b { color: #2e7d32; }
del { color: #b71c1c; background: #fdecea; text-decoration: line-through; }
ins { color: #1b5e20; background: #e6f4ea; text-decoration: none; }
mark.sub { background: #fff3c4; }
mark.style { background: none; color: #8a6d00; }
mark.fact { background: #c62828; color: #fff; font-weight: 700; }
.fact-tag { background: #c62828; color: #fff; font-weight: 700; font-size: 11px;
  padding: 0 4px; border-radius: 3px; margin-right: 4px; }
ul.members { columns: 2 32em; font-size: 14px; padding-left: 18px; margin: 4px 0; }
ul.members li { break-inside: avoid; }
.hidden-source { border: 1px dashed #6b6b6b; border-radius: 8px; padding: 10px 14px;
  margin: 10px 0; background: #fafafa; }
svg.defs { position: absolute; }
footer { margin-top: 48px; font-size: 13px; color: var(--dim); }
@media print { body { padding: 0; } ol.edges > li { break-inside: avoid-page; }
  tr { break-inside: avoid; } .figure { overflow: visible; } }
"""

# The page loads nothing: no script, no remote style, font or image, even if escaping failed.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def html_report(report: TraceReport) -> str:
    """The report as one self-contained HTML page."""
    names = _Names.of(report.graph)
    anchors = _anchors(report)
    title = _title(report)
    body = [
        f"<h1>{_esc(title)}</h1>",
        '<p class="meta">Who took whose text, how, and did they say so.</p>',
        f'<p class="summary" id="summary">{_esc(_summary(report))}</p>',
        _html_toc(report),
        *_html_outlets(report.graph),
        *_html_stories_table(report),
        *_html_legend(),
        f'<svg class="defs" width="0" height="0" aria-hidden="true">{_svg_defs()}</svg>',
        *(p for s in report.stories if s.full for p in _html_story(s, report, names, anchors)),
        *_html_brief(report, names, anchors),
        *_html_standalone(report.graph, names, anchors),
        _html_footer(report),
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">',
            f"<title>{_esc(title)}</title>",
            f"<style>{_CSS}{_SVG_STYLE}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _anchors(report: TraceReport) -> dict[str, str]:
    """Page anchors of the nodes: each article in its family's list of articles (or the
    standalone list), each unseen source in its family."""
    anchors: dict[str, str] = {}
    k = 0
    for story in report.stories:
        for node in story.members:
            k += 1
            anchors[node] = f"a{k}" if story.full else f"story-{story.number}"
    for node in report.graph.standalone():
        k += 1
        anchors[node] = f"a{k}"
    return anchors


def _html_toc(report: TraceReport) -> str:
    links = [("outlets", "Uncredited reuse by outlet"), ("stories", "Story families")]
    links += [("how-to-read", "How to read this report")]
    if any(not s.full for s in report.stories):
        links.append(("brief", "Smaller story families, in brief"))
    if report.graph.standalone():
        links.append(("standalone", "Standalone articles"))
    items = "".join(f'<a href="#{a}">{t}</a>' for a, t in links)
    return f'<nav class="toc"><b>Contents:</b> {items}</nav>'


def _html_stories_table(report: TraceReport) -> list[str]:
    if not report.stories:
        return ['<h2 id="stories">Story families</h2>', "<p>No derivations found.</p>"]
    head = (
        '<tr><th class="n">#</th><th>story</th><th class="n">articles</th>'
        '<th class="n">derivations</th><th class="n">give no credit</th>'
        '<th class="n">changed facts</th><th class="n">direction unknown</th></tr>'
    )
    rows = [
        f'<tr><td class="n">{s.number}</td><td><a href="#story-{s.number}">{_esc(s.headline)}'
        f'</a></td><td class="n">{s.articles}</td><td class="n">{len(s.edges)}</td>'
        f'<td class="n{" bad" if s.uncredited else ""}">{s.uncredited}</td>'
        f'<td class="n{" bad" if s.changed_facts else ""}">{s.changed_facts}</td>'
        f'<td class="n">{s.undecided}</td></tr>'
        for s in report.stories
    ]
    table = f'<table class="stories"><thead>{head}</thead><tbody>'
    parts = [
        '<h2 id="stories">Story families</h2>',
        '<p class="dim">Each story family: articles linked by copied text, the biggest first. '
        "Click a story for its lineage and its derivations.</p>",
        table,
        *rows[:STORIES_LISTED],
        "</tbody></table>",
    ]
    if len(rows) > STORIES_LISTED:
        rest = _plural(len(rows) - STORIES_LISTED, "other story family", "other story families")
        parts += [
            f"<details><summary>The {rest}</summary>{table}",
            *rows[STORIES_LISTED:],
            "</tbody></table></details>",
        ]
    return parts


def _uncredited_flows(graph: Graph) -> list[tuple[str, str, int, int]]:
    """(taken from, taken by, without credit, derivations) for each pair of outlets where
    one took from the other without credit, most first; an outlet's own versions left out."""
    flows = [
        (f.source, f.derived, f.uncredited, f.edges)
        for f in outlet_flows(graph)
        if f.uncredited and f.source != f.derived
    ]
    return sorted(flows, key=lambda f: (-f[2], -f[3], f[0], f[1]))


def _html_outlets(graph: Graph) -> list[str]:
    flows = _uncredited_flows(graph)
    parts = ['<h2 id="outlets">Uncredited reuse by outlet</h2>']
    if not flows:
        return [*parts, "<p>No outlet took another's text without credit.</p>"]
    rows = [
        f'<tr><td>{_esc(taker)}</td><td>{_esc(source)}</td><td class="n bad">{bad}</td>'
        f'<td class="n">{total}</td></tr>'
        for source, taker, bad, total in flows[:OUTLET_PAIRS_SHOWN]
    ]
    rest = len(flows) - OUTLET_PAIRS_SHOWN
    more = (
        f'<p class="left-out">{_plural(rest, "more pair")} of outlets not shown: '
        "<code>provenance outlets</code> lists them all.</p>"
        if rest > 0
        else ""
    )
    return [
        *parts,
        '<p class="dim">Who took text from whom without naming them.</p>',
        '<table class="outlets"><thead><tr><th>outlet</th><th>took text from</th>'
        '<th class="n">without credit</th><th class="n">derivations in all</th></tr></thead>'
        "<tbody>",
        *rows,
        "</tbody></table>",
        more,
    ]


def _html_legend() -> list[str]:
    rows = " · ".join(
        f'<b class="row-{_ROW_CLASSES[k]}">{_esc(k)}</b> = {_esc(m)}'
        for k, m in _ROW_MEANINGS.items()
    )
    marks = " · ".join(
        [
            "<del>cut</del>",
            "<ins>added</ins>",
            '<mark class="sub">changed</mark>',
            '<mark class="style">punctuation, quotes, capitals</mark>',
            '<mark class="fact">a changed fact</mark>',
        ]
    )
    return [
        '<h2 id="how-to-read">How to read this report</h2>',
        '<div class="legend">',
        "<p>Each derivation reads: the copy took from the source, then the verdict: "
        "<b>verbatim</b> (word for word), <b>edited</b> (with changes) or <b>rewritten</b> "
        "(reworded); <b>wholly</b> (the copy is mostly the source's text) or <b>partially"
        "</b>; then the confidence, the facts the copy changed "
        '(<span class="facts">changed facts</span>: a number, a name or a quotation), and '
        'whether the copy names its source (<span class="credit-no">gives no credit</span>, '
        '<span class="credit-yes">credited</span>, <span class="credit-unknown">credit: '
        "cannot tell</span>).</p>",
        f"<p>{_esc(CONFIDENCE_LEGEND)}</p>",
        "<p>In a lineage drawing, an arrow runs from the source to the copy: red when the "
        "copy gives no credit, green when it does, brown when it cannot be told; dashed when "
        "the direction is unknown. A dashed box is a source not in this set.</p>",
        f"<p>Side by side, A is the source and B the copy. Rows: {rows}. Words: {marks}.</p>",
        "</div>",
    ]


def _link(node: str, names: _Names, anchors: dict[str, str] | None) -> str:
    """The node's label, linked to its place in the page (plain without ``anchors``)."""
    if anchors is None:
        return _esc(names.label.get(node, node))
    return f'<a href="#{anchors.get(node, "stories")}">{_esc(names.label.get(node, node))}</a>'


def _html_story(
    story: Story, report: TraceReport, names: _Names, anchors: dict[str, str]
) -> list[str]:
    counts = [
        _plural(story.articles, "article"),
        _plural(len(story.edges), "derivation"),
        f"{story.uncredited} give no credit",
        f"{story.changed_facts} changed facts",
    ]
    numbers = {id(item.edge): item.number for item in story.edges}
    if len(story.members) <= DRAWN_MOST:
        svg = lineage_svg(
            report.graph,
            story.members,
            anchors=anchors,
            edge_numbers=numbers,
            standalone=False,
            names=names,
        )
    else:  # a drawing of a hundred boxes helps nobody: the lines below say it all
        svg = (
            f'<p class="note">{story.articles} articles: too many to draw legibly. Each '
            "derivation is listed below; <code>provenance show NAME</code> draws one "
            "article's lineage.</p>"
        )
    parts = [
        f'<section class="story" id="story-{story.number}">',
        f"<h2>Story {story.number}: {_esc(story.headline)}</h2>",
        f'<p class="summary">{_esc(" · ".join(counts))}</p>',
        f'<div class="figure">{svg}</div>',
        '<ol class="edges">',
        *(_html_edge(item, report.graph, names, anchors) for item in story.edges),
        "</ol>",
        *(_html_hidden(h, names, anchors) for h in story.hidden),
        "<h3>Articles in this story</h3>",
        _html_members(story.members, names, anchors),
        "</section>",
    ]
    return parts


def _html_brief(report: TraceReport, names: _Names, anchors: dict[str, str]) -> list[str]:
    """The families past the first ``FULL_DERIVATIONS`` derivations: each derivation's line
    (its stored verdict, changed facts and credit), without drawing, reasons or diffs."""
    brief = [s for s in report.stories if not s.full]
    if not brief:
        return []
    parts = [
        '<h2 id="brief">Smaller story families, in brief</h2>',
        f'<p class="left-out">{_plural(len(brief), "story family", "story families")} with '
        f"{_plural(sum(len(s.edges) for s in brief), 'derivation')}: each derivation's "
        "verdict, changed facts and credit, without drawing, reasons or side-by-side text "
        "(<code>provenance show NAME</code> shows an article's lineage and reasons, "
        "<code>provenance diff A B</code> two articles side by side).</p>",
    ]
    for story in brief:
        counts = f"{_plural(story.articles, 'article')} · {story.uncredited} give no credit"
        parts += [
            f'<section class="story brief" id="story-{story.number}">',
            f"<h3>Story {story.number}: {_esc(story.headline)} "
            f'<span class="dim">({_esc(counts)})</span></h3><ol class="edges brief">',
            *(f'<li id="edge-{i.number}">{_html_edge_line(i, names)}</li>' for i in story.edges),
            "</ol></section>",
        ]
    return parts


def _credit_span(edge: Edge, names: _Names) -> str:
    kind = _CREDIT_CLASS[edge.credited]
    return f'<span class="credit-{kind}">{_esc(_credit(edge, names))}</span>'


def _html_edge_line(item: EdgeReport, names: _Names, anchors: dict[str, str] | None = None) -> str:
    """The derivation on one line: who took from whom, the stored verdict, the changed facts
    and the credit."""
    e = item.edge
    took = "took from" if direction_known(e) else "and"
    way = "" if direction_known(e) else ' · <span class="unknown-way">direction unknown</span>'
    facts = _facts(e)
    facts_html = (
        f' · <span class="facts">changed facts: {_esc(names.text(facts))}</span>' if facts else ""
    )
    return (
        f'<p class="line"><span class="num">{item.number}.</span> '
        f"<b>{_link(e.derived, names, anchors)}</b> {took} <b>{_link(e.source, names, anchors)}"
        f'</b>: <span class="manner {_esc(e.manner)}">{_esc(e.manner)}</span> · '
        f"{_esc(e.extent)} · confidence {e.confidence:.2f}{way}{facts_html} · "
        f"{_credit_span(e, names)}</p>"
    )


def _html_edge(item: EdgeReport, graph: Graph, names: _Names, anchors: dict[str, str]) -> str:
    e = item.edge
    reasons = _reasons(e, graph, names)
    items = "".join(f'<li><span class="kind">{_esc(k)}</span>{_esc(d)}</li>' for k, d in reasons)
    parts = [
        f'<li id="edge-{item.number}">',
        _html_edge_line(item, names, anchors),
        f'<ul class="reasons">{items}</ul>' if items else "",
    ]
    if item.diff is not None:
        parts.append(_html_diff(item.diff, names, opened=item.number <= 3))
    elif e.source in names.refs:
        parts.append(
            f'<p class="left-out">Side by side: '
            f"<code>{_esc(names.diff_command(e.source, e.derived))}</code></p>"
        )
    return "".join([*parts, "</li>"])


def _html_diff(diff: Diff, names: _Names, *, opened: bool = False) -> str:
    a, b = (_column_name(x, names) for x in (diff.a, diff.b))
    shown = _rows_shown(diff)
    rows = "\n".join(
        _html_gap(row) if isinstance(row, int) else _html_diff_row(row) for row in shown
    )
    left = sum(r for r in shown if isinstance(r, int))
    command = names.diff_command(diff.a.id, diff.b.id)
    note = (
        f'<p class="left-out">{_plural(left, "row")} not shown: <code>{_esc(command)}</code> '
        "shows them all.</p>"
        if left
        else ""
    )
    return (
        f"<details{' open' if opened else ''}><summary>Side by side: "
        f"{_esc(_coverage(diff, names))}</summary>"
        f'<table class="diff"><colgroup><col class="n"><col><col class="n"><col>'
        f'<col class="what"></colgroup><thead><tr><th></th><th>A · {_esc(a)}</th>'
        f"<th></th><th>B · {_esc(b)}</th><th>what changed</th></tr></thead>"
        f"<tbody>\n{rows}\n</tbody></table>{note}</details>"
    )


def _column_name(article: Article, names: _Names) -> str:
    """A diff column's heading: the article's label, and its outlet unless the label has it."""
    label = names.label.get(article.id, clean(article.name))
    outlet = clean(article.outlet) or "outlet unknown"
    return label if label.startswith(outlet) else f"{label} ({outlet})"


def _html_gap(count: int) -> str:
    return f'<tr class="gap"><td></td><td colspan="4">⋯ {_plural(count, "row")} not shown</td></tr>'


def _html_words(pieces: Sequence[Piece]) -> str:
    out = []
    for words, mark in _merged(pieces):
        text = html.escape(words)
        if mark == "del":
            out.append(f"<del>{text}</del>")
        elif mark == "ins":
            out.append(f"<ins>{text}</ins>")
        elif mark:
            out.append(f'<mark class="{mark}">{text}</mark>')
        else:
            out.append(text)
    return " ".join(out)


def _html_diff_row(row: DiffRow) -> str:
    a, b = _row_pieces(row)
    facts, edits = _what_changed(row)
    what = [f'<span class="row-kind">{_esc(row.kind)}</span>']
    what += [f'<br><span class="fact-tag">FACT</span>{_esc(f)}' for f in facts]
    what += [f"<br>{_esc(e)}" for e in edits]
    a_text = _html_words(a) if row.a_index else ""
    b_text = _html_words(b) if row.b_index else ""
    return (
        f'<tr class="{_ROW_CLASSES[row.kind]}">'
        f'<td class="n n-a">{sentence_number(row.a_index)}</td>'
        f'<td class="a-text">{a_text}</td><td class="n n-b">{sentence_number(row.b_index)}</td>'
        f'<td class="b-text">{b_text}</td><td class="what">{"".join(what)}</td></tr>'
    )


def _html_hidden(item: HiddenReport, names: _Names, anchors: dict[str, str]) -> str:
    h = item.hidden
    copies = ", ".join(_link(m, names, anchors) for m in h.members)
    reasons = "".join(
        f'<li><span class="kind">{_esc(_REASON_NAMES.get(e.kind, e.kind))}</span>'
        f"{_esc(clip(names.text(e.detail), _REASON_CHARS))}</li>"
        for e in h.evidence
        if clean(e.detail)
    )
    diffs = "".join(_html_diff(d, names) for d in item.diffs)
    return (
        f'<div class="hidden-source"><b>{_esc(names.label[h.id])}</b>: a source not in this '
        f'set that {copies} share.<ul class="reasons">{reasons}</ul>{diffs}</div>'
    )


def _html_article(node: str, names: _Names, anchors: dict[str, str]) -> str:
    n = names.nodes[node]
    label = _esc(names.label[node])
    if n.article is None:
        return f'<li id="{anchors.get(node, "")}"><i>{label}</i></li>'
    a = n.article
    url = a.url or (a.name if is_web(a) else None)
    shown = (
        f'<a href="{_esc(url)}" rel="noreferrer noopener">{label}</a>'
        if url and url.startswith(("http://", "https://"))
        else label
    )
    ref = names.refs.get(node, "")
    about = f"{_esc(n.outlet or 'outlet unknown')} · {_esc(_date(a))}"
    credits = f" · credits {_esc(', '.join(clean(c) for c in a.credits))}" if a.credits else ""
    return (
        f'<li id="{anchors.get(node, "")}">{shown} <span class="dim">{about}{credits} · '
        f"<code>{_esc(ref)}</code></span></li>"
    )


def _html_members(members: Sequence[str], names: _Names, anchors: dict[str, str]) -> str:
    return (
        '<ul class="members">'
        + "".join(_html_article(m, names, anchors) for m in members)
        + "</ul>"
    )


def _html_standalone(graph: Graph, names: _Names, anchors: dict[str, str]) -> list[str]:
    alone = graph.standalone()
    if not alone:
        return []
    rest = len(alone) - STANDALONE_SHOWN
    more = (
        f'<p class="left-out">{_plural(rest, "more article")} not shown: '
        "<code>provenance show NAME</code> shows any article.</p>"
        if rest > 0
        else ""
    )
    return [
        '<h2 id="standalone">Standalone articles</h2>',
        f'<p class="dim">{_plural(len(alone), "article")} nothing was copied from or into.</p>',
        _html_members(alone[:STANDALONE_SHOWN], names, anchors),
        more,
    ]


def _html_footer(report: TraceReport) -> str:
    made = f"Made by provenance {_esc(__version__)}"
    if report.database:
        made += f" from {_esc(report.database)}"
    if report.generated:
        made += f" on {_esc(report.generated)}"
    return f"<footer>{made}. Every verdict above is the one the trace stored.</footer>"


# --- Markdown ---------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|~#!<>])")


def _md(text: str | None) -> str:
    """Untrusted text for Markdown: cleaned, HTML characters as entities, Markdown's own
    characters backslash-escaped, so it shows as typed and never as markup."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(clean(text), quote=False))


def markdown_report(report: TraceReport) -> str:
    """The report as Markdown: the same content as the HTML page, each family's lineage as
    nested lists and each diff as a table."""
    names = _Names.of(report.graph)
    lines = [f"# {_md(_title(report))}", "", f"**{_md(_summary(report))}**", ""]
    lines += _md_outlets(report.graph)
    lines += _md_stories_table(report)
    lines += ["## How to read this report", "", _md(CONFIDENCE_LEGEND), ""]
    for story in report.stories:
        if story.full:
            lines += _md_story(story, report.graph, names)
    brief = [s for s in report.stories if not s.full]
    if brief:
        lines += [
            "## Smaller story families, in brief",
            "",
            f"{_plural(len(brief), 'story family', 'story families')}: each derivation's "
            "verdict, changed facts and credit, without reasons or side-by-side text "
            "(`provenance show NAME` shows an article's lineage and reasons, "
            "`provenance diff A B` two articles side by side).",
            "",
        ]
        for story in brief:
            lines += [f'<a id="{_md_anchor(story)}"></a>', ""]
            lines += [f"### Story {story.number}: {_md(story.headline)}", ""]
            lines += [_md_edge_line(item, names) for item in story.edges]
            lines.append("")
    alone = report.graph.standalone()
    if alone:
        shown = ", ".join(_md(names.label[n]) for n in alone[:STANDALONE_SHOWN])
        rest = len(alone) - STANDALONE_SHOWN
        more = f" and {rest:,} more" if rest > 0 else ""
        lines += ["## Standalone articles", "", f"{shown}{more}", ""]
    made = f"Made by provenance {__version__}"
    if report.database:
        made += f" from {_md(report.database)}"
    if report.generated:
        made += f" on {_md(report.generated)}"
    return "\n".join([*lines, "---", "", made + ".", ""])


def _md_anchor(story: Story) -> str:
    return f"story-{story.number}"


def _md_stories_table(report: TraceReport) -> list[str]:
    if not report.stories:
        return ["## Story families", "", "No derivations found.", ""]
    lines = [
        "## Story families",
        "",
        "| # | story | articles | derivations | give no credit | changed facts |",
        "|--:|---|--:|--:|--:|--:|",
    ]
    for s in report.stories:
        lines.append(
            f"| {s.number} | [{_md(s.headline)}](#{_md_anchor(s)}) | {s.articles} | "
            f"{len(s.edges)} | {s.uncredited} | {s.changed_facts} |"
        )
    return [*lines, ""]


def _md_outlets(graph: Graph) -> list[str]:
    flows = _uncredited_flows(graph)
    lines = ["## Uncredited reuse by outlet", ""]
    if not flows:
        return [*lines, "No outlet took another's text without credit.", ""]
    lines += [
        "| outlet | took text from | without credit | derivations in all |",
        "|---|---|--:|--:|",
    ]
    lines += [
        f"| {_md(taker)} | {_md(source)} | {bad} | {total} |"
        for source, taker, bad, total in flows[:OUTLET_PAIRS_SHOWN]
    ]
    rest = len(flows) - OUTLET_PAIRS_SHOWN
    if rest > 0:
        lines += ["", f"{_plural(rest, 'more pair')} of outlets: `provenance outlets` lists them."]
    return [*lines, ""]


def _md_story(story: Story, graph: Graph, names: _Names) -> list[str]:
    lines = [
        f'<a id="{_md_anchor(story)}"></a>',
        "",
        f"## Story {story.number}: {_md(story.headline)}",
        "",
        f"{_plural(story.articles, 'article')} · {_plural(len(story.edges), 'derivation')} · "
        f"{story.uncredited} give no credit · {story.changed_facts} changed facts",
        "",
    ]
    lines += _md_tree(story, names)
    lines.append("")
    for item in story.edges:
        lines += _md_edge(item, graph, names)
    for h in story.hidden:
        lines += [f"**{_md(names.label[h.hidden.id])}**: a source not in this set.", ""]
        lines += [
            f"- *{_md(_REASON_NAMES.get(e.kind, e.kind))}:* {_md(names.text(e.detail))}"
            for e in h.hidden.evidence
        ]
        lines.append("")
        for d in h.diffs:
            lines += _md_diff(d, names)
    return lines


def _md_tree(story: Story, names: _Names) -> list[str]:
    """Each source, and under it, indented, what was derived from it."""
    edges = [item.edge for item in story.edges]
    derived = {e.derived for e in edges}
    lines: list[str] = []

    def walk(node: str, depth: int, seen: frozenset[str]) -> None:
        for e in (e for e in edges if e.source == node):
            first, second = _edge_words(e)
            lines.append(f"{'  ' * depth}- **{_md(names.label[e.derived])}**: {first} · {second}")
            if e.derived not in seen:
                walk(e.derived, depth + 1, seen | {e.derived})

    members = set(story.members)
    outside = list(dict.fromkeys(e.source for e in edges if e.source not in members))
    roots = [n for n in story.members if n not in derived] or list(story.members[:1])
    for root in [*outside, *roots]:
        where = ", in another story family" if root in outside else ""
        lines.append(f"- **{_md(names.label[root])}**: source{where}")
        walk(root, 1, frozenset({root}))
    return lines


def _md_edge_line(item: EdgeReport, names: _Names) -> str:
    e = item.edge
    took = "took from" if direction_known(e) else "and"
    facts = _facts(e)
    return (
        f"{item.number}. **{_md(names.label[e.derived])}** {took} "
        f"**{_md(names.label[e.source])}**: {_md(_verdict(e))}"
        + (f" · **changed facts: {_md(names.text(facts))}**" if facts else "")
        + f" · **{_md(_credit(e, names))}**"
    )


def _md_edge(item: EdgeReport, graph: Graph, names: _Names) -> list[str]:
    e = item.edge
    lines = [f'<a id="edge-{item.number}"></a>', "", _md_edge_line(item, names), ""]
    lines += [f"   - *{_md(k)}:* {_md(d)}" for k, d in _reasons(e, graph, names)]
    lines.append("")
    if item.diff is not None:
        lines += _md_diff(item.diff, names)
    elif e.source in names.refs:
        lines += [f"   Side by side: `{names.diff_command(e.source, e.derived)}`", ""]
    return lines


def _md_words(pieces: Sequence[Piece], side: str) -> str:
    """Cut and substituted words struck out on A's side, added and substituted words bold
    on B's; a changed fact both."""
    out = []
    for words, mark in _merged(pieces):
        text = _md(words)
        if mark in ("del", "sub", "fact") and side == "a":
            out.append(f"~~{text}~~")
        elif mark in ("ins", "sub", "fact") and side == "b":
            out.append(f"**{text}**")
        else:
            out.append(text)
    return " ".join(out)


def _md_diff(diff: Diff, names: _Names) -> list[str]:
    a, b = (_md(_column_name(x, names)) for x in (diff.a, diff.b))
    lines = [f"*{_md(_coverage(diff, names))}*", ""]
    lines += [f"| | A · {a} | | B · {b} | what changed |", "|--:|---|--:|---|---|"]
    shown = _rows_shown(diff)
    for row in shown:
        if isinstance(row, int):
            lines.append(f"| | ⋯ {_plural(row, 'row')} not shown | | | |")
            continue
        pa, pb = _row_pieces(row)
        facts, edits = _what_changed(row)
        what = [f"**{_md(row.kind)}**"] + [f"**FACT** {_md(f)}" for f in facts]
        what += [_md(x) for x in edits]
        lines.append(
            f"| {sentence_number(row.a_index)} | {_md_words(pa, 'a') if row.a_index else ''} "
            f"| {sentence_number(row.b_index)} | {_md_words(pb, 'b') if row.b_index else ''} "
            f"| {'<br>'.join(what)} |"
        )
    left = sum(r for r in shown if isinstance(r, int))
    if left:
        lines += [
            "",
            f"{_plural(left, 'row')} not shown: "
            f"`{names.diff_command(diff.a.id, diff.b.id)}` shows them all.",
        ]
    return [*lines, ""]
