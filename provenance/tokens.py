"""Words, stems and weights shared by the candidates, align and direction stages.

Pure functions, no I/O. Normalisation folds what copy editors change without changing the
story: quote and dash styles, case, US/UK spelling (so "cancelled" and "canceled" are one
word), and light inflection (so "sanctions" and "sanctioned" share a stem).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "—": "-",
        "–": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "\u00a0": " ",
    }
)
_WORD = re.compile(r"\$?\d+(?:[.,]\d+)*%?|[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)

STOPWORDS = frozenset(
    """
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
out over own same she should so some such than that the their theirs them themselves then
there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours yourself yourselves said says say
told tell according added add also would could may might must shall one two us s t can't
don't won't it's that's there's he's she's they're we're i'm isn't wasn't aren't weren't
however therefore thus hence whereas whether either neither yet still even ever much many
within without upon via per like unlike among amongst toward towards onto
""".split()
)


# Terminal escape sequences: untrusted article text must never drive a terminal.
ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor movement, screen clearing
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window title, hyperlinks, clipboard
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]"  # every other escape sequence
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)


# Per-sentence caches: a sentence is tokenised once for all the pairs it is aligned in.
# Candidates come in document order, so a few thousand documents' sentences are enough;
# larger caches only cost memory on a large archive.
SENTENCE_CACHE = 30_000


def strip_escapes(text: str) -> str:
    """Drop terminal escape sequences from untrusted text."""
    return ESCAPE_SEQUENCE.sub("", text)


def normalize(text: str) -> str:
    """Fold quote/dash styles and Unicode forms; keep case and punctuation otherwise."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)


def unaccented(text: str) -> str:
    """``text`` without its accents ("Niinistö" -> "Niinisto")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=SENTENCE_CACHE)
def fold(text: str) -> str:
    """A comparison key: normalised, lower case, single spaces."""
    return " ".join(normalize(text).lower().split())


def words(text: str) -> list[str]:
    """Lower-case word and number tokens of a text."""
    return list(_words(text))


@lru_cache(maxsize=SENTENCE_CACHE)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(normalize(text).lower()))  # normalize folds ’ into '


_UK_US = {
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "pretence": "pretense",
    "grey": "gray",
    "programme": "program",
    "cheque": "check",
    "tyre": "tire",
    "kerb": "curb",
    "aluminium": "aluminum",
    "whilst": "while",
    "amongst": "among",
    "towards": "toward",
    "analyse": "analyze",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "judgement": "judgment",
    "enrol": "enroll",
    "fulfil": "fulfill",
    "manoeuvre": "maneuver",
    "sceptical": "skeptical",
}
_NOT_OUR = frozenset(
    {
        "four",
        "hour",
        "your",
        "tour",
        "pour",
        "sour",
        "dour",
        "flour",
        "scour",
        "devour",
        "detour",
        "contour",
        "amour",
        "velour",
        "troubadour",
    }
)
_OUR = re.compile(r"our(?=(?:s|ed|ing|ite|ites|ful|able|ably|er|ers|less|ism)?$)")
_NOT_RE = frozenset({"timbre", "genre", "macabre", "cadre", "lucre", "ogre", "acre", "padre"})
_DOUBLE_L = re.compile(r"(?:(?<=\w{2})(e)|(?<=\w{3})([aio]))ll(ed|ing|er|ers)$")


@lru_cache(maxsize=200_000)
def spelling_key(word: str) -> str:
    """Fold British spellings onto American ones: colour->color, cancelled->canceled.

    A folding key, applied to both sides of a comparison: it must bring variants together;
    folding a word that has no variant is harmless as long as two distinct words do not meet.
    """
    w = _UK_US.get(word, word)
    if w.endswith("s") and w[:-1] in _UK_US:
        w = _UK_US[w[:-1]] + "s"
    m = _OUR.search(w)
    if m and len(w) >= 5 and w[: m.start() + 3] not in _NOT_OUR:
        w = w[: m.start()] + "or" + w[m.start() + 3 :]
    w = re.sub(r"(?<=[a-z]{3})is(e|es|ed|ing|er|ers|ation|ations)$", r"iz\1", w)
    w = re.sub(r"(?<=[a-z]{3})ys(e|es|ed|ing)$", r"yz\1", w)
    if w.rstrip("s") not in _NOT_RE:
        w = re.sub(r"(?<=[a-z]{2})([tb])re(s?)$", r"\1er\2", w)
    if len(w) >= 6:
        w = _DOUBLE_L.sub(lambda m: (m.group(1) or m.group(2)) + "l" + m.group(3), w)
    return w


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English stemmer over spelling-folded words; numbers are kept whole."""
    w = spelling_key(word)
    if not w.isalpha() or len(w) <= 3:
        return w
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, keep in (
        ("ational", "ate"),
        ("ization", "ize"),
        ("ations", "ate"),
        ("ation", "ate"),
        ("ements", ""),
        ("ement", ""),
        ("ments", ""),
        ("ment", ""),
        ("nesses", ""),
        ("ness", ""),
        ("ingly", ""),
        ("edly", ""),
        ("ings", ""),
        ("ing", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("ly", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                return w
            base = w[: len(w) - len(suffix)] + keep
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]
            return base.rstrip("e") if len(base) > 4 else base
    return w.rstrip("e") if len(w) > 4 else w


def is_content(word: str) -> bool:
    """Whether a lower-case word token carries content: not a stop word, not a lone letter."""
    return word not in STOPWORDS and len(word) > 1 or word.isdigit()


@lru_cache(maxsize=SENTENCE_CACHE)
def _content_stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in _words(text) if is_content(w))


def word_tokens(text: str) -> tuple[str, ...]:
    """Lower-case word and number tokens of a text, as a tuple (cached per sentence)."""
    return _words(text)


@lru_cache(maxsize=SENTENCE_CACHE)
def stem_set(text: str) -> frozenset[str]:
    """The distinct content stems of a text."""
    return frozenset(_content_stems(text))


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry content (stop words dropped), in order."""
    return list(_content_stems(text))


_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*|\b[A-Z]{2,}\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# "1." or "2)" opening a list item (at the start, or after a sentence or clause ends)
_ENUMERATOR = re.compile(
    r"(?:^|(?<=[.!?:;]\s))(?<!No\.\s)(?<!\b[A-Z][a-z]\.\s)(?<!\b[A-Z][a-z]{2}\.\s)(?<!Sept\.\s)"
    r"\(?(\d{1,2})[.)](?=\s)"
)  # not after an abbreviation: "Jan. 5.", "No. 3." are a date and a reference
# A quotation in double quotes, or in single quotes as British house style writes it: a
# single quote opens where no letter precedes it and closes where none follows, so the
# apostrophes of "don't" and "workers' union" neither open nor close one. Curly quotes
# are folded to these by ``normalize`` first.
QUOTATION = re.compile(r'"([^"]{1,300})"|(?<!\w)\'([^\n]{1,300}?)\'(?!\w)')


# An aside in brackets of two words or more: "(and in general, any objects)", "(about $60
# million)". One word in brackets, "(WHO)", "(1998)", is a name or a number like any other;
# brackets that follow a word without a space, "P(A|B)", "f(x, y)", are a formula's.
ASIDE = re.compile(r"(?<!\w)\(([^()]{3,300})\)")


def specifics(text: str) -> set[str]:
    """Names, numbers, quoted phrases and asides in brackets: what a copy tends to keep or
    drop and a rewrite cannot invent. An aside counts once, whole ("(" + its words + ")"):
    the names and numbers inside it are its own, not counted again."""
    return set(_specifics(text))


@lru_cache(maxsize=SENTENCE_CACHE)
def _specifics(text: str) -> frozenset[str]:
    t = normalize(text)
    unquoted = QUOTATION.sub(" ", t)  # an aside inside a quotation is the quotation's
    asides = {fold(m.group(1)) for m in ASIDE.finditer(unquoted) if len(m.group(1).split()) > 1}
    rest = ASIDE.sub(lambda m: " " if fold(m.group(1)) in asides else m.group(0), t)
    names = {m.group(0).lower() for m in _NAME.finditer(rest)} - STOPWORDS
    numbers = {m.group(0) for m in _NUMBER.finditer(rest)}
    quotes = {fold(q) for m in QUOTATION.finditer(t) if len(q := m.group(1) or m.group(2)) >= 3}
    return frozenset(names | numbers | {"“" + q for q in quotes} | {f"({a})" for a in asides})


@lru_cache(maxsize=SENTENCE_CACHE)
def list_numbers(text: str) -> frozenset[str]:
    """The numbers of a text that only number its list items ("1. Drains...", "2) Pay..."):
    its structure, not figures it reports."""
    t = normalize(text)
    marks = {m.group(1) for m in _ENUMERATOR.finditer(t)}
    if not marks:
        return frozenset()
    return frozenset(marks - {m.group(0) for m in _NUMBER.finditer(_ENUMERATOR.sub(" ", t))})


class Weights:
    """Word weights from document frequencies, with a prior of unseen documents.

    ``prior`` pseudo-documents in which no word occurs keep a small collection from making
    every shared word look common; in a large collection the prior fades and the weight
    tends to plain inverse document frequency. Stop words weigh nothing.
    """

    def __init__(self, df: Mapping[str, int], n_docs: int, *, prior: int = 20) -> None:
        self.df = df
        self.total = n_docs + prior + 1
        self.norm = max(math.log(self.total / 2), 1e-9)
        self._memo: dict[str, float] = {}

    @classmethod
    def from_documents(cls, stem_sets: Iterable[Iterable[str]], *, prior: int = 20) -> Weights:
        df: dict[str, int] = {}
        n = 0
        for stems in stem_sets:
            n += 1
            for s in set(stems):
                df[s] = df.get(s, 0) + 1
        return cls(df, n, prior=prior)

    def __call__(self, stem_: str) -> float:
        weight = self._memo.get(stem_)
        if weight is None:
            weight = self._memo[stem_] = self._weigh(stem_)
        return weight

    def _weigh(self, stem_: str) -> float:
        if stem_ in STOPWORDS:
            return 0.0
        df = max(self.df.get(stem_, 1), 1)
        return max(math.log(self.total / (df + 1)) / self.norm, 0.0)


# News agencies known under several names: a dateline's tag, the full name, the name of the
# agency's own site. Each group's names are one outlet: "(AP)" in a story on AP News credits
# its own outlet, and two copies crediting "AFP" and "Agence France-Presse" credit one source.
AGENCY_ALIASES = (
    ("Associated Press", "AP", "AP News", "apnews.com"),
    ("Agence France-Presse", "AFP", "Agence France Presse"),
    ("Reuters", "Thomson Reuters", "reuters.com"),
    ("Anadolu Agency", "AA", "Anadolu", "Anadolu Ajansı", "aa.com.tr"),
    ("Xinhua", "Xinhua News Agency", "Xinhuanet", "xinhuanet.com", "news.cn"),
    ("Press Trust of India", "PTI"),
    ("Asian News International", "ANI"),
    ("Indo-Asian News Service", "IANS", "Indo Asian News Service"),
    ("United News of India", "UNI"),
    ("TASS", "ТАСС", "tass.com"),
    ("RIA Novosti", "РИА Новости"),
    ("Interfax", "Интерфакс"),
    ("Deutsche Presse-Agentur", "dpa"),
    ("Agencia EFE", "EFE"),
    ("Kyodo News", "Kyodo"),
    ("Yonhap News Agency", "Yonhap"),
    ("PA Media", "Press Association", "PA"),
    ("Australian Associated Press", "AAP"),
    ("The Canadian Press", "Canadian Press", "CP"),
    ("Emirates News Agency", "WAM"),
    ("Kuwait News Agency", "KUNA"),
    ("Saudi Press Agency", "SPA"),
    ("Qatar News Agency", "QNA"),
    ("Islamic Republic News Agency", "IRNA"),
    ("Middle East News Agency", "MENA"),
    ("Antara", "ANTARA", "Antara News"),
    ("Bernama", "BERNAMA"),
    ("Associated Press of Pakistan", "APP"),
)


def _bare(name: str) -> str:
    """Folded, without a feed's section after the name ("BBC News - World", "Reuters: World
    News"), a web address's ending ("ndtv.com"), a leading "the" or a closing "news agency"
    ("Xinhua News Agency", as credits are read)."""
    key = _SECTION.split(fold(name), maxsplit=1)[0].strip(" .,-—–")
    key = _WEB_ENDING.sub("", key)
    key = key[4:] if key.startswith("the ") else key
    return key[: -len(" news agency")] if key.endswith(" news agency") else key


_SECTION = re.compile(r"\s+[-—–|>]\s+|:\s+")
_WEB_ENDING = re.compile(r"^www\.(?=[\w-]+\.)|(?<=\w)\.(?:com|net|org|co\.uk|co\.in|in|news|tv)$")


_AGENCY_KEYS = {_bare(name): _bare(group[0]) for group in AGENCY_ALIASES for name in group}


def outlet_key(name: str) -> str:
    """One key for the names of one outlet: folded, without a leading "the", and the same for
    every name of an agency in ``AGENCY_ALIASES`` ("AP", "The Associated Press", "AP News")."""
    key = _bare(name)
    return _AGENCY_KEYS.get(key, key)


def is_agency(name: str) -> bool:
    """Whether ``name`` is one of the names of an agency in ``AGENCY_ALIASES``."""
    return _bare(name) in _AGENCY_KEYS
