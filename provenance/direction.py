"""Direction stage: an Alignment -> a Verdict (who was derived from whom, how, how surely).

First, whether the pair is a derivation at all (``copying``): shared sentences are not
enough, since same-day reports of one event share quotations and facts; the wording must
show copying. Then each kind of evidence, a named rule (``EVIDENCE``), returns scored,
explained ``Evidence`` (weight > 0 favours "B was derived from A", < 0 the reverse), so
that every verdict carries its reasons:

- dates: the earlier publication is the better candidate for the source, when both are known
  at a precision that separates them;
- credits: a text that names the other's outlet as its source;
- own detail: a copy is contained in its source more than the source in the copy, as far as
  what the source has of its own is detail (a copy adds framing as readily as it cuts);
- dropped specifics and clauses: copies drop names, numbers, quotations and asides, and
  words from a sentence, far more often than they invent them;
- a lede of one's own (or an update's new top) over the other's whole text;
- slips fixed and carried: a text that fixes the other's slip ("an forthcoming" -> "an
  upcoming") came after it; a slip carried along shows common descent;
- house style: a text respelled or re-punctuated into its own style that keeps a trace of the
  other's (one curly apostrophe in a straight-quote text) is the copy.

Evidence that sums to less than ``KNOWN`` leaves the direction unknown.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import lru_cache

from .copying import CopyEvidence
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
from .rules import Rule, rule
from .tokens import (
    ASIDE,
    QUOTATION,
    SENTENCE_CACHE,
    STOPWORDS,
    fold,
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
    # what independent reporting would not produce (``copying``): copied wording over this
    # share of the shorter text (Churnalism's 20% of shared text, from which it suggests
    # "churn"), at least ``min_copied`` words of it; or ``passage`` words of it however long
    # the texts (about six sentences of news prose: a brief in a digest); or a rewrite in
    # order over ``rewrite_coverage`` of it in at least ``rewrite_pairs`` sentences
    copied: float = 0.2
    min_copied: int = 15
    passage: int = 150
    rewrite_pairs: int = 5
    rewrite_coverage: float = 0.3


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
    if COPIED_WORDING.on:
        shown = copying(alignment, settings) if is_shared(alignment, settings) else None
        if shown is None:
            return base
    elif is_derivation(alignment, cov_a, cov_b, settings):
        shown = None
    else:
        return base
    evidence = [e for r, f in EVIDENCE if r.on for e in f(alignment)]
    evidence = [shown, *evidence] if shown else evidence
    score = sum(e.weight for e in evidence)
    shared_source = common_credit(alignment) if COMMON_CREDIT.on else None
    if shared_source and is_update(evidence, score):
        # two copies of an agency's story at two of its versions, the later holding the
        # earlier whole under newer text: the text of the one is a version of the other's
        evidence.append(replace(shared_source, detail=shared_source.detail + VERSIONS_NOTE))
        shared_source = None
    if shared_source:
        return replace(
            base,
            relation="common",
            manner=manner_of(alignment, settings),
            confidence=confidence_of(alignment, 0.0),
            evidence=(shared_source, *_ordered(evidence, score >= 0)),
        )
    forward = score > 0 or (score == 0 and a.id <= b.id)  # a tie: a fixed, symmetric choice
    if abs(score) < KNOWN:
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


COPIED_WORDING = rule(
    "copied-wording",
    "direction",
    "a derivation needs wording independent reports would not share: runs of five words "
    "alike outside quotations over a fifth of the shorter text, or a rewrite in its order",
)


def is_shared(alignment: Alignment, settings: DeriveSettings) -> bool:
    """Enough shared sentences, of enough substance, to be more than chance."""
    return len(alignment.pairs) >= settings.min_pairs and substance(alignment) >= settings.min_mass


def is_derivation(
    alignment: Alignment, cov_a: float, cov_b: float, settings: DeriveSettings
) -> bool:
    """Without ``COPIED_WORDING``: enough shared sentences, covering enough of the smaller
    text, to be more than chance."""
    return is_shared(alignment, settings) and max(cov_a, cov_b) >= settings.min_coverage


def copying(alignment: Alignment, settings: DeriveSettings = DEFAULT) -> Evidence | None:
    """The evidence of copying the two texts show, if it is more than independent reports
    of one event share: copied wording, or a rewrite that follows the other in order."""
    found = CopyEvidence.of(alignment)
    if found.copied >= settings.min_copied and found.containment >= settings.copied:
        return Evidence(
            "copying",
            f"{found.copied} words the same in runs of five or more, quotations aside "
            f"({_pct(found.containment)} of the shorter text)",
        )
    if found.copied >= settings.passage:
        return Evidence(
            "copying",
            f"{found.copied} words the same in runs of five or more, quotations aside: "
            f"a passage reused ({_pct(found.containment)} of the shorter text)",
        )
    if (
        found.in_order >= settings.rewrite_pairs
        and found.order_coverage >= settings.rewrite_coverage
    ):
        return Evidence(
            "copying",
            f"{found.in_order} sentences retell the other text's in the same order, "
            f"reworded ({_pct(found.order_coverage)} of the shorter text)",
        )
    return None


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
    return _published(alignment)


def _published(alignment: Alignment) -> list[Evidence]:
    a, b = alignment.a.article, alignment.b.article
    if not a.published or not b.published:
        known = a.name if a.published else b.name if b.published else None
        detail = f"only {known} carries a date" if known else "neither text carries a date"
        return [Evidence("dates", detail, 0.0)]
    one_clock = same_outlet(a, b) or not a.outlet and not b.outlet
    da, db = _comparable(a.published, b.published, same_clock=one_clock)
    if da == db:
        return [
            Evidence(
                "dates",
                f"both published {_shown(a.published, b.published)}: the dates cannot tell "
                "which came first",
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
            f"{first.name} was published first ({when(first.published or '')}; "
            f"{second.name}: {when(second.published or '')})",
            weight if da < db else -weight,
        )
    ]


DATED = 2.0  # weight of two different publication days
TIMED = 4.0  # weight of two different publication times (to the minute, same clock)


def _shown(x: str, y: str) -> str:
    return when(x[:10]) if x[:10] == y[:10] else f"{when(x)} and {when(y)}"


_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def when(stamp: str) -> str:
    """A date as people write it: "7 Oct 2025", "7 Oct 2025, 11:15 UTC+3"; an ISO 8601
    stamp it cannot read, as it is."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    day = f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"
    if "T" not in stamp and " " not in stamp.strip():
        return day
    shown = f"{day}, {moment:%H:%M}"
    offset = moment.utcoffset()
    if offset is None:
        return shown
    minutes = int(offset.total_seconds()) // 60
    hours, rest = divmod(abs(minutes), 60)
    sign = "-" if minutes < 0 else "+"
    zone = "UTC" if not offset else f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
    return f"{shown} {zone}"


def day_written(published: str, precision: str | None = None) -> str:
    """The day a stamp names, as people write it and only as precise as it is known:
    "26 Oct 2025", "Oct 2025", "2025"; a stamp it cannot read, its date part as it is."""
    day = published.replace("T", " ").split(" ")[0]
    try:
        moment = datetime.strptime(day[:10], "%Y-%m-%d")
    except ValueError:
        return day
    month = f"{_MONTHS[moment.month - 1]} {moment.year}"
    return {"year": str(moment.year), "month": month}.get(precision or "", f"{moment.day} {month}")


def _comparable(x: str, y: str, *, same_clock: bool = False) -> tuple[str, str]:
    """Compare at the precision both dates have: two times to the minute where both say
    their zone (in UTC), or where neither does and both are on one clock (one outlet's, or
    texts of no known outlet, as a user's own list gives them), or where the two are more
    than ``ZONES`` apart; otherwise by calendar day as each outlet printed it: a page that
    prints "3:23 AM" without its zone may be hours ahead of or behind another's clock."""
    tx, ty = _minute(x), _minute(y)
    if tx and ty and (tx[1] and ty[1] or _one_clock(tx, ty, same_clock)):
        return tx[0], ty[0]
    n = min(len(x), len(y), 10)
    return x[:n], y[:n]


ZONES = 4  # hours: how far apart two times printed without their zone may be on one clock


def _apart(x: str, y: str) -> bool:
    gap = datetime.fromisoformat(x) - datetime.fromisoformat(y)
    return abs(gap.total_seconds()) >= ZONES * 3600


def _one_clock(tx: tuple[str, bool], ty: tuple[str, bool], same_clock: bool) -> bool:
    """Two times with no zone that can be read on one clock."""
    return not tx[1] and not ty[1] and (same_clock or _apart(tx[0], ty[0]))


def _minute(stamp: str) -> tuple[str, bool] | None:
    """The time to the minute (in UTC where the zone is known), and whether it is known."""
    if "T" not in stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M"), True
    return moment.strftime("%Y-%m-%dT%H:%M"), False


def containment(alignment: Alignment) -> list[Evidence]:
    """The text with more of its own is the source, as far as what it has of its own is
    detail: a copy drops names, numbers, quotations and asides far more often than it
    invents them, but it adds framing (an introduction, a summing up) as readily as it
    cuts."""
    a, b = alignment.a, alignment.b
    cov_a = coverage(a, alignment.a_aligned)
    cov_b = coverage(b, alignment.b_aligned)
    # a head one side put over the other's whole text is that side's lede or update, no
    # detail the other dropped (``own_lede``)
    head_a, head_b = head_sentences(alignment)
    new_a, share_a = own_detail(a, alignment.a_aligned | head_a, b)
    new_b, share_b = own_detail(b, alignment.b_aligned | head_b, a)
    own_a = 1 - coverage(a, alignment.a_aligned | head_a)
    own_b = 1 - coverage(b, alignment.b_aligned | head_b)
    detail = (
        f"{len(alignment.b_aligned)} of {b.name}'s {len(b.sentences)} sentences have a "
        f"counterpart in {a.name} ({_pct(cov_b)} of its text); {len(alignment.a_aligned)} "
        f"of {a.name}'s {len(a.sentences)} in {b.name} ({_pct(cov_a)})"
    )
    for doc, cov, new in ((a, cov_a, new_a), (b, cov_b, new_b)):
        if cov < 1 and not new:
            detail += (
                f"; {doc.name}'s own sentences add no name, number or quotation the other lacks"
            )
    # as far as one text holds the other: two long texts sharing a passage both have most of
    # their text of their own, which says nothing of which took the passage
    held = max(cov_a, cov_b)
    weight = 2.0 * held * (own_a * share_a - own_b * share_b)
    return [Evidence("coverage", detail, round(weight, 3))]


DETAIL_WORDS = 25  # words of news prose per name, number, quotation or aside, about
FRAMING = 0.25  # what own text that names nothing new counts for, against detail


def own_detail(doc: Document, aligned: frozenset[int], other: Document) -> tuple[int, float]:
    """How much of what a text has of its own (its sentences not in ``aligned``) is
    detail: the names, numbers, quotations and asides there that neither its shared
    sentences nor the other text have, and the weight such text carries as evidence, from
    ``FRAMING`` (it names nothing new) up to 1 (a new detail every ``DETAIL_WORDS`` words or
    more)."""
    extra = [s for s in doc.sentences if s.index not in aligned]
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
    written: dict[str, str] = {}  # each specific as its text writes it, to show
    for p in alignment.pairs:
        sa, sb = specifics(p.a_text), specifics(p.b_text)
        fa, fb = _folded_words(p.a_text), _folded_words(p.b_text)
        la, lb = list_numbers(p.a_text), list_numbers(p.b_text)
        new_a = [(x, x in la) for x in sorted(sa - sb) if not _words_in(x, fb)]
        new_b = [(x, x in lb) for x in sorted(sb - sa) if not _words_in(x, fa)]
        for found, text in ((new_a, p.a_text), (new_b, p.b_text)):
            for x, _ in found:
                written.setdefault(x, _as_written(x, text))
        only_a += new_a
        only_b += new_b
    if not only_a and not only_b:
        return []
    weight = 0.25 * (len(only_a) - len(only_b))
    weight = max(-1.5, min(1.5, weight))
    a, b = alignment.a.name, alignment.b.name
    parts = []
    for have, lack, only in ((a, b, only_a), (b, a, only_b)):
        details = [written[x] for x, listed in only if not listed]
        numbers = [written[x] for x, listed in only if listed]
        if details:
            parts.append(f"{have} has details {lack} lacks: {_shown_list(details)}")
        if numbers:  # a copy flattens a numbered list more than it makes one
            parts.append(f"{have} numbers list items ({_list(numbers)}) where {lack} does not")
    return [Evidence("asymmetry", "; ".join(parts), round(weight, 3))]


def _as_written(item: str, text: str) -> str:
    """A specific (folded to compare) as ``text`` writes it: "vesti" -> "Vesti", "(ceo, 52)"
    -> "(CEO, 52)", a quotation in its marks."""
    t = normalize(text)
    if item.startswith("("):
        found = (m.group(0) for m in ASIDE.finditer(t) if f"({fold(m.group(1))})" == item)
        return next(found, item)
    if item.startswith("“"):
        quotes = (m.group(1) or m.group(2) for m in QUOTATION.finditer(t))
        return next((f"“{q}”" for q in quotes if q and fold(q) == item[1:]), item)
    m = re.search(rf"(?<!\w){re.escape(item)}(?!\w)", t, re.IGNORECASE)
    return m.group(0) if m else item


def _shown_list(items: list[str], most: int = 3) -> str:
    """Names, numbers, quotations and asides as a reader quotes them, a long one cut."""
    unique = list(dict.fromkeys(items))
    shown = [_clip(i).replace(" ...", "…") for i in unique[:most]]
    more = len(unique) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


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
    t = normalize(text)
    matches = list(re.finditer(r"[A-Za-z'][\w'-]*", t))
    ws = [m.group(0) for m in matches]
    for k, (x, y) in enumerate(zip(ws, ws[1:], strict=False)):
        # words are neighbours only with nothing but space between: "leave, leave" is no slip
        if t[matches[k].end() : matches[k + 1].start()].strip():
            continue
        # an article is "a" or "an", or capitalised only opening the sentence: "A" or "An"
        # elsewhere is a name or a variable ("the event A is..."); and it stands before a
        # word of content, not "is" or "and"
        article = x in ("a", "an") or k == 0 and x in ("A", "An")
        lx = x.lower() if article else ""
        plain = y.isalpha() and y.islower() and len(y) > 1 and y not in STOPWORDS
        wrong_an = lx == "an" and plain and not _VOWEL_SOUND.match(y)
        wrong_a = lx == "a" and plain and re.match(r"^[aeio]", y)
        doubled = (
            x.lower() == y.lower()
            and x.lower() not in {"had", "that", "is"}
            and len(x) > 1
            and x.isalpha()
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
                out.append(Evidence("correction", _fixed_text(fixer, other, slip, fixed), sign))
    return out


def _fixed_text(fixer: str, other: str, slip: str, fixed: str) -> str:
    """``002.txt fixes 001.txt's "an forthcoming" to "an upcoming"``; a doubled word
    ("with with") fixed by leaving one out is said so, not as a fix to a blank."""
    first, *rest = slip.split()
    if rest and rest[0].lower() == first.lower() and len(fixed.split()) <= 1:
        return f'{fixer} fixes {other}\'s doubled "{slip}"'
    return f'{fixer} fixes {other}\'s "{slip}" to "{" ".join(fixed.split())}"'


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
                uk_in[side].append(_respelt(uk, us))
    parts = [
        f"{name} uses British spelling ({_list(changes)})"
        for name, changes in uk_in.items()
        if changes
    ]
    return [Evidence("house_style", "; ".join(parts), 0.0)] if parts else []


def _respelt(uk: str, us: str) -> str:
    """ "favour for favor": only the words respelt ("This normalises" -> "normalises")."""
    pairs = [(x, y) for x, y in zip(uk.split(), us.split(), strict=False) if x != y]
    pairs = pairs if len(uk.split()) == len(us.split()) and pairs else [(uk, us)]
    return ", ".join(f"{_bare(x)} for {_bare(y)}" for x, y in pairs)


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
            f"{copy.name} writes straight quotation marks but keeps "
            f"{'a curly one' if traces == 1 else f'{traces} curly ones'} where "
            f"{src.name}, which writes curly marks, has {'it' if traces == 1 else 'them'}",
            weight,
        )
    ]


def credits(alignment: Alignment) -> list[Evidence]:
    """A text that credits the other's outlet points at its source."""
    out = []
    a, b = alignment.a.article, alignment.b.article
    if a.outlet and _credits(b.credits, a.outlet, b.outlet):
        out.append(
            Evidence("credited_source", f"{b.name} names {a.outlet} as its source", CREDITED)
        )
    if b.outlet and _credits(a.credits, b.outlet, a.outlet):
        out.append(
            Evidence("credited_source", f"{a.name} names {b.outlet} as its source", -CREDITED)
        )
    return out


# A text that names the other's outlet as its source says which came first: as much as two
# times to the minute, more than any one kind of textual evidence.
CREDITED = 4.0


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
    if n == 1 and len(long) > 1 and SITE_NAMES.on and _spells(short[0], long):
        return True  # "washingtonpost" (washingtonpost.com) and "Washington Post"
    if n == 0 or long[:n] != short:
        return False
    if all(w in _NEWS_WORDS for w in long[n:]):
        return True
    return n >= 2 and not (is_agency(x) and is_agency(y))


SITE_NAMES = rule(
    "site-names",
    "direction",
    "a site's name is its outlet's written together, whole or by initials: washingtonpost.com "
    "and The Washington Post, nytimes.com and The New York Times, cnn.com and CNN",
)


def _spells(site: str, name: list[str]) -> bool:
    """Whether ``site`` is the words of ``name`` written together, each whole or by its
    first letter ("nytimes": New York Times; "latimes": Los Angeles Times)."""
    if not site.isalnum():
        return False
    ends = {0}
    for word in name:
        parts = {word, word[:1]}
        ends = {e + len(part) for e in ends for part in parts if site.startswith(part, e)}
        if not ends:
            return False
    return len(site) in ends


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


COMMON_CREDIT = rule(
    "common-credit",
    "direction",
    "two texts crediting the same third outlet, and not each other, had the text from it",
)


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
    """True when the derived text names the source's outlet (or is the same outlet's), or
    the outlet the source itself credits as its origin (two copies of a wire story that
    both name the wire); False when it names neither; None when the source's outlet is
    unknown."""
    if not source.outlet:
        return None
    if same_outlet(source, derived):
        return True  # the outlet's own update or re-run
    return _credits(derived.credits, source.outlet, derived.outlet) or bool(
        origin_credited(source, derived)
    )


def own_page(article: Article, outlet: str | None) -> bool:
    """Whether ``article`` is ``outlet``'s own (cnn.com's page for CNN)."""
    return bool(outlet and article.outlet) and _one_name(
        outlet_key(article.outlet or ""), outlet_key(outlet or "")
    )


def origin_credited(source: Article, derived: Article) -> str | None:
    """The outlet the source credits as its origin that the derived text credits too."""
    own = outlet_key(source.outlet) if source.outlet else None
    for origin in source.credits:
        if outlet_key(origin) != own and _credits(derived.credits, origin, derived.outlet):
            return origin
    return None


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
# Evidence that sums to less says "direction unknown": a credit, two dates or two kinds of
# textual evidence agreeing are needed to say which came first.
KNOWN = 1.0


def undecided() -> Evidence:
    """Said of a pair whose dates and texts point no way clearly (two undated copies word
    for word alike, or evidence too weak): its arrow is drawn one way only so that the pair
    has a place."""
    return Evidence(
        UNDECIDED,
        "neither the dates nor the texts say clearly which came first: the arrow may "
        "point the other way",
        0.0,
    )


def same_outlet(a: Article, b: Article) -> bool:
    return bool(a.outlet and b.outlet and outlet_key(a.outlet) == outlet_key(b.outlet))


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
    if origin := origin_credited(src, der):
        return [Evidence("credit", f"{der.name} credits {origin}, as {src.name} does")]
    if others:
        return [Evidence("credit", f"{der.name} credits {', '.join(others)}, not {src.outlet}")]
    return [Evidence("credit", f"{der.name} gives no credit to {src.outlet}")]


def lede(alignment: Alignment) -> list[Evidence]:
    """A head of one's own over the other's whole text marks the later text: a copy's own
    lede, or an update's new top (a live blog's latest entries, a story's new first
    paragraphs). A copy cuts its source's tail, not its head; an update adds at the top."""
    out = []
    heads = added_head(alignment)
    for doc, other, head, sign in (
        (alignment.b, alignment.a, heads[1], 1),
        (alignment.a, alignment.b, heads[0], -1),
    ):
        if head:
            said = "an intro of its own" if head <= 2 else f"{head} sentences of its own"
            out.append(
                Evidence(
                    "lede",
                    f"{doc.name} opens with {said}, then runs {other.name}'s text from the "
                    "top: it is the later text (a copy with its own intro, or an update)",
                    (LEDE if head > 2 else SHORT_LEDE) * sign,
                )
            )
    return out


LEDE = 0.75  # weight of a head of three sentences or more over the other's whole text
VERSIONS_NOTE = "; one holds the other's whole text under newer text: versions of that story"


def is_update(evidence: list[Evidence], score: float) -> bool:
    """Whether one text is the other's later version (a head of three sentences or more
    over its whole text) and the evidence tells which came first."""
    return abs(score) >= KNOWN and any(e.kind == "lede" and abs(e.weight) >= LEDE for e in evidence)


SHORT_LEDE = 0.4  # of one or two: a copy's lede, or a source's first line the copy dropped


def head_sentences(alignment: Alignment) -> tuple[frozenset[int], frozenset[int]]:
    """The sentences of each text that ``added_head`` counts (none where it counts 0)."""
    out = []
    for doc, aligned, n in zip(
        (alignment.a, alignment.b),
        (alignment.a_aligned, alignment.b_aligned),
        added_head(alignment),
        strict=True,
    ):
        own = [s.index for s in doc.sentences if s.index not in aligned]
        out.append(frozenset(own[:n]))  # the head is the first of its own sentences
    return out[0], out[1]


def added_head(alignment: Alignment) -> tuple[int, int]:
    """How many sentences each text puts at its top over the other's whole text: where it
    holds the other's text from its start to its end, in order and in one piece (a gap of
    a sentence here and there), with its own sentences before it (or after a shared first
    line, such as a live blog's standing introduction) and at most one after it. 0 for a
    text that does not: a text that holds the other in pieces, or goes on past it, is not
    its update."""
    if len(alignment.pairs) < 2:
        return 0, 0
    heads = []
    for forward in (True, False):
        mine_doc, theirs_doc = (alignment.a, alignment.b) if forward else (alignment.b, alignment.a)
        placed = sorted(
            (min(p.b if forward else p.a), min(p.a if forward else p.b)) for p in alignment.pairs
        )
        theirs = [t for t, _ in placed]
        mine = [m for _, m in placed]
        heads.append(_head(mine, theirs, len(mine_doc.sentences), len(theirs_doc.sentences)))
    return heads[0], heads[1]


def _head(mine: list[int], theirs: list[int], n_mine: int, n_theirs: int) -> int:
    """``mine``: where this text holds each of the other's shared sentences, taken in the
    other's order (``theirs``). A pair or two out of that order (a sentence a new entry
    repeats) is set aside."""
    chain = _increasing(mine)
    if len(chain) < 0.9 * len(mine):
        return 0
    mine = [mine[k] for k in chain]
    theirs = [theirs[k] for k in chain]
    if theirs[0] > 1 or len(theirs) < max(2, 0.6 * n_theirs):
        return 0
    if mine[-1] < n_mine - 2:
        return 0  # it goes on past the other's text
    start = 1 if mine[0] == 0 else 0  # a shared first line may come before the head
    if len(mine) <= start:
        return 0
    head = mine[start] - (mine[0] + 1 if start else 0)
    inner = sum(b - a - 1 for a, b in zip(mine[start:], mine[start + 1 :], strict=False))
    if head < 1 or inner > max(1, len(theirs) // 10):
        return 0
    return head


def _increasing(values: list[int]) -> list[int]:
    """Positions of a longest strictly increasing run of ``values`` (not necessarily
    adjacent)."""
    tails: list[int] = []
    ends: list[int] = []
    back: list[int | None] = []
    for k, v in enumerate(values):
        at = bisect_left(tails, v)
        if at == len(tails):
            tails.append(v)
            ends.append(k)
        else:
            tails[at] = v
            ends[at] = k
        back.append(ends[at - 1] if at else None)
    out: list[int] = []
    node = ends[-1] if ends else None
    while node is not None:
        out.append(node)
        node = back[node]
    return out[::-1]


EVIDENCE: tuple[tuple[Rule, Callable[[Alignment], list[Evidence]]], ...] = (
    (rule("dates", "direction", "the earlier publication is the source"), dates),
    (
        rule(
            "own-detail",
            "direction",
            "the text with more of its own is the source, as far as what it has is detail",
        ),
        containment,
    ),
    (
        rule(
            "dropped-specifics",
            "direction",
            "names, numbers and quotations one side of a shared sentence lacks mark the copy",
        ),
        asymmetry,
    ),
    (rule("slips", "direction", "a slip fixed in place marks the later text"), errors),
    (
        rule("house-style", "direction", "a trace of the other's quote style marks the copy"),
        house_style,
    ),
    (rule("credited-source", "direction", "a text naming the other's outlet copied it"), credits),
    (rule("own-lede", "direction", "a lede of one's own over a kept body marks the copy"), lede),
)
