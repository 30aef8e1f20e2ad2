"""Reports: a traced graph as one page a journalist can send to an editor.

``TraceReport.of(graph)`` gathers what the page shows: every edge with the side-by-side diff
of its two articles (re-aligned as ``trace`` aligned them), and for each source not in the
set the diffs between its copies. ``html_report(report)`` writes one self-contained HTML page (no
script, no network: the lineage graph is an inline SVG drawn by :func:`lineage_svg`, the
styles are inline) and ``markdown_report(report)`` the same content as Markdown.

Article text is untrusted. Every piece of it is cleaned of control characters and escaped
(``html.escape`` in HTML and SVG, backslashes and entities in Markdown); nothing is inserted
raw, and the page carries a Content-Security-Policy that forbids scripts and remote loads.
Pure functions returning strings: no I/O, no Rich, no click, no SQL.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from . import __version__
from .diff import STYLE, Change, Diff, DiffRow, change_text, clip, marked_tokens, sentence_number
from .export import (
    DIRECTION_UNKNOWN,
    TELLING,
    Node,
    clean,
    credit_audit,
    direction_known,
    graph_nodes,
)
from .model import Article, Edge, EditOp, Evidence, Graph, HiddenSource, components
from .pipeline import Comparison, compare_stored

__all__ = [
    "EdgeReport",
    "HiddenReport",
    "TraceReport",
    "html_report",
    "lineage_svg",
    "markdown_report",
]

Compare = Callable[[Graph, str, str], Comparison]
COPIES_DIFFED = 3  # diffs shown between the copies of one unseen source, at most
_CREDIT_WORDS = {True: "credited", False: "not credited", None: "credit unknown"}
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
_MARKER_EDITS = 6
_EXAMPLE = 40


# --- what the report holds ------------------------------------------------------------------


@dataclass(frozen=True)
class EdgeReport:
    """An edge and the diff of its two articles (source as A); no diff when the source is
    not in the set."""

    number: int  # from 1, the edge's place in the report
    edge: Edge
    diff: Diff | None


@dataclass(frozen=True)
class HiddenReport:
    """A source not in the set and how its copies compare with each other."""

    hidden: HiddenSource
    diffs: tuple[Diff, ...]


@dataclass(frozen=True)
class TraceReport:
    """Everything the page shows, computed once for both formats."""

    graph: Graph
    edges: tuple[EdgeReport, ...]
    hidden: tuple[HiddenReport, ...] = ()
    database: str | None = None
    generated: str | None = None  # when the report was made, as the caller words it

    @classmethod
    def of(
        cls,
        graph: Graph,
        *,
        compare: Compare = compare_stored,
        database: str | None = None,
        generated: str | None = None,
    ) -> TraceReport:
        """Diff every edge whose two ends are stored articles, and the copies of each
        hidden source; ``compare(graph, a, b)`` aligns two articles of the graph."""
        articles = {d.id for d in graph.documents}

        def diff(a: str, b: str) -> Diff:
            comparison = compare(graph, a, b)
            return Diff.of(comparison.alignment, comparison.verdict, graph=graph)

        edges = tuple(
            EdgeReport(n, e, diff(e.source, e.derived) if e.source in articles else None)
            for n, e in enumerate(graph.edges, 1)
        )
        hidden = []
        for h in graph.hidden:
            copies = [m for m in h.members if m in articles]
            pairs = [(copies[0], other) for other in copies[1 : COPIES_DIFFED + 1] if copies]
            hidden.append(HiddenReport(h, tuple(diff(a, b) for a, b in pairs)))
        return cls(graph, edges, tuple(hidden), database, generated)


# --- shared wording -------------------------------------------------------------------------


def _esc(text: str | None) -> str:
    """Untrusted text for HTML: cleaned, then every special character escaped."""
    return html.escape(clean(text), quote=True)


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def _date(article: Article) -> str:
    if not article.published:
        return "date unknown"
    day = clean(article.published).replace("T", " ").split(" ")[0]
    keep = {"year": 4, "month": 7}.get(article.date_precision or "", len(day))
    return day[:keep]


def _about(node: Node) -> str:
    """``Anadolu Agency · 2025-10-26 · ISTANBUL``; for an unseen source, its outlet."""
    if node.article is None:
        return "a source not in this set"
    facts = [node.outlet or "outlet unknown", _date(node.article)]
    if node.article.dateline:
        facts.append(clean(node.article.dateline))
    return " · ".join(facts)


def _outlet(node: Node) -> str:
    return node.outlet or "outlet unknown"


def _summary(graph: Graph) -> str:
    uncredited = sum(e.credited is False for e in graph.edges)
    counts = [
        _plural(len(graph.documents), "article"),
        _plural(len(graph.families()), "story family", "story families"),
        _plural(len(graph.edges), "derivation"),
        f"{len(graph.standalone())} standalone",
        f"{uncredited} not credited",
    ]
    if graph.hidden:
        counts.append(_plural(len(graph.hidden), "source") + " not in the set")
    return " · ".join(counts)


def _verdict_words(edge: Edge) -> str:
    return f"{edge.manner} · {edge.extent} · confidence {edge.confidence:.2f}{_way(edge)}"


def _way(edge: Edge) -> str:
    return "" if direction_known(edge) else f" · {DIRECTION_UNKNOWN}"


def _ranked(evidence: Iterable[Evidence]) -> list[Evidence]:
    """Coverage first, then the reasons a journalist quotes first; the credit audit, which
    has its own place, left out."""
    rank = {kind: n for n, kind in enumerate(("coverage", *TELLING))}
    kept = [e for e in evidence if e.kind != "credit" and clean(e.detail)]
    return sorted(kept, key=lambda e: (rank.get(e.kind, len(rank)), -abs(e.weight)))


def _edge_evidence(edge: Edge, graph: Graph) -> list[Evidence]:
    hidden = next((h for h in graph.hidden if h.id == edge.source), None)
    extra = [e for e in hidden.evidence if e not in edge.evidence] if hidden else []
    return _ranked([*edge.evidence, *extra])


def _credit_line(edge: Edge, nodes: dict[str, Node]) -> str:
    """The credit audit of an edge and what the derived text names instead."""
    derived = nodes[edge.derived].article
    audit = credit_audit(edge) or "no credit check was possible"
    credits = [clean(c) for c in derived.credits] if derived else []
    named = f"; its credit lines name {', '.join(credits)}" if credits else "; it names no source"
    return audit + named


def _coverage(diff: Diff) -> str:
    (shared_a, all_a), (shared_b, all_b) = diff.sentences("a"), diff.sentences("b")
    a, b, v = clean(diff.a.name), clean(diff.b.name), diff.verdict
    return (
        f"{shared_a} of {a}'s {all_a} sentences are in {b} ({v.coverage_a:.0%} of its text); "
        f"{shared_b} of {b}'s {all_b} are in {a} ({v.coverage_b:.0%})"
    )


def _drift(diff: Diff) -> str:
    if not diff.drift:
        return "No number, name or quotation differs in the shared sentences."
    shown = "; ".join(f"{_clip_safe(c.a)} → {_clip_safe(c.b)}" for _, c in diff.drift[:5])
    more = f" and {len(diff.drift) - 5} more" if len(diff.drift) > 5 else ""
    return f"{_plural(len(diff.drift), 'fact')} changed: {shown}{more}"


def _what_changed(row: DiffRow) -> tuple[list[str], list[str]]:
    """A row's notes: (facts that changed, other edits), each edit named once with a count."""
    facts = [_edit_text(c) for c in row.drift]
    groups: dict[str, list[Change]] = {}
    for change in row.edits:
        if not change.drift:
            key = change.kind if change.kind in STYLE else str(len(groups))
            groups.setdefault(key, []).append(change)
    named = [
        _edit_text(g[0]) + (f" (+{len(g) - 1})" if len(g) > 1 else "") for g in groups.values()
    ]
    if len(named) > _MARKER_EDITS:
        rest = sum(len(g) for g in list(groups.values())[_MARKER_EDITS - 1 :])
        named = [*named[: _MARKER_EDITS - 1], f"… {_plural(rest, 'more edit')}"]
    if row.moved and row.b_index:
        named.insert(0, f"moved (B's sentence {row.b_index[0] + 1})")
    return facts, named


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
    if change.kind in STYLE - {"spelling"}:
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


# --- the lineage graph as SVG ---------------------------------------------------------------

BOX_W, BOX_H = 236, 50
GAP_X, ROW, _STRAIGHT = 220, 76, 160  # _STRAIGHT: the run into a copy that carries the words
MARGIN, CAPTION, BAND_GAP, STANDALONE_GAP = 16, 30, 18, 20
_NAME_CHARS, _ABOUT_CHARS, _CAPTION_CHARS = 27, 33, 110
_EDGE_COLOURS = {True: "#2e7d32", False: "#c62828", None: "#6b6b6b"}
_ARROWS = {True: "arrow-credited", False: "arrow-uncredited", None: "arrow-unknown"}


@dataclass(frozen=True)
class _Box:
    node: Node
    x: float
    y: float


@dataclass(frozen=True)
class _Band:
    caption: str
    top: float
    boxes: tuple[_Box, ...]
    height: float
    columns: int


def _families(graph: Graph, nodes: dict[str, Node]) -> list[list[str]]:
    """Groups of linked nodes (hidden sources included), in the order of the set."""
    root = components((e.source, e.derived) for e in graph.edges)
    order = {n: i for i, n in enumerate(nodes)}
    groups: dict[str, list[str]] = {}
    for node in sorted(root, key=lambda n: order.get(n, len(order))):
        groups.setdefault(root[node], []).append(node)
    return sorted(groups.values(), key=lambda g: order.get(g[0], len(order)))


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


def _slots(family: Sequence[str], edges: Sequence[Edge]) -> dict[str, float]:
    """Each node's row: copies one under another, a source centred beside its copies (a
    tidy tree over each article's first source; other sources are only drawn)."""
    primary: dict[str, str] = {}
    for e in edges:
        primary.setdefault(e.derived, e.source)
    children: dict[str, list[str]] = {}
    for derived, source in primary.items():
        children.setdefault(source, []).append(derived)
    slots: dict[str, float] = {}
    leaves = iter(range(len(family)))

    def place(node: str) -> float:
        slots[node] = -1.0  # being placed: a cycle back to it is not followed
        kids = [k for k in children.get(node, []) if k not in slots]
        rows = [place(k) for k in kids]
        slots[node] = (rows[0] + rows[-1]) / 2 if rows else float(next(leaves))
        return slots[node]

    for node in [n for n in family if n not in primary] + list(family):
        if node not in slots:  # roots first; only a cycle leaves nodes for the second pass
            place(node)
    return slots


def _family_band(family: list[str], graph: Graph, nodes: dict[str, Node], top: float) -> _Band:
    edges = [e for e in graph.edges if e.derived in family]
    depths, slots = _depths(family, edges), _slots(family, edges)
    low = min(slots.values())
    boxes = tuple(
        _Box(nodes[n], MARGIN + depths[n] * (BOX_W + GAP_X), top + CAPTION + (slots[n] - low) * ROW)
        for n in family
    )
    rows = max(slots.values()) - low + 1
    return _Band(_story(family, graph), top, boxes, CAPTION + rows * ROW, max(depths.values()) + 1)


def _story(family: Sequence[str], graph: Graph) -> str:
    """``Story: "title"`` from the family's first source with a title, else any member's."""
    articles = {d.id: d.article for d in graph.documents}
    derived = {e.derived for e in graph.edges}
    members = [n for n in family if n in articles]
    ordered = [n for n in members if n not in derived] + members
    title = next((clean(articles[n].title) for n in ordered if clean(articles[n].title)), "")
    if title or not members:
        return f'Story: "{title}"' if title else "Story"
    return f"Story: {clean(articles[members[0]].name)}"


def _standalone_band(ids: Sequence[str], nodes: dict[str, Node], top: float, width: float) -> _Band:
    """The standalone articles in rows, as many to a row as the families' width holds."""
    step = BOX_W + STANDALONE_GAP
    per_row = max(int((width - 2 * MARGIN + STANDALONE_GAP) // step), 3)
    boxes = tuple(
        _Box(nodes[n], MARGIN + (k % per_row) * step, top + CAPTION + (k // per_row) * ROW)
        for k, n in enumerate(ids)
    )
    rows = (len(ids) + per_row - 1) // per_row
    caption = "Standalone: nothing copied from or into them"
    return _Band(caption, top, boxes, CAPTION + rows * ROW, 0)


def _layout(graph: Graph, nodes: dict[str, Node]) -> tuple[list[_Band], float]:
    """Bands from top to bottom (a story family each, then the standalone articles) and
    the width the widest needs."""
    bands: list[_Band] = []
    top = float(MARGIN)
    for family in _families(graph, nodes):
        bands.append(_family_band(family, graph, nodes, top))
        top += bands[-1].height + BAND_GAP
    columns = max([b.columns for b in bands], default=1)
    width = 2 * MARGIN + columns * BOX_W + (columns - 1) * GAP_X
    if graph.standalone():
        bands.append(_standalone_band(graph.standalone(), nodes, top, width))
    right = max((box.x + BOX_W + MARGIN for band in bands for box in band.boxes), default=width)
    return bands, max(width, right)


def _fit(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _svg_box(box: _Box, anchor: str) -> str:
    node = box.node
    name = node.name if node.article else f"unseen {node.outlet or 'source'} story"
    kind = "hidden" if node.article is None else "article"
    dash = ' stroke-dasharray="6 4"' if node.article is None else ""
    return (
        f'<a href="#{anchor}"><g class="node {kind}" data-node="{html.escape(node.id)}">'
        f"<title>{html.escape(node.name)} · {html.escape(_about(node))}</title>"
        f'<rect x="{box.x:.0f}" y="{box.y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="7"{dash}/>'
        f'<text x="{box.x + 10:.0f}" y="{box.y + 20:.0f}" class="name">'
        f"{html.escape(_fit(name, _NAME_CHARS))}</text>"
        f'<text x="{box.x + 10:.0f}" y="{box.y + 38:.0f}" class="about">'
        f"{html.escape(_fit(_about(node), _ABOUT_CHARS))}</text></g></a>"
    )


def _svg_edge(edge: Edge, boxes: dict[str, _Box], number: int) -> str:
    """An arrow that bends out of the source and runs straight into the copy, its words
    above and below the straight part, where arrows into other copies cannot cross them."""
    a, b = boxes[edge.source], boxes[edge.derived]
    x1, y1 = a.x + BOX_W, a.y + BOX_H / 2
    x2, y2 = b.x - 3, b.y + BOX_H / 2
    bend = x2 - min(_STRAIGHT, (x2 - x1) * 0.65)
    mid = (x1 + bend) / 2
    colour = _EDGE_COLOURS[edge.credited]
    path = f"M{x1:.0f},{y1:.0f} C{mid:.0f},{y1:.0f} {mid:.0f},{y2:.0f} {bend:.0f},{y2:.0f} "
    path += f"L{x2:.0f},{y2:.0f}"
    words = f"{edge.manner} · {edge.extent} · {edge.confidence:.2f}"
    label_x = (bend + x2) / 2
    return (
        f'<a href="#edge-{number}"><g class="edge" data-source="{html.escape(edge.source)}" '
        f'data-derived="{html.escape(edge.derived)}">'
        f"<title>{html.escape(words)} · {_CREDIT_WORDS[edge.credited]}</title>"
        f'<path d="{path}" stroke="{colour}" marker-end="url(#{_ARROWS[edge.credited]})"/>'
        f'<text x="{label_x:.0f}" y="{y2 - 6:.0f}" fill="{colour}">{html.escape(words)}</text>'
        f'<text x="{label_x:.0f}" y="{y2 + 15:.0f}" fill="{colour}">'
        f"{_CREDIT_WORDS[edge.credited]}</text></g></a>"
    )


def _svg_defs() -> str:
    markers = "".join(
        f'<marker id="{_ARROWS[k]}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
        f'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{colour}"/></marker>'
        for k, colour in _EDGE_COLOURS.items()
    )
    return f"<defs>{markers}</defs>"


def lineage_svg(graph: Graph, *, anchors: dict[str, str] | None = None) -> str:
    """The lineage graph drawn as inline SVG: a band per story family with sources on the
    left and what was derived from them to the right, an arrow per derivation labelled
    manner · extent · confidence and coloured by credit (red: not credited), sources not in
    the set dashed; then the standalone articles. ``anchors`` maps node ids to the page
    anchors their boxes link to."""
    nodes = graph_nodes(graph)
    bands, width = _layout(graph, nodes)
    height = max((box.y + BOX_H + MARGIN for band in bands for box in band.boxes), default=MARGIN)
    boxes = {box.node.id: box for band in bands for box in band.boxes}
    anchors = anchors or {}
    parts = [
        f'<svg class="lineage" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'aria-labelledby="lineage-title"><title id="lineage-title">Lineage: who copied '
        f"whom</title>",
        _svg_defs(),
    ]
    for band in bands:
        caption = html.escape(_fit(band.caption, _CAPTION_CHARS))
        parts.append(f'<text class="caption" x="{MARGIN}" y="{band.top + 18:.0f}">{caption}</text>')
    numbers = {id(e): n for n, e in enumerate(graph.edges, 1)}
    parts += [_svg_edge(e, boxes, numbers[id(e)]) for e in graph.edges]
    parts += [_svg_box(box, anchors.get(box.node.id, "articles")) for box in boxes.values()]
    return "\n".join([*parts, "</svg>"])


# --- HTML -------------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; --ink: #1d1d1f; --dim: #5f6368; --line: #d9d9de;
  --red: #c62828; --green: #2e7d32; --grey: #6b6b6b; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial,
  sans-serif; color: var(--ink); margin: 0 auto; padding: 24px 32px 64px; max-width: 1400px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 40px 0 12px; padding-bottom: 4px; border-bottom: 2px solid
  var(--line); }
h3 { font-size: 17px; margin: 0 0 4px; }
h4 { font-size: 14px; margin: 16px 0 4px; text-transform: uppercase; letter-spacing: .04em;
  color: var(--dim); }
a { color: inherit; }
.dim, .meta { color: var(--dim); }
.summary { font-weight: 600; font-size: 16px; margin: 8px 0 0; }
.figure { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; padding: 8px;
  background: #fbfbfd; }
svg.lineage { display: block; max-width: none; font-family: system-ui, -apple-system,
  "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
svg.lineage .node rect { fill: #fff; stroke: #3c4043; stroke-width: 1.5; }
svg.lineage .node.hidden rect { fill: #f4f4f6; stroke: var(--grey); }
svg.lineage .node.hidden .name { font-style: italic; }
svg.lineage .node:hover rect { stroke-width: 2.5; }
svg.lineage .name { font-size: 13px; font-weight: 700; fill: var(--ink); }
svg.lineage .about { font-size: 11.5px; fill: var(--dim); }
svg.lineage .caption { font-size: 14px; font-weight: 700; fill: var(--ink); }
svg.lineage .edge path { fill: none; stroke-width: 2; }
svg.lineage .edge text { font-size: 11px; text-anchor: middle; paint-order: stroke;
  stroke: #fbfbfd; stroke-width: 4px; stroke-linejoin: round; }
.legend { font-size: 13px; color: var(--dim); margin: 6px 0 0; }
.legend b.red { color: var(--red); } .legend b.green { color: var(--green); }
.legend b.grey { color: var(--grey); }
section.edge, section.hidden-source { border: 1px solid var(--line); border-radius: 8px;
  padding: 16px 20px; margin: 18px 0; }
.verdict { font-size: 16px; margin: 4px 0; }
.manner { font-weight: 700; }
.manner.verbatim { color: #b71c1c; } .manner.edited { color: #8a6d00; }
.manner.rewritten { color: #8e24aa; }
.credit-no { color: var(--red); font-weight: 700; }
.credit-yes { color: var(--green); font-weight: 700; }
.credit-unknown { color: var(--grey); font-weight: 700; }
ul.evidence { margin: 4px 0; padding-left: 20px; }
.kind { display: inline-block; font-size: 11px; text-transform: uppercase; letter-spacing: .03em;
  color: var(--dim); border: 1px solid var(--line); border-radius: 4px; padding: 0 5px;
  margin-right: 6px; }
.fact-summary { color: var(--red); font-weight: 700; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left;
  vertical-align: top; }
th { background: #f4f4f6; font-weight: 600; }
table.diff { table-layout: fixed; margin-top: 8px; }
table.diff col.n { width: 3.2em; } table.diff col.what { width: 22%; }
table.diff td.n { color: var(--dim); text-align: right; font-variant-numeric: tabular-nums; }
table.diff tr.only-a td.a-text, table.diff tr.only-a td.n-a { background: #eef3fc; }
table.diff tr.only-b td.b-text, table.diff tr.only-b td.n-b { background: #edf7ee; }
table.diff td.what { font-size: 13px; color: var(--dim); }
table.diff td.what .row-kind { font-weight: 700; color: var(--ink); }
tr.verbatim .row-kind { color: #b71c1c !important; }
tr.edited .row-kind { color: #8a6d00 !important; }
tr.rewritten .row-kind { color: #8e24aa !important; }
tr.only-a .row-kind { color: #1a56b0 !important; }
.legend .row-verbatim { color: #b71c1c; } .legend .row-edited { color: #8a6d00; }
.legend .row-rewritten { color: #8e24aa; } .legend .row-only-a { color: #1a56b0; }
.legend .row-only-b { color: #2e7d32; }
tr.only-b .row-kind { color: #2e7d32 !important; }
del { color: #b71c1c; background: #fdecea; text-decoration: line-through; }
ins { color: #1b5e20; background: #e6f4ea; text-decoration: none; }
mark.sub { background: #fff3c4; }
mark.style { background: none; color: #8a6d00; }
mark.fact { background: #c62828; color: #fff; font-weight: 700; }
.fact-tag { background: #c62828; color: #fff; font-weight: 700; font-size: 11px;
  padding: 0 4px; border-radius: 3px; margin-right: 4px; }
tr.uncredited td { background: #fdf1f0; }
footer { margin-top: 48px; font-size: 13px; color: var(--dim); }
@media print { body { padding: 0; } section.edge { break-inside: avoid-page; }
  tr { break-inside: avoid; } .figure { overflow: visible; } }
"""

# The page loads nothing: no script, no remote style, font or image, even if escaping failed.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def html_report(report: TraceReport) -> str:
    """The report as one self-contained HTML page."""
    graph, nodes = report.graph, graph_nodes(report.graph)
    anchors = _anchors(graph, nodes)
    title = "Provenance report" + (f": {clean(report.database)}" if report.database else "")
    body = [
        f"<h1>{_esc(title)}</h1>",
        '<p class="meta">Who copied whom, how, and did they say so.</p>',
        f'<p class="summary">{_esc(_summary(graph))}</p>',
        *_html_lineage(graph, anchors),
        *_html_edges(report, nodes, anchors),
        *_html_hidden(report, nodes, anchors),
        *_html_credit_audit(graph, nodes, anchors),
        *_html_articles(graph, nodes, anchors),
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
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _anchors(graph: Graph, nodes: dict[str, Node]) -> dict[str, str]:
    """Page anchors of the nodes: articles in the articles table, unseen sources in theirs."""
    anchors = {n: f"article-{k}" for k, n in enumerate(nodes, 1) if nodes[n].article}
    anchors |= {h.id: f"hidden-{k}" for k, h in enumerate(graph.hidden, 1)}
    return anchors


def _link(node: str, nodes: dict[str, Node], anchors: dict[str, str]) -> str:
    label = nodes[node].name if node in nodes else "unseen source"
    if nodes.get(node) and nodes[node].article is None:
        label = f"an unseen {nodes[node].outlet or 'source'} story"
    return f'<a href="#{anchors.get(node, "articles")}">{_esc(label)}</a>'


def _html_lineage(graph: Graph, anchors: dict[str, str]) -> list[str]:
    legend = (
        '<p class="legend">Sources on the left, what was derived from them to the right. '
        "Each arrow: manner · extent · confidence. "
        '<b class="red">Red</b>: the copy does not name its source; <b class="green">green'
        '</b>: it does; <b class="grey">grey</b>: cannot tell. A dashed box is a source not '
        "in this set. Click an arrow for its evidence and diff.</p>"
    )
    if not graph.documents:
        return ['<h2 id="lineage">Lineage</h2>', "<p>No articles stored yet: trace some first.</p>"]
    return [
        '<h2 id="lineage">Lineage</h2>',
        f'<div class="figure">{lineage_svg(graph, anchors=anchors)}</div>',
        legend,
    ]


def _html_edges(report: TraceReport, nodes: dict[str, Node], anchors: dict[str, str]) -> list[str]:
    if not report.edges:
        return ['<h2 id="derivations">Derivations</h2>', "<p>No derivations found.</p>"]
    parts = ['<h2 id="derivations">Derivations</h2>', f'<p class="legend">{_html_key()}</p>']
    for item in report.edges:
        parts.append(_html_edge(item, report, nodes, anchors))
    return parts


def _html_key() -> str:
    """What the rows and the marks in the diffs mean."""
    rows = [
        f'<b class="row-{_ROW_CLASSES[k]}">{_esc(k)}</b> = {_esc(m)}'
        for k, m in _ROW_MEANINGS.items()
    ]
    marks = [
        "<del>cut from A</del>",
        "<ins>added in B</ins>",
        '<mark class="sub">changed</mark>',
        '<mark class="style">punctuation, quotes, capitals</mark>',
        '<span class="fact-tag">FACT</span> a number, name or quotation changed',
    ]
    return "Key: " + " · ".join(rows + marks)


def _credit_span(credited: bool | None) -> str:
    kind = {True: "yes", False: "no", None: "unknown"}[credited]
    return f'<span class="credit-{kind}">{_CREDIT_WORDS[credited]}</span>'


def _html_edge(
    item: EdgeReport, report: TraceReport, nodes: dict[str, Node], anchors: dict[str, str]
) -> str:
    edge = item.edge
    head = (
        f"{_link(edge.derived, nodes, anchors)} derived from {_link(edge.source, nodes, anchors)}"
    )
    verdict = (
        f'<span class="manner {edge.manner}">{_esc(edge.manner)}</span> · '
        f"{_esc(edge.extent)} · confidence {edge.confidence:.2f}{_way(edge)} · "
        f"{_credit_span(edge.credited)}"
    )
    parts = [
        f'<section class="edge" id="edge-{item.number}">',
        f"<h3>{item.number}. {head}</h3>",
        f'<p class="verdict">{verdict}</p>',
        "<h4>Evidence</h4>",
        _html_evidence(_edge_evidence(edge, report.graph)),
        "<h4>Credit</h4>",
        f"<p>{_esc(_credit_line(edge, nodes))}</p>",
        "<h4>Side by side</h4>",
    ]
    if item.diff is not None:
        parts.append(_html_diff(item.diff))
    else:
        hidden = anchors.get(edge.source, "unseen")
        parts.append(
            f'<p class="dim">The source is not in this set, so there is nothing to set beside '
            f'this copy. <a href="#{hidden}">See how its copies compare</a>.</p>'
        )
    return "\n".join([*parts, "</section>"])


def _html_evidence(evidence: Sequence[Evidence]) -> str:
    if not evidence:
        return '<p class="dim">No evidence stored.</p>'
    items = [
        f'<li><span class="kind">{_esc(e.kind.replace("_", " "))}</span>{_esc(e.detail)}</li>'
        for e in evidence
    ]
    return '<ul class="evidence">' + "".join(items) + "</ul>"


def _html_diff(diff: Diff) -> str:
    names = [f"{clean(x.name)} ({clean(x.outlet) or 'outlet unknown'})" for x in (diff.a, diff.b)]
    drift = _esc(_drift(diff))
    rows = "\n".join(_html_diff_row(row) for row in diff.rows)
    note = f'<p class="dim">{_esc(diff.note)}</p>' if diff.note else ""
    return (
        f"<p>{_esc(_coverage(diff))}</p>{note}"
        f'<p class="{"fact-summary" if diff.drift else "dim"}">{drift}</p>'
        f'<table class="diff"><colgroup><col class="n"><col><col class="n"><col>'
        f'<col class="what"></colgroup><thead><tr><th></th><th>A · {_esc(names[0])}</th>'
        f"<th></th><th>B · {_esc(names[1])}</th><th>what changed</th></tr></thead>"
        f"<tbody>\n{rows}\n</tbody></table>"
    )


def _html_words(pieces: Sequence[Piece], side: str) -> str:
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
    a_text = _html_words(a, "a") if row.a_index else ""
    b_text = _html_words(b, "b") if row.b_index else ""
    return (
        f'<tr class="{_ROW_CLASSES[row.kind]}">'
        f'<td class="n n-a">{sentence_number(row.a_index)}</td>'
        f'<td class="a-text">{a_text}</td><td class="n n-b">{sentence_number(row.b_index)}</td>'
        f'<td class="b-text">{b_text}</td><td class="what">{"".join(what)}</td></tr>'
    )


def _html_hidden(report: TraceReport, nodes: dict[str, Node], anchors: dict[str, str]) -> list[str]:
    if not report.hidden:
        return []
    parts = ['<h2 id="unseen">Sources not in this set</h2>']
    for item in report.hidden:
        h = item.hidden
        copies = ", ".join(_link(m, nodes, anchors) for m in h.members)
        parts += [
            f'<section class="hidden-source" id="{anchors.get(h.id, "unseen")}">',
            f"<h3>{_link(h.id, nodes, anchors)}</h3>",
            f"<p>Copies in this set: {copies}</p>",
            _html_evidence(_ranked(h.evidence)),
        ]
        for diff in item.diffs:
            parts += [
                f"<h4>How {_esc(diff.a.name)} and {_esc(diff.b.name)} compare</h4>",
                _html_diff(diff),
            ]
        parts.append("</section>")
    return parts


@dataclass(frozen=True)
class _Audit:
    """One derived article: what it names as its source, what it reused, and the verdict."""

    article: Article
    reused: tuple[Edge, ...]

    @property
    def uncredited(self) -> bool:
        return any(e.credited is False for e in self.reused)


def _audits(graph: Graph) -> list[_Audit]:
    by_derived: dict[str, list[Edge]] = {}
    for e in graph.edges:
        by_derived.setdefault(e.derived, []).append(e)
    return [
        _Audit(d.article, tuple(by_derived[d.id])) for d in graph.documents if d.id in by_derived
    ]


def _html_credit_audit(graph: Graph, nodes: dict[str, Node], anchors: dict[str, str]) -> list[str]:
    audits = _audits(graph)
    if not audits:
        return []
    rows = []
    for audit in audits:
        credits = ", ".join(clean(c) for c in audit.article.credits) or "no source named"
        reused = "<br>".join(
            f"{_link(e.source, nodes, anchors)} ({_esc(_outlet(nodes[e.source]))})"
            f" · {_esc(e.manner)} · {_esc(e.extent)}"
            for e in audit.reused
        )
        verdicts = "<br>".join(
            f"{_credit_span(e.credited)}: {_esc(credit_audit(e))}" for e in audit.reused
        )
        rows.append(
            f'<tr class="{"uncredited" if audit.uncredited else ""}">'
            f"<td>{_link(audit.article.id, nodes, anchors)}</td>"
            f"<td>{_esc(audit.article.outlet or 'outlet unknown')}</td><td>{_esc(credits)}</td>"
            f"<td>{reused}</td><td>{verdicts}</td></tr>"
        )
    return [
        '<h2 id="credit-audit">Credit audit</h2>',
        '<p class="dim">Each derived article: the outlets its text credits, the texts it '
        "reused, and whether it names the outlet it took them from.</p>",
        '<table class="audit"><thead><tr><th>article</th><th>outlet</th><th>credits in its '
        "text</th><th>reused from</th><th>credit</th></tr></thead><tbody>",
        *rows,
        "</tbody></table>",
    ]


def _role(node: str, graph: Graph) -> str:
    derived = any(e.derived == node for e in graph.edges)
    source = any(e.source == node for e in graph.edges)
    return {(True, True): "source and copy", (True, False): "copy", (False, True): "source"}.get(
        (derived, source), "standalone"
    )


def _html_articles(graph: Graph, nodes: dict[str, Node], anchors: dict[str, str]) -> list[str]:
    rows = []
    for d in graph.documents:
        a = d.article
        cells = [
            _esc(a.name),
            _esc(a.outlet or "unknown"),
            _esc(_date(a)),
            _esc(a.dateline or ""),
            _esc(a.title or ""),
            _esc(", ".join(a.credits)),
            str(len(d.sentences)),
            _esc(_role(a.id, graph)),
        ]
        tds = "".join(f"<td>{c}</td>" for c in cells)
        rows.append(f'<tr id="{anchors.get(a.id, "")}">{tds}</tr>')
    head = "".join(
        f"<th>{h}</th>"
        for h in (
            "name",
            "outlet",
            "published",
            "dateline",
            "title",
            "credits",
            "sentences",
            "role",
        )
    )
    return [
        '<h2 id="articles">Articles</h2>',
        f'<table class="articles"><thead><tr>{head}</tr></thead><tbody>',
        *rows,
        "</tbody></table>",
    ]


def _html_footer(report: TraceReport) -> str:
    made = f"Made by provenance {_esc(__version__)}"
    if report.database:
        made += f" from {_esc(report.database)}"
    if report.generated:
        made += f" on {_esc(report.generated)}"
    return f"<footer>{made}. Confidence is 0 to 1. Every verdict above lists its reasons.</footer>"


# --- Markdown ---------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|~#!<>])")


def _md(text: str | None) -> str:
    """Untrusted text for Markdown: cleaned, HTML characters as entities, Markdown's own
    characters backslash-escaped, so it shows as typed and never as markup."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(clean(text), quote=False))


def markdown_report(report: TraceReport) -> str:
    """The report as Markdown: the same content as the HTML page, the lineage as nested
    lists and each diff as a table."""
    graph, nodes = report.graph, graph_nodes(report.graph)
    title = "Provenance report" + (f": {clean(report.database)}" if report.database else "")
    lines = [f"# {_md(title)}", "", f"**{_md(_summary(graph))}**", ""]
    lines += _md_lineage(graph, nodes)
    lines += _md_edges(report, nodes)
    lines += _md_hidden(report, nodes)
    lines += _md_credit_audit(graph, nodes)
    made = f"Made by provenance {__version__}"
    if report.database:
        made += f" from {_md(report.database)}"
    if report.generated:
        made += f" on {_md(report.generated)}"
    return "\n".join([*lines, "---", "", made + ".", ""])


def _md_name(node: str, nodes: dict[str, Node]) -> str:
    n = nodes[node]
    if n.article is None:
        return f"*an unseen {_md(n.outlet or 'source')} story*"
    return f"**{_md(n.name)}**"


def _md_lineage(graph: Graph, nodes: dict[str, Node]) -> list[str]:
    lines = ["## Lineage", ""]
    for family in _families(graph, nodes):
        lines += [f"### {_md(_story(family, graph))}", ""]
        lines += _md_tree(family, graph, nodes)
        lines.append("")
    standalone = [_md(nodes[n].name) for n in graph.standalone()]
    if standalone:
        lines += [f"Standalone (nothing copied from or into them): {', '.join(standalone)}", ""]
    return lines


def _md_tree(family: Sequence[str], graph: Graph, nodes: dict[str, Node]) -> list[str]:
    """Each source, and under it, indented, what was derived from it."""
    derived = {e.derived for e in graph.edges}
    lines: list[str] = []

    def walk(node: str, depth: int, seen: frozenset[str]) -> None:
        for e in (e for e in graph.edges if e.source == node):
            credit = _CREDIT_WORDS[e.credited]
            lines.append(
                f"{'  ' * depth}- {_md_name(e.derived, nodes)} ({_md(_about(nodes[e.derived]))}): "
                f"{e.manner} · {e.extent} · {e.confidence:.2f}{_way(e)} · {credit}"
            )
            if e.derived not in seen:
                walk(e.derived, depth + 1, seen | {e.derived})

    for root in [n for n in family if n not in derived] or list(family[:1]):
        lines.append(f"- {_md_name(root, nodes)} ({_md(_about(nodes[root]))}): source")
        walk(root, 1, frozenset({root}))
    return lines


def _md_edges(report: TraceReport, nodes: dict[str, Node]) -> list[str]:
    key = " · ".join(f"**{k}** = {m}" for k, m in _ROW_MEANINGS.items())
    marks = "~~struck out~~ in A: cut or changed; **bold** in B: added or changed"
    lines = [
        "## Derivations",
        "",
        f"Key: {key} · {marks} · **FACT**: a number, name or quotation changed",
        "",
    ]
    if not report.edges:
        return [*lines, "No derivations found.", ""]
    for item in report.edges:
        lines += _md_edge(item, report.graph, nodes)
    return lines


def _md_edge(item: EdgeReport, graph: Graph, nodes: dict[str, Node]) -> list[str]:
    e = item.edge
    head = f"{_md_plain(e.derived, nodes)} derived from {_md_plain(e.source, nodes)}"
    lines = [
        f"### {item.number}. {head}",
        "",
        f"{_verdict_words(e)} · **{_CREDIT_WORDS[e.credited]}**",
        "",
        "**Evidence**",
        "",
        *_md_evidence(_edge_evidence(e, graph)),
        "",
        f"**Credit:** {_md(_credit_line(e, nodes))}",
        "",
    ]
    if item.diff is not None:
        lines += ["**Side by side**", "", *_md_diff(item.diff)]
    else:
        lines += ["The source is not in this set: see how its copies compare below.", ""]
    return lines


def _md_plain(node: str, nodes: dict[str, Node]) -> str:
    n = nodes[node]
    return _md(n.name) if n.article else f"an unseen {_md(n.outlet or 'source')} story"


def _md_evidence(evidence: Sequence[Evidence]) -> list[str]:
    if not evidence:
        return ["No evidence stored."]
    return [f"- *{_md(e.kind.replace('_', ' '))}:* {_md(e.detail)}" for e in evidence]


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


def _md_diff(diff: Diff) -> list[str]:
    a, b = (f"{_md(x.name)} ({_md(x.outlet or 'outlet unknown')})" for x in (diff.a, diff.b))
    lines = [_md(_coverage(diff)), ""]
    if diff.note:
        lines += [f"*{_md(diff.note)}*", ""]
    drift = _md(_drift(diff))
    lines += [f"**{drift}**" if diff.drift else drift, ""]
    lines += [f"| | A · {a} | | B · {b} | what changed |", "|--:|---|--:|---|---|"]
    for row in diff.rows:
        pa, pb = _row_pieces(row)
        facts, edits = _what_changed(row)
        what = [f"**{_md(row.kind)}**"] + [f"**FACT** {_md(f)}" for f in facts]
        what += [_md(x) for x in edits]
        lines.append(
            f"| {sentence_number(row.a_index)} | {_md_words(pa, 'a') if row.a_index else ''} "
            f"| {sentence_number(row.b_index)} | {_md_words(pb, 'b') if row.b_index else ''} "
            f"| {'<br>'.join(what)} |"
        )
    return [*lines, ""]


def _md_hidden(report: TraceReport, nodes: dict[str, Node]) -> list[str]:
    if not report.hidden:
        return []
    lines = ["## Sources not in this set", ""]
    for item in report.hidden:
        h = item.hidden
        copies = ", ".join(_md_plain(m, nodes) for m in h.members if m in nodes)
        lines += [f"### {_md_plain(h.id, nodes)}", "", f"Copies in this set: {copies}", ""]
        lines += [*_md_evidence(_ranked(h.evidence)), ""]
        for diff in item.diffs:
            lines += [f"**How {_md(diff.a.name)} and {_md(diff.b.name)} compare**", ""]
            lines += _md_diff(diff)
    return lines


def _md_credit_audit(graph: Graph, nodes: dict[str, Node]) -> list[str]:
    audits = _audits(graph)
    if not audits:
        return []
    lines = [
        "## Credit audit",
        "",
        "| article | outlet | credits in its text | reused from | credit |",
        "|---|---|---|---|---|",
    ]
    for audit in audits:
        a = audit.article
        credits = ", ".join(_md(c) for c in a.credits) or "no source named"
        reused = "<br>".join(
            f"{_md_plain(e.source, nodes)} ({_md(nodes[e.source].outlet or 'outlet unknown')}) "
            f"· {e.manner} · {e.extent}"
            for e in audit.reused
        )
        verdicts = "<br>".join(
            f"**{_CREDIT_WORDS[e.credited]}**: {_md(credit_audit(e))}" for e in audit.reused
        )
        outlet = _md(a.outlet or "outlet unknown")
        lines.append(f"| {_md(a.name)} | {outlet} | {credits} | {reused} | {verdicts} |")
    return [*lines, ""]


def _clip_safe(text: str, most: int = _EXAMPLE) -> str:
    """Untrusted text made safe and cut at a word with an ellipsis."""
    return clip(clean(text), most)


def _edit_text(change: Change) -> str:
    """An edit named with its (safe) example: ``spelling: canceled → cancelled``."""
    return change_text(Change(change.kind, clean(change.a), clean(change.b)), _EXAMPLE)
