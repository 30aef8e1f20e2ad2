"""The diff of two aligned articles, row by row: what ``provenance diff`` shows.

``diff_rows(alignment)`` lays the two texts side by side in A's order: one row per aligned
sentence pair, a row for each sentence only one side has (B's own sentences where they fall
in B's order), pairs matched out of order marked as moved. Inside a pair, every word-level
edit is named by ``classify``: a respelling, a change of quote style or capitalisation, or
fact drift (a number, a name or the words of a quotation changed), which is news in itself.

Pure functions over the data model: no I/O, no Rich, no click, no SQL.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any, Literal

from .export import article_record, changed_facts, edge_record, evidence_record
from .labels import labels
from .model import Alignment, Article, Edge, EditOp, Graph, SentencePair, Verdict, reaches
from .tokens import STOPWORDS, normalize, spelling_key, unaccented, words

__all__ = [
    "NO_EDGE",
    "Change",
    "Diff",
    "DiffRow",
    "classify",
    "diff_record",
    "diff_rows",
    "fact_changes",
    "facts_detail",
    "marked_tokens",
]

ChangeKind = Literal[
    "same",
    "spelling",
    "punctuation",
    "quotes",
    "capitalisation",
    "number",
    "name",
    "quotation",
    "word",
    "added",
    "dropped",
    "clause added",
    "clause dropped",
]
RowKind = Literal["verbatim", "edited", "rewritten", "only in A", "only in B"]

FACT_DRIFT: frozenset[str] = frozenset({"number", "name", "quotation"})
STYLE: frozenset[str] = frozenset({"spelling", "punctuation", "quotes", "capitalisation"})
CLAUSE = 3  # words from which an addition or a cut is a clause

_QUOTE_MARKS = re.compile(r"[\"'“”„‟«»‘’‚‛`]")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_NUMBER_WORDS = {
    w: str(n)
    for n, w in enumerate("_ _ two three four five six seven eight nine ten eleven twelve".split())
    if n >= 2  # "one" is a pronoun as often as a number
}
_MONTHS = {
    m[:3]: m
    for m in "january february march april may june july august september october "
    "november december".split()
} | {"sept": "september"}


@dataclass(frozen=True)
class Change:
    """One word-level edit, named: ``Change("spelling", "canceled", "cancelled")``."""

    kind: ChangeKind
    a: str  # A's words ("" for an addition)
    b: str  # B's words ("" for a cut)

    @property
    def drift(self) -> bool:
        """A number, a name or a quotation changed: a fact, not a style."""
        return self.kind in FACT_DRIFT

    @property
    def gist(self) -> tuple[str, str]:
        """What to show of the edit, A's side and B's: a replacement that only adds or cuts
        words shows just those words ("preparations." -> "preparations, Xinhua news agency
        reported." shows "Xinhua news agency reported.")."""
        if self.kind in ("added", "clause added") and self.a:
            extra = _extra(self.b, self.a)
            return ("", extra) if not _splits_name(self.b, self.a) else (self.a, self.b)
        if self.kind in ("dropped", "clause dropped") and self.b:
            extra = _extra(self.a, self.b)
            return (extra, "") if not _splits_name(self.a, self.b) else (self.a, self.b)
        return self.a, self.b


@dataclass(frozen=True)
class DiffRow:
    """One row of the diff: an aligned pair, or a sentence only one side has.

    ``a_index`` / ``b_index`` are sentence indices (from 0; a run of them for sentences joined
    into one pair, none for the side that lacks the sentence); ``edits`` names every change,
    ``ops`` are the pair's word-level edit operations, equal runs included, so A's words with
    ``ops`` applied are B's.
    """

    kind: RowKind
    a_text: str
    b_text: str
    a_index: tuple[int, ...]
    b_index: tuple[int, ...]
    edits: tuple[Change, ...] = ()
    moved: bool = False
    ops: tuple[EditOp, ...] = ()

    @property
    def drift(self) -> tuple[Change, ...]:
        return tuple(c for c in self.edits if c.drift)


# --- naming an edit --------------------------------------------------------------------------


def classify(op: EditOp, *, quoted: bool = False, within: tuple[str, str] | None = None) -> Change:
    """Name a word-level edit.

    ``quoted``: the changed words sit inside a quotation on both sides, so a change of
    wording there (not of spelling or style) is a misquotation. ``within``: the two whole
    sentences the edit belongs to; with them, a number or name only counts as changed when
    the other sentence lacks it altogether (a fact that moves is not drift), and a capital
    at the start of a sentence does not make a name.
    """
    return Change(_kind(op, quoted, within or (op.a, op.b), bool(within)), op.a, op.b)


def _kind(op: EditOp, quoted: bool, within: tuple[str, str], sentences: bool) -> ChangeKind:
    if op.op == "equal":
        return "same"
    if op.op == "insert":
        return "quotation" if quoted else _sized("added", len(op.b.split()))
    if op.op == "delete":
        return "quotation" if quoted else _sized("dropped", len(op.a.split()))
    wa, wb = words(op.a), words(op.b)
    if [_THOUSANDS.sub("", w) for w in wa] == [_THOUSANDS.sub("", w) for w in wb]:
        return _style(op.a, op.b)
    if _SPACE.sub("", normalize(op.a)) == _SPACE.sub("", normalize(op.b)):
        return "punctuation"  # only spacing: "Trump's" and "Trump ’s" name one man
    if _folded(op.a) == _folded(op.b) or _initialism(op.a, op.b) or _initialism(op.b, op.a):
        return "spelling"  # house style: "Mäntyniemi"/"Mantyniemi", "U.K."/"UK"/"United Kingdom"
    (sa, sb), initial = within, not sentences
    if _swapped(_numbers(op.a), _numbers(op.b), _numbers(sa), _numbers(sb)):
        return "number"
    names_a, names_b = _names(sa, initial=initial), _names(sb, initial=initial)
    gone, new = _names(op.a, initial=True), _names(op.b, initial=True)
    if _swapped(gone, new, names_a, names_b) and not _one_name(gone, new):
        return "name"
    return _rewording(wa, wb, quoted)


def _rewording(wa: list[str], wb: list[str], quoted: bool) -> ChangeKind:
    ka, kb = [spelling_key(w) for w in wa], [spelling_key(w) for w in wb]
    if ka == kb:
        return "spelling"
    if quoted:
        return "quotation"
    if _within(ka, kb):
        return _sized("added", len(wb) - len(wa))
    if _within(kb, ka):
        return _sized("dropped", len(wa) - len(wb))
    return "word"


_APOSTROPHES = str.maketrans(dict.fromkeys("´’‘`ʼ", "'"))


def _folded(text: str) -> list[str]:
    """The words of ``text`` without accents, case, apostrophes or dots: what is left when
    house style is taken away ("Niinistö" / "Niinisto", "Court´s" / "Court’s", "U.S." / "US")."""
    bare = unaccented(text.translate(_APOSTROPHES)).casefold()
    return re.sub(r"[^\w\s]", "", bare).split()


def _initialism(short: str, long: str) -> bool:
    """Is ``short`` the initials of ``long``'s capitalised words ("U.S." of "United States",
    "UK" of "the United Kingdom")?"""
    letters = re.sub(r"[^A-Za-z]", "", short)
    capitals = [w for w in long.split() if w[:1].isupper()]
    return (
        2 <= len(letters) <= 4
        and letters.isupper()
        and len(capitals) >= 2
        and letters == "".join(w[0] for w in capitals)
    )


def _one_name(gone: Counter[str], new: Counter[str]) -> bool:
    """Does every name the edit takes out, or every name it puts in, stand for a name of the
    other side in another form: a plural, a demonym or an abbreviation ("Russia's" /
    "Russian President", "Ariz." / "Arizona")? A single letter (an initial) names nothing."""
    gone_ = [k for k in gone if len(k) > 1]
    new_ = [k for k in new if len(k) > 1]

    def related(x: str, y: str) -> bool:
        short, long = sorted((re.sub(r"'?s$", "", x), re.sub(r"'?s$", "", y)), key=len)
        return len(short) >= 3 and long.startswith(short)

    return (
        not gone_
        or not new_
        or all(any(related(g, n) for n in new_) for g in gone_)
        or all(any(related(n, g) for g in gone_) for n in new_)
    )


def _sized(kind: Literal["added", "dropped"], count: int) -> ChangeKind:
    """``count`` words added or dropped: a clause from ``CLAUSE`` words."""
    if count < CLAUSE:
        return kind
    return "clause added" if kind == "added" else "clause dropped"


def _swapped(gone: Counter[str], new: Counter[str], in_a: Counter[str], in_b: Counter[str]) -> bool:
    """A fact of the edit's A side that B's sentence has fewer of, and one of its B side that
    A's sentence has fewer of: a fact was replaced, not moved or repeated."""
    return any(in_a[x] > in_b[x] for x in gone) and any(in_b[x] > in_a[x] for x in new)


def _style(a: str, b: str) -> ChangeKind:
    """The same words: what differs is case, quote marks or other punctuation."""
    letters_a, letters_b = re.sub(r"\W", "", a), re.sub(r"\W", "", b)
    if letters_a != letters_b and letters_a.lower() == letters_b.lower():
        return "capitalisation"
    bare_a, bare_b = _QUOTE_MARKS.sub("", normalize(a)), _QUOTE_MARKS.sub("", normalize(b))
    return "quotes" if bare_a == bare_b else "punctuation"


def _numbers(text: str) -> Counter[str]:
    """The numbers in a text as runs of digits ("1,000" is one; "three" is "3")."""
    digits = re.findall(r"\d+", _THOUSANDS.sub("", text))
    return Counter(
        digits + [_NUMBER_WORDS[w] for w in _TOKEN.findall(text.lower()) if w in _NUMBER_WORDS]
    )


def _names(text: str, *, initial: bool) -> Counter[str]:
    """Capitalised words that are not function words, folded (spelling, month abbreviations).
    Unless ``initial``, a word that opens a sentence is a name only when it is capitalised
    somewhere else too."""
    t = normalize(text)
    found: Counter[str] = Counter()
    named: set[str] = set()
    for m in _TOKEN.finditer(t):
        word = m.group(0)
        if word[0].isupper() and word.lower() not in STOPWORDS:
            before = t[: m.start()].rstrip(" \t\n\"'“‘([")
            found[_name_key(word)] += 1
            if initial or before and before[-1] not in ".!?:":
                named.add(_name_key(word))
    return Counter({k: n for k, n in found.items() if k in named})


def _name_key(word: str) -> str:
    key = spelling_key(unaccented(word).lower().replace("’", "'"))
    return _MONTHS.get(key, key)


def _splits_name(longer: str, shorter: str) -> bool:
    """Would showing only the words ``longer`` adds cut a name in two ("Kremlin spokesman
    Dmitry" of "Kremlin spokesman Dmitry Peskov")?"""
    marked = marked_tokens(longer, shorter)
    return any(
        x != y and _capital(tx) and _capital(ty)
        for (tx, x), (ty, y) in zip(marked, marked[1:], strict=False)
    )


def _extra(longer: str, shorter: str) -> str:
    """The tokens of ``longer`` that ``shorter`` lacks, runs joined by " … "."""
    runs = groupby(marked_tokens(longer, shorter), key=itemgetter(1))
    return " … ".join(" ".join(t for t, _ in run) for extra, run in runs if extra)


def marked_tokens(longer: str, shorter: str) -> list[tuple[str, bool]]:
    """The whitespace tokens of ``longer``, each True when ``shorter`` lacks it (compared
    word by word, so "preparations." and "preparations," are one token)."""
    tokens = longer.split()
    keys = [" ".join(map(spelling_key, words(t))) for t in tokens]
    other = [" ".join(map(spelling_key, words(t))) for t in shorter.split()]
    matcher = difflib.SequenceMatcher(None, other, keys, autojunk=False)
    extra = {
        j for tag, _, _, j1, j2 in matcher.get_opcodes() if tag != "equal" for j in range(j1, j2)
    }
    return [(token, j in extra) for j, token in enumerate(tokens)]


def _within(short: list[str], long: list[str]) -> bool:
    """``short`` is ``long`` with words left out (in order), and ``long`` is longer."""
    rest = iter(long)
    return len(short) < len(long) and all(w in rest for w in short)


# --- rows ------------------------------------------------------------------------------------


def diff_rows(alignment: Alignment) -> list[DiffRow]:
    """The rows of the diff: A's sentences in order, paired or alone, with B's own sentences
    placed where they fall in B's order relative to the pairs around them."""
    pairs = sorted(alignment.pairs, key=lambda p: p.a)
    in_order = _in_order(pairs)
    firsts = {p.a[0]: p for p in pairs}
    joined = {i for p in pairs for i in p.a[1:]}
    rows: list[DiffRow] = []
    for s in alignment.a.sentences:
        if s.index in firsts:
            pair = firsts[s.index]
            rows.append(_pair_row(pair, moved=id(pair) not in in_order))
        elif s.index not in joined:
            rows.append(DiffRow("only in A", s.text, "", (s.index,), ()))
    b_only = [s for s in alignment.b.sentences if s.index not in alignment.b_aligned]
    return _with_b_only(rows, [DiffRow("only in B", "", s.text, (), (s.index,)) for s in b_only])


def _in_order(pairs: list[SentencePair]) -> set[int]:
    """ids of the pairs in the longest run whose B positions rise with A's: the rest moved."""
    best: list[list[SentencePair]] = []
    for n, pair in enumerate(pairs):
        before = [best[k] for k in range(n) if pairs[k].b[0] < pair.b[0]]
        best.append([*max(before, key=len, default=[]), pair])
    return {id(p) for p in max(best, key=len, default=[])}


def _with_b_only(rows: list[DiffRow], b_only: list[DiffRow]) -> list[DiffRow]:
    """Put each B-only row before the first in-order pair that comes after it in B."""
    out: list[DiffRow] = []
    pending = sorted(b_only, key=lambda r: r.b_index)
    for row in rows:
        if row.b_index and not row.moved:
            while pending and pending[0].b_index[0] < row.b_index[0]:
                out.append(pending.pop(0))
        out.append(row)
    return out + pending


def _pair_row(pair: SentencePair, *, moved: bool) -> DiffRow:
    return DiffRow(
        pair.relation,
        pair.a_text,
        pair.b_text,
        pair.a,
        pair.b,
        edits=changes(pair.edits, pair.a_text, pair.b_text),
        moved=moved,
        ops=pair.edits,
    )


def changes(ops: Sequence[EditOp], a_text: str, b_text: str) -> tuple[Change, ...]:
    """Every edit of ``ops`` (turning ``a_text`` into ``b_text``) named, equal runs left out."""
    quoted_a, quoted_b = _quoted(a_text.split()), _quoted(b_text.split())
    out: list[Change] = []
    i = j = 0
    tokens_a, tokens_b = a_text.split(), b_text.split()
    for op in ops:
        wa, wb = op.a.split(), op.b.split()
        if op.op != "equal":
            in_a = _quote_changed(wa, quoted_a, i, op.b)
            in_b = _quote_changed(wb, quoted_b, j, op.a)
            change = classify(op, quoted=in_a and in_b, within=(a_text, b_text))
            if op.op == "delete":
                change = _whole_name(change, tokens_a, i, i + len(wa))
            elif op.op == "insert":
                change = _whole_name(change, tokens_b, j, j + len(wb))
            out.append(change)
        i, j = i + len(wa), j + len(wb)
    return tuple(out)


def _capital(token: str) -> bool:
    bare = token.strip("\"'“”‘’([")
    return bool(bare) and bare[0].isupper()


def _whole_name(change: Change, tokens: list[str], start: int, end: int) -> Change:
    """A cut or an addition that ends (or starts) inside a name, as "Kremlin spokesman
    Dmitry" cut before "Peskov", named with the whole name on both sides: "Kremlin
    spokesman Dmitry Peskov" became "Peskov". What changed is the same; it reads whole."""
    if change.kind not in ("added", "dropped", "clause added", "clause dropped"):
        return change
    before, after = start, end
    while after < len(tokens) and _capital(tokens[after - 1]) and _capital(tokens[after]):
        after += 1
        if re.search(r"[^\w’']$", tokens[after - 1]):
            break  # "Dmitry Peskov," ends the name
    while before > 0 and _capital(tokens[before]) and _capital(tokens[before - 1]):
        if re.search(r"[^\w’']$", tokens[before - 1]):
            break
        before -= 1
    if (before, after) == (start, end):
        return change
    kept = " ".join(tokens[before:start] + tokens[end:after])
    whole = " ".join(tokens[before:after])
    changed, same = (whole, kept)
    return Change(
        change.kind, *((changed, same) if change.kind.endswith("dropped") else (same, changed))
    )


def _quote_changed(tokens: list[str], quoted: list[bool], at: int, other: str) -> bool:
    """Inside a quotation at position ``at``: do ``tokens`` carry words ``other`` lacks?
    With no tokens (the other side added or cut words), is ``at`` inside a quotation?"""
    if not tokens:
        return 0 < at < len(quoted) and quoted[at - 1] and quoted[at]
    kept = _keys(other)
    return any(q and not _keys(t) <= kept for t, q in zip(tokens, quoted[at:], strict=False))


def _keys(text: str) -> set[str]:
    return {spelling_key(w) for w in words(text)}


def _quoted(tokens: list[str]) -> list[bool]:
    """For each whitespace-separated token: does it sit inside double quotation marks?
    A token that opens or closes a quotation counts as inside; a sentence whose first mark
    closes a quotation starts inside one (the quotation began in an earlier sentence)."""
    marks = [_marks(t) for t in tokens]
    inside = next((m[0] for m in marks if m), "open") == "close"
    flags = []
    for found in marks:
        flags.append(inside or bool(found))
        inside = found[-1] == "open" if found else inside
    return flags


def _marks(token: str) -> list[str]:
    """The double quotation marks in a token, in order, each "open" or "close": curly
    marks say which they are; a straight one opens before the token's first letter."""
    out = []
    for k, ch in enumerate(token):
        if ch in "“„‟«":
            out.append("open")
        elif ch in "”»":
            out.append("close")
        elif ch == '"':
            out.append("close" if re.search(r"\w", token[:k]) else "open")
    return out


# --- the facts an edge changed ----------------------------------------------------------------

FACTS_SHOWN = 3  # changed facts named on an edge's line; the rest are counted


def fact_changes(alignment: Alignment, source: str) -> list[Change]:
    """Every number, name or quotation the derived text changed, read from ``source`` (one
    of the alignment's two articles) to the other, in the source's order, each once."""
    flip = source == alignment.b.id
    seen: set[tuple[str, str, str]] = set()
    out: list[Change] = []
    for pair in sorted(alignment.pairs, key=lambda p: p.a):
        if not _copied_sentence(pair):
            continue
        for c in changes(pair.edits, pair.a_text, pair.b_text):
            if not c.drift:
                continue
            c = Change(c.kind, c.b, c.a) if flip else c
            key = (c.kind, c.a, c.b)
            if key not in seen:
                seen.add(key)
                out.append(c)
    return out


COPIED_SENTENCE = 0.5  # share of a sentence's words left as they were, for it to be a copy


def _copied_sentence(pair: SentencePair) -> bool:
    """Was the sentence copied, with changes, rather than retold? Most of its words (on the
    longer side) are left as they were. In a retold sentence, other words are the point,
    and a name or figure worded differently is no changed fact."""
    same = sum(len(op.a.split()) for op in pair.edits if op.op == "equal")
    longer = max(len(pair.a_text.split()), len(pair.b_text.split()))
    return bool(longer) and (not pair.edits or same / longer >= COPIED_SENTENCE)


def fact_text(change: Change, most: int = 40) -> str:
    """A changed fact as a person says it: ``"47th" became "46th"``, ``the quotation "…"
    lost "not"``."""
    a, b = change.gist
    what = {"number": "the number", "name": "the name", "quotation": "a quotation"}[change.kind]
    if a and b:
        return f"“{clip(a, most)}” became “{clip(b, most)}”"
    if a:
        return f"{what} “{clip(a, most)}” was left out"
    return f"{what} “{clip(b, most)}” was put in"


def facts_detail(found: Sequence[Change]) -> str:
    """One line naming the changed facts: the first ``FACTS_SHOWN`` and a count of the rest."""
    shown = "; ".join(fact_text(c) for c in found[:FACTS_SHOWN])
    rest = len(found) - FACTS_SHOWN
    return shown + (f"; and {rest} more" if rest > 0 else "")


# --- the whole diff --------------------------------------------------------------------------


@dataclass(frozen=True)
class Diff:
    """Two articles side by side: the verdict on the pair (read A -> B), the rows, and
    what the stored graph says about the two when the diff was made from it."""

    a: Article
    b: Article
    verdict: Verdict
    rows: tuple[DiffRow, ...]
    edge: Edge | None = None  # the graph's edge between the two, either way
    note: str | None = None  # how the graph links them when it keeps no edge between them
    graph_read: bool = False  # made from a stored graph (else: two texts, read on their own)

    @classmethod
    def of(cls, alignment: Alignment, verdict: Verdict, *, graph: Graph | None = None) -> Diff:
        a, b = alignment.a.article, alignment.b.article
        edge = _edge_between(graph, a.id, b.id) if graph else None
        note = _graph_note(graph, a.id, b.id) if graph and edge is None else None
        rows = tuple(diff_rows(alignment))
        return cls(a, b, verdict, rows, edge, note, graph_read=graph is not None)

    @property
    def stored(self) -> str:
        """What the stored graph says of the pair, in a line: the edge's direction, or that
        it keeps none, or that no graph was read (the verdict is the pair's own reading)."""
        if not self.graph_read:
            return "no traced database read: the verdict is these two texts' own reading"
        if self.edge is None:
            return "no derivation stored between them"
        names = labels([self.a, self.b])
        return f"{names[self.edge.derived]} derived from {names[self.edge.source]}"

    @property
    def drift(self) -> list[tuple[DiffRow, Change]]:
        """Every fact that changed between the two, with its row."""
        return [(row, c) for row in self.rows for c in row.drift]

    def sentences(self, side: Literal["a", "b"]) -> tuple[int, int]:
        """(shared, all) sentences of one side."""
        counts = [(len(r.a_index if side == "a" else r.b_index), r.kind) for r in self.rows]
        shared = sum(n for n, kind in counts if not kind.startswith("only"))
        return shared, sum(n for n, _ in counts)


NO_EDGE = "the trace keeps no edge between them"


def _edge_between(graph: Graph, a: str, b: str) -> Edge | None:
    return next((e for e in graph.edges if {e.source, e.derived} == {a, b}), None)


def _graph_note(graph: Graph, a: str, b: str) -> str | None:
    """How the trace relates two articles it keeps no edge between: common sources, a chain
    through others, or nothing."""
    names = labels(d.article for d in graph.documents)
    names |= {h.id: f"an unseen {h.likely_outlet or 'source'} story" for h in graph.hidden}
    if a not in names or b not in names:
        return None
    sources = {node: {e.source for e in graph.edges if e.derived == node} for node in (a, b)}
    common = sorted(names.get(s, s) for s in sources[a] & sources[b])
    if common:
        return f"{NO_EDGE}: both come from {' and '.join(common)}"
    for up, down in ((a, b), (b, a)):
        if reaches(lambda n: [e.derived for e in graph.edges if e.source == n], up, down):
            return (
                f"the trace links them through other versions: {names[up]} -> ... -> {names[down]}"
            )
    return NO_EDGE


# --- as plain data ---------------------------------------------------------------------------


def diff_record(diff: Diff) -> dict[str, Any]:
    """The diff as the ``provenance diff --json`` object. ``stored`` is the trace's verdict
    (the stored edge, or that there is none); ``verdict`` is the pair read on its own,
    without the rest of the set: where the two differ, the stored one is the answer."""
    v = diff.verdict
    return {
        "a": article_record(diff.a),
        "b": article_record(diff.b),
        "stored": _stored_record(diff),
        "verdict": {
            "read_from": "the two texts on their own",
            "relation": v.relation,
            "extent": v.extent,
            "manner": v.manner,
            "confidence": v.confidence,
            "shared_sentences": v.shared,
            "coverage_a": v.coverage_a,
            "coverage_b": v.coverage_b,
            "evidence": [evidence_record(e) for e in v.evidence],
        },
        "edge": edge_record(diff.edge) if diff.edge else None,
        "note": diff.note,
        "rows": [_row_record(r) for r in diff.rows],
    }


def _stored_record(diff: Diff) -> dict[str, Any]:
    """The stored verdict on the pair: its direction, manner, extent, confidence, credit and
    changed facts, as the trace decided them."""
    edge = diff.edge
    if edge is None:
        return {
            "graph_read": diff.graph_read,
            "edge": False,
            "says": diff.stored,
            "note": diff.note,
        }
    facts = changed_facts(edge)
    return {
        "graph_read": True,
        "edge": True,
        "says": diff.stored,
        "source": diff.a.name if edge.source == diff.a.id else diff.b.name,
        "derived": diff.a.name if edge.derived == diff.a.id else diff.b.name,
        "manner": edge.manner,
        "extent": edge.extent,
        "confidence": edge.confidence,
        "credited": edge.credited,
        "changed_facts": facts.detail if facts else None,
    }


def _row_record(row: DiffRow) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "a_index": list(row.a_index),
        "b_index": list(row.b_index),
        "a_text": row.a_text,
        "b_text": row.b_text,
        "moved": row.moved,
        "edits": [{"kind": c.kind, "a": c.a, "b": c.b, "fact_drift": c.drift} for c in row.edits],
        "ops": [[op.op, op.a, op.b] for op in row.ops],
    }


def clip(text: str, most: int = 40) -> str:
    """Text on one line, cut at a word to ``most`` characters with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= most:
        return text
    cut = text[: most - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


_SAID = {
    "added": "adds",
    "clause added": "adds",
    "dropped": "cuts",
    "clause dropped": "cuts",
    "capitalisation": "capitals",
    "quotes": "quote marks",
    "word": "wording",
}


def change_text(change: Change, most: int = 40) -> str:
    """``spelling: canceled → cancelled``, ``adds “Xinhua news agency reported.”``,
    ``cuts: Kremlin spokesman Dmitry Peskov → Peskov``."""
    a, b = change.gist
    said = _SAID.get(change.kind, change.kind)
    if not a or not b:
        return f"{said} “{clip(a or b, most)}”"
    return f"{said}: {clip(a, most)} → {clip(b, most)}"


def sentence_number(index: tuple[int, ...]) -> str:
    """Sentence numbers from 1: ``4``, or ``4-6`` for sentences joined into one pair."""
    if not index:
        return ""
    first, last = index[0] + 1, index[-1] + 1
    return str(first) if first == last else f"{first}-{last}"
