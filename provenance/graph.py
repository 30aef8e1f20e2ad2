"""Graph stage: pairwise verdicts -> a derivation graph where each article hangs from the
closest version it was derived from.

Every pairwise verdict "B derived from A" is a candidate link. Links are taken closest first
(closeness: how much of the derived text the source explains, times how faithfully). A link
is dropped when it would close a cycle, or when the derived text's material that it explains
is already explained by a closer source: two copies of one wire story get edges from the
wire, not from each other, and a chain A -> B -> C gives A -> B and B -> C, not A -> C.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import groupby, pairwise

from .align import kept_words
from .diff import fact_changes, facts_detail
from .direction import (
    KNOWN,
    LEDE,
    UNDECIDED,
    confidence_of,
    credited,
    extent_of,
    link_strength,
    own_page,
    same_outlet,
    undecided,
)
from .direction import coverage as coverage_of
from .model import (
    Alignment,
    Article,
    Document,
    Edge,
    Evidence,
    Graph,
    HiddenSource,
    SentencePair,
    Verdict,
    components,
    reaches,
)
from .rules import rule
from .tokens import SENTENCE_CACHE, STOPWORDS, is_agency, outlet_key, spelling_key, words

WITNESSES_RULE = rule(
    "witnesses",
    "graph",
    "a weak pair is oriented by the other texts sharing its material: they follow the "
    "earlier version's wording",
)
EXPLAINED = rule(
    "explained",
    "graph",
    "a link whose material a closer source already explains is dropped (siblings, chains)",
)
STEMMA = rule(
    "stemma",
    "graph",
    "a text hangs from the latest version whose innovations it keeps (up to the earliest "
    "version that explains it, then down the copies it descends from)",
)
BORROWED = rule(
    "borrowed",
    "graph",
    "texts sharing only what one of them added to its own source hang from a hidden source",
)


@dataclass(frozen=True)
class GraphSettings:
    explained: float = 0.7  # share of a link's material already explained that drops it
    used: float = 0.25  # weight of "how much of the source the derived text uses" in closeness
    strong: float = 2.0  # a pair's direction evidence from which the collection is not asked


DEFAULT = GraphSettings()


@dataclass(frozen=True, slots=True)
class _Link:
    """Sets of sentences are bit masks (bit i: sentence i): a link is kept for every pair
    found to be a derivation, until the graph is built."""

    source: str
    derived: str
    closeness: float
    material: int  # the derived text's sentences this link explains
    used: float  # share of the source's body that the derived text uses
    verdict: Verdict
    drawn: int  # the source's sentences the derived text draws on
    # the derived text's sentences of its own: not in the source, or reading otherwise
    changed: int


def build_graph(
    documents: Iterable[Document],
    results: Iterable[tuple[Alignment, Verdict]],
    *,
    settings: GraphSettings = DEFAULT,
) -> Graph:
    """Reduce pairwise verdicts to the derivation graph."""
    docs = tuple(documents)
    results = list(results)
    readings = Readings(results)
    pairs = orient_by_collection(results, settings, readings)
    links = sorted(
        (_link(al, v) for al, v in pairs if v.relation in ("a->b", "b->a")),
        key=lambda k: (-k.closeness, -k.verdict.confidence, k.source, k.derived),
    )
    articles = {d.id: d.article for d in docs}
    chosen = _select(links, readings, settings)
    selected, borrowed = _borrowed(chosen, readings) if BORROWED.on else (chosen, set())
    edges = [_with_credit(e, articles) for e in selected]
    edges = _with_facts(edges, pairs)
    hidden, hidden_edges = hidden_sources(pairs, edges, borrowed)
    return Graph(
        documents=docs,
        edges=tuple(edges + hidden_edges),
        verdicts=tuple(v for _, v in pairs),
        alignments=tuple(al for al, _ in pairs),
        hidden=tuple(hidden),
    )


def _with_facts(edges: list[Edge], pairs: list[tuple[Alignment, Verdict]]) -> list[Edge]:
    """Name on each edge the numbers, names and quotations the derived text changed: a finding
    every view shows on the edge's line, decided here once (weight 0: no say in direction)."""
    by_pair = {frozenset((al.a.id, al.b.id)): al for al, _ in pairs}
    out = []
    for edge in edges:
        al = by_pair.get(frozenset((edge.source, edge.derived)))
        found = fact_changes(al, edge.source) if al else []
        if found:
            facts = Evidence("facts", facts_detail(found))
            # a copy that changed a fact is no word-for-word copy, however few words changed
            manner = "edited" if edge.manner == "verbatim" else edge.manner
            edge = replace(edge, manner=manner, evidence=(*edge.evidence, facts))
        out.append(edge)
    return out


def _borrowed(edges: list[Edge], readings: Readings) -> tuple[list[Edge], set[frozenset[str]]]:
    """Set apart the edges where the derived text draws on its source only for material that
    source did not take from its own sources: the two share text the source added. Unless
    the source is a later version of its own outlet's story (an update's new paragraphs are
    the outlet's own) or the derived text is that outlet's too, what two copies of a story
    share beyond the text the set holds they most likely had from a fuller version not in
    the set (a wire story that one outlet cut and another kept): a copy that lifts another
    copy's additions and none of its story is the rarer case. Returns the edges kept and
    the pairs set apart, which share a source not in the set. Their verdicts stay as the
    pairs were judged: this is the graph's reading of them, not the pair's."""
    sources: dict[str, list[str]] = {}
    derived: dict[str, int] = {}
    for e in edges:
        sources.setdefault(e.derived, []).append(e.source)
        derived[e.source] = derived.get(e.source, 0) + 1
    kept: list[Edge] = []
    borrowed: set[frozenset[str]] = set()
    for e in edges:
        if _strong(e):
            kept.append(e)  # a pair whose own evidence tells
            continue
        ways = [(e.source, e.derived)]
        if not _known(e) and not sources.get(e.source) and derived.get(e.source) == 1:
            # the arrow of a pair no evidence orients only places it: a text linked to
            # nothing else may as well be the one that shares the other's additions
            ways.append((e.derived, e.source))
        if any(_draws_on_additions(x, y, sources, readings) for x, y in ways):
            borrowed.add(frozenset((e.source, e.derived)))
        else:
            kept.append(e)
    return kept, borrowed


def _known(edge: Edge) -> bool:
    return all(x.kind != UNDECIDED for x in edge.evidence)


def _strong(edge: Edge) -> bool:
    """An edge its own pair's evidence orients beyond doubt (a credit, two times)."""
    return abs(sum(x.weight for x in edge.evidence)) >= DEFAULT.strong


def _draws_on_additions(
    source: str,
    derived: str,
    sources: dict[str, list[str]],
    readings: Readings,
) -> bool:
    """Whether ``derived`` draws on ``source`` only for what ``source`` did not take from
    its own sources (other than ``derived``), where that is not its own outlet's update."""
    ups = [up for up in sources.get(source, []) if up != derived]
    if not ups:
        return False  # a source with none of its own
    own_outlet = readings.versions(source, derived) or any(
        readings.versions(up, source) for up in ups
    )
    inherited = set().union(*(readings.of(source, up).keys() for up in ups))
    return not own_outlet and not inherited & readings.of(source, derived).keys()


SEVERAL = 3  # kept innovations that show descent: three words, or one figure
KEPT = 0.5  # share of a version's innovations a copy of it keeps: most of them


@dataclass(frozen=True)
class _Reading:
    sentences: tuple[int, ...]  # the reading text's sentences
    words: frozenset[str]


@dataclass(frozen=True)
class _Agreement:
    x: float  # share of x's own readings that the third text keeps
    y: float  # share of y's
    evidence: int  # weight of x's readings kept: a figure counts as several words


def _weight(kept: set[str]) -> int:
    return sum(SEVERAL if any(ch.isdigit() for ch in w) else 1 for w in kept)


class Readings:
    """What each text reads where it shares material with another: the stemmatic evidence
    of which version of a story a third text follows.

    A *reading* of ``x`` for a sentence of ``c`` is the words of x's sentence aligned with
    it. Where two versions ``x`` and ``y`` differ, x's own readings are the words of its
    sentence that y's version of that sentence lacks (a respelling, a changed figure, an
    added clause), or the whole sentence where y has none (one x added, or y dropped)."""

    def __init__(self, results: list[tuple[Alignment, Verdict]]) -> None:
        self._alignments: dict[tuple[str, str], Alignment] = {}
        self._neighbours: dict[str, list[str]] = {}
        for al, v in results:
            if v.relation == "none":
                continue
            self._alignments[(al.a.id, al.b.id)] = al
            self._alignments[(al.b.id, al.a.id)] = al
            self._neighbours.setdefault(al.a.id, []).append(al.b.id)
            self._neighbours.setdefault(al.b.id, []).append(al.a.id)
        self._read: dict[str, dict[str, dict[int, _Reading]]] = {}
        self._own: dict[str, dict[int, frozenset[str]]] = {}
        self._vocabulary: dict[str, frozenset[str]] = {}
        self._descends: dict[str, dict[tuple[str, str], bool]] = {}
        self._pairs: dict[str, frozenset[tuple[str, str]]] = {}
        self._texts: dict[str, dict[int, str]] = {}

    def neighbours(self, x: str) -> list[str]:
        return self._neighbours.get(x, [])

    def of(self, c: str, x: str) -> dict[int, _Reading]:
        """x's reading of each sentence of c the two share."""
        readings = self._read.setdefault(c, {})
        if x not in readings:
            al = self._alignments.get((c, x))
            read: dict[int, _Reading] = {}
            if al is not None:
                forward = al.a.id == c
                for p in al.pairs:
                    theirs = _Reading(
                        p.b if forward else p.a, _reading(p.b_text if forward else p.a_text)
                    )
                    for i in p.a if forward else p.b:
                        read[i] = theirs
            readings[x] = read
        return readings[x]

    def forget_all(self) -> None:
        """Drop what was worked out for the texts seen so far (their sources are chosen)."""
        caches = (self._read, self._descends, self._own, self._pairs, self._texts)
        for cache in caches:
            cache.clear()

    def _own_readings(self, c: str, x: str, y: str, places: Iterable[int]) -> list[frozenset[str]]:
        """For each sentence of c in ``places``, the words of x's reading of it that are
        x's own against y: the whole sentence where y has no version of it, else the words
        y's version lacks."""
        mine = self.of(c, x)
        empty: frozenset[str] = frozenset()
        if (x, y) not in self._alignments:
            vocabulary = self.vocabulary(y)
            return [mine[i].words - vocabulary if i in mine else empty for i in places]
        counterpart = self.of(x, y)
        out = []
        for i in places:
            reading = mine.get(i)
            if reading is None:
                out.append(empty)
                continue
            theirs = [counterpart[j].words for j in reading.sentences if j in counterpart]
            out.append(reading.words.difference(*theirs) if theirs else reading.words)
        return out

    def own(self, c: str) -> dict[int, frozenset[str]]:
        if c not in self._own:
            doc = self.document(c)
            self._own[c] = {s.index: _reading(s.text) for s in doc.sentences}
        return self._own[c]

    def vocabulary(self, x: str) -> frozenset[str]:
        if x not in self._vocabulary:
            self._vocabulary[x] = frozenset(w for s in self.own(x).values() for w in s)
        return self._vocabulary[x]

    def document(self, x: str) -> Document:
        other = self._neighbours[x][0]
        al = self._alignments[(x, other)]
        return al.a if al.a.id == x else al.b

    def agreement(self, c: str, x: str, y: str, *, places: bool = False) -> _Agreement:
        """How much of x's own readings c keeps, and of y's, over every sentence of c
        either holds, or with ``places`` only where both hold a version (variants, not
        material one of them added or dropped)."""
        rx, ry, own = self.of(c, x), self.of(c, y), self.own(c)
        held = sorted(rx.keys() & ry.keys() if places else rx.keys() | ry.keys())
        empty: frozenset[str] = frozenset()
        kept_x: set[str] = set()
        kept_y: set[str] = set()
        # a sentence that c splits in two is one reading of x's: its words count once
        all_x: dict[tuple[int, ...], int] = {}
        all_y: dict[tuple[int, ...], int] = {}
        for i, only_x, only_y in zip(
            held,
            self._own_readings(c, x, y, held),
            self._own_readings(c, y, x, held),
            strict=True,
        ):
            mine = own.get(i, empty)
            kept_x |= mine & only_x
            kept_y |= mine & only_y
            if only_x:
                all_x[rx[i].sentences] = len(only_x)
            if only_y:
                all_y[ry[i].sentences] = len(only_y)
        return _Agreement(
            len(kept_x) / (sum(all_x.values()) or 1),
            len(kept_y) / (sum(all_y.values()) or 1),
            _weight(kept_x),
        )

    def descends(self, c: str, nearer: str, further: str) -> bool:
        """Whether c descends from ``nearer``, a version of its source ``further``, rather
        than from ``further`` itself: it keeps most of the nearer version's innovations,
        and over twice the share that it keeps of the further version's readings that the
        nearer one lost (a copy of the copy keeps little of what the copy lost; without a
        clear lead the older version is the parent). Two rewrites of one story agree on
        some of their changes by chance; a copy of one keeps most of them.
        Across outlets it must also keep several of them (a figure, or three words): one
        or two words in common are what two desks' habits or a rewriter's synonyms give by
        chance, and a copy of a copy accuses the outlet in the middle. Between two versions
        of one outlet's story (an update) the share alone decides which one was used.
        Last, where c holds text both versions hold, it must not follow the further one's
        word and sentence order there more than the nearer one's (see ``follows``)."""
        known = self._descends.setdefault(c, {})
        if (nearer, further) not in known:
            a = self.agreement(c, nearer, further)
            known[(nearer, further)] = (
                a.x >= KEPT
                and a.x > 2 * a.y
                and (a.evidence >= SEVERAL or self.versions(nearer, further))
                and self.follows(c, nearer, further)
            )
        return known[(nearer, further)]

    def follows(self, c: str, nearer: str, further: str) -> bool:
        """Whether, in the text both versions hold, c follows the nearer version's order at
        least as often as the further one's: its word order (two words in a row, across a
        sentence break too, so a merged or split sentence counts) and the order of its
        sentences. Word sets miss what a verbatim copy changes most, the order: "(and in
        general, any objects)" for "(and any objects, in general)", two sentences made one,
        a list reordered. A copy of the copy takes those changes with the text; a text that
        follows the older version there took the shared text from it (or from a fuller
        source both drew on), whatever else it holds that the nearer one added."""
        kept_nearer, kept_further = self._order_kept(c, nearer, further)
        return kept_nearer >= kept_further

    def _order_kept(self, c: str, x: str, y: str) -> tuple[int, int]:
        """How many of x's own orders c follows where all three hold the text, and of y's:
        a pair of words in a row counts as x's own when nowhere in y; a sentence counts
        where c reads it in the order of one version and not the other's (the most of
        c's sentences that keep each version's order, compared)."""
        rx, ry = self.of(c, x), self.of(c, y)
        held = sorted(rx.keys() & ry.keys())
        if not held:
            return 0, 0
        in_c = self._word_pairs(c, held)
        in_x = self._word_pairs(x, {j for i in held for j in rx[i].sentences})
        in_y = self._word_pairs(y, {j for i in held for j in ry[i].sentences})
        kept_x = len((in_x - self._word_pairs(y)) & in_c)
        kept_y = len((in_y - self._word_pairs(x)) & in_c)
        # sentences: how many more of them c reads in x's order than in y's
        in_x_order = _in_order([min(rx[i].sentences) for i in held])
        in_y_order = _in_order([min(ry[i].sentences) for i in held])
        kept_x += max(0, in_x_order - in_y_order)
        kept_y += max(0, in_y_order - in_x_order)
        return kept_x, kept_y

    def _word_pairs(
        self, x: str, sentences: Iterable[int] | None = None
    ) -> frozenset[tuple[str, str]]:
        """Words in a row in x's sentences (all of them by default), in x's order, a
        sentence break being a word of its own."""
        if sentences is None:
            if x not in self._pairs:
                self._pairs[x] = self._word_pairs(x, [s.index for s in self.document(x).sentences])
            return self._pairs[x]
        if x not in self._texts:
            self._texts[x] = {s.index: s.text for s in self.document(x).sentences}
        texts = self._texts[x]
        sequence = ["|"]
        for i in sorted(sentences):
            sequence.extend(_in_words(texts[i]))
            sequence.append("|")
        return frozenset(pairwise(sequence))

    def versions(self, x: str, y: str) -> bool:
        """Whether x and y are two versions of one outlet's story."""
        return same_outlet(self.document(x).article, self.document(y).article)

    def witnesses(self, x: str, y: str) -> tuple[int, int]:
        """Of the other texts sharing material with both x and y, how many follow x's
        wording where the two word one sentence differently, and how many follow y's. An
        original's readings are kept by all of its copies, a copy's own changes only by
        the copies made from it: the version more texts follow is the earlier. Material
        only one of the two holds is no witness here: a third text holding it tells which
        branch it is on, not which version came first."""
        with_y = set(self.neighbours(y))
        for_x = for_y = 0
        for c in self.neighbours(x):
            if c == y or c not in with_y:
                continue
            a = self.agreement(c, x, y, places=True)
            for_x += a.x > a.y
            for_y += a.y > a.x
        return for_x, for_y


@lru_cache(maxsize=SENTENCE_CACHE)
def _reading(text: str) -> frozenset[str]:
    """The words of a text as a reading, blind to house style: two outlets that respell a
    story into British spelling, write "p.m." for "pm", "per cent" for "%" or "US$4m" for
    "$4 million" agree by habit, not descent. Only words that carry content count: "at
    least" for "no fewer than" is a desk's habit, not a reading."""
    kept = (w.strip("$%") for w in words(text))
    return frozenset(spelling_key(w) for w in kept if len(w) > 1 and w not in _NOT_READINGS)


_NOT_READINGS = STOPWORDS | {"percent", "cent"}


@lru_cache(maxsize=SENTENCE_CACHE)
def _in_words(text: str) -> tuple[str, ...]:
    """A sentence's words in order, blind to house style as readings are (spelling, "per
    cent" or "%", "p.m." or "pm"), function words kept: they carry the order."""
    kept = (w.strip("$%") for w in words(text))
    return tuple(
        spelling_key(w) for w in kept if (len(w) > 1 or w.isdigit()) and w not in _STYLE_WORDS
    )


_STYLE_WORDS = frozenset({"per", "percent", "cent"})


def _in_order(positions: list[int]) -> int:
    """The most of the positions that can be kept in their order (the longest
    non-decreasing run, not necessarily adjacent), in n log n."""
    tails: list[int] = []
    for p in positions:
        k = bisect_right(tails, p)
        if k == len(tails):
            tails.append(p)
        else:
            tails[k] = p
    return len(tails)


def _with_credit(edge: Edge, articles: dict[str, Article]) -> Edge:
    return replace(edge, credited=credited(articles[edge.source], articles[edge.derived]))


def hidden_sources(
    pairs: list[tuple[Alignment, Verdict]],
    edges: list[Edge],
    borrowed: set[frozenset[str]] | None = None,
) -> tuple[list[HiddenSource], list[Edge]]:
    """Texts that share material through a source not in the set hang from one hidden node
    per group: every text joined to another by a "common source" verdict and given no
    source of its own in the set, and both texts of a pair the graph found to share what
    neither took from the other (``borrowed``): the one whose additions the other shares
    had them from there too."""
    borrowed = borrowed or set()
    common = [
        (al, v) for al, v in pairs if v.relation == "common" or frozenset((v.a, v.b)) in borrowed
    ]
    if DENSE_HIDDEN.on:
        dense = dense_groups((v.a, v.b) for _, v in common)
    else:
        root = components((v.a, v.b) for _, v in common)
        dense = [[x for x in root if root[x] == r] for r in sorted(set(root.values()))]
    groups: dict[int, list[tuple[Alignment, Verdict]]] = {}
    for k, group_members in enumerate(map(set, dense)):
        inside = [(al, v) for al, v in common if v.a in group_members and v.b in group_members]
        if inside:
            groups[k] = inside
    # a text whose additions another text shares (a borrowed pair) drew on the unseen
    # source for them, whatever other source it has in the set
    drew = {x for pair in borrowed for x in pair}
    with_parent = {e.derived for e in edges} - drew
    found: list[HiddenSource] = []
    hidden_edges: list[Edge] = []
    for group in sorted(groups.values(), key=lambda g: min(v.a for _, v in g)):
        members = sorted({x for _, v in group for x in (v.a, v.b)})
        node_id = "hidden:" + hashlib.sha256(" ".join(members).encode()).hexdigest()[:12]
        hidden, group_edges = _hidden_node(node_id, group, with_parent)
        if group_edges:
            found.append(hidden)
            hidden_edges += group_edges
    return found, hidden_edges


DENSE_HIDDEN = rule(
    "dense-hidden",
    "graph",
    "an unseen source's copies are a dense cluster: each shares text with at least half of "
    "the others when it joins (not every text a chain of shared text reaches)",
)
DENSE = 0.5  # share of a group's texts a text must share material with to join it


def dense_groups(links: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Groups of texts in which each text, when it joined, was linked to at least ``DENSE``
    of the group's texts: the most linked texts first, each joining the group it is most
    densely linked to. Copies of one unseen story share text with each other; a chain of
    texts that each share a paragraph with the next is not one story."""
    near: dict[str, set[str]] = {}
    for a, b in links:
        near.setdefault(a, set()).add(b)
        near.setdefault(b, set()).add(a)
    groups: list[set[str]] = []
    where: dict[str, int] = {}
    for x in sorted(near, key=lambda x: (-len(near[x]), x)):
        options = sorted({where[y] for y in near[x] if y in where})
        density = {k: len(near[x] & groups[k]) / len(groups[k]) for k in options}
        best = max(options, key=lambda k: (density[k], -k), default=None)
        if best is not None and density[best] >= DENSE:
            groups[best].add(x)
            where[x] = best
        else:
            where[x] = len(groups)
            groups.append({x})
    # a text that holds several stories (a digest of briefs) belongs to each group it is as
    # densely linked to
    cores = [frozenset(g) for g in groups]
    for x, linked in near.items():
        for k, core in enumerate(cores):
            if x not in core and len(core) > 1 and len(linked & core) / len(core) >= DENSE:
                groups[k].add(x)
    return [sorted(g) for g in groups if len(g) > 1]


def _hidden_node(
    node_id: str, group: list[tuple[Alignment, Verdict]], with_parent: set[str]
) -> tuple[HiddenSource, list[Edge]]:
    docs = {d.id: d for al, _ in group for d in (al.a, al.b)}
    outlet = likely_outlet([d.article for d in docs.values()])
    names = sorted(d.name for d in docs.values())
    if outlet:
        # only the texts that do credit it are said to (a member may credit none)
        crediting = {d.name for d in docs.values() if _names(d.article, outlet_key(outlet))}
        others = [n for n in names if n not in crediting]
        said = f"{_and(sorted(crediting))} credit {outlet}"
        if others:
            said += f", and {_and(others)} share{'s' if len(others) == 1 else ''} their text"
    else:
        said = f"{_and(names)} share text none of them took from the others"
    evidence = (
        Evidence(
            "common_source",
            f"{said}: the shared text came to them from {outlet or 'a source'} not in this set",
        ),
    )
    # the outlet's own page is that source, in the set: it hangs from no unseen copy of itself
    members = tuple(
        sorted(i for i in docs if i not in with_parent and not own_page(docs[i].article, outlet))
    )
    edges = [_hidden_edge(node_id, docs[m], group, outlet, evidence) for m in members]
    return HiddenSource(node_id, outlet, members, evidence), edges


def likely_outlet(members: list[Article]) -> str | None:
    """The outlet the members of a hidden source credit most, not being it themselves (an
    outlet named by one member and contradicted by none will do), under the name first
    given. Between outlets credited as often, a news agency (whose business is stories for
    others to run), then the one credited first in the texts (a dateline or byline comes
    before a mention in the story); None when none credits another outlet."""
    counts: dict[str, list[int]] = {}
    first: dict[str, str] = {}
    for article in members:
        own = outlet_key(article.outlet) if article.outlet else None
        seen: set[str] = set()
        for place, credit in enumerate(article.credits):
            key = outlet_key(credit)
            if key != own and key not in seen:
                seen.add(key)
                counts.setdefault(key, []).append(place)
                first.setdefault(key, credit)
    if not counts:
        return None
    best = min(
        counts,
        key=lambda k: (-len(counts[k]), not is_agency(k), sum(counts[k]) / len(counts[k]), k),
    )
    return first[best]


def _names(article: Article, key: str) -> bool:
    return any(outlet_key(c) == key for c in article.credits)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_FAITHFUL = {"verbatim": 0, "edited": 1, "rewritten": 2}


def _hidden_edge(
    node_id: str,
    member: Document,
    group: list[tuple[Alignment, Verdict]],
    outlet: str | None,
    evidence: tuple[Evidence, ...],
) -> Edge:
    """How a member relates to the unseen source, judged from what it shares with the other
    copies: the union of its shared sentences, its most faithful manner."""
    mine = [(al, v) for al, v in group if member.id in (v.a, v.b)]
    material: set[int] = set()
    for al, _ in mine:
        material |= al.a_aligned if al.a.id == member.id else al.b_aligned
    coverage = coverage_of(member, frozenset(material))
    manner = min((v.manner or "rewritten" for _, v in mine), key=_FAITHFUL.__getitem__)
    named = outlet is not None and any(
        outlet_key(outlet) == outlet_key(c) for c in member.article.credits
    )
    audit = Evidence("credit", f"{member.name} credits {outlet}") if named else None
    return Edge(
        node_id,
        member.id,
        extent_of(coverage),
        manner,
        round(max(link_strength(al) for al, _ in mine), 3),
        (*evidence, *([audit] if audit else [])),
        shared=len(material),
        coverage=round(coverage, 4),
        credited=named if outlet else None,
    )


def direction_score(verdict: Verdict) -> float:
    """The summed evidence of a verdict, > 0 for "a was the source"."""
    return sum(e.weight for e in verdict.evidence)


def orient_by_collection(
    pairs: list[tuple[Alignment, Verdict]],
    settings: GraphSettings = DEFAULT,
    readings: Readings | None = None,
) -> list[tuple[Alignment, Verdict]]:
    """The collection's second opinion on pairs whose own evidence is not strong: their
    witnesses, as textual critics count them. Where the two versions differ, the other texts
    that share their material follow the earlier one's wording, since an original's readings
    pass to all its copies and a copy's changes only to the copies made from it. One witness
    is no majority (it may be a copy of the copy): a lead of two counts, more count more. The
    witnesses are weighed with the pair's own evidence, never against its dates."""
    if not WITNESSES_RULE.on:
        return pairs
    readings = readings or Readings(pairs)
    oriented = [(al, _witnessed(al, v, readings, settings)) for al, v in pairs]
    readings.forget_all()
    return oriented


WITNESSES = 2  # lead in witnesses that counts: one copy of a copy is no majority
PER_WITNESS = 0.5  # weight of each witness of a lead of two or more
MOST_WITNESSED = 2.0  # the most the witnesses weigh


def _witnessed(
    alignment: Alignment, v: Verdict, readings: Readings, settings: GraphSettings
) -> Verdict:
    score = direction_score(v)
    if v.relation not in ("a->b", "b->a") or abs(score) >= settings.strong:
        return v
    if any(e.kind == "lede" and abs(e.weight) >= LEDE for e in v.evidence):
        # one text is the other with a new top: versions of an update, where the later
        # versions carry the newer wording on, so witnesses would favour the later
        return v
    for_a, for_b = readings.witnesses(v.a, v.b)
    if abs(for_a - for_b) < WITNESSES:
        return v
    forward = for_a > for_b
    dated = sum(e.weight for e in v.evidence if e.kind == "dates")
    if dated and (dated > 0) != forward:
        return v  # the set's reading never overrules the dates: a text cannot copy a later one
    first, second = (alignment.a, alignment.b) if forward else (alignment.b, alignment.a)
    most, least = max(for_a, for_b), min(for_a, for_b)
    weight = min(MOST_WITNESSED, PER_WITNESS * (most - least)) * (1 if forward else -1)
    note = Evidence(
        "collection",
        f"{_count(most, 'other text')} sharing this material keep {first.name}'s wording "
        f"where {second.name} differs, {least} keep {second.name}'s",
        weight,
    )
    evidence = [note, *(e for e in v.evidence if e.kind != UNDECIDED)]
    total = score + weight
    if abs(total) < KNOWN:
        evidence.append(undecided())
    ahead = total > 0 if total else v.relation == "a->b"
    return replace(
        v,
        relation="a->b" if ahead else "b->a",
        extent=extent_of(v.coverage_b if ahead else v.coverage_a),
        confidence=confidence_of(alignment, total),
        evidence=tuple(evidence),
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _link(alignment: Alignment, verdict: Verdict) -> _Link:
    forward = verdict.relation == "a->b"
    derived = alignment.b if forward else alignment.a
    material = alignment.b_aligned if forward else alignment.a_aligned
    total = sum(len(s.text) for s in derived.sentences) or 1
    lengths = {s.index: len(s.text) for s in derived.sentences}
    explained = sum(
        _faithful(p) * sum(lengths[i] for i in (p.b if forward else p.a)) for p in alignment.pairs
    )
    source = alignment.a.id if forward else alignment.b.id
    used = verdict.coverage_a if forward else verdict.coverage_b
    drawn = alignment.a_aligned if forward else alignment.b_aligned
    changed = {s.index for s in derived.sentences} - material
    changed.update(
        i
        for p in alignment.pairs
        if _reading(p.a_text) != _reading(p.b_text)
        for i in (p.b if forward else p.a)
    )
    return _Link(
        source,
        derived.id,
        explained / total,
        _mask(material),
        used,
        verdict,
        _mask(drawn),
        _mask(changed),
    )


def _mask(indices: Iterable[int]) -> int:
    """Sentence indices as a bit mask."""
    mask = 0
    for i in indices:
        mask |= 1 << i
    return mask


def _faithful(pair: SentencePair) -> float:
    """How faithfully one sentence renders the other, blind to house style: an outlet that
    respells a wire story into its own style (British spelling, its quote marks) is as close
    to the wire as an outlet that copies it as is."""
    if pair.relation != "edited":
        return pair.score
    return max(pair.score, kept_words(pair.a_text, pair.b_text))


def _select(links: list[_Link], readings: Readings, settings: GraphSettings) -> list[Edge]:
    """Keep acyclic links, then give each derived text its closest sources."""
    parents: dict[str, set[str]] = {}
    kept: dict[tuple[str, str], _Link] = {}
    into: dict[str, list[_Link]] = {}  # kept links by derived article
    for link in links:
        if not reaches(lambda n: parents.get(n, ()), link.source, link.derived):
            parents.setdefault(link.derived, set()).add(link.source)
            kept[(link.source, link.derived)] = link
            into.setdefault(link.derived, []).append(link)
    children: dict[str, list[str]] = {}
    for source, derived in kept:
        children.setdefault(source, []).append(derived)
    order = list(dict.fromkeys(k.derived for k in links))
    # one family at a time, so that what is worked out for its texts is reused while it
    # is at hand, then dropped
    family = components((k.source, k.derived) for k in links)
    found: dict[str, list[Edge]] = {}
    for _, group in groupby(sorted(order, key=lambda d: family[d]), key=lambda d: family[d]):
        for derived in group:
            found[derived] = _sources_of(
                into.get(derived, []), kept, into, children, readings, settings
            )
        readings.forget_all()
    return [e for derived in order for e in found[derived]]


def _sources_of(
    options: list[_Link],
    kept: dict[tuple[str, str], _Link],
    into: dict[str, list[_Link]],
    children: dict[str, list[str]],
    readings: Readings,
    settings: GraphSettings,
) -> list[Edge]:
    """The closest source first, then any other source that explains material the chosen
    ones do not. Between sources that explain the text equally well (a text and its full
    copy), the one the derived text uses more of is the closer version."""
    options = sorted(options, key=lambda k: (-k.closeness - settings.used * k.used, k.source))
    chosen: list[_Link] = []
    explained = 0  # bit mask of the derived text's sentences
    walked: dict[str, _Link] = {}  # the version found from each earliest version
    for link in options:
        if STEMMA.on:
            root = _earliest(link, kept, into)
            if root.source not in walked:
                walked[root.source] = _latest(root, kept, children, readings)
            link = walked[root.source]
        if any(c.source == link.source for c in chosen):
            continue
        share = (link.material & explained).bit_count()
        drop = EXPLAINED.on and explained
        if drop and share >= settings.explained * link.material.bit_count():
            continue
        chosen.append(link)
        explained |= link.material
    return [_edge(k, first=n == 0) for n, k in enumerate(chosen)]


def _earliest(
    link: _Link, kept: dict[tuple[str, str], _Link], into: dict[str, list[_Link]]
) -> _Link:
    """Up from a source to the earliest version of it that also explains the derived text."""
    derived = link.derived
    seen = {link.source}
    while True:
        ups = [
            kept[(up.source, derived)]
            for up in into.get(link.source, [])
            if up.source not in seen and (up.source, derived) in kept
        ]
        if not ups:
            return link
        link = max(ups, key=lambda u: (u.closeness, u.source))
        seen.add(link.source)


def _latest(
    link: _Link,
    kept: dict[tuple[str, str], _Link],
    children: dict[str, list[str]],
    readings: Readings,
) -> _Link:
    """Down from the earliest version, one copy at a time, to the latest whose innovations
    the derived text keeps (its changes to the words, the sentences it added; see
    ``Readings.descends``): the version it descends from, the way a stemma is built. A copy
    that gave it nothing its own source did not is passed by: a text and a faithful copy of
    it explain a third text equally, and the original is the parent."""
    derived = link.derived
    passed = {link.source}
    while True:
        downs = [
            kept[(down, derived)]
            for down in children.get(link.source, [])
            if down not in passed and (down, derived) in kept
        ]
        downs = [
            d
            for d in downs
            if d.drawn & kept[(link.source, d.source)].changed  # it draws on the copy's own
            and readings.descends(derived, d.source, link.source)
        ]
        if not downs:
            return link
        # the earliest of them first: an update before the verbatim copies made of it
        first = [d for d in downs if not any((o.source, d.source) in kept for o in downs)]
        link = max(first or downs, key=lambda d: (d.closeness, d.source))
        passed.add(link.source)


def _edge(link: _Link, *, first: bool) -> Edge:
    v = link.verdict
    coverage = v.coverage_b if v.relation == "a->b" else v.coverage_a
    return Edge(
        source=link.source,
        derived=link.derived,
        extent=v.extent if first and v.extent else "partially",
        manner=v.manner or "rewritten",
        confidence=v.confidence,
        evidence=v.evidence,
        shared=v.shared,
        coverage=coverage,
    )
