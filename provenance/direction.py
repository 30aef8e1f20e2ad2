"""Direction stage: an Alignment -> a Verdict (who was derived from whom, how, how surely).

Each kind of evidence is a small function that returns scored, explained ``Evidence``
(weight > 0 favours "B was derived from A", < 0 the reverse), so that every verdict carries
its reasons:

- dates: the earlier publication is the better candidate for the source, when both are known
  at a precision that separates them;
- coverage: a copy is contained in its source more than the source in the copy, as far as
  what the source has of its own is detail (a copy adds framing as readily as it cuts);
- information asymmetry: copies drop names, numbers, quotations and asides in brackets far
  more often than they invent them;
- shared errors and corrections: a text that fixes the other's slip ("an forthcoming" ->
  "an upcoming") came after it; a slip carried along shows common descent;
- house style: a text respelled or re-punctuated into its own style that keeps a trace of the
  other's (one curly apostrophe in a straight-quote text) is the copy;
- credits: a text that names the other's outlet as its source;
- structure: a lede of its own before a kept body, a tail cut off.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import lru_cache

from .model import (
    Alignment,
    Article,
    Document,
    Evidence,
    Extent,
    Manner,
    SentencePair,
    Verdict,
)
from .tokens import (
    QUOTATION,
    SENTENCE_CACHE,
    is_agency,
    list_numbers,
    normalize,
    outlet_key,
    specifics,
    spelling_key,
    words,
)


@dataclass(frozen=True)
class DeriveSettings:
    """When shared sentences amount to a derivation, and how it is named."""

    min_pairs: int = 2  # aligned sentence pairs needed
    min_coverage: float = 0.15  # share of the smaller text's body that must be aligned
    min_mass: float = 2.0  # substance needed: sum of pair weights (see pair_weight)
    wholly: float = 0.8  # share of the derived text from the source for "wholly"
    verbatim: float = 0.6  # share of aligned text copied verbatim for manner "verbatim"
    edited: float = 0.6  # share copied verbatim or edited for manner "edited"


DEFAULT = DeriveSettings()


def decide(alignment: Alignment, *, settings: DeriveSettings = DEFAULT) -> Verdict:
    """Decide whether and how one text of the pair was derived from the other."""
    a, b = alignment.a, alignment.b
    cov_a, cov_b = coverage(a, alignment.a_aligned), coverage(b, alignment.b_aligned)
    base = Verdict(
        a.id,
        b.id,
        "none",
        shared=len(alignment.pairs),
        coverage_a=round(cov_a, 4),
        coverage_b=round(cov_b, 4),
    )
    if not is_derivation(alignment, cov_a, cov_b, settings):
        return base
    evidence = _versions([e for f in EVIDENCE for e in f(alignment)], a.article, b.article)
    score = sum(e.weight for e in evidence)
    shared_source = common_credit(alignment)
    if shared_source:
        return replace(
            base,
            relation="common",
            manner=manner_of(alignment, settings),
            confidence=confidence_of(alignment, 0.0),
            evidence=(shared_source, *_ordered(evidence, score >= 0)),
        )
    forward = score > 0 or (score == 0 and a.id <= b.id)  # a tie: a fixed, symmetric choice
    if not score:
        evidence.append(undecided())
    derived_cov = cov_b if forward else cov_a
    evidence += conflict(evidence)
    evidence += credit_audit(a if forward else b, b if forward else a)
    return Verdict(
        a.id,
        b.id,
        "a->b" if forward else "b->a",
        extent=extent_of(derived_cov, settings),
        manner=manner_of(alignment, settings),
        confidence=confidence_of(alignment, score),
        evidence=_ordered(evidence, forward),
        shared=base.shared,
        coverage_a=base.coverage_a,
        coverage_b=base.coverage_b,
    )


def coverage(doc: Document, aligned: frozenset[int]) -> float:
    """Share of a document's body characters that sit in aligned sentences."""
    total = sum(len(s.text) for s in doc.sentences)
    if not total:
        return 0.0
    return sum(len(s.text) for s in doc.sentences if s.index in aligned) / total


def is_derivation(
    alignment: Alignment, cov_a: float, cov_b: float, settings: DeriveSettings
) -> bool:
    """Enough shared sentences, covering enough of the smaller text, to be more than chance."""
    return (
        len(alignment.pairs) >= settings.min_pairs
        and substance(alignment) >= settings.min_mass
        and max(cov_a, cov_b) >= settings.min_coverage
    )


def pair_weight(pair: SentencePair) -> float:
    """How much a sentence pair says about copying: its score, less for a short sentence,
    and less when what it shares is a quotation (two reporters can quote one statement),
    whichever quote marks either side writes it in."""
    n = min(len(words(pair.a_text)), len(words(pair.b_text)))
    quoted_share = max(_quoted_share(pair.a_text), _quoted_share(pair.b_text))
    return pair.score * min(2.0, n / 12) * (1 - 0.75 * quoted_share)


@lru_cache(maxsize=SENTENCE_CACHE)
def _quoted_share(text: str) -> float:
    n = len(words(text))
    outside = len(words(QUOTATION.sub(" ", normalize(text))))
    return 1 - outside / n if n else 0.0


def substance(alignment: Alignment) -> float:
    """The evidence of copying in an alignment: the sum of its pair weights."""
    return sum(pair_weight(p) for p in alignment.pairs)


def extent_of(derived_coverage: float, settings: DeriveSettings = DEFAULT) -> Extent:
    return "wholly" if derived_coverage >= settings.wholly else "partially"


def manner_of(alignment: Alignment, settings: DeriveSettings = DEFAULT) -> Manner:
    """verbatim / edited / rewritten, by the share of aligned text in each relation."""
    share: Counter[str] = Counter()
    for p in alignment.pairs:
        share[p.relation] += len(p.a_text) + len(p.b_text)
    total = sum(share.values()) or 1
    if share["verbatim"] / total >= settings.verbatim:
        return "verbatim"
    if (share["verbatim"] + share["edited"]) / total >= settings.edited:
        return "edited"
    return "rewritten"


def link_strength(alignment: Alignment) -> float:
    """How sure it is that the two texts share copied material at all, 0..1."""
    return 1 - math.exp(-substance(alignment) / 2.5)


def confidence_of(alignment: Alignment, score: float) -> float:
    """How sure the arrow is: strength of the link times the margin of the direction."""
    direction = 1 / (1 + math.exp(-1.5 * abs(score)))
    return round(link_strength(alignment) * direction, 3)


def _ordered(evidence: list[Evidence], forward: bool) -> tuple[Evidence, ...]:
    sign = 1 if forward else -1
    return tuple(sorted(evidence, key=lambda e: -sign * e.weight))


# --- evidence ------------------------------------------------------------------------------


def dates(alignment: Alignment) -> list[Evidence]:
    a, b = alignment.a.article, alignment.b.article
    if not a.published or not b.published:
        known = a.name if a.published else b.name if b.published else None
        detail = f"only {known} is dated" if known else "neither text is dated"
        return [Evidence("dates", detail, 0.0)]
    da, db = _comparable(a.published, b.published)
    if da == db:
        return [
            Evidence(
                "dates",
                f"both published {_shown(a.published, b.published)}: the dates cannot tell",
                0.0,
            )
        ]
    first, second = (a, b) if da < db else (b, a)
    # Two times to the minute say more than two days: a text cannot copy one published
    # hours after it, and only overwhelming text evidence should overrule that.
    weight = TIMED if "T" in da and "T" in db else DATED
    return [
        Evidence(
            "dates",
            f"{first.name} ({first.published}) was published before "
            f"{second.name} ({second.published})",
            weight if da < db else -weight,
        )
    ]


DATED = 2.0  # weight of two different publication days
TIMED = 4.0  # weight of two different publication times (to the minute, same clock)


def _shown(x: str, y: str) -> str:
    return x[:10] if x[:10] == y[:10] else f"{x} and {y}"


def _comparable(x: str, y: str) -> tuple[str, str]:
    """Compare at the precision both dates have: two timestamps in UTC to the minute,
    otherwise by calendar day as each outlet printed it."""
    tx, ty = _utc(x), _utc(y)
    if tx and ty:
        return tx, ty
    n = min(len(x), len(y), 10)
    return x[:n], y[:n]


def _utc(stamp: str) -> str | None:
    if "T" not in stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M")


def containment(alignment: Alignment) -> list[Evidence]:
    """The text with more of its own is the source, as far as what it has of its own is
    detail: a copy drops names, numbers, quotations and asides far more often than it
    invents them, but it adds framing (an introduction, a summing up) as readily as it
    cuts."""
    a, b = alignment.a, alignment.b
    cov_a = coverage(a, alignment.a_aligned)
    cov_b = coverage(b, alignment.b_aligned)
    new_a, share_a = own_detail(a, alignment.a_aligned, b)
    new_b, share_b = own_detail(b, alignment.b_aligned, a)
    detail = (
        f"{len(alignment.b_aligned)} of {b.name}'s {len(b.sentences)} sentences match "
        f"{a.name} ({_pct(cov_b)} of its text); {len(alignment.a_aligned)} of "
        f"{a.name}'s {len(a.sentences)} match {b.name} ({_pct(cov_a)})"
    )
    for doc, cov, new in ((a, cov_a, new_a), (b, cov_b, new_b)):
        if cov < 1 and not new:
            detail += f"; what {doc.name} has of its own names nothing the other lacks"
    weight = 2.0 * ((1 - cov_a) * share_a - (1 - cov_b) * share_b)
    return [Evidence("coverage", detail, round(weight, 3))]


DETAIL_WORDS = 25  # words of news prose per name, number, quotation or aside, about
FRAMING = 0.25  # what own text that names nothing new counts for, against detail


def own_detail(
    doc: Document, aligned: frozenset[int], other: Document, *, after: int = -1
) -> tuple[int, float]:
    """How much of what a text has of its own (its sentences not in ``aligned``; with
    ``after``, only those past that sentence) is detail: the names, numbers, quotations
    and asides there that neither its shared sentences nor the other text have, and the
    weight such text carries as evidence, from ``FRAMING`` (it names nothing new) up to 1
    (a new detail every ``DETAIL_WORDS`` words or more)."""
    extra = [s for s in doc.sentences if s.index not in aligned and s.index > after]
    n = sum(len(words(s.text)) for s in extra)
    if not n:
        return 0, FRAMING
    texts = tuple(s.text for s in other.sentences)  # the other text's key in the caches
    candidates = {x for s in extra for x in specifics(s.text)}
    if candidates:
        candidates -= _all_specifics(texts)
    if candidates:
        for s in doc.sentences:
            if s.index in aligned:
                candidates -= specifics(s.text)
    if candidates:
        vocabulary = _vocabulary(texts)
        candidates = {x for x in candidates if not _words_in(x, vocabulary)}
    new = len(candidates)
    return new, FRAMING + (1 - FRAMING) * min(1.0, new * DETAIL_WORDS / n)


@lru_cache(maxsize=1024)
def _all_specifics(texts: tuple[str, ...]) -> frozenset[str]:
    return frozenset().union(*(specifics(t) for t in texts))


@lru_cache(maxsize=1024)
def _vocabulary(texts: tuple[str, ...]) -> frozenset[str]:
    return frozenset().union(*(_folded_words(t) for t in texts))


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def asymmetry(alignment: Alignment) -> list[Evidence]:
    """Specifics (names, numbers, quotations) that one side of aligned pairs lacks."""
    only_a: list[tuple[str, bool]] = []  # (the specific, whether it only numbers a list item)
    only_b: list[tuple[str, bool]] = []
    for p in alignment.pairs:
        sa, sb = specifics(p.a_text), specifics(p.b_text)
        fa, fb = _folded_words(p.a_text), _folded_words(p.b_text)
        la, lb = list_numbers(p.a_text), list_numbers(p.b_text)
        only_a += [(x, x in la) for x in sorted(sa - sb) if not _words_in(x, fb)]
        only_b += [(x, x in lb) for x in sorted(sb - sa) if not _words_in(x, fa)]
    if not only_a and not only_b:
        return []
    weight = 0.25 * (len(only_a) - len(only_b))
    weight = max(-1.5, min(1.5, weight))
    a, b = alignment.a.name, alignment.b.name
    parts = []
    for have, lack, only in ((a, b, only_a), (b, a, only_b)):
        details = [x for x, listed in only if not listed]
        numbers = [x for x, listed in only if listed]
        if details:
            parts.append(f"{have} has details {lack} lacks ({_list(details)})")
        if numbers:  # a copy flattens a numbered list more than it makes one
            parts.append(f"{have} numbers list items ({_list(numbers)}) where {lack} does not")
    return [Evidence("asymmetry", "; ".join(parts), round(weight, 3))]


def omissions(alignment: Alignment) -> list[Evidence]:
    """Clauses one side of a copied sentence lacks: copies drop words more than they add."""
    dropped: list[str] = []
    added: list[str] = []
    for p in alignment.pairs:
        if p.relation == "rewritten":
            continue
        for op in p.edits:
            if op.op in ("delete", "replace") and len(op.a.split()) - len(op.b.split()) >= 3:
                dropped.append(op.a)
            if op.op in ("insert", "replace") and len(op.b.split()) - len(op.a.split()) >= 3:
                added.append(op.b)
    if not dropped and not added:
        return []
    a, b = alignment.a.name, alignment.b.name
    parts = [f'{b} lacks {a}\'s "{_clip(x)}"' for x in dropped[:2]]
    parts += [f'{a} lacks {b}\'s "{_clip(x)}"' for x in added[:2]]
    weight = max(-1.0, min(1.0, 0.4 * (len(dropped) - len(added))))
    return [Evidence("omission", "; ".join(parts), weight)]


def _clip(text: str, most: int = 8) -> str:
    ws = text.split()
    return " ".join(ws[:most]) + (" ..." if len(ws) > most else "")


@lru_cache(maxsize=SENTENCE_CACHE)
def _folded_words(text: str) -> frozenset[str]:
    return frozenset(spelling_key(w) for w in words(text))


def _words_in(item: str, vocabulary: frozenset[str]) -> bool:
    ws = _item_words(item)
    return bool(ws) and ws <= vocabulary


@lru_cache(maxsize=SENTENCE_CACHE)
def _item_words(item: str) -> frozenset[str]:
    return frozenset(spelling_key(w) for w in words(item.lstrip("“")))


def _list(items: list[str], most: int = 3) -> str:
    shown = [_clip(i.lstrip("“")) for i in dict.fromkeys(items)][:most]
    more = len(set(items)) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


_VOWEL_SOUND = re.compile(r"^(?:[aeio]|u(?!ni|s[eu]|ro|ti|ku|ga)|hon|hour|heir|[fhlmnrsx]\b)", re.I)


def slips(text: str) -> list[str]:
    """Slips a copy editor would fix: 'a' / 'an' before the wrong sound, a doubled word."""
    return list(_slips(text))


@lru_cache(maxsize=SENTENCE_CACHE)
def _slips(text: str) -> tuple[str, ...]:
    found = []
    ws = re.findall(r"[A-Za-z'][\w'-]*", normalize(text))
    for x, y in zip(ws, ws[1:], strict=False):
        lx, plain = x.lower(), y.isalpha() and y.islower()
        wrong_an = lx == "an" and plain and not _VOWEL_SOUND.match(y)
        wrong_a = lx == "a" and plain and re.match(r"^[aeio]", y)
        doubled = (
            lx == y.lower() and lx not in {"had", "that", "is"} and len(lx) > 1 and x.isalpha()
        )
        if wrong_an or wrong_a or doubled:
            found.append(f"{x} {y}")
    return tuple(found)


def errors(alignment: Alignment) -> list[Evidence]:
    """Shared slips show a link; a slip the other side fixed in place, keeping the words
    around it, shows which side came later. A slip in text the other side wrote anew says
    nothing about direction."""
    out: list[Evidence] = []
    a, b = alignment.a.name, alignment.b.name
    for p in alignment.pairs:
        ea, eb = set(slips(p.a_text)), set(slips(p.b_text))
        for e in sorted(ea & eb):
            out.append(Evidence("shared_error", f'both have the slip "{e}"', 0.0))
        for slip, fixer, other, sign, ops in (
            *((e, b, a, 1.0, [(op.a, op.b) for op in p.edits]) for e in sorted(ea - eb)),
            *((e, a, b, -1.0, [(op.b, op.a) for op in p.edits]) for e in sorted(eb - ea)),
        ):
            fixed = _fix(slip, ops)
            if fixed is not None and not slips(fixed):  # "bridge bridge" fixes nothing
                out.append(
                    Evidence("correction", f'{fixer} fixes {other}\'s "{slip}" to "{fixed}"', sign)
                )
    return out


def _fix(slip: str, replacements: list[tuple[str, str]]) -> str | None:
    """What the fixing side wrote in place of the slip, if it changed only a word or two
    there: a small edit of the slipped words, not a sentence written anew."""
    for old, new in replacements:
        if old == new or not any(w in old.split() for w in slip.split()):
            continue
        if len(old.split()) > 3 or len(new.split()) > 3:
            return None
        return slip.replace(old, new) if old in slip else new
    return None


_CURLY = "“”‘’"


def _quote_style(doc: Document) -> tuple[int, int]:
    text = "".join(s.text for s in doc.sentences)
    curly = sum(text.count(c) for c in _CURLY)
    straight = text.count('"') + len(re.findall(r"(?<=\w)'(?=\w)", text))
    return curly, straight


def house_style(alignment: Alignment) -> list[Evidence]:
    """Respellings and quote styles: which side kept a trace of the other's style."""
    found = _spelling_edits(alignment) + _quote_traces(alignment)
    if len(found) < 2:
        return found
    detail = "; ".join(e.detail for e in found)
    return [Evidence("house_style", detail, round(sum(e.weight for e in found), 3))]


def _spelling_edits(alignment: Alignment) -> list[Evidence]:
    """Words one side spells the British way where the other spells them the American way."""
    uk_in: dict[str, list[str]] = {alignment.a.name: [], alignment.b.name: []}
    for p in alignment.pairs:
        for op in p.edits:
            if op.op == "replace" and _same_spelling(op.a, op.b):
                british_a = _is_british(op.a)
                side = alignment.a.name if british_a else alignment.b.name
                uk, us = (op.a, op.b) if british_a else (op.b, op.a)
                uk_in[side].append(f"{_bare(uk)} for {_bare(us)}")
    parts = [
        f"{name} uses British spelling ({_list(changes)})"
        for name, changes in uk_in.items()
        if changes
    ]
    return [Evidence("house_style", "; ".join(parts), 0.0)] if parts else []


def _is_british(token: str) -> bool:
    return any(spelling_key(w) != w for w in words(token))


def _bare(token: str) -> str:
    return token.strip("\"'“”‘’.,;:!?()")


def _same_spelling(x: str, y: str) -> bool:
    wx, wy = words(x), words(y)
    return (
        len(wx) == len(wy)
        and wx != wy
        and [spelling_key(w) for w in wx] == [spelling_key(w) for w in wy]
    )


def _quote_traces(alignment: Alignment) -> list[Evidence]:
    """A straight-quote text with a curly mark just where the curly-quote text has one."""
    ca, sa = _quote_style(alignment.a)
    cb, sb = _quote_style(alignment.b)
    a_curly, b_curly = ca > sa, cb > sb
    if a_curly == b_curly:
        return []
    traces = 0
    for p in alignment.pairs:
        mixed, pure = (p.b_text, p.a_text) if a_curly else (p.a_text, p.b_text)
        traces += sum(1 for c in _CURLY if c in mixed and c in pure)
    if not traces:
        return []
    src, copy = (alignment.a, alignment.b) if a_curly else (alignment.b, alignment.a)
    weight = min(1.5, 0.75 * traces) * (1 if a_curly else -1)
    return [
        Evidence(
            "house_style",
            f"{copy.name} uses straight quotes but keeps {traces} curly "
            f"mark(s) of {src.name}'s style",
            weight,
        )
    ]


def credits(alignment: Alignment) -> list[Evidence]:
    """A text that credits the other's outlet points at its source."""
    out = []
    a, b = alignment.a.article, alignment.b.article
    if a.outlet and _credits(b.credits, a.outlet, b.outlet):
        out.append(Evidence("credited_source", f"{b.name} names {a.outlet} as its source", 2.0))
    if b.outlet and _credits(a.credits, b.outlet, a.outlet):
        out.append(Evidence("credited_source", f"{a.name} names {b.outlet} as its source", -2.0))
    return out


def _credits(named: tuple[str, ...], outlet: str, own: str | None) -> bool:
    """Whether ``named`` credits ``outlet`` under any of its names, its own outlet's aside."""
    key = outlet_key(outlet)
    mine = outlet_key(own) if own else None
    return any(_one_name(c, key) for c in map(outlet_key, named) if c != mine)


def _one_name(x: str, y: str) -> bool:
    """Two outlet keys name one outlet: equal; or one is the other and words that only say
    it is news or an edition ("BBC" and "BBC News", "CNN" and "CNN International"); or a name
    of two words or more the other begins with ("Al Jazeera" and "Al Jazeera English"), where
    they are not two different agencies. Not "The Times" and "Times of India", nor
    "Associated Press" and "Australian Associated Press"."""
    short, long = sorted((x.split(), y.split()), key=len)
    n = len(short)
    if n == 0 or long[:n] != short:
        return False
    if all(w in _NEWS_WORDS for w in long[n:]):
        return True
    return n >= 2 and not (is_agency(x) and is_agency(y))


_NEWS_WORDS = frozenset(
    {"news", "agency", "online", "digital", "tv", "live", "newsroom", "international", "english",
     "channel", "world", "us", "uk"}
)  # fmt: skip


def shared_credit(a: Article, b: Article) -> str | None:
    """A third outlet both texts credit while neither credits the other, if any."""
    own = {outlet_key(x) for x in (a.outlet, b.outlet) if x}
    theirs = {outlet_key(d) for d in b.credits}
    third = [c for c in a.credits if outlet_key(c) not in own and outlet_key(c) in theirs]
    names_other = (a.outlet and _credits(b.credits, a.outlet, b.outlet)) or (
        b.outlet and _credits(a.credits, b.outlet, a.outlet)
    )
    return third[0] if third and not names_other else None


def common_credit(alignment: Alignment) -> Evidence | None:
    """Both texts credit the same third outlet and neither credits the other: the shared
    text most likely came to both from that outlet, which is not in the set. A credit inside
    the shared sentences themselves ("..., Xinhua reported") does not count: it was copied
    along with them, so it says where the first text got it, not that both got it there."""
    a, b = alignment.a.article, alignment.b.article
    outlet = shared_credit(a, b)
    if outlet is None or _carried(outlet, alignment):
        return None
    return Evidence(
        "common_source",
        f"both {a.name} and {b.name} credit {outlet}: the shared "
        f"text likely came to both from {outlet}",
        0.0,
    )


def _carried(outlet: str, alignment: Alignment) -> bool:
    """True when ``outlet`` is named in an aligned sentence on both sides."""
    key = outlet.lower()
    return any(key in p.a_text.lower() and key in p.b_text.lower() for p in alignment.pairs)


def credited(source: Article, derived: Article) -> bool | None:
    """True when the derived text names the source's outlet (or is the same outlet's), False
    when it does not, None when the source's outlet is unknown."""
    if not source.outlet:
        return None
    if same_outlet(source, derived):
        return True  # the outlet's own update or re-run
    return _credits(derived.credits, source.outlet, derived.outlet)


def conflict(evidence: list[Evidence]) -> list[Evidence]:
    """Say so when the dates point one way and the texts, together, the other."""
    by_date = sum(e.weight for e in evidence if e.kind == "dates")
    by_text = sum(e.weight for e in evidence if e.kind != "dates")
    if by_date * by_text >= 0 or abs(by_text) < 0.5:
        return []
    winner = "the dates" if abs(by_date) > abs(by_text) else "the texts"
    return [
        Evidence(
            "conflict",
            f"the dates and the texts point opposite ways; {winner} weigh more here",
            0.0,
        )
    ]


UNDECIDED = "undecided"


def undecided() -> Evidence:
    """Said of a pair whose dates and texts point neither way (two undated copies word
    for word alike): its arrow is drawn one way only so that the pair has a place."""
    return Evidence(
        UNDECIDED,
        "neither the dates nor the two texts tell which came first: "
        "the arrow could as well point the other way",
        0.0,
    )


def same_outlet(a: Article, b: Article) -> bool:
    return bool(a.outlet and b.outlet and outlet_key(a.outlet) == outlet_key(b.outlet))


def _versions(evidence: list[Evidence], a: Article, b: Article) -> list[Evidence]:
    """Two dated texts of one outlet are versions of its story: a later version adds to an
    earlier one, where a copy would drop from its source, so what one text has that the
    other lacks says nothing about direction there, and the dates decide."""
    dated = [e for e in evidence if e.kind == "dates" and e.weight]
    if not dated or not same_outlet(a, b):
        return evidence
    note = Evidence(
        "versions",
        f"both are {a.outlet}'s, so the later version is the update: the dates decide",
        0.0,
    )
    return [note] + [e if e.kind == "dates" else replace(e, weight=0.0) for e in evidence]


def credit_audit(source: Document, derived: Document) -> list[Evidence]:
    """Does the derived text name the source's outlet? Say what it credits instead."""
    src, der = source.article, derived.article
    own = outlet_key(der.outlet) if der.outlet else None
    others = [c for c in der.credits if outlet_key(c) != own]
    if same_outlet(src, der):
        return [Evidence("credit", f"both are {src.outlet}'s: an update or re-run, not reuse")]
    if not src.outlet:
        named = f" (it credits {', '.join(others)})" if others else ""
        return [Evidence("credit", f"{src.name}'s outlet is unknown: credit not checked{named}")]
    if _credits(der.credits, src.outlet, der.outlet):
        return [Evidence("credit", f"{der.name} credits {src.outlet}")]
    if others:
        return [Evidence("credit", f"{der.name} credits {', '.join(others)}, not {src.outlet}")]
    return [Evidence("credit", f"{der.name} gives no credit to {src.outlet}")]


def structure(alignment: Alignment) -> list[Evidence]:
    """A lede of one's own over a kept body, or a tail cut off, mark the copy."""
    out = []
    for doc, aligned, _other, sign in (
        (alignment.b, alignment.b_aligned, alignment.a, 1),
        (alignment.a, alignment.a_aligned, alignment.b, -1),
    ):
        n = len(doc.sentences)
        if n >= 3 and 0 not in aligned and 1 in aligned | {2} and len(aligned) >= 2:
            out.append(
                Evidence(
                    "lede", f"{doc.name} opens with its own lede before the shared text", 0.4 * sign
                )
            )
    out += _truncation(alignment)
    return out


def _truncation(alignment: Alignment) -> list[Evidence]:
    a_al, b_al = alignment.a_aligned, alignment.b_aligned
    if not a_al or not b_al:
        return []
    na, nb = len(alignment.a.sentences), len(alignment.b.sentences)
    a_tail = na - 1 - max(a_al)
    b_tail = nb - 1 - max(b_al)
    for longer, shorter, aligned, tail, other_tail, sign in (
        (alignment.a, alignment.b, a_al, a_tail, b_tail, 1),
        (alignment.b, alignment.a, b_al, b_tail, a_tail, -1),
    ):
        if tail >= 2 and other_tail == 0:
            new, share = own_detail(longer, aligned, shorter, after=max(aligned))
            framing = "" if new else f" that name nothing {shorter.name} lacks"
            weight = 0.5 * share
            return [
                Evidence(
                    "truncation",
                    f"{shorter.name} ends where {longer.name} goes "
                    f"on for {tail} more sentences{framing}",
                    round(sign * weight, 3),
                )
            ]
    return []


EVIDENCE: tuple[Callable[[Alignment], list[Evidence]], ...] = (
    dates,
    containment,
    asymmetry,
    omissions,
    errors,
    house_style,
    credits,
    structure,
)
